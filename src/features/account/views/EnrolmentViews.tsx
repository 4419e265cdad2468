/**
 * Pieces shared by invitation acceptance and the account page: the TOTP
 * enrolment block (QR code, the secret in text for manual entry) and the
 * one-time display of recovery codes.
 */
import type { Translate } from '../../../platform/i18n/index.ts';

/** The secret in groups of four, as authenticator apps show it. */
export function groupSecret(secret: string): string {
  return secret.replace(/(.{4})(?=.)/g, '$1 ');
}

/**
 * QR code plus the secret in text. `qrSvg` comes from qrCodeSvg (generated
 * on our server, escaped, style-free — see qr-svg.ts), never from input.
 */
export function TotpSetup({ t, qrSvg, secret }: { t: Translate<'account'>; qrSvg: string; secret: string }) {
  return (
    <div class="totp-setup">
      <div class="qr" dangerouslySetInnerHTML={{ __html: qrSvg }} />
      <p>{t('accept.manual')}</p>
      <p>
        <code class="secret">{groupSecret(secret)}</code>
      </p>
    </div>
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
