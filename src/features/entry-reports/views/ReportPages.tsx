/** The public report form and its thanks page (no cookie, works without JavaScript). */
import { translator } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { Layout } from '../../../platform/layout/Layout.tsx';
import { HONEYPOT, MAX_MESSAGE, REPORT_KINDS, type ReportKind } from '../schema.ts';

/** Why the form is shown again: each has its message in the reader's language. */
export type ReportProblem = 'kind' | 'tooLong' | 'invalid' | 'tooFast' | 'stale' | 'limit';

export type ReportFormModel = {
  serviceId: string;
  serviceName: string;
  /** The signed issue time (spam.ts). */
  stamp: string;
  kind?: ReportKind | undefined;
  message: string;
  problem?: ReportProblem | undefined;
};

export function ReportFormPage({ ctx, model }: { ctx: PageContext; model: ReportFormModel }) {
  const t = translator(ctx.locale, 'entryReports');
  const entryHref = `/${ctx.locale}/centres/${model.serviceId}`;
  const title = t('form.title');
  return (
    <Layout ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>
        {t('form.about')} <a href={entryHref}>{model.serviceName}</a>
      </p>
      {model.problem ? (
        <p class="notice warn" role="alert" id="report-problem">
          {t(`problem.${model.problem}`)}
        </p>
      ) : null}
      <form method="post" action={`${entryHref}/report`} class="report-form">
        <fieldset>
          <legend>{t('form.kind')}</legend>
          {REPORT_KINDS.map((k) => (
            <div class="choice">
              <input
                type="radio"
                id={`report-kind-${k}`}
                name="kind"
                value={k}
                required
                checked={model.kind === k}
                {...(model.problem === 'kind' ? { 'aria-describedby': 'report-problem' } : {})}
              />
              <label for={`report-kind-${k}`}>{t(`kind.${k}`)}</label>
            </div>
          ))}
        </fieldset>
        <label for="report-message">{t('form.message')}</label>
        <p class="hint" id="report-message-hint">
          {t('form.messageHint', { max: MAX_MESSAGE })}
        </p>
        <textarea
          id="report-message"
          name="message"
          rows={5}
          maxLength={MAX_MESSAGE}
          aria-describedby={model.problem === 'tooLong' ? 'report-message-hint report-problem' : 'report-message-hint'}
        >
          {model.message}
        </textarea>
        <div class="hp">
          <label for="report-hp">{t('form.honeypot')}</label>
          <input type="text" id="report-hp" name={HONEYPOT} tabIndex={-1} autocomplete="off" />
        </div>
        <input type="hidden" name="issued" value={model.stamp} />
        <button type="submit">{t('form.submit')}</button>
      </form>
      <p class="hint">{t('form.privacy')}</p>
      <p>
        <a href={entryHref}>{t('backToEntry')}</a>
      </p>
    </Layout>
  );
}

export function ReportSentPage({
  ctx,
  model,
}: {
  ctx: PageContext;
  model: { serviceId: string; serviceName: string };
}) {
  const t = translator(ctx.locale, 'entryReports');
  return (
    <Layout ctx={ctx} title={t('sent.title')}>
      <h1>{t('sent.title')}</h1>
      <p role="status">{t('sent.text')}</p>
      <p>
        <a href={`/${ctx.locale}/centres/${model.serviceId}`}>{t('backToEntry')}</a> ({model.serviceName})
      </p>
    </Layout>
  );
}
