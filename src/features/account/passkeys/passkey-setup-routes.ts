/**
 * The last step of an administrator's enrolment (checklist #1, "passkeys
 * for admins"). Redeeming an invitation or the operator's reset link opens
 * an enrolment session (second-factor.ts openEnrolmentSession): no `actor`,
 * these routes (authFlow 'passkey_setup') are the only ones it reaches, for
 * ENROLMENT_SESSION_MS and only while the account has no passkey. A sign-in
 * with a TOTP code or a recovery code never gets here: for administrators
 * it is refused, so a phished password and one code cannot plant a passkey.
 *
 *   GET  /:lang/staff/passkey-setup           the explanation and the form
 *   POST /:lang/staff/passkey-setup/options   creation options (JSON)
 *   POST /:lang/staff/passkey-setup           ← {name, credential} → {redirect}
 *   POST /:lang/staff/passkey-setup/sign-out  end the enrolment session
 *
 * After the passkey is added the enrolment session ENDS and the
 * administrator signs in with it. We deliberately do not upgrade the session
 * in place: a full administrator session is only ever created by
 * completeSecondFactor after a verified passkey assertion, and signing in
 * proves that the new passkey works before the administrator relies on it.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../../../platform/audit/audit.ts';
import { clearSessionCookie } from '../../../platform/auth/cookie.ts';
import { csrfField, csrfToken } from '../../../platform/auth/csrf.ts';
import { signInPath } from '../../../platform/auth/next-path.ts';
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
 * The first passkey only: an account that has one adds more from a full
 * passkey session after a passkey step-up (the account page), never here.
 */
async function alreadyHasPasskey(req: FastifyRequest, s: LoadedSession): Promise<boolean> {
  return (await sessionTx(req, (trx) => listPasskeys(trx, s.userId))).length > 0;
}

/** End the enrolment session (nothing is left to set up here, or the person leaves). */
async function endEnrolment(req: FastifyRequest, reply: FastifyReply, s: LoadedSession): Promise<void> {
  await sessionTx(req, (trx) => deleteSession(trx, s.tokenHash));
  clearSessionCookie(reply);
}

export const passkeySetupRoutes: FastifyPluginAsync = async (app) => {
  const setup = { config: { authFlow: 'passkey_setup' as const } };

  app.get('/:lang/staff/passkey-setup', setup, async (req, reply) => {
    const locale = req.locale;
    const s = restrictedSession(req);
    if (await alreadyHasPasskey(req, s)) {
      await endEnrolment(req, reply, s);
      return reply.redirect(signInPath(locale), 303);
    }
    return sendPage(
      reply,
      PasskeySetupPage({
        ctx: pageContext(req),
        t: translator(locale, 'account'),
        csrf: csrfToken(req),
        origin: app.config.publicOrigin,
      }),
    );
  });

  app.post('/:lang/staff/passkey-setup/options', setup, async (req, reply) => {
    const locale = req.locale;
    parseOr400(emptyBody, req.body, 'body');
    const s = restrictedSession(req);
    if (await alreadyHasPasskey(req, s)) return json(reply, 409, { error: 'not_needed', redirect: signInPath(locale) });
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
    if (await alreadyHasPasskey(req, s)) return json(reply, 409, { error: 'not_needed', redirect: signInPath(locale) });
    // 'step' tells the log reader this passkey was added while enrolling.
    const outcome = await addPasskey(
      app,
      {
        sessionHash: s.tokenHash,
        userId: s.userId,
        centreId: s.centreId,
        scope: { kind: 'account', userId: s.userId },
      },
      body,
      { step: 'enrolment' },
    );
    if (outcome !== 'added') return json(reply, 400, { error: outcome });
    await endEnrolment(req, reply, s);
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
