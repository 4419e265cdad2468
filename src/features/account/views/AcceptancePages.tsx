/** The pages of invitation acceptance: password → authenticator → recovery codes. */
import { translator, type Translate } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { StaffMessagePage, StaffPage } from '../../../platform/staff/StaffPage.tsx';
import type { Role } from '../../../platform/db/schema.ts';
import { NewPasswordFields, RecoveryCodeList, TotpCodeField, TotpSetup } from './EnrolmentViews.tsx';
import { FieldErrorSummary, InputField, PostForm, type FieldErrors } from '../../../platform/staff/forms.tsx';

type Base = { ctx: PageContext; t: Translate<'account'> };

export function InvalidLinkPage({ ctx, title, body }: Base & { title: string; body: string }) {
  return <StaffMessagePage ctx={ctx} title={title} message={body} />;
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
    <StaffPage ctx={ctx} title={t('accept.title')}>
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
        <NewPasswordFields
          t={t}
          email={email}
          label={t('accept.password')}
          repeatLabel={t('accept.passwordRepeat')}
          errors={errors}
        />
        <button type="submit">{t('accept.next')}</button>
      </PostForm>
    </StaffPage>
  );
}

export function AcceptTotpPage({
  ctx,
  t,
  action,
  state,
  qrSvg,
  secret,
  uri,
  error,
}: Base & { action: string; state: string; qrSvg: string; secret: string; uri: string; error?: string | undefined }) {
  return (
    <StaffPage ctx={ctx} title={t('accept.title')}>
      <h2>{t('accept.step2')}</h2>
      <FieldErrorSummary title={t('form.errorsTitle')} errors={{ code: error }} />
      <p>{t('accept.totpIntro')}</p>
      <TotpSetup
        manual={t('accept.manual')}
        openInApp={t('accept.openInApp')}
        qrSvg={qrSvg}
        secret={secret}
        uri={uri}
      />
      <PostForm action={action}>
        <input type="hidden" name="state" value={state} />
        <TotpCodeField label={t('accept.code')} error={error} />
        <button type="submit">{t('accept.confirm')}</button>
      </PostForm>
    </StaffPage>
  );
}

export function AcceptDonePage({ ctx, t, codes, signIn }: Base & { codes: readonly string[]; signIn: string }) {
  return (
    <StaffPage ctx={ctx} title={t('accept.title')}>
      <h2>{t('accept.step3')}</h2>
      <p>{t('accept.codesIntro')}</p>
      <RecoveryCodeList codes={codes} />
      <p>
        <a class="button" href={signIn}>
          {t('accept.signIn')}
        </a>
      </p>
    </StaffPage>
  );
}
