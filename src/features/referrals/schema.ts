/**
 * What a referral says, and the public form that makes one.
 *
 * `referralPayloadSchema` is the ONE JSON document that is encrypted per
 * referral (crypto.ts): everything about the sender and the person. It is
 * checked again after decryption, so a payload of an older or foreign shape
 * never reaches a page unchecked. Every string is bounded; objects are
 * strict.
 *
 * The plain columns beside it (urgency, forwarding consent, decline reason
 * code) are listed here too, as the fixed lists they are; the statuses are
 * the database's (platform/db/schema.ts).
 */
import { z } from 'zod';

/** Who refers: the professional's kind of organisation. */
export const ORGANISATION_TYPES = [
  'jugendamt',
  'refugee_counselling',
  'reception_centre',
  'asylum_authority',
  'health',
  'school',
  'police',
  'other',
] as const;

/**
 * What the person agreed to (the helplines' consent levels): the centre may
 * contact the person; the professional may discuss the case with the centre
 * but names no one; an anonymous consultation of the professional only; no
 * consent at all — only for a minor or in imminent danger.
 */
export const CONSENT_LEVELS = ['share_contact', 'confidential', 'anonymous', 'none'] as const;
export const NO_CONSENT_REASONS = ['minor', 'imminent_danger'] as const;

export const URGENCIES = ['immediate', 'days', 'no_rush'] as const;
export type Urgency = (typeof URGENCIES)[number];

/** Why a centre declined; shown to the sender on the status page. Free text beside it is encrypted. */
export const DECLINE_REASONS = [
  'no_capacity',
  'not_responsible',
  'language',
  'region',
  'unreachable',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

/**
 * Languages a person may speak, as ISO 639 codes; their names come from
 * Intl.DisplayNames in the reader's language. The languages of people who
 * most often reach the network, and every language the site is offered in.
 */
export const PERSON_LANGUAGES = [
  'de',
  'en',
  'ar',
  'fa',
  'prs',
  'ps',
  'ku',
  'tr',
  'ru',
  'uk',
  'ro',
  'bg',
  'hu',
  'pl',
  'sq',
  'sr',
  'fr',
  'es',
  'pt',
  'it',
  'vi',
  'zh',
  'th',
  'ur',
  'bn',
  'hi',
  'ti',
  'am',
  'so',
  'ha',
  'ig',
  'yo',
  'pcm',
  'ln',
  'sw',
  'ka',
  'hy',
] as const;

export const LIMITS = {
  name: 200,
  organisation: 200,
  phone: 40,
  email: 254,
  message: 2000,
  languages: 8,
  observed: 60,
  indicatorKey: 64,
} as const;

// Line breaks and tabs are text; other control characters are not (and PostgreSQL cannot store U+0000).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const LINE_CONTROL = /[\u0000-\u001f\u007f]/;

/** One line of text: trimmed, bounded, no control characters. */
const line = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((s) => !LINE_CONTROL.test(s), 'control characters are not allowed')
    .transform((s) => s.trim());

/** An indicator's key in the guide (e.g. `adult.documents`). */
const indicatorKey = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'not an indicator key');

const PHONE = /^\+?[0-9 ()/.-]{3,40}$/;

/** The encrypted document: sender, person, the guide's findings, the message. */
export const referralPayloadSchema = z.strictObject({
  sender: z.strictObject({
    name: line(LIMITS.name).pipe(z.string().min(1)),
    organisation: line(LIMITS.organisation).pipe(z.string().min(1)),
    organisationType: z.enum(ORGANISATION_TYPES),
    phone: z.string().max(LIMITS.phone).regex(PHONE).nullable(),
    email: z.email().max(LIMITS.email).nullable(),
  }),
  person: z.strictObject({
    languages: z.array(z.enum(PERSON_LANGUAGES)).max(LIMITS.languages),
    consent: z.enum(CONSENT_LEVELS),
    noConsentReason: z.enum(NO_CONSENT_REASONS).nullable(),
  }),
  guide: z
    .strictObject({
      versionId: z.uuid(),
      observed: z.array(indicatorKey).max(LIMITS.observed),
    })
    .nullable(),
  message: z
    .string()
    .max(LIMITS.message)
    .refine((s) => !CONTROL.test(s)),
  /** The language the professional wrote in, so the centre knows how to read the message. */
  locale: z.string().regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})?$/),
});
export type ReferralPayload = z.infer<typeof referralPayloadSchema>;

/** The honeypot: a field no person sees (hidden by CSS, skipped by keyboard and screen readers), which robots fill. */
export const HONEYPOT = 'website';

/** A checkbox group's value: absent, one value, or several (the form posts repeated fields). */
const manyOf = <T extends readonly [string, ...string[]]>(values: T, max: number) =>
  z
    .union([z.enum(values), z.array(z.enum(values)).max(max, `at most ${max}`)])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? [...new Set(v)] : [v]));

const optionalLine = (max: number) =>
  line(max)
    .optional()
    .transform((s) => s ?? '');

/** Comma-separated indicator keys, as the guide posts them. */
const observedList = z
  .string()
  .max(LIMITS.observed * (LIMITS.indicatorKey + 1), 'too many indicators')
  .transform((s) =>
    s
      .split(',')
      .map((k) => k.trim())
      .filter((k) => k !== ''),
  )
  .pipe(z.array(indicatorKey).max(LIMITS.observed, `at most ${LIMITS.observed} indicators`))
  .transform((keys) => [...new Set(keys)]);

/** What the guide posts to open a pre-filled form (nothing is stored). */
export const prefillSchema = z.strictObject({
  centre: z.uuid().optional(),
  guide: z.uuid().optional(),
  observed: observedList.optional(),
});

export const newFormQuery = z.strictObject({ centre: z.uuid().optional() });

/**
 * The referral form as posted. Strict (an unknown field is a 400), every
 * string bounded; the rules that tie fields together (at least one way to
 * reach the sender; no consent only with a reason) are refinements so that
 * each names the field it belongs to.
 */
export const referralFormSchema = z
  .strictObject({
    name: line(LIMITS.name).pipe(z.string().min(1, 'required')),
    organisation: line(LIMITS.organisation).pipe(z.string().min(1, 'required')),
    organisationType: z.enum(ORGANISATION_TYPES),
    phone: optionalLine(LIMITS.phone).pipe(z.union([z.literal(''), z.string().regex(PHONE, 'not a phone number')])),
    email: optionalLine(LIMITS.email).pipe(z.union([z.literal(''), z.email('not an e-mail address')])),
    centre: z.uuid(),
    consent: z.enum(CONSENT_LEVELS),
    noConsentReason: z.enum(NO_CONSENT_REASONS).optional(),
    languages: manyOf(PERSON_LANGUAGES, LIMITS.languages),
    urgency: z.enum(URGENCIES),
    forwarding: z.enum(['yes', 'no']),
    guide: z.uuid().optional(),
    observed: observedList.optional(),
    /** Whether to send the guide's summary along (the professional decides). */
    includeGuide: z.literal('yes').optional(),
    message: z
      .string()
      .max(LIMITS.message, `at most ${LIMITS.message} characters`)
      .refine((s) => !CONTROL.test(s), 'control characters are not allowed')
      .optional()
      .transform((s) => (s ?? '').replace(/\r\n?/g, '\n').trim()),
    [HONEYPOT]: z.string().max(500).optional().default(''),
    /** The signed time the form was handed out (spam.ts). */
    issued: z.string().min(1).max(200),
  })
  .superRefine((f, ctx) => {
    if (f.phone === '' && f.email === '')
      ctx.addIssue({ code: 'custom', path: ['contact'], message: 'a phone number or an e-mail address is required' });
    if (f.consent === 'none' && f.noConsentReason === undefined)
      ctx.addIssue({ code: 'custom', path: ['noConsentReason'], message: 'a reason is required without consent' });
  });
export type ReferralForm = z.infer<typeof referralFormSchema>;

/** The payload a valid form becomes (what is encrypted). */
export function payloadOf(form: ReferralForm, locale: string): ReferralPayload {
  const guide =
    form.includeGuide === 'yes' && form.guide !== undefined
      ? { versionId: form.guide, observed: form.observed ?? [] }
      : null;
  return {
    sender: {
      name: form.name,
      organisation: form.organisation,
      organisationType: form.organisationType,
      phone: form.phone === '' ? null : form.phone,
      email: form.email === '' ? null : form.email,
    },
    person: {
      languages: form.languages,
      consent: form.consent,
      noConsentReason: form.consent === 'none' ? (form.noConsentReason ?? null) : null,
    },
    guide,
    message: form.message,
    locale,
  };
}

/** Receipt codes as typed: letters, digits, spaces and hyphens (receipt.ts normalises them). */
export const statusFormSchema = z.strictObject({
  code: z
    .string()
    .max(64)
    .regex(/^[A-Za-z0-9 -]*$/, 'not a receipt code'),
});
