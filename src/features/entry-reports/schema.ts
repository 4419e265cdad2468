/**
 * The public report form. Strict: an unknown field is a 400. The free text
 * is bounded here and again by the table's CHECK; the honeypot field (named
 * like a field people would fill, hidden from them) must stay empty.
 */
import { z } from 'zod';

export const REPORT_KINDS = ['phone', 'address', 'hours', 'closed', 'other'] as const;
export type ReportKind = (typeof REPORT_KINDS)[number];

export const MAX_MESSAGE = 2000;
/** The honeypot: a field no person sees (hidden by CSS, skipped by keyboard and screen readers), which robots fill. */
export const HONEYPOT = 'website';

export const reportFormSchema = z.strictObject({
  kind: z.enum(REPORT_KINDS, { error: 'choose what is wrong' }),
  message: z
    .string()
    .max(MAX_MESSAGE, `at most ${MAX_MESSAGE} characters`)
    // Line breaks and tabs are text; other control characters are not (and PostgreSQL cannot store U+0000).
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'control characters are not allowed')
    .optional()
    .default('')
    .transform((s) => s.replace(/\r\n?/g, '\n').trim()),
  [HONEYPOT]: z.string().max(500).optional().default(''),
  /** The signed time the form was handed out (spam.ts). */
  issued: z.string().min(1).max(200),
});
