/**
 * From cells to what people read. A publication (and the live internal
 * tables, and a centre's own counts) is a map from the catalogue's cell
 * keys to a count, or null where the value is kept secret. This module
 * lays those cells out as the catalogue's tables, labelled in the reader's
 * language (report.ts), for the pages and for every file format.
 *
 * Layout choices for readers (the cells are the catalogue's, unchanged):
 * - the yes/no tables of one multi-choice field (forms of exploitation,
 *   timing, support) are shown as ONE table, a row per option with its
 *   "yes" and "no" counts and the total: reading eight two-row tables
 *   would hide what they are, options of one question;
 * - one-way tables end with the total, cross tables have a total row and
 *   a total column (their margins).
 */
import { formatDay } from '../../platform/time/dates.ts';
import { dynamicKey, localeInfo, translator, type Locale } from '../../platform/i18n/index.ts';
import {
  CATALOGUE,
  TOTAL,
  categoryMessageKey,
  dimensionMessageKey,
  layoutOf,
  type MultiField,
  type TableSpec,
} from './engine/catalogue.ts';
import type { CellKey } from './engine/types.ts';
import type { Report, ReportCell, ReportRow, ReportTable } from './report.ts';

/** Every cell of a catalogue: its count, or null where it is kept secret. */
export type Cells = Readonly<Record<CellKey, number | null>>;

type OneWay = Extract<TableSpec, { kind: 'oneway' }>;

/** What the pages show as one table: a catalogue table, or the option tables of one multi-choice field. */
export type DisplayTable = { kind: 'single'; spec: TableSpec } | { kind: 'family'; field: MultiField; specs: OneWay[] };

/** The catalogue in display order, option tables of one field merged. */
export const DISPLAY_TABLES: readonly DisplayTable[] = (() => {
  const out: DisplayTable[] = [];
  for (const spec of CATALOGUE) {
    const last = out[out.length - 1];
    if (spec.kind === 'oneway' && spec.family) {
      if (last?.kind === 'family' && last.field === spec.family) last.specs.push(spec);
      else out.push({ kind: 'family', field: spec.family, specs: [spec] });
    } else out.push({ kind: 'single', spec });
  }
  return out;
})();

/** The id a display table goes by in URLs and files: the catalogue's, or the field's for a family. */
export function displayId(d: DisplayTable): string {
  return d.kind === 'family' ? d.field : d.spec.id;
}

/** The language a reader of `locale` reads the statistics in: their own where it is there, else German. */
export function textLang(locale: Locale): Locale {
  return locale === 'en' ? 'en' : 'de';
}

function cellOf(cells: Cells, key: CellKey): ReportCell {
  const v = cells[key];
  // A key the cells do not have was not counted at all: that is not "0", it is unknown.
  return typeof v === 'number' ? { kind: 'value', value: v } : { kind: 'secret' };
}

function tableOf(d: DisplayTable, cells: Cells, lang: Locale): ReportTable {
  const t = translator(lang, 'statistics');
  const w = translator(lang, 'statisticsPages');
  const msg = (key: string) => t(dynamicKey('statistics', key));
  const count = [{ code: 'n', label: w('table.count') }];
  const totalLabel = w('table.total');
  if (d.kind === 'family') {
    const yes = d.specs.map((s) => layoutOf(s));
    const columns = ['yes', 'no'].map((c) => ({ code: c, label: msg(`categories.yes_no.${c}`) }));
    return {
      id: d.field,
      title: msg(`fields.${d.field}`),
      note: msg(`notes.${d.field}`),
      rowHeader: msg(`fields.${d.field}`),
      columns: [...columns, { code: 'total', label: totalLabel }],
      rows: yes.map((l) => {
        const spec = l.spec as OneWay;
        return {
          code: spec.dim.slice(d.field.length + 1),
          label: msg(dimensionMessageKey(spec.dim)),
          cells: [...l.rows.map((r) => cellOf(cells, r.cells[0]!)), cellOf(cells, TOTAL)],
        };
      }),
    };
  }
  const { spec } = d;
  const head = { id: spec.id, title: msg(spec.titleKey), note: msg(spec.noteKey) };
  if (spec.kind === 'total') {
    return {
      ...head,
      rowHeader: head.title,
      columns: count,
      rows: [{ code: 'total', label: totalLabel, cells: [cellOf(cells, TOTAL)] }],
    };
  }
  const layout = layoutOf(spec);
  if (spec.kind === 'oneway') {
    const rows: ReportRow[] = layout.rows.map((r) => ({
      code: r.category,
      label: msg(categoryMessageKey(spec.dim, r.category)),
      cells: [cellOf(cells, r.cells[0]!)],
    }));
    rows.push({ code: 'total', label: totalLabel, cells: [cellOf(cells, TOTAL)] });
    return { ...head, rowHeader: msg(dimensionMessageKey(spec.dim)), columns: count, rows };
  }
  const rows: ReportRow[] = layout.rows.map((r) => ({
    code: r.category,
    label: msg(categoryMessageKey(spec.rows, r.category)),
    cells: [...r.cells.map((k) => cellOf(cells, k)), cellOf(cells, r.margin)],
  }));
  rows.push({
    code: 'total',
    label: totalLabel,
    cells: [...layout.columnMargins.map((k) => cellOf(cells, k)), cellOf(cells, TOTAL)],
  });
  return {
    ...head,
    rowHeader: msg(dimensionMessageKey(spec.rows)),
    columns: [
      ...layout.columns.map((c) => ({ code: c, label: msg(categoryMessageKey(spec.columns, c)) })),
      { code: 'total', label: totalLabel },
    ],
    rows,
  };
}

/** Every display table of `cells`, labelled in `lang`. */
function reportTables(cells: Cells, lang: Locale): ReportTable[] {
  return DISPLAY_TABLES.map((d) => tableOf(d, cells, lang));
}

/** Counts as the reader writes them. */
export function numberFormat(lang: Locale): (n: number) => string {
  const f = new Intl.NumberFormat(localeInfo(lang).htmlLang);
  return (n) => f.format(n);
}

export type PublicationMeta = {
  year: number;
  audience: 'public' | 'internal';
  version: number;
  threshold: number;
  publishedAt: Date;
};

/** Tables of counts that are no publication (live internal tables, a centre's own figures) as a report. */
export function countsReport(cells: Cells, year: number, threshold: number, locale: Locale): Report {
  const lang = textLang(locale);
  const w = translator(lang, 'statisticsPages');
  return {
    year,
    audience: 'internal',
    version: 0,
    title: w('report.titleInternal', { year }),
    intro: [],
    marker: w('marker'),
    legend: w('legend', { threshold }),
    tables: reportTables(cells, lang),
    format: numberFormat(lang),
    words: { about: w('files.about'), page: (page, pages) => w('files.page', { page, pages }) },
    generator: w('files.generator'),
  };
}

/** The notice that `meta`'s year is being corrected, in `lang`. */
export function correctionNotice(meta: Pick<PublicationMeta, 'year' | 'publishedAt'>, lang: Locale) {
  const n = translator(lang, 'statisticsNotice');
  const date = formatDay(meta.publishedAt, localeInfo(lang).htmlLang);
  return { label: n('reopened.label'), text: n('reopened.text', { year: meta.year, date }) };
}

/**
 * A stored publication as a report (page, CSV, XLSX, PDF), in the reader's
 * language; `reopened`: its year is being corrected now.
 */
export function publicationReport(
  meta: PublicationMeta,
  cells: Cells,
  locale: Locale,
  { reopened = false }: { reopened?: boolean } = {},
): Report {
  const lang = textLang(locale);
  const w = translator(lang, 'statisticsPages');
  const date = formatDay(meta.publishedAt, localeInfo(lang).htmlLang);
  return {
    ...countsReport(cells, meta.year, meta.threshold, locale),
    audience: meta.audience,
    version: meta.version,
    title: w(meta.audience === 'public' ? 'report.title' : 'report.titleInternal', { year: meta.year }),
    intro: [
      w('report.counted', { year: meta.year }),
      w('report.protected', { threshold: meta.threshold }),
      w(meta.version > 1 ? 'report.revised' : 'report.published', { date, version: meta.version }),
    ],
    ...(reopened ? { correction: correctionNotice(meta, lang) } : {}),
  };
}
