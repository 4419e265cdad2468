/** Pages of the authenticator app change. */
import type { Translate } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { StaffMessagePage, StaffPage } from '../../../platform/staff/StaffPage.tsx';
import { TotpCodeField, TotpSetup } from '../views/EnrolmentViews.tsx';
import { FieldErrorSummary, PostForm } from '../../../platform/staff/forms.tsx';

type Base = { ctx: PageContext; t: Translate<'account-totp'>; csrf: string };

/**
 * QR code, the secret in text and the confirmation form. `qrSvg` comes
 * from qrCodeSvg (generated on our server, escaped, style-free), never from input.
 */
export function TotpChangePage({
  ctx,
  t,
  csrf,
  state,
  qrSvg,
  secret,
  uri,
  error,
}: Base & { state: string; qrSvg: string; secret: string; uri: string; error?: string | undefined }) {
  return (
    <StaffPage ctx={ctx} title={t('title')}>
      <FieldErrorSummary title={t('errorsTitle')} errors={{ code: error }} />
      <p>{t('intro')}</p>
      <TotpSetup manual={t('manual')} openInApp={t('openInApp')} qrSvg={qrSvg} secret={secret} uri={uri} />
      <PostForm action={`/${ctx.locale}/staff/account/totp`} csrf={csrf}>
        <input type="hidden" name="state" value={state} />
        <TotpCodeField label={t('code')} error={error} />
        <button type="submit">{t('confirm')}</button>
      </PostForm>
      <p>
        <a href={`/${ctx.locale}/staff/account`}>{t('back')}</a>
      </p>
    </StaffPage>
  );
}

export function TotpChangeDonePage({ ctx, t }: Pick<Base, 'ctx' | 't'>) {
  return (
    <StaffMessagePage
      ctx={ctx}
      title={t('doneTitle')}
      message={t('done')}
      status
      next={{ href: `/${ctx.locale}/staff/account`, label: t('back') }}
    />
  );
}
