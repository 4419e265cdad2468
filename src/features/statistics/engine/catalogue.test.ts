import { describe, expect, it } from 'vitest';
import de from '../messages/de/statistics.json' with { type: 'json' };
import en from '../messages/en/statistics.json' with { type: 'json' };
import {
  ALL_CELLS,
  CATALOGUE,
  categoriesOf,
  categoryMessageKey,
  cellKey,
  cellsOfTable,
  countsFromRows,
  crossKey,
  dimensionMessageKey,
  layoutOf,
  RELATIONS,
  StatisticsRowError,
  TOTAL,
  type Dimension,
} from './catalogue.ts';
import { countLikeSql, syntheticRecords } from './test-records.ts';
import type { StatisticsRow } from './types.ts';

function lookup(tree: unknown, key: string): unknown {
  return key.split('.').reduce<unknown>((t, k) => (t as Record<string, unknown> | undefined)?.[k], tree);
}

const dimensionsOf = (): Dimension[] => [
  ...new Set(CATALOGUE.flatMap((t) => (t.kind === 'oneway' ? [t.dim] : t.kind === 'cross' ? [t.rows, t.columns] : []))),
];

describe('catalogue', () => {
  it('has unique, stable table ids and covers the required topics', () => {
    const ids = CATALOGUE.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of [
      'total',
      'gender',
      'age_band',
      'citizenship_region',
      'exploitation_form.sexual',
      'exploitation_place',
      'exploitation_timing.during_asylum',
      'asylum_stage',
      'asylum_context',
      'residence_status_first',
      'referral_source',
      'criminal_proceedings',
      'support_provided.psychosocial',
      'minor_at_exploitation',
      'unaccompanied_minor',
      'possibly_counted_elsewhere',
      'gender_by_age_band',
      'asylum_context_by_gender',
      'exploitation_form.labour_by_asylum_stage',
      'exploitation_form.labour_by_gender',
    ])
      expect(ids).toContain(id);
  });

  it('names every title, note, dimension and category in German and English', () => {
    for (const messages of [de, en]) {
      for (const t of CATALOGUE) {
        expect(typeof lookup(messages, t.titleKey), t.titleKey).toBe('string');
        expect(typeof lookup(messages, t.noteKey), t.noteKey).toBe('string');
      }
      for (const d of dimensionsOf()) {
        expect(typeof lookup(messages, dimensionMessageKey(d)), d).toBe('string');
        for (const c of categoriesOf(d))
          expect(typeof lookup(messages, categoryMessageKey(d, c)), `${d}=${c}`).toBe('string');
      }
    }
  });

  it('lays out a cross table with both margins and the total', () => {
    const spec = CATALOGUE.find((t) => t.id === 'gender_by_age_band')!;
    const layout = layoutOf(spec);
    expect(layout.columns).toEqual(categoriesOf('age_band'));
    expect(layout.rows[0]).toEqual({
      category: 'female',
      cells: categoriesOf('age_band').map((a) => crossKey('gender', 'female', 'age_band', a)),
      margin: cellKey('gender', 'female'),
    });
    expect(layout.columnMargins).toEqual(categoriesOf('age_band').map((a) => cellKey('age_band', a)));
    expect(cellsOfTable(spec)).toHaveLength(5 * 7 + 5 + 7 + 1);
  });

  it('links every cell to the total through its relations', () => {
    const linked = new Set<string>([TOTAL]);
    let grew = true;
    while (grew) {
      grew = false;
      for (const r of RELATIONS)
        if (r.terms.some(([k]) => linked.has(k)))
          for (const [k] of r.terms)
            if (!linked.has(k)) {
              linked.add(k);
              grew = true;
            }
    }
    expect([...ALL_CELLS].filter((k) => !linked.has(k))).toEqual([]);
  });
});

describe('countsFromRows', () => {
  const rows: StatisticsRow[] = [
    { dim_a: 'total', val_a: 'all', dim_b: null, val_b: null, n: 40 },
    { dim_a: 'gender', val_a: 'female', dim_b: null, val_b: null, n: 30 },
    { dim_a: 'gender', val_a: 'male', dim_b: null, val_b: null, n: 10 },
  ];

  it('reads one-way, cross (in either order) and total rows; absent is 0, NULL stays NULL', () => {
    const records = syntheticRecords({
      seed: 7,
      recordsPerCentre: [40, 30, 20, 3],
      sparsity: 0.3,
      skew: 1,
      centreBias: 0.5,
    });
    const sql = countLikeSql(records);
    // The database may name a cross pair in the other order.
    const swapped = sql.map((r) =>
      r.dim_b === 'age_band' ? { ...r, dim_a: r.dim_b, val_a: r.val_b!, dim_b: r.dim_a, val_b: r.val_a } : r,
    );
    const counts = countsFromRows(swapped);
    expect(counts.size).toBe(ALL_CELLS.length);
    expect(counts.get(TOTAL)).toBe(93);
    const females = records.filter((r) => r.single.gender === 'female');
    const youngFemales = females.filter((r) => r.single.age_band === '21-29');
    const expected = (list: typeof records) =>
      list.length === 0 ? 0 : list.length < 5 || new Set(list.map((r) => r.centre)).size < 3 ? null : list.length;
    expect(counts.get('gender=female')).toBe(expected(females));
    expect(counts.get('gender=female/age_band=21-29')).toBe(expected(youngFemales));
    expect([...counts.values()]).toContain(null);
    expect([...counts.values()]).toContain(0);
  });

  it('refuses rows outside the catalogue, duplicates and contradictions', () => {
    const bad: StatisticsRow[][] = [
      [{ dim_a: 'gender', val_a: 'robot', dim_b: null, val_b: null, n: 5 }],
      [{ dim_a: 'shoe_size', val_a: '42', dim_b: null, val_b: null, n: 5 }],
      [{ dim_a: 'referral_source', val_a: 'self', dim_b: 'gender', val_b: 'male', n: 5 }],
      [rows[0]!, rows[0]!],
      [{ dim_a: 'gender', val_a: 'female', dim_b: null, val_b: null, n: 2.5 }],
      [
        { dim_a: 'total', val_a: 'all', dim_b: null, val_b: null, n: 10 },
        { dim_a: 'gender', val_a: 'female', dim_b: null, val_b: null, n: 11 },
      ],
    ];
    for (const b of bad) expect(() => countsFromRows(b)).toThrow(StatisticsRowError);
  });
});
