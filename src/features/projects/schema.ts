/**
 * The forms of projects, funders and measures: strict (an unknown field is
 * a 400), every string bounded, empty optional fields stored as null.
 */
import { z } from 'zod';
import { csrfField } from '../../platform/auth/csrf.ts';
import { MEASURE_KINDS, PROJECT_STATUSES, REGIONS } from './vocabulary.ts';

const text = (max: number) => z.string().trim().min(1).max(max);
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .optional()
    .transform((s) => (s ? s : null));
const day = z.iso.date();
const optionalDay = z
  .union([z.literal(''), z.iso.date()])
  .optional()
  .transform((s) => (s ? s : null));
const checkbox = z
  .literal('on')
  .optional()
  .transform((v) => v === 'on');
/** Not an address: the contact goes through the contact form only. */
const noAddress = (max: number) =>
  optionalText(max).refine((s) => s === null || !s.includes('@'), 'must not contain an e-mail address');

export const projectForm = z
  .strictObject({
    ...csrfField,
    slug: z
      .string()
      .trim()
      .min(1)
      .max(80)
      .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
    title: text(200),
    goal: text(1000),
    summary: z.string().trim().max(5000).default(''),
    starts_on: day,
    ends_on: optionalDay,
    status: z.enum(PROJECT_STATUSES),
    published: checkbox,
    contact_name: noAddress(200),
    contact_role: noAddress(200),
    funders: z
      .union([z.uuid(), z.array(z.uuid()).max(50)])
      .optional()
      .transform((v) => (v === undefined ? [] : Array.isArray(v) ? [...new Set(v)] : [v])),
  })
  .refine((f) => f.ends_on === null || f.ends_on >= f.starts_on, {
    path: ['ends_on'],
    message: 'must not be before the start',
  });

export const funderForm = z.strictObject({
  ...csrfField,
  name: text(200),
  credit_line: text(300),
  url: z
    .union([z.literal(''), z.url({ protocol: /^https$/ }).max(500)])
    .optional()
    .transform((s) => (s ? s : null)),
});

export const measureForm = z
  .strictObject({
    ...csrfField,
    title: text(200),
    description: text(2000),
    kind: z.enum(MEASURE_KINDS),
    region: z.enum(REGIONS),
    starts_on: day,
    ends_on: optionalDay,
  })
  .refine((f) => f.ends_on === null || f.ends_on >= f.starts_on, {
    path: ['ends_on'],
    message: 'must not be before the start',
  });

export const reviewForm = z
  .strictObject({
    ...csrfField,
    decision: z.enum(['accepted', 'returned']),
    note: optionalText(1000),
    project_id: z
      .union([z.literal(''), z.uuid()])
      .optional()
      .transform((s) => (s ? s : null)),
    shown: checkbox,
  })
  .refine((f) => f.decision === 'accepted' || f.note !== null, {
    path: ['note'],
    message: 'a returned measure needs a note',
  })
  .refine((f) => !f.shown || (f.decision === 'accepted' && f.project_id !== null), {
    path: ['shown'],
    message: 'only an accepted measure with a project can be shown',
  });

export const emptyForm = z.strictObject({ ...csrfField });
