/**
 * Reporting years with released records, for the statistics' tests: the
 * way the centres and the coordination office write them — each centre's
 * records in its own scope while the year is open, the year opened and
 * closed in the coordination scope — then published through the real
 * pipeline (publish.ts).
 */
import type { FastifyInstance } from 'fastify';
import { withScope } from '../../platform/db/tenant.ts';
import { demoNetworkCentres } from '../demo/network.ts';
import { completeRecord, type CaseRecordRow } from '../case-records/test-fixtures.ts';
import { ENGINE, type StatisticsEngine } from './compute.ts';
import { publishYear, type PublishOutcome } from './publish.ts';
import type { Audience } from './queries/publications.ts';

const COORDINATION = { kind: 'coordination' } as const;

/** Open `year` (once): the coordination office's step before centres release records for it. */
export async function openYear(app: FastifyInstance, year: number): Promise<void> {
  const now = app.clock.now();
  await withScope(app.database.db, COORDINATION, (trx) =>
    trx
      .insertInto('reporting_year')
      .values({ year, status: 'open', release_deadline: `${year + 1}-03-31`, opened_at: now })
      .onConflict((oc) => oc.column('year').doNothing())
      .execute(),
  );
}

export async function closeYear(app: FastifyInstance, year: number): Promise<void> {
  await withScope(app.database.db, COORDINATION, (trx) =>
    trx
      .updateTable('reporting_year')
      .set({ status: 'closed', closed_at: app.clock.now() })
      .where('year', '=', year)
      .execute(),
  );
}

export async function reopenYear(app: FastifyInstance, year: number): Promise<void> {
  await withScope(app.database.db, COORDINATION, (trx) =>
    trx
      .updateTable('reporting_year')
      .set({ status: 'open', reopened_at: app.clock.now(), reopen_reason: 'Korrektur im Test' })
      .where('year', '=', year)
      .execute(),
  );
}

/** Write records into `centreId`'s own scope (the year must be open). */
export async function addRecords(
  app: FastifyInstance,
  centreId: string,
  rows: readonly CaseRecordRow[],
): Promise<void> {
  if (rows.length === 0) return;
  await withScope(app.database.db, { kind: 'centre', centreId }, (trx) =>
    trx
      .insertInto('case_record')
      .values([...rows])
      .execute(),
  );
}

const GENDERS = ['female', 'female', 'female', 'male', 'female', 'male', 'female', 'non_binary'] as const;
const STAGES = ['pending', 'not_filed', 'pending', 'dublin', 'none', 'rejected', 'protection', 'pending'] as const;
const CITIZENSHIPS = ['NG', 'NG', 'GH', 'ER', 'RO', 'SY', 'AF', 'NG', 'UA', 'VN'] as const;
const AGES = [16, 19, 22, 24, 27, 31, 35, 42, 25, 23] as const;

/**
 * `count` complete, consented, released records of `centreId` in `year`,
 * varied like a centre's year (mostly women, mostly sexual exploitation,
 * mostly before or during the asylum procedure), deterministic in `seed`.
 */
export function variedRecords(centreId: string, year: number, count: number, seed = 0): CaseRecordRow[] {
  const released = new Date(`${year}-12-01T10:00:00Z`);
  return Array.from({ length: count }, (_, n) => {
    const i = n + seed;
    const age = AGES[i % AGES.length]!;
    const labour = i % 4 === 1;
    return completeRecord(centreId, year, {
      released_at: released,
      gender: GENDERS[i % GENDERS.length]!,
      age_at_first_contact: age,
      minor_at_exploitation: age < 18 ? 'yes' : 'no',
      unaccompanied_minor: age < 18 ? 'unaccompanied' : 'not_applicable',
      citizenship: CITIZENSHIPS[i % CITIZENSHIPS.length]!,
      asylum_stage: STAGES[i % STAGES.length]!,
      exploitation_forms: labour ? ['labour'] : i % 7 === 3 ? ['sexual', 'begging'] : ['sexual'],
      labour_sector: labour ? 'I' : null,
      country_of_exploitation: i % 3 === 0 ? ['DE', 'IT'] : ['DE'],
      first_contact_quarter: 1 + (i % 4),
    });
  });
}

/** Centres of the demo network (present in every test database): ids only. */
export function demoCentreIds(from: number, count: number): string[] {
  return demoNetworkCentres()
    .slice(from, from + count)
    .map((c) => c.id);
}

/**
 * A closed `year` with released records at four centres (demo network
 * centres 1–4), published for `audience` through the real pipeline.
 */
export async function publishedTestYear(
  app: FastifyInstance,
  year: number,
  opts: { audience?: Audience; engine?: StatisticsEngine; perCentre?: number } = {},
): Promise<{ year: number; publicationId: string }> {
  await openYear(app, year);
  for (const [k, centreId] of demoCentreIds(1, 4).entries())
    await addRecords(app, centreId, variedRecords(centreId, year, opts.perCentre ?? 40, k * 3));
  await closeYear(app, year);
  const outcome = await publishAs(app, year, opts.audience ?? 'public', opts.engine);
  if (outcome.kind !== 'published')
    throw new Error(`the test year ${year} was not published: ${JSON.stringify(outcome)}`);
  return { year, publicationId: outcome.id };
}

/** Publish through publish.ts as the operator would (no actor). */
export function publishAs(
  app: FastifyInstance,
  year: number,
  audience: Audience,
  engine: StatisticsEngine = ENGINE,
): Promise<PublishOutcome> {
  return publishYear(app.database.db, app.keys.audit, engine, { year, audience, actorId: null, now: app.clock.now() });
}
