/**
 * `/:lang/staff/outbox` — the mail outbox (src/platform/mail/) for platform
 * administrators (OUTBOX_READ). On the embedded default
 * without SMTP this is the only way an invitation link reaches its
 * recipient. Every read is audited (`outbox.read`): the page shows one-time
 * links to accounts.
 */
import type { FastifyPluginAsync } from 'fastify';
import { audit } from '../../../platform/audit/audit.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { pageContext } from '../../../platform/layout/context.ts';
import { sendPage } from '../../../platform/layout/render.ts';
import { listOutbox } from '../../../platform/mail/queries.ts';
import { staffRequest } from '../../../platform/request/context.ts';
import { OUTBOX_READ } from '../actions.ts';
import { OutboxPage } from './OutboxPage.tsx';

export const outboxRoutes: FastifyPluginAsync = async (app) => {
  app.get('/:lang/staff/outbox', { config: { action: OUTBOX_READ } }, async (req, reply) => {
    const { actor, locale, tx } = staffRequest(req);
    const now = app.clock.now();
    const mails = await tx(async (trx) => {
      const list = await listOutbox(trx);
      await audit(
        trx,
        app.keys.audit,
        { event: 'outbox.read', actorId: actor.userId, centreId: actor.centreId, details: { count: list.length } },
        now,
      );
      return list;
    });
    return sendPage(reply, OutboxPage({ ctx: pageContext(req), t: translator(locale, 'mail'), mails }));
  });
};
