import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import type { Report } from '../report.ts';
import { CSV_COLUMNS, reportCsv } from './csv.ts';
import { reportPdf, winAnsi } from './pdf.ts';
import { pdfPageCount, pdfTextLines } from './pdf-text.ts';
import { reportXlsx } from './xlsx.ts';

const de = new Intl.NumberFormat('de-DE');

function sampleReport(rows = 3): Report {
  return {
    year: 2024,
    audience: 'public',
    version: 2,
    title: 'Statistik 2024',
    intro: ['Gezählt: beratene Personen mit Einwilligung.', 'Geschützt: Schwelle 10, „mindestens drei Stellen“.'],
    marker: '[g]',
    legend: 'geheim gehalten',
    format: (n) => de.format(n),
    words: {
      about: 'Über diese Statistik',
      page: (p, n) => `Seite ${p} von ${n}`,
    },
    generator: 'Schutznetz',
    tables: [
      {
        id: 'gender',
        title: 'Geschlecht',
        note: 'Je Person eine Angabe.',
        rowHeader: 'Geschlecht',
        columns: [{ code: 'n', label: 'Anzahl' }],
        rows: [
          { code: 'female', label: 'weiblich', cells: [{ kind: 'value', value: 1234 }] },
          { code: 'male', label: 'männlich', cells: [{ kind: 'secret' }] },
          { code: 'unknown', label: '=HYPERLINK("x")', cells: [{ kind: 'secret' }] },
        ],
      },
      {
        id: 'form_by_stage',
        title: 'Ausbeutungsform × Asylverfahren',
        note: 'Mehrfachnennungen möglich.',
        rowHeader: 'Form',
        columns: ['Keins', 'Nicht gestellt', 'Laufend', 'Dublin', 'Abgelehnt', 'Schutz', 'Unbekannt'].map((l, i) => ({
          code: `c${i}`,
          label: l,
        })),
        rows: Array.from({ length: rows }, (_, r) => ({
          code: `r${r}`,
          label: `Form ${r}`,
          cells: Array.from({ length: 7 }, (_, c) =>
            (r + c) % 3 === 0 ? { kind: 'secret' as const } : { kind: 'value' as const, value: r * 10 + c },
          ),
        })),
      },
    ],
  };
}

describe('CSV', () => {
  it('has one line per cell, the marker and status for secret cells, and parses back', () => {
    const report = sampleReport();
    const csv = reportCsv(report);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const rows = parse(csv.slice(1), { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0]!)).toEqual([...CSV_COLUMNS]);
    expect(rows).toHaveLength(3 + 3 * 7);
    const female = rows.find((r) => r.table_id === 'gender' && r.row_code === 'female')!;
    expect(female).toMatchObject({ value: '1234', status: 'published', row: 'weiblich', year: '2024', version: '2' });
    const male = rows.find((r) => r.row_code === 'male')!;
    expect(male).toMatchObject({ value: '[g]', status: 'suppressed' });
    for (const r of rows) expect(r.value).not.toBe('');
  });

  it('never lets a cell start a formula', () => {
    const rows = parse(reportCsv(sampleReport()).slice(1), { columns: true }) as Record<string, string>[];
    const risky = rows.find((r) => r.row_code === 'unknown')!;
    expect(risky.row).toBe('\'=HYPERLINK("x")');
    for (const r of rows) for (const v of Object.values(r)) expect(v).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('can hold a single table', () => {
    const report = sampleReport();
    const rows = parse(reportCsv(report, [report.tables[0]!]).slice(1), { columns: true }) as unknown[];
    expect(rows).toHaveLength(3);
  });
});

describe('XLSX', () => {
  it('reads back with exceljs: an about sheet, a sheet per table, numbers as numbers, markers as text', async () => {
    const { default: ExcelJS } = await import('exceljs');
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await reportXlsx(sampleReport())) as unknown as ArrayBuffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Über diese Statistik', 'gender', 'form_by_stage']);
    const gender = wb.getWorksheet('gender')!;
    expect(gender.getCell('A1').value).toBe('Geschlecht');
    expect(gender.getRow(3).values).toEqual([undefined, 'Geschlecht', 'Anzahl']);
    expect(gender.getCell('B4').value).toBe(1234);
    expect(gender.getCell('B5').value).toBe('[g]');
    expect(gender.getCell('A6').value).toBe('\'=HYPERLINK("x")');
    expect(gender.getCell('A8').value).toBe('[g] = geheim gehalten');
    const cross = wb.getWorksheet('form_by_stage')!;
    expect(cross.getCell('C4').value).toBe(1);
    expect(cross.getCell('B4').value).toBe('[g]');
  });
});

describe('PDF', () => {
  it('is a PDF with the title, the tables and the markers, and page numbers', async () => {
    const pdf = await reportPdf(sampleReport(), 'de');
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    const text = pdfTextLines(pdf).join('\n');
    expect(text).toContain('Statistik 2024');
    expect(text).toContain('Geschlecht');
    expect(text).toContain('männlich');
    expect(text).toContain('1.234');
    expect(text).toContain('[g]');
    expect(text).toContain('„mindestens drei Stellen“');
    expect(text).toContain('Seite 1 von 1');
    expect(pdfPageCount(pdf)).toBe(1);
  });

  it('runs long tables onto further pages, each numbered', async () => {
    const pdf = await reportPdf(sampleReport(120), 'de');
    const pages = pdfPageCount(pdf);
    expect(pages).toBeGreaterThan(1);
    const text = pdfTextLines(pdf);
    expect(text).toContain(`Statistik 2024 · Seite ${pages} von ${pages}`);
    // The header row is repeated on the pages the table runs onto.
    expect(text.filter((l) => l === 'Laufend').length).toBeGreaterThanOrEqual(pages - 1);
  });

  it('replaces what the built-in font cannot draw', () => {
    expect(winAnsi('Ä–„x“ € ≥ 中\tz')).toBe('Ä–„x“ € ? ? z');
  });
});
