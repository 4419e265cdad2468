/**
 * Signed-in pages of the auth feature: the staff start page, the list of
 * the user's own sessions (end one, end all others) and re-authentication.
 */
import { createHmac } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { audit } from '../../platform/audit/audit.ts';
import { csrfToken } from '../../platform/auth/csrf.ts';
import { recordFailedAttempt } from '../../platform/auth/failed-attempt.ts';
import { safeNextPath, staffHome } from '../../platform/auth/next-path.ts';
import { can } from '../../platform/auth/policy.ts';
import { isPasskeyRestricted } from '../../platform/auth/session-hook.ts';
import { isExpired, markReauthenticated } from '../../platform/auth/session-store.ts';
import { lockedFor, throttleKeys } from '../../platform/auth/throttle.ts';
import { scopeOf, type Actor } from '../../platform/auth/types.ts';
import { withScope, type Tx } from '../../platform/db/tenant.ts';
import { parseOr400 } from '../../platform/http/errors.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { currentKey } from '../../platform/security/keys.ts';
import { SessionsPage, StaffHomePage, type SessionView } from './account-views.tsx';
import { pageLocale } from './locale.ts';
import { csrfOnlyForm, endSessionForm, nextQuery, reauthForm, sessionsQuery } from './schemas.ts';
import { sendThrottled } from './sign-in-routes.ts';
import { ReauthPage, type FlowNotice } from './sign-in-views.tsx';
import { staffLinks } from './staff-menu.ts';
import { checkPassword, findUserById, verifySecondFactor } from './verify-factor.ts';

type OwnSession = {
  tokenHash: string;
  id: string;
  device: string | null;
  createdAt: Date;
  lastSeenAt: Date;
  stage: SessionView['stage'];
};

export async function accountRoutes(app: FastifyInstance): Promise<void> {
  const db = app.database.db;

  /** The id shown in forms: an HMAC of the token hash, so pages never carry the session's database key. */
  const publicId = (tokenHash: string) =>
    createHmac('sha256', currentKey(app.keys.server).key)
      .update(`schutznetz/session-id/v1\u0000${tokenHash}`)
      .digest('hex')
      .slice(0, 32);

  /** The actor's live sessions; expired ones found on the way are deleted. */
  async function ownSessions(trx: Tx, actor: Actor): Promise<OwnSession[]> {
    const now = app.clock.now();
    const rows = await trx
      .selectFrom('user_session')
      .select(['token_hash', 'user_agent', 'created_at', 'last_seen_at', 'stage', 'second_factor'])
      .where('user_id', '=', actor.userId)
      .orderBy('created_at', 'desc')
      .execute();
    const live: OwnSession[] = [];
    for (const r of rows) {
      const s = { createdAt: new Date(r.created_at), lastSeenAt: new Date(r.last_seen_at) };
      if (isExpired(s, now)) {
        await trx.deleteFrom('user_session').where('token_hash', '=', r.token_hash).execute();
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

  async function endSessions(actor: Actor, pick: (s: OwnSession) => boolean, scope: 'one' | 'others'): Promise<number> {
    const now = app.clock.now();
    return withScope(db, scopeOf(actor), async (trx) => {
      const targets = (await ownSessions(trx, actor)).filter((s) => s.tokenHash !== actor.sessionHash && pick(s));
      if (targets.length === 0) return 0;
      await trx
        .deleteFrom('user_session')
        .where('user_id', '=', actor.userId)
        .where(
          'token_hash',
          'in',
          targets.map((s) => s.tokenHash),
        )
        .execute();
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

  app.get('/:lang/staff', { config: { action: 'staff.home' } }, async (req, reply) => {
    const locale = pageLocale(req);
    const actor = req.actor!;
    const links = staffLinks().filter((l) => can(actor, l.action));
    return sendPage(reply, StaffHomePage({ ctx: pageContext(req, locale), csrf: csrfToken(req), links }));
  });

  app.get('/:lang/staff/sessions', { config: { action: 'account.manage' } }, async (req, reply) => {
    const locale = pageLocale(req);
    const q = parseOr400(sessionsQuery, req.query, 'query');
    const actor = req.actor!;
    const sessions = await withScope(db, scopeOf(actor), (trx) => ownSessions(trx, actor));
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
      SessionsPage({ ctx: pageContext(req, locale), csrf: csrfToken(req), sessions: views, ended: q.ended ?? null }),
    );
  });

  app.post('/:lang/staff/sessions/end', { config: { action: 'account.manage' } }, async (req, reply) => {
    const locale = pageLocale(req);
    const form = parseOr400(endSessionForm, req.body, 'form');
    const n = await endSessions(req.actor!, (s) => s.id === form.session, 'one');
    return reply.redirect(`/${locale}/staff/sessions?ended=${n}`, 303);
  });

  app.post('/:lang/staff/sessions/end-others', { config: { action: 'account.manage' } }, async (req, reply) => {
    const locale = pageLocale(req);
    parseOr400(csrfOnlyForm, req.body, 'form');
    const n = await endSessions(req.actor!, () => true, 'others');
    return reply.redirect(`/${locale}/staff/sessions?ended=${n}`, 303);
  });

  app.get('/:lang/staff/reauth', { config: { action: 'account.manage' } }, async (req, reply) => {
    const locale = pageLocale(req);
    const next = safeNextPath(parseOr400(nextQuery, req.query, 'query').next) ?? staffHome(locale);
    const user = await withScope(db, scopeOf(req.actor!), (trx) => findUserById(trx, req.actor!.userId));
    return sendPage(
      reply,
      ReauthPage({
        ctx: pageContext(req, locale),
        csrf: csrfToken(req),
        next,
        hasTotp: user?.hasTotp ?? false,
        notice: null,
      }),
    );
  });

  app.post('/:lang/staff/reauth', { config: { action: 'account.manage' } }, async (req, reply) => {
    const locale = pageLocale(req);
    const form = parseOr400(reauthForm, req.body, 'form');
    const next = safeNextPath(form.next) ?? staffHome(locale);
    const actor = req.actor!;
    const pre = await withScope(db, { kind: 'auth' }, async (trx) => {
      const user = await findUserById(trx, actor.userId);
      const locked = user
        ? await lockedFor(trx, throttleKeys(app.keys.server, user.email, req.ip), app.clock.now())
        : null;
      return { user, locked };
    });
    if (!pre.user) return reply.redirect(`/${locale}/staff/sign-in`, 303);
    const user = pre.user;
    const render = (notice: FlowNotice) =>
      ReauthPage({ ctx: pageContext(req, locale), csrf: csrfToken(req), next, hasTotp: user.hasTotp, notice });
    if (pre.locked !== null) return sendThrottled(reply, pre.locked, render);

    const passwordOk = await checkPassword(user, form.password);
    const ok =
      passwordOk &&
      (await withScope(db, { kind: 'auth' }, async (trx) => {
        const now = app.clock.now();
        const r = await verifySecondFactor(trx, app, user, { method: form.method, code: form.code }, now);
        if (r.ok) await markReauthenticated(trx, actor.sessionHash, now);
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
}
