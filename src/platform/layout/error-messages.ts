import type { MessagesByLocale } from '../i18n/index.ts';

/** The error pages' words (public and staff frame). */
export const errorPageMessages: MessagesByLocale = {
  de: {
    title_400: 'Die Anfrage ist ungültig',
    title_403: 'Nicht angenommen',
    title_404: 'Seite nicht gefunden',
    title_429: 'Zu viele Anfragen',
    title_500: 'Ein Fehler ist aufgetreten',
    body_404: 'Diese Seite gibt es nicht (mehr). Über die Suche finden Sie Beratungsstellen.',
    body_500: 'Bitte versuchen Sie es später noch einmal. In einer Notlage: Polizei 110, Hilfetelefon 116 016.',
    detail: 'Was nicht gepasst hat:',
    back: 'Zur Suche',
  },
  en: {
    title_400: 'The request is not valid',
    title_403: 'Not accepted',
    title_404: 'Page not found',
    title_429: 'Too many requests',
    title_500: 'Something went wrong',
    body_404: 'This page does not exist (any more). Use the search to find counselling centres.',
    body_500: 'Please try again later. In an emergency: police 110, helpline 116 016.',
    detail: 'What did not fit:',
    back: 'Go to the search',
  },
};
