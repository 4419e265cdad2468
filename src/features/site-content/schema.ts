/**
 * The content forms. The shape first (known fields only, bounded: a forged
 * request is a 400), then the rules a person can break while typing,
 * reported beside their field.
 */
import { z } from 'zod';
import { csrfField } from '../../platform/auth/csrf.ts';
import { issueMessage } from '../../platform/http/validation.ts';
import { PAGE_KEYS } from './queries.ts';

const raw = (max: number) => z.string().max(max).optional();

export const INTENTS = ['preview', 'save', 'schedule', 'publish', 'withdraw'] as const;
export type Intent = (typeof INTENTS)[number];

export const newsFormShape = z.strictObject({
  ...csrfField,
  slug: raw(200),
  locale: raw(5),
  category: raw(60),
  title: raw(1000),
  summary: raw(2000),
  body: raw(60000),
  publish_at: raw(40),
  intent: z.enum(INTENTS),
});

export const pageFormShape = z.strictObject({
  ...csrfField,
  title: raw(1000),
  body: raw(60000),
  publish_at: raw(40),
  intent: z.enum(INTENTS),
});

const text = (max: number) => z.string().trim().min(1).max(max);

export const newsRules = (categoryKeys: readonly string[]) =>
  z.object({
    slug: z
      .string()
      .trim()
      .min(1)
      .max(100)
      .refine((s) => /^[a-z0-9]+(-[a-z0-9]+)*$/.test(s), {
        message: 'invalid slug',
        params: issueMessage('siteContent', 'staff.problem.slug'),
      }),
    locale: z.enum(['de', 'en']),
    category: z.string().refine((c) => categoryKeys.includes(c), {
      message: 'unknown category',
      params: issueMessage('siteContent', 'staff.problem.category'),
    }),
    title: text(200),
    summary: text(500),
    body: text(50000),
  });

export const pageRules = z.object({ title: text(200), body: text(50000) });

export const contactDetailsQuery = z.strictObject({ done: z.literal('saved').optional() });

/** The office's contact details for the public footer: no e-mail field (the contact form stands in). */
export const contactDetailsShape = z.strictObject({
  ...csrfField,
  name: raw(1000),
  address: raw(2000),
  phone: raw(200),
});

export const contactDetailsRules = z.object({
  name: text(200),
  // One line of the postal address per line of the field, empty lines dropped.
  address: z
    .string()
    .transform((s) =>
      s
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter((l) => l !== ''),
    )
    .pipe(z.array(z.string().max(200)).max(6)),
  phone: z
    .string()
    .trim()
    .refine((p) => p === '' || /^\+?[0-9 ()/-]{3,30}$/.test(p), {
      message: 'invalid phone',
      params: issueMessage('siteContent', 'staff.problem.phone'),
    })
    .transform((p) => (p === '' ? null : p)),
});

export const idParams = z.object({ lang: z.string(), id: z.uuid() });
export const revisionParams = z.object({ lang: z.string(), id: z.uuid(), rev: z.uuid() });
export const pageParams = z.object({
  lang: z.string(),
  key: z.enum(PAGE_KEYS as [string, ...string[]]),
  locale: z.enum(['de', 'en']),
});
export const pageRevisionParams = pageParams.extend({ rev: z.uuid() });
export const doneQuery = z.strictObject({
  done: z.enum(['saved', 'published', 'scheduled', 'withdrawn']).optional(),
});

export const newsListQuery = z.strictObject({
  category: z
    .string()
    .regex(/^[a-z][a-z0-9-]{0,39}$/)
    .optional(),
  page: z
    .string()
    .regex(/^[1-9]\d{0,3}$/)
    .transform(Number)
    .optional(),
});

export const slugParams = z.object({
  lang: z.string(),
  slug: z.string().max(100),
});
