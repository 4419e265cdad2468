/**
 * Refusals the platform itself gives (not one feature's), in every language
 * people read pages in. Used through `HttpError.localized`.
 */
import type { MessagesByLocale } from '../i18n/index.ts';

const en = {
  csrf: 'This form could not be accepted: it has expired or was sent from another site. Please go back, reload the page and try again.',
  nul: 'The form contained an invisible control character (a zero byte) that cannot be stored. Please type the text again instead of pasting it.',
} as const;

export type ErrorMessageKey = keyof typeof en;

export const refusalMessages: MessagesByLocale = {
  de: {
    csrf: 'Dieses Formular konnte nicht angenommen werden: Es ist abgelaufen oder wurde von einer anderen Website abgeschickt. Bitte gehen Sie zurück, laden Sie die Seite neu und versuchen Sie es noch einmal.',
    nul: 'Das Formular enthielt ein unsichtbares Steuerzeichen (ein Null-Byte), das nicht gespeichert werden kann. Bitte tippen Sie den Text neu, statt ihn einzufügen.',
  },
  en,
};
