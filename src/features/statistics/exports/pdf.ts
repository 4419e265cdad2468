/**
 * The yearly data report as a PDF, made on the server without a browser
 * (pdfkit, with its built-in Helvetica: no font file to ship, no system
 * font to find). The same content as the printable page: title, while the
 * year is being corrected the notice that says so, what was counted and
 * how it was protected, the legend, then every table with its
 * note — a header row repeated on each page a table runs onto, secret
 * cells as the marker, page numbers at the foot of every page.
 *
 * Helvetica covers Windows-1252 (German and English with their quotes and
 * dashes); anything else is replaced by "?" rather than drawn as garbage —
 * the report exists in German and English only.
 *
 * pdfkit is loaded only when a PDF is asked for.
 */
import { cellText, type Report, type ReportTable } from '../report.ts';

/** The characters beyond Latin-1 that Windows-1252 (and so Helvetica here) has. */
const CP1252_EXTRA = new Set('€‚ƒ„…†‡ˆ‰Š‹ŒŽ‘’“”•–—˜™š›œžŸ');

/** `text` with every character Helvetica cannot draw replaced by "?" (and no control characters). */
export function winAnsi(text: string): string {
  let out = '';
  for (const ch of text) {
    const code = ch.codePointAt(0)!;
    if (code === 0x09 || code === 0x0a) out += ' ';
    else if ((code >= 0x20 && code < 0x7f) || (code >= 0xa0 && code <= 0xff) || CP1252_EXTRA.has(ch)) out += ch;
    else out += '?';
  }
  return out;
}

const INK = '#1b1b1b';
const MUTED = '#4a4a4a';
const LINE = '#8a8a8a';
const MARGIN = 50;

type Doc = PDFKit.PDFDocument;

export async function reportPdf(report: Report, lang: string): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang,
    displayTitle: true,
    info: {
      Title: winAnsi(report.title),
      Author: winAnsi(report.generator),
      Creator: winAnsi(report.generator),
      // Fixed: the file says nothing about the moment someone downloaded it.
      CreationDate: new Date(Date.UTC(report.year + 1, 0, 1)),
    },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });

  doc.fillColor(INK).font('Helvetica-Bold').fontSize(18).text(winAnsi(report.title));
  doc.moveDown(0.5);
  if (report.correction) {
    doc.font('Helvetica-Bold').fontSize(11).text(winAnsi(report.correction.label));
    doc.font('Helvetica').fontSize(10).text(winAnsi(report.correction.text)).moveDown(0.5);
  }
  doc.font('Helvetica').fontSize(10);
  for (const line of report.intro) doc.text(winAnsi(line)).moveDown(0.3);
  doc.moveDown(0.3);
  doc.font('Helvetica-Bold').text(winAnsi(report.marker), { continued: true });
  doc.font('Helvetica').text(winAnsi(` = ${report.legend}`));

  for (const table of report.tables) drawTable(doc, report, table);

  // Page numbers once the page count is known (bufferPages), inside the bottom margin.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    doc
      .font('Helvetica')
      .fontSize(8)
      .fillColor(MUTED)
      .text(winAnsi(`${report.title} · ${report.words.page(i + 1, range.count)}`), MARGIN, doc.page.height - 30, {
        width: doc.page.width - 2 * MARGIN,
        align: 'center',
        lineBreak: false,
      });
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function drawTable(doc: Doc, report: Report, table: ReportTable): void {
  const width = doc.page.width - 2 * MARGIN;
  const many = table.columns.length > 5;
  const size = many ? 7.5 : 9;
  const labelWidth = Math.max(110, Math.min(200, width - table.columns.length * (many ? 48 : 62)));
  const colWidth = (width - labelWidth) / Math.max(1, table.columns.length);
  const pad = 3;

  // A table's heading never stands alone at the foot of a page.
  if (doc.y > doc.page.height - MARGIN - 120) doc.addPage();
  doc.moveDown(1);
  doc.fillColor(INK).font('Helvetica-Bold').fontSize(12).text(winAnsi(table.title), MARGIN);
  doc.fillColor(MUTED).font('Helvetica').fontSize(8.5).text(winAnsi(table.note), MARGIN, doc.y, { width });
  doc.moveDown(0.4);

  const rowHeight = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
    const label = doc.heightOfString(cells[0] ?? '', { width: labelWidth - 2 * pad });
    const rest = cells.slice(1).map((c) => doc.heightOfString(c, { width: colWidth - 2 * pad }));
    return Math.max(label, ...rest) + 2 * pad;
  };
  const drawRow = (cells: string[], bold: boolean) => {
    const h = rowHeight(cells, bold);
    if (doc.y + h > doc.page.height - MARGIN) {
      doc.addPage();
      if (!bold) drawRow(header, true);
    }
    const y = doc.y;
    doc
      .fillColor(INK)
      .font(bold ? 'Helvetica-Bold' : 'Helvetica')
      .fontSize(size);
    doc.text(cells[0] ?? '', MARGIN + pad, y + pad, { width: labelWidth - 2 * pad });
    cells.slice(1).forEach((c, i) => {
      doc.text(c, MARGIN + labelWidth + i * colWidth + pad, y + pad, { width: colWidth - 2 * pad, align: 'right' });
    });
    doc
      .moveTo(MARGIN, y + h)
      .lineTo(MARGIN + width, y + h)
      .lineWidth(bold ? 0.8 : 0.3)
      .strokeColor(LINE)
      .stroke();
    doc.x = MARGIN;
    doc.y = y + h;
  };

  const header = [table.rowHeader, ...table.columns.map((c) => c.label)].map(winAnsi);
  drawRow(header, true);
  for (const row of table.rows) {
    drawRow([row.label, ...row.cells.map((c) => cellText(report, c))].map(winAnsi), false);
  }
  doc.x = MARGIN;
}
