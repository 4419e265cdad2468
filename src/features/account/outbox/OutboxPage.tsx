/** The administrators' view of the mail outbox. */
import { StaffFrame } from '../../../platform/staff/StaffFrame.tsx';
import type { PageContext } from '../../../platform/layout/context.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import type { OutboxMail } from '../../../platform/mail/queries.ts';

const BERLIN = 'Europe/Berlin';

export function OutboxPage({ ctx, t, mails }: { ctx: PageContext; t: Translate<'mail'>; mails: OutboxMail[] }) {
  const when = new Intl.DateTimeFormat(ctx.locale, { dateStyle: 'medium', timeStyle: 'short', timeZone: BERLIN });
  return (
    <StaffFrame ctx={ctx} title={t('outbox.title')}>
      <h1>{t('outbox.title')}</h1>
      <p class="notice warn">{t('outbox.lead')}</p>
      {mails.length === 0 ? (
        <p>{t('outbox.empty')}</p>
      ) : (
        <>
          <p class="meta">{t('outbox.shown', { count: mails.length })}</p>
          <ol class="results outbox">
            {mails.map((m) => (
              <li class="card">
                <dl class="facts">
                  <dt>{t('outbox.to')}</dt>
                  <dd>{m.recipient}</dd>
                  <dt>{t('outbox.subject')}</dt>
                  <dd>{m.subject}</dd>
                  <dt>{t('outbox.created')}</dt>
                  <dd>
                    <time datetime={m.createdAt.toISOString()}>{when.format(m.createdAt)}</time>
                  </dd>
                </dl>
                {m.error ? <p class="notice warn">{t('outbox.failed', { code: m.error })}</p> : null}
                <pre class="mail-body">{m.bodyText}</pre>
              </li>
            ))}
          </ol>
        </>
      )}
    </StaffFrame>
  );
}
