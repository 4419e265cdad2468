/**
 * Spreadsheet programs run a cell that starts with = + - @ (or a tab or CR)
 * as a formula: a text could then call out or change other cells on the
 * computer of whoever opens the file (CSV injection). Such cells, and cells
 * starting with the marker itself, are written with a leading `'`, which
 * import takes off again: the round trip stays lossless. Every CSV and XLSX
 * the platform writes goes through here (the directory, the statistics).
 */
const RISKY = /^[=+\-@\t\r']/;

export function spreadsheetSafe(cell: string): string {
  return RISKY.test(cell) ? `'${cell}` : cell;
}

export function fromSpreadsheetSafe(cell: string): string {
  return cell.startsWith("'") && RISKY.test(cell.slice(1)) ? cell.slice(1) : cell;
}
