/** Pages of the authenticator app change. */
import type { Translate } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { StaffFrame } from '../../../platform/staff/StaffFrame.tsx';
import { groupSecret } from '../views/EnrolmentViews.tsx';
import { FieldErrorSummary, InputField, PostForm } from '../../../platform/staff/forms.tsx';

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
  error,
}: Base & { state: string; qrSvg: string; secret: string; error?: string | undefined }) {
  return (
    <StaffFrame ctx={ctx} title={t('title')}>
      <h1>{t('title')}</h1>
      <FieldErrorSummary title={t('errorsTitle')} errors={{ code: error }} />
      <p>{t('intro')}</p>
      <div class="totp-setup">
        <div class="qr" dangerouslySetInnerHTML={{ __html: qrSvg }} />
        <p>{t('manual')}</p>
        <p>
          <code class="secret">{groupSecret(secret)}</code>
        </p>
      </div>
      <PostForm action={`/${ctx.locale}/staff/account/totp`} csrf={csrf}>
        <input type="hidden" name="state" value={state} />
        <InputField
          name="code"
          label={t('code')}
          error={error}
          autocomplete="one-time-code"
          inputMode="numeric"
          maxLength={12}
        />
        <button type="submit">{t('confirm')}</button>
      </PostForm>
      <p>
        <a href={`/${ctx.locale}/staff/account`}>{t('back')}</a>
      </p>
    </StaffFrame>
  );
}

export function TotpChangeDonePage({ ctx, t }: Pick<Base, 'ctx' | 't'>) {
  return (
    <StaffFrame ctx={ctx} title={t('doneTitle')}>
      <h1>{t('doneTitle')}</h1>
      <p role="status">{t('done')}</p>
      <p>
        <a href={`/${ctx.locale}/staff/account`}>{t('back')}</a>
      </p>
    </StaffFrame>
  );
}
