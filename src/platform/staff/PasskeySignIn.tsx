/**
 * The "confirm with a passkey" button: the second step of a sign-in, and
 * the step-up (re-authentication) of accounts that confirm only with a
 * passkey. It stays hidden unless public/passkey.js runs in a browser that
 * supports WebAuthn; where a code form stands beside it, that form works
 * without any script, and where none does (administrators) the page says
 * what the passkey needs.
 */
import { CSRF_FIELD } from '../auth/csrf.ts';
import { translator, type Locale } from '../i18n/index.ts';

/** The asset the pages with passkey forms must load (Layout/StaffFrame `scripts`). */
export const PASSKEY_SCRIPT = 'passkey.js';

/** Where the two halves of an assertion go: the sign-in's second step, or the step-up. */
type Ceremony = 'sign-in' | 'step-up';

const PATHS: Record<Ceremony, { options: string; action: string }> = {
  'sign-in': { options: 'passkey/options', action: 'passkey/verify' },
  'step-up': { options: 'reauth/passkey/options', action: 'reauth/passkey' },
};

export function PasskeySignIn({
  locale,
  csrf,
  next,
  origin,
  ceremony = 'sign-in',
}: {
  locale: Locale;
  csrf: string;
  next: string | null;
  /** PUBLIC_ORIGIN: a passkey works only there, and the failure message names it. */
  origin: string;
  ceremony?: Ceremony;
}) {
  const t = translator(locale, 'staff');
  const base = `/${locale}/staff/`;
  const paths = PATHS[ceremony];
  return (
    <form
      method="post"
      action={base + paths.action}
      class="passkey-sign-in"
      data-passkey="authenticate"
      data-options={base + paths.options}
      data-msg-working={t('passkey.working')}
      data-msg-failed={t('passkey.failed')}
      data-msg-host={t('passkey.wrongHost', { origin })}
      hidden
    >
      <input type="hidden" name={CSRF_FIELD} value={csrf} />
      {next ? <input type="hidden" name="next" value={next} /> : null}
      <button type="submit">{t('passkey.signIn')}</button>
      <p class="passkey-status" role="status" aria-live="polite" />
    </form>
  );
}
