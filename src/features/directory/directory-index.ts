/**
 * The public directory held in memory for search. The whole directory is a
 * few thousand rows, so searching it in process is faster than any query and
 * keeps the database out of the hot path of the most-used public page
 * (ADR 004). Freshness: at most `ttlMs` after a change on any instance, each
 * instance notices the bumped directory revision and reloads.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { DirectoryEntry } from './entry.ts';
import { directoryRevision, loadAllEntries } from './queries.ts';

export type DirectorySnapshot = {
  revision: string;
  entries: readonly DirectoryEntry[];
  byId: ReadonlyMap<string, DirectoryEntry>;
  hasDemo: boolean;
};

export class DirectoryIndex {
  #snapshot: DirectorySnapshot | undefined;
  #checkedAt = -Infinity;
  #pending: Promise<DirectorySnapshot> | undefined;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly ttlMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The current snapshot, reloading first if the revision changed. */
  async get(): Promise<DirectorySnapshot> {
    if (this.#snapshot && this.now() - this.#checkedAt < this.ttlMs) return this.#snapshot;
    // Concurrent requests share one check instead of each querying.
    this.#pending ??= this.#refresh().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /** The last loaded snapshot without any I/O (for the layout's demo banner). */
  current(): DirectorySnapshot | undefined {
    return this.#snapshot;
  }

  /** Forget the freshness window: the next get() checks the revision. Call after own writes. */
  invalidate(): void {
    this.#checkedAt = -Infinity;
  }

  async #refresh(): Promise<DirectorySnapshot> {
    const revision = await directoryRevision(this.db);
    if (this.#snapshot?.revision !== revision) {
      // Read revision and rows in one snapshot so a concurrent write cannot
      // leave us with new rows labelled with an old revision or vice versa.
      this.#snapshot = await this.db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          const rev = await directoryRevision(trx);
          const entries = await loadAllEntries(trx);
          return {
            revision: rev,
            entries,
            byId: new Map(entries.map((e) => [e.service.id, e])),
            hasDemo: entries.some((e) => e.service.is_demo || e.organization.is_demo),
          };
        });
    }
    this.#checkedAt = this.now();
    return this.#snapshot;
  }
}
