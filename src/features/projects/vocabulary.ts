/**
 * The words of projects and measures: the statuses a project and a measure
 * go through, the kinds of measure the centres register, and where a
 * measure takes place (a Land or the whole country — never a person's
 * address). The database CHECKs the same lists (migrations/0035).
 */
import { STATE_CODES } from '../geo/states.ts';

export const PROJECT_STATUSES = ['planned', 'running', 'completed'] as const;
export type ProjectStatus = (typeof PROJECT_STATUSES)[number];

export const MEASURE_KINDS = ['outreach_accommodation', 'training', 'information_event', 'networking'] as const;
export type MeasureKind = (typeof MEASURE_KINDS)[number];

/** A measure's way: the centre submits, the office accepts or returns, the centre may withdraw. */
export type MeasureStatus = 'submitted' | 'accepted' | 'returned' | 'withdrawn';

/** Where a measure takes place: a Land, or 'DE' for the whole country. */
export const REGIONS = ['DE', ...STATE_CODES] as const;

/** May a centre still change this measure's content (and send it again)? */
export function centreMayEdit(status: MeasureStatus): boolean {
  return status === 'submitted' || status === 'returned';
}

/** May a centre withdraw it? Everything but a withdrawn one. */
export function centreMayWithdraw(status: MeasureStatus): boolean {
  return status !== 'withdrawn';
}

/** May the office review it? A withdrawn measure is the centre's decision. */
export function officeMayReview(status: MeasureStatus): boolean {
  return status !== 'withdrawn';
}
