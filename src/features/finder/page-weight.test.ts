/**
 * The first-visit budget in every offered language: a result page, the home
 * page, a centre page and the safety page, fetched with everything they
 * reference as a browser with an empty cache would (bench/page-weight.ts),
 * stay within one round trip for the HTML (≤ 14 KB as it travels) and 30 KB
 * in all. The language picker lists every language on every page, and
 * translations differ in length, so the budget is checked per language.
 */
import { describe, expect, it } from 'vitest';
import { pageWeight } from '../../../bench/page-weight.ts';
import { appForFile } from '../../../test/support/app.ts';
import { LOCALES } from '../../platform/i18n/locales.ts';
import { DEMO_NAMESPACE } from '../demo/entries.ts';
import { derivedId } from '../directory/derived-id.ts';

const t = appForFile();

/** The demo centre in Leipzig. */
const LEIPZIG_ID = derivedId(DEMO_NAMESPACE, 'service:leipzig');

const HTML_BYTES = 14_000;
const TOTAL_BYTES = 30_000;

describe('first-visit weight in every language', () => {
  it('stays within 14 KB of HTML and 30 KB in all, in each of the languages', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const over: string[] = [];
    const rows: string[] = [];
    for (const lang of Object.keys(LOCALES)) {
      for (const path of [
        `/${lang}/search?q=10115`,
        `/${lang}/`,
        `/${lang}/centres/${LEIPZIG_ID}`,
        `/${lang}/safety`,
      ]) {
        const w = await pageWeight(address, path, 'demo');
        expect(w.transfers[0]?.status, path).toBe(200);
        expect(w.foreign, path).toEqual([]);
        rows.push(`${path}: HTML ${w.htmlBytes} B, total ${w.totalBytes} B`);
        if (w.htmlBytes > HTML_BYTES || w.totalBytes > TOTAL_BYTES)
          over.push(`${path}: HTML ${w.htmlBytes} B, total ${w.totalBytes} B`);
      }
    }
    expect(over, `over the first-visit budget:\n${over.join('\n')}\n\nall:\n${rows.join('\n')}`).toEqual([]);
  });
});
