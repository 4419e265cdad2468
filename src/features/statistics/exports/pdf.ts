/**
 * The yearly data report as a PDF, made on the server without a browser
 * (pdfkit, with its built-in Helvetica: no font file to ship, no system
 * font to find). The same content as the printable page: title, while the
 * year is being corrected the notice that says so, what was counted and
 * how it was protected, the legend, then every table with its
 * note — a header row repeated on each page a table runs onto, secret
 * cells as the marker, page numbers at the foot of every page.
 *
 * A tagged PDF (PDF/UA's structure, WCAG 1.3.1 for documents): headings,
 * paragraphs and tables with header cells are structure elements a screen
 * reader walks in reading order; rules, page numbers and the header rows
 * repeated on later pages are artifacts it skips.
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
type Struct = PDFKit.PDFStructureElement;

/** Draw something that is no content (a rule, a page number, a repeated header) as an artifact. */
function artifact(doc: Doc, type: 'Pagination' | 'Layout', draw: () => void): void {
  doc.markContent('Artifact', { type });
  draw();
  doc.endMarkedContent();
}

export async function reportPdf(report: Report, lang: string): Promise<Buffer> {
  const { default: PDFDocument } = await import('pdfkit');
  const doc: Doc = new PDFDocument({
    size: 'A4',
    margin: MARGIN,
    bufferPages: true,
    lang,
    displayTitle: true,
    tagged: true,
    pdfVersion: '1.7',
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

  const root = doc.struct('Document');
  doc.addStructure(root);
  const add = (tag: string, draw: () => void) => root.add(doc.struct(tag, {}, draw));

  add('H1', () => doc.fillColor(INK).font('Helvetica-Bold').fontSize(18).text(winAnsi(report.title)));
  doc.moveDown(0.5);
  if (report.correction) {
    const { label, text } = report.correction;
    add('P', () => {
      doc.font('Helvetica-Bold').fontSize(11).text(winAnsi(label));
      doc.font('Helvetica').fontSize(10).text(winAnsi(text));
    });
    doc.moveDown(0.5);
  }
  doc.font('Helvetica').fontSize(10);
  for (const line of report.intro) {
    add('P', () => doc.text(winAnsi(line)));
    doc.moveDown(0.3);
  }
  doc.moveDown(0.3);
  add('P', () => {
    doc.font('Helvetica-Bold').text(winAnsi(report.marker), { continued: true });
    doc.font('Helvetica').text(winAnsi(` = ${report.legend}`));
  });

  for (const table of report.tables) drawTable(doc, root, report, table);
  root.end();

  // Page numbers once the page count is known (bufferPages), inside the bottom margin.
  const range = doc.bufferedPageRange();
  for (let i = range.start; i < range.start + range.count; i++) {
    doc.switchToPage(i);
    const bottom = doc.page.margins.bottom;
    doc.page.margins.bottom = 0;
    artifact(doc, 'Pagination', () =>
      doc
        .font('Helvetica')
        .fontSize(8)
        .fillColor(MUTED)
        .text(winAnsi(`${report.title} · ${report.words.page(i + 1, range.count)}`), MARGIN, doc.page.height - 30, {
          width: doc.page.width - 2 * MARGIN,
          align: 'center',
          lineBreak: false,
        }),
    );
    doc.page.margins.bottom = bottom;
  }
  doc.end();
  return done;
}

function drawTable(doc: Doc, root: Struct, report: Report, table: ReportTable): void {
  const width = doc.page.width - 2 * MARGIN;
  const many = table.columns.length > 5;
  const size = many ? 7.5 : 9;
  const labelWidth = Math.max(110, Math.min(200, width - table.columns.length * (many ? 48 : 62)));
  const colWidth = (width - labelWidth) / Math.max(1, table.columns.length);
  const pad = 3;

  // A table's heading never stands alone at the foot of a page.
  if (doc.y > doc.page.height - MARGIN - 120) doc.addPage();
  doc.moveDown(1);
  root.add(
    doc.struct('H2', {}, () =>
      doc.fillColor(INK).font('Helvetica-Bold').fontSize(12).text(winAnsi(table.title), MARGIN),
    ),
  );
  root.add(
    doc.struct('P', {}, () =>
      doc.fillColor(MUTED).font('Helvetica').fontSize(8.5).text(winAnsi(table.note), MARGIN, doc.y, { width }),
    ),
  );
  doc.moveDown(0.4);
  const tableStruct = doc.struct('Table');
  root.add(tableStruct);

  const rowHeight = (cells: string[], bold: boolean) => {
    doc.font(bold ? 'Helvetica-Bold' : 'Helvetica').fontSize(size);
    const label = doc.heightOfString(cells[0] ?? '', { width: labelWidth - 2 * pad });
    const rest = cells.slice(1).map((c) => doc.heightOfString(c, { width: colWidth - 2 * pad }));
    return Math.max(label, ...rest) + 2 * pad;
  };
  // `repeated`: the header row again at the top of a later page — an artifact, the table has it once.
  const drawRow = (cells: string[], bold: boolean, repeated = false) => {
    const h = rowHeight(cells, bold);
    if (doc.y + h > doc.page.height - MARGIN) {
      doc.addPage();
      if (!bold) drawRow(header, true, true);
    }
    const y = doc.y;
    const cell = (text: string, i: number) => () => {
      doc
        .fillColor(INK)
        .font(bold ? 'Helvetica-Bold' : 'Helvetica')
        .fontSize(size);
      if (i === 0) doc.text(text, MARGIN + pad, y + pad, { width: labelWidth - 2 * pad });
      else
        doc.text(text, MARGIN + labelWidth + (i - 1) * colWidth + pad, y + pad, {
          width: colWidth - 2 * pad,
          align: 'right',
        });
    };
    if (repeated) artifact(doc, 'Pagination', () => cells.forEach((c, i) => cell(c, i)()));
    else {
      // The column headers and each row's label are header cells; the counts are data cells.
      const tr = doc.struct('TR');
      tableStruct.add(tr);
      cells.forEach((c, i) => tr.add(doc.struct(bold || i === 0 ? 'TH' : 'TD', {}, cell(c, i))));
      tr.end();
    }
    artifact(doc, 'Layout', () =>
      doc
        .moveTo(MARGIN, y + h)
        .lineTo(MARGIN + width, y + h)
        .lineWidth(bold ? 0.8 : 0.3)
        .strokeColor(LINE)
        .stroke(),
    );
    doc.x = MARGIN;
    doc.y = y + h;
  };

  const header = [table.rowHeader, ...table.columns.map((c) => c.label)].map(winAnsi);
  drawRow(header, true);
  for (const row of table.rows) {
    drawRow([row.label, ...row.cells.map((c) => cellText(report, c))].map(winAnsi), false);
  }
  tableStruct.end();
  doc.x = MARGIN;
}
