/**
 * The live tables' cache computes a year's protection once per distinct
 * input and never answers with a result of other counts: one record more,
 * another earlier version, another threshold or year is another key.
 */
import { describe, expect, it } from 'vitest';
import { ENGINE, type StatisticsEngine } from './compute.ts';
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
    protect: (counts, threshold, earlier) => {
      calls.protect++;
      return engine.protect(counts, threshold, earlier);
    },
    audit: (p) => engine.audit(p),
  };
  return { calls, engine: counted };
}

describe('liveKey', () => {
  it('ignores the order of the rows and of an earlier version’s cells, and nothing else', () => {
    const earlier: Cells = { total: 280, 'gender=female': null };
    const key = liveKey(2024, 5, rows, [earlier]);
    expect(liveKey(2024, 5, [...rows].reverse(), [{ 'gender=female': null, total: 280 }])).toBe(key);
    expect(liveKey(2024, 5, oneMore, [earlier])).not.toBe(key);
    expect(liveKey(2024, 5, rows, [])).not.toBe(key);
    expect(liveKey(2024, 5, rows, [{ ...earlier, 'gender=female': 12 }])).not.toBe(key);
    expect(liveKey(2024, 10, rows, [earlier])).not.toBe(key);
    expect(liveKey(2023, 5, rows, [earlier])).not.toBe(key);
    // A count the database withheld is another input than the count.
    const n = rows.findIndex((r) => r.n !== null);
    expect(liveKey(2024, 5, rows.with(n, { ...rows[n]!, n: null }), [earlier])).not.toBe(key);
  });
});

describe('LiveYearCache', () => {
  it('protects the same counts once, in any row order, also when asked twice at the same time', async () => {
    const { calls, engine } = counting();
    const cache = new LiveYearCache(engine);
    const [a, b] = await Promise.all([cache.protect(2024, 5, rows, []), cache.protect(2024, 5, rows, [])]);
    const c = await cache.protect(2024, 5, [...rows].reverse(), []);
    expect(calls.protect).toBe(1);
    expect(a.kind).toBe('passed');
    expect(b).toBe(a);
    expect(c).toBe(a);
  });

  it('computes again for one record more, for an earlier version and for another threshold', async () => {
    const { calls, engine } = counting();
    const cache = new LiveYearCache(engine);
    const first = await cache.protect(2024, 5, rows, []);
    const more = await cache.protect(2024, 5, oneMore, []);
    expect(calls.protect).toBe(2);
    if (first.kind !== 'passed' || more.kind !== 'passed') throw new Error('expected both to pass');
    expect(more.cells.total).toBe((first.cells.total ?? 0) + 1);
    await cache.protect(2024, 5, rows, [first.cells]);
    await cache.protect(2024, 10, rows, []);
    expect(calls.protect).toBe(4);
    // Each is kept under its own key.
    await cache.protect(2024, 5, rows, []);
    await cache.protect(2024, 5, oneMore, []);
    expect(calls.protect).toBe(4);
  });

  it('keeps a few results, the least recently used leaves first', async () => {
    const { calls, engine } = counting();
    const cache = new LiveYearCache(engine, 2);
    await cache.protect(2023, 5, rows, []);
    await cache.protect(2024, 5, rows, []);
    await cache.protect(2023, 5, rows, []); // 2023 used last: 2024 is the oldest now
    await cache.protect(2025, 5, rows, []);
    expect(cache.size).toBe(2);
    expect(calls.protect).toBe(3);
    await cache.protect(2023, 5, rows, []);
    expect(calls.protect).toBe(3);
    await cache.protect(2024, 5, rows, []);
    expect(calls.protect).toBe(4);
  });

  it('does not keep a failure: the next view tries again', async () => {
    let fail = true;
    const { calls, engine } = counting({
      protect: (counts, threshold, earlier) =>
        fail ? Promise.reject(new Error('solver gone')) : ENGINE.protect(counts, threshold, earlier),
      audit: (p) => ENGINE.audit(p),
    });
    const cache = new LiveYearCache(engine);
    await expect(cache.protect(2024, 5, rows, [])).rejects.toThrow('solver gone');
    expect(cache.size).toBe(0);
    fail = false;
    expect((await cache.protect(2024, 5, rows, [])).kind).toBe('passed');
    expect(calls.protect).toBe(2);
  });
});
