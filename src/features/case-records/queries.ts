/**
 * Every statement on a centre's case records and the reporting years they
 * fall in. Each takes the caller's transaction: in the centre's scope,
 * row-level security shows its own records only (migrations/0026), so the
 * centre id passed in is a second filter, never the only one.
 */
import type { Selectable } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import { missingAnswers, VALUE_FIELDS, type RecordValues, type ValueField } from './schema.ts';

export type CaseRecord = Selectable<DB['case_record']>;
export type RecordStatus = CaseRecord['status'];
export type YearInfo = { year: number; status: 'open' | 'closed'; releaseDeadline: string };

/** What the list may be narrowed to. `year: null` means records without a year yet. */
export type ListFilter = {
  year?: number | null;
  status?: RecordStatus;
  released?: boolean;
  consent?: 'yes' | 'no' | 'unknown';
};

/** The list shows at most this many rows (the counts cover every record). */
const LIST_LIMIT = 1000;

export type ListRow = Pick<
  CaseRecord,
  'id' | 'status' | 'first_contact_year' | 'first_contact_quarter' | 'consent_statistics' | 'released_at' | 'updated_at'
>;

export type ListCounts = { total: number; shown: number; drafts: number; complete: number; released: number };

/** The centre's records matching `filter`, most recently changed first, with counts. */
export async function listRecords(
  trx: Tx,
  centreId: string,
  filter: ListFilter,
): Promise<{ rows: ListRow[]; counts: ListCounts }> {
  let q = trx.selectFrom('case_record').where('centre_id', '=', centreId);
  if (filter.year !== undefined)
    q =
      filter.year === null
        ? q.where('first_contact_year', 'is', null)
        : q.where('first_contact_year', '=', filter.year);
  if (filter.status) q = q.where('status', '=', filter.status);
  if (filter.released !== undefined) q = q.where('released_at', filter.released ? 'is not' : 'is', null);
  if (filter.consent === 'unknown') q = q.where('consent_statistics', 'is', null);
  else if (filter.consent) q = q.where('consent_statistics', '=', filter.consent === 'yes');
  const rows = await q
    .select([
      'id',
      'status',
      'first_contact_year',
      'first_contact_quarter',
      'consent_statistics',
      'released_at',
      'updated_at',
    ])
    .orderBy('updated_at', 'desc')
    .orderBy('id')
    .limit(LIST_LIMIT)
    .execute();
  const c = await q
    .select((eb) => [
      eb.fn.countAll<string>().as('shown'),
      eb.fn.count<string>('id').filterWhere('status', '=', 'draft').as('drafts'),
      eb.fn.count<string>('id').filterWhere('status', '=', 'complete').as('complete'),
      eb.fn.count<string>('id').filterWhere('released_at', 'is not', null).as('released'),
    ])
    .executeTakeFirstOrThrow();
  const all = await trx
    .selectFrom('case_record')
    .where('centre_id', '=', centreId)
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return {
    rows,
    counts: {
      total: Number(all.n),
      shown: Number(c.shown),
      drafts: Number(c.drafts),
      complete: Number(c.complete),
      released: Number(c.released),
    },
  };
}

/** The years the centre has records in, newest first. */
export async function recordYears(trx: Tx, centreId: string): Promise<number[]> {
  const rows = await trx
    .selectFrom('case_record')
    .where('centre_id', '=', centreId)
    .where('first_contact_year', 'is not', null)
    .select('first_contact_year')
    .distinct()
    .orderBy('first_contact_year', 'desc')
    .execute();
  return rows.map((r) => r.first_contact_year!);
}

/** One record of the scope's centre, or null (none, or another centre's: row-level security cannot tell). */
export async function recordById(trx: Tx, id: string): Promise<CaseRecord | null> {
  return (await trx.selectFrom('case_record').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
}

export async function insertRecord(
  trx: Tx,
  r: { id: string; centreId: string; status: RecordStatus; values: RecordValues; at: Date },
): Promise<void> {
  await trx
    .insertInto('case_record')
    .values({ ...r.values, id: r.id, centre_id: r.centreId, status: r.status, created_at: r.at, updated_at: r.at })
    .execute();
}

/**
 * Replace a record's answers. A release survives only while the record stays
 * complete and consented (the database refuses anything else).
 */
export async function updateRecord(
  trx: Tx,
  id: string,
  r: { status: RecordStatus; values: RecordValues; keepRelease: boolean; at: Date },
): Promise<boolean> {
  const res = await trx
    .updateTable('case_record')
    .set({
      ...r.values,
      status: r.status,
      updated_at: r.at,
      ...(r.keepRelease ? {} : { released_at: null }),
    })
    .where('id', '=', id)
    .executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

export async function deleteRecord(trx: Tx, id: string): Promise<boolean> {
  const res = await trx.deleteFrom('case_record').where('id', '=', id).executeTakeFirst();
  return Number(res.numDeletedRows) === 1;
}

/** Release (at) or withdraw (null) one record; only a complete, consented one can be released. */
export async function setRelease(trx: Tx, id: string, at: Date | null): Promise<boolean> {
  let q = trx.updateTable('case_record').set({ released_at: at }).where('id', '=', id);
  q = at ? q.where('status', '=', 'complete').where('consent_statistics', '=', true) : q;
  const res = await q.executeTakeFirst();
  return Number(res.numUpdatedRows) === 1;
}

/** The ids of the centre's complete, consented records of `year` that are not released yet. */
export async function releasableIds(trx: Tx, centreId: string, year: number): Promise<string[]> {
  const rows = await trx
    .selectFrom('case_record')
    .where('centre_id', '=', centreId)
    .where('first_contact_year', '=', year)
    .where('status', '=', 'complete')
    .where('consent_statistics', '=', true)
    .where('released_at', 'is', null)
    .select('id')
    .orderBy('id')
    .execute();
  return rows.map((r) => r.id);
}

/** The reporting year, if the coordination office has opened it. */
export async function reportingYear(trx: Tx, year: number): Promise<YearInfo | null> {
  const r = await trx
    .selectFrom('reporting_year')
    .select(['year', 'status', 'release_deadline'])
    .where('year', '=', year)
    .executeTakeFirst();
  return r ? { year: r.year, status: r.status, releaseDeadline: String(r.release_deadline) } : null;
}

/** Is any of these years closed (its records locked)? */
export async function anyYearClosed(trx: Tx, years: readonly (number | null)[]): Promise<boolean> {
  const known = years.filter((y): y is number => y !== null);
  if (known.length === 0) return false;
  const r = await trx
    .selectFrom('reporting_year')
    .select('year')
    .where('year', 'in', known)
    .where('status', '=', 'closed')
    .executeTakeFirst();
  return r !== undefined;
}

/** What a centre still has to do for a year's analysis. */
export type Missing = {
  /** Records still in draft. */
  drafts: number;
  /** Complete, consented records not released yet. */
  unreleased: number;
  /** Records (draft or complete) without an answer on consent. */
  consentUnanswered: number;
  /** For each mandatory answer, how many of the year's drafts lack it (only answers some lack). */
  unanswered: { field: ValueField; count: number }[];
};

/** What is missing in the centre's records of `year` (for the list page, the reminders and the year's overview). */
export async function missingForYear(trx: Tx, centreId: string, year: number): Promise<Missing> {
  const rows = await trx
    .selectFrom('case_record')
    .where('centre_id', '=', centreId)
    .where('first_contact_year', '=', year)
    .select([...VALUE_FIELDS, 'status', 'released_at'])
    .execute();
  const counts = new Map<ValueField, number>();
  let drafts = 0;
  let unreleased = 0;
  let consentUnanswered = 0;
  for (const r of rows) {
    if (r.consent_statistics === null) consentUnanswered++;
    if (r.status === 'complete') {
      if (r.consent_statistics && r.released_at === null) unreleased++;
      continue;
    }
    drafts++;
    for (const field of missingAnswers(r)) counts.set(field, (counts.get(field) ?? 0) + 1);
  }
  const unanswered = [...counts]
    .map(([field, count]) => ({ field, count }))
    .sort((a, b) => b.count - a.count || VALUE_FIELDS.indexOf(a.field) - VALUE_FIELDS.indexOf(b.field));
  return { drafts, unreleased, consentUnanswered, unanswered };
}
