/**
 * Tables in files: an uploaded CSV or XLSX file read into a header and rows
 * of text cells, and rows written out as CSV or XLSX. Nothing here knows
 * what a case record is (records.ts maps columns to fields).
 *
 * Reading is forgiving about what spreadsheet programs write (a byte-order
 * mark, `;` as the delimiter, numbers and booleans in XLSX cells) and strict
 * about everything else: a file that is neither UTF-8 text nor a ZIP
 * archive is refused as the wrong type, and an XLSX archive must pass the
 * unpacking limits (zip-guard.ts) before the spreadsheet library reads it.
 *
 * Writing protects whoever opens the file: in CSV a cell a spreadsheet
 * would run as a formula (starting with = + - @, a tab or CR) gets a leading
 * `'` (CSV injection), which reading takes off again; in XLSX every cell is
 * written as a typed string or number, which no spreadsheet runs.
 */
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { looksLikeZip, zipWithinLimits } from './zip-guard.ts';

/** How much an XLSX upload may unpack to, and into how many entries. */
const XLSX_LIMITS = { entries: 200, totalBytes: 64 * 1024 * 1024 };

type FileFormat = 'csv' | 'xlsx';

/** One row of cells, with its number as a spreadsheet program shows it (the header is row 1). */
type SheetRow = { row: number; cells: string[] };

export type Sheet = { format: FileFormat; header: string[]; rows: SheetRow[] };

/** Why a file could not be read as a table (before any row is looked at). */
export type SheetProblem = 'wrong_type' | 'unreadable' | 'empty' | 'too_many_rows';

export class SheetError extends Error {
  constructor(readonly problem: SheetProblem) {
    super(`file refused: ${problem}`);
    this.name = 'SheetError';
  }
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

const RISKY = /^[=+\-@\t\r]/;

/** A cell as text: trimmed, without the formula guard this module writes (see spreadsheetSafe). */
function clean(s: string): string {
  const t = s.replace(/^\uFEFF/, '').trim();
  return t.startsWith("'") && RISKY.test(t.slice(1)) ? t.slice(1) : t;
}

function readCsv(buf: Buffer, maxRows: number): Sheet {
  let text: string;
  try {
    text = utf8.decode(buf);
  } catch {
    throw new SheetError('wrong_type');
  }
  // Binary files that happen to be valid UTF-8 (or UTF-16 text) carry zero bytes; no CSV does.
  if (text.includes('\u0000')) throw new SheetError('wrong_type');
  const firstLine = text.replace(/^\uFEFF/, '').split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      delimiter,
      relax_column_count: true,
      // Kept, so that each record's place is the row number a spreadsheet shows.
      skip_empty_lines: false,
    });
  } catch {
    throw new SheetError('unreadable');
  }
  return toSheet(
    'csv',
    records.map((r, i) => ({ row: i + 1, cells: r.map(clean) })),
    maxRows,
  );
}

/** An XLSX cell's value as the text a person sees in it. */
function cellText(v: unknown): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return v;
  if (typeof v === 'number') return Number.isFinite(v) ? String(v) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; result?: unknown; text?: unknown; error?: unknown };
    if (Array.isArray(o.richText)) return o.richText.map((r) => r.text).join('');
    // A formula: what it showed when the file was saved (never evaluated here).
    if ('result' in o) return cellText(o.result);
    if (typeof o.text === 'string') return o.text;
  }
  return '';
}

async function readXlsx(buf: Buffer, maxRows: number): Promise<Sheet> {
  if (!zipWithinLimits(buf, XLSX_LIMITS)) throw new SheetError('unreadable');
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(buf as unknown as ArrayBuffer);
  } catch {
    throw new SheetError('unreadable');
  }
  const sheet = workbook.worksheets[0];
  // A ZIP archive without a worksheet is some other file packed as ZIP.
  if (!sheet) throw new SheetError('wrong_type');
  if (sheet.actualRowCount > maxRows + 1) throw new SheetError('too_many_rows');
  const rows: SheetRow[] = [];
  const width = sheet.columnCount;
  sheet.eachRow({ includeEmpty: true }, (row) => {
    const cells: string[] = [];
    for (let c = 1; c <= width; c++) cells.push(clean(cellText(row.getCell(c).value)));
    rows.push({ row: row.number, cells });
  });
  return toSheet('xlsx', rows, maxRows);
}

/**
 * The first row that has anything is the header; rows whose cells are all
 * empty are left out (spreadsheets leave them between and after the data).
 */
function toSheet(format: FileFormat, records: SheetRow[], maxRows: number): Sheet {
  const filled = records.filter((r) => r.cells.some((c) => c !== ''));
  const [first, ...rows] = filled;
  if (!first) throw new SheetError('empty');
  // Trailing empty header cells (a spreadsheet's formatted but unused columns) are not columns.
  const header = [...first.cells];
  while (header.length > 0 && header[header.length - 1] === '') header.pop();
  if (rows.length > maxRows) throw new SheetError('too_many_rows');
  return { format, header, rows };
}

/**
 * Read an uploaded file: a ZIP archive is taken as XLSX, UTF-8 text as CSV,
 * anything else is the wrong type (whatever its name or declared type said).
 */
export async function readSheet(buf: Buffer, maxRows: number): Promise<Sheet> {
  if (buf.length === 0) throw new SheetError('empty');
  return looksLikeZip(buf) ? readXlsx(buf, maxRows) : readCsv(buf, maxRows);
}

/** A cell that a spreadsheet would run as a formula, written so it is shown as text. */
export function spreadsheetSafe(cell: string): string {
  return RISKY.test(cell) ? `'${cell}` : cell;
}

/** Rows as CSV: UTF-8 with a byte-order mark (so spreadsheet programs read the umlauts), comma-separated. */
export function writeCsv(header: readonly string[], rows: readonly (readonly string[])[]): Buffer {
  const body = stringify(
    [header, ...rows].map((r) => r.map(spreadsheetSafe)),
    { record_delimiter: '\r\n' },
  );
  return Buffer.from(`\uFEFF${body}`, 'utf8');
}

/** Rows as an XLSX workbook with one sheet; numbers stay numbers, everything else is text, nothing a formula. */
export async function writeXlsx(
  sheetName: string,
  header: readonly string[],
  rows: readonly (readonly (string | number)[])[],
): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Schutznetz';
  const sheet = workbook.addWorksheet(sheetName);
  sheet.addRow([...header]);
  sheet.getRow(1).font = { bold: true };
  for (const r of rows) sheet.addRow([...r]);
  sheet.views = [{ state: 'frozen', ySplit: 1 }];
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
