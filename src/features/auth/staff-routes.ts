/**
 * Signed-in pages of the auth feature: the staff start page, the list of
 * the user's own sessions (end one, end all others) and re-authentication.
 */
import { createHmac } from 'node:crypto';
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { audit } from '../../platform/audit/audit.ts';
import { csrfToken } from '../../platform/auth/csrf.ts';
import { checkLockout, recordFailedAttempt } from '../../platform/auth/failed-attempt.ts';
import { safeNextPath, staffHome } from '../../platform/auth/next-path.ts';
import { ACCOUNT_MANAGE, requiresPasskey, STAFF_HOME } from '../../platform/auth/policy.ts';
import { recordReauthentication } from '../../platform/auth/reauth.ts';
import { deleteSession } from '../../platform/auth/queries/sessions.ts';
import { isExpired } from '../../platform/auth/session.ts';
import { isPasskeyRestricted } from '../../platform/auth/session-hook.ts';
import { throttleKeys } from '../../platform/auth/throttle.ts';
import type { Actor } from '../../platform/auth/types.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import { parseOr400 } from '../../platform/http/errors.ts';
import { translateRef } from '../../platform/i18n/index.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { accountTx, staffRequest } from '../../platform/request/context.ts';
import { currentKey } from '../../platform/security/keys.ts';
import { visibleLinks } from '../../platform/staff/menu.ts';
import { loadStartPanels } from '../../platform/staff/start-panels.ts';
import { PASSKEY_SCRIPT, PasskeySignIn } from '../../platform/staff/PasskeySignIn.tsx';
import { SessionsPage, StaffHomePage, type SessionView } from './account-views.tsx';
import { deleteSessionsOf, findUserById, hasPasskey, sessionsOf } from './queries.ts';
import { csrfOnlyForm, endSessionForm, nextQuery, reauthForm, sessionsQuery } from './schemas.ts';
import { sendThrottled } from './sign-in-routes.ts';
import { ReauthPage, type FlowNotice } from './sign-in-views.tsx';
import { checkPassword, verifySecondFactor } from './verify-factor.ts';

type OwnSession = {
  tokenHash: string;
  id: string;
  device: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  stage: SessionView['stage'];
};

export const staffRoutes: FastifyPluginAsync = async (app) => {
  const manage = { config: { action: ACCOUNT_MANAGE } };

  /** The id shown in forms: an HMAC of the token hash, so pages never carry the session's database key. */
  const publicId = (tokenHash: string) =>
    createHmac('sha256', currentKey(app.keys.server).key)
      .update(`schutznetz/session-id/v1\u0000${tokenHash}`)
      .digest('hex')
      .slice(0, 32);

  /** The actor's live sessions; expired ones found on the way are deleted. */
  async function ownSessions(trx: Tx, actor: Actor): Promise<OwnSession[]> {
    const now = app.clock.now();
    const live: OwnSession[] = [];
    for (const r of await sessionsOf(trx, actor.userId)) {
      const s = { createdAt: new Date(r.created_at), lastSeenAt: new Date(r.last_seen_at) };
      if (isExpired(s, now)) {
        await deleteSession(trx, r.token_hash);
        continue;
      }
      const restricted = isPasskeyRestricted({ stage: r.stage, role: actor.role, secondFactor: r.second_factor });
      live.push({
        tokenHash: r.token_hash,
        id: publicId(r.token_hash),
        device: r.user_agent,
        stage: restricted ? 'restricted' : r.stage,
        ...s,
      });
    }
    return live;
  }

  async function endSessions(
    staff: ReturnType<typeof staffRequest>,
    pick: (s: OwnSession) => boolean,
    scope: 'one' | 'others',
  ): Promise<number> {
    const { actor, tx } = staff;
    const now = app.clock.now();
    return tx(async (trx) => {
      const targets = (await ownSessions(trx, actor)).filter((s) => s.tokenHash !== actor.sessionHash && pick(s));
      if (targets.length === 0) return 0;
      await deleteSessionsOf(
        trx,
        actor.userId,
        targets.map((s) => s.tokenHash),
      );
      await audit(
        trx,
        app.keys.audit,
        {
          event: 'auth.session_ended',
          actorId: actor.userId,
          centreId: actor.centreId,
          objectType: 'app_user',
          objectId: actor.userId,
          details: { scope, count: targets.length },
        },
        now,
      );
      return targets.length;
    });
  }

  app.get('/:lang/staff', { config: { action: STAFF_HOME } }, async (req, reply) => {
    const { actor, locale, tx } = staffRequest(req);
    const links = visibleLinks(app.staffMenu, actor).map((l) => ({
      href: `/${locale}${l.path}`,
      label: translateRef(locale, l.label),
    }));
    const now = app.clock.now();
    // Features' panels (what waits for the reader), read in the reader's own scope.
    const panels = app.staffStartPanels.length
      ? await tx((trx) => loadStartPanels(app.staffStartPanels, trx, { actor, locale, now }))
      : [];
    return sendPage(reply, StaffHomePage({ ctx: pageContext(req), links, panels }));
  });

  app.get('/:lang/staff/sessions', manage, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const q = parseOr400(sessionsQuery, req.query, 'query');
    const sessions = await tx((trx) => ownSessions(trx, actor));
    const views: SessionView[] = sessions.map((s) => ({
      id: s.id,
      device: s.device,
      createdAt: s.createdAt,
      lastSeenAt: s.lastSeenAt,
      stage: s.stage,
      current: s.tokenHash === actor.sessionHash,
    }));
    return sendPage(
      reply,
      SessionsPage({ ctx: pageContext(req), csrf: csrfToken(req), sessions: views, ended: q.ended ?? null }),
    );
  });

  app.post('/:lang/staff/sessions/end', manage, async (req, reply) => {
    const staff = staffRequest(req);
    const form = parseOr400(endSessionForm, req.body, 'form');
    const n = await endSessions(staff, (s) => s.id === form.session, 'one');
    return reply.redirect(`/${staff.locale}/staff/sessions?ended=${n}`, 303);
  });

  app.post('/:lang/staff/sessions/end-others', manage, async (req, reply) => {
    const staff = staffRequest(req);
    parseOr400(csrfOnlyForm, req.body, 'form');
    const n = await endSessions(staff, () => true, 'others');
    return reply.redirect(`/${staff.locale}/staff/sessions?ended=${n}`, 303);
  });

  /**
   * The re-authentication page: password and code, and a passkey where the
   * account has one; for roles that confirm only with a passkey (policy.ts)
   * the passkey alone — so that a phished password and code can never be a
   * step-up to changing an administrator's factors.
   */
  const reauthPage = async (req: FastifyRequest, next: string) => {
    const { actor, tx } = staffRequest(req);
    const { user, passkey } = await tx(async (trx) => ({
      user: await findUserById(trx, actor.userId),
      passkey: await hasPasskey(trx, actor.userId),
    }));
    const csrf = csrfToken(req);
    // The passkey button only works with its script; without the asset it is left out.
    const withPasskey = passkey && app.platform.assets.all().has(PASSKEY_SCRIPT);
    return (notice: FlowNotice) =>
      ReauthPage({
        ctx: pageContext(req),
        csrf,
        next,
        hasTotp: user?.hasTotp ?? false,
        passkeyOnly: requiresPasskey(actor.role),
        notice,
        ...(withPasskey
          ? {
              passkeyStepUp: PasskeySignIn({
                locale: req.locale,
                csrf,
                next,
                origin: app.config.publicOrigin,
                ceremony: 'step-up',
              }),
              scripts: [PASSKEY_SCRIPT],
            }
          : {}),
      });
  };

  app.get('/:lang/staff/reauth', manage, async (req, reply) => {
    const { locale } = staffRequest(req);
    const next = safeNextPath(parseOr400(nextQuery, req.query, 'query').next) ?? staffHome(locale);
    return sendPage(reply, (await reauthPage(req, next))(null));
  });

  app.post('/:lang/staff/reauth', manage, async (req, reply) => {
    const { actor, locale } = staffRequest(req);
    const form = parseOr400(reauthForm, req.body, 'form');
    const next = safeNextPath(form.next) ?? staffHome(locale);
    const pre = await accountTx(req, { userId: actor.userId }, async (trx) => {
      const user = await findUserById(trx, actor.userId);
      if (!user) return { user, locked: null };
      const keys = throttleKeys(app.keys.server, user.email, req.ip);
      return { user, locked: await checkLockout(app, trx, keys, { user, step: 'reauth' }, app.clock.now()) };
    });
    if (!pre.user) return reply.redirect(`/${locale}/staff/sign-in`, 303);
    const user = pre.user;
    const render = await reauthPage(req, next);
    if (pre.locked !== null) return sendThrottled(reply, pre.locked, render);
    if (requiresPasskey(actor.role)) {
      // Neither the password nor the code is checked: for this role they prove nothing.
      const retry = await recordFailedAttempt(app, req, user.email, user, 'reauth', 'code_for_passkey_role');
      if (retry !== null) return sendThrottled(reply, retry, render);
      return sendPage(reply, render({ kind: 'passkeyOnly' }), 403);
    }

    const passwordOk = await checkPassword(user, form.password);
    const ok =
      passwordOk &&
      (await accountTx(req, { userId: actor.userId }, async (trx) => {
        const now = app.clock.now();
        const r = await verifySecondFactor(trx, app, user, { method: form.method, code: form.code }, now);
        if (r.ok) await recordReauthentication(app, trx, actor, r.method, now);
        return r.ok;
      }));
    if (ok) return reply.redirect(next, 303);
    const retry = await recordFailedAttempt(
      app,
      req,
      user.email,
      user,
      'reauth',
      passwordOk ? `wrong_${form.method}` : 'wrong_password',
    );
    if (retry !== null) return sendThrottled(reply, retry, render);
    return sendPage(reply, render({ kind: 'failed' }), 401);
  });
};
