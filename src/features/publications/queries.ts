/**
 * Every statement of the publications library, in the caller's scope
 * (migrations/0033): the office's scope writes and sees drafts, a centre's
 * staff see every edition of a published work, the anonymous scope only
 * the public editions of published works.
 */
import { sql } from 'kysely';
import type { Tx } from '../../platform/db/tenant.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { Selectable } from 'kysely';

export const WORK_TYPES = ['dossier', 'policy_paper', 'report', 'statement', 'documentation'] as const;
export type WorkType = (typeof WORK_TYPES)[number];
export const EDITION_LANGUAGES = ['de', 'en', 'de-LS'] as const;
export type EditionLanguage = (typeof EDITION_LANGUAGES)[number];
export type Visibility = 'public' | 'members';
export type WorkStatus = 'draft' | 'published';

type Work = {
  id: string;
  slug: string;
  type: WorkType;
  status: WorkStatus;
  createdAt: Date;
  publishedAt: Date | null;
  /** The project the work came out of (projects, ADR 042), if any. */
  projectId: string | null;
};

type Version = {
  id: string;
  version: number;
  filename: string;
  byteSize: number;
  textStatus: 'read' | 'none' | 'failed';
  isCurrent: boolean;
  uploadedAt: Date;
};

export type Edition = {
  id: string;
  workId: string;
  language: EditionLanguage;
  title: string;
  summary: string;
  authors: string;
  issued: string;
  licence: string;
  visibility: Visibility;
  updatedAt: Date;
  versions: Version[];
};

export type WorkWithEditions = Work & { editions: Edition[] };

function workOf(r: Selectable<DB['publication_work']>): Work {
  return {
    id: r.id,
    slug: r.slug,
    type: r.type,
    status: r.status,
    createdAt: r.created_at,
    publishedAt: r.published_at,
    projectId: r.project_id,
  };
}

export type NewWork = {
  id: string;
  slug: string;
  type: WorkType;
  /** The project the work came out of (projects, ADR 042), if any. */
  projectId?: string | null;
  at: Date;
  by: string | null;
};

export async function insertWork(trx: Tx, w: NewWork): Promise<void> {
  await trx
    .insertInto('publication_work')
    .values({
      id: w.id,
      slug: w.slug,
      type: w.type,
      project_id: w.projectId ?? null,
      status: 'draft',
      created_at: w.at,
      created_by: w.by,
    })
    .execute();
}

/** Does this work exist (in the caller's scope: the office sees every work)? */
export async function workExists(trx: Tx, id: string): Promise<boolean> {
  const r = await trx.selectFrom('publication_work').select('id').where('id', '=', id).executeTakeFirst();
  return r !== undefined;
}

export type NewEdition = {
  id: string;
  workId: string;
  language: EditionLanguage;
  title: string;
  summary: string;
  authors: string;
  issued: string;
  licence: string;
  visibility: Visibility;
  at: Date;
};

export async function insertEdition(trx: Tx, e: NewEdition): Promise<void> {
  await trx
    .insertInto('publication_edition')
    .values({
      id: e.id,
      work_id: e.workId,
      language: e.language,
      title: e.title,
      summary: e.summary,
      authors: e.authors,
      issued: e.issued,
      licence: e.licence,
      visibility: e.visibility,
      updated_at: e.at,
    })
    .execute();
  await refreshSearch(trx, e.id);
}

export type NewVersion = {
  id: string;
  editionId: string;
  filename: string;
  data: Uint8Array;
  text: string;
  textStatus: 'read' | 'none' | 'failed';
  at: Date;
  by: string | null;
};

/** A new version becomes the edition's current one; its number is the next. */
export async function insertVersion(trx: Tx, v: NewVersion): Promise<number> {
  // Serialises two uploads to one edition (the second waits, then counts on).
  await trx.selectFrom('publication_edition').select('id').where('id', '=', v.editionId).forUpdate().execute();
  const last = await trx
    .selectFrom('publication_version')
    .select((eb) => eb.fn.max('version').as('n'))
    .where('edition_id', '=', v.editionId)
    .executeTakeFirst();
  const number = (last?.n ?? 0) + 1;
  await trx
    .updateTable('publication_version')
    .set({ is_current: false })
    .where('edition_id', '=', v.editionId)
    .where('is_current', '=', true)
    .execute();
  await trx
    .insertInto('publication_version')
    .values({
      id: v.id,
      edition_id: v.editionId,
      version: number,
      filename: v.filename,
      byte_size: v.data.length,
      body_text: v.text,
      text_status: v.textStatus,
      is_current: true,
      uploaded_at: v.at,
      uploaded_by: v.by,
    })
    .execute();
  await trx
    .insertInto('publication_file')
    .values({ version_id: v.id, data: Buffer.from(v.data) })
    .execute();
  await refreshSearch(trx, v.editionId);
  return number;
}

/**
 * The edition's search columns from its title (weight A), summary (B) and
 * current version's text (C), all German-folded, with its language's
 * configuration; and the folded text for the trigram fallback.
 */
async function refreshSearch(trx: Tx, editionId: string): Promise<void> {
  await sql`
    UPDATE publication_edition e SET
      search = setweight(to_tsvector(publication_config(e.language), publication_fold(e.title)), 'A')
            || setweight(to_tsvector(publication_config(e.language), publication_fold(e.summary)), 'B')
            || setweight(to_tsvector(publication_config(e.language), publication_fold(coalesce(v.body_text, ''))), 'C'),
      search_text = publication_fold(e.title || ' ' || e.summary || ' ' || coalesce(v.body_text, ''))
    FROM (SELECT ${editionId}::uuid AS edition_id) k
      LEFT JOIN publication_version v ON v.edition_id = k.edition_id AND v.is_current
    WHERE e.id = k.edition_id`.execute(trx);
}

/**
 * Publish (from `at` on) or withdraw. Publishing a scheduled work makes it
 * public at `at` at once; publishing a public one changes nothing.
 */
export async function setWorkStatus(trx: Tx, workId: string, status: WorkStatus, at: Date): Promise<boolean> {
  const r = await trx
    .updateTable('publication_work')
    .set({ status, published_at: status === 'published' ? at : null })
    .where('id', '=', workId)
    .where((eb) =>
      status === 'published'
        ? eb.or([eb('status', '<>', 'published'), eb('published_at', '>', at)])
        : eb('status', '<>', status),
    )
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Name the project the work came out of (null: none); false when nothing changed. */
export async function setWorkProject(trx: Tx, workId: string, projectId: string | null): Promise<boolean> {
  const r = await trx
    .updateTable('publication_work')
    .set({ project_id: projectId })
    .where('id', '=', workId)
    .where((eb) =>
      projectId === null
        ? eb('project_id', 'is not', null)
        : eb.or([eb('project_id', 'is', null), eb('project_id', '<>', projectId)]),
    )
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/**
 * Schedule the work: published, visible to the public from `at` on (the
 * query and the anonymous scope's row-level security compare it with the
 * request's time, migrations/0038). False when it is already public.
 */
export async function scheduleWork(trx: Tx, workId: string, at: Date, now: Date): Promise<boolean> {
  const r = await trx
    .updateTable('publication_work')
    .set({ status: 'published', published_at: at })
    .where('id', '=', workId)
    .where((eb) => eb.or([eb('status', '<>', 'published'), eb('published_at', '>', now)]))
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

type EditionEdit = {
  title: string;
  summary: string;
  authors: string;
  issued: string;
  licence: string;
  visibility: Visibility;
};

/**
 * Change an edition's metadata and its work's type; the search columns
 * follow in the same statement's transaction. Returns the fields that
 * changed (empty: nothing did, nothing written).
 */
export async function updateEdition(
  trx: Tx,
  editionId: string,
  edit: EditionEdit & { type: WorkType },
  at: Date,
): Promise<string[]> {
  const before = await trx
    .selectFrom('publication_edition as e')
    .innerJoin('publication_work as w', 'w.id', 'e.work_id')
    .select(['e.work_id', 'w.type', 'e.title', 'e.summary', 'e.authors', 'e.issued', 'e.licence', 'e.visibility'])
    .where('e.id', '=', editionId)
    .forUpdate()
    .executeTakeFirst();
  if (!before) return [];
  const issuedBefore = typeof before.issued === 'string' ? before.issued : String(before.issued);
  const changed = (['title', 'summary', 'authors', 'licence', 'visibility'] as const).filter(
    (k) => before[k] !== edit[k],
  ) as string[];
  if (issuedBefore.slice(0, 10) !== edit.issued) changed.push('issued');
  if (before.type !== edit.type) {
    changed.push('type');
    await trx.updateTable('publication_work').set({ type: edit.type }).where('id', '=', before.work_id).execute();
  }
  if (changed.length === 0 || (changed.length === 1 && changed[0] === 'type')) return changed;
  await trx
    .updateTable('publication_edition')
    .set({
      title: edit.title,
      summary: edit.summary,
      authors: edit.authors,
      issued: edit.issued,
      licence: edit.licence,
      visibility: edit.visibility,
      updated_at: at,
    })
    .where('id', '=', editionId)
    .execute();
  await refreshSearch(trx, editionId);
  return changed;
}

export async function setVisibility(trx: Tx, editionId: string, visibility: Visibility, at: Date): Promise<boolean> {
  const r = await trx
    .updateTable('publication_edition')
    .set({ visibility, updated_at: at })
    .where('id', '=', editionId)
    .where('visibility', '<>', visibility)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Works with their editions and versions (no text, no bytes), newest first, as the scope shows them. */
export async function worksWithEditions(
  trx: Tx,
  only?: { workId?: string; slug?: string; limit?: number; published?: boolean; now?: Date },
): Promise<WorkWithEditions[]> {
  let q = trx.selectFrom('publication_work').selectAll();
  q = only?.published
    ? q.where('status', '=', 'published').orderBy('published_at', 'desc')
    : q.orderBy('created_at', 'desc');
  // The public's reads: a scheduled work is not there before its time.
  if (only?.now !== undefined) q = q.where('status', '=', 'published').where('published_at', '<=', only.now);
  q = q.orderBy('id');
  if (only?.workId !== undefined) q = q.where('id', '=', only.workId);
  if (only?.slug !== undefined) q = q.where('slug', '=', only.slug);
  if (only?.limit !== undefined) q = q.limit(only.limit);
  const works = (await q.execute()).map(workOf);
  if (works.length === 0) return [];
  const editions = await trx
    .selectFrom('publication_edition')
    .select([
      'id',
      'work_id',
      'language',
      'title',
      'summary',
      'authors',
      'issued',
      'licence',
      'visibility',
      'updated_at',
    ])
    .where(
      'work_id',
      'in',
      works.map((w) => w.id),
    )
    .orderBy('language')
    .execute();
  const versions =
    editions.length === 0
      ? []
      : await trx
          .selectFrom('publication_version')
          .select(['id', 'edition_id', 'version', 'filename', 'byte_size', 'text_status', 'is_current', 'uploaded_at'])
          .where(
            'edition_id',
            'in',
            editions.map((e) => e.id),
          )
          .orderBy('version', 'desc')
          .execute();
  return works.map((w) => ({
    ...w,
    editions: editions
      .filter((e) => e.work_id === w.id)
      .map((e) => ({
        id: e.id,
        workId: e.work_id,
        language: e.language,
        title: e.title,
        summary: e.summary,
        authors: e.authors,
        issued: e.issued,
        licence: e.licence,
        visibility: e.visibility,
        updatedAt: e.updated_at,
        versions: versions
          .filter((v) => v.edition_id === e.id)
          .map((v) => ({
            id: v.id,
            version: v.version,
            filename: v.filename,
            byteSize: v.byte_size,
            textStatus: v.text_status,
            isCurrent: v.is_current,
            uploadedAt: v.uploaded_at,
          })),
      })),
  }));
}

/** The edition (with its work) the scope may see, or null. */
export async function editionById(
  trx: Tx,
  editionId: string,
): Promise<{ workId: string; language: EditionLanguage } | null> {
  const r = await trx
    .selectFrom('publication_edition')
    .select(['work_id', 'language'])
    .where('id', '=', editionId)
    .executeTakeFirst();
  return r ? { workId: r.work_id, language: r.language } : null;
}

/**
 * A transaction of the public pages: the anonymous scope, with the
 * request's time as app.now, which the library's row-level security
 * compares with a work's publishing time (migrations/0038).
 */
export async function atRequestTime<T>(trx: Tx, now: Date, fn: (trx: Tx) => Promise<T>): Promise<T> {
  await sql`SELECT set_config('app.now', ${now.toISOString()}, true)`.execute(trx);
  return fn(trx);
}

/** A version's file, if the scope may see it. */
export async function fileOf(trx: Tx, versionId: string): Promise<{ filename: string; data: Buffer } | null> {
  const r = await trx
    .selectFrom('publication_file as f')
    .innerJoin('publication_version as v', 'v.id', 'f.version_id')
    .select(['v.filename', 'f.data'])
    .where('f.version_id', '=', versionId)
    .executeTakeFirst();
  return r ? { filename: r.filename, data: r.data } : null;
}

export type SearchFilters = {
  q: string;
  type?: WorkType | undefined;
  language?: EditionLanguage | undefined;
  /** The request's time: works scheduled after it are not found. */
  now: Date;
};

export type Hit = {
  editionId: string;
  slug: string;
  type: WorkType;
  language: EditionLanguage;
  title: string;
  summary: string;
  issued: string;
  visibility: Visibility;
  /** A text-search match (stemmed words); false: found only through trigrams (part of a compound, a near spelling). */
  exact: boolean;
  /** The passage around the words found, with \u0001 … \u0002 around each (plain text, escaped by the view). */
  snippet: string;
};

/** Words of the query long enough for a trigram match (shorter ones would match nearly anything). */
export function trigramWords(q: string): string[] {
  const words = q.match(/[\p{L}\p{N}]+/gu) ?? [];
  return [...new Set(words.filter((w) => [...w].length >= 4))].slice(0, 8);
}

const MAX_HITS = 50;

/**
 * Editions of published works that match: the text search on the folded
 * words first (ranked by weight: title, summary, text), then those found
 * only by trigrams (every query word similar to a word of the text, e.g. a
 * compound's first part), ranked below every real match. Without a query:
 * the newest editions.
 */
export async function searchEditions(trx: Tx, f: SearchFilters): Promise<Hit[]> {
  const words = trigramWords(f.q);
  const hasQuery = f.q.trim() !== '';
  const tsq = sql`websearch_to_tsquery(publication_config(e.language), publication_fold(${f.q}))`;
  const trigram =
    words.length === 0
      ? sql`false`
      : sql.join(
          words.map((w) => sql`publication_fold(${w}) <% e.search_text`),
          sql` AND `,
        );
  const matches = hasQuery ? sql`(e.search @@ ${tsq} OR (${trigram}))` : sql`true`;
  const typeFilter = f.type === undefined ? sql`` : sql`AND w.type = ${f.type}`;
  const languageFilter = f.language === undefined ? sql`` : sql`AND e.language = ${f.language}`;
  // Real matches first (by weight), then the trigram-only ones by how close their words come.
  const ranking = hasQuery
    ? [
        sql`(e.search @@ ${tsq}) DESC`,
        sql`ts_rank(e.search, ${tsq}) DESC`,
        ...(words.length === 0
          ? []
          : [
              sql`(${sql.join(
                words.map((w) => sql`word_similarity(publication_fold(${w}), e.search_text)`),
                sql` + `,
              )}) DESC`,
            ]),
      ]
    : [];
  const snippet = hasQuery
    ? sql<string>`ts_headline(publication_config(e.language),
        left(coalesce(v.body_text, ''), 100000),
        websearch_to_tsquery(publication_config(e.language), ${f.q}),
        'StartSel="\u0001", StopSel="\u0002", MaxWords=30, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "')`
    : sql<string>`left(coalesce(v.body_text, ''), 240)`;
  const rows = await sql<{
    edition_id: string;
    slug: string;
    type: WorkType;
    language: EditionLanguage;
    title: string;
    summary: string;
    issued: string;
    visibility: Visibility;
    exact: boolean;
    snippet: string;
  }>`
    SELECT e.id AS edition_id, w.slug, w.type, e.language, e.title, e.summary, e.issued, e.visibility,
           ${hasQuery ? sql`e.search @@ ${tsq}` : sql`true`} AS exact,
           ${snippet} AS snippet
    FROM publication_edition e
      JOIN publication_work w ON w.id = e.work_id
      LEFT JOIN publication_version v ON v.edition_id = e.id AND v.is_current
    WHERE w.status = 'published' AND w.published_at <= ${f.now} AND ${matches} ${typeFilter} ${languageFilter}
    ORDER BY ${sql.join([...ranking, sql`e.issued DESC`, sql`e.id`])}
    LIMIT ${MAX_HITS}`.execute(trx);
  return rows.rows.map((r) => ({
    editionId: r.edition_id,
    slug: r.slug,
    type: r.type,
    language: r.language,
    title: r.title,
    summary: r.summary,
    issued: typeof r.issued === 'string' ? r.issued : String(r.issued),
    visibility: r.visibility,
    exact: r.exact,
    snippet: r.snippet,
  }));
}
