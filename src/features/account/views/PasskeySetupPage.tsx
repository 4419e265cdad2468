/**
 * The last step of an administrator's enrolment, and the one page their
 * enrolment session may open (policy.ts PASSKEY_ONLY_ROLES): why a passkey
 * is required, the form that adds the first one (driven by
 * public/passkey.js; without the script a note says it is needed) and a
 * sign-out button. No account bar: every other staff page would only send
 * them back here.
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
  origin,
}: {
  ctx: PageContext;
  t: Translate<'account'>;
  csrf: string;
  /** PUBLIC_ORIGIN, for the passkey form's wrong-address message. */
  origin: string;
}) {
  const base = `/${ctx.locale}/staff/passkey-setup`;
  return (
    <StaffFrame ctx={ctx} title={t('passkeySetup.title')} scripts={[PASSKEY_SCRIPT]}>
      <h1>{t('passkeySetup.title')}</h1>
      <p>
        <strong>{t('passkeySetup.required')}</strong> {t('passkeySetup.why')}
      </p>
      <p class="notice">{t('passkeySetup.restricted')}</p>
      <p>{t('passkeySetup.how')}</p>
      <PasskeyRegisterForm t={t} csrf={csrf} action={base} optionsUrl={`${base}/options`} origin={origin} />
      <form method="post" action={`${base}/sign-out`}>
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <button type="submit">{t('passkeySetup.signOut')}</button>
      </form>
    </StaffFrame>
  );
}
