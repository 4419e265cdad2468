/**
 * Reading the indicator sets. Published and superseded versions need no
 * scope: row-level security shows them to everyone, as it shows the
 * helplines (migrations/0022), so the public guide reads them with the
 * plain connection or any transaction. Drafts are visible in the
 * coordination and admin scopes only.
 */
import type { Kysely, Transaction, Updateable, UpdateQueryBuilder, UpdateResult } from 'kysely';
import { audit } from '../../platform/audit/audit.ts';
import type { DB, IndicatorGuide, IndicatorSetStatus } from '../../platform/db/schema.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import type { KeyRing } from '../../platform/security/keys.ts';
import { parseContent, type IndicatorContent } from './content.ts';

type Db = Kysely<DB> | Transaction<DB>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A version the network stands by: published now, or published before and superseded since. */
export type PublishedGuide = {
  id: string;
  guide: IndicatorGuide;
  version: number;
  publishedAt: Date;
  /** False once a later version was published (a referral may still cite this one). */
  current: boolean;
  content: IndicatorContent;
};

const publishedColumns = ['id', 'guide', 'version', 'status', 'published_at', 'content'] as const;

function toPublished(r: {
  id: string;
  guide: IndicatorGuide;
  version: number;
  status: string;
  published_at: Date | null;
  content: unknown;
}): PublishedGuide {
  // The CHECK in 0022 guarantees a date for every published or superseded row.
  if (!r.published_at) throw new Error(`indicator set version ${r.id} has no publication date`);
  return {
    id: r.id,
    guide: r.guide,
    version: r.version,
    publishedAt: r.published_at,
    current: r.status === 'published',
    content: parseContent(r.content),
  };
}

/** The version of `guide` the network publishes now (undefined only in a database without the seed). */
export async function publishedGuide(db: Db, guide: IndicatorGuide): Promise<PublishedGuide | undefined> {
  const r = await db
    .selectFrom('indicator_set_version')
    .select(publishedColumns)
    .where('guide', '=', guide)
    .where('status', '=', 'published')
    .executeTakeFirst();
  return r ? toPublished(r) : undefined;
}

/** A published or superseded version by id; drafts and unknown ids are undefined. */
export async function guideVersion(db: Db, versionId: string): Promise<PublishedGuide | undefined> {
  // Anything that is not a UUID names no version (and must not reach the uuid column as an error).
  if (!UUID.test(versionId)) return undefined;
  const r = await db
    .selectFrom('indicator_set_version')
    .select(publishedColumns)
    .where('id', '=', versionId)
    .where('status', 'in', ['published', 'superseded'])
    .executeTakeFirst();
  return r ? toPublished(r) : undefined;
}

// ---------------------------------------------------------------------------
// The coordination office's pages: every version with who did what, and the
// steps of a version's life. Each write is audited in the network chain in
// the same transaction and names ids and numbers only, never the texts.

type Who = { actorId: string; at: Date };

/** A version as the office's pages show it: the people by their display names (null: seeded, or the account is gone). */
export type VersionSummary = {
  id: string;
  guide: IndicatorGuide;
  version: number;
  status: IndicatorSetStatus;
  createdBy: Person | null;
  createdAt: Date;
  updatedBy: Person | null;
  updatedAt: Date;
  submittedBy: Person | null;
  submittedAt: Date | null;
  reviewedBy: Person | null;
  reviewedAt: Date | null;
  publishedBy: Person | null;
  publishedAt: Date | null;
  supersededAt: Date | null;
};
export type Person = { id: string; name: string };
export type VersionDetail = VersionSummary & { content: IndicatorContent };

function versionQuery(db: Db) {
  return db
    .selectFrom('indicator_set_version as v')
    .leftJoin('app_user as c', 'c.id', 'v.created_by')
    .leftJoin('app_user as u', 'u.id', 'v.updated_by')
    .leftJoin('app_user as s', 's.id', 'v.submitted_by')
    .leftJoin('app_user as r', 'r.id', 'v.reviewed_by')
    .leftJoin('app_user as p', 'p.id', 'v.published_by')
    .select([
      'v.id',
      'v.guide',
      'v.version',
      'v.status',
      'v.created_by',
      'c.display_name as created_name',
      'v.created_at',
      'v.updated_by',
      'u.display_name as updated_name',
      'v.updated_at',
      'v.submitted_by',
      's.display_name as submitted_name',
      'v.submitted_at',
      'v.reviewed_by',
      'r.display_name as reviewed_name',
      'v.reviewed_at',
      'v.published_by',
      'p.display_name as published_name',
      'v.published_at',
      'v.superseded_at',
    ]);
}
type SummaryRow = Awaited<ReturnType<ReturnType<typeof versionQuery>['executeTakeFirstOrThrow']>>;

const person = (id: string | null, name: string | null): Person | null => (id ? { id, name: name ?? '' } : null);

function toSummary(r: SummaryRow): VersionSummary {
  return {
    id: r.id,
    guide: r.guide,
    version: r.version,
    status: r.status,
    createdBy: person(r.created_by, r.created_name),
    createdAt: r.created_at,
    updatedBy: person(r.updated_by, r.updated_name),
    updatedAt: r.updated_at,
    submittedBy: person(r.submitted_by, r.submitted_name),
    submittedAt: r.submitted_at,
    reviewedBy: person(r.reviewed_by, r.reviewed_name),
    reviewedAt: r.reviewed_at,
    publishedBy: person(r.published_by, r.published_name),
    publishedAt: r.published_at,
    supersededAt: r.superseded_at,
  };
}

/** Every version of both guides, newest first within each guide. */
export async function allVersions(trx: Tx): Promise<VersionSummary[]> {
  const rows = await versionQuery(trx).orderBy('v.guide').orderBy('v.version', 'desc').execute();
  return rows.map(toSummary);
}

/** One version with its content (any status the scope can see). */
export async function versionById(trx: Tx, id: string): Promise<VersionDetail | undefined> {
  if (!UUID.test(id)) return undefined;
  const r = await versionQuery(trx).select('v.content').where('v.id', '=', id).executeTakeFirst();
  return r ? { ...toSummary(r), content: parseContent(r.content) } : undefined;
}

const event = (trx: Tx, ring: KeyRing, name: string, v: { id: string; guide: string; version: number }, who: Who) =>
  audit(
    trx,
    ring,
    {
      event: name,
      actorId: who.actorId,
      centreId: null,
      objectType: 'indicator_set_version',
      objectId: v.id,
      details: { guide: v.guide, version: v.version },
    },
    who.at,
  );

/**
 * A new draft of `guide`, copied from its published version. When the guide
 * already has an open draft (or one in review), that one is returned instead:
 * one open version at a time (migrations/0022).
 */
export async function createDraft(
  trx: Tx,
  ring: KeyRing,
  id: string,
  guide: IndicatorGuide,
  who: Who,
): Promise<{ id: string; created: boolean } | undefined> {
  const open = async () =>
    trx
      .selectFrom('indicator_set_version')
      .select('id')
      .where('guide', '=', guide)
      .where('status', 'in', ['draft', 'in_review'])
      .executeTakeFirst();
  const existing = await open();
  if (existing) return { id: existing.id, created: false };
  const published = await publishedGuide(trx, guide);
  if (!published) return undefined;
  const last = await trx
    .selectFrom('indicator_set_version')
    .select((eb) => eb.fn.max('version').as('n'))
    .where('guide', '=', guide)
    .executeTakeFirstOrThrow();
  const version = (last.n ?? 0) + 1;
  const r = await trx
    .insertInto('indicator_set_version')
    .values({
      id,
      guide,
      version,
      content: JSON.stringify(published.content),
      created_by: who.actorId,
      created_at: who.at,
      updated_by: who.actorId,
      updated_at: who.at,
    })
    // Someone else opened a draft meanwhile: theirs is the open one.
    .onConflict((oc) => oc.doNothing())
    .executeTakeFirst();
  if ((r.numInsertedOrUpdatedRows ?? 0n) === 0n) {
    const other = await open();
    return other ? { id: other.id, created: false } : undefined;
  }
  await event(trx, ring, 'indicators.create_done', { id, guide, version }, who);
  return { id, created: true };
}

/** A step that changes a version only while it is in the state the step expects; false when it is not (any more). */
async function step(
  trx: Tx,
  ring: KeyRing,
  v: VersionSummary,
  from: IndicatorSetStatus,
  set: Updateable<DB['indicator_set_version']>,
  eventName: string,
  who: Who,
  extra: (q: UpdateQuery) => UpdateQuery = (q) => q,
): Promise<boolean> {
  const r = await extra(
    trx.updateTable('indicator_set_version').set(set).where('id', '=', v.id).where('status', '=', from),
  ).executeTakeFirst();
  if (r.numUpdatedRows === 0n) return false;
  await event(trx, ring, eventName, v, who);
  return true;
}
type UpdateQuery = UpdateQueryBuilder<DB, 'indicator_set_version', 'indicator_set_version', UpdateResult>;

/** Store a draft's new content. */
export function saveDraft(trx: Tx, ring: KeyRing, v: VersionSummary, content: IndicatorContent, who: Who) {
  return step(
    trx,
    ring,
    v,
    'draft',
    { content: JSON.stringify(content), updated_by: who.actorId, updated_at: who.at },
    'indicators.save_done',
    who,
  );
}

/** Put a draft up for review: its content is frozen from now on (the trigger in 0022). */
export function submitDraft(trx: Tx, ring: KeyRing, v: VersionSummary, who: Who) {
  return step(
    trx,
    ring,
    v,
    'draft',
    { status: 'in_review', submitted_by: who.actorId, submitted_at: who.at },
    'indicators.submit_done',
    who,
  );
}

/** Send a version in review back to draft; an approval given before no longer counts. */
export function returnToDraft(trx: Tx, ring: KeyRing, v: VersionSummary, who: Who) {
  return step(
    trx,
    ring,
    v,
    'in_review',
    { status: 'draft', reviewed_by: null, reviewed_at: null, submitted_by: null, submitted_at: null },
    'indicators.return_done',
    who,
  );
}

/** Approve a version in review (the caller has checked the four-eyes rule; the CHECKs in 0022 check it again). */
export function approveVersion(trx: Tx, ring: KeyRing, v: VersionSummary, who: Who) {
  return step(
    trx,
    ring,
    v,
    'in_review',
    { reviewed_by: who.actorId, reviewed_at: who.at },
    'indicators.approve_done',
    who,
    (q) => q.where('reviewed_by', 'is', null),
  );
}

/**
 * Publish an approved version: the guide's published version becomes
 * superseded and this one published, in this one transaction, so readers
 * see either the old or the new version and never none or two.
 */
export async function publishVersion(trx: Tx, ring: KeyRing, v: VersionSummary, who: Who): Promise<boolean> {
  // Lock the version first: a concurrent return or second publish waits and then finds it changed.
  const row = await trx
    .selectFrom('indicator_set_version')
    .select(['status', 'reviewed_by'])
    .where('id', '=', v.id)
    .forUpdate()
    .executeTakeFirst();
  if (row?.status !== 'in_review' || row.reviewed_by === null) return false;
  await trx
    .updateTable('indicator_set_version')
    .set({ status: 'superseded', superseded_at: who.at })
    .where('guide', '=', v.guide)
    .where('status', '=', 'published')
    .execute();
  return step(
    trx,
    ring,
    v,
    'in_review',
    { status: 'published', published_by: who.actorId, published_at: who.at },
    'indicators.publish_done',
    who,
  );
}

/** Throw away a draft (never a version in review or published: the trigger in 0022 refuses those). */
export async function discardDraft(trx: Tx, ring: KeyRing, v: VersionSummary, who: Who): Promise<boolean> {
  const r = await trx
    .deleteFrom('indicator_set_version')
    .where('id', '=', v.id)
    .where('status', '=', 'draft')
    .executeTakeFirst();
  if (r.numDeletedRows === 0n) return false;
  await event(trx, ring, 'indicators.discard_done', v, who);
  return true;
}
