/**
 * Adding a passkey: the registration response is checked against the
 * challenge stored for this session, then the credential is stored and the
 * addition audited — one transaction in the owner's scope. Used by the
 * account page and by the administrators' passkey set-up.
 */
import type { FastifyInstance } from 'fastify';
import type { z } from 'zod';
import { audit } from '../../../platform/audit/audit.ts';
import { withScope, type Scope } from '../../../platform/db/tenant.ts';
import { verifyRegistration } from './ceremonies.ts';
import { auditCredentialId, insertPasskey, passkeyIdTaken } from './queries.ts';
import type { registerBody } from './webauthn-json.ts';
import { sendSecurityNotice } from '../../../platform/auth/security-notice.ts';
import { endPendingLinks } from '../../../platform/auth/queries/one-time-links.ts';

function isUniqueViolation(err: unknown): boolean {
  return (err as { code?: unknown }).code === '23505';
}

export type AddPasskeyOutcome = 'added' | 'not_verified' | 'already_registered';

/**
 * Check a registration response against the challenge stored for this
 * session and store the passkey, audited as `auth.mfa_passkey_added`
 * (with `details`, e.g. where it was added). Used by the account page and by
 * the administrators' passkey set-up (passkey-setup-routes.ts).
 */
export async function addPasskey(
  app: FastifyInstance,
  owner: { sessionHash: string; userId: string; centreId: string | null; scope: Scope },
  body: z.infer<typeof registerBody>,
  details?: Record<string, string>,
): Promise<AddPasskeyOutcome> {
  const now = app.clock.now();
  try {
    return await withScope(app.database.db, owner.scope, async (trx) => {
      const verified = await verifyRegistration(
        app,
        trx,
        { sessionHash: owner.sessionHash, userId: owner.userId },
        body.credential,
      );
      if (!verified) return 'not_verified';
      if (await passkeyIdTaken(trx, verified.id)) return 'already_registered';
      await insertPasskey(trx, { ...verified, userId: owner.userId, centreId: owner.centreId, name: body.name }, now);
      // A new way to sign in: no link asked for before (by whoever held a session then) outlives it.
      await endPendingLinks(trx, owner.userId, now);
      await sendSecurityNotice(app, trx, owner.userId, 'passkeyAdded', now);
      await audit(
        trx,
        app.keys.audit,
        {
          event: 'auth.mfa_passkey_added',
          actorId: owner.userId,
          centreId: owner.centreId,
          objectType: 'webauthn_credential',
          objectId: auditCredentialId(verified.id),
          ...(details ? { details } : {}),
        },
        now,
      );
      return 'added';
    });
  } catch (err) {
    // The same credential id registered in a centre this scope cannot see.
    if (!isUniqueViolation(err)) throw err;
    return 'already_registered';
  }
}
