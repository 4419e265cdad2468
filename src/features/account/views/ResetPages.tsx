/** Pages of the password reset. */
import type { Translate } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { StaffMessagePage, StaffPage } from '../../../platform/staff/StaffPage.tsx';
import { FieldErrorSummary, InputField, PostForm, type FieldErrors } from '../../../platform/staff/forms.tsx';
import { NewPasswordFields } from './EnrolmentViews.tsx';

type Base = { ctx: PageContext; t: Translate<'account'> };

export function ResetRequestPage({ ctx, t, email = '', errors = {} }: Base & { email?: string; errors?: FieldErrors }) {
  return (
    <StaffPage ctx={ctx} title={t('reset.title')}>
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
    </StaffPage>
  );
}

export function ResetSentPage({ ctx, t }: Base) {
  return <StaffMessagePage ctx={ctx} title={t('reset.sentTitle')} message={t('reset.sent')} status />;
}

export function ResetNewPasswordPage({
  ctx,
  t,
  action,
  email,
  errors = {},
}: Base & { action: string; email: string; errors?: FieldErrors }) {
  return (
    <StaffPage ctx={ctx} title={t('reset.newTitle')}>
      <FieldErrorSummary title={t('form.errorsTitle')} errors={errors} />
      <p>{t('reset.newIntro')}</p>
      <PostForm action={action}>
        <NewPasswordFields
          t={t}
          email={email}
          label={t('reset.password')}
          repeatLabel={t('reset.passwordRepeat')}
          errors={errors}
        />
        <button type="submit">{t('reset.save')}</button>
      </PostForm>
    </StaffPage>
  );
}

export function ResetInvalidPage({ ctx, t }: Base) {
  return (
    <StaffMessagePage
      ctx={ctx}
      title={t('reset.invalidTitle')}
      message={t('reset.invalidBody')}
      next={{ href: `/${ctx.locale}/staff/password-reset`, label: t('reset.again') }}
    />
  );
}
