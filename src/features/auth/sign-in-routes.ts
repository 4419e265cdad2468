/**
 * The sign-in flow: e-mail + password (a 'password'-stage session that opens
 * nothing but the second-factor page), then the second factor (a NEW
 * 'full' session), and sign-out. Failures give one generic answer whatever
 * went wrong, count against the account and the address, and are audited.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { VNode } from 'preact';
import { audit } from '../../platform/audit/audit.ts';
import { clearSessionCookie, setSessionCookie } from '../../platform/auth/cookie.ts';
import { csrfToken } from '../../platform/auth/csrf.ts';
import { safeNextPath, staffHome } from '../../platform/auth/next-path.ts';
import { ACCOUNT_MANAGE, requiresPasskey } from '../../platform/auth/policy.ts';
import { completeSecondFactor } from '../../platform/auth/second-factor.ts';
import { createSession, deleteSession, purgeExpiredSessions } from '../../platform/auth/queries/sessions.ts';
import { checkLockout, recordFailedAttempt } from '../../platform/auth/failed-attempt.ts';
import { throttleKeys } from '../../platform/auth/throttle.ts';
import { parseOr400 } from '../../platform/http/errors.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { hashPassword, needsRehash } from '../../platform/security/password.ts';
import { csrfOnlyForm, secondFactorForm, signInForm, signInQuery } from './schemas.ts';
import { SecondFactorPage, SignInPage, type FlowNotice } from './sign-in-views.tsx';
import { PASSKEY_SCRIPT, PasskeySignIn } from '../../platform/staff/PasskeySignIn.tsx';
import { accountTx, sessionTx, staffRequest } from '../../platform/request/context.ts';
import { findUserByEmail, findUserById, hasPasskey, updatePasswordHash } from './queries.ts';
import { checkPassword, verifySecondFactor } from './verify-factor.ts';

function withNext(path: string, next: string | null): string {
  return next ? `${path}?next=${encodeURIComponent(next)}` : path;
}

/** 429 with Retry-After and the page that says how long to wait. */
export function sendThrottled(reply: FastifyReply, seconds: number, render: (notice: FlowNotice) => VNode) {
  reply.header('retry-after', String(seconds));
  return sendPage(reply, render({ kind: 'throttled', minutes: Math.max(1, Math.ceil(seconds / 60)) }), 429);
}

export const signInRoutes: FastifyPluginAsync = async (app) => {
  const anonymous = { config: { authFlow: 'anonymous' as const } };
  const pending = { config: { authFlow: 'pending' as const } };

  const signInPage = (req: FastifyRequest, next: string | null, email: string) => (notice: FlowNotice) =>
    SignInPage({ ctx: pageContext(req), next, email, notice });

  const secondFactorPage = (
    req: FastifyRequest,
    next: string | null,
    hasTotp: boolean,
    passkey: boolean,
    passkeyRequired: boolean,
  ) => {
    const csrf = csrfToken(req);
    // The passkey button only works with its script; without the asset it is left out.
    const withPasskey = passkey && app.platform.assets.all().has(PASSKEY_SCRIPT);
    return (notice: FlowNotice) =>
      SecondFactorPage({
        ctx: pageContext(req),
        csrf,
        next,
        hasTotp,
        passkeyRequired,
        notice,
        ...(withPasskey
          ? {
              passkey: PasskeySignIn({ locale: req.locale, csrf, next, origin: app.config.publicOrigin }),
              scripts: [PASSKEY_SCRIPT],
            }
          : {}),
      });
  };

  app.get('/:lang/staff/sign-in', anonymous, async (req, reply) => {
    const locale = req.locale;
    const q = parseOr400(signInQuery, req.query, 'query');
    const next = safeNextPath(q.next);
    if (req.actor) return reply.redirect(next ?? staffHome(locale), 303);
    const notice = q.passkey_added
      ? ({ kind: 'passkeyAdded' } as const)
      : q.signed_out
        ? ({ kind: 'signedOut' } as const)
        : null;
    return sendPage(reply, signInPage(req, next, '')(notice));
  });

  app.post('/:lang/staff/sign-in', anonymous, async (req, reply) => {
    const locale = req.locale;
    const form = parseOr400(signInForm, req.body, 'form');
    const next = safeNextPath(form.next);
    const render = signInPage(req, next, form.email);
    const keys = throttleKeys(app.keys.server, form.email, req.ip);

    // Bound to the address typed: no other account is visible (ADR 021).
    const found = await accountTx(req, { email: form.email }, (trx) => findUserByEmail(trx, form.email));
    // An attempt that meets a lock is recorded in the account's chain: the scope names it once it is known.
    const binding = found ? { email: form.email, userId: found.id } : { email: form.email };
    const pre = await accountTx(req, binding, async (trx) => ({
      locked: await checkLockout(app, trx, keys, { user: found, step: 'password' }, app.clock.now()),
      user: found,
    }));
    // While locked nothing is verified: no argon2 work for a guesser either.
    if (pre.locked !== null) return sendThrottled(reply, pre.locked, render);

    const user = pre.user;
    const passwordOk = await checkPassword(user, form.password);
    const reason = !user
      ? 'unknown_account'
      : !passwordOk
        ? 'wrong_password'
        : user.disabled
          ? 'disabled'
          : !user.enrolled
            ? 'no_second_factor'
            : null;
    if (reason !== null || !user) {
      const retry = await recordFailedAttempt(app, req, form.email, user, 'password', reason ?? 'unknown_account');
      if (retry !== null) return sendThrottled(reply, retry, render);
      return sendPage(reply, render({ kind: 'failed' }), 401);
    }

    const rehash = user.passwordHash && needsRehash(user.passwordHash) ? await hashPassword(form.password) : null;
    // Whatever session this browser had before ends here, whoever's it was: the new one gets a new token.
    const previous = req.authSession;
    if (previous) await sessionTx(req, (trx) => deleteSession(trx, previous.tokenHash));
    const session = await accountTx(req, { userId: user.id }, async (trx) => {
      if (rehash) await updatePasswordHash(trx, user.id, rehash);
      // This account's abandoned sessions; the scheduled job clears everyone's.
      await purgeExpiredSessions(trx, app.clock.now());
      return createSession(trx, {
        userId: user.id,
        centreId: user.centreId,
        stage: 'password',
        now: app.clock.now(),
        userAgent: req.headers['user-agent'],
      });
    });
    setSessionCookie(reply, session.token);
    return reply.redirect(withNext(`/${locale}/staff/second-factor`, next), 303);
  });

  app.get('/:lang/staff/second-factor', pending, async (req, reply) => {
    const next = safeNextPath(parseOr400(signInQuery, req.query, 'query').next);
    const { user, passkey } = await sessionTx(req, async (trx) => ({
      user: await findUserById(trx, req.authSession!.userId),
      passkey: await hasPasskey(trx, req.authSession!.userId),
    }));
    return sendPage(
      reply,
      secondFactorPage(req, next, user?.hasTotp ?? false, passkey, user ? requiresPasskey(user.role) : false)(null),
    );
  });

  app.post('/:lang/staff/second-factor', pending, async (req, reply) => {
    const locale = req.locale;
    const form = parseOr400(secondFactorForm, req.body, 'form');
    const next = safeNextPath(form.next);
    const pendingSession = req.authSession!;
    const outcome = await sessionTx(req, async (trx) => {
      const user = await findUserById(trx, pendingSession.userId);
      if (!user) return { kind: 'gone' as const };
      const now = app.clock.now();
      const keys = throttleKeys(app.keys.server, user.email, req.ip);
      const locked = await checkLockout(app, trx, keys, { user, step: 'second_factor' }, now);
      if (locked !== null)
        return { kind: 'locked' as const, seconds: locked, user, passkey: await hasPasskey(trx, user.id) };
      // A code never completes an administrator's sign-in, and is not even
      // checked: a phished password and one code must open nothing, and
      // whether the code was right is none of the sender's business.
      if (requiresPasskey(user.role))
        return { kind: 'passkeyOnly' as const, user, passkey: await hasPasskey(trx, user.id) };
      const result = await verifySecondFactor(trx, app, user, { method: form.method, code: form.code }, now);
      if (!result.ok) return { kind: 'failed' as const, user, passkey: await hasPasskey(trx, user.id) };
      await completeSecondFactor(req, reply, trx, user.id, result.method);
      return { kind: 'ok' as const };
    });
    if (outcome.kind === 'ok') return reply.redirect(next ?? staffHome(locale), 303);
    if (outcome.kind === 'gone') return reply.redirect(`/${locale}/staff/sign-in`, 303);
    const render = secondFactorPage(
      req,
      next,
      outcome.user.hasTotp,
      outcome.passkey,
      requiresPasskey(outcome.user.role),
    );
    if (outcome.kind === 'locked') return sendThrottled(reply, outcome.seconds, render);
    const retry = await recordFailedAttempt(
      app,
      req,
      outcome.user.email,
      outcome.user,
      'second_factor',
      outcome.kind === 'passkeyOnly' ? 'code_for_passkey_role' : `wrong_${form.method}`,
    );
    if (retry !== null) return sendThrottled(reply, retry, render);
    if (outcome.kind === 'passkeyOnly') return sendPage(reply, render({ kind: 'passkeyOnly' }), 403);
    return sendPage(reply, render({ kind: 'failed' }), 401);
  });

  app.post('/:lang/staff/sign-out', { config: { action: ACCOUNT_MANAGE } }, async (req, reply) => {
    const { actor, locale, tx } = staffRequest(req);
    parseOr400(csrfOnlyForm, req.body, 'form');
    const now = app.clock.now();
    await tx(async (trx) => {
      await deleteSession(trx, actor.sessionHash);
      await audit(
        trx,
        app.keys.audit,
        {
          event: 'auth.sign_out',
          actorId: actor.userId,
          centreId: actor.centreId,
          objectType: 'app_user',
          objectId: actor.userId,
        },
        now,
      );
    });
    clearSessionCookie(reply);
    return reply.redirect(`/${locale}/staff/sign-in?signed_out=1`, 303);
  });
};
