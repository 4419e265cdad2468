/**
 * The library's Atom feed: one entry per published work (its edition in
 * the reader's language, else German), newest first. Atom rather than
 * OAI-PMH (ADR 040): readers and the member organisations follow new
 * publications in any feed reader; a harvesting protocol for library
 * catalogues would be a second API to keep for no one who asked for it,
 * and the pages carry Dublin Core for catalogues that crawl.
 */
import { Feed } from 'feed';
import { translator, type Locale } from '../../platform/i18n/index.ts';
import { mainEdition, textLang } from './views/PublicPages.tsx';
import type { WorkWithEditions } from './queries.ts';

export function atomFeed(works: readonly WorkWithEditions[], opts: { locale: Locale; origin: string }): string {
  const w = translator(textLang(opts.locale), 'publications');
  const base = `${opts.origin}/${opts.locale}/publications`;
  const dated = works.filter((x) => x.editions.length > 0 && x.publishedAt !== null);
  const feed = new Feed({
    id: `${base}/feed.atom`,
    title: w('feed.title'),
    description: w('description'),
    link: base,
    language: textLang(opts.locale),
    updated: dated.reduce<Date>((a, x) => (x.publishedAt && x.publishedAt > a ? x.publishedAt : a), new Date(0)),
    generator: false,
    copyright: '',
    feedLinks: { atom: `${base}/feed.atom` },
  });
  for (const work of dated) {
    const e = mainEdition(work.editions, opts.locale);
    if (!e || !work.publishedAt) continue;
    const link = `${base}/${work.slug}`;
    feed.addItem({
      id: link,
      title: e.title,
      link,
      date: work.publishedAt,
      published: work.publishedAt,
      description: e.summary,
      category: [{ name: w(`type.${work.type}`), term: work.type }],
      author: e.authors
        .split(/[;,]/)
        .map((a) => a.trim())
        .filter((a) => a !== '')
        .map((name) => ({ name })),
    });
  }
  return feed.atom1();
}
