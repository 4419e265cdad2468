/**
 * The guide's form. Strict (an unknown field is a 400), every string bounded;
 * the ticked indicators must be keys of the published guide the form is
 * checked against, so the allow-list is built per guide version.
 */
import { z } from 'zod';
import { EXPLOITATION_FORMS, type ExploitationForm } from '../directory/taxonomies.ts';
import type { GuideView } from './result.ts';

/** The forms of exploitation the guide asks about: the finder's keys, without organ removal, which no centre lists as its field. */
export const GUIDE_FORMS = EXPLOITATION_FORMS.filter(
  (f): f is Exclude<ExploitationForm, 'organ_removal'> => f !== 'organ_removal',
);

/** The finder's place field: a postcode or a town, at most 100 characters. */
export const MAX_PLACE = 100;

const place = z.string().trim().max(MAX_PLACE, `place or postcode is too long (${MAX_PLACE} characters at most)`);

/** One checkbox ticked arrives as a string, several as an array. */
function keysOf(keys: readonly [string, ...string[]]) {
  return z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]))
    .pipe(
      z
        .array(z.enum(keys, { error: (iss) => `unknown indicator “${String(iss.input).slice(0, 60)}”` }))
        .max(keys.length),
    )
    .transform((v) => [...new Set(v)]);
}

const schemas = new Map<string, ReturnType<typeof buildSchema>>();

function buildSchema(keys: readonly [string, ...string[]]) {
  return z.strictObject({
    observed: keysOf(keys),
    place: place.optional().default(''),
    form: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(z.enum(GUIDE_FORMS, { error: (iss) => `unknown form of exploitation “${String(iss.input)}”` }).optional()),
    /** Instead of the evaluation: 'checklist', the printable checklist; 'edit', the form filled in as sent. */
    view: z
      .string()
      .optional()
      .transform((v) => (v ? v : undefined))
      .pipe(z.enum(['checklist', 'edit'], { error: 'unknown view' }).optional()),
  });
}

/** The schema of the form for `guide`, one per published version. */
export function guideFormSchema(guide: GuideView) {
  let schema = schemas.get(guide.versionId);
  if (!schema) {
    const keys = guide.groups.flatMap((g) => g.indicators.map((i) => i.key));
    // A guide always has indicators; the sentinel keeps an empty one from accepting anything.
    schema = buildSchema(keys.length > 0 ? (keys as [string, ...string[]]) : ['\u0000']);
    // Versions are few and change rarely; a new one replaces the rest.
    if (schemas.size > 8) schemas.clear();
    schemas.set(guide.versionId, schema);
  }
  return schema;
}
