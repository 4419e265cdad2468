import type { MessagesByLocale } from '../i18n/index.ts';

/** The staff frame's own words: the area, who is signed in, the menu, roles, refusals. */
export const staffMessages: MessagesByLocale = {
  de: {
    area: 'Bereich für Mitarbeitende',
    signedInAs: 'Angemeldet: {{name}} ({{role}})',
    signedInAsRole: 'Angemeldet als {{role}}',
    nav: {
      label: 'Konto',
      menu: 'Mitarbeitenden-Menü',
      home: 'Übersicht',
      sessions: 'Angemeldete Geräte',
      signOut: 'Abmelden',
    },
    menu: {
      sessions: 'Angemeldete Geräte ansehen und Sitzungen beenden',
    },
    roles: {
      admin: 'Plattform-Administration',
      coordination: 'Koordinierungsstelle',
      centre_lead: 'Leitung einer Fachberatungsstelle',
      counsellor: 'Beratung',
    },
    passkey: {
      signIn: 'Mit Passkey bestätigen',
      working: 'Bitte bestätigen Sie auf Ihrem Gerät …',
      failed: 'Das hat nicht geklappt. Versuchen Sie es noch einmal oder verwenden Sie den Code aus der App.',
    },
    publicSite: 'Zur öffentlichen Hilfesuche',
    notFound: {
      title: 'Seite nicht gefunden',
      body: 'Diese Seite gibt es nicht, oder Ihr Konto hat keinen Zugriff darauf.',
      back: 'Zur Übersicht',
    },
  },
  en: {
    area: 'Staff area',
    signedInAs: 'Signed in: {{name}} ({{role}})',
    signedInAsRole: 'Signed in as {{role}}',
    nav: {
      label: 'Account',
      menu: 'Staff menu',
      home: 'Overview',
      sessions: 'Signed-in devices',
      signOut: 'Sign out',
    },
    menu: {
      sessions: 'See signed-in devices and end sessions',
    },
    roles: {
      admin: 'Platform administration',
      coordination: 'Coordination office',
      centre_lead: 'Lead of a counselling centre',
      counsellor: 'Counsellor',
    },
    passkey: {
      signIn: 'Confirm with a passkey',
      working: 'Please confirm on your device …',
      failed: 'That did not work. Try again or use the code from your app.',
    },
    publicSite: 'Go to the public help finder',
    notFound: {
      title: 'Page not found',
      body: 'This page does not exist, or your account has no access to it.',
      back: 'Go to the overview',
    },
  },
};
