/** Messages of the 'userAdmin' namespace: the account page, disabling, changing the role. */
import type { MessagesByLocale } from '../../platform/i18n/index.ts';

export const USER_ADMIN_NS = 'userAdmin';

export const userAdminMessages: MessagesByLocale = {
  de: {
    title: 'Konto: {{name}}',
    back: 'Zurück zur Liste der Personen',
    facts: {
      name: 'Name',
      email: 'E-Mail',
      role: 'Rolle',
      centre: 'Fachberatungsstelle',
      noCentre: '– (Netzwerk, keine Fachberatungsstelle)',
      status: 'Status',
      created: 'Angelegt am',
      sessions: 'Offene Sitzungen',
    },
    status: {
      active: 'aktiv',
      noFactor: 'noch kein zweiter Faktor eingerichtet (kann sich noch nicht anmelden)',
      disabled: 'gesperrt',
    },
    done: {
      disabled:
        'Das Konto ist gesperrt. Alle seine Sitzungen sind beendet, offene Einladungs- und Passwort-Links gelten nicht mehr.',
      role: 'Die Rolle ist geändert. Alle Sitzungen des Kontos sind beendet; die neuen Rechte gelten ab der nächsten Anmeldung.',
    },
    disabledNotice:
      'Dieses Konto ist gesperrt. Es kann sich nicht anmelden, und Links, die ihm geschickt wurden, gelten nicht mehr.',
    noEnable:
      'Eine Sperre lässt sich hier nicht aufheben: Es gibt keine Schaltfläche zum Entsperren, und auch eine neue Einladung an dieselbe Adresse öffnet ein gesperrtes Konto nicht wieder. Nur die Plattform-Administration kann die Person wieder zulassen („schutznetz users enable“); sie beginnt dann ohne ihr altes Passwort und ohne ihre alten zweiten Faktoren neu. Sperren Sie deshalb nur Konten von Personen, die nicht mehr mitarbeiten. Wer nur das Smartphone oder den Passkey verloren hat, bekommt von der Plattform-Administration mit „schutznetz users reset-mfa“ einen neuen Einrichtungslink – dafür das Konto bitte nicht sperren.',
    disable: {
      title: 'Konto sperren',
      intro: 'Wenn Sie dieses Konto sperren,',
      effects: {
        signIn: 'kann sich die Person nicht mehr anmelden,',
        sessions: 'enden alle ihre Sitzungen sofort, auch auf anderen Geräten,',
        links: 'gelten offene Einladungs- und Passwort-Links an sie nicht mehr,',
        kept: 'bleibt das Konto mit seinen Einträgen im Protokoll erhalten (es wird nicht gelöscht).',
      },
      confirm: 'Ich habe verstanden, dass nur die Plattform-Administration die Sperre aufheben kann.',
      confirmError: 'Bitte bestätigen Sie, dass Sie das Konto sperren möchten.',
      submit: 'Konto von {{name}} jetzt sperren',
      ownAccount: 'Ihr eigenes Konto können Sie nicht sperren.',
      notYours:
        'Leitungen sperren nur Konten der Beratung ihrer eigenen Fachberatungsstelle. Dieses Konto kann die Plattform-Administration sperren.',
    },
    role: {
      title: 'Rolle ändern',
      intro:
        'Innerhalb von {{centre}} kann das Konto zwischen „Beratung“ und „Leitung einer Fachberatungsstelle“ wechseln. Alle Sitzungen des Kontos enden dabei sofort, damit die neuen Rechte ab der nächsten Anmeldung gelten.',
      submit: 'Rolle ändern zu: {{role}}',
      notCentreRole:
        'Die Rollen der Koordinierungsstelle und der Plattform-Administration können im Web nicht geändert werden: Diese Konten gehören zu keiner Fachberatungsstelle. Hier lässt sich nur zwischen Beratung und Leitung innerhalb einer Fachberatungsstelle wechseln.',
      disabled: 'Die Rolle eines gesperrten Kontos kann nicht geändert werden.',
    },
    errors: {
      ownAccount: 'Ihr eigenes Konto können Sie nicht sperren.',
      notCentreRole: 'Die Rolle dieses Kontos kann im Web nicht geändert werden.',
      disabled: 'Die Rolle eines gesperrten Kontos kann nicht geändert werden.',
      changedMeanwhile:
        'Das Konto wurde inzwischen geändert. Bitte laden Sie die Seite neu und prüfen Sie die Angaben.',
    },
    invite: {
      title: 'Person einladen',
      leadAdmin:
        'Laden Sie Mitarbeitende der Koordinierungsstelle oder die Leitung einer Fachberatungsstelle ein. Die Person erhält einen Link, der 72 Stunden lang einmal gültig ist.',
      leadCentre:
        'Laden Sie eine Beraterin oder einen Berater in Ihre Fachberatungsstelle ein. Die Person erhält einen Link, der 72 Stunden lang einmal gültig ist.',
      email: 'E-Mail-Adresse',
      name: 'Name (optional)',
      nameHint: 'So wird die Person angesprochen. Sie kann den Namen beim Einrichten ändern.',
      role: 'Rolle',
      centre: 'Fachberatungsstelle',
      chooseCentre: '– bitte wählen –',
      submit: 'Einladung senden',
      sent: 'Erledigt. Hat die Adresse noch kein Konto, erhält sie einen Einladungslink; hat sie schon eines, erhält sie stattdessen einen Hinweis darauf.',
      errors: {
        email: 'Bitte geben Sie eine gültige E-Mail-Adresse ein, zum Beispiel name@beratungsstelle.de.',
        name: 'Der Name darf höchstens 200 Zeichen lang sein und keine unsichtbaren Steuerzeichen enthalten.',
        role: 'Bitte wählen Sie eine Rolle.',
        centre: 'Bitte wählen Sie die Fachberatungsstelle, die die Person leiten soll.',
        centreNotAllowed: 'Mitarbeitende der Koordinierungsstelle gehören zu keiner Fachberatungsstelle.',
      },
    },
    users: {
      title: 'Personen',
      invite: 'Person einladen',
      empty: 'Noch keine Konten.',
      name: 'Name',
      email: 'E-Mail',
      role: 'Rolle',
      centre: 'Fachberatungsstelle',
      status: 'Status',
      active: 'aktiv',
      disabled: 'gesperrt',
      noFactor: 'zweiter Faktor fehlt',
    },
    mail: {
      inviteSubject: 'Einladung zu Schutznetz',
      inviteBody:
        'Guten Tag,\n\nSie wurden eingeladen, bei Schutznetz mitzuarbeiten (Rolle: {{role}}).\n\nRichten Sie Ihr Konto über diesen Link ein:\n{{link}}\n\nDer Link gilt 72 Stunden und nur einmal. Sie brauchen dafür eine Authenticator-App auf Ihrem Smartphone.\n\nWenn Sie diese Einladung nicht erwartet haben, ignorieren Sie diese E-Mail.\n',
      existsSubject: 'Schutznetz: Sie haben bereits ein Konto',
      existsBody:
        'Guten Tag,\n\njemand wollte Sie zu Schutznetz einladen. Mit dieser Adresse besteht aber bereits ein Konto.\n\nAnmelden: {{signIn}}\nPasswort vergessen: {{reset}}\n\nWenn Sie das nicht erwartet haben, ignorieren Sie diese E-Mail.\n',
    },
    form: {
      errorsTitle: 'Bitte korrigieren Sie Folgendes:',
      invalidForm: 'Das Formular enthielt unerwartete Angaben. Bitte laden Sie die Seite neu.',
    },
    staffLinks: {
      users: 'Personen',
      invite: 'Person einladen',
    },
  },
  en: {
    title: 'Account: {{name}}',
    back: 'Back to the list of people',
    facts: {
      name: 'Name',
      email: 'E-mail',
      role: 'Role',
      centre: 'Counselling centre',
      noCentre: '– (network, no counselling centre)',
      status: 'Status',
      created: 'Created on',
      sessions: 'Open sessions',
    },
    status: {
      active: 'active',
      noFactor: 'no second factor yet (cannot sign in yet)',
      disabled: 'disabled',
    },
    done: {
      disabled:
        'The account is disabled. All its sessions have ended; open invitation and password links no longer work.',
      role: "The role has been changed. All the account's sessions have ended; the new rights apply from the next sign-in.",
    },
    disabledNotice: 'This account is disabled. It cannot sign in, and links sent to it no longer work.',
    noEnable:
      'Disabling cannot be undone here: there is no button to enable the account again, and a new invitation to the same address does not reopen a disabled account. Only the platform administration can re-admit the person ("schutznetz users enable"); they then start afresh, without their old password and second factors. So only disable the accounts of people who no longer work with the network. Someone who has only lost their phone or passkey gets a new setup link from the platform administration with "schutznetz users reset-mfa" – please do not disable their account for that.',
    disable: {
      title: 'Disable the account',
      intro: 'If you disable this account,',
      effects: {
        signIn: 'the person can no longer sign in,',
        sessions: 'all their sessions end at once, on other devices too,',
        links: 'open invitation and password links sent to them stop working,',
        kept: 'the account and its entries in the audit log are kept (it is not deleted).',
      },
      confirm: 'I understand that only the platform administration can undo this.',
      confirmError: 'Please confirm that you want to disable the account.',
      submit: "Disable {{name}}'s account now",
      ownAccount: 'You cannot disable your own account.',
      notYours:
        "Centre leads disable only the counsellors' accounts of their own centre. The platform administration can disable this account.",
    },
    role: {
      title: 'Change the role',
      intro:
        'Within {{centre}} the account can move between "Counsellor" and "Lead of a counselling centre". All the account\'s sessions end at once, so the new rights apply from the next sign-in.',
      submit: 'Change role to: {{role}}',
      notCentreRole:
        'The roles of the coordination office and the platform administration cannot be changed on the web: these accounts belong to no counselling centre. Here an account can only move between counsellor and lead within a counselling centre.',
      disabled: "A disabled account's role cannot be changed.",
    },
    errors: {
      ownAccount: 'You cannot disable your own account.',
      notCentreRole: "This account's role cannot be changed on the web.",
      disabled: "A disabled account's role cannot be changed.",
      changedMeanwhile: 'The account has been changed in the meantime. Please reload the page and check the details.',
    },
    invite: {
      title: 'Invite a person',
      leadAdmin:
        'Invite coordination-office staff or the lead of a counselling centre. The person receives a link that works once within 72 hours.',
      leadCentre:
        'Invite a counsellor into your counselling centre. The person receives a link that works once within 72 hours.',
      email: 'E-mail address',
      name: 'Name (optional)',
      nameHint: 'How the person is addressed. They can change it while setting up.',
      role: 'Role',
      centre: 'Counselling centre',
      chooseCentre: '– please choose –',
      submit: 'Send invitation',
      sent: 'Done. If the address has no account yet, it receives an invitation link; if it already has one, it receives a note saying so instead.',
      errors: {
        email: 'Please enter a valid e-mail address, for example name@centre.org.',
        name: 'The name must be at most 200 characters long and contain no invisible control characters.',
        role: 'Please choose a role.',
        centre: 'Please choose the counselling centre the person is to lead.',
        centreNotAllowed: 'Coordination-office staff belong to no counselling centre.',
      },
    },
    users: {
      title: 'People',
      invite: 'Invite a person',
      empty: 'No accounts yet.',
      name: 'Name',
      email: 'E-mail',
      role: 'Role',
      centre: 'Counselling centre',
      status: 'Status',
      active: 'active',
      disabled: 'disabled',
      noFactor: 'second factor missing',
    },
    mail: {
      inviteSubject: 'Invitation to Schutznetz',
      inviteBody:
        'Hello,\n\nyou have been invited to work with Schutznetz (role: {{role}}).\n\nSet up your account with this link:\n{{link}}\n\nThe link works for 72 hours and only once. You need an authenticator app on your phone.\n\nIf you did not expect this invitation, please ignore this e-mail.\n',
      existsSubject: 'Schutznetz: you already have an account',
      existsBody:
        'Hello,\n\nsomeone wanted to invite you to Schutznetz, but there already is an account with this address.\n\nSign in: {{signIn}}\nForgot your password: {{reset}}\n\nIf you did not expect this, please ignore this e-mail.\n',
    },
    form: {
      errorsTitle: 'Please correct the following:',
      invalidForm: 'The form contained unexpected data. Please reload the page.',
    },
    staffLinks: {
      users: 'People',
      invite: 'Invite a person',
    },
  },
};
