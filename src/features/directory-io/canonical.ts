/**
 * The order in which the database hands lists back (see loadAllEntries):
 * used to tell whether an imported entry differs from the stored one, and by
 * tests comparing entries that took a trip through the database.
 */
import { isDeepStrictEqual } from 'node:util';
import type { DirectoryEntry } from '../directory/entry.ts';
import { TAXONOMIES } from '../directory/taxonomies.ts';

const byString = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
const inOrder = (order: readonly string[]) => (a: string, b: string) => order.indexOf(a) - order.indexOf(b);

/** A copy of `e` with every list in the database's order. */
export function canonicalEntry(e: DirectoryEntry): DirectoryEntry {
  return {
    ...e,
    phones: [...e.phones]
      .sort((a, b) => byString(a.id, b.id))
      .map((p) => ({ ...p, languages: [...p.languages].sort(byString) })),
    languages: [...e.languages].sort(byString),
    schedules: [...e.schedules].sort((a, b) => byString(a.opens_at, b.opens_at) || byString(a.id, b.id)),
    areas: [...e.areas].sort(byString),
    targetGroups: [...e.targetGroups].sort(inOrder(TAXONOMIES.target_group)),
    exploitation: [...e.exploitation].sort(inOrder(TAXONOMIES.exploitation)),
    accessibility: [...e.accessibility].sort(inOrder(TAXONOMIES.accessibility)),
  };
}

/** Same content, whatever the order of lists? */
export function sameEntry(a: DirectoryEntry, b: DirectoryEntry): boolean {
  return isDeepStrictEqual(canonicalEntry(a), canonicalEntry(b));
}
