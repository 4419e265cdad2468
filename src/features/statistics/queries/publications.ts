/**
 * The stored publications (migrations/0027). Public ones are readable in
 * any scope (the public pages read them in the 'auth' scope, which may
 * also write the download's audit row); internal ones only in the
 * coordination scope; only the coordination scope inserts, and nothing
 * ever changes or deletes a publication.
 */
import type { Tx } from '../../../platform/db/tenant.ts';
import {
  CATALOGUE_VERSION,
  cellsOf,
  parseAuditSummary,
  parseStoredTables,
  type AuditSummary,
  type StoredTables,
} from '../stored.ts';
import type { Seen } from '../compute.ts';
import type { Cells } from '../present.ts';

export type Audience = 'public' | 'internal';

export type PublicationSummary = {
  id: string;
  year: number;
  audience: Audience;
  version: number;
  threshold: number;
  publishedAt: Date;
  /** Who published it; null for the operator's command line (demo content). */
  publishedBy: { id: string; name: string } | null;
  audit: AuditSummary;
};

export type Publication = PublicationSummary & { cells: Cells };

type Row = {
  id: string;
  year: number;
  audience: string;
  version: number;
  threshold: number;
  published_at: Date;
  audit: unknown;
  tables?: unknown;
  published_by?: string | null;
  published_name?: string | null;
};

function audienceOf(a: string): Audience {
  if (a !== 'public' && a !== 'internal') throw new Error(`unknown audience ${a}`);
  return a;
}

function toSummary(r: Row): PublicationSummary {
  return {
    id: r.id,
    year: r.year,
    audience: audienceOf(r.audience),
    version: r.version,
    threshold: r.threshold,
    publishedAt: r.published_at,
    publishedBy: r.published_by ? { id: r.published_by, name: r.published_name ?? '' } : null,
    audit: parseAuditSummary(r.audit),
  };
}

function toPublication(r: Row): Publication {
  return { ...toSummary(r), cells: cellsOf(parseStoredTables(r.tables)) };
}

const COLUMNS = ['p.id', 'p.year', 'p.audience', 'p.version', 'p.threshold', 'p.published_at', 'p.audit'] as const;

/** The latest public version of every year that has one, oldest year first, with its cells. */
export async function latestPublic(trx: Tx): Promise<Publication[]> {
  const rows = await trx
    .selectFrom('statistics_publication as p')
    .select([...COLUMNS, 'p.tables'])
    .where('p.audience', '=', 'public')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('statistics_publication as later')
            .select('later.id')
            .whereRef('later.year', '=', 'p.year')
            .where('later.audience', '=', 'public')
            .whereRef('later.version', '>', 'p.version'),
        ),
      ),
    )
    .orderBy('p.year')
    .execute();
  return rows.map(toPublication);
}

/** The latest version of `year` for `audience` (internal ones only in the coordination scope). */
export async function latestOf(trx: Tx, year: number, audience: Audience): Promise<Publication | undefined> {
  const r = await trx
    .selectFrom('statistics_publication as p')
    .select([...COLUMNS, 'p.tables'])
    .where('p.year', '=', year)
    .where('p.audience', '=', audience)
    .orderBy('p.version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? toPublication(r) : undefined;
}

/** One publication by id, with its cells (internal ones only in the coordination scope). */
export async function publicationById(trx: Tx, id: string): Promise<Publication | undefined> {
  const r = await trx
    .selectFrom('statistics_publication as p')
    .select([...COLUMNS, 'p.tables'])
    .where('p.id', '=', id)
    .executeTakeFirst();
  return r ? toPublication(r) : undefined;
}

/** Every publication of `year`, newest first, with who published it (coordination scope). */
export async function publicationsOfYear(trx: Tx, year: number): Promise<PublicationSummary[]> {
  const rows = await trx
    .selectFrom('statistics_publication as p')
    .leftJoin('app_user as u', 'u.id', 'p.published_by')
    .select([...COLUMNS, 'p.published_by', 'u.display_name as published_name'])
    .where('p.year', '=', year)
    .orderBy('p.published_at', 'desc')
    .orderBy('p.version', 'desc')
    .execute();
  return rows.map(toSummary);
}

/** The cells of every version of `year` for `audience`, oldest first. */
async function versionCells(trx: Tx, year: number, audience: Audience): Promise<Cells[]> {
  const rows = await trx
    .selectFrom('statistics_publication')
    .select('tables')
    .where('year', '=', year)
    .where('audience', '=', audience)
    .orderBy('version')
    .execute();
  return rows.map((r) => cellsOf(parseStoredTables(r.tables)));
}

/**
 * Whose versions the readers of an audience see as well: the coordination
 * office reads the public versions beside the internal ones; the public
 * sees nothing internal.
 */
export const ALSO_SEEN: Readonly<Record<Audience, Audience | null>> = { public: null, internal: 'public' };

/**
 * What the readers of `audience` have seen of `year` so far, which the next
 * version (or the live internal tables) is protected against: the earlier
 * versions of that audience, and every version of the audience they see as
 * well (coordination scope).
 */
export async function seenOf(trx: Tx, year: number, audience: Audience): Promise<Seen> {
  const other = ALSO_SEEN[audience];
  return {
    earlier: await versionCells(trx, year, audience),
    alsoSeen: other ? await versionCells(trx, year, other) : [],
  };
}

/** How many versions of `year` `audience` has (the versions are 1 … n). */
export async function versionCount(trx: Tx, year: number, audience: Audience): Promise<number> {
  const r = await trx
    .selectFrom('statistics_publication')
    .select((eb) => eb.fn.countAll<string | number>().as('n'))
    .where('year', '=', year)
    .where('audience', '=', audience)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export type NewPublication = {
  id: string;
  year: number;
  audience: Audience;
  /** The next version as the caller computed it, from the earlier versions it protected against. */
  version: number;
  threshold: number;
  tables: StoredTables;
  audit: AuditSummary;
  publishedBy: string | null;
  publishedAt: Date;
};

/**
 * Store a publication. The database checks again that the year is closed,
 * that `version` is the next one (so a version published meanwhile, which
 * the caller did not protect against, makes this insert fail) and that the
 * audit passed (0027).
 */
export async function insertPublication(trx: Tx, p: NewPublication): Promise<void> {
  await trx
    .insertInto('statistics_publication')
    .values({
      id: p.id,
      year: p.year,
      audience: p.audience,
      version: p.version,
      threshold: p.threshold,
      catalogue_version: CATALOGUE_VERSION,
      tables: JSON.stringify(p.tables),
      audit: JSON.stringify(p.audit),
      published_by: p.publishedBy,
      published_at: p.publishedAt,
    })
    .execute();
}
