/**
 * The columns of a centre's record file. Import and export share them, so
 * an exported file can be corrected in a spreadsheet and imported again:
 *
 * - `id`: empty for a new record; an own record's id to replace its answers;
 * - `status`: `draft` or `complete` — a complete row must answer every
 *   mandatory question, exactly like the form's "save";
 * - one column per answer (schema.ts VALUE_FIELDS), named like the field,
 *   holding its codes (vocabulary.ts): several codes of a multiple-choice
 *   answer or a country list separated by `|`, yes/no answers as `yes` or
 *   `no`, the age in whole years;
 * - `released_at`: written by the export (the day a record was released),
 *   ignored by the import — releasing is a step of its own in the app.
 *
 * The HTCDS export (htcds.ts) writes the standard's field names and codes
 * instead, for exchange with organisations that use the IOM standard.
 */
import { VALUE_FIELDS, type ValueField } from '../schema.ts';

export const ID_COLUMN = 'id';
export const STATUS_COLUMN = 'status';
export const RELEASED_COLUMN = 'released_at';

/** Between several codes in one cell. */
export const LIST_SEPARATOR = '|';

/** The answers given as yes or no (a checkbox or a yes/no question in the form). */
export const YES_NO_FIELDS = ['consent_statistics', 'age_unknown'] as const satisfies readonly ValueField[];

/** What the import reads: the template's columns, in its order. */
export const IMPORT_COLUMNS: readonly string[] = [ID_COLUMN, STATUS_COLUMN, ...VALUE_FIELDS];

/** What the export writes: the import's columns and the release. */
export const EXPORT_COLUMNS: readonly string[] = [ID_COLUMN, STATUS_COLUMN, RELEASED_COLUMN, ...VALUE_FIELDS];

/** Columns the import accepts and leaves alone (an exported file carries them). */
export const IGNORED_COLUMNS: readonly string[] = [RELEASED_COLUMN];

/** The kind of cell each answer takes, for the page that documents the columns. */
export type ColumnKind = 'year' | 'quarter' | 'age' | 'yesNo' | 'single' | 'multi' | 'country' | 'countries';

const KINDS: Partial<Record<ValueField, ColumnKind>> = {
  first_contact_year: 'year',
  first_contact_quarter: 'quarter',
  age_at_first_contact: 'age',
  consent_statistics: 'yesNo',
  age_unknown: 'yesNo',
  citizenship: 'country',
  country_of_recruitment: 'countries',
  country_of_exploitation: 'countries',
  exploitation_forms: 'multi',
  means_of_control: 'multi',
  exploitation_timing: 'multi',
  support_provided: 'multi',
};

export function kindOf(field: ValueField): ColumnKind {
  return KINDS[field] ?? 'single';
}
