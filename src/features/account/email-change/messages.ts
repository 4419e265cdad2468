/** Texts of the e-mail address change (namespace `account-email`). */
import type { MessagesByLocale } from '../../../platform/i18n/index.ts';

export const EMAIL_NS = 'account-email';

export const emailChangeMessages: MessagesByLocale = {
  de: {
    linkLabel: 'E-Mail-Adresse ändern',
    title: 'E-Mail-Adresse ändern',
    intro:
      'Ihre Anmeldeadresse ist {{email}}. Wir schicken einen Bestätigungslink an die neue Adresse; geändert wird erst, wenn Sie ihn öffnen. Der Link gilt 24 Stunden und nur einmal.',
    newEmail: 'Neue E-Mail-Adresse',
    submit: 'Bestätigungslink senden',
    errorsTitle: 'Bitte korrigieren Sie Folgendes:',
    back: 'Zurück zu „Mein Konto“',
    errors: {
      email: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.',
      same: 'Das ist bereits Ihre Adresse.',
    },
    sentTitle: 'Bitte sehen Sie in das Postfach der neuen Adresse',
    sent: 'Wir haben eine E-Mail an die neue Adresse geschickt. Öffnen Sie den Link darin, um die Änderung abzuschließen. Bis dahin bleibt Ihre bisherige Adresse gültig.',
    confirmTitle: 'Neue E-Mail-Adresse bestätigen',
    confirmIntro:
      'Die Anmeldeadresse des Kontos wird zu {{email}} geändert. Alle anderen Sitzungen des Kontos werden beendet, und die bisherige Adresse wird benachrichtigt.',
    confirm: 'Adresse ändern',
    doneTitle: 'Ihre E-Mail-Adresse wurde geändert',
    done: 'Melden Sie sich künftig mit der neuen Adresse an. Ihre anderen Sitzungen wurden beendet.',
    toAccount: 'Zu „Mein Konto“',
    toSignIn: 'Zur Anmeldung',
    invalidTitle: 'Dieser Link gilt nicht (mehr)',
    invalidBody:
      'Links zur Adressänderung gelten 24 Stunden und nur einmal. Fordern Sie bei Bedarf auf „Mein Konto“ einen neuen an.',
    takenTitle: 'Diese Adresse ist bereits vergeben',
    takenBody: 'Zu dieser Adresse besteht schon ein anderes Konto. Ihre Adresse wurde nicht geändert.',
    mail: {
      confirmSubject: 'Schutznetz: neue E-Mail-Adresse bestätigen',
      confirmBody:
        'Guten Tag,\n\nfür ein Konto bei Schutznetz soll diese Adresse die neue Anmeldeadresse werden. Bestätigen Sie das über diesen Link:\n{{link}}\n\nDer Link gilt 24 Stunden und nur einmal.\n\nWenn Sie das nicht veranlasst haben, ignorieren Sie diese E-Mail; dann ändert sich nichts.\n',
      takenSubject: 'Schutznetz: Adressänderung nicht möglich',
      takenBody:
        'Guten Tag,\n\njemand wollte diese Adresse als neue Anmeldeadresse eines Schutznetz-Kontos eintragen. Zu dieser Adresse besteht aber bereits ein Konto, daher wurde nichts geändert.\n\nWenn Sie das nicht veranlasst haben, können Sie diese E-Mail ignorieren.\n',
      changedSubject: 'Schutznetz: Ihre E-Mail-Adresse wurde geändert',
      changedBody:
        'Guten Tag,\n\ndie Anmeldeadresse Ihres Schutznetz-Kontos wurde soeben geändert. Diese Adresse gilt für die Anmeldung nicht mehr; alle anderen Sitzungen wurden beendet.\n\nWenn Sie das nicht selbst waren, wenden Sie sich sofort an die Person, die Ihr Konto verwaltet, oder an die Koordinierungsstelle.\n',
    },
  },
  en: {
    linkLabel: 'Change e-mail address',
    title: 'Change e-mail address',
    intro:
      'You sign in with {{email}}. We send a confirmation link to the new address; nothing changes until you open it. The link works for 24 hours and only once.',
    newEmail: 'New e-mail address',
    submit: 'Send confirmation link',
    errorsTitle: 'Please correct the following:',
    back: 'Back to “My account”',
    errors: {
      email: 'Please enter a valid e-mail address.',
      same: 'That already is your address.',
    },
    sentTitle: 'Please check the new address’s inbox',
    sent: 'We have sent an e-mail to the new address. Open the link in it to complete the change. Until then your current address stays valid.',
    confirmTitle: 'Confirm the new e-mail address',
    confirmIntro:
      'The account’s sign-in address will change to {{email}}. All other sessions of the account end, and the previous address is notified.',
    confirm: 'Change the address',
    doneTitle: 'Your e-mail address was changed',
    done: 'From now on, sign in with the new address. Your other sessions were ended.',
    toAccount: 'To “My account”',
    toSignIn: 'To sign-in',
    invalidTitle: 'This link is not valid (any more)',
    invalidBody:
      'Address change links work for 24 hours and only once. Request a new one on “My account” if you need to.',
    takenTitle: 'This address is already in use',
    takenBody: 'Another account already uses this address. Your address was not changed.',
    mail: {
      confirmSubject: 'Schutznetz: confirm your new e-mail address',
      confirmBody:
        'Hello,\n\nthis address is to become the sign-in address of a Schutznetz account. Confirm this with the link:\n{{link}}\n\nThe link works for 24 hours and only once.\n\nIf you did not ask for this, ignore this e-mail; nothing changes.\n',
      takenSubject: 'Schutznetz: address change not possible',
      takenBody:
        'Hello,\n\nsomeone wanted to make this address the sign-in address of a Schutznetz account. There already is an account for this address, so nothing was changed.\n\nIf you did not ask for this, you can ignore this e-mail.\n',
      changedSubject: 'Schutznetz: your e-mail address was changed',
      changedBody:
        'Hello,\n\nthe sign-in address of your Schutznetz account was just changed. This address no longer works for signing in; all other sessions were ended.\n\nIf this was not you, contact the person who manages your account or the coordination office at once.\n',
    },
  },
};
