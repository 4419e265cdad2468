/**
 * Four eyes on every version: whoever wrote a version — created it, last
 * saved it, or submitted it — neither approves nor publishes it. Pure, so
 * the rules are tested without a database; the CHECK constraints in
 * migrations/0022 hold the same line for creator and last editor.
 */
import type { VersionSummary } from './queries.ts';

type Version = Pick<VersionSummary, 'status' | 'createdBy' | 'updatedBy' | 'submittedBy' | 'reviewedBy'>;

/** Why a step is refused (each is shown on the version's page). */
export type Refusal = 'not_draft' | 'not_in_review' | 'own_version' | 'not_approved' | 'already_approved';
export type Check = { ok: true } | { ok: false; reason: Refusal };

const allowed: Check = { ok: true };
const refused = (reason: Refusal): Check => ({ ok: false, reason });

/** Did `actorId` write any part of this version? */
export function isAuthor(actorId: string, v: Version): boolean {
  return [v.createdBy, v.updatedBy, v.submittedBy].some((p) => p?.id === actorId);
}

/** Change, submit or discard: only a draft, by anyone of the office. */
export function editCheck(v: Version): Check {
  return v.status === 'draft' ? allowed : refused('not_draft');
}

/**
 * Approve: a version in review, by someone who did not write it. Send back
 * to draft: anyone of the office, the author too (withdrawing a submission
 * publishes nothing, and an approval given before no longer counts).
 */
export function reviewCheck(actorId: string, v: Version, step: 'approve' | 'return'): Check {
  if (v.status !== 'in_review') return refused('not_in_review');
  if (step === 'return') return allowed;
  if (isAuthor(actorId, v)) return refused('own_version');
  if (v.reviewedBy) return refused('already_approved');
  return allowed;
}

/** Publish: an approved version in review, by someone who did not write it (the approver may). */
export function publishCheck(actorId: string, v: Version): Check {
  if (v.status !== 'in_review') return refused('not_in_review');
  if (isAuthor(actorId, v)) return refused('own_version');
  if (!v.reviewedBy) return refused('not_approved');
  return allowed;
}
