/**
 * The live tables' cache computes a year's protection once per distinct
 * input and never answers with a result of other counts: one record more,
 * another earlier version, another public version, another threshold or
 * year is another key.
 */
import { describe, expect, it } from 'vitest';
import { ENGINE, NOTHING_SEEN, type Seen, type StatisticsEngine } from './compute.ts';
import { countLikeSql, syntheticRecords, type DataSetShape } from './engine/test-records.ts';
import { LiveYearCache, liveKey } from './live-cache.ts';
import type { Cells } from './present.ts';

const shape: DataSetShape = {
  seed: 11,
  recordsPerCentre: [90, 70, 50, 40, 30],
  sparsity: 0.2,
  skew: 1,
  centreBias: 0.3,
};
const records = syntheticRecords(shape);
const rows = countLikeSql(records);
/** The same year with one record more (a copy of the first, at another centre). */
const oneMore = countLikeSql([...records, { ...records[0]!, centre: 4 }]);

/** The real engine, counting how often it is asked to protect. */
function counting(engine: StatisticsEngine = ENGINE) {
  const calls = { protect: 0 };
  const counted: StatisticsEngine = {
    protect: (counts, threshold, seen) => {
      calls.protect++;
      return engine.protect(counts, threshold, seen);
    },
    audit: (p) => engine.audit(p),
  };
  return { calls, engine: counted };
}

describe('liveKey', () => {
  const earlierOnly = (...earlier: Cells[]): Seen => ({ earlier, alsoSeen: [] });

  it('ignores the order of the rows and of an earlier version’s cells, and nothing else', () => {
    const earlier: Cells = { total: 280, 'gender=female': null };
    const key = liveKey(2024, 5, rows, earlierOnly(earlier));
    expect(liveKey(2024, 5, [...rows].reverse(), earlierOnly({ 'gender=female': null, total: 280 }))).toBe(key);
    expect(liveKey(2024, 5, oneMore, earlierOnly(earlier))).not.toBe(key);
    expect(liveKey(2024, 5, rows, NOTHING_SEEN)).not.toBe(key);
    expect(liveKey(2024, 5, rows, earlierOnly({ ...earlier, 'gender=female': 12 }))).not.toBe(key);
    expect(liveKey(2024, 10, rows, earlierOnly(earlier))).not.toBe(key);
    expect(liveKey(2023, 5, rows, earlierOnly(earlier))).not.toBe(key);
    // A count the database withheld is another input than the count.
    const n = rows.findIndex((r) => r.n !== null);
    expect(liveKey(2024, 5, rows.with(n, { ...rows[n]!, n: null }), earlierOnly(earlier))).not.toBe(key);
  });

  it('includes the public versions, apart from the internal ones', () => {
    const version: Cells = { total: 280, 'gender=female': null };
    const none = liveKey(2024, 5, rows, NOTHING_SEEN);
    const seenPublic = liveKey(2024, 5, rows, { earlier: [], alsoSeen: [version] });
    expect(seenPublic).not.toBe(none);
    // The same cells as an internal version are another input: its secrets would be carried.
    expect(seenPublic).not.toBe(liveKey(2024, 5, rows, earlierOnly(version)));
    expect(liveKey(2024, 5, rows, { earlier: [], alsoSeen: [{ ...version, total: 281 }] })).not.toBe(seenPublic);
    expect(liveKey(2024, 5, rows, { earlier: [], alsoSeen: [version, version] })).not.toBe(seenPublic);
  });
});

describe('LiveYearCache', () => {
  it('protects the same counts once, in any row order, also when asked twice at the same time', async () => {
    const { calls, engine } = counting();
    const cache = new LiveYearCache(engine);
    const [a, b] = await Promise.all([
      cache.protect(2024, 5, rows, NOTHING_SEEN),
      cache.protect(2024, 5, rows, NOTHING_SEEN),
    ]);
    const c = await cache.protect(2024, 5, [...rows].reverse(), NOTHING_SEEN);
    expect(calls.protect).toBe(1);
    expect(a.kind).toBe('passed');
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('computes again for one record more, for an earlier version, for another threshold and for a public version', async () => {
    const { calls, engine } = counting();
    const cache = new LiveYearCache(engine);
    const first = await cache.protect(2024, 5, rows, NOTHING_SEEN);
    const more = await cache.protect(2024, 5, oneMore, NOTHING_SEEN);
    expect(calls.protect).toBe(2);
    if (first.kind !== 'passed' || more.kind !== 'passed') throw new Error('expected both to pass');
    expect(more.cells.total).toBe((first.cells.total ?? 0) + 1);
    await cache.protect(2024, 5, rows, { earlier: [first.cells], alsoSeen: [] });
    await cache.protect(2024, 10, rows, NOTHING_SEEN);
    expect(calls.protect).toBe(4);
    // A public version published meanwhile: the office sees it, so the tables are protected against it anew.
    await cache.protect(2024, 5, rows, { earlier: [], alsoSeen: [first.cells] });
    expect(calls.protect).toBe(5);
    // Each is kept under its own key.
    await cache.protect(2024, 5, rows, NOTHING_SEEN);
    await cache.protect(2024, 5, oneMore, NOTHING_SEEN);
    await cache.protect(2024, 5, rows, { earlier: [], alsoSeen: [first.cells] });
    expect(calls.protect).toBe(5);
  });

  it('keeps a few results, the least recently used leaves first', async () => {
    const { calls, engine } = counting();
    const cache = new LiveYearCache(engine, 2);
    await cache.protect(2023, 5, rows, NOTHING_SEEN);
    await cache.protect(2024, 5, rows, NOTHING_SEEN);
    await cache.protect(2023, 5, rows, NOTHING_SEEN); // 2023 used last: 2024 is the oldest now
    await cache.protect(2025, 5, rows, NOTHING_SEEN);
    expect(cache.size).toBe(2);
    expect(calls.protect).toBe(3);
    await cache.protect(2023, 5, rows, NOTHING_SEEN);
    expect(calls.protect).toBe(3);
    await cache.protect(2024, 5, rows, NOTHING_SEEN);
    expect(calls.protect).toBe(4);
  });

  it('does not keep a failure: the next view tries again', async () => {
    let fail = true;
    const { calls, engine } = counting({
      protect: (counts, threshold, seen) =>
        fail ? Promise.reject(new Error('solver gone')) : ENGINE.protect(counts, threshold, seen),
      audit: (p) => ENGINE.audit(p),
    });
    const cache = new LiveYearCache(engine);
    await expect(cache.protect(2024, 5, rows, NOTHING_SEEN)).rejects.toThrow('solver gone');
    expect(cache.size).toBe(0);
    fail = false;
    expect((await cache.protect(2024, 5, rows, NOTHING_SEEN)).kind).toBe('passed');
    expect(calls.protect).toBe(2);
  });
});
