/**
 * The shape of the entry form's POST body, checked before anything else:
 * only the form's own fields, each a bounded string (or list of strings for
 * checkbox groups). An unknown field is refused as a whole (400) instead of
 * being ignored, so nobody can slip in ids, names or the verification date
 * (no mass assignment). Whether the *values* are allowed is not decided
 * here but by the import's entry schema (form-model.ts), so the form and the
 * import can never disagree.
 */
import { z } from 'zod';
import { csrfField } from '../../platform/auth/csrf.ts';
import type { PhoneType } from '../../platform/db/schema.ts';
import { PHONE_TYPES } from '../directory/entry.ts';

/** Opening-hour rows the form offers (and accepts) at most. */
export const MAX_HOUR_ROWS = 10;
/**
 * The contact kinds the form offers, in the order a counselling centre needs
 * them. 'pager' is not among them (nobody reaches a centre by pager); a row
 * that already has it keeps it, see contactKindsFor.
 */
const FORM_CONTACT_TYPES = [
  'voice',
  'cell',
  'text',
  'video',
  'signal',
  'whatsapp',
  'telegram',
  'threema',
  'fax',
  'textphone',
] as const satisfies readonly PhoneType[];

/** The kinds to offer for a row whose kind is `current`: a stored kind the form no longer offers stays choosable. */
export function contactKindsFor(current: string): readonly PhoneType[] {
  const known = (PHONE_TYPES as readonly string[]).includes(current);
  return known && !(FORM_CONTACT_TYPES as readonly string[]).includes(current)
    ? [...FORM_CONTACT_TYPES, current as PhoneType]
    : FORM_CONTACT_TYPES;
}

/** Phone rows the form offers (and accepts) at most. */
export const MAX_PHONE_ROWS = 6;
/** Empty rows shown below the filled ones, and the least number of rows shown. */
export const MIN_HOUR_ROWS = 5;
export const MIN_PHONE_ROWS = 3;

export type HourRow = { days: string[]; opens: string; closes: string; note: string };
export type PhoneRow = { number: string; type: string; description: string };

/** What a person typed, exactly (re-shown unchanged when there are errors). */
export type EntryForm = {
  description: string;
  email: string;
  website: string;
  targetGroups: string[];
  exploitation: string[];
  languages: string[];
  accessibility: string[];
  address_1: string;
  postal_code: string;
  city: string;
  address_protected: boolean;
  minimum_age: string;
  maximum_age: string;
  hours: HourRow[];
  phones: PhoneRow[];
};

const LIST_FIELDS = ['targetGroups', 'exploitation', 'languages', 'accessibility'] as const;
export const TEXT_FIELDS = [
  'description',
  'email',
  'website',
  'address_1',
  'postal_code',
  'city',
  'minimum_age',
  'maximum_age',
] as const;
export const HOUR_PARTS = ['days', 'opens', 'closes', 'note'] as const;
export const PHONE_PARTS = ['number', 'type', 'description'] as const;

/** Form field names of a row, e.g. `hours_2_opens`, `phone_0_number`. */
export const hourField = (i: number, part: (typeof HOUR_PARTS)[number]) => `hours_${i}_${part}`;
export const phoneField = (i: number, part: (typeof PHONE_PARTS)[number]) => `phone_${i}_${part}`;

// Generous bounds: the entry schema gives the precise, explained limits; these
// only stop absurd bodies before any work is done.
const text = z.string().max(25_000).optional();
const short = z.string().max(100);
const list = z.union([short, z.array(short).max(60)]).optional();

function bodySchema() {
  const shape: Record<string, z.ZodType> = {
    ...csrfField,
    address_protected: z.enum(['1']).optional(),
  };
  for (const f of TEXT_FIELDS) shape[f] = text;
  for (const f of LIST_FIELDS) shape[f] = list;
  for (let i = 0; i < MAX_HOUR_ROWS; i++) {
    shape[hourField(i, 'days')] = list;
    shape[hourField(i, 'opens')] = text;
    shape[hourField(i, 'closes')] = text;
    shape[hourField(i, 'note')] = text;
  }
  for (let i = 0; i < MAX_PHONE_ROWS; i++) {
    shape[phoneField(i, 'number')] = text;
    shape[phoneField(i, 'type')] = text;
    shape[phoneField(i, 'description')] = text;
  }
  return z.strictObject(shape);
}

/** The raw body schema (strict: an unknown field fails). */
export const entryFormBody = bodySchema();

type Body = Record<string, string | string[] | undefined>;

const asList = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const asText = (v: string | string[] | undefined): string => (typeof v === 'string' ? v : '');

/** Turn a body that passed `entryFormBody` into the form's values. */
export function formFromBody(body: Body): EntryForm {
  const hours: HourRow[] = [];
  for (let i = 0; i < MAX_HOUR_ROWS; i++) {
    hours.push({
      days: asList(body[hourField(i, 'days')]),
      opens: asText(body[hourField(i, 'opens')]),
      closes: asText(body[hourField(i, 'closes')]),
      note: asText(body[hourField(i, 'note')]),
    });
  }
  const phones: PhoneRow[] = [];
  for (let i = 0; i < MAX_PHONE_ROWS; i++) {
    phones.push({
      number: asText(body[phoneField(i, 'number')]),
      type: asText(body[phoneField(i, 'type')]),
      description: asText(body[phoneField(i, 'description')]),
    });
  }
  return {
    description: asText(body.description),
    email: asText(body.email),
    website: asText(body.website),
    targetGroups: asList(body.targetGroups),
    exploitation: asList(body.exploitation),
    languages: asList(body.languages),
    accessibility: asList(body.accessibility),
    address_1: asText(body.address_1),
    postal_code: asText(body.postal_code),
    city: asText(body.city),
    address_protected: body.address_protected === '1',
    minimum_age: asText(body.minimum_age),
    maximum_age: asText(body.maximum_age),
    hours: trimRows(hours, hourBlank, MIN_HOUR_ROWS),
    phones: trimRows(phones, phoneBlank, MIN_PHONE_ROWS),
  };
}

/**
 * The body a browser posts for `form` (the inverse of formFromBody; empty
 * fields and unchecked boxes are left out, as browsers do). For tests and tools.
 */
export function bodyFromForm(form: EntryForm): Record<string, string | string[]> {
  const body: Record<string, string | string[]> = {};
  const put = (k: string, v: string | string[]) => {
    if (Array.isArray(v) ? v.length > 0 : v !== '') body[k] = v;
  };
  for (const k of TEXT_FIELDS) put(k, form[k]);
  for (const k of LIST_FIELDS) put(k, form[k]);
  if (form.address_protected) body.address_protected = '1';
  form.hours.forEach((r, i) => {
    put(hourField(i, 'days'), r.days);
    put(hourField(i, 'opens'), r.opens);
    put(hourField(i, 'closes'), r.closes);
    put(hourField(i, 'note'), r.note);
  });
  form.phones.forEach((r, i) => {
    put(phoneField(i, 'number'), r.number);
    put(phoneField(i, 'type'), r.type);
    put(phoneField(i, 'description'), r.description);
  });
  return body;
}

/** An opening-hours row nobody typed into. */
export const hourBlank = (r: HourRow) => r.days.length === 0 && !r.opens.trim() && !r.closes.trim() && !r.note.trim();
/** A phone row nobody typed into (a type alone is the select's default, not something typed). */
export const phoneBlank = (r: PhoneRow) => !r.number.trim() && !r.description.trim();

/**
 * Keep the rows up to the last filled one, plus empty rows up to `min`
 * (positions are kept: an error names the row the person typed in).
 */
function trimRows<T>(rows: T[], blank: (r: T) => boolean, min: number): T[] {
  let last = -1;
  rows.forEach((r, i) => {
    if (!blank(r)) last = i;
  });
  return rows.slice(0, Math.max(last + 1, Math.min(min, rows.length)));
}
