import { describe, expect, it } from 'vitest';
import { ALL_CELLS, cellKey, crossKey, TOTAL } from './catalogue.ts';
import { groupDisclosures, isPrimary } from './primary.ts';
import { INTERNAL_THRESHOLD, PUBLIC_THRESHOLD, type YearCounts } from './types.ts';

function counts(values: Record<string, number | null>): YearCounts {
  return new Map(ALL_CELLS.map((k) => [k, k in values ? values[k]! : 0]));
}

describe('primary suppression', () => {
  it('withholds counts between zero and the threshold and every NULL from the database', () => {
    for (const [v, t, expected] of [
      [0, PUBLIC_THRESHOLD, false],
      [1, PUBLIC_THRESHOLD, true],
      [9, PUBLIC_THRESHOLD, true],
      [10, PUBLIC_THRESHOLD, false],
      [4, INTERNAL_THRESHOLD, true],
      [5, INTERNAL_THRESHOLD, false],
      [9, INTERNAL_THRESHOLD, false],
      [null, INTERNAL_THRESHOLD, true],
    ] as const)
      expect(isPrimary(v, t), `${v} at ${t}`).toBe(expected);
  });
});

describe('group disclosure', () => {
  it('finds a row of a cross table whose records all share one informative category', () => {
    const found = groupDisclosures(
      counts({
        [TOTAL]: 40,
        [cellKey('gender', 'female')]: 28,
        [cellKey('gender', 'trans')]: 12,
        [cellKey('age_band', '21-29')]: 30,
        [cellKey('age_band', '30-39')]: 10,
        [crossKey('gender', 'female', 'age_band', '21-29')]: 18,
        [crossKey('gender', 'female', 'age_band', '30-39')]: 10,
        [crossKey('gender', 'trans', 'age_band', '21-29')]: 12,
      }),
    );
    const trans = found.find((g) => g.cell === crossKey('gender', 'trans', 'age_band', '21-29'));
    // Age bands nobody falls into (their margin is zero) say nothing about trans persons.
    expect(trans?.others).toEqual([crossKey('gender', 'trans', 'age_band', '30-39')]);
    // The 30–39 column holds only women: all 30–39 year olds are women.
    expect(found.map((g) => g.cell)).toContain(crossKey('gender', 'female', 'age_band', '30-39'));
    // The female row is spread over two bands.
    expect(found.map((g) => g.cell)).not.toContain(crossKey('gender', 'female', 'age_band', '21-29'));
  });

  it('ignores lines that hold only unknowns, "no" of an option, or a withheld cell beside the one', () => {
    const found = groupDisclosures(
      counts({
        [TOTAL]: 20,
        [cellKey('gender', 'unknown')]: 20,
        [cellKey('exploitation_form.organ_removal', 'no')]: 20,
        [cellKey('referral_source', 'self')]: 17,
        [cellKey('referral_source', 'lawyer')]: null,
      }),
    );
    const cells = found.map((g) => g.cell);
    expect(cells).not.toContain(cellKey('gender', 'unknown'));
    expect(cells).not.toContain(cellKey('exploitation_form.organ_removal', 'no'));
    expect(cells).not.toContain(cellKey('referral_source', 'self'));
  });
});
