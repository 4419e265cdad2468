/**
 * The current status of a track is its latest entry: the one stated last,
 * and of two stated on the same day the one recorded last. An entry is
 * never changed (the history is append-only), so a correction is a newer
 * entry, and the timeline shows both.
 */
import type { Track } from './vocabulary.ts';

export type StatusEntry = {
  id: string;
  track: Track;
  status: string;
  /** 'YYYY-MM-DD' */
  statedOn: string;
  source: string;
  url: string | null;
  note: string;
  recordedAt: Date;
};

/** Newest first: by the day stated, then by when it was recorded. */
export function newestFirst(a: StatusEntry, b: StatusEntry): number {
  if (a.statedOn !== b.statedOn) return a.statedOn < b.statedOn ? 1 : -1;
  return b.recordedAt.getTime() - a.recordedAt.getTime();
}

/** The current entry of one track, or undefined when the track has none. */
export function currentOf(entries: readonly StatusEntry[], track: Track): StatusEntry | undefined {
  return entries.filter((e) => e.track === track).sort(newestFirst)[0];
}

/** Whole days from the day `statedOn` to `today` (both 'YYYY-MM-DD'). */
export function daysSince(statedOn: string, today: string): number {
  return Math.round((Date.parse(`${today}T00:00:00Z`) - Date.parse(`${statedOn}T00:00:00Z`)) / 86_400_000);
}
