/**
 * Passkey set-up for administrators (checklist #1, "passkeys for admins").
 * An administrator who completed the sign-in with a TOTP code or a recovery
 * code — the first time after the invitation or `users create-admin`, or
 * after losing the passkey — has a restricted session (session-hook.ts):
 * no `actor`, and these routes (authFlow 'passkey_setup') are the only ones
 * it reaches; every other staff route sends it here.
 *
 *   GET  /:lang/staff/passkey-setup           the explanation and the form
 *   POST /:lang/staff/passkey-setup/options   creation options (JSON)
 *   POST /:lang/staff/passkey-setup           ← {name, credential} → {redirect}
 *   POST /:lang/staff/passkey-setup/sign-out  end the restricted session
 *
 * After a passkey is added the restricted session ENDS and the administrator
 * signs in again with the passkey. We deliberately do not upgrade the
 * session in place: an upgrade would grant full rights to a session whose
 * sign-in rested on a code — exactly what the rule forbids — and would need
 * its own token rotation. Signing in again keeps one invariant (a full
 * administrator session is only ever created by completeSecondFactor after a
 * verified passkey assertion), proves that the new passkey works before the
 * administrator relies on it, and costs one more sign-in, once.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../../../platform/audit/audit.ts';
import { clearSessionCookie } from '../../../platform/auth/cookie.ts';
import { csrfField, csrfToken } from '../../../platform/auth/csrf.ts';
import { signInPath } from '../../../platform/auth/next-path.ts';
import { REAUTH_MAX_AGE_MINUTES } from '../../../platform/auth/reauth.ts';
import { deleteSession } from '../../../platform/auth/queries/sessions.ts';
import { type LoadedSession } from '../../../platform/auth/session.ts';
import { sessionTx } from '../../../platform/request/context.ts';
import { parseOr400 } from '../../../platform/http/errors.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { pageContext } from '../../../platform/layout/context.ts';
import { sendPage } from '../../../platform/layout/render.ts';
import { PasskeySetupPage } from '../views/PasskeySetupPage.tsx';
import { registrationOptions } from './ceremonies.ts';
import { listPasskeys, passkeyUserName } from './queries.ts';
import { addPasskey } from './add-passkey.ts';
import { registerBody } from './webauthn-json.ts';

const emptyBody = z.union([z.object({}).strict(), z.null(), z.undefined()]);
const csrfOnly = z.object({ ...csrfField }).strict();

function json(reply: FastifyReply, status: number, body: Record<string, unknown>): FastifyReply {
  return reply.code(status).type('application/json; charset=utf-8').send(body);
}

/** The restricted session (the authorisation hook let only such a session in). */
function restrictedSession(req: FastifyRequest): LoadedSession {
  const s = req.authSession;
  if (!s) throw new Error('passkey set-up route without a session: the authorisation hook should have refused');
  return s;
}

/**
 * Adding a passkey changes how one signs in, so like on the account page it
 * needs a recent proof of identity; here that is the sign-in itself.
 */
function signedInRecently(req: FastifyRequest, s: LoadedSession): boolean {
  if (!s.reauthAt) return false;
  const age = req.server.clock.now().getTime() - s.reauthAt.getTime();
  return age >= 0 && age < REAUTH_MAX_AGE_MINUTES * 60_000;
}

export const passkeySetupRoutes: FastifyPluginAsync = async (app) => {
  const setup = { config: { authFlow: 'passkey_setup' as const } };

  app.get('/:lang/staff/passkey-setup', setup, async (req, reply) => {
    const locale = req.locale;
    const s = restrictedSession(req);
    const passkeys = await sessionTx(req, (trx) => listPasskeys(trx, s.userId));
    return sendPage(
      reply,
      PasskeySetupPage({
        ctx: pageContext(req),
        t: translator(locale, 'account'),
        csrf: csrfToken(req),
        passkeys: passkeys.length,
      }),
    );
  });

  app.post('/:lang/staff/passkey-setup/options', setup, async (req, reply) => {
    const locale = req.locale;
    parseOr400(emptyBody, req.body, 'body');
    const s = restrictedSession(req);
    if (!signedInRecently(req, s))
      return json(reply, 403, {
        error: 'reauth_required',
        redirect: signInPath(locale, `/${locale}/staff/passkey-setup`),
      });
    const options = await sessionTx(req, async (trx) => {
      const user = await passkeyUserName(trx, s.userId);
      if (!user) throw new Error('the signed-in user is not visible in their own scope');
      return registrationOptions(app, trx, { sessionHash: s.tokenHash, userId: s.userId, ...user });
    });
    return json(reply, 200, options as unknown as Record<string, unknown>);
  });

  app.post('/:lang/staff/passkey-setup', setup, async (req, reply) => {
    const locale = req.locale;
    const body = parseOr400(registerBody, req.body, 'body');
    const s = restrictedSession(req);
    if (!signedInRecently(req, s))
      return json(reply, 403, {
        error: 'reauth_required',
        redirect: signInPath(locale, `/${locale}/staff/passkey-setup`),
      });
    // 'step' tells the log reader this passkey came from a code-only sign-in.
    const outcome = await addPasskey(
      app,
      {
        sessionHash: s.tokenHash,
        userId: s.userId,
        centreId: s.centreId,
        scope: { kind: 'account', userId: s.userId },
      },
      body,
      { step: 'passkey_setup' },
    );
    if (outcome !== 'added') return json(reply, 400, { error: outcome });
    await sessionTx(req, (trx) => deleteSession(trx, s.tokenHash));
    clearSessionCookie(reply);
    return json(reply, 200, { redirect: `/${locale}/staff/sign-in?passkey_added=1` });
  });

  app.post('/:lang/staff/passkey-setup/sign-out', setup, async (req, reply) => {
    const locale = req.locale;
    parseOr400(csrfOnly, req.body, 'form');
    const s = restrictedSession(req);
    const now = app.clock.now();
    await sessionTx(req, async (trx) => {
      await deleteSession(trx, s.tokenHash);
      await audit(
        trx,
        app.keys.audit,
        { event: 'auth.sign_out', actorId: s.userId, centreId: s.centreId, objectType: 'app_user', objectId: s.userId },
        now,
      );
    });
    clearSessionCookie(reply);
    return reply.redirect(`/${locale}/staff/sign-in?signed_out=1`, 303);
  });
};
