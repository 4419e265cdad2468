/**
 * Real PDFs for the demo library and the tests, written with pdfkit: a title and
 * paragraphs in the standard Helvetica font (WinAnsi: German umlauts and ß
 * come out as text pdf.js reads back).
 */
import PDFDocument from 'pdfkit';

export async function makePdf(title: string, paragraphs: readonly string[]): Promise<Buffer> {
  const doc = new PDFDocument({ size: 'A4', margin: 56, info: { Title: title }, compress: true });
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise<void>((resolve, reject) => {
    doc.on('end', resolve);
    doc.on('error', reject);
  });
  doc.font('Helvetica-Bold').fontSize(18).text(title);
  doc.moveDown();
  doc.font('Helvetica').fontSize(11);
  for (const p of paragraphs) {
    doc.text(p);
    doc.moveDown(0.5);
  }
  doc.end();
  await done;
  return Buffer.concat(chunks);
}
