/**
 * Loading synthetic case records into an installation: the reporting years
 * they need, the records themselves, and closing the years that are over —
 * what `schutznetz demo cases` and the embedded demo do. Each part runs in
 * the scope that may do it in real life: the years in the coordination
 * scope, each centre's records in that centre's scope. Nothing is written
 * past row-level security.
 */
import { audit } from '../../../platform/audit/audit.ts';
import { enterScope, type Tx } from '../../../platform/db/tenant.ts';
import type { KeyRing } from '../../../platform/security/keys.ts';
import { closeYear, openYear, yearById } from '../../reporting-years/queries/years.ts';
import { demoCaseCentres } from './centres.ts';
import { skewedWeights, syntheticCases, type GeneratorCentre, type SyntheticCase } from './generator.ts';
import { existingCentres } from './queries.ts';
import { writeCases } from './write.ts';

export type SyntheticLoadOptions = {
  from: number;
  to: number;
  /** Records over all years together. */
  count: number;
  seed: number;
  now: Date;
  /** The centres that document; by default the demo network's documenting centres. */
  centres?: readonly string[];
  /** Audit the writes (the command line); the embedded demo, like the demo directory, writes no audit entries. */
  auditRing?: KeyRing;
};

type YearReport = { year: number; records: number; released: number; status: 'open' | 'closed' };

export type SyntheticLoadReport =
  | { ok: true; records: number; released: number; centres: number; years: YearReport[] }
  | { ok: false; problem: string };

/** The deadline for releasing a year's records: the end of the first quarter of the next year. */
const releaseDeadline = (year: number) => `${year + 1}-03-31`;

async function chooseCentres(trx: Tx, o: SyntheticLoadOptions): Promise<GeneratorCentre[] | string> {
  if (o.centres) {
    const found = await existingCentres(trx, o.centres);
    const missing = o.centres.filter((id) => !found.has(id));
    if (missing.length > 0) return `No centre ${missing.join(', ')} in this installation.`;
    const weights = skewedWeights(o.centres.length, o.seed);
    return o.centres.map((id, i) => ({ id, weight: weights[i]! }));
  }
  const demo = demoCaseCentres();
  const found = await existingCentres(
    trx,
    demo.map((c) => c.id),
  );
  const present = demo.filter((c) => found.has(c.id));
  if (present.length === 0)
    return 'This installation has none of the demo centres: load the demo content first, or name centres with --centres.';
  return present;
}

/**
 * Write `o.count` synthetic records over the years `o.from`–`o.to` in the
 * caller's transaction. Years that do not exist are opened; those among them
 * that are over (before the current year) are closed once their records are
 * in. A closed year is refused: its records are locked. Returns a problem
 * (and writes nothing) when a year is closed or a centre is unknown.
 */
export async function loadSyntheticCases(trx: Tx, o: SyntheticLoadOptions): Promise<SyntheticLoadReport> {
  const currentYear = o.now.getUTCFullYear();
  const years = Array.from({ length: o.to - o.from + 1 }, (_, i) => o.from + i);
  await enterScope(trx, { kind: 'coordination' });
  const centres = await chooseCentres(trx, o);
  if (typeof centres === 'string') return { ok: false, problem: centres };
  const existing = new Map<number, 'open' | 'closed'>();
  for (const y of years) {
    const r = await yearById(trx, y);
    if (r) existing.set(y, r.status);
  }
  const closed = years.filter((y) => existing.get(y) === 'closed');
  if (closed.length > 0)
    return {
      ok: false,
      problem: `Reporting year ${closed.join(', ')} is closed: its records are locked. Reopen it first, or choose other years.`,
    };
  const who = { actorId: null, at: o.now };
  const opened = years.filter((y) => !existing.has(y));
  for (const y of opened) await openYear(trx, y, releaseDeadline(y), who);

  // Years that stay open after this command get fewer released records.
  const openAfter = new Set(years.filter((y) => y >= currentYear || existing.get(y) === 'open'));
  const perYear = new Map(years.map((y) => [y, { records: 0, released: 0 }]));
  const tally = function* (records: Iterable<SyntheticCase>) {
    for (const r of records) {
      const t = perYear.get(r.first_contact_year)!;
      t.records++;
      if (r.released_at) t.released++;
      yield r;
    }
  };
  const written = await writeCases(
    trx,
    tally(
      syntheticCases({
        seed: o.seed,
        from: o.from,
        to: o.to,
        count: o.count,
        centres,
        now: o.now,
        openYears: openAfter,
      }),
    ),
  );
  if (o.auditRing)
    for (const [centreId, n] of written) {
      await enterScope(trx, { kind: 'centre', centreId });
      await audit(
        trx,
        o.auditRing,
        {
          event: 'demo.cases_written',
          actorId: null,
          centreId,
          objectType: 'reporting_year',
          objectId: `${o.from}-${o.to}`,
          details: { records: n },
        },
        o.now,
      );
    }

  await enterScope(trx, { kind: 'coordination' });
  const closing = opened.filter((y) => !openAfter.has(y));
  for (const y of closing) await closeYear(trx, y, who);
  if (o.auditRing) {
    const ring = o.auditRing;
    const yearEvent = (event: string, y: number, details?: Record<string, string>) =>
      audit(
        trx,
        ring,
        {
          event,
          actorId: null,
          centreId: null,
          objectType: 'reporting_year',
          objectId: String(y),
          ...(details ? { details } : {}),
        },
        o.now,
      );
    for (const y of opened) await yearEvent('reporting_year.opened_done', y, { release_deadline: releaseDeadline(y) });
    for (const y of closing) await yearEvent('reporting_year.closed_done', y);
  }

  const report: YearReport[] = years.map((y) => ({
    year: y,
    ...perYear.get(y)!,
    status: closing.includes(y) ? 'closed' : 'open',
  }));
  return {
    ok: true,
    records: report.reduce((s, y) => s + y.records, 0),
    released: report.reduce((s, y) => s + y.released, 0),
    centres: written.size,
    years: report,
  };
}
