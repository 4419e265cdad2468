/**
 * `/:lang/staff/audit`: the audit log in the web interface. Coordination
 * office and administrators see the network chain and every centre's chain;
 * a centre lead sees their own centre's chain only. Row-level security
 * enforces that in the database (the page reads in the reader's scope);
 * canOnCentre refuses an area outside it up front with a 404, so a centre
 * lead asking for another centre learns nothing, not even an empty list.
 */
import type { FastifyPluginAsync } from 'fastify';
import { NETWORK_CHAIN } from '../../platform/audit/entry.ts';
import { AccessDenied } from '../../platform/auth/access-denied.ts';
import { can, canOnCentre } from '../../platform/auth/policy.ts';
import { csrfToken } from '../../platform/auth/csrf.ts';
import { scopeOf } from '../../platform/auth/types.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { parseOr400 } from '../../platform/http/errors.ts';
import { addMessages } from '../../platform/i18n/index.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { pageLocale } from '../auth/locale.ts';
import { addStaffLink } from '../auth/staff-menu.ts';
import { AuditPage } from './AuditPage.tsx';
import { auditQuerySchema } from './filters.ts';
import { auditLogMessages } from './messages.ts';
import { auditPage, visibleCentres, visiblePeople } from './queries.ts';

addMessages('auditLog', auditLogMessages);
addStaffLink({
  key: 'audit.read',
  action: 'audit.read',
  path: '/staff/audit',
  label: { de: 'Protokoll ansehen', en: 'View the audit log' },
  order: 80,
});

const ACTION = 'audit.read';

export const auditLogRoutes: FastifyPluginAsync = async (app) => {
  app.get('/:lang/staff/audit', { config: { action: ACTION } }, async (req, reply) => {
    const locale = pageLocale(req);
    const actor = req.actor;
    // The authorisation hook has refused already; this keeps the handler safe on its own.
    if (!actor || !can(actor, ACTION)) throw new AccessDenied('role');
    const q = parseOr400(auditQuerySchema, req.query ?? {}, 'query');
    if (q.chain !== undefined && !canOnCentre(actor, ACTION, q.chain === NETWORK_CHAIN ? null : q.chain)) {
      throw new AccessDenied('object');
    }
    const scope = scopeOf(actor);
    const network = scope.kind === 'network';
    // A centre role reads its own chain, named explicitly as well as enforced by RLS.
    const chain = q.chain ?? (scope.kind === 'centre' ? scope.centreId : undefined);
    const data = await withScope(app.database.db, scope, async (trx) => ({
      page: await auditPage(trx, { ...q, chain }),
      people: await visiblePeople(trx),
      centres: network ? await visibleCentres(trx) : null,
    }));
    return sendPage(
      reply,
      AuditPage({
        ctx: pageContext(req, locale),
        model: {
          query: q,
          rows: data.page.rows,
          next: data.page.next,
          people: data.people,
          centres: data.centres,
          csrf: csrfToken(req),
        },
      }),
    );
  });
};
