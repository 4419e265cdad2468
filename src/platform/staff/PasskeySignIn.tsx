/**
 * The "confirm with a passkey" button for the sign-in's second-factor page
 * (rendered there by the auth feature). It stays hidden unless
 * public/passkey.js runs in a browser that supports WebAuthn; the TOTP and
 * recovery-code forms next to it work without any script.
 */
import { CSRF_FIELD } from '../auth/csrf.ts';
import { translator, type Locale } from '../i18n/index.ts';

/** The asset the pages with passkey forms must load (Layout/StaffFrame `scripts`). */
export const PASSKEY_SCRIPT = 'passkey.js';

export function PasskeySignIn({ locale, csrf, next }: { locale: Locale; csrf: string; next: string | null }) {
  const t = translator(locale, 'staff');
  const base = `/${locale}/staff/passkey`;
  return (
    <form
      method="post"
      action={`${base}/verify`}
      class="passkey-sign-in"
      data-passkey="authenticate"
      data-options={`${base}/options`}
      data-msg-working={t('passkey.working')}
      data-msg-failed={t('passkey.failed')}
      hidden
    >
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <button type="submit">{t('passkey.signIn')}</button>
      <p class="passkey-status" role="status" aria-live="polite" />
    </form>
  );
}
