/** `schutznetz demo …`: invented data for trying the platform out. */
import { randomInt } from 'node:crypto';
import { loadSyntheticCases, type SyntheticLoadReport } from '../../features/demo/cases/load.ts';
import { serverKeysFor, withDatabase } from '../database.ts';
import { EXIT, UsageError, type Command, type CommandGroup } from '../types.ts';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** `2016-2025` or `2024`: the first and last year. */
function yearsOption(value: unknown, now: Date): { from: number; to: number } {
  if (typeof value !== 'string') throw new UsageError('--years is required, e.g. --years 2016-2025');
  const m = /^(\d{4})(?:-(\d{4}))?$/.exec(value.trim());
  if (!m) throw new UsageError(`--years must be a year or a range like 2016-2025, not ${JSON.stringify(value)}`);
  const from = Number(m[1]);
  const to = Number(m[2] ?? m[1]);
  if (from > to) throw new UsageError(`--years ${value}: the first year comes after the last`);
  if (from < 2000) throw new UsageError(`--years ${value}: reporting years start in 2000`);
  if (to > now.getUTCFullYear())
    throw new UsageError(`--years ${value}: ${to} has not begun yet (no first contact can lie in the future)`);
  return { from, to };
}

function countOption(value: unknown): number {
  if (typeof value !== 'string') throw new UsageError('--count is required, e.g. --count 5000');
  const n = Number(value);
  if (!/^\d+$/.test(value) || !Number.isSafeInteger(n) || n < 1 || n > 10_000_000)
    throw new UsageError(`--count must be a whole number from 1 to 10,000,000, not ${JSON.stringify(value)}`);
  return n;
}

function seedOption(value: unknown): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (typeof value !== 'string' || !/^\d+$/.test(value) || n > 0xffffffff)
    throw new UsageError(`--seed must be a whole number from 0 to 4294967295, not ${JSON.stringify(value)}`);
  return n;
}

function centresOption(value: unknown): string[] | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string') throw new UsageError('--centres needs a list of centre ids');
  const ids = value
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(Boolean);
  if (ids.length === 0) throw new UsageError('--centres needs at least one centre id');
  for (const id of ids) if (!UUID.test(id)) throw new UsageError(`--centres: ${JSON.stringify(id)} is not a centre id`);
  return [...new Set(ids)];
}

const plural = (n: number, one: string, many: string) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

function printReport(r: Extract<SyntheticLoadReport, { ok: true }>, seed: number, out: (t: string) => void): void {
  out(
    `Wrote ${plural(r.records, 'synthetic case record', 'synthetic case records')} (${plural(r.released, 'released', 'released')}) ` +
      `for ${plural(r.centres, 'centre', 'centres')}, seed ${seed}.\n`,
  );
  for (const y of r.years)
    out(
      `  ${y.year}: ${y.records.toLocaleString('en')} records, ${y.released.toLocaleString('en')} released, year ${y.status}\n`,
    );
}

const casesCommand: Command = {
  name: 'cases',
  summary: 'Write synthetic anonymous case records (invented, realistic distributions)',
  usage: '--years <from-to> --count <n> [--centres <id,…>] [--seed <n>]',
  help: [
    '  --years 2016-2025  the reporting years (one year, or a range up to the current year)',
    '  --count n          records over all years together, growing by about 10 % a year',
    '  --centres id,…     the centres that document them (default: every demo centre of the demo network)',
    '  --seed n           the same seed writes the same records again (default: a random one, printed)',
    '',
    '  Each centre writes its own records in its own scope, like a counsellor would. Years that',
    '  do not exist are opened; years before the current one are closed afterwards (their records',
    '  released about as often as in the network, ~85 %); the current year stays open. A closed',
    '  year is refused: its records are locked. Everything is written in one transaction.',
    '  The records are invented: never load them into an installation that holds real records.',
  ].join('\n'),
  options: {
    years: { type: 'string' },
    count: { type: 'string' },
    centres: { type: 'string' },
    seed: { type: 'string' },
  },
  async run({ positionals, values }, io) {
    if (positionals.length > 0) throw new UsageError(`unexpected argument ${JSON.stringify(positionals[0])}`);
    const now = new Date();
    const { from, to } = yearsOption(values.years, now);
    const count = countOption(values.count);
    const centres = centresOption(values.centres);
    const seed = seedOption(values.seed) ?? randomInt(0, 2 ** 32 - 1);
    const auditRing = serverKeysFor(io).audit;
    const report = await withDatabase(io, (database) =>
      database.db
        .transaction()
        .execute((trx) =>
          loadSyntheticCases(trx, { from, to, count, seed, now, auditRing, ...(centres ? { centres } : {}) }),
        ),
    );
    if (!report.ok) {
      io.err(`${report.problem}\nNothing was written.\n`);
      return EXIT.invalid;
    }
    printReport(report, seed, io.out);
    return EXIT.ok;
  },
};

export const demoCommands: CommandGroup = {
  name: 'demo',
  summary: 'Invented data for trying the platform out: cases',
  commands: [casesCommand],
};
