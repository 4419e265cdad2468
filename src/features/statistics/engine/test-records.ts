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

const STAGES = categoriesOf('asylum_stage');
const CONTEXTS = categoriesOf('asylum_context');
const AGE_BANDS = categoriesOf('age_band');
const UNACCOMPANIED = categoriesOf('unaccompanied_minor');
const DIM_INDEX = new Map(SINGLE_DIMENSIONS.map((d, i) => [d, i]));
const CONTEXT_INDEX_OF_STAGE = STAGES.map((s) => CONTEXTS.indexOf(CONTEXT_OF_STAGE[s]!));
const MAY_BE_MINOR = AGE_BANDS.map((a) => ['0-13', '14-17', 'unknown'].includes(a));

/**
 * Draw the records of a shape, one at a time, as category indexes: for every
 * single-choice dimension the index of its category (in SINGLE_DIMENSIONS
 * order), for every multi-choice field a bit mask of its options. Category
 * weights are skewed (Zipf-like with exponent `skew`), a share of them is 0,
 * and each centre tilts them; options are drawn independently with skewed
 * probabilities, at least one per field. Minors' fields follow the form's
 * rules (adults are "not applicable" for unaccompanied minors), and
 * asylum_context follows asylum_stage, as the database enforces them.
 */
function generate(shape: DataSetShape, emit: (centre: number, single: Int32Array, multi: Int32Array) => void): void {
  const random = rng(shape.seed);
  const weightsFor = (n: number) => {
    const order = [...Array(n).keys()].sort(() => random() - 0.5);
    const w = new Array<number>(n).fill(0);
    order.forEach((idx, rank) => {
      w[idx] = rank > 0 && random() < shape.sparsity ? 0 : 1 / Math.pow(rank + 1, shape.skew);
    });
    return w;
  };
  const network = SINGLE_DIMENSIONS.map((d) => weightsFor(categoriesOf(d).length));
  const optionP = MULTI_FIELDS.map((f) =>
    optionsOf(f).map((_, i) =>
      i > 0 && random() < shape.sparsity ? 0 : Math.min(0.9, random() / (1 + i * shape.skew)),
    ),
  );
  const single = new Int32Array(SINGLE_DIMENSIONS.length);
  const multi = new Int32Array(MULTI_FIELDS.length);
  const stage = DIM_INDEX.get('asylum_stage')!;
  const context = DIM_INDEX.get('asylum_context')!;
  const age = DIM_INDEX.get('age_band')!;
  const unaccompanied = DIM_INDEX.get('unaccompanied_minor')!;
  const notApplicable = UNACCOMPANIED.indexOf('not_applicable');
  shape.recordsPerCentre.forEach((count, centre) => {
    // Cumulative weights of this centre.
    const own = network.map((ws) => {
      let sum = 0;
      return ws.map((w) => (sum += w === 0 ? 0 : w * (1 - shape.centreBias + shape.centreBias * 2 * random())));
    });
    for (let i = 0; i < count; i++) {
      for (let d = 0; d < own.length; d++) {
        const cum = own[d]!;
        const u = random() * cum[cum.length - 1]!;
        let k = 0;
        while (k < cum.length - 1 && u >= cum[k]!) k++;
        single[d] = k;
      }
      single[context] = CONTEXT_INDEX_OF_STAGE[single[stage]!]!;
      if (!MAY_BE_MINOR[single[age]!]) single[unaccompanied] = notApplicable;
      for (let f = 0; f < optionP.length; f++) {
        const ps = optionP[f]!;
        let mask = 0;
        for (let o = 0; o < ps.length; o++) if (random() < ps[o]!) mask |= 1 << o;
        // A complete record names at least one option.
        if (mask === 0) {
          const sum = ps.reduce((a, b) => a + b, 0);
          let u = random() * sum;
          let o = 0;
          while (o < ps.length - 1 && (u -= ps[o]!) >= 0) o++;
          mask = 1 << o;
        }
        multi[f] = mask;
      }
      emit(centre, single, multi);
    }
  });
}

/** The records of a shape as objects, for tests that change or inspect them. */
export function syntheticRecords(shape: DataSetShape): SyntheticRecord[] {
  const records: SyntheticRecord[] = [];
  generate(shape, (centre, single, multi) => {
    records.push({
      centre,
      single: Object.fromEntries(SINGLE_DIMENSIONS.map((d, i) => [d, categoriesOf(d)[single[i]!]!])) as Record<
        SingleDimension,
        string
      >,
      multi: Object.fromEntries(
        MULTI_FIELDS.map((f, i) => [f, optionsOf(f).filter((_, o) => (multi[i]! >> o) & 1)]),
      ) as Record<MultiField, string[]>,
    });
  });
  return records;
}

/**
 * The rows `case_statistics` would return for the records of a shape,
 * counted as they are drawn (no record is kept): fast enough for a million.
 */
export function syntheticRows(
  shape: DataSetShape,
  limits: { minCount?: number; minCentres?: number } = {},
): StatisticsRow[] {
  const { minCount = 5, minCentres = 3 } = limits;
  // Every dimension as a function of the drawn indexes, and an offset per cell block.
  const dims = DIMENSIONS.map((d) => {
    const dot = d.indexOf('.');
    if (dot < 0) {
      const i = DIM_INDEX.get(d as SingleDimension)!;
      return { dim: d, size: categoriesOf(d).length, of: (s: Int32Array) => s[i]! };
    }
    const f = MULTI_FIELDS.indexOf(d.slice(0, dot) as MultiField);
    const o = (optionsOf(MULTI_FIELDS[f]!) as readonly string[]).indexOf(d.slice(dot + 1));
    // categoriesOf(option) is ['yes', 'no'].
    return { dim: d, size: 2, of: (_: Int32Array, m: Int32Array) => ((m[f]! >> o) & 1 ? 0 : 1) };
  });
  const dimOf = new Map(dims.map((x) => [x.dim, x]));
  const blocks: {
    size: number;
    at: (s: Int32Array, m: Int32Array) => number;
    row: (i: number) => Omit<StatisticsRow, 'n'>;
  }[] = [
    { size: 1, at: () => 0, row: () => ({ dim_a: 'total', val_a: 'all', dim_b: null, val_b: null }) },
    ...dims.map((x) => ({
      size: x.size,
      at: x.of,
      row: (i: number) => ({ dim_a: x.dim, val_a: categoriesOf(x.dim)[i]!, dim_b: null, val_b: null }),
    })),
    ...PAIRS.map(([a, b]) => {
      const A = dimOf.get(a)!;
      const B = dimOf.get(b)!;
      return {
        size: A.size * B.size,
        at: (s: Int32Array, m: Int32Array) => A.of(s, m) * B.size + B.of(s, m),
        row: (i: number) => ({
          dim_a: a,
          val_a: categoriesOf(a)[Math.floor(i / B.size)]!,
          dim_b: b,
          val_b: categoriesOf(b)[i % B.size]!,
        }),
      };
    }),
  ];
  const offsets: number[] = [];
  let size = 0;
  for (const b of blocks) {
    offsets.push(size);
    size += b.size;
  }
  const n = new Int32Array(size);
  const centres = new Int32Array(size);
  const last = new Int32Array(size).fill(-1);
  // Records arrive centre by centre, so a cell's centres are counted as its centre changes.
  generate(shape, (centre, single, multi) => {
    for (let b = 0; b < blocks.length; b++) {
      const cell = offsets[b]! + blocks[b]!.at(single, multi);
      n[cell]!++;
      if (last[cell] !== centre) {
        last[cell] = centre;
        centres[cell]!++;
      }
    }
  });
  const rows: StatisticsRow[] = [];
  blocks.forEach((b, bi) => {
    for (let i = 0; i < b.size; i++) {
      const cell = offsets[bi]! + i;
      if (n[cell] === 0) continue;
      rows.push({ ...b.row(i), n: n[cell]! < minCount || centres[cell]! < minCentres ? null : n[cell]! });
    }
  });
  return rows;
}
