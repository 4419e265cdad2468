/** Texts of the account page (own password, passkeys, recovery codes) and the passkey buttons. */
export const accountMessages = {
  de: {
    staffLinks: {
      account: 'Mein Konto: Passwort, Passkeys, Wiederherstellungscodes',
      outbox: 'Postausgang (E-Mails ohne Mailserver)',
    },
    account: {
      title: 'Mein Konto',
      who: '{{name}} · {{email}} · {{role}}',
      reauthNeeded: 'Um Anmeldeverfahren oder Passwort zu ändern, bestätigen Sie bitte zuerst, dass Sie es sind.',
      reauth: 'Identität bestätigen',
      done: {
        password: 'Ihr Passwort wurde geändert. Ihre anderen Sitzungen wurden beendet.',
        passkey_added: 'Der Passkey wurde hinzugefügt.',
        passkey_removed: 'Der Passkey wurde entfernt.',
      },
      passkeys: {
        title: 'Passkeys',
        intro:
          'Ein Passkey ersetzt bei der Anmeldung den Code aus der Authenticator-App: Sie bestätigen mit Fingerabdruck, Gesichtserkennung oder PIN Ihres Geräts oder Sicherheitsschlüssels.',
        none: 'Sie haben noch keinen Passkey.',
        added: 'hinzugefügt {{date}}',
        lastUsed: 'zuletzt benutzt {{date}}',
        neverUsed: 'noch nie benutzt',
        remove: 'Entfernen',
        removeLabel: 'Passkey „{{name}}“ entfernen',
        name: 'Name des Passkeys',
        nameHint: 'Zum Beispiel „Laptop“ oder „Sicherheitsschlüssel blau“ — damit Sie ihn später wiedererkennen.',
        add: 'Passkey hinzufügen',
        needsScript: 'Passkeys hinzufügen geht nur mit eingeschaltetem JavaScript in einem aktuellen Browser.',
      },
      password: {
        title: 'Passwort ändern',
        new: 'Neues Passwort',
        repeat: 'Neues Passwort wiederholen',
        save: 'Passwort ändern',
      },
      recovery: {
        title: 'Wiederherstellungscodes',
        remaining_one: 'Sie haben noch {{count}} unbenutzten Code.',
        remaining_other: 'Sie haben noch {{count}} unbenutzte Codes.',
        intro: 'Neue Codes ersetzen alle bisherigen; die alten gelten dann nicht mehr.',
        regenerate: 'Neue Codes erzeugen',
        newTitle: 'Ihre neuen Wiederherstellungscodes',
        newIntro:
          'Die bisherigen Codes gelten nicht mehr. Jeder dieser Codes gilt einmal. Sie sehen sie nur jetzt: Drucken Sie sie aus oder schreiben Sie sie ab und bewahren Sie sie getrennt vom Smartphone auf.',
        back: 'Zurück zu „Mein Konto“',
      },
    },
    passkey: {
      working: 'Bitte bestätigen Sie auf Ihrem Gerät …',
      addFailed: 'Der Passkey konnte nicht hinzugefügt werden. Versuchen Sie es noch einmal.',
      already: 'Dieser Passkey ist bereits registriert.',
    },
    passkeySetup: {
      title: 'Passkey einrichten',
      required: 'Administratorinnen und Administratoren melden sich mit einem Passkey an.',
      why: 'Ein Passkey ist an diese Website gebunden: Anders als ein Code aus der App kann ihn eine gefälschte Anmeldeseite nicht abfangen. Für den Zugang zur Verwaltung der ganzen Plattform genügt deshalb kein Code.',
      restricted:
        'Sie haben sich mit dem Code aus der Authenticator-App oder mit einem Wiederherstellungscode angemeldet. Damit können Sie nur einen Passkey hinzufügen — sonst nichts. Danach melden Sie sich noch einmal an, dann mit dem Passkey.',
      hasPasskeys_one:
        'Für Ihr Konto ist schon {{count}} Passkey eingerichtet. Wenn Sie ihn zur Hand haben, melden Sie sich ab und wieder an und bestätigen Sie mit dem Passkey. Haben Sie ihn verloren, fügen Sie hier einen neuen hinzu und entfernen Sie den alten danach unter „Mein Konto“.',
      hasPasskeys_other:
        'Für Ihr Konto sind schon {{count}} Passkeys eingerichtet. Wenn Sie einen davon zur Hand haben, melden Sie sich ab und wieder an und bestätigen Sie mit dem Passkey. Haben Sie sie verloren, fügen Sie hier einen neuen hinzu und entfernen Sie die alten danach unter „Mein Konto“.',
      how: 'Sie brauchen einen Sicherheitsschlüssel, ein Smartphone oder einen Computer mit Passkey-Unterstützung (Fingerabdruck, Gesichtserkennung oder PIN).',
      signOut: 'Abmelden',
    },
  },
  en: {
    staffLinks: {
      account: 'My account: password, passkeys, recovery codes',
      outbox: 'Outbox (e-mails without a mail server)',
    },
    account: {
      title: 'My account',
      who: '{{name}} · {{email}} · {{role}}',
      reauthNeeded: 'To change how you sign in or your password, please first confirm that it is you.',
      reauth: 'Confirm your identity',
      done: {
        password: 'Your password was changed. Your other sessions were ended.',
        passkey_added: 'The passkey was added.',
        passkey_removed: 'The passkey was removed.',
      },
      passkeys: {
        title: 'Passkeys',
        intro:
          'A passkey replaces the authenticator app’s code when you sign in: you confirm with your device’s or security key’s fingerprint, face recognition or PIN.',
        none: 'You have no passkey yet.',
        added: 'added {{date}}',
        lastUsed: 'last used {{date}}',
        neverUsed: 'never used',
        remove: 'Remove',
        removeLabel: 'Remove passkey “{{name}}”',
        name: 'Name of the passkey',
        nameHint: 'For example “Laptop” or “blue security key” — so you recognise it later.',
        add: 'Add a passkey',
        needsScript: 'Adding passkeys needs JavaScript switched on in an up-to-date browser.',
      },
      password: {
        title: 'Change password',
        new: 'New password',
        repeat: 'Repeat the new password',
        save: 'Change password',
      },
      recovery: {
        title: 'Recovery codes',
        remaining_one: 'You have {{count}} unused code left.',
        remaining_other: 'You have {{count}} unused codes left.',
        intro: 'New codes replace all previous ones; the old ones stop working.',
        regenerate: 'Create new codes',
        newTitle: 'Your new recovery codes',
        newIntro:
          'The previous codes no longer work. Each of these codes works once. You see them only now: print them or write them down and keep them apart from your phone.',
        back: 'Back to “My account”',
      },
    },
    passkey: {
      working: 'Please confirm on your device …',
      addFailed: 'The passkey could not be added. Please try again.',
      already: 'This passkey is already registered.',
    },
    passkeySetup: {
      title: 'Set up a passkey',
      required: 'Administrators sign in with a passkey.',
      why: 'A passkey is bound to this website: unlike a code from the app, a fake sign-in page cannot catch it. A code alone is therefore not enough to administer the whole platform.',
      restricted:
        'You signed in with a code from your authenticator app or with a recovery code. With that you can only add a passkey — nothing else. Afterwards, sign in again, this time with the passkey.',
      hasPasskeys_one:
        'Your account already has {{count}} passkey. If you have it at hand, sign out, sign in again and confirm with the passkey. If you lost it, add a new one here and remove the old one afterwards under “My account”.',
      hasPasskeys_other:
        'Your account already has {{count}} passkeys. If you have one of them at hand, sign out, sign in again and confirm with the passkey. If you lost them, add a new one here and remove the old ones afterwards under “My account”.',
      how: 'You need a security key, a phone or a computer that supports passkeys (fingerprint, face recognition or PIN).',
      signOut: 'Sign out',
    },
  },
} as const;
