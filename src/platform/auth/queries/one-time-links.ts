/**
 * One-time links mailed to a person: password resets (migrations/0004),
 * e-mail changes (0007), and for their last step invitations. The link
 * carries a random 256-bit token; the table keeps only its SHA-256, so a
 * leaked table holds no working link. A link works once and for a limited
 * time, and only the newest request's link works: making one closes the
 * user's open ones. Marking a link used is a guarded UPDATE, so two parallel
 * uses cannot both succeed. Every recovery and every change of a credential
 * ends all of an account's pending links at once (endPendingLinks).
 */
import { sql } from 'kysely';
import { enterScope, type Tx } from '../../db/tenant.ts';
import { updatedOne } from '../../db/updates.ts';
import { hashToken, randomToken } from '../../security/tokens.ts';

/** The links that belong to an existing account (an invitation's account does not exist yet). */
export type LinkKind = 'password_reset' | 'email_change';

const LIFETIME_MS: Record<LinkKind, number> = {
  password_reset: 60 * 60_000,
  email_change: 24 * 60 * 60_000,
};

/** Requests per account per hour beyond which no more reset mails go out (inbox flooding). */
export const RESET_REQUESTS_PER_HOUR = 3;

/** An open link and the enabled account it acts on. */
export type OpenLink = {
  tokenHash: string;
  userId: string;
  centreId: string | null;
  /** The account's current address. */
  email: string;
  displayName: string;
};

export type OpenEmailChange = OpenLink & { newEmail: string };

/** What a new link is for: a reset, or a change to `newEmail`. */
export type NewLink = { kind: 'password_reset' } | { kind: 'email_change'; newEmail: string };

/** A token has the shape randomToken(32) produces; anything else is not looked up at all. */
export function isTokenShaped(token: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(token);
}

/** Close the user's open links of a kind (before a new one; endPendingLinks closes every kind). */
async function closeOpenLinks(trx: Tx, kind: LinkKind, userId: string, now: Date): Promise<void> {
  await trx
    .updateTable(kind)
    .set({ used_at: now })
    .where('user_id', '=', userId)
    .where('used_at', 'is', null)
    .execute();
}

/**
 * End every pending one-time link of the account: its open e-mail changes
 * and password resets, and the open invitations to its address. Called in
 * the same transaction as every recovery and every change of a credential
 * (operator reset, disabling, re-admission, re-enrolment, password reset
 * and change, a new authenticator app, removed passkeys, new recovery
 * codes, a changed address). A link requested earlier — perhaps by someone
 * who then held a session or the mailbox — must not outlive the recovery:
 * used afterwards, an e-mail change would hand the attacker the address and
 * with it the way back in. The link a flow is itself using is consumed
 * first (consumeLink), so it is no longer pending here.
 *
 * In an account scope (a flow before or outside a staff session, ADR 021)
 * invitations are visible only to a scope bound to their address, so the
 * scope is bound to this account and its address from here on (a link it
 * was bound to stays). Every other scope is left as it is.
 *
 * Lock order: the link rows first, then the account row (`FOR UPDATE`), the
 * same order as the flows that use a link (consume it, then change the
 * account), so a parallel confirmation either finishes before — and this
 * transaction sees the address it set — or finds its link ended.
 *
 * @returns the account's confirmed address as of now (locked until the
 *   transaction ends), or null when the scope cannot see the account
 */
export async function endPendingLinks(trx: Tx, userId: string, now: Date): Promise<string | null> {
  await closeOpenLinks(trx, 'email_change', userId, now);
  await closeOpenLinks(trx, 'password_reset', userId, now);
  const bound = await currentScope(trx);
  const closeInvitations = async (email: string) => {
    if (bound.scope === 'account')
      await enterScope(trx, { kind: 'account', userId, email, ...(bound.link ? { linkTokenHash: bound.link } : {}) });
    await closeOpenInvitations(trx, email, now);
  };
  const seen = await accountAddress(trx, userId, false);
  if (seen === null) return null;
  await closeInvitations(seen);
  const confirmed = await accountAddress(trx, userId, true);
  // Changed between the two reads (a confirmation that was already committing): its invitations too.
  if (confirmed !== null && confirmed !== seen) await closeInvitations(confirmed);
  return confirmed;
}

/** The transaction's scope kind and the link it is bound to, as set by enterScope. */
async function currentScope(trx: Tx): Promise<{ scope: string; link: string }> {
  const r = await sql<{ scope: string | null; link: string | null }>`
    SELECT current_setting('app.scope', true) AS scope, current_setting('app.link_token', true) AS link`.execute(trx);
  return { scope: r.rows[0]?.scope ?? '', link: r.rows[0]?.link ?? '' };
}

async function accountAddress(trx: Tx, userId: string, lock: boolean): Promise<string | null> {
  const row = await trx
    .selectFrom('app_user')
    .select('email')
    .where('id', '=', userId)
    .$if(lock, (q) => q.forUpdate())
    .executeTakeFirst();
  return row?.email ?? null;
}

/**
 * Close every other open invitation to `email` (after an acceptance, or
 * before issuing a fresh setup link), so no stale link can later act on
 * the account.
 */
export async function closeOpenInvitations(trx: Tx, email: string, now: Date): Promise<number> {
  const r = await trx
    .updateTable('invitation')
    .set({ used_at: now })
    .where('email', '=', email)
    .where('used_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows);
}

/** A new link for the user. @returns the token (shown once in the mail, never stored) */
export async function createLink(
  trx: Tx,
  link: NewLink,
  user: { id: string; centreId: string | null },
  now: Date,
): Promise<string> {
  await closeOpenLinks(trx, link.kind, user.id, now);
  const token = randomToken(32);
  const row = {
    token_hash: hashToken(token),
    user_id: user.id,
    centre_id: user.centreId,
    created_at: now,
    expires_at: new Date(now.getTime() + LIFETIME_MS[link.kind]),
  };
  if (link.kind === 'email_change')
    await trx
      .insertInto('email_change')
      .values({ ...row, new_email: link.newEmail })
      .execute();
  else await trx.insertInto('password_reset').values(row).execute();
  return token;
}

/** The columns both link tables have, read through one alias. */
type LinkRow = { token_hash: string; user_id: string; expires_at: Date; used_at: Date | null };

/**
 * The open link for `token` of an enabled account, or null: unknown, used,
 * expired, or the account disabled all look alike. A reset also needs an
 * account that finished enrolment (a second factor to ask for next).
 */
export async function findOpenLink(
  trx: Tx,
  kind: 'email_change',
  token: string,
  now: Date,
): Promise<OpenEmailChange | null>;
export async function findOpenLink(trx: Tx, kind: 'password_reset', token: string, now: Date): Promise<OpenLink | null>;
export async function findOpenLink(
  trx: Tx,
  kind: LinkKind,
  token: string,
  now: Date,
): Promise<OpenLink | OpenEmailChange | null> {
  if (!isTokenShaped(token)) return null;
  const row = await trx
    // sql.table quotes the name; kind is one of the two literals above.
    .selectFrom(sql<LinkRow>`${sql.table(kind)}`.as('l'))
    .innerJoin('app_user as u', 'u.id', 'l.user_id')
    .select(['l.token_hash', 'l.user_id', 'u.centre_id', 'u.email', 'u.display_name'])
    .$if(kind === 'email_change', (q) => q.select(sql<string>`l.new_email`.as('new_email')))
    .where('l.token_hash', '=', hashToken(token))
    .where('l.used_at', 'is', null)
    .where('l.expires_at', '>', now)
    .where('u.disabled_at', 'is', null)
    .$if(kind === 'password_reset', (q) => q.where('u.mfa_enrolled_at', 'is not', null))
    .executeTakeFirst();
  if (!row) return null;
  const link = {
    tokenHash: row.token_hash,
    userId: row.user_id,
    centreId: row.centre_id,
    email: row.email,
    displayName: row.display_name,
  };
  return row.new_email === undefined ? link : { ...link, newEmail: row.new_email };
}

/**
 * Mark a link used if it still is open. Returns false when another request
 * got there first (or it expired meanwhile): the caller must then roll back
 * whatever it wrote.
 */
export async function consumeLink(
  trx: Tx,
  kind: LinkKind | 'invitation',
  tokenHash: string,
  now: Date,
): Promise<boolean> {
  return updatedOne(
    trx
      .updateTable(kind)
      .set({ used_at: now })
      .where('token_hash', '=', tokenHash)
      .where('used_at', 'is', null)
      .where('expires_at', '>', now),
  );
}

/** How many reset links the user requested within the last hour. */
export async function recentResetCount(trx: Tx, userId: string, now: Date): Promise<number> {
  const row = await trx
    .selectFrom('password_reset')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('user_id', '=', userId)
    .where('created_at', '>', new Date(now.getTime() - 60 * 60_000))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}
