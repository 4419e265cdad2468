/**
 * `schutznetz i18n …` through the command line itself, on the project's own
 * catalogues (the workflow's rules are tested on fixtures in
 * src/platform/i18n/xliff.test.ts).
 */
import { describe, expect, it } from 'vitest';
import { runCollecting } from '../test-support.ts';

const cli = (...argv: string[]) => runCollecting(['i18n', ...argv], { env: {}, cwd: process.cwd() });

describe('schutznetz i18n', () => {
  it('is listed in the help', async () => {
    const help = await cli('--help');
    expect(help.out).toContain('i18n export');
    expect(help.out).toContain('i18n stamp');
  });

  it('reports every offered language, English as written by the project', async () => {
    const r = await cli('report');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^en English: written by the project\n {2}\d+ units, 0 missing\n/m);
  });

  it('exports a language as XLIFF 2.0 from German, and refuses German itself', async () => {
    const r = await cli('export', 'en');
    expect(r.code).toBe(0);
    expect(r.out).toContain('srcLang="de" trgLang="en"');
    expect(r.out).toMatch(/<unit id="layout:quickExit" sn:source="[0-9a-f]{8}">\s*<segment state="reviewed">/);
    const de = await cli('export', 'de');
    expect(de.code).toBe(2);
    expect(de.err).toContain('German is the source language');
  });
});
