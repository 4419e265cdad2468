/**
 * The public contact form. Strict: an unknown field is a 400. Every text is
 * bounded here and again by the table's CHECKs (migrations/0032); the
 * honeypot field (named like a field people would fill, hidden from them)
 * must stay empty.
 */
import { z } from 'zod';

export const MAX_NAME = 200;
export const MAX_REPLY_TO = 254;
export const MAX_SUBJECT = 200;
export const MAX_MESSAGE = 5000;
/** The honeypot: a field no person sees (hidden by CSS, skipped by keyboard and screen readers), which robots fill. */
export const HONEYPOT = 'website';

// Line breaks and tabs are text; other control characters are not (and PostgreSQL cannot store U+0000).
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
// eslint-disable-next-line no-control-regex
const LINE_CONTROL = /[\u0000-\u001f\u007f]/;

/** One line of text, trimmed; empty becomes null. */
const line = (max: number) =>
  z
    .string()
    .max(max, `at most ${max} characters`)
    .refine((s) => !LINE_CONTROL.test(s), 'control characters are not allowed')
    .optional()
    .default('')
    .transform((s) => s.trim() || null);

export const contactFormSchema = z.strictObject({
  name: line(MAX_NAME),
  /** An e-mail address or a phone number, as the person writes it: free text, never used to send anything. */
  // Counted in characters as PostgreSQL's CHECK counts them, not in UTF-16 units (an emoji is one).
  reply_to: line(MAX_REPLY_TO).refine((s) => s === null || [...s].length >= 3, 'at least 3 characters'),
  subject: line(MAX_SUBJECT).refine((s) => s !== null, 'required'),
  message: z
    .string()
    .max(MAX_MESSAGE, `at most ${MAX_MESSAGE} characters`)
    .refine((s) => !CONTROL.test(s), 'control characters are not allowed')
    .transform((s) => s.replace(/\r\n?/g, '\n').trim())
    .refine((s) => s.length > 0, 'required'),
  /** The project the message is about, by its public slug (kept from the page's `?project=`). */
  project: z
    .string()
    .max(80)
    .regex(/^([a-z0-9]+(-[a-z0-9]+)*)?$/)
    .optional()
    .default(''),
  [HONEYPOT]: z.string().max(500).optional().default(''),
  /** The signed time the form was handed out (platform/http/public-form.ts). */
  issued: z.string().min(1).max(200),
});

/** `?project=<slug>` on the public page; anything else in the query is ignored there (links from anywhere). */
export const projectSlug = z
  .string()
  .max(80)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
