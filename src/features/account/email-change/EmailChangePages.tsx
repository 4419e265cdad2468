/** Pages of the e-mail address change. */
import type { Translate } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { StaffMessagePage, StaffPage } from '../../../platform/staff/StaffPage.tsx';
import { FieldErrorSummary, InputField, PostForm, type FieldErrors } from '../../../platform/staff/forms.tsx';

type Base = { ctx: PageContext; t: Translate<'account-email'> };

export function EmailChangeFormPage({
  ctx,
  t,
  csrf,
  current,
  value = '',
  errors = {},
}: Base & { csrf: string; current: string; value?: string; errors?: FieldErrors }) {
  return (
    <StaffPage ctx={ctx} title={t('title')}>
      <FieldErrorSummary title={t('errorsTitle')} errors={errors} />
      <p>{t('intro', { email: current })}</p>
      <PostForm action={`/${ctx.locale}/staff/account/email`} csrf={csrf}>
        <InputField
          name="email"
          type="email"
          label={t('newEmail')}
          value={value}
          error={errors.email}
          autocomplete="email"
          maxLength={254}
        />
        <button type="submit">{t('submit')}</button>
      </PostForm>
      <p>
        <a href={`/${ctx.locale}/staff/account`}>{t('back')}</a>
      </p>
    </StaffPage>
  );
}

export function EmailChangeSentPage({ ctx, t }: Base) {
  return (
    <StaffMessagePage
      ctx={ctx}
      title={t('sentTitle')}
      message={t('sent')}
      status
      next={{ href: `/${ctx.locale}/staff/account`, label: t('back') }}
    />
  );
}

/** Shown when the link is opened: the change itself needs the button (a POST), so mail scanners that fetch links change nothing. */
export function EmailChangeConfirmPage({ ctx, t, action, newEmail }: Base & { action: string; newEmail: string }) {
  return (
    <StaffPage ctx={ctx} title={t('confirmTitle')}>
      <p>{t('confirmIntro', { email: newEmail })}</p>
      <PostForm action={action}>
        <button type="submit">{t('confirm')}</button>
      </PostForm>
    </StaffPage>
  );
}

export function EmailChangeDonePage({ ctx, t, signedIn }: Base & { signedIn: boolean }) {
  const next = signedIn
    ? { href: `/${ctx.locale}/staff/account`, label: t('toAccount') }
    : { href: `/${ctx.locale}/staff/sign-in`, label: t('toSignIn') };
  return <StaffMessagePage ctx={ctx} title={t('doneTitle')} message={t('done')} status next={next} />;
}

export function EmailChangeProblemPage({ ctx, t, kind }: Base & { kind: 'invalid' | 'taken' }) {
  return <StaffMessagePage ctx={ctx} title={t(`${kind}Title`)} message={t(`${kind}Body`)} />;
}
