/**
 * The tracker's queries and forms, strict (an unknown field is a 400) and
 * bounded, validated against the vocabulary the database's CHECKs share.
 */
import { z } from 'zod';
import { csrfField } from '../../platform/auth/csrf.ts';
import { issueMessage } from '../../platform/http/validation.ts';
import {
  ADDRESSEE_KINDS,
  ADDRESSEE_STATUSES,
  AFFECTED_GROUPS,
  ASSESSMENT_STATUSES,
  EVIDENCE_KINDS,
  SLUG_PATTERN,
  SOURCE_KINDS,
  STRENGTHS,
  THEMES,
} from './vocabulary.ts';

/** An optional choice: absent or empty ("all") is no filter. */
const choice = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.literal(''), z.enum(values)])
    .optional()
    .transform((v) => (v === '' || v === undefined ? undefined : v));

/** The public list's filters, from the query string (GET form, works without script). */
export const filterSchema = z.strictObject({
  addressee: choice(ADDRESSEE_KINDS),
  assessment: choice(ASSESSMENT_STATUSES),
  response: choice(ADDRESSEE_STATUSES),
  theme: choice(THEMES),
  source: choice(SOURCE_KINDS),
  group: choice(AFFECTED_GROUPS),
});
export type Filters = z.infer<typeof filterSchema>;
export const FILTER_NAMES = ['addressee', 'assessment', 'response', 'theme', 'source', 'group'] as const;

/** Text without control characters but line breaks, trimmed, bounded. */
const text = (max: number, min = 1) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    // Line breaks are text here (a challenge has paragraphs); every other control character is not.
    .refine((s) => !/\p{Cc}/u.test(s.replace(/\r?\n/g, ' ')), {
      message: 'contains a control character',
      params: issueMessage('validation', 'controlCharacter'),
    });
const optionalText = (max: number) => text(max, 0).optional().default('');
const https = z
  .string()
  .trim()
  .max(500)
  .regex(/^(https:\/\/[^\s]+)?$/, { message: 'must start with https://' })
  .optional()
  .transform((v) => (v ? v : null));
const isDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};
const day = z.string().refine(isDate, { message: 'must be a date', params: issueMessage('validation', 'date') });
const optionalDay = z
  .union([z.literal(''), day])
  .optional()
  .transform((v) => (v ? v : null));
/** Checkboxes of one name: none, one (a string) or several (an array). */
const many = <T extends readonly [string, ...string[]]>(values: T) =>
  z
    .union([z.enum(values), z.array(z.enum(values)).max(values.length)])
    .optional()
    .transform((v) => [...new Set(v === undefined ? [] : Array.isArray(v) ? v : [v])] as T[number][]);

export const recommendationForm = z.strictObject({
  ...csrfField,
  slug: z.string().trim().min(3).max(100).regex(SLUG_PATTERN, { message: 'lowercase letters, digits and hyphens' }),
  title: text(200),
  challenge: text(4000),
  body: text(4000),
  addressee_kind: z.enum(ADDRESSEE_KINDS),
  addressee_name: text(200),
  themes: many(THEMES),
  affected_groups: many(AFFECTED_GROUPS),
  // The project the recommendation came out of: '' for none; routes.ts checks that it exists.
  project: z.union([z.literal(''), z.uuid()]).optional(),
});

export const sourceForm = z.strictObject({
  ...csrfField,
  source_kind: z.enum(SOURCE_KINDS),
  strength: z.enum(STRENGTHS),
  title: text(300),
  reference: optionalText(300),
  url: https,
  issued_on: optionalDay,
});

export const statusForm = z
  .strictObject({
    ...csrfField,
    track: z.enum(['addressee', 'assessment']),
    status: z.string().max(40),
    stated_on: day,
    source: text(300),
    url: https,
    note: optionalText(2000),
  })
  .refine((f) => (f.track === 'addressee' ? ADDRESSEE_STATUSES : ASSESSMENT_STATUSES).some((s) => s === f.status), {
    message: 'not a status of this track',
    path: ['status'],
  });

export const evidenceForm = z
  .strictObject({
    ...csrfField,
    kind: z.enum(EVIDENCE_KINDS),
    support: text(1000),
    publication_id: z.union([z.literal(''), z.uuid()]).optional(),
    statistics_year: z.union([z.literal(''), z.coerce.number().int().min(2000).max(2100)]).optional(),
    statistics_table: z.union([z.literal(''), z.string().regex(/^[a-z0-9_]{1,64}$/)]).optional(),
    external_title: z.union([z.literal(''), text(300)]).optional(),
    external_reference: optionalText(300),
    external_url: https,
  })
  .superRefine((f, ctx) => {
    const need = (field: keyof typeof f) => {
      if (f[field] === undefined || f[field] === '')
        ctx.addIssue({ code: 'custom', message: 'needed for this kind of evidence', path: [field] });
    };
    if (f.kind === 'publication') need('publication_id');
    if (f.kind === 'statistics_table') {
      need('statistics_year');
      need('statistics_table');
    }
    if (f.kind === 'external') need('external_title');
  });

export const removeEvidenceForm = z.strictObject({ ...csrfField, evidence: z.uuid() });
export const mergeForm = z.strictObject({ ...csrfField, merged: z.uuid() });
export const csrfOnly = z.strictObject({ ...csrfField });
export const doneQuery = z.strictObject({
  done: z
    .enum(['created', 'saved', 'source', 'status', 'evidence', 'removed', 'published', 'unpublished', 'merged'])
    .optional(),
});
