/**
 * The case statistics' figures (`npm run bench:cases`, or the `cases`
 * section of `npm run bench`):
 *
 * 1. Counting one year's whole catalogue over 1,000,000 synthetic records
 *    on PostgreSQL: `case_statistics(year)` as the coordination office calls
 *    it (it sums the counts kept as the records were written, ADR 037),
 *    against the plain SQL GROUP BY queries for the same cells over the
 *    records (one per catalogue table, as the owner, bench/cases-sql.ts), in
 *    alternating runs of the same process. Targets: ≤ 1.5 × the plain
 *    queries, ≤ 2 s. Then what keeping the counts costs: the same number of
 *    records written with the kept-counts triggers and without, and one
 *    year counted again from its records.
 * 2. The same on PGlite with 100,000 records.
 * 3. Secondary suppression and the LP audit of one year's catalogue, from
 *    the rows case_statistics returns, at 1,000, 10,000 and 1,000,000
 *    records (the engine's bench function). Target: ≤ 5 s.
 * 4. Import of 10,000 records from CSV (the centres' own import function,
 *    bench/cases-import.ts in a child process): time and peak memory.
 *
 * Records come from the demo's generator (src/features/demo/cases/), written
 * per centre in the centre's own scope; writing them is not measured.
 * Options (environment): BENCH_CASES_PG (records on PostgreSQL, default
 * 1000000), BENCH_CASES_PGLITE (default 100000), BENCH_CASES_RUNS (timed runs
 * of each side, default 5), BENCH_CASES_WRITE (records per write-cost run,
 * default 20000; at most 10000 on PGlite), BENCH_CASES_PARTS (a comma list of postgres,
 * pglite, import; default all), DATABASE_URL (admin connection), BENCH_SKIP_PG=1.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { CompiledQuery, type Kysely } from 'kysely';
import { EXPORT_COLUMNS, ID_COLUMN } from '../src/features/case-records/io/columns.ts';
import { exportRow } from '../src/features/case-records/io/records.ts';
import { writeCsv } from '../src/features/case-records/io/sheet.ts';
import type { CaseRecord } from '../src/features/case-records/queries.ts';
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
import type { ImportFigure } from './cases-import.ts';
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

/** A series of timed runs: wall and database CPU ms of each, and their medians. */
type Series = { wallMs: number[]; cpuMs: number[]; medianWallMs: number; medianCpuMs: number };

type CountFigures = {
  database: 'postgres' | 'pglite';
  records: number;
  released: number;
  writeSeconds: number;
  loadAverage: number[];
  /** The function and the plain queries alternate (function, plain; plain, function; …). */
  fn: Series;
  plain: Series;
  plainQueries: number;
  /** function / plain, medians of wall time and of database CPU time. */
  ratio: { wall: number; cpu: number };
  /** For comparison: the same cells from one plain statement with GROUPING SETS (counts only). */
  oneStatement: Series;
  ratioToOneStatement: { wall: number; cpu: number };
  /** Every count the function publishes equals the plain count of its cell; every cell it leaves out is empty. */
  cellsAgree: boolean;
  disagreements: string[];
  cells: { rows: number; suppressed: number };
  settings: Record<string, string>;
};

/**
 * What keeping the counts costs the writers (ADR 037): the same number of
 * records written with the kept-counts triggers and with them switched off,
 * alternating, each into a year of its own; and how long counting one year
 * from the records again takes (what the migration does once, and what
 * case_statistics would cost if it counted when called).
 */
type WriteCost = {
  database: 'postgres' | 'pglite';
  records: number;
  withKeptMs: number[];
  withoutKeptMs: number[];
  /** Median with / median without. */
  ratio: number;
  recount: { records: number; ms: number; cpuMs: number };
};

export type CasesResults = {
  counts: CountFigures[];
  writeCosts: WriteCost[];
  /** Secondary suppression and the LP audit of one year's catalogue, from the rows case_statistics returned. */
  engine: EngineFigure[];
  /** Importing 10,000 records from a CSV file into one centre, in a process of its own. */
  imports: ImportFigure[];
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

/** Wall time on the client (round trip and rows included) and CPU time of the database's side. */
type Sample = { ms: number; cpuMs: number };

/** /proc/<pid>/stat counts CPU time in clock ticks of 10 ms (getconf CLK_TCK = 100 on Linux). */
const CLOCK_TICK_MS = 10;

/** CPU time (user + system) of a local PostgreSQL backend, from /proc; null when it runs elsewhere. */
function backendCpuMs(pid: number): number | null {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return (Number(fields[11]) + Number(fields[12])) * CLOCK_TICK_MS;
  } catch {
    return null;
  }
}

/** CPU time of this process (PGlite runs inside it), ms. */
const processCpuMs = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

type Run<R> = (text: string, params?: unknown[]) => Promise<R[]>;

/**
 * Statements on one connection. `measure` times what it runs: wall time,
 * and the CPU time of the database — on PostgreSQL the backend process,
 * without parallel workers, so that one process does all of a query's work
 * and its CPU time is the query's cost whatever else the machine runs; on
 * PGlite this process, which the embedded database runs in.
 */
async function timed<R>(
  database: Database,
  steps: (run: Run<R>, measure: (f: () => Promise<void>) => Promise<Sample>) => Promise<void>,
): Promise<void> {
  await database.db.connection().execute(async (conn) => {
    const run: Run<R> = async (text, params = []) => (await conn.executeQuery<R>(CompiledQuery.raw(text, params))).rows;
    let cpu = processCpuMs;
    if (database.kind === 'postgres') {
      const { pid } = (await conn.executeQuery<{ pid: number }>(CompiledQuery.raw('SELECT pg_backend_pid() AS pid')))
        .rows[0]!;
      if (backendCpuMs(pid) === null)
        throw new Error(
          'bench/cases.ts: the PostgreSQL server must run on this machine (its CPU time is read from /proc)',
        );
      cpu = () => backendCpuMs(pid)!;
    }
    const measure = async (f: () => Promise<void>): Promise<Sample> => {
      const c0 = cpu();
      const t0 = performance.now();
      await f();
      return { ms: performance.now() - t0, cpuMs: cpu() - c0 };
    };
    await run('SET max_parallel_workers_per_gather = 0');
    try {
      await steps(run, measure);
    } finally {
      await run('RESET max_parallel_workers_per_gather');
    }
  });
}

/** case_statistics(year) as the coordination office runs it: the application role, the coordination scope. */
async function statistics(database: Database, year: number): Promise<Sample & { rows: StatisticsRow[] }> {
  let sample: Sample = { ms: 0, cpuMs: 0 };
  let rows: StatisticsRow[] = [];
  await timed<StatisticsRow>(database, async (run, measure) => {
    await run('BEGIN');
    try {
      await run(`SET LOCAL ROLE ${APP_ROLE}`);
      await run(`SELECT set_config('app.scope', 'coordination', true)`);
      sample = await measure(async () => {
        rows = await run('SELECT dim_a, val_a, dim_b, val_b, n FROM case_statistics($1)', [year]);
      });
    } finally {
      await run('COMMIT');
    }
  });
  return { ...sample, rows };
}

type PlainRow = { v0?: string; v1?: string; n: number };

/** Every plain query in turn, as the owner; the counts keyed like the engine's cells. */
async function plain(database: Database, year: number): Promise<Sample & { counts: Map<string, number> }> {
  const counts = new Map<string, number>();
  let sample: Sample = { ms: 0, cpuMs: 0 };
  await timed<PlainRow>(database, async (run, measure) => {
    sample = await measure(async () => {
      for (const q of plainQueries()) {
        const rows = await run(q.text, [year]);
        for (const r of rows) {
          const [a, b] = q.dims;
          counts.set(!a ? TOTAL : !b ? cellKey(a, r.v0!) : crossKey(a, r.v0!, b, r.v1!), r.n);
        }
      }
    });
  });
  return { ...sample, counts };
}

/** The one-statement plain reference; its counts keyed like the engine's cells. */
async function plainOneStatement(database: Database, year: number): Promise<Sample & { counts: Map<string, number> }> {
  const q = plainGroupingSets();
  const counts = new Map<string, number>();
  let sample: Sample = { ms: 0, cpuMs: 0 };
  let rows: Record<string, string | number | null>[] = [];
  await timed<Record<string, string | number | null>>(database, async (run, measure) => {
    sample = await measure(async () => {
      rows = await run(q.text, [year]);
    });
  });
  for (const r of rows) {
    const value = new Map(q.columns.flatMap((d, i) => (r[`c${i}`] === null ? [] : [[d, String(r[`c${i}`])] as const])));
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
  return { ...sample, counts };
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

async function serverSettings(database: Database): Promise<Record<string, string>> {
  const names = ['server_version', 'work_mem', 'max_parallel_workers_per_gather', 'shared_buffers', 'jit'];
  const out: Record<string, string> = {};
  await timed<{ setting: string }>(database, async (run) => {
    // The server's own values (the measurements switch parallel workers off for their session).
    for (const n of names)
      out[n] = (await run(`SELECT reset_val AS setting FROM pg_settings WHERE name = '${n}'`))[0]!.setting;
  });
  return out;
}

async function releasedCount(database: Database, year: number): Promise<number> {
  let n = 0;
  await timed<{ n: number }>(database, async (run) => {
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
  await timed(database, async (run) => void (await run('ANALYZE case_record')));
  log(`${database.kind}: warm-up`);
  const first = await statistics(database, YEAR);
  const base = await plain(database, YEAR);
  const one = await plainOneStatement(database, YEAR);
  const disagreements = [
    ...compare(first.rows, base.counts),
    ...compare(first.rows, one.counts).map((d) => `one statement: ${d}`),
  ];
  const samples = { fn: [] as Sample[], plain: [] as Sample[], one: [] as Sample[] };
  const loadAverage: number[] = [];
  for (let i = 0; i < runs; i++) {
    loadAverage.push(round(os.loadavg()[0]!, 2));
    const order = i % 2 === 0 ? (['fn', 'plain'] as const) : (['plain', 'fn'] as const);
    for (const side of order)
      samples[side].push(side === 'fn' ? await statistics(database, YEAR) : await plain(database, YEAR));
    samples.one.push(await plainOneStatement(database, YEAR));
    const last = (x: Sample[]) => `${round(x.at(-1)!.ms)} ms (CPU ${round(x.at(-1)!.cpuMs)})`;
    log(
      `${database.kind}: run ${i + 1}/${runs}: function ${last(samples.fn)}, plain ${last(samples.plain)}, one statement ${last(samples.one)}`,
    );
  }
  const series = (xs: Sample[]): Series => ({
    wallMs: xs.map((x) => round(x.ms)),
    cpuMs: xs.map((x) => round(x.cpuMs)),
    medianWallMs: round(median(xs.map((x) => x.ms))),
    medianCpuMs: round(median(xs.map((x) => x.cpuMs))),
  });
  const fn = series(samples.fn);
  const plainSeries = series(samples.plain);
  const oneStatement = series(samples.one);
  const ratio = (a: Series, b: Series) => ({
    // Four decimals: counts kept as records are written make these ratios a few thousandths.
    wall: round(a.medianWallMs / b.medianWallMs, 4),
    cpu: round(a.medianCpuMs / b.medianCpuMs, 4),
  });
  return {
    database: database.kind,
    records,
    released: await releasedCount(database, YEAR),
    writeSeconds: round(writeSeconds),
    loadAverage,
    fn,
    plain: plainSeries,
    plainQueries: plainQueries().length,
    ratio: ratio(fn, plainSeries),
    oneStatement,
    ratioToOneStatement: ratio(fn, oneStatement),
    cellsAgree: disagreements.length === 0,
    disagreements: disagreements.slice(0, 10),
    cells: { rows: first.rows.length, suppressed: first.rows.filter((r) => r.n === null).length },
    settings: await serverSettings(database),
  };
}

const KEPT_TRIGGERS = ['case_statistics_cell_insert', 'case_statistics_cell_update', 'case_statistics_cell_delete'];
/** Years of their own for the write-cost runs, far from the counted ones. */
const WRITE_COST_YEARS = [2011, 2012, 2013, 2014] as const;

async function keptTriggers(db: Kysely<DB>, on: boolean): Promise<void> {
  for (const t of KEPT_TRIGGERS)
    await db.executeQuery(CompiledQuery.raw(`ALTER TABLE case_record ${on ? 'ENABLE' : 'DISABLE'} TRIGGER ${t}`));
}

async function writeCost(database: Database, records: number, recountYear: number, log: Log): Promise<WriteCost> {
  const withKept: number[] = [];
  const withoutKept: number[] = [];
  for (const [i, year] of WRITE_COST_YEARS.entries()) {
    // Alternating: on, off, off, on — a drift in the machine's load hits both sides alike.
    const on = i === 0 || i === 3;
    await keptTriggers(database.db, on);
    try {
      const s = await writeYear(database.db, year, records, log);
      (on ? withKept : withoutKept).push(round(s * 1000));
    } finally {
      await keptTriggers(database.db, true);
    }
  }
  let recount: Sample = { ms: 0, cpuMs: 0 };
  let counted = 0;
  await timed<{ n: number }>(database, async (run, measure) => {
    counted = (
      await run(
        `SELECT count(*)::int AS n FROM case_record r WHERE r.first_contact_year = $1 AND case_record_counted(r)`,
        [recountYear],
      )
    )[0]!.n;
    recount = await measure(async () => {
      await run(
        `SELECT count(*) FROM (
           SELECT r.centre_id, k.dim_a, k.val_a, k.dim_b, k.val_b, count(*)
           FROM case_record r CROSS JOIN LATERAL case_record_cells(r) k
           WHERE r.first_contact_year = $1 AND case_record_counted(r)
           GROUP BY 1, 2, 3, 4, 5) x`,
        [recountYear],
      );
    });
  });
  log(`${database.kind}: recounted ${counted.toLocaleString('en')} records from scratch in ${round(recount.ms)} ms`);
  return {
    database: database.kind,
    records,
    withKeptMs: withKept,
    withoutKeptMs: withoutKept,
    ratio: round(median(withKept) / median(withoutKept), 2),
    recount: { records: counted, ms: round(recount.ms), cpuMs: round(recount.cpuMs) },
  };
}

const IMPORT_RECORDS = 10_000;
const IMPORT_YEAR = 2022;

/** A CSV file as a centre would export and import it: 10,000 new records (no ids) of one centre. */
function importFile(dir: string, centreId: string): string {
  const records = syntheticCases({
    seed: 7,
    from: IMPORT_YEAR,
    to: IMPORT_YEAR,
    count: IMPORT_RECORDS,
    centres: [{ id: centreId, weight: 1 }],
    now: new Date(),
  });
  const id = EXPORT_COLUMNS.indexOf(ID_COLUMN);
  const rows: string[][] = [];
  for (const r of records) rows.push(exportRow(r as CaseRecord).map((v, i) => (i === id ? '' : String(v))));
  const file = path.join(dir, 'cases-import.csv');
  fs.writeFileSync(file, writeCsv(EXPORT_COLUMNS, rows));
  return file;
}

/** Import the file in a child process into a migrated database with the demo centres. */
async function importFigure(target: string, file: string, centreId: string, log: Log): Promise<ImportFigure> {
  log(
    `import: ${IMPORT_RECORDS.toLocaleString('en')} records from CSV into ${target.startsWith('postgres') ? 'PostgreSQL' : 'PGlite'}`,
  );
  const out = execFileSync(
    process.execPath,
    ['--expose-gc', '--import', 'tsx', path.join(ROOT, 'bench/cases-import.ts'), file, centreId, target],
    { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  return JSON.parse(out.trim().split('\n').at(-1)!) as ImportFigure;
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
  const writeRecords = intEnv('BENCH_CASES_WRITE', 20_000);
  const counts: CountFigures[] = [];
  const writeCosts: WriteCost[] = [];
  const engine: EngineFigure[] = [];
  const imports: ImportFigure[] = [];
  const parts = (process.env.BENCH_CASES_PARTS || 'postgres,pglite,import').split(',').map((p) => p.trim());
  for (const p of parts)
    if (!['postgres', 'pglite', 'import'].includes(p)) throw new Error(`BENCH_CASES_PARTS: unknown part ${p}`);

  if (!o.pgProblem && parts.includes('postgres')) {
    const url = await createPgDatabase(o.adminUrl, `schutznetz_bench_cases_${process.pid}`);
    const database = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
    try {
      await migrate(database.db);
      await seedCentres(database.db);
      for (const [year, n] of ENGINE_SIZES) await writeYear(database.db, year, n, o.log);
      const s = await writeYear(database.db, YEAR, pgRecords, o.log);
      counts.push(await countFigures(database, pgRecords, s, runs, o.log));
      writeCosts.push(await writeCost(database, writeRecords, YEAR, o.log));
      for (const [year, n] of [...ENGINE_SIZES, [YEAR, pgRecords] as const]) {
        o.log(`engine: protect and audit the catalogue of ${n.toLocaleString('en')} records`);
        const { rows } = await statistics(database, year);
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
      writeCosts.push(await writeCost(pglite, Math.min(writeRecords, 10_000), YEAR, o.log));
    } finally {
      await pglite.close();
    }
  }
  if (parts.includes('import')) {
    const centreId = demoCaseCentres()[0]!.id;
    const file = importFile(o.tmp, centreId);
    if (!o.pgProblem) {
      const url = await createPgDatabase(o.adminUrl, `schutznetz_bench_import_${process.pid}`);
      const database = await openDatabase({ kind: 'postgres', url, poolSize: 2 });
      try {
        await migrate(database.db);
        await seedCentres(database.db);
      } finally {
        await database.close();
      }
      imports.push(await importFigure(url, file, centreId, o.log));
    }
    const dir = path.join(o.tmp, 'pglite-import');
    const pglite = await openDatabase({ kind: 'pglite', dataDir: dir });
    try {
      await migrate(pglite.db);
      await seedCentres(pglite.db);
    } finally {
      await pglite.close();
    }
    imports.push(await importFigure(dir, file, centreId, o.log));
  }
  return { counts, writeCosts, engine, imports, postgresSkipped: o.pgProblem };
}

/** The section's tables, for the terminal. */
export function casesReport(r: CasesResults): string[] {
  const out: string[] = [];
  const cell = (x: Series) => `${x.medianWallMs} / ${x.medianCpuMs}`;
  if (r.counts.length > 0)
    out.push(
      'Counting one year’s catalogue: case_statistics (coordination scope) against one plain GROUP BY per catalogue table (owner),',
      'alternating runs; median wall ms / median database CPU ms (PostgreSQL: the backend, no parallel workers; PGlite: this process):',
      table(
        [
          'database',
          'records',
          'released',
          'function',
          `plain (${r.counts[0]?.plainQueries ?? 0} queries)`,
          'function / plain (wall, CPU)',
          'one plain GROUPING SETS statement',
          'function / one statement (wall, CPU)',
          'cells agree',
          'rows / NULL',
          'load avg',
        ],
        r.counts.map((c) => [
          c.database,
          c.records,
          c.released,
          cell(c.fn),
          cell(c.plain),
          `${c.ratio.wall} × / ${c.ratio.cpu} ×`,
          cell(c.oneStatement),
          `${c.ratioToOneStatement.wall} × / ${c.ratioToOneStatement.cpu} ×`,
          c.cellsAgree ? 'yes' : `NO: ${c.disagreements.join('; ')}`,
          `${c.cells.rows} / ${c.cells.suppressed}`,
          c.loadAverage.join(' '),
        ]),
      ),
    );
  for (const c of r.counts)
    out.push(
      `${c.database} runs, wall ms: function ${c.fn.wallMs.join(' / ')}; plain ${c.plain.wallMs.join(' / ')}; one statement ${c.oneStatement.wallMs.join(' / ')}`,
      `${c.database} runs, CPU ms: function ${c.fn.cpuMs.join(' / ')}; plain ${c.plain.cpuMs.join(' / ')}; one statement ${c.oneStatement.cpuMs.join(' / ')}`,
    );
  if (r.writeCosts.length > 0)
    out.push(
      '',
      'What keeping the counts costs the writers: records written (each centre in its own scope) with the kept-counts triggers and without,',
      'alternating (on, off, off, on), ms each; and counting one year from its records again (what case_statistics would cost if it counted when called):',
      table(
        [
          'database',
          'records',
          'with kept counts',
          'without',
          'with / without',
          'recount: records',
          'recount ms / CPU ms',
        ],
        r.writeCosts.map((w) => [
          w.database,
          w.records,
          w.withKeptMs.join(' / '),
          w.withoutKeptMs.join(' / '),
          `${w.ratio} ×`,
          w.recount.records,
          `${w.recount.ms} / ${w.recount.cpuMs}`,
        ]),
      ),
    );
  if (r.engine.length > 0)
    out.push(
      '',
      'Secondary suppression and the LP audit of one year’s catalogue (rows of case_statistics on PostgreSQL; median of 3 after a warm-up):',
      engineTable(r.engine),
    );
  if (r.imports.length > 0)
    out.push(
      '',
      'Importing records from CSV (the centres’ import: read, check every row like the form, insert in the centre’s scope, audit), in a process of its own:',
      table(
        [
          'database',
          'records',
          'file',
          'ms',
          'outcome',
          'RSS before MiB',
          'peak RSS MiB',
          'heap before MiB',
          'peak heap MiB',
        ],
        r.imports.map((i) => [
          i.database,
          i.records,
          `${Math.round(i.fileBytes / 1000)} KB`,
          i.ms,
          `${i.outcome} (${i.created} new)`,
          i.rssBeforeMiB,
          i.peakRssMiB,
          i.heapBeforeMiB,
          i.peakHeapMiB,
        ]),
      ),
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
    const n = c.records.toLocaleString('en');
    rows.push([
      `cases: case_statistics over ${n} records ≤ ${CASES_TARGETS.countOfPlain} × the plain GROUP BY queries (wall; CPU)`,
      `${c.ratio.wall} ×; ${c.ratio.cpu} ×`,
      Math.max(c.ratio.wall, c.ratio.cpu) <= CASES_TARGETS.countOfPlain ? 'PASS' : 'FAIL',
    ]);
    rows.push([
      `cases: case_statistics over ${n} records ≤ ${CASES_TARGETS.countMs} ms (judged: backend CPU, one process; wall at load avg ${Math.max(...c.loadAverage)})`,
      `CPU ${c.fn.medianCpuMs} ms, wall ${c.fn.medianWallMs} ms`,
      c.fn.medianCpuMs <= CASES_TARGETS.countMs ? 'PASS' : 'FAIL',
    ]);
  }
  for (const e of r.engine)
    rows.push([
      `cases: protect + LP audit, ${e.label}, threshold ${e.threshold}: ≤ ${ENGINE_TARGET_MS} ms, audit passes`,
      `${Math.round(e.protectMs)} ms, ${e.ok ? 'passes' : 'fails'}`,
      e.protectMs <= ENGINE_TARGET_MS && e.ok ? 'PASS' : 'FAIL',
    ]);
  for (const i of r.imports)
    rows.push([
      `cases: ${i.database}: import ${i.records.toLocaleString('en')} records from CSV (time and peak memory: no target)`,
      `${i.ms} ms, peak RSS ${i.peakRssMiB} MiB`,
      i.outcome === 'imported' && i.created === i.records ? 'done' : 'FAIL',
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
