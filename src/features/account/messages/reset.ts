/** Texts of the password reset. */
export const resetMessages = {
  de: {
    reset: {
      title: 'Passwort vergessen',
      intro:
        'Geben Sie die E-Mail-Adresse Ihres Kontos ein. Sie erhalten einen Link, mit dem Sie ein neues Passwort festlegen. Zur Anmeldung brauchen Sie danach weiterhin Ihre Authenticator-App oder Ihren Passkey.',
      email: 'E-Mail-Adresse',
      submit: 'Link anfordern',
      sentTitle: 'Bitte sehen Sie in Ihr Postfach',
      sent: 'Wenn zu dieser Adresse ein Konto besteht, haben wir einen Link geschickt. Er gilt eine Stunde lang und nur einmal. Kommt nichts an, sehen Sie im Spam-Ordner nach oder fragen Sie die Person, die Ihr Konto verwaltet.',
      newTitle: 'Neues Passwort festlegen',
      newIntro:
        'Legen Sie ein neues Passwort fest. Danach melden Sie sich wie gewohnt an, mit Passwort und zweitem Faktor. Alle noch offenen Sitzungen Ihres Kontos werden beendet.',
      password: 'Neues Passwort',
      passwordRepeat: 'Neues Passwort wiederholen',
      save: 'Passwort speichern',
      invalidTitle: 'Dieser Link gilt nicht (mehr)',
      invalidBody: 'Links zum Zurücksetzen gelten eine Stunde und nur einmal. Fordern Sie bei Bedarf einen neuen an.',
      again: 'Neuen Link anfordern',
      errors: { email: 'Bitte geben Sie eine gültige E-Mail-Adresse ein.' },
      mailSubject: 'Schutznetz: Passwort zurücksetzen',
      mailBody:
        'Guten Tag,\n\nfür Ihr Konto bei Schutznetz wurde ein neues Passwort angefordert. Legen Sie es über diesen Link fest:\n{{link}}\n\nDer Link gilt eine Stunde und nur einmal. Zur Anmeldung brauchen Sie weiterhin Ihren zweiten Faktor.\n\nWenn Sie das nicht angefordert haben, ignorieren Sie diese E-Mail; Ihr Passwort bleibt dann unverändert.\n',
    },
  },
  en: {
    reset: {
      title: 'Forgot your password',
      intro:
        'Enter your account’s e-mail address. You will receive a link to set a new password. To sign in afterwards you still need your authenticator app or passkey.',
      email: 'E-mail address',
      submit: 'Request a link',
      sentTitle: 'Please check your inbox',
      sent: 'If there is an account for this address, we have sent a link. It works for one hour and only once. If nothing arrives, check your spam folder or ask the person who manages your account.',
      newTitle: 'Set a new password',
      newIntro:
        'Set a new password. Then sign in as usual, with password and second factor. All open sessions of your account are ended.',
      password: 'New password',
      passwordRepeat: 'Repeat the new password',
      save: 'Save password',
      invalidTitle: 'This link is not valid (any more)',
      invalidBody: 'Reset links work for one hour and only once. Request a new one if you need to.',
      again: 'Request a new link',
      errors: { email: 'Please enter a valid e-mail address.' },
      mailSubject: 'Schutznetz: reset your password',
      mailBody:
        'Hello,\n\na new password was requested for your Schutznetz account. Set it with this link:\n{{link}}\n\nThe link works for one hour and only once. To sign in you still need your second factor.\n\nIf you did not request this, ignore this e-mail; your password stays unchanged.\n',
    },
  },
} as const;
