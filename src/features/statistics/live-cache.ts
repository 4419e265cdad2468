/**
 * The coordination office's live tables without protecting and auditing the
 * same year again on every view. Secondary suppression with its LP audit
 * takes a few hundred milliseconds for a year of some 700 records (ADR 036),
 * and the office opens the page far more often than the year's counts
 * change.
 *
 * The key is what the result depends on, not a time: the year, the
 * threshold, the rows `case_statistics` returned and the cells of what the
 * office has seen of the year — its internal versions and its public ones
 * (canonical, hashed). Counting stays on every view (it takes tens of
 * milliseconds) and so does reading the versions; a record released,
 * corrected or withdrawn a second ago changes the rows and so the key, and
 * so does a version of either audience published a second ago. A hit is therefore exactly what `protectYear` would return now
 * (the engine is deterministic); there is no time to live and nothing to
 * invalidate, and the page never shows figures older than the request.
 *
 * Held in this process only, a few entries (least recently used first out).
 * The entries are the protected results the page shows the office anyway;
 * the key is a hash. A request that fails is not kept. Concurrent views of a
 * year share one computation.
 */
import { createHash } from 'node:crypto';
import { protectYear, type Seen, type StatisticsEngine, type YearResult } from './compute.ts';
import type { StatisticsRow } from './engine/types.ts';
import type { Cells } from './present.ts';

/** A canonical text of one set of cells: keys sorted, so their order in the object does not matter. */
function cellsText(cells: Cells): string {
  return Object.keys(cells)
    .sort()
    .map((k) => `${k}=${cells[k] ?? '-'}`)
    .join(';');
}

/** What a protected year depends on, hashed: rows in any order give the same key. */
export function liveKey(year: number, threshold: number, rows: readonly StatisticsRow[], seen: Seen): string {
  const h = createHash('sha256');
  h.update(`${year}\n${threshold}\n`);
  const lines = rows.map((r) => [r.dim_a, r.val_a, r.dim_b ?? '', r.val_b ?? '', r.n ?? '-'].join('\u0000')).sort();
  for (const l of lines) h.update(`${l}\n`);
  // Versions in their order, each an input of its own; the two kinds apart
  // (an earlier version's secrets are carried, another audience's are not).
  for (const e of seen.earlier) h.update(`\u0001${cellsText(e)}\n`);
  for (const e of seen.alsoSeen) h.update(`\u0002${cellsText(e)}\n`);
  return h.digest('hex');
}

export class LiveYearCache {
  readonly #entries = new Map<string, Promise<YearResult>>();

  constructor(
    private readonly engine: StatisticsEngine,
    private readonly capacity = 8,
  ) {}

  /** `protectYear(engine, rows, threshold, seen)`, computed once per distinct input. */
  protect(year: number, threshold: number, rows: readonly StatisticsRow[], seen: Seen) {
    const key = liveKey(year, threshold, rows, seen);
    const hit = this.#entries.get(key);
    if (hit) {
      // Most recently used last.
      this.#entries.delete(key);
      this.#entries.set(key, hit);
      return hit;
    }
    const result = protectYear(this.engine, rows, threshold, seen);
    this.#entries.set(key, result);
    result.catch(() => {
      if (this.#entries.get(key) === result) this.#entries.delete(key);
    });
    for (const oldest of this.#entries.keys()) {
      if (this.#entries.size <= this.capacity) break;
      this.#entries.delete(oldest);
    }
    return result;
  }

  /** How many results are held (for the tests). */
  get size(): number {
    return this.#entries.size;
  }
}
