/**
 * Messages of the 'pages' namespace: the five text pages (one file each in
 * text/) and the labels of the contact blocks. German and English are both
 * complete; a test checks that with missingKeys('pages', 'en').
 */
import type { MessagesByLocale } from '../../platform/i18n/index.ts';
import { about } from './text/about.ts';
import { accessibility } from './text/accessibility.ts';
import { easy } from './text/easy.ts';
import { privacy } from './text/privacy.ts';
import { safety } from './text/safety.ts';

const contact = {
  de: { email: 'E-Mail', phone: 'Telefon', web: 'Website', address: 'Anschrift' },
  en: { email: 'E-mail', phone: 'Phone', web: 'Website', address: 'Address' },
};

const byLocale = {
  de: {
    safety: safety.de,
    about: about.de,
    easy: easy.de,
    accessibility: accessibility.de,
    privacy: privacy.de,
    contact: contact.de,
  },
  en: {
    safety: safety.en,
    about: about.en,
    easy: easy.en,
    accessibility: accessibility.en,
    privacy: privacy.en,
    contact: contact.en,
  },
};

// The text pages hold lists (arrays), which the i18n wrapper's type does not
// describe; i18next itself returns them unchanged with returnObjects.
export const pagesMessages = byLocale as unknown as MessagesByLocale;
