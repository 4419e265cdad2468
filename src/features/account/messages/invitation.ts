/** Texts of invitations: the invite form, the users list, acceptance and the mails. */
export const invitationMessages = {
  de: {
    form: {
      errorsTitle: 'Bitte korrigieren Sie Folgendes:',
      invalidForm: 'Das Formular enthielt unerwartete Angaben. Bitte laden Sie die Seite neu.',
    },
    accept: {
      title: 'Konto einrichten',
      invalidTitle: 'Dieser Link gilt nicht (mehr)',
      invalidBody:
        'Einladungslinks gelten 72 Stunden und nur einmal. Bitten Sie die Person, die Sie eingeladen hat, um eine neue Einladung.',
      restart:
        'Die Einrichtung hat zu lange gedauert oder wurde unterbrochen. Bitte beginnen Sie noch einmal mit Schritt 1.',
      step1: 'Schritt 1 von 3: Name und Passwort',
      intro: 'Sie wurden als {{role}} eingeladen. Ihr Konto wird für {{email}} eingerichtet.',
      name: 'Ihr Name',
      nameHint: 'So sehen Sie andere im System.',
      password: 'Passwort',
      passwordHint:
        'Mindestens 12 Zeichen. Am leichtesten merken Sie sich eine Folge mehrerer Wörter. Sonderzeichen sind nicht nötig.',
      passwordRepeat: 'Passwort wiederholen',
      next: 'Weiter',
      step2: 'Schritt 2 von 3: Authenticator-App verbinden',
      totpIntro:
        'Jede Anmeldung braucht einen zweiten Nachweis. Scannen Sie den QR-Code mit einer Authenticator-App (zum Beispiel FreeOTP, Aegis oder der App Ihres Smartphones) und geben Sie den sechsstelligen Code ein, den die App dann zeigt.',
      qrLabel: 'QR-Code zum Verbinden der Authenticator-App',
      manual:
        'QR-Code lässt sich nicht scannen? Geben Sie diesen Schlüssel in der App von Hand ein (Typ: zeitbasiert):',
      code: 'Sechsstelliger Code aus der App',
      confirm: 'Bestätigen',
      step3: 'Schritt 3 von 3: Wiederherstellungscodes',
      codesIntro:
        'Ihr Konto ist eingerichtet. Mit diesen Codes kommen Sie in Ihr Konto, wenn Sie Ihr Smartphone verlieren. Jeder Code gilt einmal. Sie sehen sie nur jetzt: Drucken Sie sie aus oder schreiben Sie sie ab und bewahren Sie sie getrennt vom Smartphone auf.',
      signIn: 'Weiter zur Anmeldung',
      errors: {
        name: 'Bitte geben Sie Ihren Namen ein (höchstens 200 Zeichen, ohne unsichtbare Steuerzeichen).',
        repeat: 'Die beiden Passwörter stimmen nicht überein.',
        code: 'Der Code stimmt nicht. Prüfen Sie, ob die Uhrzeit des Smartphones stimmt, und geben Sie den aktuellen Code ein.',
      },
    },
  },
  en: {
    form: {
      errorsTitle: 'Please correct the following:',
      invalidForm: 'The form contained unexpected data. Please reload the page.',
    },
    accept: {
      title: 'Set up your account',
      invalidTitle: 'This link is not valid (any more)',
      invalidBody:
        'Invitation links work for 72 hours and only once. Please ask the person who invited you for a new invitation.',
      restart: 'Setting up took too long or was interrupted. Please start again with step 1.',
      step1: 'Step 1 of 3: name and password',
      intro: 'You were invited as {{role}}. Your account is being set up for {{email}}.',
      name: 'Your name',
      nameHint: 'How others see you in the system.',
      password: 'Password',
      passwordHint:
        'At least 12 characters. A phrase of several words is easiest to remember. Special characters are not needed.',
      passwordRepeat: 'Repeat the password',
      next: 'Continue',
      step2: 'Step 2 of 3: connect an authenticator app',
      totpIntro:
        'Every sign-in needs a second proof. Scan the QR code with an authenticator app (for example FreeOTP, Aegis or your phone’s built-in one) and enter the six-digit code the app then shows.',
      qrLabel: 'QR code to connect the authenticator app',
      manual: 'Cannot scan the QR code? Enter this key in the app by hand (type: time-based):',
      code: 'Six-digit code from the app',
      confirm: 'Confirm',
      step3: 'Step 3 of 3: recovery codes',
      codesIntro:
        'Your account is set up. These codes get you into your account if you lose your phone. Each code works once. You see them only now: print them or write them down and keep them apart from your phone.',
      signIn: 'Continue to sign in',
      errors: {
        name: 'Please enter your name (at most 200 characters, no invisible control characters).',
        repeat: 'The two passwords do not match.',
        code: 'The code is not right. Check that your phone’s clock is correct and enter the current code.',
      },
    },
  },
};
