/**
 * The public statistics pages and files over HTTP, on both databases:
 * only closed years' public publications are shown (never an internal one,
 * never a year that is open), secret cells are marked, the trend charts
 * are accessible SVG with their tables, the files parse back, every
 * download is audited without an actor or anything about the visitor, and
 * a year reopened for corrections is marked as such on the pages, in every
 * language, and in the files.
 */
import { parse } from 'csv-parse/sync';
import { XMLValidator } from 'fast-xml-parser';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { withScope } from '../../platform/db/tenant.ts';
import { localeInfo, translator, type Locale } from '../../platform/i18n/index.ts';
import { LOCALES } from '../../platform/i18n/locales.ts';
import { escapeText } from '../../platform/layout/markup.ts';
import { appForFile } from '../../../test/support/app.ts';
import { fakeClock } from '../../../test/support/auth.ts';
import { pdfPageCount, pdfTextLines } from './exports/pdf-text.ts';
import {
  addRecords,
  closeYear,
  demoCentreIds,
  openYear,
  publishAs,
  publishedTestYear,
  reopenYear,
  variedRecords,
} from './test-fixtures.ts';

const t = appForFile({}, { clock: fakeClock(new Date('2026-03-02T09:00:00Z')) });

beforeAll(async () => {
  // 2018 and 2020: public; 2019: internal only; 2023: open, with records but never published.
  await publishedTestYear(t.app, 2018);
  await publishedTestYear(t.app, 2019, { audience: 'internal' });
  await publishedTestYear(t.app, 2020, { perCentre: 60 });
  await openYear(t.app, 2023);
  for (const c of demoCentreIds(1, 4)) await addRecords(t.app, c, variedRecords(c, 2023, 40));
}, 180_000);

const get = (url: string, headers: Record<string, string> = {}) => t.app.inject({ method: 'GET', url, headers });

describe('the public statistics page', () => {
  it('lists the closed years with a public publication, and no other', async () => {
    const res = await get('/de/statistics');
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    const years = [...res.body.matchAll(/href="\/de\/statistics\/(\d{4})"/g)].map((m) => m[1]);
    expect(years).toEqual(['2020', '2018']);
    expect(res.body).not.toContain('/de/statistics/2019');
    expect(res.body).not.toContain('/de/statistics/2023');
  });

  it('publishing an open year is refused, so it never shows', async () => {
    expect(await publishAs(t.app, 2023, 'public')).toEqual({ kind: 'refused', reason: 'yearOpen' });
    expect((await get('/de/statistics/2023')).statusCode).toBe(404);
  });

  it('draws the headline and trend charts as accessible SVG with a table of the same years', async () => {
    const html = (await get('/de/statistics')).body;
    const svgs = [...html.matchAll(/<svg class="trend-chart"[\s\S]*?<\/svg>/g)].map((m) => m[0]);
    expect(svgs).toHaveLength(3);
    for (const svg of svgs) {
      expect(XMLValidator.validate(svg)).toBe(true);
      expect(svg).toMatch(/^<svg[^>]* role="img" aria-labelledby="([^"]+)" aria-describedby="([^"]+)"/);
      const [, title, desc] = /aria-labelledby="([^"]+)" aria-describedby="([^"]+)"/.exec(svg)!;
      expect(svg).toContain(`<title id="${title}">`);
      expect(svg).toContain(`<desc id="${desc}">`);
    }
    expect(html).toContain('Erstmals vor oder während des Asylverfahrens beraten');
    expect(html).not.toMatch(/\sstyle="/);
    // The headline's table: one row per published year, oldest first.
    const table = /<table class="trend-table">[\s\S]*?<\/table>/.exec(html)![0];
    expect([...table.matchAll(/<th scope="row">(\d{4})<\/th>/g)].map((m) => m[1])).toEqual(['2018', '2020']);
  });

  it('shows the headline numbers of the publication, the share only where both parts are published', async () => {
    const cells = await withScope(t.app.database.db, { kind: 'auth' }, (trx) =>
      trx
        .selectFrom('statistics_publication')
        .select('tables')
        .where('year', '=', 2020)
        .where('audience', '=', 'public')
        .executeTakeFirstOrThrow(),
    );
    const all = Object.assign({}, ...(cells.tables as { cells: Record<string, number | null> }[]).map((x) => x.cells));
    const before = all['asylum_context=before'] as number | null;
    const during = all['asylum_context=during'] as number | null;
    const html = (await get('/de/statistics')).body;
    const table = /<table class="trend-table">[\s\S]*?<\/table>/.exec(html)![0];
    const row = /<tr><th scope="row">2020<\/th>(.*?)<\/tr>/.exec(table)![1]!;
    const cellsOfRow = [...row.matchAll(/<td[^>]*>([^<]*)<\/td>/g)].map((m) => m[1]);
    expect(cellsOfRow[0]).toBe(before === null ? '[g]' : String(before));
    expect(cellsOfRow[1]).toBe(during === null ? '[g]' : String(during));
    if (before !== null && during !== null) expect(cellsOfRow[2]).toBe(String(before + during));
    else expect(cellsOfRow[2]).toBe('[g]');
  });

  it('serves other languages the German text with the note, and the page in English', async () => {
    const fr = await get('/fr/statistics');
    expect(fr.statusCode).toBe(200);
    expect(fr.body).toContain('class="fallback-note"');
    expect(fr.body).toContain('<div lang="de" dir="ltr">');
    const en = await get('/en/statistics');
    expect(en.body).toContain("The network's statistics");
    expect(en.body).not.toContain('class="fallback-note"');
  });
});

describe('the way to the statistics', () => {
  it('is a link in the footer of every public page, in every offered language', async () => {
    for (const lang of Object.keys(LOCALES) as Locale[]) {
      const label = escapeText(translator(lang, 'layout')('footer.statistics'));
      for (const path of ['/', '/safety', '/states', '/statistics/2018']) {
        const html = (await get(`/${lang}${path}`)).body;
        const footer = /<footer class="site-footer"[\s\S]*<\/footer>/.exec(html)?.[0] ?? '';
        expect(footer, `${lang}${path}`).toContain(`<a href="/${lang}/statistics">${label}</a>`);
      }
    }
  });
});

describe('a year of published tables', () => {
  it('shows every table of the latest public version, secret cells marked with the symbol, never blank', async () => {
    const res = await get('/de/statistics/2018');
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    const html = res.body;
    expect(html).toContain('<h1>Statistik 2018</h1>');
    expect(html).toContain('class="statistics printable"');
    expect(html).toMatch(
      /<td class="secret"><span aria-hidden="true">\[g\]<\/span><span class="visually-hidden">geheim gehalten<\/span><\/td>/,
    );
    expect(html).not.toMatch(/<td><\/td>/);
    expect(html).toContain('class="stat-legend"');
    for (const href of ['tables.csv', 'tables.xlsx', 'report.pdf'])
      expect(html).toContain(`/de/statistics/2018/${href}`);
  });

  it('is 404 for an internal-only year, an unpublished year and a malformed one', async () => {
    for (const y of ['2019', '2017', '20x9', '12345'])
      expect((await get(`/de/statistics/${y}`)).statusCode, y).toBe(404);
    for (const y of ['2019', '2017']) expect((await get(`/de/statistics/${y}/tables.csv`)).statusCode, y).toBe(404);
  });
});

describe('files of a published year', () => {
  async function downloads(): Promise<{ actor: string | null; details: unknown }[]> {
    return withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx
        .selectFrom('audit_log')
        .select(['actor_id as actor', 'details'])
        .where('event', '=', 'statistics.downloaded_done')
        .execute(),
    );
  }

  it('CSV: every cell once, secret ones marked, parses back', async () => {
    const res = await get('/de/statistics/2018/tables.csv');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toMatch(/^text\/csv/);
    expect(res.headers['content-disposition']).toBe('attachment; filename="schutznetz-statistik-2018-v1.csv"');
    expect(res.headers['set-cookie']).toBeUndefined();
    const rows = parse(res.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(100);
    const total = rows.find((r) => r.table_id === 'total')!;
    expect(total.status).toBe('published');
    expect(Number(total.value)).toBe(160);
    expect(rows.some((r) => r.status === 'suppressed' && r.value === '[g]')).toBe(true);
    for (const r of rows) expect(r.value === '[g]').toBe(r.status === 'suppressed');
    const one = parse((await get('/en/statistics/2018/tables.csv?table=gender')).body.replace(/^\uFEFF/, ''), {
      columns: true,
    }) as Record<string, string>[];
    expect(new Set(one.map((r) => r.table_id))).toEqual(new Set(['gender']));
    expect(one.find((r) => r.row_code === 'female')!.row).toBe('female');
  });

  it('refuses an unknown table with a 400 in the reader’s language', async () => {
    const res = await get('/de/statistics/2018/tables.csv?table=names');
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('stack');
    expect((await get('/de/statistics/2018/tables.csv?surprise=1')).statusCode).toBe(400);
  });

  it('XLSX: reads back with exceljs, numbers as numbers, markers as text', async () => {
    const res = await get('/en/statistics/2018/tables.xlsx');
    expect(res.statusCode).toBe(200);
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(res.rawPayload as unknown as ArrayBuffer);
    expect(wb.worksheets[0]!.name).toBe('About these statistics');
    const total = wb.getWorksheet('total')!;
    expect(total.getCell('B4').value).toBe(160);
    const values = wb.worksheets.slice(1).flatMap((ws) => {
      const out: unknown[] = [];
      ws.eachRow((r, n) => {
        if (n > 3) r.eachCell((c, col) => col > 1 && out.push(c.value));
      });
      return out;
    });
    expect(values).toContain('[c]');
    expect(
      values.every((v) => typeof v === 'number' || v === '[c]' || (typeof v === 'string' && v.startsWith('[c] ='))),
    ).toBe(true);
  });

  it('PDF: made on the server, with the title, the tables and page numbers', async () => {
    const res = await get('/de/statistics/2018/report.pdf');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
    const pdf = res.rawPayload;
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(1);
    const text = pdfTextLines(pdf);
    expect(text).toContain('Statistik 2018');
    expect(text).toContain('Geschlecht nach Alter');
    expect(text).toContain(`Statistik 2018 · Seite ${pages} von ${pages}`);
  });

  it('PDF: tagged, so a screen reader finds the headings and each table with its header cells', async () => {
    const pdf = (await get('/de/statistics/2018/report.pdf')).rawPayload.toString('latin1');
    const count = (re: RegExp) => (pdf.match(re) ?? []).length;
    const markInfo = /\/MarkInfo (\d+) 0 R/.exec(pdf)?.[1];
    expect(markInfo).toBeDefined();
    expect(pdf).toMatch(new RegExp(`\\n${markInfo} 0 obj\\s*<<\\s*/Marked true`));
    expect(pdf).toMatch(/\/StructTreeRoot \d+ 0 R/);
    expect(pdf).toMatch(/\/Lang \(de\)/);
    expect(count(/\/S \/H1\b/g)).toBe(1);
    // One heading and one table per table the year's page shows.
    const tables = count(/\/S \/Table\b/g);
    const page = (await get('/de/statistics/2018')).body;
    expect(tables).toBe((page.match(/class="stat-table"/g) ?? []).length);
    expect(tables).toBeGreaterThan(20);
    expect(count(/\/S \/H2\b/g)).toBe(tables);
    // Every row has a header cell (the column headers, then each row's label), and counts are data cells.
    expect(count(/\/S \/TH\b/g)).toBeGreaterThanOrEqual(count(/\/S \/TR\b/g));
    expect(count(/\/S \/TD\b/g)).toBeGreaterThan(tables);
    // Page numbers and rules are artifacts, not read out as content.
    expect(pdfTextLines(Buffer.from(pdf, 'latin1'))).toContain('Statistik 2018');
  });

  it('every download is audited on the network chain, without an actor or an address', async () => {
    const rows = await downloads();
    expect(rows.length).toBeGreaterThanOrEqual(3);
    for (const r of rows) {
      expect(r.actor).toBeNull();
      expect(JSON.stringify(r.details)).not.toMatch(/\d+\.\d+\.\d+\.\d+|127|::1|user-agent/i);
    }
    const chains = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      sql<{ chain: string }>`SELECT DISTINCT chain FROM audit_log WHERE event = 'statistics.downloaded_done'`.execute(
        trx,
      ),
    );
    expect(chains.rows.map((r) => r.chain)).toEqual(['network']);
  });
});

describe('a year published again after a reopening', () => {
  it('shows the newest version, protected against the earlier one', async () => {
    await closeYear(t.app, 2023);
    const first = await publishAs(t.app, 2023, 'public');
    expect(first.kind).toBe('published');
    await reopenYear(t.app, 2023);
    const c = demoCentreIds(1, 1)[0]!;
    await addRecords(t.app, c, variedRecords(c, 2023, 3, 11));
    await closeYear(t.app, 2023);
    const second = await publishAs(t.app, 2023, 'public');
    expect(second).toMatchObject({ kind: 'published', version: 2 });
    const cellsOf = async (version: number) => {
      const r = await withScope(t.app.database.db, { kind: 'auth' }, (trx) =>
        trx
          .selectFrom('statistics_publication')
          .select('tables')
          .where('year', '=', 2023)
          .where('version', '=', version)
          .executeTakeFirstOrThrow(),
      );
      return Object.assign(
        {},
        ...(r.tables as { cells: Record<string, number | null> }[]).map((x) => x.cells),
      ) as Record<string, number | null>;
    };
    const v1 = await cellsOf(1);
    const v2 = await cellsOf(2);
    // What was kept secret in version 1 stays secret in version 2 (carried), unless it is published unchanged.
    for (const [k, v] of Object.entries(v1)) if (v === null) expect(v2[k], k).toBeNull();
    const html = (await get('/de/statistics/2023')).body;
    expect(html).toContain('Fassung 2');
    expect(html).toContain('/de/statistics/2023/report.pdf');
  });
});

describe('a published year reopened for corrections', () => {
  const notice = (lang: Locale) => translator(lang, 'statisticsNotice');

  it('the anonymous scope reads the status of years with a public version only, and changes none', async () => {
    await publishedTestYear(t.app, 2014);
    await publishedTestYear(t.app, 2015, { audience: 'internal' });
    await openYear(t.app, 2016);
    const seen = await withScope(t.app.database.db, { kind: 'auth' }, async (trx) => ({
      years: (
        await trx.selectFrom('reporting_year').select('year').where('year', 'in', [2014, 2015, 2016]).execute()
      ).map((r) => r.year),
      updated: Number(
        (await trx.updateTable('reporting_year').set({ status: 'open' }).where('year', '=', 2014).executeTakeFirst())
          .numUpdatedRows,
      ),
    }));
    expect(seen).toEqual({ years: [2014], updated: 0 });
    await expect(
      withScope(t.app.database.db, { kind: 'auth' }, (trx) =>
        trx
          .insertInto('reporting_year')
          .values({ year: 2013, status: 'open', release_deadline: '2014-03-31', opened_at: new Date() })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('stays on the pages with its figures as published, marked as being corrected', async () => {
    await publishedTestYear(t.app, 2017);
    const closedPage = (await get('/de/statistics/2017')).body;
    expect(closedPage).not.toContain(notice('de')('reopened.label'));
    await reopenYear(t.app, 2017);

    const year = await get('/de/statistics/2017');
    expect(year.statusCode).toBe(200);
    // Right under the heading, before the tables, in a note.
    const html = year.body;
    const at = html.indexOf('<h1>Statistik 2017</h1>');
    const box =
      /<div class="notice warn" role="note" lang="de" dir="ltr"><p><strong>([^<]+)<\/strong><\/p><p>([^<]+)<\/p><\/div>/.exec(
        html,
      );
    expect(box).not.toBeNull();
    expect(box!.index).toBeGreaterThan(at);
    expect(box!.index).toBeLessThan(html.indexOf('class="stat-table"'));
    expect(box![1]).toBe('Wird korrigiert');
    expect(box![2]).toBe(
      escapeText(
        'Dies sind die Zahlen für 2017, wie sie am 2. März 2026 um 10:00 veröffentlicht wurden. Das Jahr ist zur Korrektur wieder geöffnet; neue Zahlen folgen, sobald es wieder abgeschlossen ist.',
      ),
    );
    // The figures are still the published ones.
    expect(html).toContain('/de/statistics/2017/tables.csv');

    // The overview: the note at the top, the year marked in the list; other years are not.
    const overview = (await get('/de/statistics')).body;
    expect(overview).toContain('Dies sind die Zahlen für 2017');
    expect(overview).toMatch(
      /href="\/de\/statistics\/2017">2017<\/a>[^<]*<span class="stat-note">[^<]*<\/span> – <strong lang="de" dir="ltr">Wird korrigiert<\/strong>/,
    );
    expect(overview).not.toContain('Dies sind die Zahlen für 2018');
    expect((await get('/de/statistics/2018')).body).not.toContain('Wird korrigiert');
  });

  it('says so in every offered language, in the reader’s own language inside the German page', async () => {
    for (const lang of Object.keys(LOCALES) as Locale[]) {
      const info = localeInfo(lang);
      for (const url of [`/${lang}/statistics/2017`, `/${lang}/statistics`]) {
        const res = await get(url);
        expect(res.statusCode, url).toBe(200);
        const label = escapeText(notice(lang)('reopened.label'));
        expect(res.body, url).toContain(`lang="${info.htmlLang}" dir="${info.dir}"`);
        expect(res.body, url).toContain(label);
      }
      const text = (await get(`/${lang}/statistics/2017`)).body;
      expect(text, lang).toContain(escapeText(notice(lang)('reopened.text', { year: 2017, date: '§' })).split('§')[0]!);
    }
  });

  it('marks the files: CSV, XLSX and PDF', async () => {
    const csv = await get('/de/statistics/2017/tables.csv');
    const rows = parse(csv.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
    expect(rows.length).toBeGreaterThan(100);
    for (const r of rows) {
      expect(r.year_status).toBe('reopened');
      expect(r.year_note).toMatch(/^Dies sind die Zahlen für 2017, wie sie am 2\. März 2026/);
    }
    const closed = parse((await get('/de/statistics/2018/tables.csv')).body.replace(/^\uFEFF/, ''), {
      columns: true,
    }) as Record<string, string>[];
    for (const r of closed) expect([r.year_status, r.year_note]).toEqual(['closed', '']);

    const xlsx = await get('/en/statistics/2017/tables.xlsx');
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    const about = wb.worksheets[0]!;
    expect(about.getCell('A2').value).toMatch(/^Being corrected: These are the figures for 2017 as published on/);
    const gender = wb.getWorksheet('gender')!;
    const last = gender.getRow(gender.rowCount).getCell(1).value;
    expect(last).toMatch(/^Being corrected: /);

    const pdf = pdfTextLines((await get('/de/statistics/2017/report.pdf')).rawPayload);
    expect(pdf).toContain('Wird korrigiert');
    const words = pdf.join(' ').replace(/\s+/g, ' ');
    // On the first page, before what was counted.
    expect(words.indexOf('Das Jahr ist zur Korrektur wieder geöffnet')).toBeGreaterThan(0);
    expect(words.indexOf('Das Jahr ist zur Korrektur wieder geöffnet')).toBeLessThan(words.indexOf('Gezählt sind'));
  });

  it('is no longer marked once the year is closed again', async () => {
    await closeYear(t.app, 2017);
    expect((await get('/de/statistics/2017')).body).not.toContain('Wird korrigiert');
    expect((await get('/de/statistics')).body).not.toContain('Wird korrigiert');
    const rows = parse((await get('/de/statistics/2017/tables.csv')).body.replace(/^\uFEFF/, ''), {
      columns: true,
    }) as Record<string, string>[];
    expect(new Set(rows.map((r) => r.year_status))).toEqual(new Set(['closed']));
  });
});
