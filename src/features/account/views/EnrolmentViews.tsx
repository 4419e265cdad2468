/**
 * Pieces shared by the account pages: the new-password fields (invitation
 * acceptance, password reset, the account page), the TOTP enrolment block
 * and its code field (acceptance, the authenticator change) and the
 * one-time display of recovery codes.
 */
import type { Translate } from '../../../platform/i18n/index.ts';
import { PASSWORD_MAX_LENGTH } from '../../../platform/security/password.ts';
import { InputField, type FieldErrors } from '../../../platform/staff/forms.tsx';

/** The secret in groups of four, as authenticator apps show it. */
function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * A new password and its repetition, filed under the account's address
 * (the hidden username) so that password managers store the new
 * credential under the right account.
 */
export function NewPasswordFields({
  t,
  email,
  label,
  repeatLabel,
  errors,
}: {
  t: Translate<'account'>;
  email: string;
  label: string;
  repeatLabel: string;
  errors: FieldErrors;
}) {
  return (
    <>
      <input type="hidden" name="username" value={email} autocomplete="username" />
      <InputField
        name="password"
        type="password"
        label={label}
        hint={t('accept.passwordHint')}
        error={errors.password}
        autocomplete="new-password"
        maxLength={PASSWORD_MAX_LENGTH}
      />
      <InputField
        name="password_repeat"
        type="password"
        label={repeatLabel}
        error={errors.password_repeat}
        autocomplete="new-password"
        maxLength={PASSWORD_MAX_LENGTH}
      />
    </>
  );
}

/**
 * QR code plus the secret in text, introduced by `manual`. `qrSvg` comes
 * from qrCodeSvg (generated on our server, escaped, style-free — see
 * qr-svg.ts), never from input.
 */
export function TotpSetup({
  manual,
  openInApp,
  qrSvg,
  secret,
  uri,
}: {
  manual: string;
  openInApp: string;
  qrSvg: string;
  secret: string;
  /** The otpauth: URI the QR code holds: on a phone, tapping it hands the secret to the authenticator app there. */
  uri: string;
}) {
  return (
    <div class="totp-setup">
      <div class="qr" dangerouslySetInnerHTML={{ __html: qrSvg }} />
      <p>
        <a class="button" href={uri}>
          {openInApp}
        </a>
      </p>
      <p>{manual}</p>
      <p>
        <code class="secret">{groupSecret(secret)}</code>
      </p>
    </div>
  );
}

/** The field for the first code of a newly set-up authenticator. */
export function TotpCodeField({ label, error }: { label: string; error: string | undefined }) {
  return (
    <InputField
      name="code"
      label={label}
      error={error}
      autocomplete="one-time-code"
      inputMode="numeric"
      maxLength={12}
    />
  );
}

export function RecoveryCodeList({ codes }: { codes: readonly string[] }) {
  return (
    <ol class="recovery-codes">
      {codes.map((c) => (
        <li>
          <code>{c}</code>
        </li>
      ))}
    </ol>
  );
}
