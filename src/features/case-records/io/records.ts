/**
 * Rows of a record file to records and back. Reading checks every row
 * exactly like the form (readAnswers in schema.ts: the vocabularies, the
 * questions that apply, the mandatory answers of a complete record) and
 * collects every problem with its row number, column and reason — nothing
 * is stored unless every row is right (import.ts).
 */
import { z } from 'zod';
import type { IssueMeaning } from '../../../platform/http/validation.ts';
import { messageRef } from '../../../platform/i18n/index.ts';
import type { CaseRecord, RecordStatus } from '../queries.ts';
import { readAnswers, VALUE_FIELDS, type RawAnswers, type RecordValues, type ValueField } from '../schema.ts';
import {
  EXPORT_COLUMNS,
  ID_COLUMN,
  IGNORED_COLUMNS,
  IMPORT_COLUMNS,
  kindOf,
  LIST_SEPARATOR,
  RELEASED_COLUMN,
  STATUS_COLUMN,
  YES_NO_FIELDS,
} from './columns.ts';
import type { Sheet } from './sheet.ts';

/** One problem of an import: where (spreadsheet row, column) and what, in a form any language can show. */
export type RowProblem = { row: number; column: string; meaning: IssueMeaning };

/** A row that passed: a new record (id null) or the answers for one of the centre's own. */
export type ImportedRow = { row: number; id: string | null; status: RecordStatus; values: RecordValues };

const problem = (row: number, column: string, key: string, values: Record<string, string> = {}): RowProblem => ({
  row,
  column,
  meaning: { ref: messageRef('caseRecordFiles', key as never), values },
});

const YES = new Set(['yes', 'ja', 'true', 'wahr', '1', 'y', 'j']);
const NO = new Set(['no', 'nein', 'false', 'falsch', '0', 'n', '']);

/**
 * Where each known column is, or the header's problems (unknown or repeated
 * columns, no status column): the file is then refused as a whole.
 */
function columnsOf(header: readonly string[]): { index: Map<string, number>; problems: RowProblem[] } {
  const index = new Map<string, number>();
  const problems: RowProblem[] = [];
  header.forEach((raw, i) => {
    const name = raw.trim().toLowerCase();
    if (name === '') return;
    if (!IMPORT_COLUMNS.includes(name) && !IGNORED_COLUMNS.includes(name))
      problems.push(problem(1, raw, 'problem.unknownColumn'));
    else if (index.has(name)) problems.push(problem(1, raw, 'problem.repeatedColumn'));
    else index.set(name, i);
  });
  if (!index.has(STATUS_COLUMN)) problems.push(problem(1, STATUS_COLUMN, 'problem.missingColumn'));
  return { index, problems };
}

const uuid = z.uuid();

/**
 * Read every row of `sheet`. `now` bounds the first contact (as in the
 * form). Returns the rows that passed and every problem; the caller stores
 * nothing when there is any problem.
 */
export function readRows(sheet: Sheet, now: Date): { rows: ImportedRow[]; problems: RowProblem[] } {
  const { index, problems } = columnsOf(sheet.header);
  if (problems.length > 0) return { rows: [], problems };
  const rows: ImportedRow[] = [];
  const ids = new Map<string, number>();
  for (const { row, cells } of sheet.rows) {
    const cell = (column: string) => {
      const i = index.get(column);
      return i === undefined ? '' : (cells[i] ?? '');
    };
    const before = problems.length;
    // Cells beyond the header have no column to belong to.
    if (cells.slice(sheet.header.length).some((c) => c !== ''))
      problems.push(problem(row, `${sheet.header.length + 1}`, 'problem.extraCell'));

    let id: string | null = null;
    const rawId = cell(ID_COLUMN);
    if (rawId !== '') {
      if (!uuid.safeParse(rawId).success) problems.push(problem(row, ID_COLUMN, 'problem.id'));
      else {
        id = rawId.toLowerCase();
        const first = ids.get(id);
        if (first !== undefined) problems.push(problem(row, ID_COLUMN, 'problem.repeatedId', { row: String(first) }));
        else ids.set(id, row);
      }
    }

    const rawStatus = cell(STATUS_COLUMN).toLowerCase();
    const status: RecordStatus | null = rawStatus === 'draft' || rawStatus === 'complete' ? rawStatus : null;
    if (status === null)
      problems.push(problem(row, STATUS_COLUMN, rawStatus === '' ? 'problem.statusMissing' : 'problem.status'));

    const raw: RawAnswers = {};
    for (const field of VALUE_FIELDS) {
      const value = cell(field);
      if ((YES_NO_FIELDS as readonly ValueField[]).includes(field)) {
        const v = value.toLowerCase();
        if (YES.has(v)) raw[field] = field === 'age_unknown' ? '1' : 'yes';
        else if (NO.has(v)) raw[field] = field === 'age_unknown' ? undefined : v === '' ? undefined : 'no';
        // The consent question's own check names a wrong answer; "age unknown" would take any text as yes.
        else if (field === 'consent_statistics') raw[field] = value;
        else problems.push(problem(row, field, 'problem.yesNo'));
      } else if (kindOf(field) === 'multi' || kindOf(field) === 'countries') {
        raw[field] = value.split(LIST_SEPARATOR).map((s) => s.trim());
      } else {
        raw[field] = value;
      }
    }
    const read = readAnswers(raw, { complete: status === 'complete', now });
    for (const p of read.problems) problems.push({ row, column: p.field, meaning: p.meaning });
    if (problems.length === before && status !== null) rows.push({ row, id, status, values: read.values });
  }
  return { rows, problems };
}

/** A stored answer as the file writes it (numbers stay numbers for XLSX). */
function cellOf(field: ValueField, value: RecordValues[ValueField]): string | number {
  if (value === null || value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (Array.isArray(value)) return value.join(LIST_SEPARATOR);
  if (typeof value === 'number') return value;
  return field === 'citizenship' ? String(value).trim() : String(value);
}

/** The day of a release, 'YYYY-MM-DD' (UTC, like every date the file holds). */
const day = (at: Date | null) => (at ? at.toISOString().slice(0, 10) : '');

/** One record as a row of EXPORT_COLUMNS. */
export function exportRow(r: CaseRecord): (string | number)[] {
  return EXPORT_COLUMNS.map((c) => {
    if (c === ID_COLUMN) return r.id;
    if (c === STATUS_COLUMN) return r.status;
    if (c === RELEASED_COLUMN) return day(r.released_at);
    const field = c as ValueField;
    return cellOf(field, r[field]);
  });
}
