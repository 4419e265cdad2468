/**
 * The finder's query string. Every parameter is allow-listed; unknown ones
 * are ignored (links from other sites add tracking parameters we must not
 * fail on), known ones with bad values are a clear 400.
 */
import { z } from 'zod';
import { STATES, type StateCode } from '../geo/states.ts';
import {
  ACCESSIBILITY_FEATURES,
  EXPLOITATION_FORMS,
  SERVICE_LANGUAGES,
  TARGET_GROUPS,
} from '../directory/taxonomies.ts';

/** A repeated query parameter arrives as an array, a single one as a string. */
const many = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z
    .union([z.string(), z.array(z.string())])
    .optional()
    .transform((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]).filter((x) => x !== ''))
    .pipe(z.array(z.enum(values, { error: (iss) => `unknown ${label} “${String(iss.input)}”` })).max(values.length))
    .transform((v) => [...new Set(v)]);

const stateCodes = STATES.map((s) => s.code) as [StateCode, ...StateCode[]];

export const finderQuerySchema = z.object({
  q: z.string().trim().max(100, 'place or postcode is too long (100 characters at most)').optional().default(''),
  state: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.enum(stateCodes, { error: (iss) => `unknown federal state “${String(iss.input)}”` }).optional()),
  tg: many(TARGET_GROUPS, 'target group'),
  ex: many(EXPLOITATION_FORMS, 'form of exploitation'),
  lang: many(SERVICE_LANGUAGES, 'language'),
  acc: many(ACCESSIBILITY_FEATURES, 'accessibility feature'),
  page: z.coerce
    .number({ error: 'page must be a number' })
    .int('page must be a whole number')
    .min(1)
    .max(1000)
    .optional()
    .default(1),
  /** 'remote': list every service reachable from anywhere instead of the local results. */
  group: z
    .string()
    .optional()
    .transform((v) => (v ? v : undefined))
    .pipe(z.enum(['remote'], { error: (iss) => `unknown result group “${String(iss.input)}”` }).optional()),
});

export type FinderQuery = z.infer<typeof finderQuerySchema>;

/** Back to a query string, for pager and filter-relaxing links. */
export function toSearchParams(q: Partial<FinderQuery>): string {
  const p = new URLSearchParams();
  if (q.q) p.set('q', q.q);
  if (q.state) p.set('state', q.state);
  for (const v of q.tg ?? []) p.append('tg', v);
  for (const v of q.ex ?? []) p.append('ex', v);
  for (const v of q.lang ?? []) p.append('lang', v);
  for (const v of q.acc ?? []) p.append('acc', v);
  if (q.group) p.set('group', q.group);
  if (q.page && q.page > 1) p.set('page', String(q.page));
  return p.toString();
}
