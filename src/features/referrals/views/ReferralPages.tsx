/**
 * The public referral pages for professionals: the form, the receipt page
 * that shows the code once, and the status look-up. Server-rendered, no
 * script, no cookie; errors next to their fields (GOV.UK pattern). The
 * namespace is for professionals ('network'): beyond German and English the
 * text is German, marked and announced (ADR 030).
 */
import type { ComponentChildren } from 'preact';
import { translator, type Locale } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { Layout } from '../../../platform/layout/Layout.tsx';
import { GermanFallback } from '../../../platform/layout/TranslationNote.tsx';
import {
  ErrorSummary,
  Field,
  FieldError,
  Hint,
  control,
  inputId,
  type Errors,
} from '../../../platform/staff/forms.tsx';
import type { ReferralStatus } from '../../../platform/db/schema.ts';
import {
  CONSENT_LEVELS,
  HONEYPOT,
  LIMITS,
  NO_CONSENT_REASONS,
  ORGANISATION_TYPES,
  PERSON_LANGUAGES,
  URGENCIES,
  type DeclineReason,
} from '../schema.ts';

/** The language the text is in: German stands in beyond German and English. */
function textLocale(ctx: PageContext): Locale {
  return ctx.locale === 'en' ? 'en' : 'de';
}

function Page({ ctx, title, children }: { ctx: PageContext; title: string; children: ComponentChildren }) {
  const lang = textLocale(ctx);
  return (
    <Layout ctx={ctx} title={title}>
      <GermanFallback ctx={ctx} lang={lang}>
        {children}
      </GermanFallback>
    </Layout>
  );
}

/** Why the whole form came back (shown at the top); field problems are in `errors`. */
export type FormProblem =
  'invalid' | 'honeypot' | 'tooFast' | 'stale' | 'replayed' | 'limitNetwork' | 'limitCentre' | 'noStaff';

/** What the form shows: the values typed so far (all strings, bounded by the route), never anything stored. */
export type ReferralFormValues = {
  name: string;
  organisation: string;
  organisationType: string;
  phone: string;
  email: string;
  centre: string;
  consent: string;
  noConsentReason: string;
  languages: readonly string[];
  urgency: string;
  forwarding: string;
  guide: string;
  observed: readonly string[];
  includeGuide: boolean;
  message: string;
};

export type ReferralFormModel = {
  centres: readonly { id: string; name: string }[];
  values: ReferralFormValues;
  /** The signed issue time (spam.ts). */
  stamp: string;
  problem?: FormProblem | undefined;
  errors: Errors;
};

function Radios({
  name,
  legend,
  hint,
  options,
  checked,
  errors,
  errorPrefix,
}: {
  name: string;
  legend: string;
  hint?: string | undefined;
  options: readonly { value: string; label: string }[];
  checked: string;
  errors: Errors;
  errorPrefix: string;
}) {
  const ids = [hint ? `f-${name}-hint` : null, errors.has(name) ? `f-${name}-error` : null].filter(Boolean);
  return (
    <fieldset
      class={errors.has(name) ? 'field has-error' : 'field'}
      aria-describedby={ids.length ? ids.join(' ') : undefined}
    >
      <legend>{legend}</legend>
      <Hint name={name} text={hint} />
      <FieldError name={name} errors={errors} prefix={errorPrefix} />
      {options.map((o) => (
        <div class="choice">
          <input
            type="radio"
            id={inputId(name, o.value)}
            name={name}
            value={o.value}
            checked={checked === o.value}
            aria-invalid={errors.has(name) ? 'true' : undefined}
          />
          <label for={inputId(name, o.value)}>{o.label}</label>
        </div>
      ))}
    </fieldset>
  );
}

const languageNames = new Map<Locale, Intl.DisplayNames>();
function languageName(code: string, locale: Locale): string {
  let names = languageNames.get(locale);
  if (!names)
    languageNames.set(locale, (names = new Intl.DisplayNames([locale], { type: 'language', fallback: 'code' })));
  return names.of(code) ?? code;
}

export function ReferralFormPage({ ctx, model }: { ctx: PageContext; model: ReferralFormModel }) {
  const t = translator(ctx.locale, 'referrals');
  const lang = textLocale(ctx);
  const { values: v, errors } = model;
  const prefix = t('form.errorPrefix');
  const title = t('form.title');
  const summary = [...errors.entries()].map(([field, list]) => ({
    href: `#${field === 'contact' ? inputId('phone') : inputId(field, radioFirst(field))}`,
    text: list.join(' '),
  }));
  const collator = new Intl.Collator(lang);
  const languages = PERSON_LANGUAGES.map((code) => ({ value: code, label: languageName(code, lang) })).sort((a, b) =>
    collator.compare(a.label, b.label),
  );
  const checkedLanguages = new Set(v.languages);
  return (
    <Page ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{t('form.lead')}</p>
      <p class="hint">{t('form.privacy')}</p>
      {model.problem ? (
        <p class="notice warn" role="alert" id="referral-problem">
          {t(`problem.${model.problem}`)}
        </p>
      ) : null}
      <ErrorSummary title={t('form.errorSummary')} items={summary} />
      {model.centres.length === 0 ? (
        <p class="notice warn">{t('form.noCentres')}</p>
      ) : (
        <form method="post" action={`/${ctx.locale}/referral/send`} class="referral-form" novalidate>
          <fieldset>
            <legend>
              <h2>{t('form.sender')}</h2>
            </legend>
            <Field name="name" label={t('form.name')} errors={errors} errorPrefix={prefix}>
              <input
                type="text"
                {...control('name', errors, false)}
                value={v.name}
                maxLength={LIMITS.name}
                autocomplete="name"
                required
              />
            </Field>
            <Field name="organisation" label={t('form.organisation')} errors={errors} errorPrefix={prefix}>
              <input
                type="text"
                {...control('organisation', errors, false)}
                value={v.organisation}
                maxLength={LIMITS.organisation}
                autocomplete="organization"
                required
              />
            </Field>
            <Field name="organisationType" label={t('form.organisationType')} errors={errors} errorPrefix={prefix}>
              <select {...control('organisationType', errors, false)} required>
                <option value="">{t('form.centreChoose')}</option>
                {ORGANISATION_TYPES.map((o) => (
                  <option value={o} selected={v.organisationType === o}>
                    {t(`organisationType.${o}`)}
                  </option>
                ))}
              </select>
            </Field>
            <fieldset class={errors.has('contact') ? 'field has-error' : 'field'} aria-describedby="f-contact-hint">
              <legend>{t('form.contact')}</legend>
              <Hint name="contact" text={t('form.contactHint')} />
              <FieldError name="contact" errors={errors} prefix={prefix} />
              <Field name="phone" label={t('form.phone')} errors={errors} errorPrefix={prefix}>
                <input
                  type="tel"
                  {...control('phone', errors, false)}
                  value={v.phone}
                  maxLength={LIMITS.phone}
                  autocomplete="tel"
                />
              </Field>
              <Field name="email" label={t('form.email')} errors={errors} errorPrefix={prefix}>
                <input
                  type="email"
                  {...control('email', errors, false)}
                  value={v.email}
                  maxLength={LIMITS.email}
                  autocomplete="email"
                />
              </Field>
            </fieldset>
          </fieldset>

          <Field
            name="centre"
            label={t('form.centre')}
            hint={t('form.centreHint')}
            errors={errors}
            errorPrefix={prefix}
          >
            <select {...control('centre', errors, true)} required>
              <option value="">{t('form.centreChoose')}</option>
              {model.centres.map((c) => (
                <option value={c.id} selected={v.centre === c.id}>
                  {c.name}
                </option>
              ))}
            </select>
          </Field>

          <fieldset>
            <legend>
              <h2>{t('form.person')}</h2>
            </legend>
            <p class="hint">{t('form.personHint')}</p>
            <Radios
              name="consent"
              legend={t('form.consent')}
              options={CONSENT_LEVELS.map((c) => ({ value: c, label: t(`consent.${c}`) }))}
              checked={v.consent}
              errors={errors}
              errorPrefix={prefix}
            />
            <Radios
              name="noConsentReason"
              legend={t('form.noConsentReason')}
              hint={t('form.noConsentReasonHint')}
              options={NO_CONSENT_REASONS.map((r) => ({ value: r, label: t(`noConsentReason.${r}`) }))}
              checked={v.noConsentReason}
              errors={errors}
              errorPrefix={prefix}
            />
            <fieldset
              class={errors.has('languages') ? 'field has-error' : 'field'}
              aria-describedby={errors.has('languages') ? 'f-languages-hint f-languages-error' : 'f-languages-hint'}
            >
              <legend>{t('form.languages')}</legend>
              <Hint name="languages" text={t('form.languagesHint', { max: LIMITS.languages })} />
              <FieldError name="languages" errors={errors} prefix={prefix} />
              <div class="checks">
                {languages.map((o) => (
                  <label>
                    <input
                      type="checkbox"
                      id={inputId('languages', o.value)}
                      name="languages"
                      value={o.value}
                      checked={checkedLanguages.has(o.value)}
                    />
                    {o.label}
                  </label>
                ))}
              </div>
            </fieldset>
            <Radios
              name="urgency"
              legend={t('form.urgency')}
              options={URGENCIES.map((u) => ({ value: u, label: t(`urgency.${u}`) }))}
              checked={v.urgency}
              errors={errors}
              errorPrefix={prefix}
            />
            <Radios
              name="forwarding"
              legend={t('form.forwarding')}
              hint={t('form.forwardingHint')}
              options={[
                { value: 'yes', label: t('yes') },
                { value: 'no', label: t('no') },
              ]}
              checked={v.forwarding}
              errors={errors}
              errorPrefix={prefix}
            />
          </fieldset>

          {v.guide !== '' ? (
            <fieldset class="field">
              <legend>
                <h2>{t('form.guide')}</h2>
              </legend>
              <p>{t('form.guideVersion', { version: v.guide })}</p>
              {v.observed.length > 0 ? (
                <>
                  <p>{t('form.guideObserved')}</p>
                  <ul>
                    {v.observed.map((k) => (
                      <li>
                        <code>{k}</code>
                      </li>
                    ))}
                  </ul>
                </>
              ) : null}
              <div class="choice">
                <input
                  type="checkbox"
                  id={inputId('includeGuide')}
                  name="includeGuide"
                  value="yes"
                  checked={v.includeGuide}
                />
                <label for={inputId('includeGuide')}>{t('form.includeGuide')}</label>
              </div>
              <input type="hidden" name="guide" value={v.guide} />
              <input type="hidden" name="observed" value={v.observed.join(',')} />
            </fieldset>
          ) : null}

          <Field
            name="message"
            label={t('form.message')}
            hint={t('form.messageHint', { max: LIMITS.message })}
            errors={errors}
            errorPrefix={prefix}
          >
            <textarea {...control('message', errors, true)} rows={5} maxLength={LIMITS.message}>
              {v.message}
            </textarea>
          </Field>
          <div class="hp">
            <label for="referral-hp">{t('form.honeypot')}</label>
            <input type="text" id="referral-hp" name={HONEYPOT} tabIndex={-1} autocomplete="off" />
          </div>
          <input type="hidden" name="issued" value={model.stamp} />
          <button type="submit">{t('form.submit')}</button>
        </form>
      )}
      <p>
        <a href={`/${ctx.locale}/referral/status`}>{t('sent.statusLink')}</a>
      </p>
    </Page>
  );
}

/** The first option of a radio group (its id is what the summary links to). */
function radioFirst(field: string): string | undefined {
  switch (field) {
    case 'consent':
      return CONSENT_LEVELS[0];
    case 'noConsentReason':
      return NO_CONSENT_REASONS[0];
    case 'urgency':
      return URGENCIES[0];
    case 'forwarding':
      return 'yes';
    case 'languages':
      return undefined;
    default:
      return undefined;
  }
}

/** The receipt: the code, shown this once. */
export function ReferralSentPage({ ctx, model }: { ctx: PageContext; model: { code: string; centreName: string } }) {
  const t = translator(ctx.locale, 'referrals');
  return (
    <Page ctx={ctx} title={t('sent.title')}>
      <h1>{t('sent.title')}</h1>
      <p role="status">{t('sent.text', { centre: model.centreName })}</p>
      <h2>{t('sent.codeLabel')}</h2>
      <p class="receipt-code">
        <strong>{model.code}</strong>
      </p>
      <p class="notice">{t('sent.codeAdvice')}</p>
      <p>
        <a href={`/${ctx.locale}/referral/status`}>{t('sent.statusLink')}</a>
      </p>
    </Page>
  );
}

export type StatusModel =
  | { kind: 'form'; problem?: 'notFound' | 'limit' | undefined }
  | {
      kind: 'result';
      status: ReferralStatus;
      centreName: string;
      declineReason: DeclineReason | null;
      history: readonly { status: ReferralStatus; at: Date }[];
    };

function StatusForm({ ctx, problem }: { ctx: PageContext; problem?: 'notFound' | 'limit' | undefined }) {
  const t = translator(ctx.locale, 'referrals');
  return (
    <form method="post" action={`/${ctx.locale}/referral/status`} class="referral-form">
      {problem ? (
        <p class="notice warn" role="alert" id="status-problem">
          {t(`status.${problem}`)}
        </p>
      ) : null}
      <div class="field">
        <label for="f-code">{t('status.code')}</label>
        <p class="hint" id="f-code-hint">
          {t('status.codeHint')}
        </p>
        <input
          type="text"
          id="f-code"
          name="code"
          maxLength={64}
          autocomplete="off"
          spellcheck={false}
          required
          aria-describedby={problem ? 'f-code-hint status-problem' : 'f-code-hint'}
          aria-invalid={problem === 'notFound' ? 'true' : undefined}
        />
      </div>
      <button type="submit">{t('status.submit')}</button>
    </form>
  );
}

export function ReferralStatusPage({ ctx, model }: { ctx: PageContext; model: StatusModel }) {
  const t = translator(ctx.locale, 'referrals');
  const lang = textLocale(ctx);
  const date = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeStyle: 'short', timeZone: 'Europe/Berlin' });
  return (
    <Page ctx={ctx} title={t('status.title')}>
      <h1>{t('status.title')}</h1>
      {model.kind === 'form' ? (
        <>
          <p>{t('status.lead')}</p>
          <StatusForm ctx={ctx} problem={model.problem} />
        </>
      ) : (
        <>
          <dl class="referral-status">
            <dt>{t('status.current')}</dt>
            <dd>{t(`state.${model.status}`)}</dd>
            <dt>{t('status.centre')}</dt>
            <dd>{model.centreName}</dd>
            {model.declineReason ? (
              <>
                <dt>{t('status.reason')}</dt>
                <dd>{t(`declineReason.${model.declineReason}`)}</dd>
              </>
            ) : null}
          </dl>
          <h2>{t('status.history')}</h2>
          <ol>
            {model.history.map((h) => (
              <li>
                <time dateTime={h.at.toISOString()}>{date.format(h.at)}</time>: {t(`state.${h.status}`)}
              </li>
            ))}
          </ol>
          <p>
            <a href={`/${ctx.locale}/referral/status`}>{t('status.submit')}</a> ·{' '}
            <a href={`/${ctx.locale}/referral/new`}>{t('status.newReferral')}</a>
          </p>
        </>
      )}
    </Page>
  );
}
