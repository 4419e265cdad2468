/**
 * Trends over the years, from the latest public publication of each
 * closed year: the values of a few cells year by year, as chart models
 * with the extra columns of their data tables. Nothing is computed that
 * the publications do not show: a sum or a share exists for a year only
 * where every value it is made of was published (a sum over a secret
 * value would publish it).
 */
import { dynamicKey, formatList, translator, type Locale } from '../../platform/i18n/index.ts';
import type { TrendColumn, TrendModel } from './charts/TrendChart.tsx';
import { TOTAL, cellKey, optionsOf } from './engine/catalogue.ts';
import { PUBLIC_THRESHOLD } from './engine/types.ts';
import { numberFormat, type Cells } from './present.ts';

export type YearCells = { year: number; cells: Cells };

export type Trend = {
  id: string;
  title: string;
  note: string;
  model: TrendModel;
  columns: TrendColumn[];
};

const valueOf = (cells: Cells, key: string): number | null => {
  const v = cells[key];
  return typeof v === 'number' ? v : null;
};

/**
 * The share `part / whole` as the reader writes percentages, only where both
 * are published and both reach the public threshold (as the engine's own
 * rule for shares); else null.
 */
function share(part: number | null, whole: number | null, lang: Locale): string | null {
  if (part === null || whole === null || part < PUBLIC_THRESHOLD || whole < PUBLIC_THRESHOLD) return null;
  return new Intl.NumberFormat(lang, { style: 'percent', maximumFractionDigits: 0 }).format(part / whole);
}

/** "Highest value … Kept secret in …": what a chart's description says beyond its kind and years. */
function summary(lang: Locale, years: readonly number[], values: readonly (number | null)[]): string {
  const w = translator(lang, 'statisticsPages');
  const format = numberFormat(lang);
  const parts: string[] = [];
  let best = -1;
  values.forEach((v, i) => {
    if (v !== null && (best < 0 || v > values[best]!)) best = i;
  });
  if (best >= 0) parts.push(w('trends.highest', { value: format(values[best]!), year: years[best] }));
  const secret = years.filter((_, i) => values[i] === null);
  if (secret.length) parts.push(w('trends.secretYears', { years: formatList(secret.map(String), lang) }));
  parts.push(w('trends.tableBeside'));
  return parts.join(' ');
}

/** The charts of the public page, for the years given (ascending). */
export function publicTrends(data: readonly YearCells[], locale: Locale): Trend[] {
  if (data.length === 0) return [];
  const lang: Locale = locale === 'en' ? 'en' : 'de';
  const w = translator(lang, 'statisticsPages');
  const t = translator(lang, 'statistics');
  const years = data.map((d) => d.year);
  const span = { from: years[0], to: years[years.length - 1] };
  const format = numberFormat(lang);
  const common = { years, marker: w('marker'), format };

  const before = data.map((d) => valueOf(d.cells, cellKey('asylum_context', 'before')));
  const during = data.map((d) => valueOf(d.cells, cellKey('asylum_context', 'during')));
  const total = data.map((d) => valueOf(d.cells, TOTAL));
  const together = data.map((_, i) => (before[i] !== null && during[i] !== null ? before[i]! + during[i]! : null));
  const shares = data.map((_, i) => share(together[i] ?? null, total[i] ?? null, lang));
  const headline: Trend = {
    id: 'asylum',
    title: w('trends.headline.title'),
    note: w('trends.headline.note'),
    model: {
      ...common,
      kind: 'stacked',
      title: w('trends.headline.title'),
      description: `${w('trends.headline.description', span)} ${summary(lang, years, together)}`,
      series: [
        { key: 'before', label: w('trends.headline.before'), values: before },
        { key: 'during', label: w('trends.headline.during'), values: during },
      ],
      notes: shares,
    },
    columns: [
      { label: w('trends.headline.together'), values: together.map((v) => (v === null ? null : format(v))) },
      { label: w('trends.headline.share'), values: shares },
    ],
  };

  const totals: Trend = {
    id: 'total',
    title: w('trends.total.title'),
    note: w('trends.total.note'),
    model: {
      ...common,
      kind: 'stacked',
      title: w('trends.total.title'),
      description: `${w('trends.total.description', span)} ${summary(lang, years, total)}`,
      series: [{ key: 'total', label: w('trends.total.series'), values: total }],
    },
    columns: [],
  };

  const options = optionsOf('exploitation_form');
  const formSeries = options.map((o) => ({
    key: o,
    label: t(dynamicKey('statistics', `options.exploitation_form.${o}`)),
    values: data.map((d) => valueOf(d.cells, cellKey(`exploitation_form.${o}`, 'yes'))),
  }));
  const forms: Trend = {
    id: 'forms',
    title: w('trends.forms.title'),
    note: w('trends.forms.note'),
    model: {
      ...common,
      kind: 'lines',
      title: w('trends.forms.title'),
      description: w('trends.forms.description', span),
      series: formSeries,
    },
    columns: [],
  };
  return [headline, totals, forms];
}
