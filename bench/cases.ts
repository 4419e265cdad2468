/**
 * The case statistics' figures (`npm run bench:cases`, or the `cases`
 * section of `npm run bench`):
 *
 * 1. Counting one year's whole catalogue over 1,000,000 synthetic records
 *    on PostgreSQL: `case_statistics(year)` as the coordination office calls
 *    it, against the plain SQL GROUP BY queries for the same cells (one per
 *    catalogue table, as the owner, bench/cases-sql.ts), in alternating
 *    runs of the same process. Targets: ≤ 1.5 × the plain queries, ≤ 2 s.
 * 2. The same on PGlite with 100,000 records.
 * 3. Secondary suppression and the LP audit of one year's catalogue, from
 *    the rows case_statistics returns, at 1,000, 10,000 and 1,000,000
 *    records (the engine's bench function). Target: ≤ 5 s.
 * 4. Import of 10,000 records from CSV: time and peak memory.
 *
 * Records come from the demo's generator (src/features/demo/cases/), written
 * per centre in the centre's own scope; writing them is not measured.
 * Options (environment): BENCH_CASES_PG (records on PostgreSQL, default
 * 1000000), BENCH_CASES_PGLITE (default 100000), BENCH_CASES_RUNS (timed runs
 * of each side, default 5), BENCH_CASES_PARTS (a comma list of postgres,
 * pglite; default all), DATABASE_URL (admin connection), BENCH_SKIP_PG=1.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompiledQuery, type Kysely } from 'kysely';
import { demoCaseCentres } from '../src/features/demo/cases/centres.ts';
import { syntheticCases } from '../src/features/demo/cases/generator.ts';
import { writeCases } from '../src/features/demo/cases/write.ts';
import { seedDemoCentres, seedDemoMemberOrganizations } from '../src/features/demo/queries.ts';
import { countsFromRows, crossKey, cellKey, TOTAL } from '../src/features/statistics/engine/catalogue.ts';
import type { StatisticsRow } from '../src/features/statistics/engine/types.ts';
import { openDatabase, type Database } from '../src/platform/db/index.ts';
import { migrate } from '../src/platform/db/migrate.ts';
import type { DB } from '../src/platform/db/schema.ts';
import { APP_ROLE } from '../src/platform/db/tenant.ts';
import { createPgDatabase, DEFAULT_ADMIN_URL, dropCreatedDatabases, postgresProblem } from './databases.ts';
import { plainGroupingSets, plainQueries } from './cases-sql.ts';
import { benchStatisticsEngine, ENGINE_TARGET_MS, engineTable, type EngineFigure } from './statistics-engine.ts';
import { ROOT } from './processes.ts';
import { table } from './report.ts';
import { median } from './startup.ts';

const CASES_TARGETS = {
  /** case_statistics over the plain GROUP BY queries, same data, same run. */
  countOfPlain: 1.5,
  countMs: 2000,
  protectAndAuditMs: 5000,
};

const YEAR = 2025;
/** Smaller data sets for the engine's figures, in years of their own in the same database. */
const ENGINE_SIZES: readonly (readonly [year: number, records: number])[] = [
  [2023, 1000],
  [2024, 10_000],
];

type Log = (msg: string) => void;

type CountFigures = {
  database: 'postgres' | 'pglite';
  records: number;
  released: number;
  writeSeconds: number;
  /** ms of each timed call, in the order taken (function and plain alternate). */
  functionMs: number[];
  plainMs: number[];
  plainQueries: number;
  ratio: number;
  /** For comparison: the same cells from one plain statement with GROUPING SETS (counts only), ms per run. */
  groupingSetsMs: number[];
  ratioToGroupingSets: number;
  /** Every count the function publishes equals the plain count of its cell; every cell it leaves out is empty. */
  cellsAgree: boolean;
  disagreements: string[];
  cells: { rows: number; suppressed: number };
  settings: Record<string, string>;
};

export type CasesResults = {
  counts: CountFigures[];
  /** Secondary suppression and the LP audit of one year's catalogue, from the rows case_statistics returned. */
  engine: EngineFigure[];
  postgresSkipped: string | null;
};

function intEnv(name: string, fallback: number): number {
  const raw = process.env[name];
  if (!raw) return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name}=${raw}: expected a whole number ≥ 1`);
  return n;
}

const round = (x: number, digits = 1) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The demo network's member organisations and centres, as the owner (the generator's centres live there). */
async function seedCentres(db: Kysely<DB>): Promise<void> {
  await db.transaction().execute(async (trx) => {
    await seedDemoMemberOrganizations(trx);
    await seedDemoCentres(trx);
  });
}

/** Write `count` records of `year` (seeded by the year), each centre in its own scope. */
async function writeYear(db: Kysely<DB>, year: number, count: number, log: Log): Promise<number> {
  const t = performance.now();
  await db.transaction().execute(async (trx) => {
    await writeCases(
      trx,
      syntheticCases({ seed: year, from: year, to: year, count, centres: demoCaseCentres(), now: new Date() }),
    );
  });
  const s = (performance.now() - t) / 1000;
  log(`wrote ${count.toLocaleString('en')} records of ${year} in ${round(s)} s`);
  return s;
}

/** One statement on one connection, timed on the client (round trip and rows included). */
async function timed<R>(
  db: Kysely<DB>,
  steps: (run: (text: string, params?: unknown[]) => Promise<R[]>) => Promise<void>,
) {
  return db.connection().execute(async (conn) => {
    await steps(async (text, params = []) => (await conn.executeQuery<R>(CompiledQuery.raw(text, params))).rows);
  });
}

/** case_statistics(year) as the coordination office runs it: the application role, the coordination scope. */
async function statistics(db: Kysely<DB>, year: number): Promise<{ ms: number; rows: StatisticsRow[] }> {
  let ms = 0;
  let rows: StatisticsRow[] = [];
  await timed<StatisticsRow>(db, async (run) => {
    await run('BEGIN');
    try {
      await run(`SET LOCAL ROLE ${APP_ROLE}`);
      await run(`SELECT set_config('app.scope', 'coordination', true)`);
      const t = performance.now();
      rows = await run('SELECT dim_a, val_a, dim_b, val_b, n FROM case_statistics($1)', [year]);
      ms = performance.now() - t;
    } finally {
      await run('COMMIT');
    }
  });
  return { ms, rows };
}

type PlainRow = { v0?: string; v1?: string; n: number };

/** Every plain query in turn, as the owner; the counts keyed like the engine's cells. */
async function plain(db: Kysely<DB>, year: number): Promise<{ ms: number; counts: Map<string, number> }> {
  const counts = new Map<string, number>();
  let ms = 0;
  await timed<PlainRow>(db, async (run) => {
    const t = performance.now();
    for (const q of plainQueries()) {
      const rows = await run(q.text, [year]);
      for (const r of rows) {
        const [a, b] = q.dims;
        const key = !a ? TOTAL : !b ? cellKey(a, r.v0!) : crossKey(a, r.v0!, b, r.v1!);
        counts.set(key, r.n);
      }
    }
    ms = performance.now() - t;
  });
  return { ms, counts };
}

/** The one-statement plain reference; its counts keyed like the engine's cells. */
async function plainOneStatement(db: Kysely<DB>, year: number): Promise<{ ms: number; counts: Map<string, number> }> {
  const q = plainGroupingSets();
  const counts = new Map<string, number>();
  let ms = 0;
  await timed<Record<string, string | number | null>>(db, async (run) => {
    const t = performance.now();
    const rows = await run(q.text, [year]);
    ms = performance.now() - t;
    for (const r of rows) {
      const value = new Map(
        q.columns.flatMap((d, i) => (r[`c${i}`] === null ? [] : [[d, String(r[`c${i}`])] as const])),
      );
      const [a, b] = [...value.keys()];
      const pair = a && b ? q.orientation.get(`${a}|${b}`)! : null;
      counts.set(
        !a
          ? TOTAL
          : !pair
            ? cellKey(a, value.get(a)!)
            : crossKey(pair[0], value.get(pair[0])!, pair[1], value.get(pair[1])!),
        Number(r.n),
      );
    }
  });
  return { ms, counts };
}

/** Where the function and the plain queries disagree about a cell (an empty list when they count the same). */
function compare(rows: StatisticsRow[], plainCounts: Map<string, number>): string[] {
  const fn = countsFromRows(rows);
  const out: string[] = [];
  for (const [key, value] of fn) {
    const p = plainCounts.get(key) ?? 0;
    // A NULL hides a cell below 5 records or from fewer than 3 centres: it cannot be empty.
    if (value === null ? p === 0 : value !== p) out.push(`${key}: function ${value ?? 'NULL'}, plain ${p}`);
  }
  for (const [key, p] of plainCounts) if (!fn.has(key)) out.push(`${key}: plain ${p}, not a catalogue cell`);
  return out;
}

async function serverSettings(db: Kysely<DB>): Promise<Record<string, string>> {
  const names = ['server_version', 'work_mem', 'max_parallel_workers_per_gather', 'shared_buffers', 'jit'];
  const out: Record<string, string> = {};
  await timed<{ setting: string }>(db, async (run) => {
    for (const n of names) out[n] = (await run(`SELECT current_setting('${n}') AS setting`))[0]!.setting;
  });
  return out;
}

async function releasedCount(db: Kysely<DB>, year: number): Promise<number> {
  let n = 0;
  await timed<{ n: number }>(db, async (run) => {
    n = (
      await run(
        `SELECT count(*)::int AS n FROM case_record WHERE first_contact_year = $1 AND released_at IS NOT NULL`,
        [year],
      )
    )[0]!.n;
  });
  return n;
}

/**
 * Function and plain queries alternately (function, plain; plain, function;
 * …) after one warm-up of each, so a change in the machine's load hits both.
 */
async function countFigures(
  database: Database,
  records: number,
  writeSeconds: number,
  runs: number,
  log: Log,
): Promise<CountFigures> {
  await timed(database.db, async (run) => void (await run('ANALYZE case_record')));
  log(`${database.kind}: warm-up`);
  const first = await statistics(database.db, YEAR);
  const base = await plain(database.db, YEAR);
  const one = await plainOneStatement(database.db, YEAR);
  const disagreements = [
    ...compare(first.rows, base.counts),
    ...compare(first.rows, one.counts).map((d) => `one statement: ${d}`),
  ];
  const functionMs: number[] = [];
  const plainMs: number[] = [];
  const groupingSetsMs: number[] = [];
  for (let i = 0; i < runs; i++) {
    const order = i % 2 === 0 ? (['fn', 'plain'] as const) : (['plain', 'fn'] as const);
    for (const side of order) {
      if (side === 'fn') functionMs.push(round((await statistics(database.db, YEAR)).ms));
      else plainMs.push(round((await plain(database.db, YEAR)).ms));
    }
    groupingSetsMs.push(round((await plainOneStatement(database.db, YEAR)).ms));
    log(
      `${database.kind}: run ${i + 1}/${runs}: function ${functionMs.at(-1)} ms, plain ${plainMs.at(-1)} ms, one statement ${groupingSetsMs.at(-1)} ms`,
    );
  }
  return {
    database: database.kind,
    records,
    released: await releasedCount(database.db, YEAR),
    writeSeconds: round(writeSeconds),
    functionMs,
    plainMs,
    plainQueries: plainQueries().length,
    ratio: round(median(functionMs) / median(plainMs), 3),
    groupingSetsMs,
    ratioToGroupingSets: round(median(functionMs) / median(groupingSetsMs), 3),
    cellsAgree: disagreements.length === 0,
    disagreements: disagreements.slice(0, 10),
    cells: { rows: first.rows.length, suppressed: first.rows.filter((r) => r.n === null).length },
    settings: await serverSettings(database.db),
  };
}

/** Run every part; PostgreSQL parts are skipped (and said so) when `pgProblem` is set. */
export async function casesBench(o: {
  adminUrl: string;
  pgProblem: string | null;
  tmp: string;
  log: Log;
}): Promise<CasesResults> {
  const pgRecords = intEnv('BENCH_CASES_PG', 1_000_000);
  const pgliteRecords = intEnv('BENCH_CASES_PGLITE', 100_000);
  const runs = intEnv('BENCH_CASES_RUNS', 5);
  const counts: CountFigures[] = [];
  const engine: EngineFigure[] = [];
  const parts = (process.env.BENCH_CASES_PARTS || 'postgres,pglite').split(',').map((p) => p.trim());
  for (const p of parts)
    if (!['postgres', 'pglite'].includes(p)) throw new Error(`BENCH_CASES_PARTS: unknown part ${p}`);

  if (!o.pgProblem && parts.includes('postgres')) {
    const url = await createPgDatabase(o.adminUrl, `schutznetz_bench_cases_${process.pid}`);
    const database = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
    try {
      await migrate(database.db);
      await seedCentres(database.db);
      for (const [year, n] of ENGINE_SIZES) await writeYear(database.db, year, n, o.log);
      const s = await writeYear(database.db, YEAR, pgRecords, o.log);
      counts.push(await countFigures(database, pgRecords, s, runs, o.log));
      for (const [year, n] of [...ENGINE_SIZES, [YEAR, pgRecords] as const]) {
        o.log(`engine: protect and audit the catalogue of ${n.toLocaleString('en')} records`);
        const { rows } = await statistics(database.db, year);
        engine.push(...(await benchStatisticsEngine(rows, `${n.toLocaleString('en')} records`)));
      }
    } finally {
      await database.close();
    }
  }

  if (parts.includes('pglite')) {
    const pglite = await openDatabase({ kind: 'pglite', dataDir: path.join(o.tmp, 'pglite-cases') });
    try {
      await migrate(pglite.db);
      await seedCentres(pglite.db);
      const s = await writeYear(pglite.db, YEAR, pgliteRecords, o.log);
      counts.push(await countFigures(pglite, pgliteRecords, s, runs, o.log));
    } finally {
      await pglite.close();
    }
  }
  return { counts, engine, postgresSkipped: o.pgProblem };
}

/** The section's tables, for the terminal. */
export function casesReport(r: CasesResults): string[] {
  const out: string[] = [];
  out.push(
    'Counting one year’s catalogue: case_statistics (coordination scope) against one plain GROUP BY per table (owner), alternating runs:',
    table(
      [
        'database',
        'records',
        'released',
        'function ms (runs)',
        'plain ms (runs)',
        'plain queries',
        'function / plain',
        'one plain statement ms (runs)',
        'function / one statement',
        'cells agree',
        'rows / NULL',
      ],
      r.counts.map((c) => [
        c.database,
        c.records,
        c.released,
        `${round(median(c.functionMs))} (${c.functionMs.join(' / ')})`,
        `${round(median(c.plainMs))} (${c.plainMs.join(' / ')})`,
        c.plainQueries,
        `${c.ratio} ×`,
        `${round(median(c.groupingSetsMs))} (${c.groupingSetsMs.join(' / ')})`,
        `${c.ratioToGroupingSets} ×`,
        c.cellsAgree ? 'yes' : `NO: ${c.disagreements.join('; ')}`,
        `${c.cells.rows} / ${c.cells.suppressed}`,
      ]),
    ),
  );
  if (r.engine.length > 0)
    out.push(
      '',
      'Secondary suppression and the LP audit of one year’s catalogue (rows of case_statistics on PostgreSQL; median of 3 after a warm-up):',
      engineTable(r.engine),
    );
  if (r.postgresSkipped) out.push(`PostgreSQL: skipped (${r.postgresSkipped})`);
  for (const c of r.counts)
    out.push(
      `${c.database}: ${Object.entries(c.settings)
        .map(([k, v]) => `${k} ${v}`)
        .join(', ')}; records written in ${c.writeSeconds} s`,
    );
  return out;
}

/** One line per target: [target, measured, verdict]. */
export function casesVerdicts(r: CasesResults): [string, string, string][] {
  const rows: [string, string, string][] = [];
  for (const c of r.counts) {
    if (c.database !== 'postgres') continue;
    rows.push([
      `cases: case_statistics over ${c.records.toLocaleString('en')} records ≤ ${CASES_TARGETS.countOfPlain} × plain GROUP BY`,
      `${c.ratio} ×`,
      c.ratio <= CASES_TARGETS.countOfPlain ? 'PASS' : 'FAIL',
    ]);
    const ms = median(c.functionMs);
    rows.push([
      `cases: case_statistics over ${c.records.toLocaleString('en')} records ≤ ${CASES_TARGETS.countMs} ms`,
      `${round(ms)} ms`,
      ms <= CASES_TARGETS.countMs ? 'PASS' : 'FAIL',
    ]);
  }
  for (const e of r.engine)
    rows.push([
      `cases: protect + LP audit, ${e.label}, threshold ${e.threshold}: ≤ ${ENGINE_TARGET_MS} ms, audit passes`,
      `${Math.round(e.protectMs)} ms, ${e.ok ? 'passes' : 'fails'}`,
      e.protectMs <= ENGINE_TARGET_MS && e.ok ? 'PASS' : 'FAIL',
    ]);
  for (const c of r.counts)
    rows.push([
      `cases: ${c.database} function and plain queries count the same cells`,
      c.cellsAgree ? 'yes' : 'no',
      c.cellsAgree ? 'PASS' : 'FAIL',
    ]);
  return rows;
}

async function main(): Promise<void> {
  const adminUrl = process.env.DATABASE_URL || DEFAULT_ADMIN_URL;
  const skip = /^(1|true|yes)$/i.test(process.env.BENCH_SKIP_PG ?? '');
  const pgProblem = skip ? 'skipped (BENCH_SKIP_PG)' : await postgresProblem(adminUrl);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'schutznetz-bench-cases-'));
  const log: Log = (m) => process.stderr.write(`[bench:cases] ${m}\n`);
  const t0 = performance.now();
  try {
    const results = await casesBench({ adminUrl, pgProblem, tmp, log });
    const file = path.join(ROOT, 'bench/results/cases.json');
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(
      file,
      `${JSON.stringify({ date: new Date().toISOString(), loadAverage: os.loadavg(), cpus: os.cpus().length, ...results, totalSeconds: round((performance.now() - t0) / 1000) }, null, 2)}\n`,
    );
    const verdicts = casesVerdicts(results);
    process.stdout.write(
      `${[...casesReport(results), '', table(['target', 'measured', 'verdict'], verdicts), '', `JSON: bench/results/cases.json`].join('\n')}\n`,
    );
  } finally {
    if (!pgProblem) await dropCreatedDatabases(adminUrl).catch((err: unknown) => log(`could not drop: ${String(err)}`));
    fs.rmSync(tmp, { recursive: true, force: true });
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.join(ROOT, 'bench/cases.ts')) await main();
