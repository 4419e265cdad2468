/**
 * What the public pages and the CSV make of the recommendations: the
 * filters, the current status of each track, and the CSV itself
 * (spreadsheet-safe: a text starting with = + - @ is never a formula).
 */
import { stringify } from 'csv-stringify/sync';
import { translator, type Locale } from '../../platform/i18n/index.ts';
import { spreadsheetSafe } from '../../platform/security/spreadsheet-safe.ts';
import type { Recommendation } from './queries.ts';
import type { Filters } from './schema.ts';
import { currentOf } from './status.ts';

/** Published, unmerged recommendations that pass every filter given. */
export function filtered(list: readonly Recommendation[], f: Partial<Filters>): Recommendation[] {
  return list.filter(
    (r) =>
      r.published &&
      r.mergedInto === null &&
      (!f.addressee || r.addresseeKind === f.addressee) &&
      (!f.assessment || currentOf(r.statuses, 'assessment')?.status === f.assessment) &&
      (!f.response || currentOf(r.statuses, 'addressee')?.status === f.response) &&
      (!f.theme || r.themes.includes(f.theme)) &&
      (!f.group || r.affectedGroups.includes(f.group)) &&
      (!f.source || r.sources.some((s) => s.sourceKind === f.source)),
  );
}

const CSV_COLUMNS = [
  'slug',
  'title',
  'addressee_kind',
  'addressee',
  'addressee_name',
  'themes',
  'affected_groups',
  'sources',
  'response_status',
  'response_on',
  'assessment_status',
  'assessment_on',
  'challenge',
  'recommendation',
  'url',
] as const;

/** The list as CSV: stable codes and, beside them, the labels in the reader's language. */
export function recommendationsCsv(list: readonly Recommendation[], locale: Locale, origin: string): string {
  const t = translator(locale, 'recommendations');
  const records = list.map((r) => {
    const response = currentOf(r.statuses, 'addressee');
    const assessment = currentOf(r.statuses, 'assessment');
    return [
      r.slug,
      r.title,
      r.addresseeKind,
      t(`addresseeKind.${r.addresseeKind}`),
      r.addresseeName,
      r.themes.join(' '),
      r.affectedGroups.join(' '),
      r.sources.map((s) => `${s.title} (${t(`strength.${s.strength}`)})`).join('; '),
      response?.status ?? '',
      response?.statedOn ?? '',
      assessment?.status ?? '',
      assessment?.statedOn ?? '',
      r.challenge,
      r.body,
      `${origin}/${locale}/recommendations/${r.slug}`,
    ].map(spreadsheetSafe);
  });
  return stringify(records, { header: true, columns: [...CSV_COLUMNS], bom: true, record_delimiter: 'windows' });
}
