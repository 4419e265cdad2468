import type { MessagesByLocale } from '../../../platform/i18n/index.ts';

export const mailMessages: MessagesByLocale = {
  de: {
    outbox: {
      title: 'Postausgang',
      lead: 'Ohne konfigurierten Mailserver (SMTP_URL) landen E-Mails hier statt beim Empfänger. Sie enthalten Einmal-Links (Einladungen, Passwort-Zurücksetzen): Geben Sie einen Link nur an die Person weiter, für die er bestimmt ist, und nur über einen Weg, auf dem Sie sie sicher erreichen.',
      empty: 'Der Postausgang ist leer.',
      to: 'An',
      subject: 'Betreff',
      created: 'Erstellt',
      failed: 'SMTP-Zustellung fehlgeschlagen ({{code}}); die E-Mail liegt deshalb hier.',
      shown_one: 'Die neueste E-Mail wird angezeigt.',
      shown_other: 'Die neuesten {{count}} E-Mails werden angezeigt.',
    },
  },
  en: {
    outbox: {
      title: 'Outbox',
      lead: 'Without a mail server configured (SMTP_URL), e-mails land here instead of with their recipients. They contain one-time links (invitations, password resets): pass a link on only to the person it is meant for, and only by a way you can reach them safely.',
      empty: 'The outbox is empty.',
      to: 'To',
      subject: 'Subject',
      created: 'Created',
      failed: 'SMTP delivery failed ({{code}}), so the e-mail is kept here.',
      shown_one: 'The newest e-mail is shown.',
      shown_other: 'The newest {{count}} e-mails are shown.',
    },
  },
};
