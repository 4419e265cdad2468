/**
 * The receiving centre's forms: strict (an unknown field is a 400), every
 * string bounded. The decline note is the only free text staff write about
 * a referral; it is stored encrypted under the referral's data key, or not
 * at all when left empty.
 */
import { z } from 'zod';
import { csrfField } from '../../platform/auth/csrf.ts';
import { DECLINE_REASONS } from './schema.ts';

export const MAX_DECLINE_NOTE = 500;

export const referralParams = z.object({ lang: z.string(), id: z.string().max(100) });

/** Accept, close: nothing but the CSRF token. */
export const decisionForm = z.strictObject({ ...csrfField });

export const declineForm = z.strictObject({
  ...csrfField,
  reason: z.enum(DECLINE_REASONS),
  note: z
    .string()
    .max(MAX_DECLINE_NOTE)
    // Line breaks and tabs are text; other control characters are not (and PostgreSQL cannot store U+0000).
    // eslint-disable-next-line no-control-regex
    .refine((s) => !/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(s), 'control characters are not allowed')
    .optional()
    .default('')
    .transform((s) => s.replace(/\r\n?/g, '\n').trim()),
});

export const forwardForm = z.strictObject({ ...csrfField, centre: z.uuid().transform((s) => s.toLowerCase()) });

/** What a page says after a decision (Post/Redirect/Get). */
export const detailQuery = z.strictObject({ done: z.enum(['accepted', 'declined', 'closed']).optional() });

/** The inbox after a forwarding says so once. */
export const inboxQuery = z.strictObject({ forwarded: z.literal('1').optional() });
