/**
 * The public project pages: the list of published projects and one
 * project with its goal, period, status, funders (credit line and logo from
 * our own origin), its activities and outputs, and the way to reach its
 * coordination — a link to the contact form, never an address.
 * Network pages (ADR 030): German and English; in other languages the text
 * is German, marked and announced. The projects' own texts are German.
 */
import { translator, type Locale } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { Layout } from '../../../platform/layout/Layout.tsx';
import { GermanFallback } from '../../../platform/layout/TranslationNote.tsx';
import { formatDay } from '../../../platform/time/dates.ts';
import { stateByCode } from '../../geo/states.ts';
import type { OutputItem } from '../outputs.ts';
import type { ProjectStatus } from '../vocabulary.ts';

export type PublicFunder = { name: string; creditLine: string; url: string | null; logoSrc: string | null };

export type PublicProject = {
  slug: string;
  title: string;
  goal: string;
  summary: string;
  startsOn: string;
  endsOn: string | null;
  status: ProjectStatus;
  contactName: string | null;
  contactRole: string | null;
};

function textLang(locale: Locale): Locale {
  return locale === 'en' ? 'en' : 'de';
}

function Period({ lang, from, to }: { lang: Locale; from: string; to: string | null }) {
  const w = translator(lang, 'projects');
  return (
    <>
      {to
        ? w('periodRange', { from: formatDay(from, lang), to: formatDay(to, lang) })
        : w('periodFrom', { from: formatDay(from, lang) })}
    </>
  );
}

/** The region's name: a Land, or the whole country. */
export function regionName(lang: Locale, region: string): string {
  const state = stateByCode(region);
  if (state) return lang === 'en' ? state.nameEn : state.nameDe;
  return translator(lang, 'projects')('region_DE');
}

function paragraphs(text: string): string[] {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0);
}

export function ProjectListPage({ ctx, projects }: { ctx: PageContext; projects: readonly PublicProject[] }) {
  const lang = textLang(ctx.locale);
  const w = translator(lang, 'projects');
  return (
    <Layout ctx={ctx} title={w('listTitle')} description={w('listLead')}>
      <GermanFallback ctx={ctx} lang={lang}>
        <h1>{w('listTitle')}</h1>
        <p class="lead">{w('listLead')}</p>
        {projects.length === 0 ? (
          <p>{w('listEmpty')}</p>
        ) : (
          <ul class="project-list">
            {projects.map((p) => (
              <li>
                <h2>
                  <a href={`/${ctx.locale}/projects/${p.slug}`}>{p.title}</a>
                </h2>
                <p>{p.goal}</p>
                <p>
                  {w('period')}: <Period lang={lang} from={p.startsOn} to={p.endsOn} /> · {w('status')}:{' '}
                  {w(`status_${p.status}`)}
                </p>
              </li>
            ))}
          </ul>
        )}
      </GermanFallback>
    </Layout>
  );
}

export function ProjectPage({
  ctx,
  project: p,
  funders,
  outputs,
}: {
  ctx: PageContext;
  project: PublicProject;
  funders: readonly PublicFunder[];
  outputs: readonly OutputItem[];
}) {
  const lang = textLang(ctx.locale);
  const w = translator(lang, 'projects');
  return (
    <Layout ctx={ctx} title={p.title} description={p.goal}>
      <GermanFallback ctx={ctx} lang={lang}>
        <p>
          <a href={`/${ctx.locale}/projects`}>{w('back')}</a>
        </p>
        <article class="project">
          <h1>{p.title}</h1>
          <dl class="facts">
            <dt>{w('period')}</dt>
            <dd>
              <Period lang={lang} from={p.startsOn} to={p.endsOn} />
            </dd>
            <dt>{w('status')}</dt>
            <dd>{w(`status_${p.status}`)}</dd>
          </dl>
          <section aria-labelledby="goal-title">
            <h2 id="goal-title">{w('goal')}</h2>
            <p>{p.goal}</p>
          </section>
          {p.summary ? (
            <section aria-labelledby="about-title">
              <h2 id="about-title">{w('about')}</h2>
              {paragraphs(p.summary).map((t) => (
                <p>{t}</p>
              ))}
            </section>
          ) : null}
          <section aria-labelledby="outputs-title">
            <h2 id="outputs-title">{w('outputs')}</h2>
            {outputs.length === 0 ? (
              <p>{w('outputsEmpty')}</p>
            ) : (
              <ul class="project-outputs">
                {outputs.map((o) => (
                  <li>
                    <h3>{o.href ? <a href={o.href}>{o.title}</a> : o.title}</h3>
                    <p class="meta">
                      {w(`output_${o.kind}`)}
                      {o.detail ? (
                        <>
                          {' · '}
                          {w(`measureKind_${o.detail.measureKind}`)} · {regionName(lang, o.detail.region)} ·{' '}
                          <Period lang={lang} from={o.date} to={o.detail.endsOn} />
                        </>
                      ) : (
                        <> · {formatDay(o.date, lang)}</>
                      )}
                    </p>
                    {o.detail ? <p>{o.detail.description}</p> : null}
                  </li>
                ))}
              </ul>
            )}
          </section>
          {funders.length > 0 ? (
            <section aria-labelledby="funders-title">
              <h2 id="funders-title">{w('funders')}</h2>
              <ul class="funders">
                {funders.map((f) => (
                  <li>
                    <p>{f.creditLine}</p>
                    {f.logoSrc ? <img src={f.logoSrc} alt={f.name} class="funder-logo" /> : <p>{f.name}</p>}
                    {f.url ? (
                      <p>
                        <a href={f.url} rel="noopener noreferrer">
                          {w('funderLink', { name: f.name })}
                        </a>
                      </p>
                    ) : null}
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
          <section aria-labelledby="contact-title">
            <h2 id="contact-title">{w('contact')}</h2>
            {p.contactName ? (
              <p>
                {p.contactName}
                {p.contactRole ? `, ${p.contactRole}` : ''}
              </p>
            ) : null}
            <p>{w('contactText')}</p>
            <p>
              <a href={`/${ctx.locale}/contact?project=${encodeURIComponent(p.slug)}`}>{w('contactLink')}</a>
            </p>
          </section>
        </article>
      </GermanFallback>
    </Layout>
  );
}
