/**
 * Lookups the API derives from a directory snapshot (organisations with their
 * services, service_at_location ids). Built once per snapshot and forgotten
 * with it: the snapshot's entries array is the cache key.
 */
import type { DirectoryEntry } from '../directory/entry.ts';
import { serviceAtLocationId } from './presenters/location.ts';

type OrganizationView = { organization: DirectoryEntry['organization']; entries: DirectoryEntry[] };

export type SnapshotViews = {
  /** Every organisation that has at least one service, by name. */
  organizations: OrganizationView[];
  organizationById: ReadonlyMap<string, OrganizationView>;
  /** service_at_location id → the entry it belongs to. */
  entryBySalId: ReadonlyMap<string, DirectoryEntry>;
};

const cache = new WeakMap<readonly DirectoryEntry[], SnapshotViews>();

/** The views of a snapshot's entries (cached per snapshot). */
export function viewsOf(entries: readonly DirectoryEntry[]): SnapshotViews {
  const hit = cache.get(entries);
  if (hit) return hit;
  const byOrg = new Map<string, OrganizationView>();
  const entryBySalId = new Map<string, DirectoryEntry>();
  for (const e of entries) {
    const view = byOrg.get(e.organization.id);
    if (view) view.entries.push(e);
    else byOrg.set(e.organization.id, { organization: e.organization, entries: [e] });
    if (e.location) entryBySalId.set(serviceAtLocationId(e.service.id, e.location.id), e);
  }
  const organizations = [...byOrg.values()].sort(
    (a, b) =>
      a.organization.name.localeCompare(b.organization.name, 'de') ||
      a.organization.id.localeCompare(b.organization.id),
  );
  const views = { organizations, organizationById: byOrg, entryBySalId };
  cache.set(entries, views);
  return views;
}

/** Case-, accent- and ß-insensitive form for the simple `search` of lists other than services. */
function searchable(s: string): string {
  return s.toLocaleLowerCase('de').normalize('NFKD').replace(/\p{M}/gu, '').replace(/ß/g, 'ss');
}

/** Does `text` contain every word of `query`? */
export function matchesWords(text: string, query: string | undefined): boolean {
  if (!query) return true;
  const hay = searchable(text);
  return searchable(query)
    .split(/\s+/)
    .filter(Boolean)
    .every((w) => hay.includes(w));
}
