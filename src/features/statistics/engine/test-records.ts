/**
 * Synthetic records and a count of them that does what the SQL function
 * `case_statistics` does (one-way cells, the cross pairs, NULL below 5
 * records or 3 centres, nothing for a combination without records), for the
 * engine's tests and its benchmark. The engine itself never sees a record.
 */
import {
  CATALOGUE,
  categoriesOf,
  MULTI_FIELDS,
  optionsOf,
  SINGLE_DIMENSIONS,
  type Dimension,
  type MultiField,
  type SingleDimension,
} from './catalogue.ts';
import type { StatisticsRow } from './types.ts';

export type SyntheticRecord = {
  centre: number;
  single: Record<SingleDimension, string>;
  multi: Record<MultiField, readonly string[]>;
};

const CONTEXT_OF_STAGE: Record<string, string> = {
  none: 'other',
  not_filed: 'before',
  pending: 'during',
  dublin: 'during',
  rejected: 'other',
  protection: 'other',
  unknown: 'unknown',
};

/** The category of a record in a dimension of the catalogue. */
function categoryOf(r: SyntheticRecord, dim: Dimension): string {
  const dot = dim.indexOf('.');
  if (dot < 0) return r.single[dim as SingleDimension];
  const field = dim.slice(0, dot) as MultiField;
  return r.multi[field].includes(dim.slice(dot + 1)) ? 'yes' : 'no';
}

const DIMENSIONS: readonly Dimension[] = [
  ...SINGLE_DIMENSIONS,
  ...MULTI_FIELDS.flatMap((f) => optionsOf(f).map((o) => `${f}.${o}` as Dimension)),
];
const PAIRS = CATALOGUE.flatMap((t) => (t.kind === 'cross' ? [[t.rows, t.columns] as const] : []));

/**
 * Count like `case_statistics`: n is NULL where 0 < count < minCount or the
 * records come from fewer than minCentres centres; absent where 0.
 */
export function countLikeSql(
  records: Iterable<SyntheticRecord>,
  { minCount = 5, minCentres = 3 }: { minCount?: number; minCentres?: number } = {},
): StatisticsRow[] {
  const cells = new Map<string, { row: Omit<StatisticsRow, 'n'>; n: number; centres: Set<number> }>();
  const add = (id: string, row: Omit<StatisticsRow, 'n'>, centre: number) => {
    let c = cells.get(id);
    if (!c) cells.set(id, (c = { row, n: 0, centres: new Set() }));
    c.n++;
    c.centres.add(centre);
  };
  for (const r of records) {
    add('total', { dim_a: 'total', val_a: 'all', dim_b: null, val_b: null }, r.centre);
    for (const d of DIMENSIONS) {
      const v = categoryOf(r, d);
      add(`${d}=${v}`, { dim_a: d, val_a: v, dim_b: null, val_b: null }, r.centre);
    }
    for (const [a, b] of PAIRS) {
      const va = categoryOf(r, a);
      const vb = categoryOf(r, b);
      add(`${a}=${va}/${b}=${vb}`, { dim_a: a, val_a: va, dim_b: b, val_b: vb }, r.centre);
    }
  }
  return [...cells.values()].map(({ row, n, centres }) => ({
    ...row,
    n: n < minCount || centres.size < minCentres ? null : n,
  }));
}

/** A seeded generator (mulberry32), so a data set is reproducible from its seed. */
function rng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export type DataSetShape = {
  seed: number;
  /** Records per centre; skewed lists give one large centre and many small ones. */
  recordsPerCentre: readonly number[];
  /** 0..1: share of each dimension's categories that never occur (sparse data, zeros). */
  sparsity: number;
  /** ≥ 0: how strongly the first categories dominate (0 = uniform). */
  skew: number;
  /** 0..1: how much each centre's own mix differs from the network's. */
  centreBias: number;
};

/**
 * Records following a shape: for every dimension, category weights that are
 * skewed (Zipf-like with exponent `skew`), with a share of categories at 0,
 * and tilted per centre; multi-choice options drawn independently with
 * skewed probabilities. Minors' fields follow the form's rules (adults are
 * "not applicable" for unaccompanied minors).
 */
export function syntheticRecords(shape: DataSetShape): SyntheticRecord[] {
  const random = rng(shape.seed);
  const weightsFor = (n: number) => {
    const order = [...Array(n).keys()].sort(() => random() - 0.5);
    const w = new Array<number>(n).fill(0);
    order.forEach((idx, rank) => {
      w[idx] = rank > 0 && random() < shape.sparsity ? 0 : 1 / Math.pow(rank + 1, shape.skew);
    });
    return w;
  };
  const pick = (w: readonly number[]) => {
    const sum = w.reduce((s, x) => s + x, 0);
    let u = random() * sum;
    for (let i = 0; i < w.length; i++) {
      u -= w[i]!;
      if (u < 0) return i;
    }
    return w.length - 1;
  };
  const network = Object.fromEntries(SINGLE_DIMENSIONS.map((d) => [d, weightsFor(categoriesOf(d).length)]));
  const optionP = Object.fromEntries(
    MULTI_FIELDS.map((f) => [
      f,
      optionsOf(f).map((_, i) =>
        i > 0 && random() < shape.sparsity ? 0 : Math.min(0.9, random() / (1 + i * shape.skew)),
      ),
    ]),
  ) as Record<MultiField, number[]>;
  const records: SyntheticRecord[] = [];
  shape.recordsPerCentre.forEach((count, centre) => {
    const own = Object.fromEntries(
      SINGLE_DIMENSIONS.map((d) => [
        d,
        network[d]!.map((w) => (w === 0 ? 0 : w * (1 - shape.centreBias + shape.centreBias * 2 * random()))),
      ]),
    );
    for (let i = 0; i < count; i++) {
      const single = Object.fromEntries(SINGLE_DIMENSIONS.map((d) => [d, categoriesOf(d)[pick(own[d]!)]!])) as Record<
        SingleDimension,
        string
      >;
      single.asylum_context = CONTEXT_OF_STAGE[single.asylum_stage]!;
      if (!['0-13', '14-17', 'unknown'].includes(single.age_band)) single.unaccompanied_minor = 'not_applicable';
      const multi = Object.fromEntries(
        MULTI_FIELDS.map((f) => [f, optionsOf(f).filter((_, k) => random() < optionP[f][k]!)]),
      ) as Record<MultiField, string[]>;
      records.push({ centre, single, multi });
    }
  });
  return records;
}
