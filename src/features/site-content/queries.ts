/**
 * Every statement of the site's content. Public reads run in the anonymous
 * 'auth' scope, which the database lets see only published rows and their
 * published revisions; whether a published row is due yet is decided here
 * against the request's time (`now`), so a scheduled post appears without a
 * job and a test can move the clock.
 */
import { randomUUID } from 'node:crypto';
import type { Tx } from '../../platform/db/tenant.ts';

/** Who saved (null: the demo seed, no account) and when. */
export type Who = { actorId: string | null; at: Date };
export type NewsLocale = 'de' | 'en';
export type NewsText = { title: string; summary: string; body: string };
export type PageKey = 'about-network' | 'contact' | 'support' | 'funders' | 'imprint';
export const PAGE_KEYS: readonly PageKey[] = ['about-network', 'contact', 'support', 'funders', 'imprint'];

export type Category = { key: string; label_de: string; label_en: string };

export function categories(trx: Tx): Promise<Category[]> {
  return trx.selectFrom('news_category').select(['key', 'label_de', 'label_en']).orderBy('position').execute();
}

// ---------------------------------------------------------------- public news

export type PublicPost = {
  slug: string;
  locale: NewsLocale;
  category: string;
  publishAt: Date;
  title: string;
  summary: string;
  body: string;
  savedAt: Date;
};

function publicPosts(trx: Tx, now: Date) {
  return trx
    .selectFrom('news_post as p')
    .innerJoin('news_revision as r', 'r.id', 'p.published_revision')
    .where('p.publish_at', '<=', now)
    .select([
      'p.slug',
      'p.locale',
      'p.category',
      'p.publish_at as publishAt',
      'r.title',
      'r.summary',
      'r.body',
      'r.saved_at as savedAt',
    ]);
}

const asPublic = (r: {
  slug: string;
  locale: NewsLocale;
  category: string;
  publishAt: Date | string | null;
  title: string;
  summary: string;
  body: string;
  savedAt: Date | string;
}): PublicPost => ({ ...r, publishAt: new Date(r.publishAt!), savedAt: new Date(r.savedAt) });

/** One page of the published news, newest first, and how many there are. */
export async function publicNews(
  trx: Tx,
  now: Date,
  q: { category?: string | undefined; limit: number; offset: number },
): Promise<{ posts: PublicPost[]; total: number }> {
  let base = publicPosts(trx, now);
  if (q.category) base = base.where('p.category', '=', q.category);
  const rows = await base.orderBy('p.publish_at', 'desc').orderBy('p.slug').limit(q.limit).offset(q.offset).execute();
  let count = trx
    .selectFrom('news_post as p')
    .where('p.published_revision', 'is not', null)
    .where('p.publish_at', '<=', now);
  if (q.category) count = count.where('p.category', '=', q.category);
  const { n } = await count.select((eb) => eb.fn.countAll<string>().as('n')).executeTakeFirstOrThrow();
  return { posts: rows.map(asPublic), total: Number(n) };
}

/** A published, due post by its slug, or null (a draft, a scheduled or withdrawn post is as unknown as none). */
export async function publicPost(trx: Tx, slug: string, now: Date): Promise<PublicPost | null> {
  const row = await publicPosts(trx, now).where('p.slug', '=', slug).executeTakeFirst();
  return row ? asPublic(row) : null;
}

// ---------------------------------------------------------------- office news

export type StaffPost = {
  id: string;
  slug: string;
  locale: NewsLocale;
  category: string;
  publishedRevision: string | null;
  publishAt: Date | null;
  withdrawnAt: Date | null;
  latest: { id: string; savedAt: Date } & NewsText;
};

export async function allPosts(trx: Tx): Promise<StaffPost[]> {
  const posts = await trx.selectFrom('news_post').selectAll().orderBy('created_at', 'desc').execute();
  const result: StaffPost[] = [];
  for (const p of posts) {
    const post = await postById(trx, p.id);
    if (post) result.push(post);
  }
  return result;
}

export async function postById(trx: Tx, id: string): Promise<StaffPost | null> {
  const p = await trx.selectFrom('news_post').selectAll().where('id', '=', id).executeTakeFirst();
  if (!p) return null;
  const r = await trx
    .selectFrom('news_revision')
    .select(['id', 'title', 'summary', 'body', 'saved_at'])
    .where('post_id', '=', id)
    .orderBy('saved_at', 'desc')
    .orderBy('id')
    .executeTakeFirstOrThrow();
  return {
    id: p.id,
    slug: p.slug,
    locale: p.locale,
    category: p.category,
    publishedRevision: p.published_revision,
    publishAt: p.publish_at === null ? null : new Date(p.publish_at),
    withdrawnAt: p.withdrawn_at === null ? null : new Date(p.withdrawn_at),
    latest: { id: r.id, title: r.title, summary: r.summary, body: r.body, savedAt: new Date(r.saved_at) },
  };
}

export async function slugTaken(trx: Tx, slug: string, except?: string): Promise<boolean> {
  let q = trx.selectFrom('news_post').select('id').where('slug', '=', slug);
  if (except) q = q.where('id', '<>', except);
  return (await q.executeTakeFirst()) !== undefined;
}

/** A new post with its first revision (`id`: the demo's fixed ids); the post's id. */
export async function createPost(
  trx: Tx,
  meta: { slug: string; locale: NewsLocale; category: string },
  text: NewsText,
  who: Who,
  id: string = randomUUID(),
): Promise<string> {
  await trx
    .insertInto('news_post')
    .values({ id, ...meta, author_id: who.actorId, created_at: who.at })
    .execute();
  await addNewsRevision(trx, id, text, who);
  return id;
}

export async function updatePostMeta(
  trx: Tx,
  id: string,
  meta: { slug: string; locale: NewsLocale; category: string },
) {
  await trx.updateTable('news_post').set(meta).where('id', '=', id).execute();
}

/** Keep `text` as the post's newest revision; its id. */
export async function addNewsRevision(trx: Tx, postId: string, text: NewsText, who: Who): Promise<string> {
  const id = randomUUID();
  await trx
    .insertInto('news_revision')
    .values({ id, post_id: postId, ...text, saved_by: who.actorId, saved_at: who.at })
    .execute();
  return id;
}

/** Make `revisionId` the public version from `at` on (now: published, later: scheduled). */
export async function publishPost(trx: Tx, id: string, revisionId: string, at: Date): Promise<void> {
  await trx
    .updateTable('news_post')
    .set({ published_revision: revisionId, publish_at: at, withdrawn_at: null })
    .where('id', '=', id)
    .execute();
}

export async function withdrawPost(trx: Tx, id: string, at: Date): Promise<boolean> {
  const r = await trx
    .updateTable('news_post')
    .set({ published_revision: null, publish_at: null, withdrawn_at: at })
    .where('id', '=', id)
    .where('published_revision', 'is not', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export type RevisionRow = { id: string; savedAt: Date; savedBy: string | null; title: string; body: string };

export async function newsRevisions(trx: Tx, postId: string): Promise<RevisionRow[]> {
  const rows = await trx
    .selectFrom('news_revision')
    .select(['id', 'saved_at', 'saved_by', 'title', 'summary', 'body'])
    .where('post_id', '=', postId)
    .orderBy('saved_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    savedAt: new Date(r.saved_at),
    savedBy: r.saved_by,
    title: r.title,
    body: `${r.summary}\n\n${r.body}`,
  }));
}

// ---------------------------------------------------------------- office pages

export type PublicPage = { title: string; body: string; lang: NewsLocale; savedAt: Date };

/** The page in `locale` when published and due, else its German version, else null. */
export async function publicPage(trx: Tx, key: PageKey, locale: string, now: Date): Promise<PublicPage | null> {
  const rows = await trx
    .selectFrom('office_page as p')
    .innerJoin('office_page_revision as r', 'r.id', 'p.published_revision')
    .where('p.key', '=', key)
    .where('p.publish_at', '<=', now)
    .select(['p.locale', 'r.title', 'r.body', 'r.saved_at'])
    .execute();
  const pick = rows.find((r) => r.locale === locale) ?? rows.find((r) => r.locale === 'de');
  return pick ? { title: pick.title, body: pick.body, lang: pick.locale, savedAt: new Date(pick.saved_at) } : null;
}

export type StaffPage = {
  key: PageKey;
  locale: NewsLocale;
  publishedRevision: string | null;
  publishAt: Date | null;
  latest: { id: string; title: string; body: string; savedAt: Date } | null;
};

export async function pageState(trx: Tx, key: PageKey, locale: NewsLocale): Promise<StaffPage> {
  const p = await trx
    .selectFrom('office_page')
    .selectAll()
    .where('key', '=', key)
    .where('locale', '=', locale)
    .executeTakeFirst();
  const r = await trx
    .selectFrom('office_page_revision')
    .select(['id', 'title', 'body', 'saved_at'])
    .where('key', '=', key)
    .where('locale', '=', locale)
    .orderBy('saved_at', 'desc')
    .orderBy('id')
    .executeTakeFirst();
  return {
    key,
    locale,
    publishedRevision: p?.published_revision ?? null,
    publishAt: p?.publish_at ? new Date(p.publish_at) : null,
    latest: r ? { id: r.id, title: r.title, body: r.body, savedAt: new Date(r.saved_at) } : null,
  };
}

export async function addPageRevision(
  trx: Tx,
  key: PageKey,
  locale: NewsLocale,
  text: { title: string; body: string },
  who: Who,
): Promise<string> {
  await trx
    .insertInto('office_page')
    .values({ key, locale })
    .onConflict((oc) => oc.doNothing())
    .execute();
  const id = randomUUID();
  await trx
    .insertInto('office_page_revision')
    .values({ id, key, locale, ...text, saved_by: who.actorId, saved_at: who.at })
    .execute();
  return id;
}

export async function publishPage(trx: Tx, key: PageKey, locale: NewsLocale, revisionId: string, at: Date) {
  await trx
    .updateTable('office_page')
    .set({ published_revision: revisionId, publish_at: at })
    .where('key', '=', key)
    .where('locale', '=', locale)
    .execute();
}

export async function withdrawPage(trx: Tx, key: PageKey, locale: NewsLocale): Promise<boolean> {
  const r = await trx
    .updateTable('office_page')
    .set({ published_revision: null, publish_at: null })
    .where('key', '=', key)
    .where('locale', '=', locale)
    .where('published_revision', 'is not', null)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) > 0;
}

export async function pageRevisions(trx: Tx, key: PageKey, locale: NewsLocale): Promise<RevisionRow[]> {
  const rows = await trx
    .selectFrom('office_page_revision')
    .select(['id', 'saved_at', 'saved_by', 'title', 'body'])
    .where('key', '=', key)
    .where('locale', '=', locale)
    .orderBy('saved_at', 'desc')
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    savedAt: new Date(r.saved_at),
    savedBy: r.saved_by,
    title: r.title,
    body: r.body,
  }));
}
