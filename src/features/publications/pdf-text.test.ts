import { describe, expect, it } from 'vitest';
import { pdfText } from './pdf-text.ts';
import { makePdf } from './make-pdf.ts';

describe('PDF text', () => {
  it('reads German words with umlauts, ß and compounds', async () => {
    const pdf = await makePdf('Schutzkonzept für Frau Müller', [
      'Die Menschenhandelsberatung prüft die Unterbringung. Straße.',
    ]);
    const r = await pdfText(pdf);
    expect(r.status).toBe('read');
    expect(r.text).toContain('Schutzkonzept für Frau Müller');
    expect(r.text).toContain('Menschenhandelsberatung');
    expect(r.text).toContain('Straße');
  });

  it('says "none" for a PDF without text and "failed" for one it cannot read, without throwing', async () => {
    expect(await pdfText(await makePdf('', []))).toEqual({ status: 'none', text: '' });
    expect(await pdfText(Buffer.from('%PDF-1.7\nnothing else'))).toEqual({ status: 'failed', text: '' });
    expect(await pdfText(Buffer.from('not a pdf at all'))).toEqual({ status: 'failed', text: '' });
  });

  it('stops at its time limit', async () => {
    const pdf = await makePdf(
      'Lang',
      Array.from({ length: 50 }, (_, i) => `Absatz ${i}`),
    );
    const r = await pdfText(pdf, { timeMs: 0 });
    expect(r.status).toBe('failed');
  });
});
