import PDFDocument from 'pdfkit';
import { describe, expect, it } from 'vitest';
import { fileKindOf, mediaTypeOf } from './file-kind.ts';

async function pdf(): Promise<Buffer> {
  const doc = new PDFDocument();
  const chunks: Buffer[] = [];
  doc.on('data', (c: Buffer) => chunks.push(c));
  const done = new Promise((resolve) => doc.on('end', resolve));
  doc.text('Menschenhandel');
  doc.end();
  await done;
  return Buffer.concat(chunks);
}

// The smallest valid PNG: one transparent pixel.
const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);
const JPEG = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10, 0x4a, 0x46, 0x49, 0x46, 0x00, 0x01, 0x01, 0x00]);

describe('fileKindOf', () => {
  it('knows a PDF, a PNG and a JPEG by their bytes', async () => {
    expect(await fileKindOf(await pdf())).toBe('pdf');
    expect(await fileKindOf(PNG)).toBe('png');
    expect(await fileKindOf(JPEG)).toBe('jpeg');
    expect(mediaTypeOf('pdf')).toBe('application/pdf');
  });

  it('refuses what only claims to be one: text, a Word file, an SVG with script, nothing', async () => {
    expect(await fileKindOf(Buffer.from('Dies ist kein PDF, nur ein umbenannter Text.'))).toBeNull();
    // A DOCX is a ZIP container.
    expect(await fileKindOf(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0, 0, 0, 0]))).toBeNull();
    const svg = '<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>';
    expect(await fileKindOf(Buffer.from(svg))).toBeNull();
    expect(await fileKindOf(new Uint8Array(0))).toBeNull();
  });
});
