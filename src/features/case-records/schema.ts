/**
 * A case record's answers: the form's shape (strict — an unknown field, such
 * as a name or a note, is a 400) and the rules that turn raw answers into
 * the values the database stores. The same rules serve the form and the
 * import (raw strings per field): every answer is checked against its
 * vocabulary even in a draft; a complete record also needs every mandatory
 * answer. Fields that do not apply are not asked and get the value the
 * vocabulary names (CONDITIONAL).
 */
import type { Selectable } from 'kysely';
import { z } from 'zod';
import { csrfField } from '../../platform/auth/csrf.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { IssueMeaning } from '../../platform/http/validation.ts';
import { messageRef, type MessageKey } from '../../platform/i18n/index.ts';
import {
  AGE_RANGE,
  asksLabourSector,
  asksMinorQuestions,
  CITIZENSHIP_CODES,
  CONDITIONAL,
  MULTI_CHOICE,
  PLACE_CODES,
  SINGLE_CHOICE,
  UNKNOWN_COUNTRY,
  YEAR_RANGE,
  type MultiChoiceField,
  type SingleChoiceField,
} from './vocabulary.ts';

type Row = Selectable<DB['case_record']>;

/** Every answer a record holds, in the form's order. */
export const VALUE_FIELDS = [
  'first_contact_year',
  'first_contact_quarter',
  'consent_statistics',
  'possibly_counted_elsewhere',
  'trafficking_status',
  'gender',
  'age_at_first_contact',
  'age_unknown',
  'minor_at_exploitation',
  'unaccompanied_minor',
  'citizenship',
  'country_of_recruitment',
  'country_of_exploitation',
  'exploitation_forms',
  'labour_sector',
  'means_of_control',
  'recruiter_relation',
  'first_contact_online',
  'exploitation_timing',
  'asylum_stage',
  'residence_status_first',
  'residence_status_end',
  'referral_source',
  'criminal_proceedings',
  'support_provided',
] as const satisfies readonly (keyof Row)[];
export type ValueField = (typeof VALUE_FIELDS)[number];

/** The stored answers (what a record is, apart from its id, centre, status, release and times). */
export type RecordValues = { [K in ValueField]: Row[K] };

/** The fields a country list answers, several codes each. */
type CountryList = 'country_of_recruitment' | 'country_of_exploitation';

/** Answers whose one option excludes every other. */
const EXCLUSIVE: Partial<Record<MultiChoiceField, string>> = {
  exploitation_forms: 'unclear',
  exploitation_timing: 'not_applicable',
};

/** Mandatory for a complete record (the conditional ones only when they apply; means of control may be empty). */
const MANDATORY = VALUE_FIELDS.filter(
  (f) => f !== 'age_unknown' && f !== 'means_of_control' && f !== 'unaccompanied_minor' && f !== 'labour_sector',
);

const short = z.string().max(40);
const list = z.union([short, z.array(short).max(40)]).optional();

/** The form as posted: every field a string (or a list of strings), bounded; nothing else. */
export const recordFormBody = z.strictObject({
  ...csrfField,
  intent: z.enum(['update', 'draft', 'save']),
  first_contact_year: short.optional(),
  first_contact_quarter: short.optional(),
  consent_statistics: short.optional(),
  possibly_counted_elsewhere: short.optional(),
  trafficking_status: short.optional(),
  gender: short.optional(),
  age_at_first_contact: short.optional(),
  age_unknown: short.optional(),
  minor_at_exploitation: short.optional(),
  unaccompanied_minor: short.optional(),
  citizenship: short.optional(),
  country_of_recruitment: list,
  country_of_exploitation: list,
  exploitation_forms: list,
  labour_sector: short.optional(),
  means_of_control: list,
  recruiter_relation: short.optional(),
  first_contact_online: short.optional(),
  exploitation_timing: list,
  asylum_stage: short.optional(),
  residence_status_first: short.optional(),
  residence_status_end: short.optional(),
  referral_source: short.optional(),
  criminal_proceedings: short.optional(),
  support_provided: list,
});
export type RecordFormBody = z.infer<typeof recordFormBody>;

/** Raw answers by field, as a form or an import row gives them. */
export type RawAnswers = Partial<Record<ValueField, string | readonly string[] | undefined>>;

/** One problem with one field, in a form any language can show. */
export type Problem = { field: ValueField; meaning: IssueMeaning };

const problem = (field: ValueField, key: MessageKey<'caseRecords'>, values: Record<string, string> = {}): Problem => ({
  field,
  meaning: { ref: messageRef('caseRecords', key), values },
});

const one = (v: string | readonly string[] | undefined): string => (typeof v === 'string' ? v : (v?.[0] ?? '')).trim();
const many = (v: string | readonly string[] | undefined): string[] =>
  (typeof v === 'string' ? [v] : [...(v ?? [])]).map((s) => s.trim()).filter((s) => s !== '');

/** A quarter as a number 1..4. */
function quarterOf(at: Date): number {
  return Math.floor(at.getUTCMonth() / 3) + 1;
}

/**
 * Read raw answers. `complete`: every mandatory answer must be there.
 * `now` bounds the first contact (not in the future). Values that fail are
 * stored as not answered (null) and reported.
 */
export function readAnswers(
  raw: RawAnswers,
  opts: { complete: boolean; now: Date },
): { values: RecordValues; problems: Problem[] } {
  const problems: Problem[] = [];
  const report = (p: Problem) => problems.push(p);

  const single = <F extends SingleChoiceField>(field: F): RecordValues[F] => {
    const v = one(raw[field]);
    if (v === '') return null;
    if (!(SINGLE_CHOICE[field] as readonly string[]).includes(v)) {
      report(problem(field, 'problem.option'));
      return null;
    }
    return v as RecordValues[F];
  };

  const multi = (field: MultiChoiceField): string[] | null => {
    const values = [...new Set(many(raw[field]))];
    if (values.length === 0) return null;
    if (values.some((v) => !(MULTI_CHOICE[field] as readonly string[]).includes(v))) {
      report(problem(field, 'problem.option'));
      return null;
    }
    const alone = EXCLUSIVE[field];
    if (alone && values.includes(alone) && values.length > 1) {
      report(problem(field, 'problem.exclusive', { option: alone }));
      return null;
    }
    return (MULTI_CHOICE[field] as readonly string[]).filter((o) => values.includes(o));
  };

  const countries = (field: CountryList): string[] | null => {
    const values = many(raw[field]).map((s) => s.toUpperCase());
    if (values.length === 0) return null;
    if (values.some((c) => !PLACE_CODES.includes(c))) return (report(problem(field, 'problem.country')), null);
    if (new Set(values).size !== values.length) return (report(problem(field, 'problem.duplicate')), null);
    if (values.includes(UNKNOWN_COUNTRY) && values.length > 1)
      return (report(problem(field, 'problem.exclusive', { option: UNKNOWN_COUNTRY })), null);
    return values;
  };

  // First contact: a year from 2000 to this year, a quarter not in the future.
  const thisYear = opts.now.getUTCFullYear();
  let year: number | null = null;
  const y = one(raw.first_contact_year);
  if (y !== '') {
    const n = /^\d{4}$/.test(y) ? Number(y) : NaN;
    if (n >= YEAR_RANGE.min && n <= Math.min(YEAR_RANGE.max, thisYear)) year = n;
    else report(problem('first_contact_year', 'problem.year'));
  }
  let quarter: number | null = null;
  const q = one(raw.first_contact_quarter);
  if (q !== '') {
    if (!/^[1-4]$/.test(q)) report(problem('first_contact_quarter', 'problem.option'));
    else if (year === thisYear && Number(q) > quarterOf(opts.now))
      report(problem('first_contact_quarter', 'problem.future'));
    else quarter = Number(q);
  }

  const c = one(raw.consent_statistics);
  let consent: boolean | null = null;
  if (c === 'yes' || c === 'no') consent = c === 'yes';
  else if (c !== '') report(problem('consent_statistics', 'problem.option'));

  // Age: whole years, or unknown — not both.
  const ageUnknown = one(raw.age_unknown) !== '';
  let age: number | null = null;
  const a = one(raw.age_at_first_contact);
  if (a !== '') {
    const n = /^\d{1,2}$/.test(a) ? Number(a) : NaN;
    if (n >= AGE_RANGE.min && n <= AGE_RANGE.max) age = n;
    else report(problem('age_at_first_contact', 'problem.age'));
  }
  if (ageUnknown && age !== null) {
    report(problem('age_at_first_contact', 'problem.ageAndUnknown'));
    age = null;
  }

  let citizenship: string | null = one(raw.citizenship).toUpperCase() || null;
  if (citizenship !== null && !CITIZENSHIP_CODES.includes(citizenship)) {
    report(problem('citizenship', 'problem.country'));
    citizenship = null;
  }

  const forms = multi('exploitation_forms');
  // Asked only for minors (or an unknown age); an adult's record says "not applicable".
  let unaccompanied = asksMinorQuestions(age, ageUnknown)
    ? single('unaccompanied_minor')
    : CONDITIONAL.unaccompanied_minor.otherwise;
  if (age !== null && age < 18 && unaccompanied === 'not_applicable') {
    report(problem('unaccompanied_minor', 'problem.notApplicableForMinor'));
    unaccompanied = null;
  }
  const labourSector = asksLabourSector(forms) ? single('labour_sector') : CONDITIONAL.labour_sector.otherwise;

  const values: RecordValues = {
    first_contact_year: year,
    first_contact_quarter: quarter,
    consent_statistics: consent,
    possibly_counted_elsewhere: single('possibly_counted_elsewhere'),
    trafficking_status: single('trafficking_status'),
    gender: single('gender'),
    age_at_first_contact: age,
    age_unknown: ageUnknown,
    minor_at_exploitation: single('minor_at_exploitation'),
    unaccompanied_minor: unaccompanied,
    citizenship,
    country_of_recruitment: countries('country_of_recruitment'),
    country_of_exploitation: countries('country_of_exploitation'),
    exploitation_forms: forms,
    labour_sector: labourSector,
    means_of_control: multi('means_of_control'),
    recruiter_relation: single('recruiter_relation'),
    first_contact_online: single('first_contact_online'),
    exploitation_timing: multi('exploitation_timing'),
    asylum_stage: single('asylum_stage'),
    residence_status_first: single('residence_status_first'),
    residence_status_end: single('residence_status_end'),
    referral_source: single('referral_source'),
    criminal_proceedings: single('criminal_proceedings'),
    support_provided: multi('support_provided'),
  };

  if (opts.complete) {
    const reported = new Set(problems.map((p) => p.field));
    for (const field of missingAnswers(values))
      if (!reported.has(field))
        report(
          problem(
            field,
            field in MULTI_CHOICE || field.startsWith('country_of') ? 'problem.chooseOne' : 'problem.required',
          ),
        );
    // Answered "none known" is an answer.
    if (values.means_of_control === null && !reported.has('means_of_control')) values.means_of_control = [];
  }
  problems.sort((x, y) => VALUE_FIELDS.indexOf(x.field) - VALUE_FIELDS.indexOf(y.field));
  return { values, problems };
}

/** The mandatory answers a record lacks (those that apply to it), in the form's order. */
export function missingAnswers(v: RecordValues): ValueField[] {
  const missing: ValueField[] = [];
  for (const field of MANDATORY) {
    if (field === 'age_at_first_contact') {
      if (v.age_at_first_contact === null && !v.age_unknown) missing.push(field);
      continue;
    }
    const value = v[field];
    if (value === null || (Array.isArray(value) && value.length === 0)) missing.push(field);
  }
  if (asksMinorQuestions(v.age_at_first_contact, v.age_unknown) && v.unaccompanied_minor === null)
    missing.push('unaccompanied_minor');
  if (asksLabourSector(v.exploitation_forms) && v.labour_sector === null) missing.push('labour_sector');
  return missing.sort((x, y) => VALUE_FIELDS.indexOf(x) - VALUE_FIELDS.indexOf(y));
}

/** A stored record's answers as the form shows them. */
export function answersOf(v: RecordValues): RawAnswers {
  const raw: RawAnswers = {};
  for (const field of VALUE_FIELDS) {
    const value = v[field];
    if (value === null) continue;
    if (field === 'consent_statistics') raw[field] = value ? 'yes' : 'no';
    else if (field === 'age_unknown') raw[field] = value ? '1' : undefined;
    else if (Array.isArray(value)) raw[field] = value;
    else raw[field] = String(value);
  }
  return raw;
}

/** The answers of a posted form (without its intent and token). */
export function answersFromBody(body: RecordFormBody): RawAnswers {
  const raw: RawAnswers = {};
  for (const field of VALUE_FIELDS) raw[field] = body[field];
  return raw;
}
