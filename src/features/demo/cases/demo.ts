/**
 * The embedded demo's case statistics: seven closed, published reporting
 * years and the current one open, so the public statistics page, its trend
 * chart and the coordination office's tables show something on the first
 * start. A few hundred records a year across the demo centres — enough that
 * most cells are published and some are suppressed, few enough that a fresh
 * start stays quick.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.ts';
import { setScopeSettings, type Tx } from '../../../platform/db/tenant.ts';
import type { KeyRing } from '../../../platform/security/keys.ts';
import { ENGINE } from '../../statistics/compute.ts';
import { publishYear } from '../../statistics/publish.ts';
import { flagIsSet, setFlag } from '../queries.ts';
import { recordsPerYear } from './generator.ts';
import { loadSyntheticCases } from './load.ts';
import { anyReportingYear } from './queries.ts';

const DEMO_CASES_FLAG = 'demo_cases_offered';
/** Closed years before the current one. */
export const DEMO_CLOSED_YEARS = 7;
/** Records in the first demo year; later years grow by 10 % a year. */
const FIRST_YEAR_RECORDS = 300;
const DEMO_SEED = 20_190_001;

/** The demo's reporting years: seven closed ones and the current, open one. */
function demoCaseYears(now: Date): { from: number; to: number } {
  const to = now.getUTCFullYear();
  return { from: to - DEMO_CLOSED_YEARS, to };
}

/**
 * Write the demo's records and years in the caller's (owner) transaction,
 * once per installation and only into one without reporting years: demo
 * records must never mix with real ones. Returns the closed years to publish
 * (empty when nothing was written). Leaves the transaction in the
 * application role.
 */
export async function writeDemoCases(trx: Tx, now: Date): Promise<number[]> {
  await setScopeSettings(trx, { kind: 'admin' });
  if ((await flagIsSet(trx, DEMO_CASES_FLAG)) || (await anyReportingYear(trx))) return [];
  await setFlag(trx, DEMO_CASES_FLAG);
  const { from, to } = demoCaseYears(now);
  // The count over all years that gives the first year FIRST_YEAR_RECORDS.
  const perYear = recordsPerYear(1_000_000, from, to);
  const count = Math.round((FIRST_YEAR_RECORDS * 1_000_000) / perYear.get(from)!);
  const report = await loadSyntheticCases(trx, { from, to, count, seed: DEMO_SEED, now });
  if (!report.ok) throw new Error(`demo cases: ${report.problem}`);
  return report.years.filter((y) => y.status === 'closed').map((y) => y.year);
}

/**
 * Publish the public tables of each year, as the coordination office would
 * (protected and audited by the statistics engine; the publication and its
 * audit entry name no person: the operator's demo content). A refusal is a
 * fault of the demo data or the engine, never expected: it is thrown.
 */
export async function publishDemoYears(db: Kysely<DB>, ring: KeyRing, years: readonly number[], now: Date) {
  for (const year of years) {
    const outcome = await publishYear(db, ring, ENGINE, { year, audience: 'public', actorId: null, now });
    if (outcome.kind !== 'published') throw new Error(`demo cases: publishing ${year} was refused (${outcome.reason})`);
  }
}
