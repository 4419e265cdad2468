/**
 * User administration on the web (issue 3): one page per account
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
import { AccessDenied } from '../../platform/auth/access-denied.ts';
import { csrfToken } from '../../platform/auth/csrf.ts';
import { scopeOf, type Actor } from '../../platform/auth/types.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { HttpError, parseOr400 } from '../../platform/http/errors.ts';
import { addMessages, translator, type Locale } from '../../platform/i18n/index.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { pageLocale } from '../auth/locale.ts';
import {
  accountById,
  changeCentreRole,
  disableAccount,
  openSessionCount,
  type AccountSummary,
  type ChangedBy,
} from './accounts.ts';
import { USER_ADMIN_NS, userAdminMessages } from './messages.ts';
import { disableCheck, mayView, roleChangeCheck, roleOffer } from './rules.ts';
import { accountIdOf, disableBody, pageQuery, roleBody, type Done } from './schema.ts';
import { UserPage } from './views/UserPage.tsx';

addMessages(USER_ADMIN_NS, userAdminMessages);

/** The authorisation hook has refused requests without an actor; this narrows the type. */
function actorOf(req: FastifyRequest): Actor {
  if (!req.actor) throw new HttpError(404, 'Not found');
  return req.actor;
}

/** An account the actor may not see: the same 404 as an unknown one, recorded as a refusal. */
const refused = () => new AccessDenied('object');
const notFound = () => new HttpError(404, 'Not found');

export const userAdminRoutes: FastifyPluginAsync = async (app) => {
  const changedBy = (actor: Actor): ChangedBy => ({
    actorId: actor.userId,
    via: 'web',
    auditRing: app.keys.audit,
    now: app.clock.now(),
  });

  /** The account and its open sessions, read in the actor's scope (null: unknown or not visible to it). */
  const load = (actor: Actor, id: string) =>
    withScope(app.database.db, scopeOf(actor), async (trx) => {
      const account = await accountById(trx, id);
      return account ? { account, openSessions: await openSessionCount(trx, id, app.clock.now()) } : null;
    });

  function render(
    req: FastifyRequest,
    reply: FastifyReply,
    locale: Locale,
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
    return sendPage(reply, UserPage({ ctx: pageContext(req, locale), csrf: csrfToken(req), model }), status);
  }

  app.get('/:lang/staff/users/:id', { config: { action: 'users.list' } }, async (req, reply) => {
    const locale = pageLocale(req);
    const actor = actorOf(req);
    const id = accountIdOf(req);
    const { done } = parseOr400(pageQuery, req.query, 'query');
    const view = await load(actor, id);
    if (!view) throw notFound();
    if (!mayView(actor, view.account)) throw refused();
    return render(req, reply, locale, actor, view, { done });
  });

  app.post('/:lang/staff/users/:id/disable', { config: { action: 'users.disable' } }, async (req, reply) => {
    const locale = pageLocale(req);
    const actor = actorOf(req);
    const id = accountIdOf(req);
    const body = parseOr400(disableBody, req.body ?? {}, 'form');
    const outcome = await withScope(app.database.db, scopeOf(actor), async (trx) => {
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
      const view = await load(actor, id);
      if (!view) throw notFound();
      return render(req, reply, locale, actor, view, { confirmError: t('disable.confirmError') }, 400);
    }
    return reply.redirect(`/${locale}/staff/users/${id}?done=disabled`, 303);
  });

  app.post('/:lang/staff/users/:id/role', { config: { action: 'users.manage' } }, async (req, reply) => {
    const locale = pageLocale(req);
    const actor = actorOf(req);
    const id = accountIdOf(req);
    const { role: to } = parseOr400(roleBody, req.body ?? {}, 'form');
    const outcome = await withScope(app.database.db, scopeOf(actor), async (trx) => {
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
