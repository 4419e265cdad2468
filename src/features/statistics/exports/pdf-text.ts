/**
 * Reading back what a PDF of ours says, for tests: the page count and the
 * text drawn with the built-in fonts (pdfkit writes each line as hex
 * strings in TJ arrays, inside Flate-compressed content streams). Enough
 * to check our own reports, not a general PDF reader.
 */
import { inflateSync } from 'node:zlib';

/** Windows-1252's characters at 0x80–0x9f (Node's decoder may read them as Latin-1 control codes). */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function cp1252(byte: number): string {
  return byte >= 0x80 && byte <= 0x9f ? CP1252_HIGH[byte - 0x80]! : String.fromCharCode(byte);
}

/** How many pages the document has (one `/Type /Page` object each). */
export function pdfPageCount(pdf: Buffer): number {
  return (pdf.toString('latin1').match(/\/Type \/Page\b/g) ?? []).length;
}

/** The text of every TJ array, one line each, in the order drawn (Windows-1252 decoded). */
export function pdfTextLines(pdf: Buffer): string[] {
  const raw = pdf.toString('latin1');
  const lines: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n/g)) {
    const start = m.index + m[0].length;
    const end = raw.indexOf('endstream', start);
    if (end < 0) continue;
    let content: string;
    try {
      content = inflateSync(pdf.subarray(start, end)).toString('latin1');
    } catch {
      continue; // not a compressed content stream (e.g. an image or metadata)
    }
    for (const tj of content.matchAll(/\[([^\]]*)\] TJ/g)) {
      const hex = [...tj[1]!.matchAll(/<([0-9a-fA-F]*)>/g)].map((h) => h[1]).join('');
      lines.push((hex.match(/../g) ?? []).map((b) => cp1252(parseInt(b, 16))).join(''));
    }
  }
  return lines;
}
