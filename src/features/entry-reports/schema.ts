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
    .optional()
    .default('')
    .transform((s) => s.replace(/\r\n?/g, '\n').trim()),
  [HONEYPOT]: z.string().max(500).optional().default(''),
  /** The signed time the form was handed out (spam.ts). */
  issued: z.string().max(200).optional().default(''),
  /** The list the reader came from, to offer the way back afterwards (validated again on use). */
  from: z.string().max(1000).optional(),
});

export type ReportForm = z.infer<typeof reportFormSchema>;
