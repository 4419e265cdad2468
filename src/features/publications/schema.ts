/**
 * The library's forms and queries: strict (an unknown field is a 400),
 * every string bounded.
 */
import { z } from 'zod';
import { csrfField } from '../../platform/auth/csrf.ts';
import { EDITION_LANGUAGES, WORK_TYPES } from './queries.ts';

export const MAX_PDF_BYTES = 20 * 1024 * 1024;

const text = (max: number) => z.string().trim().max(max);
/** An optional choice from a select: '' means none. */
const optional = <T extends z.ZodType>(s: T) =>
  z.preprocess((v) => (v === '' ? undefined : v), s.optional()) as unknown as z.ZodOptional<T>;

export const searchQuery = z.strictObject({
  q: z.string().max(200).default(''),
  type: optional(z.enum(WORK_TYPES)),
  language: optional(z.enum(EDITION_LANGUAGES)),
});

const editionFields = {
  language: z.enum(EDITION_LANGUAGES),
  title: text(300).min(1),
  summary: text(4000),
  authors: text(500),
  issued: z.iso.date(),
  licence: text(100),
  visibility: z.enum(['public', 'members']),
};

export const createForm = z.strictObject({ ...csrfField, type: z.enum(WORK_TYPES), ...editionFields });
export const editionForm = z.strictObject({ ...csrfField, ...editionFields });
export const versionForm = z.strictObject({ ...csrfField });
/** An edition's metadata and its work's type (the language stays: it names the edition). */
export const editForm = z.strictObject({
  ...csrfField,
  type: z.enum(WORK_TYPES),
  title: editionFields.title,
  summary: editionFields.summary,
  authors: editionFields.authors,
  issued: editionFields.issued,
  licence: editionFields.licence,
  visibility: editionFields.visibility,
});
/** 'YYYY-MM-DDTHH:MM', Berlin time (a datetime-local field); read by fromBerlinLocal. */
export const scheduleForm = z.strictObject({ ...csrfField, publish_at: z.string().trim().max(40) });
export const statusForm = z.strictObject({ ...csrfField, status: z.enum(['published', 'draft']) });
// The project a work came out of: '' for none; staff-routes.ts checks that it exists.
export const projectForm = z.strictObject({ ...csrfField, project: z.union([z.literal(''), z.uuid()]) });
export const visibilityForm = z.strictObject({ ...csrfField, visibility: z.enum(['public', 'members']) });
export const listQuery = z.strictObject({ done: z.enum(['created']).optional() });
export const workQuery = z.strictObject({
  done: z
    .enum([
      'created',
      'edition',
      'version',
      'published',
      'draft',
      'visibility',
      'project',
      'edited',
      'unchanged',
      'scheduled',
    ])
    .optional(),
  text: z.enum(['read', 'none', 'failed']).optional(),
});

export const uuidParam = z.uuid();
export const slugParam = z
  .string()
  .max(120)
  .regex(/^[a-z0-9]+(-[a-z0-9]+)*$/);
