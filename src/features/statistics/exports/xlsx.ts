/**
 * A publication as an Excel workbook (exceljs): a first sheet with what
 * the publication is (year, version, the marker and its legend, and while
 * its year is being corrected a notice that says so), then one sheet per
 * table laid out as on the page — title, note, the header row and a row
 * per category, the legend (and the notice) below. Counts are numbers; a secret cell holds the
 * marker as text (never blank) and is marked in the sheet's legend.
 * Every text cell is spreadsheet-safe, as in the CSV.
 *
 * exceljs is loaded only when a workbook is asked for, so a start of the
 * server does not pay for it.
 */
import { spreadsheetSafe } from '../../../platform/security/spreadsheet-safe.ts';
import type { Report, ReportTable } from '../report.ts';

/** Excel's limits on a sheet name: 31 characters, none of : \ / ? * [ ]. */
function sheetName(table: ReportTable, used: Set<string>): string {
  const base = table.id.replace(/[:\\/?*[\]]/g, '_').slice(0, 28) || 'table';
  let name = base;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${base}_${n}`;
  used.add(name.toLowerCase());
  return name;
}

export async function reportXlsx(report: Report, only?: readonly ReportTable[]): Promise<Buffer> {
  const { default: ExcelJS } = await import('exceljs');
  const wb = new ExcelJS.Workbook();
  wb.creator = report.generator;
  wb.title = report.title;
  // Fixed dates: the file says nothing about the moment someone downloaded it.
  wb.created = new Date(Date.UTC(report.year + 1, 0, 1));
  wb.modified = wb.created;

  const about = wb.addWorksheet(report.words.about.slice(0, 31));
  about.getColumn(1).width = 100;
  about.addRow([spreadsheetSafe(report.title)]).font = { bold: true, size: 14 };
  const correction = report.correction
    ? spreadsheetSafe(`${report.correction.label}: ${report.correction.text}`)
    : null;
  if (correction) about.addRow([correction]).font = { bold: true };
  for (const line of report.intro) about.addRow([spreadsheetSafe(line)]);
  about.addRow([]);
  about.addRow([spreadsheetSafe(`${report.marker} = ${report.legend}`)]);

  const used = new Set<string>([about.name.toLowerCase()]);
  for (const table of only ?? report.tables) {
    const ws = wb.addWorksheet(sheetName(table, used));
    ws.getColumn(1).width = 42;
    for (let c = 0; c < table.columns.length; c++) ws.getColumn(c + 2).width = 16;
    ws.addRow([spreadsheetSafe(table.title)]).font = { bold: true, size: 12 };
    ws.addRow([spreadsheetSafe(table.note)]);
    const header = ws.addRow([spreadsheetSafe(table.rowHeader), ...table.columns.map((c) => spreadsheetSafe(c.label))]);
    header.font = { bold: true };
    for (const row of table.rows) {
      const r = ws.addRow([
        spreadsheetSafe(row.label),
        ...row.cells.map((cell) => (cell.kind === 'value' ? cell.value : report.marker)),
      ]);
      for (let i = 0; i < row.cells.length; i++) r.getCell(i + 2).alignment = { horizontal: 'right' };
    }
    ws.addRow([]);
    ws.addRow([spreadsheetSafe(`${report.marker} = ${report.legend}`)]);
    if (correction) ws.addRow([correction]).font = { bold: true };
    ws.views = [{ state: 'frozen', ySplit: 3, xSplit: 1 }];
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
