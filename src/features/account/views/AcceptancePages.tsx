/** The pages of invitation acceptance: password → authenticator → recovery codes. */
import { translator, type Translate } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { StaffFrame } from '../../../platform/staff/StaffFrame.tsx';
import type { Role } from '../../../platform/db/schema.ts';
import { PASSWORD_MAX_LENGTH } from '../../../platform/security/password.ts';
import { RecoveryCodeList, TotpSetup } from './EnrolmentViews.tsx';
import { FieldErrorSummary, InputField, PostForm, type FieldErrors } from '../../../platform/staff/forms.tsx';

type Base = { ctx: PageContext; t: Translate<'account'> };

export function InvalidLinkPage({ ctx, title, body }: Base & { title: string; body: string }) {
  return (
    <StaffFrame ctx={ctx} title={title}>
      <h1>{title}</h1>
      <p>{body}</p>
    </StaffFrame>
  );
}

export function AcceptPasswordPage({
  ctx,
  t,
  action,
  email,
  role,
  displayName,
  errors = {},
  notice,
}: Base & { action: string; email: string; role: Role; displayName: string; errors?: FieldErrors; notice?: string }) {
  return (
    <StaffFrame ctx={ctx} title={t('accept.title')}>
      <h1>{t('accept.title')}</h1>
      <h2>{t('accept.step1')}</h2>
      {notice ? <p class="notice warn">{notice}</p> : null}
      <FieldErrorSummary title={t('form.errorsTitle')} errors={errors} />
      <p>{t('accept.intro', { role: translator(ctx.locale, 'staff')(`roles.${role}`), email })}</p>
      <PostForm action={action}>
        <InputField
          name="display_name"
          label={t('accept.name')}
          hint={t('accept.nameHint')}
          value={displayName}
          error={errors.display_name}
          autocomplete="name"
          maxLength={200}
        />
        {/* Lets password managers store the new credential under the right account. */}
        <input type="hidden" name="username" value={email} autocomplete="username" />
        <InputField
          name="password"
          type="password"
          label={t('accept.password')}
          hint={t('accept.passwordHint')}
          error={errors.password}
          autocomplete="new-password"
          maxLength={PASSWORD_MAX_LENGTH}
        />
        <InputField
          name="password_repeat"
          type="password"
          label={t('accept.passwordRepeat')}
          error={errors.password_repeat}
          autocomplete="new-password"
          maxLength={PASSWORD_MAX_LENGTH}
        />
        <button type="submit">{t('accept.next')}</button>
      </PostForm>
    </StaffFrame>
  );
}

export function AcceptTotpPage({
  ctx,
  t,
  action,
  state,
  qrSvg,
  secret,
  error,
}: Base & { action: string; state: string; qrSvg: string; secret: string; error?: string | undefined }) {
  const errors: FieldErrors = { code: error };
  return (
    <StaffFrame ctx={ctx} title={t('accept.title')}>
      <h1>{t('accept.title')}</h1>
      <h2>{t('accept.step2')}</h2>
      <FieldErrorSummary title={t('form.errorsTitle')} errors={errors} />
      <p>{t('accept.totpIntro')}</p>
      <TotpSetup t={t} qrSvg={qrSvg} secret={secret} />
      <PostForm action={action}>
        <input type="hidden" name="state" value={state} />
        <InputField
          name="code"
          label={t('accept.code')}
          error={error}
          autocomplete="one-time-code"
          inputMode="numeric"
          maxLength={12}
        />
        <button type="submit">{t('accept.confirm')}</button>
      </PostForm>
    </StaffFrame>
  );
}

export function AcceptDonePage({ ctx, t, codes, signIn }: Base & { codes: readonly string[]; signIn: string }) {
  return (
    <StaffFrame ctx={ctx} title={t('accept.title')}>
      <h1>{t('accept.title')}</h1>
      <h2>{t('accept.step3')}</h2>
      <p>{t('accept.codesIntro')}</p>
      <RecoveryCodeList codes={codes} />
      <p>
        <a class="button" href={signIn}>
          {t('accept.signIn')}
        </a>
      </p>
    </StaffFrame>
  );
}
