/**
 * JSON endpoints for public/passkey.js (the browser half of WebAuthn).
 *
 * Adding a passkey (account page, policy action 'account.manage', recent
 * re-authentication required — it changes how one can sign in):
 *   POST /:lang/staff/account/passkeys/options  → creation options
 *   POST /:lang/staff/account/passkeys          ← {name, credential} → {redirect}
 * Signing in with a passkey as the second factor (password-stage session):
 *   POST /:lang/staff/passkey/options           → request options
 *   POST /:lang/staff/passkey/verify            ← {credential, next?} → {redirect}
 * Re-authenticating with a passkey (a full session; the only step-up an
 * administrator has, policy.ts PASSKEY_ONLY_ROLES):
 *   POST /:lang/staff/reauth/passkey/options    → request options
 *   POST /:lang/staff/reauth/passkey            ← {credential, next?} → {redirect}
 * All are POST with the session's CSRF token in `x-csrf-token` (checked by
 * the auth plugin), answer JSON and never a page.
 */
import type { FastifyPluginAsync, FastifyReply } from 'fastify';
import { z } from 'zod';
import { audit } from '../../../platform/audit/audit.ts';
import { safeNextPath, staffHome } from '../../../platform/auth/next-path.ts';
import { checkLockout, recordFailedAttempt } from '../../../platform/auth/failed-attempt.ts';
import { hasRecentAuth, reauthPath, recordReauthentication } from '../../../platform/auth/reauth.ts';
import { completeSecondFactor } from '../../../platform/auth/second-factor.ts';
import { recordFailure, throttleKeys } from '../../../platform/auth/throttle.ts';
import { parseOr400 } from '../../../platform/http/errors.ts';
import { sessionTx, staffRequest } from '../../../platform/request/context.ts';
import { ACCOUNT_MANAGE } from '../../../platform/auth/policy.ts';
import { authenticationOptions, registrationOptions, verifyAuthentication } from './ceremonies.ts';
import { passkeyUserName } from './queries.ts';
import { addPasskey } from './add-passkey.ts';
import { authenticationResponse, registerBody } from './webauthn-json.ts';

const emptyBody = z.union([z.object({}).strict(), z.null(), z.undefined()]);
const verifyBody = z.object({ credential: authenticationResponse, next: z.string().max(512).optional() }).strict();

function json(reply: FastifyReply, status: number, body: Record<string, unknown>): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

export const passkeyRoutes: FastifyPluginAsync = async (app) => {
  const manage = { config: { action: ACCOUNT_MANAGE } };
  const pending = { config: { authFlow: 'pending' as const } };

  app.post('/:lang/staff/account/passkeys/options', manage, async (req, reply) => {
    const { actor, locale, tx } = staffRequest(req);
    parseOr400(emptyBody, req.body, 'body');
    const account = `/${locale}/staff/account`;
    if (!hasRecentAuth(req)) return json(reply, 403, { error: 'reauth_required', redirect: reauthPath(req, account) });
    const options = await tx(async (trx) => {
      const user = await passkeyUserName(trx, actor.userId);
      if (!user) throw new Error('the signed-in user is not visible in their own scope');
      return registrationOptions(app, trx, { sessionHash: actor.sessionHash, userId: actor.userId, ...user });
    });
    return json(reply, 200, options as unknown as Record<string, unknown>);
  });

  app.post('/:lang/staff/account/passkeys', manage, async (req, reply) => {
    const { actor, locale, scope } = staffRequest(req);
    const body = parseOr400(registerBody, req.body, 'body');
    const account = `/${locale}/staff/account`;
    if (!hasRecentAuth(req)) return json(reply, 403, { error: 'reauth_required', redirect: reauthPath(req, account) });
    const outcome = await addPasskey(
      app,
      { sessionHash: actor.sessionHash, userId: actor.userId, centreId: actor.centreId, scope },
      body,
    );
    if (outcome !== 'added') return json(reply, 400, { error: outcome });
    return json(reply, 200, { redirect: `${account}?done=passkey_added` });
  });

  app.post('/:lang/staff/reauth/passkey/options', manage, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    parseOr400(emptyBody, req.body, 'body');
    const options = await tx((trx) =>
      authenticationOptions(app, trx, { sessionHash: actor.sessionHash, userId: actor.userId }),
    );
    if (!options) return json(reply, 404, { error: 'no_passkey' });
    return json(reply, 200, options as unknown as Record<string, unknown>);
  });

  app.post('/:lang/staff/reauth/passkey', manage, async (req, reply) => {
    const { actor, locale, tx } = staffRequest(req);
    const body = parseOr400(verifyBody, req.body, 'body');
    const now = app.clock.now();
    const outcome = await tx(async (trx) => {
      const user = await passkeyUserName(trx, actor.userId);
      if (!user) throw new Error('the signed-in user is not visible in their own scope');
      const keys = throttleKeys(app.keys.server, user.email, req.ip);
      const locked = await checkLockout(
        app,
        trx,
        keys,
        { user: { id: actor.userId, centreId: actor.centreId }, step: 'reauth' },
        now,
      );
      if (locked !== null) return { kind: 'locked' as const, seconds: locked, email: user.email };
      const session = { sessionHash: actor.sessionHash, userId: actor.userId };
      if (!(await verifyAuthentication(app, trx, session, body.credential)))
        return { kind: 'failed' as const, email: user.email };
      await recordReauthentication(app, trx, actor, 'passkey', now);
      return { kind: 'ok' as const };
    });
    if (outcome.kind === 'ok') return json(reply, 200, { redirect: safeNextPath(body.next) ?? staffHome(locale) });
    const seconds =
      outcome.kind === 'locked'
        ? outcome.seconds
        : await recordFailedAttempt(
            app,
            req,
            outcome.email,
            { id: actor.userId, centreId: actor.centreId },
            'reauth',
            'wrong_passkey',
          );
    if (seconds !== null)
      return json(reply.header('retry-after', String(seconds)), 429, { error: 'locked', retry_after: seconds });
    return json(reply, 400, { error: 'not_verified' });
  });

  app.post('/:lang/staff/passkey/options', pending, async (req, reply) => {
    parseOr400(emptyBody, req.body, 'body');
    const s = req.authSession;
    if (!s) return json(reply, 401, { error: 'Not signed in' }); // the hook already refused
    const options = await sessionTx(req, (trx) =>
      authenticationOptions(app, trx, { sessionHash: s.tokenHash, userId: s.userId }),
    );
    if (!options) return json(reply, 404, { error: 'no_passkey' });
    return json(reply, 200, options as unknown as Record<string, unknown>);
  });

  app.post('/:lang/staff/passkey/verify', pending, async (req, reply) => {
    const locale = req.locale;
    const body = parseOr400(verifyBody, req.body, 'body');
    const s = req.authSession;
    if (!s) return json(reply, 401, { error: 'Not signed in' });
    const now = app.clock.now();
    const outcome = await sessionTx(req, async (trx) => {
      const user = await passkeyUserName(trx, s.userId);
      if (!user) return { kind: 'gone' as const };
      // The same per-account and per-address limits as the TOTP step.
      const keys = throttleKeys(app.keys.server, user.email, req.ip);
      const locked = await checkLockout(
        app,
        trx,
        keys,
        { user: { id: s.userId, centreId: s.centreId }, step: 'second_factor' },
        now,
      );
      if (locked !== null) return { kind: 'locked' as const, seconds: locked };
      if (await verifyAuthentication(app, trx, { sessionHash: s.tokenHash, userId: s.userId }, body.credential)) {
        await completeSecondFactor(req, reply, trx, s.userId, 'passkey');
        return { kind: 'ok' as const };
      }
      const retry = await recordFailure(trx, keys, now);
      await audit(
        trx,
        app.keys.audit,
        {
          event: 'auth.sign_in_failed',
          actorId: null,
          centreId: s.centreId,
          objectType: 'app_user',
          objectId: s.userId,
          details: { step: 'second_factor', reason: 'wrong_passkey', locked: retry !== null },
        },
        now,
      );
      return retry === null ? { kind: 'failed' as const } : { kind: 'locked' as const, seconds: retry };
    });
    if (outcome.kind === 'ok') return json(reply, 200, { redirect: safeNextPath(body.next) ?? staffHome(locale) });
    if (outcome.kind === 'gone') return json(reply, 401, { error: 'Not signed in' });
    if (outcome.kind === 'locked')
      return json(reply.header('retry-after', String(outcome.seconds)), 429, {
        error: 'locked',
        retry_after: outcome.seconds,
      });
    return json(reply, 400, { error: 'not_verified' });
  });
};
