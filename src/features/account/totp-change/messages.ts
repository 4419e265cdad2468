/** Texts of the authenticator app change (namespace `account-totp`). */
import type { MessagesByLocale } from '../../../platform/i18n/index.ts';

export const TOTP_NS = 'account-totp';

export const totpChangeMessages: MessagesByLocale = {
  de: {
    linkLabel: 'Authenticator-App wechseln',
    title: 'Authenticator-App wechseln',
    intro:
      'Richten Sie die neue App mit diesem QR-Code ein und geben Sie zur Bestätigung den Code ein, den sie anzeigt. Bis dahin gilt Ihre bisherige App weiter; danach nur noch die neue.',
    qrLabel: 'QR-Code zum Einrichten der Authenticator-App',
    manual: 'Wenn Sie nicht scannen können, geben Sie diesen Schlüssel in der App ein:',
    code: 'Sechsstelliger Code aus der neuen App',
    confirm: 'Neue App bestätigen',
    errorsTitle: 'Bitte korrigieren Sie Folgendes:',
    errors: {
      code: 'Dieser Code passt nicht. Geben Sie den aktuellen Code aus der neuen App ein.',
      restart: 'Die Einrichtung ist abgelaufen. Bitte scannen Sie den neuen QR-Code.',
    },
    doneTitle: 'Die neue Authenticator-App gilt jetzt',
    done: 'Codes aus der bisherigen App werden nicht mehr angenommen.',
    back: 'Zurück zu „Mein Konto“',
  },
  en: {
    linkLabel: 'Change authenticator app',
    title: 'Change authenticator app',
    intro:
      'Set up the new app with this QR code and enter the code it shows to confirm. Until then your current app keeps working; afterwards only the new one does.',
    qrLabel: 'QR code to set up the authenticator app',
    manual: 'If you cannot scan, enter this key in the app:',
    code: 'Six-digit code from the new app',
    confirm: 'Confirm the new app',
    errorsTitle: 'Please correct the following:',
    errors: {
      code: 'This code does not match. Enter the current code from the new app.',
      restart: 'The set-up has expired. Please scan the new QR code.',
    },
    doneTitle: 'The new authenticator app is now in use',
    done: 'Codes from the previous app are no longer accepted.',
    back: 'Back to “My account”',
  },
};
