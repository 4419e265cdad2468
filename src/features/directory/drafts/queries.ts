/**
 * A centre's proposed changes to its directory entry (table directory_draft)
 * as seen from the centre: its link to the directory, its drafts, submitting
 * and withdrawing. Every function runs inside the caller's tenant
 * transaction (withScope), so row-level security limits a centre lead to
 * the own centre's rows whatever ids are passed in; the explicit centre
 * conditions below say the same thing a second time. Each change is audited
 * in the same transaction, so there is no change without its audit row.
 */
import { randomUUID } from 'node:crypto';
import { audit } from '../../../platform/audit/audit.ts';
import type { Tx } from '../../../platform/db/tenant.ts';
import type { KeyRing } from '../../../platform/security/keys.ts';
import type { DirectoryEntry } from '../entry.ts';

type DraftStatus = 'pending' | 'returned' | 'accepted' | 'withdrawn';

export type Draft = {
  id: string;
  centreId: string;
  serviceId: string;
  entry: DirectoryEntry;
  status: DraftStatus;
  submittedBy: string;
  submittedAt: Date;
  reviewedBy: string | null;
  reviewedAt: Date | null;
  reviewComment: string | null;
};

/** A centre and the directory service it maintains (`centreId` is its own id: the object-level rules read it). */
export type CentreLink = { id: string; centreId: string; name: string; serviceId: string | null };

/** The columns of a stored draft, as draftFromRow reads them. */
export const DRAFT_COLUMNS = [
  'id',
  'centre_id',
  'service_id',
  'entry',
  'status',
  'submitted_by',
  'submitted_at',
  'reviewed_by',
  'reviewed_at',
  'review_comment',
] as const;

type DraftDbRow = {
  id: string;
  centre_id: string;
  service_id: string;
  entry: unknown;
  status: DraftStatus;
  submitted_by: string;
  submitted_at: Date;
  reviewed_by: string | null;
  reviewed_at: Date | null;
  review_comment: string | null;
};

/** Map a stored row; the entry was validated before it was stored. */
export function draftFromRow(r: DraftDbRow): Draft {
  return {
    id: r.id,
    centreId: r.centre_id,
    serviceId: r.service_id,
    entry: (typeof r.entry === 'string' ? JSON.parse(r.entry) : r.entry) as DirectoryEntry,
    status: r.status,
    submittedBy: r.submitted_by,
    submittedAt: new Date(r.submitted_at),
    reviewedBy: r.reviewed_by,
    reviewedAt: r.reviewed_at === null ? null : new Date(r.reviewed_at),
    reviewComment: r.review_comment,
  };
}

/** The centre and the directory entry it maintains (undefined when the scope cannot see it). */
export async function centreLink(trx: Tx, centreId: string): Promise<CentreLink | undefined> {
  const row = await trx
    .selectFrom('centre')
    .select(['id', 'name', 'service_id'])
    .where('id', '=', centreId)
    .executeTakeFirst();
  return row ? { id: row.id, centreId: row.id, name: row.name, serviceId: row.service_id } : undefined;
}

/**
 * What the entry page shows: the pending draft, if any, and the most recent
 * draft that has been decided (to show a return comment or a publication).
 */
export async function centreDrafts(trx: Tx, centreId: string): Promise<{ pending?: Draft; lastDecided?: Draft }> {
  const rows = await trx
    .selectFrom('directory_draft')
    .select(DRAFT_COLUMNS)
    .where('centre_id', '=', centreId)
    .where('status', 'in', ['pending', 'returned', 'accepted'])
    .orderBy('submitted_at', 'desc')
    .orderBy('id')
    .limit(20)
    .execute();
  const drafts = rows.map(draftFromRow);
  const pending = drafts.find((d) => d.status === 'pending');
  const lastDecided = drafts
    .filter((d) => d.status !== 'pending' && d.reviewedAt !== null)
    .sort((a, b) => b.reviewedAt!.getTime() - a.reviewedAt!.getTime())[0];
  return { ...(pending ? { pending } : {}), ...(lastDecided ? { lastDecided } : {}) };
}

/**
 * Serialise changes to one centre's drafts. Two submissions at once would
 * otherwise both find no newer pending draft and the second insert would
 * hit the one-pending-draft index. Everyone who changes drafts takes this
 * lock first (review/queries.ts too), so the lock order is always the same.
 */
export async function lockCentre(trx: Tx, centreId: string): Promise<void> {
  await trx.selectFrom('centre').select('id').where('id', '=', centreId).forUpdate().executeTakeFirst();
}

/** Mark the centre's pending draft withdrawn: the one for a service, or the one with an id. */
function withdrawPending(trx: Tx, centreId: string, which: { serviceId: string } | { draftId: string }) {
  const pending = trx
    .updateTable('directory_draft')
    .set({ status: 'withdrawn' })
    .where('centre_id', '=', centreId)
    .where('status', '=', 'pending');
  return (
    'draftId' in which ? pending.where('id', '=', which.draftId) : pending.where('service_id', '=', which.serviceId)
  )
    .returning(['id', 'service_id'])
    .executeTakeFirst();
}

export type SubmitInput = { centreId: string; serviceId: string; entry: DirectoryEntry; actorId: string; at: Date };

/**
 * Store a validated proposal as the centre's pending draft. An earlier
 * pending draft is replaced (marked withdrawn): the office reviews one
 * proposal per entry, the latest.
 */
export async function submitDraft(
  trx: Tx,
  ring: KeyRing,
  input: SubmitInput,
): Promise<{ id: string; replaced: string | null }> {
  await lockCentre(trx, input.centreId);
  const previous = await withdrawPending(trx, input.centreId, { serviceId: input.serviceId });
  const id = randomUUID();
  await trx
    .insertInto('directory_draft')
    .values({
      id,
      centre_id: input.centreId,
      service_id: input.serviceId,
      entry: JSON.stringify(input.entry),
      status: 'pending',
      submitted_by: input.actorId,
      submitted_at: input.at,
    })
    .execute();
  await audit(
    trx,
    ring,
    {
      event: 'directory.draft_submitted',
      actorId: input.actorId,
      centreId: input.centreId,
      objectType: 'directory_draft',
      objectId: id,
      details: { service_id: input.serviceId, replaced_draft_id: previous?.id ?? null },
    },
    input.at,
  );
  return { id, replaced: previous?.id ?? null };
}

/**
 * Withdraw the centre's pending draft `draftId`. False when there is no such
 * pending draft in this scope (unknown, another centre's, already decided).
 */
export async function withdrawDraft(
  trx: Tx,
  ring: KeyRing,
  input: { centreId: string; draftId: string; actorId: string; at: Date },
): Promise<boolean> {
  await lockCentre(trx, input.centreId);
  const row = await withdrawPending(trx, input.centreId, { draftId: input.draftId });
  if (!row) return false;
  await audit(
    trx,
    ring,
    {
      event: 'directory.draft_withdrawn',
      actorId: input.actorId,
      centreId: input.centreId,
      objectType: 'directory_draft',
      objectId: row.id,
      details: { service_id: row.service_id },
    },
    input.at,
  );
  return true;
}
