/**
 * The helpline form. Two steps: the shape (known fields only, bounded; a
 * forged or broken request is a 400), then the rules a person can break
 * while typing, each reported next to its field in the reader's language.
 */
import { z } from 'zod';
import { csrfField } from '../../platform/auth/csrf.ts';
import { HELPLINE_KINDS } from '../../platform/helplines/helplines.ts';
import { issueMessage } from '../../platform/http/validation.ts';
import { offeredLocales, type Locale } from '../../platform/i18n/index.ts';

const raw = z.string().max(2000).optional();
const checkbox = z.literal('on').optional();

/** What the form may send at all. */
export const helplineFormShape = z.strictObject({
  ...csrfField,
  kind: raw,
  contact: raw,
  name_de: raw,
  name_en: raw,
  description_de: raw,
  description_en: raw,
  around_the_clock: checkbox,
  hours_de: raw,
  hours_en: raw,
  emergency: checkbox,
  first_screen: checkbox,
  sort_order: raw,
  checked_on: raw,
});
export type HelplineFormInput = z.infer<typeof helplineFormShape>;

/** The form's fields in the order the page shows them (and its error summary lists them). */
export const HELPLINE_FIELDS = [
  'kind',
  'contact',
  'name_de',
  'name_en',
  'description_de',
  'description_en',
  'around_the_clock',
  'hours_de',
  'hours_en',
  'emergency',
  'first_screen',
  'sort_order',
  'checked_on',
] as const;
export type HelplineField = (typeof HELPLINE_FIELDS)[number];

/** Text without control characters (PostgreSQL cannot even store U+0000), trimmed, bounded. */
const text = (max: number, min = 0) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !/\p{Cc}/u.test(s), {
      message: 'contains a control character',
      params: issueMessage('validation', 'controlCharacter'),
    });

const PHONE = /^\+?[0-9][0-9 ]*[0-9]$/;
const WEB = /^https:\/\/[^\s]+$/;

const isDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};

/** The rules of each field, on the shaped input. */
export const helplineRules = z.object({
  kind: z.enum(HELPLINE_KINDS),
  contact: text(200, 1),
  name_de: text(200, 1),
  name_en: text(200, 1),
  description_de: text(1000),
  description_en: text(1000),
  around_the_clock: z.boolean(),
  hours_de: text(300),
  hours_en: text(300),
  emergency: z.boolean(),
  first_screen: z.boolean(),
  sort_order: z.coerce.number().int().min(0).max(10000),
  checked_on: z.string().refine(isDate, { message: 'must be a date', params: issueMessage('validation', 'date') }),
});

/** A problem between fields, for the field it is shown next to. */
export type CrossProblem = { field: HelplineField; message: string; params: { message: string } };

/**
 * The rules that join two fields (the contact fits the kind; hours are
 * given exactly when the service is not around the clock) or need today's
 * date (a check cannot lie in the future). Checked on the raw
 * input, so they are reported together with the fields' own problems.
 */
export function crossFieldProblems(v: Record<HelplineField, unknown>, today: string): CrossProblem[] {
  const out: CrossProblem[] = [];
  // A check that has not happened yet would vouch for hours nobody has confirmed.
  if (typeof v.checked_on === 'string' && isDate(v.checked_on) && v.checked_on > today)
    out.push({
      field: 'checked_on',
      message: 'must not lie in the future',
      params: issueMessage('helplineEditor', 'problem.future'),
    });
  const contact = typeof v.contact === 'string' ? v.contact.trim() : '';
  if (contact && v.kind === 'phone' && !PHONE.test(contact))
    out.push({
      field: 'contact',
      message: 'must be a phone number (digits and spaces)',
      params: issueMessage('helplineEditor', 'problem.phone'),
    });
  if (contact && (v.kind === 'chat' || v.kind === 'online') && !WEB.test(contact))
    out.push({
      field: 'contact',
      message: 'must be a web address starting with https://',
      params: issueMessage('helplineEditor', 'problem.web'),
    });
  for (const f of ['hours_de', 'hours_en'] as const) {
    const hours = typeof v[f] === 'string' ? v[f].trim() : '';
    if (!v.around_the_clock && hours === '')
      out.push({
        field: f,
        message: 'hours are needed unless the service is reachable around the clock',
        params: issueMessage('helplineEditor', 'problem.hoursNeeded'),
      });
    if (v.around_the_clock && hours !== '')
      out.push({
        field: f,
        message: 'leave the hours empty for a service reachable around the clock',
        params: issueMessage('helplineEditor', 'problem.hoursAlways'),
      });
  }
  return out;
}

/** What the person typed: checkboxes as booleans, missing text as empty (the form shows it again so). */
export function typedValues(f: HelplineFormInput) {
  return {
    kind: f.kind ?? '',
    contact: f.contact ?? '',
    name_de: f.name_de ?? '',
    name_en: f.name_en ?? '',
    description_de: f.description_de ?? '',
    description_en: f.description_en ?? '',
    around_the_clock: f.around_the_clock === 'on',
    hours_de: f.hours_de ?? '',
    hours_en: f.hours_en ?? '',
    emergency: f.emergency === 'on',
    first_screen: f.first_screen === 'on',
    sort_order: f.sort_order ?? '',
    checked_on: f.checked_on ?? '',
  };
}

/** The typed input as the rules read it: an empty sort order is no number at all. */
export function rulesInput(f: HelplineFormInput): Record<HelplineField, unknown> {
  return { ...typedValues(f), sort_order: f.sort_order?.trim() ? f.sort_order : Number.NaN };
}

/**
 * The languages a helpline is translated into: every offered language but
 * German and English, which the helpline form itself holds.
 */
export function translationLocales(): Locale[] {
  return offeredLocales().filter((l) => l !== 'de' && l !== 'en');
}

/** The translation form's field names for one language. */
export const translationFields = (locale: string) => ({ name: `name_${locale}`, description: `description_${locale}` });

/** Shape and rules of the translation form for these languages: known fields only, each optional, bounded. */
const translationSchemas = new Map<
  string,
  { shape: z.ZodType<Record<string, string | undefined>>; rules: z.ZodType<Record<string, string>> }
>();

export function translationSchema(locales: readonly string[]) {
  const id = locales.join(' ');
  let s = translationSchemas.get(id);
  if (!s) {
    const shape: Record<string, typeof raw> = {};
    const rules: Record<string, ReturnType<typeof text>> = {};
    for (const l of locales) {
      const f = translationFields(l);
      shape[f.name] = raw;
      shape[f.description] = raw;
      rules[f.name] = text(200);
      rules[f.description] = text(1000);
    }
    s = {
      shape: z.strictObject({ ...csrfField, ...shape }) as unknown as z.ZodType<Record<string, string | undefined>>,
      // A field the form did not send is an empty one: the translation is removed.
      rules: z.object(rules) as unknown as z.ZodType<Record<string, string>>,
    };
    translationSchemas.set(id, s);
  }
  return s;
}
