/**
 * The one page an administrator's restricted session may open (signed in
 * with a TOTP code or a recovery code, policy.ts PASSKEY_ONLY_ROLES): why a
 * passkey is required, the form that adds one (driven by public/passkey.js;
 * without the script a note says it is needed) and a sign-out button. No
 * account bar: every other staff page would only send them back here.
 */
import { CSRF_FIELD } from '../../../platform/auth/csrf.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import type { PageContext } from '../../../platform/layout/context.ts';
import { StaffFrame } from '../../../platform/staff/StaffFrame.tsx';
import { PasskeyRegisterForm } from './PasskeyRegisterForm.tsx';
import { PASSKEY_SCRIPT } from '../../../platform/staff/PasskeySignIn.tsx';

export function PasskeySetupPage({
  ctx,
  t,
  csrf,
  passkeys,
}: {
  ctx: PageContext;
  t: Translate<'account'>;
  csrf: string;
  passkeys: number;
}) {
  const base = `/${ctx.locale}/staff/passkey-setup`;
  return (
    <StaffFrame ctx={ctx} title={t('passkeySetup.title')} scripts={[PASSKEY_SCRIPT]}>
      <h1>{t('passkeySetup.title')}</h1>
      <p>
        <strong>{t('passkeySetup.required')}</strong> {t('passkeySetup.why')}
      </p>
      <p class="notice">{t('passkeySetup.restricted')}</p>
      {passkeys > 0 ? <p>{t('passkeySetup.hasPasskeys', { count: passkeys })}</p> : null}
      <p>{t('passkeySetup.how')}</p>
      <PasskeyRegisterForm t={t} csrf={csrf} action={base} optionsUrl={`${base}/options`} />
      <form method="post" action={`${base}/sign-out`}>
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <button type="submit">{t('passkeySetup.signOut')}</button>
      </form>
    </StaffFrame>
  );
}
