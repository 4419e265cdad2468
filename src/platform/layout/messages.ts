import type { MessagesByLocale } from '../i18n/index.ts';

export const layoutMessages: MessagesByLocale = {
  de: {
    siteName: 'Schutznetz',
    tagline: 'Hilfe bei Menschenhandel und Ausbeutung',
    skipToContent: 'Zum Inhalt springen',
    skipToExit: 'Zum Schnellausstieg springen',
    quickExit: 'Seite schnell verlassen',
    quickExitHint: 'Oder drei Mal die Umschalttaste (Shift) drücken.',
    quickExitProgress: 'Umschalttaste: {{n}} von 3',
    demoBanner:
      'Vorschau mit Beispieldaten: Die gezeigten Beratungsstellen sind erfunden. Im Notfall: Polizei 110, Hilfetelefon 116 016.',
    language: 'Sprache',
    mainNav: 'Hauptnavigation',
    nav: { find: 'Hilfe finden', states: 'Bundesländer', safety: 'Sicher surfen', easy: 'Leichte Sprache' },
    footer: {
      label: 'Fußzeile',
      helplinesTitle: 'Sofort Hilfe',
      police: 'Akute Gefahr: Polizei',
      hilfetelefon: 'Hilfetelefon Gewalt gegen Frauen, rund um die Uhr, kostenlos, in 18 Sprachen',
      kids: 'Nummer gegen Kummer für Kinder und Jugendliche',
      about: 'Über Schutznetz',
      safety: 'Sicher surfen',
      easy: 'Leichte Sprache',
      accessibility: 'Barrierefreiheit',
      privacy: 'Datenschutz',
      api: 'Offene Schnittstelle (HSDS)',
      attribution:
        'Kartendaten © GeoBasis-DE / BKG (2021), dl-de/by-2-0, vereinfacht; Postleitzahlen © GeoNames, CC BY 4.0, bearbeitet.',
    },
  },
  en: {
    siteName: 'Schutznetz',
    tagline: 'Help with human trafficking and exploitation',
    skipToContent: 'Skip to content',
    skipToExit: 'Skip to quick exit',
    quickExit: 'Leave this page quickly',
    quickExitHint: 'Or press the Shift key three times.',
    quickExitProgress: 'Shift key: {{n}} of 3',
    demoBanner:
      'Preview with example data: the counselling centres shown are made up. In an emergency: police 110, helpline 116 016.',
    language: 'Language',
    mainNav: 'Main navigation',
    nav: { find: 'Find help', states: 'Federal states', safety: 'Browse safely', easy: 'Easy read' },
    footer: {
      label: 'Footer',
      helplinesTitle: 'Help right now',
      police: 'Acute danger: police',
      hilfetelefon: 'Helpline for women affected by violence, 24/7, free, in 18 languages',
      kids: 'Helpline for children and young people',
      about: 'About Schutznetz',
      safety: 'Browse safely',
      easy: 'Easy read',
      accessibility: 'Accessibility',
      privacy: 'Privacy',
      api: 'Open data interface (HSDS)',
      attribution:
        'Map data © GeoBasis-DE / BKG (2021), dl-de/by-2-0, simplified; postcodes © GeoNames, CC BY 4.0, modified.',
    },
  },
};
