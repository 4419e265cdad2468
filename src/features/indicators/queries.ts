/**
 * Reading the indicator sets. Published and superseded versions need no
 * scope: row-level security shows them to everyone, as it shows the
 * helplines (migrations/0022), so the public guide reads them with the
 * plain connection or any transaction. Drafts are visible in the
 * coordination and admin scopes only.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB, IndicatorGuide } from '../../platform/db/schema.ts';
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
