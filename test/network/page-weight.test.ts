/**
 * The first-visit budget of the network's own public pages (ADR 039–042):
 * the news, the office's pages, the library, the recommendations and the
 * projects, each fetched with everything it references as a browser with an
 * empty cache would (bench/page-weight.ts), in German and in a language
 * these pages show in German (their words fall back, the frame does not).
 * The same budget as the help pages: ≤ 14 KB of HTML as it travels, 30 KB
 * in all, nothing from another origin.
 */
import { describe, expect, it } from 'vitest';
import { pageWeight } from '../../bench/page-weight.ts';
import { appForFile } from '../support/app.ts';

const t = appForFile();

const HTML_BYTES = 14_000;
const TOTAL_BYTES = 30_000;

const PAGES = [
  'news',
  'news/feed.atom',
  'imprint',
  'contact',
  'support',
  'network',
  'funders',
  'publications',
  'publications?q=Menschenhandel',
  'publications/dossier-gefluechtete-frauen-und-minderjaehrige',
  'recommendations',
  'recommendations/frueherkennung-in-aufnahmeeinrichtungen',
  'projects',
  'projects/flucht-und-menschenhandel',
  'news/fachtag-arbeitsausbeutung',
];

describe('first-visit weight of the network’s pages', () => {
  it('stays within 14 KB of HTML and 30 KB in all, with nothing from another origin', async () => {
    const address = await t.app.listen({ port: 0, host: '127.0.0.1' });
    const over: string[] = [];
    const rows: string[] = [];
    for (const lang of ['de', 'en', 'ar']) {
      for (const page of PAGES) {
        const path = `/${lang}/${page}`;
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
