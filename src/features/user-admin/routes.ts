/**
 * User administration on the web: one page per account
 * (`/:lang/staff/users/:id`, linked from the users list), disabling it and
 * changing its role between counsellor and centre lead.
 *
 * Three walls, in this order: the route's policy action (authorisation
 * hook; a role without it gets 404), the object-level rules (rules.ts;
 * refused → 404 "not found or no access", audited as access.denied), and
 * row-level security — every query runs in the actor's own scope, so a
 * centre lead's transaction cannot even find another centre's account.
 * An id that is not a UUID is an unknown account: 404, never 500.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { auditGuarded } from '../../platform/audit/flood-guard.ts';
import { notFound, requireAccess } from '../../platform/auth/access.ts';
import { AccessDenied } from '../../platform/auth/access-denied.ts';
import { csrfToken } from '../../platform/auth/csrf.ts';
import type { Actor } from '../../platform/auth/types.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import { HttpError, parseOr400 } from '../../platform/http/errors.ts';
import { translator } from '../../platform/i18n/index.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { staffRequest } from '../../platform/request/context.ts';
import { USERS_DISABLE, USERS_LIST, USERS_MANAGE } from './actions.ts';
import {
  accountById,
  changeCentreRole,
  disableAccount,
  openSessionCount,
  type AccountSummary,
  type ChangedBy,
} from './accounts.ts';
import { USER_ADMIN_NS } from './messages.ts';
import { disableCheck, roleChangeCheck, roleOffer } from './rules.ts';
import { accountIdOf, disableBody, pageQuery, roleBody, type Done } from './schema.ts';
import { UserPage } from './views/UserPage.tsx';

/** An account the actor may not act on: the same 404 as an unknown one, recorded as a refusal. */
const refused = () => new AccessDenied('object');

export const userAdminRoutes: FastifyPluginAsync = async (app) => {
  const changedBy = (actor: Actor): ChangedBy => ({
    actorId: actor.userId,
    via: 'web',
    auditRing: app.keys.audit,
    mail: app,
    now: app.clock.now(),
  });

  /** The account the actor may see and its open sessions; 404 (audited where it exists) otherwise. */
  const load = async (trx: Tx, actor: Actor, id: string) => {
    const account = requireAccess(actor, USERS_LIST, await accountById(trx, id));
    return { account, openSessions: await openSessionCount(trx, id, app.clock.now()) };
  };

  function render(
    req: FastifyRequest,
    reply: FastifyReply,
    actor: Actor,
    view: { account: AccountSummary; openSessions: number },
    extra: { done?: Done | undefined; confirmError?: string },
    status = 200,
  ) {
    const model = {
      ...view,
      disable: disableCheck(actor, view.account),
      role: roleOffer(actor, view.account),
      ...extra,
    };
    return sendPage(reply, UserPage({ ctx: pageContext(req), csrf: csrfToken(req), model }), status);
  }

  app.get('/:lang/staff/users/:id', { config: { action: USERS_LIST } }, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const id = accountIdOf(req);
    const { done } = parseOr400(pageQuery, req.query, 'query');
    const view = await tx(async (trx) => {
      const loaded = await load(trx, actor, id);
      // Who looked at which account is recorded (flood-guarded: one row a minute per account and reader).
      await auditGuarded(
        trx,
        app.keys,
        {
          event: 'users.viewed',
          actorId: actor.userId,
          centreId: actor.centreId,
          objectType: 'app_user',
          objectId: loaded.account.id,
        },
        app.clock.now(),
        { by: [actor.userId, loaded.account.id] },
      );
      return loaded;
    });
    return render(req, reply, actor, view, { done });
  });

  app.post('/:lang/staff/users/:id/disable', { config: { action: USERS_DISABLE } }, async (req, reply) => {
    const { actor, locale, tx } = staffRequest(req);
    const id = accountIdOf(req);
    const body = parseOr400(disableBody, req.body ?? {}, 'form');
    const outcome = await tx(async (trx) => {
      const account = await accountById(trx, id);
      if (!account) return 'not_found' as const;
      const check = disableCheck(actor, account);
      if (check !== 'allowed') return check;
      if (!body.confirm) return 'unconfirmed' as const;
      await disableAccount(trx, account, changedBy(actor));
      return 'done' as const;
    });
    const t = translator(locale, USER_ADMIN_NS);
    if (outcome === 'not_found') throw notFound();
    if (outcome === 'refused') throw refused();
    if (outcome === 'own_account') throw new HttpError(409, t('errors.ownAccount'));
    if (outcome === 'unconfirmed') {
      const view = await tx((trx) => load(trx, actor, id));
      return render(req, reply, actor, view, { confirmError: t('disable.confirmError') }, 400);
    }
    return reply.redirect(`/${locale}/staff/users/${id}?done=disabled`, 303);
  });

  app.post('/:lang/staff/users/:id/role', { config: { action: USERS_MANAGE } }, async (req, reply) => {
    const { actor, locale, tx } = staffRequest(req);
    const id = accountIdOf(req);
    const { role: to } = parseOr400(roleBody, req.body ?? {}, 'form');
    const outcome = await tx(async (trx) => {
      const account = await accountById(trx, id);
      if (!account) return 'not_found' as const;
      const check = roleChangeCheck(actor, account, to);
      if (!check.ok) return check.reason;
      const result = await changeCentreRole(
        trx,
        { id: account.id, centreId: account.centreId, role: check.from },
        check.to,
        changedBy(actor),
      );
      return result.ok ? ('done' as const) : result.reason;
    });
    const t = translator(locale, USER_ADMIN_NS);
    const page = `/${locale}/staff/users/${id}`;
    switch (outcome) {
      case 'not_found':
        throw notFound();
      case 'refused':
        throw refused();
      case 'not_centre_role':
        throw new HttpError(409, t('errors.notCentreRole'));
      case 'disabled':
        throw new HttpError(409, t('errors.disabled'));
      case 'changed_meanwhile':
        throw new HttpError(409, t('errors.changedMeanwhile'));
      // The form sent twice: the account already has the role; nothing to do, nothing recorded.
      case 'same_role':
        return reply.redirect(page, 303);
      case 'done':
        return reply.redirect(`${page}?done=role`, 303);
    }
  });
};
