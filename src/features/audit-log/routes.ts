/**
 * `/:lang/staff/audit`: the audit log in the web interface. Coordination
 * office and administrators see the network chain and every centre's chain;
 * a centre lead sees their own centre's chain only. Row-level security
 * enforces that in the database (the page reads in the reader's scope);
 * requireAccess refuses an area outside it up front with a 404, so a centre
 * lead asking for another centre learns nothing, not even an empty list.
 * Every read is itself recorded (`audit.read`, in the reader's own chain,
 * naming the area read), under the flood guard: paging through the log
 * leaves one row a minute per area, not one per page.
 */
import type { FastifyPluginAsync } from 'fastify';
import { NETWORK_CHAIN } from '../../platform/audit/entry.ts';
import { auditGuarded } from '../../platform/audit/flood-guard.ts';
import { requireAccess } from '../../platform/auth/access.ts';
import { csrfToken } from '../../platform/auth/csrf.ts';
import { parseOr400 } from '../../platform/http/errors.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { staffRequest } from '../../platform/request/context.ts';
import { AUDIT_READ } from './actions.ts';
import { AuditPage } from './AuditPage.tsx';
import { auditQuerySchema } from './filters.ts';
import { auditPage, visibleCentres, visiblePeople } from './queries.ts';

export const auditLogRoutes: FastifyPluginAsync = async (app) => {
  app.get('/:lang/staff/audit', { config: { action: AUDIT_READ } }, async (req, reply) => {
    const { actor, scope, tx } = staffRequest(req);
    const q = parseOr400(auditQuerySchema, req.query ?? {}, 'query');
    if (q.chain !== undefined)
      requireAccess(actor, AUDIT_READ, { centreId: q.chain === NETWORK_CHAIN ? null : q.chain });
    const network = scope.kind === 'admin' || scope.kind === 'coordination';
    // A centre role reads its own chain, named explicitly as well as enforced by RLS.
    const chain = q.chain ?? (scope.kind === 'centre' ? scope.centreId : undefined);
    const data = await tx(async (trx) => {
      const read = {
        page: await auditPage(trx, { ...q, chain }),
        people: await visiblePeople(trx),
        centres: network ? await visibleCentres(trx) : null,
      };
      // After the read, so the page shows the log as it was before this look at it.
      const area = chain ?? 'all';
      await auditGuarded(
        trx,
        app.keys,
        { event: 'audit.read', actorId: actor.userId, centreId: actor.centreId, details: { chain: area } },
        app.clock.now(),
        { by: [actor.userId, area] },
      );
      return read;
    });
    return sendPage(
      reply,
      AuditPage({
        ctx: pageContext(req),
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
