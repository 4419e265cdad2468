/**
 * The public news and the office's pages, inside the public Layout. The text
 * the office wrote arrives here already sanitised (SafeHtml); a post or page
 * not in the reader's language is marked with its own (ADR 030).
 */
import { MarkdownBody } from '../../../platform/content/MarkdownBody.tsx';
import type { SafeHtml } from '../../../platform/content/markdown.ts';
import { translator } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { Layout } from '../../../platform/layout/Layout.tsx';
import { GermanFallback } from '../../../platform/layout/TranslationNote.tsx';
import { formatDay } from '../../../platform/time/dates.ts';

type NewsTeaser = {
  href: string;
  lang: 'de' | 'en';
  title: string;
  summary: string;
  category: string;
  publishAt: Date;
};

export type NewsListModel = {
  posts: NewsTeaser[];
  categories: { key: string; label: string; href: string; current: boolean }[];
  allHref: string;
  feedHref: string;
  page: number;
  pages: number;
  newerHref: string | null;
  olderHref: string | null;
};

function Dated({ ctx, at }: { ctx: PageContext; at: Date }) {
  const t = translator(ctx.locale, 'siteContent');
  return (
    <p class="meta">
      <time datetime={at.toISOString()}>{t('news.published', { date: formatDay(at, ctx.locale) })}</time>
    </p>
  );
}

/** A text in `lang` inside a page in the reader's language: marked when they differ. */
function Lang({ ctx, lang, children }: { ctx: PageContext; lang: string; children: preact.ComponentChildren }) {
  return lang === ctx.locale ? <>{children}</> : <span lang={lang}>{children}</span>;
}

export function NewsListPage({ ctx, model }: { ctx: PageContext; model: NewsListModel }) {
  const t = translator(ctx.locale, 'siteContent');
  return (
    <Layout ctx={ctx} title={t('news.title')} description={t('news.description')}>
      <h1>{t('news.title')}</h1>
      <nav aria-label={t('news.filterLabel')} class="news-filter">
        <ul>
          <li>
            <a href={model.allHref} aria-current={model.categories.some((c) => c.current) ? undefined : 'page'}>
              {t('news.all')}
            </a>
          </li>
          {model.categories.map((c) => (
            <li>
              <a href={c.href} aria-current={c.current ? 'page' : undefined}>
                {c.label}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {model.posts.length === 0 ? (
        <p>{t('news.empty')}</p>
      ) : (
        <ul class="news-list">
          {model.posts.map((p) => (
            <li>
              <article lang={p.lang === ctx.locale ? undefined : p.lang}>
                <h2>
                  <a href={p.href}>{p.title}</a>
                </h2>
                <p class="meta">
                  <span lang={ctx.locale}>{p.category}</span>
                </p>
                <Dated ctx={ctx} at={p.publishAt} />
                <p>{p.summary}</p>
              </article>
            </li>
          ))}
        </ul>
      )}
      {model.pages > 1 ? (
        <nav aria-label={t('news.pagination')} class="pagination">
          <p>{t('news.page', { page: String(model.page), pages: String(model.pages) })}</p>
          <ul>
            {model.newerHref ? (
              <li>
                <a href={model.newerHref} rel="prev">
                  {t('news.newer')}
                </a>
              </li>
            ) : null}
            {model.olderHref ? (
              <li>
                <a href={model.olderHref} rel="next">
                  {t('news.older')}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
      <p>
        <a href={model.feedHref} type="application/atom+xml">
          {t('news.feed')}
        </a>
      </p>
    </Layout>
  );
}

export type NewsPostModel = {
  title: string;
  summary: string;
  html: SafeHtml;
  lang: 'de' | 'en';
  category: string;
  publishAt: Date;
  backHref: string;
};

export function NewsPostPage({ ctx, model }: { ctx: PageContext; model: NewsPostModel }) {
  const t = translator(ctx.locale, 'siteContent');
  return (
    <Layout ctx={ctx} title={model.title} description={model.summary}>
      <article>
        <h1>
          <Lang ctx={ctx} lang={model.lang}>
            {model.title}
          </Lang>
        </h1>
        <p class="meta">{model.category}</p>
        <Dated ctx={ctx} at={model.publishAt} />
        <MarkdownBody html={model.html} {...(model.lang === ctx.locale ? {} : { lang: model.lang })} />
      </article>
      <p>
        <a href={model.backHref}>{t('news.back')}</a>
      </p>
    </Layout>
  );
}

export type OfficePageModel = { title: string; html: SafeHtml; lang: 'de' | 'en'; savedAt: Date } | null;

/** One of the office's pages; `fallbackTitle` names it while the office has published nothing yet. */
export function OfficePage({
  ctx,
  model,
  fallbackTitle,
  children,
}: {
  ctx: PageContext;
  model: OfficePageModel;
  fallbackTitle: string;
  children?: preact.ComponentChildren;
}) {
  const t = translator(ctx.locale, 'siteContent');
  if (!model) {
    return (
      <Layout ctx={ctx} title={fallbackTitle}>
        <h1>{fallbackTitle}</h1>
        <p>{t('pages.missing')}</p>
        {children}
      </Layout>
    );
  }
  return (
    <Layout ctx={ctx} title={model.title}>
      <GermanFallback ctx={ctx} lang={model.lang}>
        <h1>{model.title}</h1>
        <MarkdownBody html={model.html} />
      </GermanFallback>
      {children}
      <p class="meta">{t('pages.updated', { date: formatDay(model.savedAt, ctx.locale) })}</p>
    </Layout>
  );
}
