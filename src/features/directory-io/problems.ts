/** What an import reports: every problem of every row, and notes about what it changed on the way. */

export type ImportFormat = 'csv' | 'hsds';

/**
 * One problem. `row` is what a person looks for: for CSV the spreadsheet row
 * (the header is row 1, the first service row 2; row 1 itself for header
 * problems), for HSDS JSON the position of the service in the array (from 1;
 * 0 for problems with the file as a whole).
 */
export type ImportProblem = { row: number; field: string; reason: string };

/** A change the import made to make a row safe or complete (not an error). */
export type ImportNote = { row: number; field: string; note: string };

const unit = (format: ImportFormat) => (format === 'csv' ? 'row' : 'item');

/** "row 7, postal_code: 99999 is not a German postcode" */
export function formatProblem(p: ImportProblem, format: ImportFormat): string {
  return `${unit(format)} ${p.row}, ${p.field}: ${p.reason}`;
}

/** "row 4, address_1: dropped: the address is protected" */
export function formatNote(n: ImportNote, format: ImportFormat): string {
  return `${unit(format)} ${n.row}, ${n.field}: ${n.note}`;
}

/** Problems in reading order: by row, then field. */
export function sortProblems<T extends { row: number; field: string }>(list: T[]): T[] {
  return [...list].sort((a, b) => a.row - b.row || a.field.localeCompare(b.field));
}
