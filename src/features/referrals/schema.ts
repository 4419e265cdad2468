/**
 * What a referral says, and the public form that makes one.
 *
 * `referralPayloadSchema` is the ONE JSON document that is encrypted per
 * referral (crypto.ts): everything about the sender and the person. It is
 * checked again after decryption, so a payload of an older or foreign shape
 * never reaches a page unchecked. Every string is bounded; objects are
 * strict.
 *
 * The plain columns beside it (urgency, forwarding consent, status, decline
 * reason code) are listed here too, as the fixed lists they are.
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
export type OrganisationType = (typeof ORGANISATION_TYPES)[number];

/**
 * What the person agreed to (the helplines' consent levels): the centre may
 * contact the person; the professional may discuss the case with the centre
 * but names no one; an anonymous consultation of the professional only; no
 * consent at all — only for a minor or in imminent danger.
 */
export const CONSENT_LEVELS = ['share_contact', 'confidential', 'anonymous', 'none'] as const;
export type ConsentLevel = (typeof CONSENT_LEVELS)[number];
export const NO_CONSENT_REASONS = ['minor', 'imminent_danger'] as const;
export type NoConsentReason = (typeof NO_CONSENT_REASONS)[number];

export const URGENCIES = ['immediate', 'days', 'no_rush'] as const;
export type Urgency = (typeof URGENCIES)[number];

export const REFERRAL_STATUSES = ['received', 'accepted', 'forwarded', 'declined', 'closed'] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

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
export type PersonLanguage = (typeof PERSON_LANGUAGES)[number];

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
export const indicatorKey = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,63}$/, 'not an indicator key');

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
