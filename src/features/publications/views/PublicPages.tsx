/**
 * The public library: the search with its results, and a work's page with
 * its public editions, their versions and downloads. Network pages (ADR
 * 030): German and English; in other languages the text is German, marked
 * and announced.
 *
 * A work's page describes itself twice for machines: Dublin Core `<meta>`
 * elements in the head (for library catalogues and harvesters) and
 * schema.org as microdata attributes on the page (Report or
 * CreativeWork) — not a JSON-LD block, because every inline `<script>`,
 * even a data block, is refused by the page scan the CSP relies on.
 */
import { localeInfo, translator, type Locale } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { Layout } from '../../../platform/layout/Layout.tsx';
import { GermanFallback } from '../../../platform/layout/TranslationNote.tsx';
import { formatDay } from '../../../platform/time/dates.ts';
import {
  EDITION_LANGUAGES,
  WORK_TYPES,
  type Edition,
  type EditionLanguage,
  type Hit,
  type WorkType,
  type WorkWithEditions,
} from '../queries.ts';

/** The text language of the library's pages: English for English readers, German for everyone else. */
export function textLang(locale: Locale): Locale {
  return locale === 'en' ? 'en' : 'de';
}

/** The HTML language of an edition ('de-LS' is German, in plain language). */
export function htmlLangOf(language: EditionLanguage): string {
  return language === 'en' ? 'en' : 'de';
}

/** Works the schema.org vocabulary calls a Report; statements and documentations are creative works. */
function schemaTypeOf(type: WorkType): string {
  return type === 'statement' || type === 'documentation' ? 'CreativeWork' : 'Report';
}

const START = '\u0001';
const STOP = '\u0002';

/** The snippet's pieces: plain text, and the words found (between START and STOP). */
export function snippetParts(text: string): { text: string; found: boolean }[] {
  const parts: { text: string; found: boolean }[] = [];
  for (const [i, chunk] of text.split(START).entries()) {
    const stop = chunk.indexOf(STOP);
    if (i === 0 || stop < 0) parts.push({ text: chunk.split(STOP).join(''), found: false });
    else
      parts.push(
        { text: chunk.slice(0, stop), found: true },
        {
          text: chunk
            .slice(stop + 1)
            .split(STOP)
            .join(''),
          found: false,
        },
      );
  }
  return parts.filter((p) => p.text !== '');
}

/** Text with the found words marked; everything plain text, escaped by preact. */
function Snippet({ text }: { text: string }) {
  return <>{snippetParts(text).map((p) => (p.found ? <mark>{p.text}</mark> : p.text))}</>;
}

export type ListModel = {
  q: string;
  type: WorkType | undefined;
  language: EditionLanguage | undefined;
  hits: readonly Hit[];
};

function Select<V extends string>({
  name,
  label,
  any,
  options,
  value,
}: {
  name: string;
  label: string;
  any: string;
  options: readonly { value: V; label: string }[];
  value: V | undefined;
}) {
  return (
    <p class="field">
      <label for={`pub-${name}`}>{label}</label>
      <select id={`pub-${name}`} name={name}>
        <option value="" selected={value === undefined}>
          {any}
        </option>
        {options.map((o) => (
          <option value={o.value} selected={o.value === value}>
            {o.label}
          </option>
        ))}
      </select>
    </p>
  );
}

export function ListPage({ ctx, model }: { ctx: PageContext; model: ListModel }) {
  const lang = textLang(ctx.locale);
  const w = translator(lang, 'publications');
  const base = `/${ctx.locale}/publications`;
  const searched = model.q.trim() !== '' || model.type !== undefined || model.language !== undefined;
  const exact = model.hits.filter((h) => h.exact);
  const partial = searched ? model.hits.filter((h) => !h.exact) : [];
  const head = <link rel="alternate" type="application/atom+xml" title={w('feed.title')} href={`${base}/feed.atom`} />;
  return (
    <Layout ctx={ctx} title={w('title')} description={w('description')} head={head}>
      <GermanFallback ctx={ctx} lang={lang}>
        <div class="publications">
          <h1>{w('title')}</h1>
          <p>{w('intro')}</p>
          <form method="get" action={base} role="search" class="publication-search">
            <p class="field">
              <label for="pub-q">{w('search.label')}</label>
              <input id="pub-q" type="search" name="q" value={model.q} maxLength={200} />
            </p>
            <Select
              name="type"
              label={w('search.type')}
              any={w('search.any')}
              value={model.type}
              options={WORK_TYPES.map((t) => ({ value: t, label: w(`type.${t}`) }))}
            />
            <Select
              name="language"
              label={w('search.language')}
              any={w('search.any')}
              value={model.language}
              options={EDITION_LANGUAGES.map((l) => ({ value: l, label: w(`language.${l}`) }))}
            />
            <p>
              <button type="submit">{w('search.submit')}</button>
            </p>
          </form>
          <section aria-labelledby="pub-results">
            <h2 id="pub-results">{searched ? w('results.heading') : w('results.latest')}</h2>
            {searched ? <p role="status">{w('results.count', { count: model.hits.length })}</p> : null}
            {model.hits.length === 0 ? <p>{w('results.none')}</p> : null}
            <HitList ctx={ctx} lang={lang} hits={searched ? exact : model.hits} />
            {partial.length > 0 ? (
              <>
                <h3>{w('results.partial')}</h3>
                <HitList ctx={ctx} lang={lang} hits={partial} />
              </>
            ) : null}
          </section>
          <p>
            <a href={`${base}/feed.atom`} type="application/atom+xml">
              {w('feed.link')}
            </a>
          </p>
        </div>
      </GermanFallback>
    </Layout>
  );
}

function HitList({ ctx, lang, hits }: { ctx: PageContext; lang: Locale; hits: readonly Hit[] }) {
  const w = translator(lang, 'publications');
  if (hits.length === 0) return null;
  return (
    <ol class="publication-hits">
      {hits.map((h) => (
        <li>
          <h4 lang={htmlLangOf(h.language)}>
            <a href={`/${ctx.locale}/publications/${h.slug}#edition-${h.language}`}>{h.title}</a>
          </h4>
          <p class="meta">
            {w(`type.${h.type}`)} · {w(`language.${h.language}`)} · {formatDay(h.issued, lang)}
          </p>
          {h.snippet.trim() !== '' ? (
            <p class="snippet" lang={htmlLangOf(h.language)}>
              <Snippet text={h.snippet} />
            </p>
          ) : h.summary !== '' ? (
            <p lang={htmlLangOf(h.language)}>{h.summary}</p>
          ) : null}
        </li>
      ))}
    </ol>
  );
}

/** The edition a reader of `locale` sees first: their language, else German, else the first. */
export function mainEdition(editions: readonly Edition[], locale: Locale): Edition | undefined {
  return editions.find((e) => e.language === locale) ?? editions.find((e) => e.language === 'de') ?? editions[0];
}

/** Dublin Core elements for the head (DCMI's HTML meta convention). */
function DublinCore({ work, edition, url }: { work: WorkWithEditions; edition: Edition; url: string }) {
  const meta: [string, string][] = [
    ['DC.title', edition.title],
    ...edition.authors
      .split(/[;,]/)
      .map((a) => a.trim())
      .filter((a) => a !== '')
      .map((a): [string, string] => ['DC.creator', a]),
    ['DC.description', edition.summary],
    ['DC.date', edition.issued],
    ['DC.type', work.type],
    ['DC.format', 'application/pdf'],
    ['DC.language', htmlLangOf(edition.language)],
    ['DC.rights', edition.licence],
    ['DC.identifier', url],
  ];
  // No <link rel="schema.DC"> to purl.org: a public page names no other
  // origin, and harvesters know the DC.* names by their prefix.
  return (
    <>
      {meta
        .filter(([, v]) => v !== '')
        .map(([name, content]) => (
          <meta name={name} content={content} />
        ))}
    </>
  );
}

export function WorkPage({
  ctx,
  work,
  url,
}: {
  ctx: PageContext;
  work: WorkWithEditions;
  /** The page's own absolute address (DC.identifier). */
  url: string;
}) {
  const lang = textLang(ctx.locale);
  const w = translator(lang, 'publications');
  const main = mainEdition(work.editions, ctx.locale);
  if (!main) throw new Error('a public work without a public edition');
  const editions = [main, ...work.editions.filter((e) => e !== main)];
  return (
    <Layout
      ctx={ctx}
      title={main.title}
      description={main.summary.slice(0, 300)}
      head={<DublinCore work={work} edition={main} url={url} />}
    >
      <GermanFallback ctx={ctx} lang={lang}>
        <div class="publications">
          <p>
            <a href={`/${ctx.locale}/publications`}>{w('detail.back')}</a>
          </p>
          {editions.map((e, i) => (
            <article
              id={`edition-${e.language}`}
              itemscope
              itemtype={`https://schema.org/${schemaTypeOf(work.type)}`}
              lang={htmlLangOf(e.language)}
              class="publication-edition"
            >
              {i === 0 ? <h1 itemprop="name">{e.title}</h1> : <h2 itemprop="name">{e.title}</h2>}
              {e.summary !== '' ? <p itemprop="abstract">{e.summary}</p> : null}
              <dl class="publication-meta" lang={localeInfo(lang).htmlLang}>
                <dt>{w('detail.type')}</dt>
                <dd itemprop="genre">{w(`type.${work.type}`)}</dd>
                <dt>{w('detail.language')}</dt>
                <dd>
                  {w(`language.${e.language}`)}
                  <meta itemprop="inLanguage" content={e.language === 'de-LS' ? 'de' : e.language} />
                </dd>
                {e.authors !== '' ? (
                  <>
                    <dt>{w('detail.authors')}</dt>
                    <dd itemprop="author">{e.authors}</dd>
                  </>
                ) : null}
                <dt>{w('detail.issued')}</dt>
                <dd>
                  <time itemprop="datePublished" datetime={e.issued}>
                    {formatDay(e.issued, lang)}
                  </time>
                </dd>
                {e.licence !== '' ? (
                  <>
                    <dt>{w('detail.licence')}</dt>
                    <dd itemprop="license">{e.licence}</dd>
                  </>
                ) : null}
              </dl>
              <h3 lang={localeInfo(lang).htmlLang}>{w('detail.versions')}</h3>
              <ul class="publication-versions" lang={localeInfo(lang).htmlLang}>
                {e.versions.map((v) => (
                  <li
                    itemprop={v.isCurrent ? 'encoding' : undefined}
                    itemscope={v.isCurrent}
                    itemtype={v.isCurrent ? 'https://schema.org/MediaObject' : undefined}
                  >
                    <a
                      href={`/${ctx.locale}/publications/files/${v.id}`}
                      itemprop={v.isCurrent ? 'contentUrl' : undefined}
                      type="application/pdf"
                    >
                      {w('detail.download')}:{' '}
                      {w('detail.version', { version: v.version, date: formatDay(v.uploadedAt, lang) })}
                    </a>{' '}
                    ({w('detail.size', { size: Math.max(1, Math.round(v.byteSize / 1024)) })}
                    {v.isCurrent ? `, ${w('detail.current')}` : ''})
                    {v.isCurrent ? <meta itemprop="encodingFormat" content="application/pdf" /> : null}
                  </li>
                ))}
              </ul>
            </article>
          ))}
        </div>
      </GermanFallback>
    </Layout>
  );
}
