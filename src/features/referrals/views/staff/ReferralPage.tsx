/**
 * One referral, decrypted: shown only after re-authentication, never cached
 * (the route sends Cache-Control: no-store), each opening audited. Below
 * the content, the decisions the referral's status allows, as POST forms
 * with the CSRF token: accept, decline with a reason from the fixed list
 * (the sender sees it) and an optional note (stored encrypted), forward to
 * another centre (only when the sender consented), close.
 */
import { translator } from '../../../../platform/i18n/index.ts';
import { intlLocale, isLocale } from '../../../../platform/i18n/locales.ts';
import type { PageContext } from '../../../../platform/layout/context.ts';
import { PostForm } from '../../../../platform/staff/forms.tsx';
import { StaffPage } from '../../../../platform/staff/StaffPage.tsx';
import { formatDay } from '../../../../platform/time/dates.ts';
import type { ReferralStatus } from '../../../../platform/db/schema.ts';
import type { ObservedWording } from '../../observed.ts';
import { DECLINE_REASONS, type DeclineReason, type ReferralPayload, type Urgency } from '../../schema.ts';

export type Decisions = { accept: boolean; decline: boolean; forward: boolean; close: boolean };

export type ReferralModel = {
  id: string;
  shortId: string;
  status: ReferralStatus;
  urgency: Urgency;
  createdAt: Date;
  forwardingConsent: boolean;
  /** null: the content could not be decrypted. */
  content: ReferralPayload | null;
  /** The guide's indicators the content names, with their texts; null when it names none. */
  observed: ObservedWording | null;
  declineReason: DeclineReason | null;
  declineNote: string | null;
  history: { status: ReferralStatus; at: Date }[];
  decisions: Decisions;
  /** Centres with active staff the referral may be forwarded to (not the own). */
  targets: { id: string; name: string }[];
  csrf: string;
  done: 'accepted' | 'declined' | 'closed' | null;
  deleteAfterDays: number;
  maxNote: number;
};

function languageName(code: string, locale: string): string {
  try {
    return (
      new Intl.DisplayNames([isLocale(locale) ? intlLocale(locale) : locale], { type: 'language' }).of(code) ?? code
    );
  } catch {
    return code;
  }
}

function Content({ ctx, c, observed }: { ctx: PageContext; c: ReferralPayload; observed: ObservedWording | null }) {
  const t = translator(ctx.locale, 'referralsStaff');
  const none = t('field.none');
  return (
    <>
      <h3>{t('field.sender')}</h3>
      <dl class="referral-content">
        <dt>{t('field.name')}</dt>
        <dd>{c.sender.name}</dd>
        <dt>{t('field.organisation')}</dt>
        <dd>{c.sender.organisation}</dd>
        <dt>{t('field.organisationType')}</dt>
        <dd>{t(`organisationType.${c.sender.organisationType}`)}</dd>
        <dt>{t('field.phone')}</dt>
        <dd dir="ltr">{c.sender.phone ?? none}</dd>
        <dt>{t('field.email')}</dt>
        <dd dir="ltr">{c.sender.email ?? none}</dd>
      </dl>
      <h3>{t('field.person')}</h3>
      <dl class="referral-content">
        <dt>{t('field.languages')}</dt>
        <dd>
          {c.person.languages.length ? c.person.languages.map((l) => languageName(l, ctx.locale)).join(', ') : none}
        </dd>
        <dt>{t('field.consent')}</dt>
        <dd>{t(`consent.${c.person.consent}`)}</dd>
        {c.person.noConsentReason ? (
          <>
            <dt>{t('field.noConsentReason')}</dt>
            <dd>{t(`noConsentReason.${c.person.noConsentReason}`)}</dd>
          </>
        ) : null}
      </dl>
      <h3>{t('field.guide')}</h3>
      {observed && observed.items.length ? (
        <>
          {observed.version !== null ? (
            <p class="hint">{t('field.guideVersion', { version: observed.version })}</p>
          ) : null}
          <ul>
            {observed.items.map((i) => (
              <li>
                {i.text ? (
                  <>
                    <span lang={i.text.lang}>{i.text.text}</span>
                    {i.group ? (
                      <>
                        {' '}
                        (<span lang={i.group.lang}>{i.group.text}</span>)
                      </>
                    ) : null}
                  </>
                ) : (
                  <code>{i.key}</code>
                )}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p>{t('field.guideNone')}</p>
      )}
      <h3>{t('field.message')}</h3>
      <p class="hint">{t('field.writtenIn', { language: languageName(c.locale, ctx.locale) })}</p>
      <p class="referral-message" lang={c.locale}>
        {c.message || none}
      </p>
    </>
  );
}

export function ReferralPage({ ctx, model }: { ctx: PageContext; model: ReferralModel }) {
  const t = translator(ctx.locale, 'referralsStaff');
  const base = `/${ctx.locale}/staff/referrals/${model.id}`;
  const d = model.decisions;
  return (
    <StaffPage ctx={ctx} title={t('detail.title', { id: model.shortId })}>
      {model.done ? (
        <p class="notice" role="status">
          {t(`detail.done.${model.done}`, { days: model.deleteAfterDays })}
        </p>
      ) : null}
      <p>
        {t('detail.meta', {
          received: formatDay(model.createdAt, ctx.locale),
          urgency: t(`urgency.${model.urgency}`),
          status: t(`status.${model.status}`),
        })}
      </p>
      {model.declineReason ? (
        <p>
          {t('actions.declineReason')}: {t(`reason.${model.declineReason}`)}
        </p>
      ) : null}
      {model.declineNote ? (
        <>
          <h2>{t('detail.declineNote')}</h2>
          <p class="referral-message">{model.declineNote}</p>
        </>
      ) : null}
      <h2>{t('detail.content')}</h2>
      {model.content ? (
        <Content ctx={ctx} c={model.content} observed={model.observed} />
      ) : (
        <p role="alert">{t('detail.undecryptable')}</p>
      )}
      <p>{model.forwardingConsent ? t('detail.forwardingAllowed') : t('detail.forwardingNotAllowed')}</p>

      {d.accept || d.decline || d.forward || d.close ? <h2>{t('actions.title')}</h2> : null}
      {d.accept ? (
        <PostForm action={`${base}/accept`} csrf={model.csrf}>
          <button type="submit">{t('actions.accept')}</button>
        </PostForm>
      ) : null}
      {d.decline ? (
        <PostForm action={`${base}/decline`} csrf={model.csrf}>
          <h3>{t('actions.decline')}</h3>
          <p>
            <label for="f-reason">{t('actions.declineReason')}</label>
            <select id="f-reason" name="reason" required>
              {DECLINE_REASONS.map((r) => (
                <option value={r}>{t(`reason.${r}`)}</option>
              ))}
            </select>
          </p>
          <p>
            <label for="f-note">{t('actions.declineNote', { max: model.maxNote })}</label>
            <textarea id="f-note" name="note" rows={3} maxLength={model.maxNote} />
          </p>
          <button type="submit" class="secondary">
            {t('actions.decline')}
          </button>
        </PostForm>
      ) : null}
      {d.forward ? (
        <PostForm action={`${base}/forward`} csrf={model.csrf}>
          <h3>{t('actions.forward')}</h3>
          <p class="hint" id="f-centre-hint">
            {t('actions.forwardHint')}
          </p>
          {model.targets.length ? (
            <>
              <p>
                <label for="f-centre">{t('actions.forwardTo')}</label>
                <select id="f-centre" name="centre" required aria-describedby="f-centre-hint">
                  <option value="">{t('actions.choose')}</option>
                  {model.targets.map((c) => (
                    <option value={c.id}>{c.name}</option>
                  ))}
                </select>
              </p>
              <button type="submit" class="secondary">
                {t('actions.forward')}
              </button>
            </>
          ) : (
            <p>{t('actions.forwardNone')}</p>
          )}
        </PostForm>
      ) : null}
      {d.close ? (
        <PostForm action={`${base}/close`} csrf={model.csrf}>
          <p class="hint">{t('actions.closeHint', { days: model.deleteAfterDays })}</p>
          <button type="submit" class="secondary">
            {t('actions.close')}
          </button>
        </PostForm>
      ) : null}

      <h2>{t('detail.history')}</h2>
      <ol>
        {model.history.map((h) => (
          <li>
            {formatDay(h.at, ctx.locale)}: {t(`status.${h.status}`)}
          </li>
        ))}
      </ol>
      <p>
        <a href={`/${ctx.locale}/staff/referrals`}>{t('forwarded.back')}</a>
      </p>
    </StaffPage>
  );
}
