/** The public contact form (below the office's contact page) and its receipt page; no cookie, works without JavaScript. */
import { translator } from '../../../../platform/i18n/index.ts';
import type { PageContext } from '../../../../platform/layout/context.ts';
import { Layout } from '../../../../platform/layout/Layout.tsx';
import type { ProjectTopic } from '../queries.ts';
import { HONEYPOT, MAX_MESSAGE, MAX_NAME, MAX_REPLY_TO, MAX_SUBJECT } from '../schema.ts';

/** Why the form is shown again: each has its message in the reader's language. */
export type ContactProblem = 'required' | 'tooLong' | 'invalid' | 'tooFast' | 'stale' | 'limit';

export type ContactFormModel = {
  name: string;
  replyTo: string;
  subject: string;
  message: string;
  /** The signed issue time (platform/http/public-form.ts). */
  stamp: string;
  project: ProjectTopic | null;
  problem?: ContactProblem | undefined;
};

export function ContactForm({ ctx, model }: { ctx: PageContext; model: ContactFormModel }) {
  const t = translator(ctx.locale, 'contactForm');
  const described = (hint: string) => (model.problem ? `${hint} contact-problem` : hint);
  return (
    <section aria-labelledby="contact-form-title" class="contact-form">
      <h2 id="contact-form-title">{t('form.title')}</h2>
      {model.project ? (
        <p>
          {t('form.about')}{' '}
          <a href={`/${ctx.locale}/projects/${model.project.slug}`} lang="de">
            {model.project.title}
          </a>
        </p>
      ) : null}
      <p class="hint" id="contact-privacy">
        {t('form.privacy')}
      </p>
      {model.problem ? (
        <p class="notice warn" role="alert" id="contact-problem">
          {t(`problem.${model.problem}`)}
        </p>
      ) : null}
      <form method="post" action={`/${ctx.locale}/contact`}>
        <label for="contact-name">{t('form.name')}</label>
        <input type="text" id="contact-name" name="name" maxLength={MAX_NAME} autocomplete="name" value={model.name} />
        <label for="contact-reply">{t('form.replyTo')}</label>
        <p class="hint" id="contact-reply-hint">
          {t('form.replyToHint')}
        </p>
        <input
          type="text"
          id="contact-reply"
          name="reply_to"
          maxLength={MAX_REPLY_TO}
          aria-describedby="contact-reply-hint"
          value={model.replyTo}
        />
        <label for="contact-subject">{t('form.subject')}</label>
        <input
          type="text"
          id="contact-subject"
          name="subject"
          maxLength={MAX_SUBJECT}
          required
          aria-describedby={described('contact-privacy')}
          value={model.subject}
        />
        <label for="contact-message">{t('form.message')}</label>
        <p class="hint" id="contact-message-hint">
          {t('form.messageHint', { max: MAX_MESSAGE })}
        </p>
        <textarea
          id="contact-message"
          name="message"
          rows={8}
          maxLength={MAX_MESSAGE}
          required
          aria-describedby={described('contact-message-hint')}
        >
          {model.message}
        </textarea>
        <div class="hp">
          <label for="contact-hp">{t('form.honeypot')}</label>
          <input type="text" id="contact-hp" name={HONEYPOT} tabIndex={-1} autocomplete="off" />
        </div>
        {model.project ? <input type="hidden" name="project" value={model.project.slug} /> : null}
        <input type="hidden" name="issued" value={model.stamp} />
        <button type="submit">{t('form.submit')}</button>
      </form>
    </section>
  );
}

export function ContactSentPage({ ctx }: { ctx: PageContext }) {
  const t = translator(ctx.locale, 'contactForm');
  return (
    <Layout ctx={ctx} title={t('sent.title')}>
      <h1>{t('sent.title')}</h1>
      <p role="status">{t('sent.text')}</p>
      <p>
        <a href={`/${ctx.locale}/contact`}>{t('sent.back')}</a>
      </p>
    </Layout>
  );
}
