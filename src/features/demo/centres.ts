/**
 * The fictional counselling centres and member organisations of the demo
 * directory. The table itself is data (centres.json); this module checks it
 * on load and types it, and entries.ts turns each row into a full
 * DirectoryEntry. Everything there is invented: names, streets, people's
 * situations. Only the cities and postcodes are real, so that the finder's
 * place search and map can be tried out.
 */
import { z } from 'zod';
import { SERVICE_STATUSES } from '../directory/entry.ts';
import {
  ACCESSIBILITY_FEATURES,
  EXPLOITATION_FORMS,
  SERVICE_LANGUAGES,
  TARGET_GROUPS,
} from '../directory/taxonomies.ts';
import { STATE_CODES } from '../geo/states.ts';
import table from './centres.json' with { type: 'json' };

/** Opening-hour patterns; see entries.ts for the concrete times. */
const HOURS_PATTERNS = ['office', 'short', 'extended', 'appointment', 'hotline'] as const;
export type HoursPattern = (typeof HOURS_PATTERNS)[number];

const key = z.string().regex(/^[a-z0-9-]+$/);
const text = z.string().min(1);

const organization = z.object({ key, name: text, focus: text }).strict();

const centre = z
  .object({
    /** Stable key: the service id is derived from it, so never rename one. */
    key,
    org: key,
    /** Null for services that work only online or by phone. */
    place: z
      .object({ postcode: z.string().regex(/^\d{5}$/), city: text, state: z.enum(STATE_CODES) })
      .strict()
      .nullable(),
    name: text,
    targetGroups: z.array(z.enum(TARGET_GROUPS)),
    exploitation: z.array(z.enum(EXPLOITATION_FORMS)),
    languages: z.array(z.enum(SERVICE_LANGUAGES)),
    accessibility: z.array(z.enum(ACCESSIBILITY_FEATURES)).optional(),
    hours: z.enum(HOURS_PATTERNS),
    /** Shelter-like centres publish only their city. */
    protected: z.boolean().optional(),
    /** Responsible beyond its own city: its whole state, or all of Germany. */
    areas: z.array(z.enum([...STATE_CODES, 'DE'])).optional(),
    status: z.enum(SERVICE_STATUSES).optional(),
    alert: text.optional(),
    /** Days before "today" the entry was last verified; over 365 means overdue. */
    assuredDaysAgo: z.number().int().positive(),
    minimumAge: z.number().int().nonnegative().optional(),
    maximumAge: z.number().int().positive().optional(),
    /** One extra sentence for the description. */
    note: text.optional(),
  })
  .strict();

export type DemoCentre = z.infer<typeof centre>;

const demoTable = z
  .object({ organizations: z.array(organization), centres: z.array(centre) })
  .strict()
  .superRefine(({ organizations, centres }, ctx) => {
    const orgKeys = new Set(organizations.map((o) => o.key));
    if (orgKeys.size !== organizations.length) ctx.addIssue({ code: 'custom', message: 'organisation keys repeat' });
    if (new Set(centres.map((c) => c.key)).size !== centres.length)
      ctx.addIssue({ code: 'custom', message: 'centre keys repeat' });
    for (const c of centres)
      if (!orgKeys.has(c.org))
        ctx.addIssue({ code: 'custom', message: `centre ${c.key}: unknown organisation ${c.org}` });
  });

function loadTable(): z.infer<typeof demoTable> {
  const parsed = demoTable.safeParse(table);
  if (!parsed.success) throw new Error(`src/features/demo/centres.json: ${z.prettifyError(parsed.error)}`);
  return parsed.data;
}

export const { organizations: DEMO_ORGANIZATIONS, centres: DEMO_CENTRES } = loadTable();
