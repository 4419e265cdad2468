/**
 * The news as an Atom feed. Every address in it is absolute, built from the
 * configured public origin (never from the request's Host header, which a
 * client chooses). Entry ids are the post's address: stable, and unique
 * because slugs are.
 */
import { Feed } from 'feed';
import { renderMarkdown } from '../../platform/content/markdown.ts';
import type { PublicPost } from './queries.ts';

export function newsFeed(o: {
  origin: string;
  locale: string;
  title: string;
  subtitle: string;
  posts: readonly PublicPost[];
  categoryLabel: (key: string) => string;
  now: Date;
}): string {
  const listUrl = `${o.origin}/${o.locale}/news`;
  const feed = new Feed({
    id: `${listUrl}/feed.atom`,
    title: o.title,
    description: o.subtitle,
    link: listUrl,
    language: o.locale,
    // A feed without posts is as old as the request; otherwise as new as its newest change.
    updated:
      o.posts.reduce<Date | undefined>(
        (max, p) => (max === undefined || p.savedAt > max ? p.savedAt : max),
        undefined,
      ) ?? o.now,
    generator: false,
    feedLinks: { atom: `${listUrl}/feed.atom` },
    copyright: o.title,
  });
  for (const p of o.posts) {
    const link = `${listUrl}/${p.slug}`;
    feed.addItem({
      id: link,
      link,
      title: p.title,
      description: p.summary,
      content: renderMarkdown(p.body),
      // Atom's updated: when the published text was saved, never before it went public.
      date: p.savedAt > p.publishAt ? p.savedAt : p.publishAt,
      published: p.publishAt,
      category: [{ term: p.category, name: o.categoryLabel(p.category) }],
    });
  }
  return feed.atom1();
}
