/** The own account page: password, passkeys, recovery codes. */
import { CSRF_FIELD } from '../../../platform/auth/csrf.ts';
import type { Role } from '../../../platform/db/schema.ts';
import { translator, type Translate } from '../../../platform/i18n/index.ts';
import { EMAIL_NS } from '../email-change/messages.ts';
import { TOTP_NS } from '../totp-change/messages.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { StaffFrame } from '../../../platform/staff/StaffFrame.tsx';
import { NewPasswordFields, RecoveryCodeList } from './EnrolmentViews.tsx';
import { FieldErrorSummary, PostForm, type FieldErrors } from '../../../platform/staff/forms.tsx';
import { PasskeyRegisterForm } from './PasskeyRegisterForm.tsx';
import { PASSKEY_SCRIPT } from '../../../platform/staff/PasskeySignIn.tsx';

type AccountPasskey = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null };

export type AccountView = {
  displayName: string;
  email: string;
  role: Role;
  passkeys: AccountPasskey[];
  recoveryCodesLeft: number;
};

type Props = {
  ctx: PageContext;
  t: Translate<'account'>;
  csrf: string;
  account: AccountView;
  /** Re-authenticated recently: the forms that change factors are shown. */
  recent: boolean;
  reauthHref: string;
  /** PUBLIC_ORIGIN, for the passkey form's wrong-address message. */
  origin: string;
  done?: 'password' | 'passkey_added' | 'passkey_removed' | undefined;
  errors?: FieldErrors;
};

function formatDate(locale: string, d: Date): string {
  return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'Europe/Berlin' }).format(d);
}

export function AccountPage({ ctx, t, csrf, account, recent, reauthHref, origin, done, errors = {} }: Props) {
  const base = `/${ctx.locale}/staff/account`;
  return (
    <StaffFrame ctx={ctx} title={t('account.title')} scripts={[PASSKEY_SCRIPT]}>
      <h1>{t('account.title')}</h1>
      <p>
        {t('account.who', {
          name: account.displayName,
          email: account.email,
          role: translator(ctx.locale, 'staff')(`roles.${account.role}`),
        })}
      </p>
      {done ? (
        <p class="notice" role="status">
          {t(`account.done.${done}`)}
        </p>
      ) : null}
      <FieldErrorSummary title={t('form.errorsTitle')} errors={errors} />
      {recent ? null : (
        <p class="notice">
          {t('account.reauthNeeded')} <a href={reauthHref}>{t('account.reauth')}</a>
        </p>
      )}

      <ul class="account-actions">
        <li>
          <a href={`${base}/email`}>{translator(ctx.locale, EMAIL_NS)('linkLabel')}</a>
        </li>
        <li>
          <a href={`${base}/totp`}>{translator(ctx.locale, TOTP_NS)('linkLabel')}</a>
        </li>
      </ul>

      <section aria-labelledby="passkeys-title">
        <h2 id="passkeys-title">{t('account.passkeys.title')}</h2>
        <p>{t('account.passkeys.intro')}</p>
        {account.passkeys.length === 0 ? <p>{t('account.passkeys.none')}</p> : null}
        <ul class="passkeys">
          {account.passkeys.map((p) => (
            <li>
              <strong>{p.name}</strong>{' '}
              <span class="meta">
                {t('account.passkeys.added', { date: formatDate(ctx.locale, p.createdAt) })} ·{' '}
                {p.lastUsedAt
                  ? t('account.passkeys.lastUsed', { date: formatDate(ctx.locale, p.lastUsedAt) })
                  : t('account.passkeys.neverUsed')}
              </span>
              {recent ? (
                <form method="post" action={`${base}/passkeys/remove`} class="inline">
                  <input type="hidden" name={CSRF_FIELD} value={csrf} />
                  <input type="hidden" name="id" value={p.id} />
                  <button type="submit" aria-label={t('account.passkeys.removeLabel', { name: p.name })}>
                    {t('account.passkeys.remove')}
                  </button>
                </form>
              ) : null}
            </li>
          ))}
        </ul>
        {recent ? (
          <PasskeyRegisterForm
            t={t}
            csrf={csrf}
            action={`${base}/passkeys`}
            optionsUrl={`${base}/passkeys/options`}
            origin={origin}
          />
        ) : null}
      </section>

      <section aria-labelledby="recovery-title">
        <h2 id="recovery-title">{t('account.recovery.title')}</h2>
        <p>{t('account.recovery.remaining', { count: account.recoveryCodesLeft })}</p>
        {recent ? (
          <PostForm action={`${base}/recovery-codes`} csrf={csrf}>
            <p class="hint">{t('account.recovery.intro')}</p>
            <button type="submit">{t('account.recovery.regenerate')}</button>
          </PostForm>
        ) : null}
      </section>

      <section aria-labelledby="password-title">
        <h2 id="password-title">{t('account.password.title')}</h2>
        {recent ? (
          <PostForm action={`${base}/password`} csrf={csrf}>
            <NewPasswordFields
              t={t}
              email={account.email}
              label={t('account.password.new')}
              repeatLabel={t('account.password.repeat')}
              errors={errors}
            />
            <button type="submit">{t('account.password.save')}</button>
          </PostForm>
        ) : null}
      </section>
    </StaffFrame>
  );
}

export function NewRecoveryCodesPage({
  ctx,
  t,
  codes,
}: {
  ctx: PageContext;
  t: Translate<'account'>;
  codes: readonly string[];
}) {
  return (
    <StaffFrame ctx={ctx} title={t('account.recovery.newTitle')}>
      <h1>{t('account.recovery.newTitle')}</h1>
      <p>{t('account.recovery.newIntro')}</p>
      <RecoveryCodeList codes={codes} />
      <p>
        <a href={`/${ctx.locale}/staff/account`}>{t('account.recovery.back')}</a>
      </p>
    </StaffFrame>
  );
}
