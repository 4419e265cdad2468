/**
 * Every SQL statement of the recommendations tracker, on the caller's
 * transaction. Row-level security (migrations/0034) shows drafts only in
 * the office's scopes and admits writes only there; every write that
 * matters is audited on the network chain in the same transaction.
 */
import type { Insertable } from 'kysely';
import { audit } from '../../platform/audit/audit.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import type { KeyRing } from '../../platform/security/keys.ts';
import type { StatusEntry } from './status.ts';
import type { AddresseeKind, AffectedGroup, EvidenceKind, SourceKind, Strength, Theme, Track } from './vocabulary.ts';

export type Who = { actorId: string | null; at: Date };

export type RecommendationFields = {
  slug: string;
  title: string;
  challenge: string;
  body: string;
  addresseeKind: AddresseeKind;
  addresseeName: string;
  themes: Theme[];
  affectedGroups: AffectedGroup[];
  /** The project the recommendation came out of (projects, ADR 042), if any. */
  projectId: string | null;
};

type Source = {
  id: string;
  sourceKind: SourceKind;
  strength: Strength;
  title: string;
  reference: string;
  url: string | null;
  issuedOn: string | null;
};

export type Evidence = {
  id: string;
  kind: EvidenceKind;
  support: string;
  publicationId: string | null;
  /**
   * The work a 'publication' link points at, as the caller's scope sees it:
   * null when the scope may not see it (the public never sees a draft).
   */
  publication: { slug: string; title: string; language: string } | null;
  statisticsYear: number | null;
  statisticsTable: string | null;
  externalTitle: string | null;
  externalReference: string | null;
  externalUrl: string | null;
};

export type Recommendation = RecommendationFields & {
  id: string;
  published: boolean;
  mergedInto: string | null;
  updatedAt: Date;
  sources: Source[];
  statuses: StatusEntry[];
  evidence: Evidence[];
};

const event = (
  trx: Tx,
  ring: KeyRing,
  name: string,
  id: string,
  who: Who,
  details?: Record<string, string | number | boolean>,
) =>
  audit(
    trx,
    ring,
    {
      event: name,
      actorId: who.actorId,
      centreId: null,
      objectType: 'recommendation',
      objectId: id,
      ...(details ? { details } : {}),
    },
    who.at,
  );

/** Every recommendation the scope may see, with its parts; oldest first (stable order for the pages). */
export async function allRecommendations(trx: Tx, only?: { id?: string; slug?: string }): Promise<Recommendation[]> {
  let q = trx.selectFrom('recommendation').selectAll();
  if (only?.id) q = q.where('id', '=', only.id);
  if (only?.slug) q = q.where('slug', '=', only.slug);
  const rows = await q.orderBy('created_at').orderBy('slug').execute();
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.id);
  const [sources, statuses, evidence] = await Promise.all([
    trx
      .selectFrom('recommendation_source')
      .selectAll()
      .where('recommendation_id', 'in', ids)
      .orderBy('issued_on')
      .orderBy('created_at')
      .execute(),
    trx.selectFrom('recommendation_status').selectAll().where('recommendation_id', 'in', ids).execute(),
    trx
      .selectFrom('recommendation_evidence')
      .selectAll()
      .where('recommendation_id', 'in', ids)
      .orderBy('created_at')
      .orderBy('id')
      .execute(),
  ]);
  const works = await workTitles(
    trx,
    evidence.flatMap((e) => (e.publication_id ? [e.publication_id] : [])),
  );
  return rows.map((r) => ({
    id: r.id,
    slug: r.slug,
    title: r.title,
    challenge: r.challenge,
    body: r.body,
    addresseeKind: r.addressee_kind,
    addresseeName: r.addressee_name,
    themes: r.themes as Theme[],
    affectedGroups: r.affected_groups as AffectedGroup[],
    projectId: r.project_id,
    published: r.published,
    mergedInto: r.merged_into,
    updatedAt: r.updated_at,
    sources: sources
      .filter((s) => s.recommendation_id === r.id)
      .map((s) => ({
        id: s.id,
        sourceKind: s.source_kind,
        strength: s.strength,
        title: s.title,
        reference: s.reference,
        url: s.url,
        issuedOn: s.issued_on,
      })),
    statuses: statuses
      .filter((s) => s.recommendation_id === r.id)
      .map((s) => ({
        id: s.id,
        track: s.track,
        status: s.status,
        statedOn: s.stated_on,
        source: s.source,
        url: s.url,
        note: s.note,
        recordedAt: s.recorded_at,
      })),
    evidence: evidence
      .filter((e) => e.recommendation_id === r.id)
      .map((e) => ({
        id: e.id,
        kind: e.kind,
        support: e.support,
        publicationId: e.publication_id,
        publication: e.publication_id ? (works.get(e.publication_id) ?? null) : null,
        statisticsYear: e.statistics_year,
        statisticsTable: e.statistics_table,
        externalTitle: e.external_title,
        externalReference: e.external_reference,
        externalUrl: e.external_url,
      })),
  }));
}

export async function recommendationById(trx: Tx, id: string): Promise<Recommendation | undefined> {
  return (await allRecommendations(trx, { id }))[0];
}

export async function recommendationBySlug(trx: Tx, slug: string): Promise<Recommendation | undefined> {
  return (await allRecommendations(trx, { slug }))[0];
}

/** The slug of a recommendation by id (for the redirect of a merged one). */
export async function slugOf(trx: Tx, id: string): Promise<string | undefined> {
  const r = await trx.selectFrom('recommendation').select('slug').where('id', '=', id).executeTakeFirst();
  return r?.slug;
}

export async function slugTaken(trx: Tx, slug: string, except: string | null): Promise<boolean> {
  let q = trx.selectFrom('recommendation').select('id').where('slug', '=', slug);
  if (except) q = q.where('id', '<>', except);
  return (await q.executeTakeFirst()) !== undefined;
}

const columns = (f: RecommendationFields) => ({
  slug: f.slug,
  title: f.title,
  challenge: f.challenge,
  body: f.body,
  addressee_kind: f.addresseeKind,
  addressee_name: f.addresseeName,
  themes: f.themes,
  affected_groups: f.affectedGroups,
  project_id: f.projectId,
});

// ---- the library's works, for evidence links (SQL over its tables, in the caller's scope) ----

/** Which edition's title names a work: German first, then English, then Leichte Sprache. */
const TITLE_ORDER = ['de', 'en', 'de-LS'];

/** The slug and title of each of these works the scope sees with a visible edition. */
async function workTitles(
  trx: Tx,
  ids: readonly string[],
): Promise<Map<string, { slug: string; title: string; language: string }>> {
  const found = new Map<string, { slug: string; title: string; language: string; rank: number }>();
  if (ids.length === 0) return found;
  const rows = await trx
    .selectFrom('publication_work as w')
    .innerJoin('publication_edition as e', 'e.work_id', 'w.id')
    .select(['w.id', 'w.slug', 'e.language', 'e.title'])
    .where('w.id', 'in', [...new Set(ids)])
    .where('w.status', '=', 'published')
    .execute();
  for (const r of rows) {
    const rank = TITLE_ORDER.indexOf(r.language);
    const seen = found.get(r.id);
    if (!seen || rank < seen.rank) found.set(r.id, { slug: r.slug, title: r.title, language: r.language, rank });
  }
  return new Map([...found].map(([id, { slug, title, language }]) => [id, { slug, title, language }]));
}

/** The published works the office may choose as evidence, by title. */
export async function publishedWorks(trx: Tx): Promise<{ id: string; title: string }[]> {
  const ids = await trx.selectFrom('publication_work').select('id').where('status', '=', 'published').execute();
  const titles = await workTitles(
    trx,
    ids.map((r) => r.id),
  );
  return [...titles].map(([id, w]) => ({ id, title: w.title })).sort((a, b) => a.title.localeCompare(b.title, 'de'));
}

/** Whether a published work with this id exists (evidence may point only at one). */
export async function publishedWorkExists(trx: Tx, id: string): Promise<boolean> {
  const r = await trx
    .selectFrom('publication_work')
    .select('id')
    .where('id', '=', id)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return r !== undefined;
}

export async function createRecommendation(trx: Tx, ring: KeyRing, id: string, f: RecommendationFields, who: Who) {
  await trx
    .insertInto('recommendation')
    .values({ id, ...columns(f), created_at: who.at, updated_at: who.at })
    .execute();
  await event(trx, ring, 'recommendation.created_done', id, who);
}

/** False when there is no such (unmerged) recommendation. */
export async function changeRecommendation(trx: Tx, ring: KeyRing, id: string, f: RecommendationFields, who: Who) {
  const r = await trx
    .updateTable('recommendation')
    .set({ ...columns(f), updated_at: who.at })
    .where('id', '=', id)
    .where('merged_into', 'is', null)
    .executeTakeFirst();
  if (r.numUpdatedRows === 0n) return false;
  await event(trx, ring, 'recommendation.changed_done', id, who, f.projectId ? { project: f.projectId } : undefined);
  return true;
}

/** Publish or withdraw; false when nothing changed (no such recommendation, merged, or already so). */
export async function setPublished(trx: Tx, ring: KeyRing, id: string, published: boolean, who: Who) {
  const r = await trx
    .updateTable('recommendation')
    .set({ published, updated_at: who.at })
    .where('id', '=', id)
    .where('merged_into', 'is', null)
    .where('published', '=', !published)
    .executeTakeFirst();
  if (r.numUpdatedRows === 0n) return false;
  await event(trx, ring, published ? 'recommendation.published_done' : 'recommendation.unpublished_done', id, who);
  return true;
}

export async function addSource(
  trx: Tx,
  ring: KeyRing,
  row: Omit<Insertable<DB['recommendation_source']>, 'created_at'>,
  who: Who,
) {
  await trx
    .insertInto('recommendation_source')
    .values({ ...row, created_at: who.at })
    .execute();
  await touch(trx, row.recommendation_id, who);
  await event(trx, ring, 'recommendation.source_added_done', row.recommendation_id, who, {
    source_kind: row.source_kind,
    strength: row.strength,
  });
}

export async function addStatus(
  trx: Tx,
  ring: KeyRing,
  row: Omit<Insertable<DB['recommendation_status']>, 'recorded_at'>,
  who: Who,
) {
  await trx
    .insertInto('recommendation_status')
    .values({ ...row, recorded_at: who.at })
    .execute();
  await touch(trx, row.recommendation_id, who);
  await event(trx, ring, 'recommendation.status_added_done', row.recommendation_id, who, {
    track: row.track,
    status: row.status,
    stated_on: row.stated_on,
  });
}

export async function addEvidence(
  trx: Tx,
  ring: KeyRing,
  row: Omit<Insertable<DB['recommendation_evidence']>, 'created_at'>,
  who: Who,
) {
  await trx
    .insertInto('recommendation_evidence')
    .values({ ...row, created_at: who.at })
    .execute();
  await touch(trx, row.recommendation_id, who);
  await event(trx, ring, 'recommendation.evidence_added_done', row.recommendation_id, who, { kind: row.kind });
}

/** False when the recommendation has no such link. */
export async function removeEvidence(trx: Tx, ring: KeyRing, recommendationId: string, evidenceId: string, who: Who) {
  const r = await trx
    .deleteFrom('recommendation_evidence')
    .where('id', '=', evidenceId)
    .where('recommendation_id', '=', recommendationId)
    .returning('kind')
    .executeTakeFirst();
  if (!r) return false;
  await touch(trx, recommendationId, who);
  await event(trx, ring, 'recommendation.evidence_removed_done', recommendationId, who, { kind: r.kind });
  return true;
}

/**
 * Merge `mergedId` into `keptId`: the merged one's sources move to the kept
 * one, each with its own strength; the merged one stays as a row pointing to
 * the kept one (its page redirects there) and leaves the public list. Its
 * status history and evidence stay with it. False when either is missing,
 * already merged, or they are the same.
 */
export async function mergeRecommendations(trx: Tx, ring: KeyRing, keptId: string, mergedId: string, who: Who) {
  if (keptId === mergedId) return false;
  const both = await trx
    .selectFrom('recommendation')
    .select(['id'])
    .where('id', 'in', [keptId, mergedId])
    .where('merged_into', 'is', null)
    .forUpdate()
    .execute();
  if (both.length !== 2) return false;
  const moved = await trx
    .updateTable('recommendation_source')
    .set({ recommendation_id: keptId })
    .where('recommendation_id', '=', mergedId)
    .executeTakeFirst();
  // Pages and lists that pointed to the merged one now point to the kept one.
  await trx.updateTable('recommendation').set({ merged_into: keptId }).where('merged_into', '=', mergedId).execute();
  await trx
    .updateTable('recommendation')
    .set({ merged_into: keptId, updated_at: who.at })
    .where('id', '=', mergedId)
    .execute();
  await touch(trx, keptId, who);
  await event(trx, ring, 'recommendation.merged_done', mergedId, who, {
    kept: keptId,
    sources_moved: Number(moved.numUpdatedRows),
  });
  return true;
}

async function touch(trx: Tx, id: string, who: Who) {
  await trx.updateTable('recommendation').set({ updated_at: who.at }).where('id', '=', id).execute();
}

/** The published, unmerged recommendations the reminder job found due, with when they were last assessed. */
export async function dueAssessments(trx: Tx) {
  return trx
    .selectFrom('recommendation_assessment_due as d')
    .innerJoin('recommendation as r', 'r.id', 'd.recommendation_id')
    .select(['r.id', 'r.slug', 'r.title', 'd.latest_assessment'])
    .orderBy('d.latest_assessment')
    .orderBy('r.slug')
    .execute();
}

/**
 * The reminder job's one write: the due list becomes exactly the published,
 * unmerged recommendations whose latest assessment lies before `cutoff`
 * ('YYYY-MM-DD') or that have none. Returns how many are due.
 */
export async function refreshDueAssessments(trx: Tx, cutoff: string, at: Date): Promise<number> {
  const latest = await trx
    .selectFrom('recommendation as r')
    .leftJoin('recommendation_status as s', (j) =>
      j.onRef('s.recommendation_id', '=', 'r.id').on('s.track', '=', 'assessment' satisfies Track),
    )
    .select(['r.id'])
    .select((eb) => eb.fn.max('s.stated_on').as('latest'))
    .where('r.published', '=', true)
    .where('r.merged_into', 'is', null)
    .groupBy('r.id')
    .execute();
  const due = latest.filter((r) => r.latest === null || r.latest < cutoff);
  await trx.deleteFrom('recommendation_assessment_due').execute();
  if (due.length > 0)
    await trx
      .insertInto('recommendation_assessment_due')
      .values(due.map((r) => ({ recommendation_id: r.id, latest_assessment: r.latest, found_at: at })))
      .execute();
  return due.length;
}
