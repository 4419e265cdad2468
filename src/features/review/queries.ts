/**
 * The coordination office's side of directory drafts: the queue, one draft
 * with its context, and the two decisions. Runs in the coordination scope; every
 * decision is audited in the centre's own chain, in the same transaction as
 * the change it records.
 */
import { audit } from '../../platform/audit/audit.ts';
import { enterScope, type Tx } from '../../platform/db/tenant.ts';
import type { KeyRing } from '../../platform/security/keys.ts';
import type { DirectoryEntry } from '../directory/entry.ts';
import { loadAllEntries, writeEntries } from '../directory/queries.ts';
import { entrySchema } from '../directory-io/entry-schema.ts';
import { applyEdits } from '../directory/drafts/editable.ts';
import { centreLink, DRAFT_COLUMNS, draftFromRow, lockCentre, type Draft } from '../directory/drafts/queries.ts';

export type QueueItem = {
  id: string;
  centreId: string;
  centreName: string;
  serviceId: string;
  submittedAt: Date;
  submittedByName: string;
};

/** Pending drafts, oldest first (first come, first reviewed). */
export async function pendingDrafts(trx: Tx): Promise<QueueItem[]> {
  const rows = await trx
    .selectFrom('directory_draft as d')
    .innerJoin('centre as c', 'c.id', 'd.centre_id')
    .innerJoin('app_user as u', 'u.id', 'd.submitted_by')
    .select(['d.id', 'd.centre_id', 'c.name as centre_name', 'd.service_id', 'd.submitted_at', 'u.display_name'])
    .where('d.status', '=', 'pending')
    .orderBy('d.submitted_at')
    .orderBy('d.id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    centreId: r.centre_id,
    centreName: r.centre_name,
    serviceId: r.service_id,
    submittedAt: new Date(r.submitted_at),
    submittedByName: r.display_name,
  }));
}

export type DraftWithContext = Draft & { centreName: string; submittedByName: string; reviewedByName: string | null };

/** One draft with the names a reviewer needs; undefined when unknown in this scope. */
export async function draftForReview(trx: Tx, id: string): Promise<DraftWithContext | undefined> {
  const row = await trx
    .selectFrom('directory_draft as d')
    .innerJoin('centre as c', 'c.id', 'd.centre_id')
    .innerJoin('app_user as u', 'u.id', 'd.submitted_by')
    .leftJoin('app_user as r', 'r.id', 'd.reviewed_by')
    .select([
      'd.id',
      'd.centre_id',
      'd.service_id',
      'd.entry',
      'd.status',
      'd.submitted_by',
      'd.submitted_at',
      'd.reviewed_by',
      'd.reviewed_at',
      'd.review_comment',
      'c.name as centre_name',
      'u.display_name as submitted_by_name',
      'r.display_name as reviewed_by_name',
    ])
    .where('d.id', '=', id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    ...draftFromRow(row),
    centreName: row.centre_name,
    submittedByName: row.submitted_by_name,
    reviewedByName: row.reviewed_by_name,
  };
}

/** The entry as published now, read inside the transaction (undefined: no longer in the directory). */
async function publishedEntry(trx: Tx, serviceId: string): Promise<DirectoryEntry | undefined> {
  // The directory is small (ADR 004); reading it whole keeps one loader for every reader.
  return (await loadAllEntries(trx)).find((e) => e.service.id === serviceId);
}

/** What accepting a draft would publish: the current entry with the draft's edits, verified `today`. */
function entryToPublish(published: DirectoryEntry, draft: Draft, today: string): DirectoryEntry {
  const merged = applyEdits(published, draft.entry);
  return { ...merged, service: { ...merged.service, assured_date: today } };
}

export type Decision =
  | { ok: true; entry: DirectoryEntry }
  | { ok: false; reason: 'not_found' | 'not_pending' | 'entry_gone' | 'invalid'; detail?: string };

type DecisionInput = { draftId: string; actorId: string; at: Date };

/**
 * Store the office's decision on the draft and audit it (`details` besides
 * the service id; a return comment stays with the draft, never in the log).
 */
async function recordDecision(
  trx: Tx,
  ring: KeyRing,
  draft: Draft,
  input: DecisionInput,
  decision: { status: 'accepted' } | { status: 'returned'; review_comment: string },
  details: Record<string, string> = {},
): Promise<void> {
  await trx
    .updateTable('directory_draft')
    .set({ ...decision, reviewed_by: input.actorId, reviewed_at: input.at })
    .where('id', '=', draft.id)
    .execute();
  await audit(
    trx,
    ring,
    {
      event: `directory.draft_${decision.status}`,
      actorId: input.actorId,
      centreId: draft.centreId,
      objectType: 'directory_draft',
      objectId: draft.id,
      details: { service_id: draft.serviceId, ...details },
    },
    input.at,
  );
}

async function lockPending(trx: Tx, draftId: string): Promise<Draft | 'not_found' | 'not_pending'> {
  const owner = await trx
    .selectFrom('directory_draft')
    .select('centre_id')
    .where('id', '=', draftId)
    .executeTakeFirst();
  if (!owner) return 'not_found';
  // Centre first, then the draft: the order submitDraft uses, so the two cannot deadlock.
  await lockCentre(trx, owner.centre_id);
  const row = await trx
    .selectFrom('directory_draft')
    .select(DRAFT_COLUMNS)
    .where('id', '=', draftId)
    .forUpdate()
    .executeTakeFirst();
  if (!row) return 'not_found';
  if (row.status !== 'pending') return 'not_pending';
  return draftFromRow(row);
}

/**
 * Publish a pending draft: write the merged entry (validated once more by
 * the import's schema, in case the rules changed since submission), set its
 * verification date to `today`, mark the draft accepted and audit it.
 * The caller invalidates the directory index after the commit.
 */
export async function acceptDraft(trx: Tx, ring: KeyRing, input: DecisionInput & { today: string }): Promise<Decision> {
  const draft = await lockPending(trx, input.draftId);
  if (typeof draft === 'string') return { ok: false, reason: draft };
  // A draft publishes its own centre's entry and nothing else: the one the
  // centre is linked to now. The database refuses a pending draft for
  // another entry; this says so before anything is written.
  const link = await centreLink(trx, draft.centreId);
  if (link?.serviceId !== draft.serviceId) return { ok: false, reason: 'entry_gone' };
  const published = await publishedEntry(trx, draft.serviceId);
  if (!published) return { ok: false, reason: 'entry_gone' };
  const checked = entrySchema.safeParse(entryToPublish(published, draft, input.today));
  if (!checked.success) {
    return {
      ok: false,
      reason: 'invalid',
      detail: checked.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
    };
  }
  // Only now may the transaction write directory rows, and only the draft's
  // centre's (ADR 021); the organisation is not the centre's to change. The
  // service row is updated in place, so the centre's link to it stays.
  await enterScope(trx, { kind: 'coordination', publishing: draft.centreId });
  await writeEntries(trx, [checked.data], { organizations: false });
  await recordDecision(trx, ring, draft, input, { status: 'accepted' }, { assured_date: input.today });
  return { ok: true, entry: checked.data };
}

/** Return a pending draft to its centre with a comment (stored with the draft, never in the audit log). */
export async function returnDraft(
  trx: Tx,
  ring: KeyRing,
  input: DecisionInput & { comment: string },
): Promise<Decision | { ok: true }> {
  const draft = await lockPending(trx, input.draftId);
  if (typeof draft === 'string') return { ok: false, reason: draft };
  await recordDecision(trx, ring, draft, input, { status: 'returned', review_comment: input.comment });
  return { ok: true };
}
