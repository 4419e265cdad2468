/**
 * The contact messages (migrations/0032): the form inserts in the anonymous
 * 'auth' scope and reads nothing back; the office reads and marks handled
 * in the 'coordination' scope; the retention scope deletes.
 *
 * The project a message is about is looked up in the projects' table
 * directly (published projects only, as row-level security shows the
 * public), not through the projects feature's code.
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../../platform/db/tenant.ts';

export type ProjectTopic = { id: string; slug: string; title: string };

/** A published project by its slug, or null. */
export async function publishedProject(trx: Tx, slug: string): Promise<ProjectTopic | null> {
  const row = await trx
    .selectFrom('project')
    .select(['id', 'slug', 'title'])
    .where('slug', '=', slug)
    .where('published', '=', true)
    .executeTakeFirst();
  return row ?? null;
}

export async function insertMessage(
  trx: Tx,
  m: { name: string | null; replyTo: string | null; subject: string; message: string; projectId: string | null },
  now: Date,
): Promise<void> {
  await trx
    .insertInto('contact_message')
    .values({
      id: randomUUID(),
      received_at: now,
      name: m.name,
      reply_to: m.replyTo,
      subject: m.subject,
      message: m.message,
      topic_kind: m.projectId ? 'project' : null,
      topic_id: m.projectId,
    })
    .execute();
}

export type InboxRow = {
  id: string;
  receivedAt: Date;
  name: string | null;
  subject: string;
  project: string | null;
  handledAt: Date | null;
};

export type MessageRow = InboxRow & { replyTo: string | null; message: string; handledBy: string | null };

function base(trx: Tx) {
  return trx
    .selectFrom('contact_message as m')
    .leftJoin('project as p', (j) => j.onRef('p.id', '=', 'm.topic_id').on('m.topic_kind', '=', 'project'))
    .leftJoin('app_user as u', 'u.id', 'm.handled_by');
}

/** Every message the office holds: open ones first (oldest first), then handled ones (latest first). */
export async function inbox(trx: Tx): Promise<InboxRow[]> {
  const rows = await base(trx)
    .select(['m.id', 'm.received_at', 'm.name', 'm.subject', 'p.title', 'm.handled_at'])
    .orderBy((eb) => eb('m.handled_at', 'is', null), 'desc')
    .orderBy('m.handled_at', 'desc')
    .orderBy('m.received_at', 'asc')
    .limit(500)
    .execute();
  return rows.map((r) => ({
    id: r.id,
    receivedAt: r.received_at,
    name: r.name,
    subject: r.subject,
    project: r.title,
    handledAt: r.handled_at,
  }));
}

export async function messageById(trx: Tx, id: string): Promise<MessageRow | null> {
  const r = await base(trx)
    .select([
      'm.id',
      'm.received_at',
      'm.name',
      'm.reply_to',
      'm.subject',
      'm.message',
      'p.title',
      'm.handled_at',
      'u.display_name',
    ])
    .where('m.id', '=', id)
    .executeTakeFirst();
  if (!r) return null;
  return {
    id: r.id,
    receivedAt: r.received_at,
    name: r.name,
    replyTo: r.reply_to,
    subject: r.subject,
    message: r.message,
    project: r.title,
    handledAt: r.handled_at,
    handledBy: r.display_name,
  };
}

/** Mark a message handled; false when it was already handled (or is not visible). */
export async function markHandled(trx: Tx, id: string, userId: string, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('contact_message')
    .set({ handled_at: now, handled_by: userId })
    .where('id', '=', id)
    .where('handled_at', 'is', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

/** How many messages wait for the office (the start panel). */
export async function openCount(trx: Tx): Promise<number> {
  const r = await trx
    .selectFrom('contact_message')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('handled_at', 'is', null)
    .executeTakeFirst();
  return Number(r?.n ?? 0);
}

/** Messages handled at or before `cutoff` (retention scope); open ones stay whatever their age. */
export async function deleteHandled(trx: Tx, cutoff: Date): Promise<number> {
  const r = await trx.deleteFrom('contact_message').where('handled_at', '<=', cutoff).executeTakeFirst();
  return Number(r.numDeletedRows);
}
