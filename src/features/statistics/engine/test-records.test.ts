import { describe, expect, it } from 'vitest';
import { countLikeSql, syntheticRecords, syntheticRows } from './test-records.ts';
import type { StatisticsRow } from './types.ts';

const sorted = (rows: StatisticsRow[]) => rows.map((r) => `${r.dim_a}=${r.val_a}/${r.dim_b}=${r.val_b}:${r.n}`).sort();

describe('synthetic counts', () => {
  it('counts drawn records exactly like counting the record objects', () => {
    const shape = { seed: 42, recordsPerCentre: [300, 80, 40, 9, 4, 2], sparsity: 0.3, skew: 1.3, centreBias: 0.7 };
    const records = syntheticRecords(shape);
    expect(records).toHaveLength(435);
    // Adults are never asked whether they came unaccompanied.
    for (const r of records)
      if (!['0-13', '14-17', 'unknown'].includes(r.single.age_band))
        expect(r.single.unaccompanied_minor).toBe('not_applicable');
    // A complete record names at least one option of every multi-choice field.
    for (const r of records) for (const options of Object.values(r.multi)) expect(options.length).toBeGreaterThan(0);
    expect(sorted(syntheticRows(shape))).toEqual(sorted(countLikeSql(records)));
  });
});
