/** Pages of the password reset. */
import type { Translate } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { StaffFrame } from '../../../platform/staff/StaffFrame.tsx';
import { PASSWORD_MAX_LENGTH } from '../../../platform/security/password.ts';
import { FieldErrorSummary, InputField, PostForm, type FieldErrors } from '../../../platform/staff/forms.tsx';

type Base = { ctx: PageContext; t: Translate<'account'> };

export function ResetRequestPage({ ctx, t, email = '', errors = {} }: Base & { email?: string; errors?: FieldErrors }) {
  return (
    <StaffFrame ctx={ctx} title={t('reset.title')}>
      <h1>{t('reset.title')}</h1>
      <FieldErrorSummary title={t('form.errorsTitle')} errors={errors} />
      <p>{t('reset.intro')}</p>
      <PostForm action={`/${ctx.locale}/staff/password-reset`}>
        <InputField
          name="email"
          type="email"
          label={t('reset.email')}
          value={email}
          error={errors.email}
          autocomplete="username"
          maxLength={254}
        />
        <button type="submit">{t('reset.submit')}</button>
      </PostForm>
    </StaffFrame>
  );
}

export function ResetSentPage({ ctx, t }: Base) {
  return (
    <StaffFrame ctx={ctx} title={t('reset.sentTitle')}>
      <h1>{t('reset.sentTitle')}</h1>
      <p role="status">{t('reset.sent')}</p>
    </StaffFrame>
  );
}

export function ResetNewPasswordPage({
  ctx,
  t,
  action,
  email,
  errors = {},
}: Base & { action: string; email: string; errors?: FieldErrors }) {
  return (
    <StaffFrame ctx={ctx} title={t('reset.newTitle')}>
      <h1>{t('reset.newTitle')}</h1>
      <FieldErrorSummary title={t('form.errorsTitle')} errors={errors} />
      <p>{t('reset.newIntro')}</p>
      <PostForm action={action}>
        <input type="hidden" name="username" value={email} autocomplete="username" />
        <InputField
          name="password"
          type="password"
          label={t('reset.password')}
          hint={t('accept.passwordHint')}
          error={errors.password}
          autocomplete="new-password"
          maxLength={PASSWORD_MAX_LENGTH}
        />
        <InputField
          name="password_repeat"
          type="password"
          label={t('reset.passwordRepeat')}
          error={errors.password_repeat}
          autocomplete="new-password"
          maxLength={PASSWORD_MAX_LENGTH}
        />
        <button type="submit">{t('reset.save')}</button>
      </PostForm>
    </StaffFrame>
  );
}

export function ResetInvalidPage({ ctx, t }: Base) {
  return (
    <StaffFrame ctx={ctx} title={t('reset.invalidTitle')}>
      <h1>{t('reset.invalidTitle')}</h1>
      <p>{t('reset.invalidBody')}</p>
      <p>
        <a href={`/${ctx.locale}/staff/password-reset`}>{t('reset.again')}</a>
      </p>
    </StaffFrame>
  );
}
