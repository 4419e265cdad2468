/**
 * Importing a centre's records from a file, all or nothing: the file is
 * read (sheet.ts), every row checked like the form (records.ts), then —
 * in one transaction of the centre's own scope — every id checked to be one
 * of the centre's records and every year to be open. Only when no row has a
 * problem are the new records inserted and the named ones replaced; one
 * audit row in the centre's chain records the import with its counts. Any
 * problem, or a refusal by the database (a year closed meanwhile), leaves
 * nothing behind.
 *
 * `importRecords` takes no request: the benchmark calls it (through
 * `importCsv`) to measure importing 10,000 records.
 */
import { randomUUID } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import { audit } from '../../../platform/audit/audit.ts';
import type { DB } from '../../../platform/db/schema.ts';
import { withScope } from '../../../platform/db/tenant.ts';
import type { KeyRing } from '../../../platform/security/keys.ts';
import { updateRecord } from '../queries.ts';
import { VALUE_FIELDS } from '../schema.ts';
import { ID_COLUMN, STATUS_COLUMN } from './columns.ts';
import { closedYears, insertRecords, ownRecords } from './queries.ts';
import { readRows, type RowProblem } from './records.ts';
import { readSheet, SheetError, type Sheet, type SheetProblem } from './sheet.ts';
import { messageRef } from '../../../platform/i18n/index.ts';

/** The most rows one file may hold. */
export const MAX_IMPORT_ROWS = 20_000;

export type ImportOutcome =
  | { kind: 'imported'; format: Sheet['format']; created: number; updated: number }
  /** The file is not a table this import can read. */
  | { kind: 'file'; problem: SheetProblem }
  /** Rows with problems (every one of them); nothing stored. */
  | { kind: 'rows'; format: Sheet['format']; problems: RowProblem[] };

export type ImportDeps = { db: Kysely<DB>; auditKeys: KeyRing };
export type Importer = { centreId: string; actorId: string | null };

/** Raised inside the transaction to roll it back with the problems found there. */
class RowsRefused extends Error {
  constructor(readonly problems: RowProblem[]) {
    super('import refused');
  }
}

const ORDER = [ID_COLUMN, STATUS_COLUMN, ...VALUE_FIELDS] as string[];
function byPlace(a: RowProblem, b: RowProblem): number {
  return a.row - b.row || ORDER.indexOf(a.column) - ORDER.indexOf(b.column);
}

const rowProblem = (row: number, column: string, key: string): RowProblem => ({
  row,
  column,
  meaning: { ref: messageRef('caseRecordFiles', key as never), values: {} },
});

/** Is this the database refusing a change to a closed year's records (migrations/0026)? */
function isClosedYearRefusal(err: unknown): boolean {
  return (err as { constraint?: unknown }).constraint === 'case_record_year_closed';
}

export async function importRecords(deps: ImportDeps, who: Importer, file: Buffer, now: Date): Promise<ImportOutcome> {
  let sheet: Sheet;
  try {
    sheet = await readSheet(file, MAX_IMPORT_ROWS);
  } catch (err) {
    if (err instanceof SheetError) return { kind: 'file', problem: err.problem };
    throw err;
  }
  const { rows, problems } = readRows(sheet, now);
  try {
    return await withScope(deps.db, { kind: 'centre', centreId: who.centreId }, async (trx) => {
      const named = rows.flatMap((r) => (r.id ? [r.id] : []));
      const existing = await ownRecords(trx, named);
      const closed = await closedYears(trx);
      for (const r of rows) {
        const before = r.id ? existing.get(r.id) : undefined;
        if (r.id && !before) problems.push(rowProblem(r.row, ID_COLUMN, 'problem.unknownId'));
        const years = [r.values.first_contact_year, before?.first_contact_year ?? null];
        if (years.some((y) => y !== null && closed.has(y)))
          problems.push(rowProblem(r.row, 'first_contact_year', 'problem.yearClosed'));
      }
      if (problems.length > 0) throw new RowsRefused(problems);

      const fresh: Insertable<DB['case_record']>[] = [];
      let updated = 0;
      for (const r of rows) {
        const before = r.id ? existing.get(r.id) : undefined;
        if (!before) {
          fresh.push({
            ...r.values,
            id: randomUUID(),
            centre_id: who.centreId,
            status: r.status,
            created_at: now,
            updated_at: now,
          });
          continue;
        }
        const keepRelease =
          before.released_at !== null && r.status === 'complete' && r.values.consent_statistics === true;
        await updateRecord(trx, before.id, { status: r.status, values: r.values, keepRelease, at: now });
        updated++;
      }
      await insertRecords(trx, fresh);
      await audit(
        trx,
        deps.auditKeys,
        {
          event: 'case_record.imported_done',
          actorId: who.actorId,
          centreId: who.centreId,
          objectType: 'centre',
          objectId: who.centreId,
          details: { records: rows.length, created: fresh.length, updated, format: sheet.format },
        },
        now,
      );
      return { kind: 'imported' as const, format: sheet.format, created: fresh.length, updated };
    });
  } catch (err) {
    if (err instanceof RowsRefused) return { kind: 'rows', format: sheet.format, problems: err.problems.sort(byPlace) };
    if (isClosedYearRefusal(err))
      return {
        kind: 'rows',
        format: sheet.format,
        problems: [rowProblem(1, 'first_contact_year', 'problem.yearClosed')],
      };
    throw err;
  }
}

/** Import records from CSV text (the benchmark's way in). */
export function importCsv(deps: ImportDeps, who: Importer, csv: string, now: Date): Promise<ImportOutcome> {
  return importRecords(deps, who, Buffer.from(csv, 'utf8'), now);
}
