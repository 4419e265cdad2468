/**
 * The reporting-year forms. Two steps like every staff form: the shape
 * (known fields only, bounded; a forged or broken request is a 400), then
 * the rules a person can break while typing, each reported next to its
 * field in the reader's language.
 */
import { z } from 'zod';
import { csrfField } from '../../platform/auth/csrf.ts';
import { issueMessage } from '../../platform/http/validation.ts';

export const FIRST_YEAR = 2000;
export const LAST_YEAR = 2100;
export const MAX_REASON = 500;

const raw = (max: number) => z.string().max(max).optional();

/** The year in the path: anything but a year the table can hold is as unknown as a missing one. */
export const yearParams = z.object({ lang: z.string(), year: z.string().max(20) });

export const listQuery = z.strictObject({ done: z.enum(['opened']).optional() });
export const yearQuery = z.strictObject({ done: z.enum(['opened', 'closed', 'reopened']).optional() });

export const openFormShape = z.strictObject({ ...csrfField, year: raw(20), release_deadline: raw(20) });
export const closeFormShape = z.strictObject({ ...csrfField, confirm: raw(10) });
export const reopenFormShape = z.strictObject({ ...csrfField, reason: raw(5000), release_deadline: raw(20) });

const isDate = (s: string) => {
  const d = new Date(`${s}T00:00:00Z`);
  return /^\d{4}-\d{2}-\d{2}$/.test(s) && !Number.isNaN(d.getTime()) && d.toISOString().startsWith(s);
};

/** A date 'YYYY-MM-DD' that is not before `today` (Berlin). */
const deadline = (today: string) =>
  z
    .string()
    .trim()
    .min(1)
    .refine(isDate, { message: 'must be a date YYYY-MM-DD', params: issueMessage('validation', 'date') })
    .refine((s) => !isDate(s) || s >= today, {
      message: 'must not be in the past',
      params: issueMessage('reportingYears', 'problem.deadlinePast'),
    });

const yearNumber = z
  .string()
  .trim()
  .min(1)
  .refine((s) => /^\d{4}$/.test(s) && Number(s) >= FIRST_YEAR && Number(s) <= LAST_YEAR, {
    message: 'must be a year from 2000 to 2100',
    params: issueMessage('reportingYears', 'problem.year'),
  })
  .transform(Number);

export const openRules = (today: string) =>
  z
    .object({ year: yearNumber, release_deadline: deadline(today) })
    .refine((v) => v.release_deadline >= `${v.year}-01-01`, {
      path: ['release_deadline'],
      message: 'must not be before the year begins',
      params: issueMessage('reportingYears', 'problem.deadlineBeforeYear'),
    });

export const closeRules = z.object({
  confirm: z
    .string()
    .optional()
    .refine((v) => v === 'yes', {
      message: 'must be confirmed',
      params: issueMessage('reportingYears', 'problem.confirm'),
    }),
});

export const reopenRules = (today: string) =>
  z.object({
    reason: z
      .string()
      .trim()
      .min(1)
      .max(MAX_REASON)
      .refine((s) => !/\p{Cc}/u.test(s.replace(/[\r\n\t]/g, ' ')), {
        message: 'contains a control character',
        params: issueMessage('validation', 'controlCharacter'),
      }),
    release_deadline: deadline(today),
  });
