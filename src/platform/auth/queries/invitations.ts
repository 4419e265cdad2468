/**
 * Invitations: the only way an account comes into being (no self-registration).
 * The link carries a random 256-bit token; the table keeps only its SHA-256,
 * so a leaked table holds no working link. A link expires after 72 hours and
 * works once: acceptance marks it used (consumeLink, one-time-links.ts) in
 * the same transaction that creates the account, so two parallel acceptances
 * cannot both succeed.
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '../../db/schema.ts';
import type { Tx } from '../../db/tenant.ts';
import type { Locale } from '../../i18n/index.ts';
import { hashToken, randomToken } from '../../security/tokens.ts';
import { isTokenShaped } from './one-time-links.ts';

const INVITATION_TTL_MS = 72 * 60 * 60_000;

export type NewInvitation = {
  email: string;
  role: Role;
  /** Required for centre roles, null for network roles (the table enforces it). */
  centreId: string | null;
  invitedBy: string | null;
  displayName?: string | null;
};

export type OpenInvitation = {
  id: string;
  tokenHash: string;
  email: string;
  role: Role;
  centreId: string | null;
  displayName: string | null;
  expiresAt: Date;
};

/** The setup link for a token: `${publicOrigin}/<lang>/staff/invitation/<token>`. */
export function invitationLink(publicOrigin: string, locale: Locale, token: string): string {
  return `${publicOrigin}/${locale}/staff/invitation/${token}`;
}

/**
 * Store a new invitation (inside the caller's scoped transaction, whose
 * row-level security decides whether the centre may be written).
 * @returns the token for the link — shown once, never stored
 */
export async function createInvitation(trx: Tx, inv: NewInvitation, now: Date): Promise<{ id: string; token: string }> {
  const id = randomUUID();
  const token = randomToken(32);
  await trx
    .insertInto('invitation')
    .values({
      id,
      token_hash: hashToken(token),
      email: inv.email,
      role: inv.role,
      centre_id: inv.centreId,
      invited_by: inv.invitedBy,
      display_name: inv.displayName ?? null,
      created_at: now,
      expires_at: new Date(now.getTime() + INVITATION_TTL_MS),
    })
    .execute();
  return { id, token };
}

/** The unused, unexpired invitation for `token`, or null (unknown, used and expired look the same). */
export async function findOpenInvitation(trx: Tx, token: string, now: Date): Promise<OpenInvitation | null> {
  if (!isTokenShaped(token)) return null;
  const row = await trx
    .selectFrom('invitation')
    .select(['id', 'token_hash', 'email', 'role', 'centre_id', 'display_name', 'expires_at'])
    .where('token_hash', '=', hashToken(token))
    .where('used_at', 'is', null)
    .where('expires_at', '>', now)
    .executeTakeFirst();
  if (!row) return null;
  return {
    id: row.id,
    tokenHash: row.token_hash,
    email: row.email,
    role: row.role,
    centreId: row.centre_id,
    displayName: row.display_name,
    expiresAt: new Date(row.expires_at),
  };
}
