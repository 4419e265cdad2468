/**
 * A publication as CSV: one line per cell, in "long" form, so every table
 * of the catalogue fits one file and a program can filter by table id.
 * Header names are stable codes; labels are in the reader's language. A
 * secret cell carries the marker in `value` and `suppressed` in `status`:
 * never blank, never a number. `year_status` is `reopened` while the year
 * is being corrected (these are the figures as published; `year_note`
 * says so in words), else `closed`. UTF-8 with a byte-order mark so
 * spreadsheets read umlauts; every text cell is spreadsheet-safe (a cell
 * starting with = + - @ is not run as a formula).
 */
import { stringify } from 'csv-stringify/sync';
import { spreadsheetSafe } from '../../../platform/security/spreadsheet-safe.ts';
import { cellText, type Report, type ReportTable } from '../report.ts';

export const CSV_COLUMNS = [
  'year',
  'version',
  'table_id',
  'table',
  'row_code',
  'row',
  'column_code',
  'column',
  'value',
  'status',
  'year_status',
  'year_note',
] as const;

export function reportCsv(report: Report, only?: readonly ReportTable[]): string {
  const records: (string | number)[][] = [];
  const yearStatus = report.correction ? 'reopened' : 'closed';
  const yearNote = spreadsheetSafe(report.correction?.text ?? '');
  for (const table of only ?? report.tables) {
    for (const row of table.rows) {
      row.cells.forEach((cell, i) => {
        const column = table.columns[i];
        if (!column) return;
        records.push([
          report.year,
          report.version,
          table.id,
          spreadsheetSafe(table.title),
          spreadsheetSafe(row.code),
          spreadsheetSafe(row.label),
          spreadsheetSafe(column.code),
          spreadsheetSafe(column.label),
          // Plain digits for a program; the marker for a secret value.
          cell.kind === 'value' ? cell.value : spreadsheetSafe(cellText(report, cell)),
          cell.kind === 'value' ? 'published' : 'suppressed',
          yearStatus,
          yearNote,
        ]);
      });
    }
  }
  return stringify(records, { header: true, columns: [...CSV_COLUMNS], bom: true, record_delimiter: 'windows' });
}
