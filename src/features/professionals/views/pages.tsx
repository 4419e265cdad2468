/**
 * The pages for professionals: the overview, the indicator guide as a form,
 * its evaluation and the printable checklist. Network pages (ADR 030): in
 * German and English; in other languages their text is German, marked and
 * announced (GermanFallback), inside the reader's own layout.
 */
import { localeInfo, proseDocumentIn, translator, type Locale } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { Layout } from '../../../platform/layout/Layout.tsx';
import { GermanFallback } from '../../../platform/layout/TranslationNote.tsx';
import type { CentresForPlace } from '../centres.ts';
import type { Assessment, GuideKind, GuideView, IndicatorView, Shown, Suggestion } from '../result.ts';
import { GUIDE_FORMS, MAX_PLACE } from '../schema.ts';
import { TextBody } from './Text.tsx';

type GuideFormValue = (typeof GUIDE_FORMS)[number];

/** The language the professionals' texts are in for a reader of `locale`: theirs, or German. */
export function textLang(locale: Locale): Locale {
  return proseDocumentIn(locale, 'professionals', 'overview').lang;
}

/** A guide text in a language other than the text around it is marked, so screen readers switch voice. */
function In({ text, around }: { text: Shown; around: Locale }) {
  if (text.lang === around) return <>{text.text}</>;
  const info = localeInfo(text.lang);
  return (
    <span lang={info.htmlLang} dir={info.dir}>
      {text.text}
    </span>
  );
}

export function OverviewPage({ ctx }: { ctx: PageContext }) {
  const { doc, lang } = proseDocumentIn(ctx.locale, 'professionals', 'overview');
  return (
    <Layout ctx={ctx} title={doc.title} description={doc.description}>
      <GermanFallback ctx={ctx} lang={lang}>
        <article class="prose printable">
          <TextBody doc={doc} locale={ctx.locale} />
        </article>
      </GermanFallback>
    </Layout>
  );
}

/**
 * The framing the network wrote for this guide, at the top of every page of
 * it: hints, not proof; for minors, that no coercion needs to be shown; that
 * nothing ticked is stored or sent.
 */
function Framing({ guide, lang }: { guide: GuideView; lang: Locale }) {
  return (
    <div class="notice guide-framing" role="note">
      <p>
        <In text={guide.framing} around={lang} />
      </p>
    </div>
  );
}

function Indicator({ ind, lang, checked }: { ind: IndicatorView; lang: Locale; checked: boolean }) {
  const t = translator(lang, 'professionals');
  const id = `ind-${ind.key}`;
  return (
    <li class="indicator">
      <input
        type="checkbox"
        name="observed"
        value={ind.key}
        id={id}
        checked={checked}
        aria-describedby={`${id}-more`}
      />
      <label for={id}>
        <In text={ind.text} around={lang} />
      </label>
      <p class="indicator-more" id={`${id}-more`}>
        <In text={ind.explanation} around={lang} />{' '}
        <span class="source">
          {t('guide.source')}: {ind.source}
        </span>
      </p>
    </li>
  );
}

export type GuideModel = {
  guide: GuideView;
  /** What to show ticked and filled in (the form shown again). */
  values?: { observed: readonly string[]; place: string; form: GuideFormValue | undefined } | undefined;
};

export function GuidePage({ ctx, model }: { ctx: PageContext; model: GuideModel }) {
  const lang = textLang(ctx.locale);
  const t = translator(lang, 'professionals');
  const { guide } = model;
  const kind = guide.guide;
  const ticked = new Set(model.values?.observed ?? []);
  const other: GuideKind = kind === 'adults' ? 'minors' : 'adults';
  return (
    <Layout ctx={ctx} title={t(`guide.title.${kind}`)} description={t(`guide.description.${kind}`)}>
      <GermanFallback ctx={ctx} lang={lang}>
        <div class="guide printable">
          <h1>{t(`guide.title.${kind}`)}</h1>
          <Framing guide={guide} lang={lang} />
          <p>
            <a href={`/${ctx.locale}/professionals/guide/${other}`}>{t(`guide.otherGuide.${kind}`)}</a>
          </p>
          <form method="post" action={`/${ctx.locale}/professionals/guide/${kind}`} class="guide-form">
            <p>{t('guide.intro')}</p>
            {guide.groups.map((g) => (
              <fieldset class="indicator-group">
                <legend>
                  <In text={g.title} around={lang} />
                </legend>
                <ul>
                  {g.indicators.map((ind) => (
                    <Indicator ind={ind} lang={lang} checked={ticked.has(ind.key)} />
                  ))}
                </ul>
              </fieldset>
            ))}
            <fieldset class="guide-where no-print">
              <legend>{t('guide.whereLegend')}</legend>
              <label for="guide-place">{t('guide.place')}</label>
              <p class="hint" id="guide-place-hint">
                {t('guide.placeHint')}
              </p>
              <input
                type="text"
                id="guide-place"
                name="place"
                autocomplete="off"
                maxLength={MAX_PLACE}
                value={model.values?.place ?? ''}
                aria-describedby="guide-place-hint"
              />
              <label for="guide-form">{t('guide.form')}</label>
              <select id="guide-form" name="form">
                <option value="">{t('guide.formUnknown')}</option>
                {GUIDE_FORMS.map((f) => (
                  <option value={f} selected={model.values?.form === f}>
                    {t(`forms.${f}`)}
                  </option>
                ))}
              </select>
            </fieldset>
            <button type="submit" class="no-print">
              {t('guide.submit')}
            </button>
          </form>
          <p class="no-print">
            <a href={`/${ctx.locale}/professionals`}>{t('guide.back')}</a>
          </p>
        </div>
      </GermanFallback>
    </Layout>
  );
}

function suggestionText(s: Suggestion, groupTitle: (key: string) => string, lang: Locale): string {
  const t = translator(lang, 'professionals');
  switch (s.kind) {
    case 'nothing':
      return t('result.suggest.nothing');
    case 'group':
      return t(s.extent === 'several' ? 'result.suggest.several' : 'result.suggest.one', {
        group: groupTitle(s.group),
      });
    case 'acrossGroups':
      return t('result.suggest.acrossGroups');
    case 'minorAct':
      return t('result.suggest.minorAct');
  }
}

/** What was entered, as hidden fields: the next step is posted, so none of it goes into a URL. */
function Carry({ model }: { model: ResultModel }) {
  return (
    <>
      {model.assessment.keys.map((k) => (
        <input type="hidden" name="observed" value={k} />
      ))}
      <input type="hidden" name="place" value={model.place} />
      <input type="hidden" name="form" value={model.form ?? ''} />
    </>
  );
}

export type ResultModel = {
  guide: GuideView;
  assessment: Assessment;
  place: string;
  form: GuideFormValue | undefined;
  centres: CentresForPlace;
  /** Directory entries whose centre can receive a referral now (an active lead or counsellor). */
  referable: ReadonlySet<string>;
};

export function ResultPage({ ctx, model }: { ctx: PageContext; model: ResultModel }) {
  const lang = textLang(ctx.locale);
  const t = translator(lang, 'professionals');
  const { guide, assessment: a, centres } = model;
  const kind = guide.guide;
  const titleOf = new Map(guide.groups.map((g) => [g.key, g.title.text]));
  const path = `/${ctx.locale}/professionals/guide/${kind}`;
  return (
    <Layout ctx={ctx} title={t(`result.title.${kind}`)}>
      <GermanFallback ctx={ctx} lang={lang}>
        <div class="guide-result">
          <h1>{t(`result.title.${kind}`)}</h1>
          <Framing guide={guide} lang={lang} />

          <section aria-labelledby="observed-title">
            <h2 id="observed-title">{t('result.observedTitle')}</h2>
            {a.observed.length === 0 ? <p>{t('result.nothingTicked')}</p> : null}
            {a.observed.map(({ group, indicators }) => (
              <>
                <h3>
                  <In text={group.title} around={lang} />
                </h3>
                <ul>
                  {indicators.map((i) => (
                    <li>
                      <In text={i.text} around={lang} />
                    </li>
                  ))}
                </ul>
              </>
            ))}
          </section>

          <section aria-labelledby="suggest-title">
            <h2 id="suggest-title">{t('result.suggestTitle')}</h2>
            <ul>
              {a.suggestions.map((s) => (
                <li>{suggestionText(s, (k) => titleOf.get(k) ?? k, lang)}</li>
              ))}
            </ul>
            <p>{t('result.suggest.noVerdict')}</p>
          </section>

          <section aria-labelledby="act-title">
            <h2 id="act-title">{t('result.actTitle')}</h2>
            <p class="act-danger">
              {t('result.act.danger')}{' '}
              <a class="call" href="tel:110">
                {t('result.act.call110')}
              </a>
            </p>
            <ul>
              {kind === 'minors' ? <li>{t('result.act.minor')}</li> : null}
              <li>{t('result.act.centre')}</li>
              <li>{t('result.act.confront')}</li>
              <li>{t('result.act.alone')}</li>
              <li>{t('result.act.consent')}</li>
            </ul>
          </section>

          <section aria-labelledby="centres-title">
            <h2 id="centres-title">{t('result.centresTitle')}</h2>
            <Centres ctx={ctx} model={model} lang={lang} />
            <p>
              <a href={`/${ctx.locale}${centres.finderPath}`}>{t('result.allResults')}</a>
            </p>
          </section>

          <form method="post" action={path} class="guide-again">
            <Carry model={model} />
            <button type="submit" name="view" value="checklist">
              {t('result.print')}
            </button>{' '}
            <button type="submit" name="view" value="edit">
              {t('result.edit')}
            </button>
          </form>
          <p>
            <a href={path}>{t('result.again')}</a>
          </p>
        </div>
      </GermanFallback>
    </Layout>
  );
}

function Centres({ ctx, model, lang }: { ctx: PageContext; model: ResultModel; lang: Locale }) {
  const t = translator(lang, 'professionals');
  const { centres, assessment: a } = model;
  if (centres.where === 'unknown') return <p>{t('result.placeUnknown')}</p>;
  if (centres.where === 'ambiguous') return <p>{t('result.placeAmbiguous')}</p>;
  if (centres.where === 'none') return <p>{t('result.noPlace')}</p>;
  if (centres.centres.length === 0) return <p>{t('result.centresNone')}</p>;
  return (
    <>
      <p>{t('result.centresNear', { place: centres.label ?? '' })}</p>
      <p class="hint">{t('result.referNote')}</p>
      <ul class="results guide-centres">
        {centres.centres.map((c) => (
          <li class="card">
            <h3>
              <a href={`/${ctx.locale}/centres/${c.id}`}>{c.name}</a>
            </h3>
            <p class="meta">{c.town ?? t('result.remote')}</p>
            {c.phone ? (
              <p>
                <a class="call-button" href={`tel:${c.phone.replace(/[^\d+]/g, '')}`}>
                  {t('result.call')}:{' '}
                  <span class="number" dir="ltr">
                    {c.phone}
                  </span>
                </a>
              </p>
            ) : null}
            {/* A form, not a link: the ticked indicators travel in the body of a request the
                professional chooses to send, never in an address that browsers, proxies and
                server logs keep. */}
            {model.referable.has(c.id) ? (
              <form method="post" action={`/${ctx.locale}/referral/new`}>
                <input type="hidden" name="centre" value={c.id} />
                <input type="hidden" name="guide" value={a.versionId} />
                <input type="hidden" name="observed" value={a.keys.join(',')} />
                <button type="submit">{t('result.refer')}</button>
              </form>
            ) : (
              <p class="hint">{t('result.referByPhone')}</p>
            )}
          </li>
        ))}
      </ul>
    </>
  );
}

export type ChecklistModel = { guide: GuideView; assessment: Assessment; date: string };

export function ChecklistPage({ ctx, model }: { ctx: PageContext; model: ChecklistModel }) {
  const lang = textLang(ctx.locale);
  const t = translator(lang, 'professionals');
  const { guide, assessment: a } = model;
  const kind = guide.guide;
  return (
    <Layout ctx={ctx} title={t(`checklist.title.${kind}`)}>
      <GermanFallback ctx={ctx} lang={lang}>
        <div class="checklist printable">
          <h1>{t(`checklist.title.${kind}`)}</h1>
          <p>{t('checklist.date', { date: model.date })}</p>
          <p class="no-print">{t('checklist.howToPrint')}</p>
          <Framing guide={guide} lang={lang} />
          {a.checklist.map(({ group, items }) => (
            <section>
              <h2>
                <In text={group.title} around={lang} />
              </h2>
              <ul class="checklist-items">
                {items.map(({ indicator, ticked }) => (
                  <li class={ticked ? 'is-ticked' : 'is-unticked'}>
                    <span class="box" aria-hidden="true">
                      {ticked ? '☒' : '☐'}
                    </span>{' '}
                    <span class="visually-hidden">{ticked ? t('checklist.ticked') : t('checklist.unticked')}: </span>
                    <In text={indicator.text} around={lang} />
                  </li>
                ))}
              </ul>
            </section>
          ))}
        </div>
      </GermanFallback>
    </Layout>
  );
}
