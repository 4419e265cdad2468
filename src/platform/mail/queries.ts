/**
 * The mail outbox (see mailer.ts for what lands there and why only
 * administrators may read it).
 */
import type { Tx } from '../db/tenant.ts';

export type OutboxMail = {
  id: string;
  recipient: string;
  subject: string;
  bodyText: string;
  createdAt: Date;
  error: string | null;
};

/** How many mails the page shows: the newest; older links have expired anyway (72 h at most). */
const OUTBOX_PAGE_SIZE = 100;

/** The newest mails, newest first. */
export async function listOutbox(trx: Tx, limit = OUTBOX_PAGE_SIZE): Promise<OutboxMail[]> {
  const rows = await trx
    .selectFrom('outbox_mail')
    .select(['id', 'recipient', 'subject', 'body_text', 'created_at', 'error'])
    .orderBy('created_at', 'desc')
    .orderBy('id')
    .limit(limit)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    recipient: r.recipient,
    subject: r.subject,
    bodyText: r.body_text,
    createdAt: new Date(r.created_at),
    error: r.error,
  }));
}

export async function insertOutboxMail(
  trx: Tx,
  m: { id: string; recipient: string; subject: string; bodyText: string; error: string | null },
): Promise<void> {
  await trx
    .insertInto('outbox_mail')
    .values({ id: m.id, recipient: m.recipient, subject: m.subject, body_text: m.bodyText, error: m.error })
    .execute();
}
