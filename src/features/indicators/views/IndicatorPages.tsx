/** The coordination office's indicator pages: both guides with their history, and one version (its form while a draft). */
import { dynamicKey, translator, type Locale } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { DataTable } from '../../../platform/layout/TableScroll.tsx';
import { StaffFrame } from '../../../platform/staff/StaffFrame.tsx';
import { ErrorSummary, Field, FieldError, control, inputId, type Errors } from '../../../platform/staff/forms.tsx';
import { formatDay } from '../../../platform/time/dates.ts';
import type { IndicatorGuide } from '../../../platform/db/schema.ts';
import { TEXT_LIMITS, type IndicatorContent, type LocalText, type TextPath } from '../content.ts';
import type { Change } from '../diff.ts';
import type { Person, VersionDetail, VersionSummary } from '../queries.ts';
import type { Refusal } from '../rules.ts';

export type Done = 'created' | 'exists' | 'saved' | 'submitted' | 'approved' | 'returned' | 'published' | 'discarded';
const GUIDES: readonly IndicatorGuide[] = ['adults', 'minors'];
const base = (locale: Locale) => `/${locale}/staff/indicators`;

function Csrf({ token }: { token: string }) {
  return <input type="hidden" name="_csrf" value={token} />;
}

function when(ctx: PageContext, at: Date | null, who: Person | null): string {
  const t = translator(ctx.locale, 'indicatorEditor');
  if (!at) return t('overview.nobody');
  const date = formatDay(at, ctx.locale);
  return who ? t('overview.when', { date, name: who.name }) : t('overview.seeded', { date });
}

export function OverviewPage({
  ctx,
  versions,
  done,
  csrf,
}: {
  ctx: PageContext;
  versions: readonly VersionSummary[];
  done?: Done | undefined;
  csrf: string;
}) {
  const t = translator(ctx.locale, 'indicatorEditor');
  const status = (v: VersionSummary) => t(`status.${v.status}`);
  return (
    <StaffFrame ctx={ctx} title={t('overview.title')}>
      <h1>{t('overview.title')}</h1>
      {done === 'discarded' ? (
        <p class="notice" role="status">
          {t('done.discarded')}
        </p>
      ) : null}
      <p class="lead">{t('overview.lead')}</p>
      {GUIDES.map((guide) => {
        const mine = versions.filter((v) => v.guide === guide);
        const published = mine.find((v) => v.status === 'published');
        const open = mine.find((v) => v.status === 'draft' || v.status === 'in_review');
        return (
          <section aria-labelledby={`guide-${guide}`}>
            <h2 id={`guide-${guide}`}>{t(`guide.${guide}`)}</h2>
            <p>
              {published ? (
                <a href={`${base(ctx.locale)}/${published.id}`}>
                  {t('overview.published', {
                    version: published.version,
                    date: formatDay(published.publishedAt ?? published.createdAt, ctx.locale),
                  })}
                </a>
              ) : (
                t('overview.none')
              )}
            </p>
            {open ? (
              <p>
                <a href={`${base(ctx.locale)}/${open.id}`}>
                  {t('overview.open', { version: open.version, status: status(open) })}
                </a>
              </p>
            ) : published ? (
              <form method="post" action={`${base(ctx.locale)}/drafts`}>
                <Csrf token={csrf} />
                <input type="hidden" name="guide" value={guide} />
                <p class="hint">{t('overview.createHint')}</p>
                <button type="submit" aria-label={`${t('overview.createDraft')}: ${t(`guide.${guide}`)}`}>
                  {t('overview.createDraft')}
                </button>
              </form>
            ) : null}
            <DataTable
              label={`${t('overview.history')}: ${t(`guide.${guide}`)}`}
              caption={t('overview.history')}
              columns={[
                t('overview.version'),
                t('overview.status'),
                t('overview.created'),
                t('overview.reviewed'),
                t('overview.publishedColumn'),
              ]}
              items={mine}
              row={(v) => (
                <>
                  <th scope="row">
                    <a href={`${base(ctx.locale)}/${v.id}`}>{t('overview.view', { version: v.version })}</a>
                  </th>
                  <td>{status(v)}</td>
                  <td>{when(ctx, v.createdBy ? v.createdAt : v.publishedAt, v.createdBy)}</td>
                  <td>{when(ctx, v.reviewedAt, v.reviewedBy)}</td>
                  <td>{when(ctx, v.publishedAt, v.publishedBy)}</td>
                </>
              )}
            />
          </section>
        );
      })}
    </StaffFrame>
  );
}

/** What the page offers the reader, decided by the route from the rules. */
type Offers = {
  edit: boolean;
  submit: boolean;
  discard: boolean;
  approve: boolean;
  return: boolean;
  publish: boolean;
  /** The reader wrote this version, which is in review: say why there is nothing to do. */
  ownVersion: boolean;
};

export type VersionModel = {
  version: VersionDetail;
  offers: Offers;
  /** The changes against the published version (null for a published or superseded version). */
  changes: readonly Change[] | null;
  done?: Done | undefined;
  refusal?: Refusal | 'english_missing' | undefined;
  /** The texts that lack English, when submitting was refused for them. */
  missingEnglish?: readonly TextPath[];
  /** The form's values (as stored, or as typed when saving failed). */
  values: Record<string, string>;
  errors: Errors;
  csrf: string;
};

export function VersionPage({ ctx, model }: { ctx: PageContext; model: VersionModel }) {
  const t = translator(ctx.locale, 'indicatorEditor');
  const v = model.version;
  const title = t('version.title', { guide: t(`guide.${v.guide}`), version: v.version });
  const url = `${base(ctx.locale)}/${v.id}`;
  const step = (path: string, label: string, text: string, secondary = false) => (
    <form method="post" action={`${url}/${path}`} class="decision">
      <Csrf token={model.csrf} />
      <p>{text}</p>
      <button type="submit" class={secondary ? 'secondary' : undefined}>
        {label}
      </button>
    </form>
  );
  const o = model.offers;
  return (
    <StaffFrame ctx={ctx} title={title}>
      <p>
        <a href={base(ctx.locale)}>{t('version.back')}</a>
      </p>
      <h1>{title}</h1>
      {model.done ? (
        <p class="notice" role="status">
          {t(`done.${model.done}`)}
        </p>
      ) : null}
      {model.refusal ? (
        <div class="notice warn" role="alert">
          <p>{t(`refusal.${model.refusal}`, { status: t(`status.${v.status}`) })}</p>
          {model.missingEnglish?.length ? (
            <ul>
              {model.missingEnglish.map((p) => (
                <li>{pathLabel(ctx.locale, p)}</li>
              ))}
            </ul>
          ) : null}
        </div>
      ) : null}
      <h2>{t('version.facts')}</h2>
      <dl class="facts">
        <dt>{t('version.status')}</dt>
        <dd>{t(`status.${v.status}`)}</dd>
        <dt>{t('version.createdBy')}</dt>
        <dd>{when(ctx, v.createdBy ? v.createdAt : null, v.createdBy)}</dd>
        {v.updatedBy && v.updatedBy.id !== v.createdBy?.id ? (
          <>
            <dt>{t('version.updatedBy')}</dt>
            <dd>{when(ctx, v.updatedAt, v.updatedBy)}</dd>
          </>
        ) : null}
        {v.submittedAt ? (
          <>
            <dt>{t('version.submittedBy')}</dt>
            <dd>{when(ctx, v.submittedAt, v.submittedBy)}</dd>
          </>
        ) : null}
        {v.reviewedAt ? (
          <>
            <dt>{t('version.reviewedBy')}</dt>
            <dd>{when(ctx, v.reviewedAt, v.reviewedBy)}</dd>
          </>
        ) : null}
        {v.publishedAt ? (
          <>
            <dt>{t('version.publishedBy')}</dt>
            <dd>{when(ctx, v.publishedAt, v.publishedBy)}</dd>
          </>
        ) : null}
        {v.supersededAt ? (
          <>
            <dt>{t('version.supersededAt')}</dt>
            <dd>{formatDay(v.supersededAt, ctx.locale)}</dd>
          </>
        ) : null}
      </dl>
      {v.status === 'published' || v.status === 'superseded' ? <p>{t('version.frozen')}</p> : null}
      {v.status === 'in_review' ? <p>{t('version.inReview')}</p> : null}
      {o.ownVersion ? <p class="notice">{t('version.ownVersion')}</p> : null}
      {o.submit || o.approve || o.return || o.publish ? (
        <section aria-labelledby="steps-title">
          <h2 id="steps-title">{t('version.steps')}</h2>
          {o.submit ? step('submit', t('version.submit'), t('version.submitText')) : null}
          {o.approve ? step('approve', t('version.approve'), t('version.approveText')) : null}
          {o.publish ? step('publish', t('version.publish'), t('version.publishText')) : null}
          {o.return ? step('return', t('version.return'), t('version.returnText'), true) : null}
        </section>
      ) : null}
      {model.changes ? <Changes ctx={ctx} changes={model.changes} /> : null}
      {o.edit ? <DraftForm ctx={ctx} model={model} /> : <Content ctx={ctx} content={v.content} />}
      {o.discard ? (
        <section aria-labelledby="discard-title">
          <h2 id="discard-title">{t('version.discard')}</h2>
          {step('discard', t('version.discard'), t('version.discardText'), true)}
        </section>
      ) : null}
    </StaffFrame>
  );
}

function pathLabel(locale: Locale, p: TextPath): string {
  const t = translator(locale, 'indicatorEditor');
  switch (p.kind) {
    case 'framing':
      return t('version.framing');
    case 'title':
      return t('form.group', { key: p.group });
    default:
      return `${t('form.indicator', { key: p.indicator })}: ${t(`form.${p.kind}_en`)}`;
  }
}

function Texts({ ctx, text }: { ctx: PageContext; text: LocalText }) {
  const t = translator(ctx.locale, 'indicatorEditor');
  const others = Object.keys(text).filter((l) => l !== 'de' && l !== 'en');
  return (
    <>
      <p lang="de">
        <span class="visually-hidden">{t('version.german')}: </span>
        {text.de}
      </p>
      {text.en ? (
        <p lang="en">
          <span class="visually-hidden">{t('version.english')}: </span>
          {text.en}
        </p>
      ) : (
        <p class="hint">{t('version.noEnglish')}</p>
      )}
      {others.length ? <p class="hint">{t('version.otherLanguages', { list: others.join(', ') })}</p> : null}
    </>
  );
}

/** A version's content, read-only. */
function Content({ ctx, content }: { ctx: PageContext; content: IndicatorContent }) {
  const t = translator(ctx.locale, 'indicatorEditor');
  return (
    <section aria-labelledby="content-title">
      <h2 id="content-title">{t('version.content')}</h2>
      <h3>{t('version.framing')}</h3>
      <Texts ctx={ctx} text={content.framing} />
      {content.groups.map((g) => (
        <>
          <h3 lang="de">{g.title.de}</h3>
          <dl class="indicators">
            {g.indicators.map((i) => (
              <>
                <dt>
                  <code>{i.key}</code>
                </dt>
                <dd>
                  <Texts ctx={ctx} text={i.text} />
                  <Texts ctx={ctx} text={i.explanation} />
                  <p>
                    {t('version.source')}: <cite>{i.source}</cite>
                  </p>
                </dd>
              </>
            ))}
          </dl>
        </>
      ))}
    </section>
  );
}

function Changes({ ctx, changes }: { ctx: PageContext; changes: readonly Change[] }) {
  const t = translator(ctx.locale, 'indicatorEditor');
  const pair = (before: LocalText | string | null, after: LocalText | string | null) => (
    <dl class="diff">
      {before !== null ? (
        <>
          <dt>{t('diff.before')}</dt>
          <dd>{typeof before === 'string' ? before : <Texts ctx={ctx} text={before} />}</dd>
        </>
      ) : null}
      {after !== null ? (
        <>
          <dt>{t('diff.after')}</dt>
          <dd>{typeof after === 'string' ? after : <Texts ctx={ctx} text={after} />}</dd>
        </>
      ) : null}
    </dl>
  );
  return (
    <section aria-labelledby="diff-title">
      <h2 id="diff-title">{t('diff.title')}</h2>
      {changes.length === 0 ? <p>{t('diff.none')}</p> : null}
      <ul class="changes">
        {changes.map((c) => {
          if (c.kind === 'framing')
            return (
              <li>
                <h3>{t('diff.framing')}</h3>
                {pair(c.before, c.after)}
              </li>
            );
          if (c.kind === 'title')
            return (
              <li>
                <h3>{t('diff.groupTitle', { group: c.group })}</h3>
                {pair(c.before, c.after)}
              </li>
            );
          return (
            <li>
              <h3>
                {t('diff.indicator', { indicator: c.indicator, group: c.group })}:{' '}
                {c.parts.map((p) => t(dynamicKey('indicatorEditor', `diff.${p}`))).join(', ')}
              </h3>
              {c.parts.includes('added') || c.parts.includes('removed') ? (
                pair(c.before?.text ?? null, c.after?.text ?? null)
              ) : (
                <>
                  {c.parts.includes('text') ? pair(c.before!.text, c.after!.text) : null}
                  {c.parts.includes('explanation') ? pair(c.before!.explanation, c.after!.explanation) : null}
                  {c.parts.includes('source') ? pair(c.before!.source, c.after!.source) : null}
                </>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The draft's form: every text in German and English, each indicator's source, removal, one new indicator per group. */
function DraftForm({ ctx, model }: { ctx: PageContext; model: VersionModel }) {
  const t = translator(ctx.locale, 'indicatorEditor');
  const { values: v, errors } = model;
  const prefix = t('form.errorPrefix');
  const c = model.version.content;
  const label = (name: string) => {
    const [part, key] = name.split('.') as [string, string | undefined];
    const what = t(dynamicKey('indicatorEditor', `form.${part}`));
    return key ? `${what} – ${key}` : what;
  };
  const summary = [...errors].flatMap(([f, list]) =>
    list.map((m) => ({ href: f ? `#${inputId(f)}` : null, text: f ? `${label(f)}: ${m}` : m })),
  );
  const field = (
    name: string,
    text: string,
    opts: { max: number; multiline?: boolean; hint?: string; lang?: 'de' | 'en' },
  ) => (
    <Field name={name} label={text} hint={opts.hint} errors={errors} errorPrefix={prefix}>
      {opts.multiline ? (
        <textarea {...control(name, errors, !!opts.hint)} rows={3} maxLength={opts.max} lang={opts.lang}>
          {v[name] ?? ''}
        </textarea>
      ) : (
        <input
          type="text"
          {...control(name, errors, !!opts.hint)}
          value={v[name] ?? ''}
          maxLength={opts.max}
          lang={opts.lang}
        />
      )}
    </Field>
  );
  return (
    <section aria-labelledby="form-title">
      <h2 id="form-title">{t('form.title')}</h2>
      <ErrorSummary title={t('form.errorTitle')} items={summary} />
      <p class="hint">{t('form.otherLanguages')}</p>
      <form method="post" action={`${base(ctx.locale)}/${model.version.id}`} class="staff-form" novalidate>
        <Csrf token={model.csrf} />
        {field('framing_de', t('form.framing_de'), {
          max: TEXT_LIMITS.framing,
          multiline: true,
          hint: t('form.framingHint'),
          lang: 'de',
        })}
        {field('framing_en', t('form.framing_en'), { max: TEXT_LIMITS.framing, multiline: true, lang: 'en' })}
        {c.groups.map((g) => (
          <fieldset class="group">
            <legend>{t('form.group', { key: g.key })}</legend>
            {field(`title_de.${g.key}`, t('form.title_de'), { max: TEXT_LIMITS.title, lang: 'de' })}
            {field(`title_en.${g.key}`, t('form.title_en'), { max: TEXT_LIMITS.title, lang: 'en' })}
            {g.indicators.map((i) => (
              <fieldset>
                <legend>{t('form.indicator', { key: i.key })}</legend>
                {field(`text_de.${i.key}`, t('form.text_de'), { max: TEXT_LIMITS.text, lang: 'de' })}
                {field(`text_en.${i.key}`, t('form.text_en'), { max: TEXT_LIMITS.text, lang: 'en' })}
                {field(`explanation_de.${i.key}`, t('form.explanation_de'), {
                  max: TEXT_LIMITS.explanation,
                  multiline: true,
                  hint: t('form.explanationHint'),
                  lang: 'de',
                })}
                {field(`explanation_en.${i.key}`, t('form.explanation_en'), {
                  max: TEXT_LIMITS.explanation,
                  multiline: true,
                  lang: 'en',
                })}
                {field(`source.${i.key}`, t('form.source'), { max: TEXT_LIMITS.source, hint: t('form.sourceHint') })}
                <div class={errors.has(`remove.${i.key}`) ? 'field has-error' : 'field'}>
                  <FieldError name={`remove.${i.key}`} errors={errors} prefix={prefix} />
                  <label class="check">
                    <input
                      type="checkbox"
                      id={inputId(`remove.${i.key}`)}
                      name={`remove.${i.key}`}
                      value="on"
                      checked={v[`remove.${i.key}`] === 'on'}
                    />{' '}
                    {t('form.remove')}
                  </label>
                </div>
              </fieldset>
            ))}
            <fieldset>
              <legend>{t('form.newTitle')}</legend>
              <p class="hint">{t('form.newHint')}</p>
              {field(`new_key.${g.key}`, t('form.new_key'), { max: 60, hint: t('form.keyHint') })}
              {field(`new_text_de.${g.key}`, t('form.new_text_de'), { max: TEXT_LIMITS.text, lang: 'de' })}
              {field(`new_text_en.${g.key}`, t('form.new_text_en'), { max: TEXT_LIMITS.text, lang: 'en' })}
              {field(`new_explanation_de.${g.key}`, t('form.new_explanation_de'), {
                max: TEXT_LIMITS.explanation,
                multiline: true,
                lang: 'de',
              })}
              {field(`new_explanation_en.${g.key}`, t('form.new_explanation_en'), {
                max: TEXT_LIMITS.explanation,
                multiline: true,
                lang: 'en',
              })}
              {field(`new_source.${g.key}`, t('form.new_source'), {
                max: TEXT_LIMITS.source,
                hint: t('form.sourceHint'),
              })}
            </fieldset>
          </fieldset>
        ))}
        <button type="submit">{t('form.save')}</button>
      </form>
    </section>
  );
}
