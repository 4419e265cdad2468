/**
 * The form that registers a passkey, shared by the account page and the
 * administrators' passkey set-up page. public/passkey.js drives it (the
 * form stays hidden without the script, and the note below says why).
 */
import { CSRF_FIELD } from '../../../platform/auth/csrf.ts';
import type { Translate } from '../../../platform/i18n/index.ts';
import { InputField } from '../../../platform/staff/forms.tsx';

export function PasskeyRegisterForm({
  t,
  csrf,
  action,
  optionsUrl,
  origin,
}: {
  t: Translate<'account'>;
  csrf: string;
  action: string;
  optionsUrl: string;
  /** PUBLIC_ORIGIN: a passkey works only there, and the failure message names it. */
  origin: string;
}) {
  return (
    <>
      <form
        method="post"
        action={action}
        class="staff-form"
        data-passkey="register"
        data-options={optionsUrl}
        data-msg-working={t('passkey.working')}
        data-msg-failed={t('passkey.addFailed')}
        data-msg-already_registered={t('passkey.already')}
        data-msg-host={t('passkey.wrongHost', { origin })}
        hidden
      >
        <input type="hidden" name={CSRF_FIELD} value={csrf} />
        <InputField
          name="name"
          label={t('account.passkeys.name')}
          hint={t('account.passkeys.nameHint')}
          maxLength={60}
          required={false}
          autocomplete="off"
        />
        <button type="submit">{t('account.passkeys.add')}</button>
        <p class="passkey-status" role="status" aria-live="polite" />
      </form>
      <p class="hint" data-passkey-fallback="">
        {t('account.passkeys.needsScript')}
      </p>
    </>
  );
}
