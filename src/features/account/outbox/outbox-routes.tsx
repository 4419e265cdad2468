/**
 * `/:lang/staff/outbox` — the mail outbox (src/platform/mail/) for platform
 * administrators (policy action 'outbox.read'). On the embedded default
 * without SMTP this is the only way an invitation link reaches its
 * recipient. Every read is audited (`outbox.read`): the page shows one-time
 * links to accounts.
 */
import type { FastifyPluginAsync } from 'fastify';
import { audit } from '../../../platform/audit/audit.ts';
import { csrfToken } from '../../../platform/auth/csrf.ts';
import { scopeOf } from '../../../platform/auth/types.ts';
import { withScope } from '../../../platform/db/tenant.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { pageContext } from '../../../platform/layout/context.ts';
import { sendPage } from '../../../platform/layout/render.ts';
import { listOutbox } from '../../../platform/mail/outbox.ts';
import { actorOf, localeOf } from '../http.ts';
import { OutboxPage } from './OutboxPage.tsx';

export const outboxRoutes: FastifyPluginAsync = async (app) => {
  app.get('/:lang/staff/outbox', { config: { action: 'outbox.read' } }, async (req, reply) => {
    const locale = localeOf(req);
    const actor = actorOf(req);
    const now = app.clock.now();
    const mails = await withScope(app.database.db, scopeOf(actor), async (trx) => {
      const list = await listOutbox(trx);
      await audit(
        trx,
        app.keys.audit,
        { event: 'outbox.read', actorId: actor.userId, centreId: actor.centreId, details: { count: list.length } },
        now,
      );
      return list;
    });
    return sendPage(
      reply,
      OutboxPage({ ctx: pageContext(req, locale), t: translator(locale, 'mail'), csrf: csrfToken(req), mails }),
    );
  });
};
