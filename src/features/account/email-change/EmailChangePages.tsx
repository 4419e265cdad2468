/** Pages of the e-mail address change. */
import type { Translate } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { StaffFrame } from '../../../platform/staff/StaffFrame.tsx';
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
    <StaffFrame ctx={ctx} title={t('title')}>
      <h1>{t('title')}</h1>
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
    </StaffFrame>
  );
}

export function EmailChangeSentPage({ ctx, t }: Base) {
  return (
    <StaffFrame ctx={ctx} title={t('sentTitle')}>
      <h1>{t('sentTitle')}</h1>
      <p role="status">{t('sent')}</p>
      <p>
        <a href={`/${ctx.locale}/staff/account`}>{t('back')}</a>
      </p>
    </StaffFrame>
  );
}

/** Shown when the link is opened: the change itself needs the button (a POST), so mail scanners that fetch links change nothing. */
export function EmailChangeConfirmPage({ ctx, t, action, newEmail }: Base & { action: string; newEmail: string }) {
  return (
    <StaffFrame ctx={ctx} title={t('confirmTitle')}>
      <h1>{t('confirmTitle')}</h1>
      <p>{t('confirmIntro', { email: newEmail })}</p>
      <PostForm action={action}>
        <button type="submit">{t('confirm')}</button>
      </PostForm>
    </StaffFrame>
  );
}

export function EmailChangeDonePage({ ctx, t, signedIn }: Base & { signedIn: boolean }) {
  return (
    <StaffFrame ctx={ctx} title={t('doneTitle')}>
      <h1>{t('doneTitle')}</h1>
      <p role="status">{t('done')}</p>
      <p>
        {signedIn ? (
          <a href={`/${ctx.locale}/staff/account`}>{t('toAccount')}</a>
        ) : (
          <a href={`/${ctx.locale}/staff/sign-in`}>{t('toSignIn')}</a>
        )}
      </p>
    </StaffFrame>
  );
}

export function EmailChangeProblemPage({ ctx, t, kind }: Base & { kind: 'invalid' | 'taken' }) {
  return (
    <StaffFrame ctx={ctx} title={t(`${kind}Title`)}>
      <h1>{t(`${kind}Title`)}</h1>
      <p>{t(`${kind}Body`)}</p>
    </StaffFrame>
  );
}
