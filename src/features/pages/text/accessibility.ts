/**
 * Erklärung zur Barrierefreiheit, in the structure of the EU model statement
 * (Implementing Decision (EU) 2018/1523) as BITV 2.0 § 12b asks for it:
 * scope, conformance status, non-accessible content, preparation, feedback,
 * enforcement. Sections with an `id` receive computed content (date,
 * contact details) from the view.
 */
import type { ProseText } from '../Prose.tsx';

export type AccessibilityText = ProseText & {
  preparedOn: string;
  contactFallback: string;
};

export const accessibility: { de: AccessibilityText; en: AccessibilityText } = {
  de: {
    title: 'Erklärung zur Barrierefreiheit',
    description:
      'Wie barrierefrei Schutznetz ist, welche Einschränkungen bekannt sind und wie Sie Barrieren melden können.',
    lead: 'Schutznetz soll für alle Menschen nutzbar sein, auch mit Screenreader, nur mit der Tastatur, mit Vergrößerung oder auf einem einfachen Handy. Diese Erklärung gilt für die öffentlichen Seiten von Schutznetz: die Suche, die Seiten der Beratungsstellen und Bundesländer und diese Informationsseiten.',
    sections: [
      {
        h: 'Stand der Vereinbarkeit',
        body: [
          'Grundlage sind die Barrierefreie-Informationstechnik-Verordnung (BITV 2.0) und die Norm EN 301 549, also die Web Content Accessibility Guidelines (WCAG) 2.1 auf Stufe AA.',
          'Diese Website ist **teilweise vereinbar** mit diesen Anforderungen: Sie erfüllt die Kriterien der WCAG 2.1 AA weitgehend. Die bekannten Einschränkungen stehen im nächsten Abschnitt.',
        ],
      },
      {
        h: 'Was noch nicht barrierefrei ist',
        body: [
          {
            ul: [
              'Leichte Sprache gibt es auf Deutsch für eine Erklärseite, nicht für jede Seite. Auf Englisch gibt es eine kurze Fassung in einfacher Sprache.',
              'Es gibt noch kein Video in Deutscher Gebärdensprache (DGS), das die Website erklärt.',
              'Die Oberfläche gibt es bisher nur auf Deutsch und Englisch.',
              'Die Texte der Einträge schreiben die Beratungsstellen selbst. Sie sind meist auf Deutsch und nicht immer in einfacher Sprache.',
              'Die Karte der Beratungsstellen ist eine Grafik. Dieselben Einträge gibt es als Liste der Bundesländer, die auch mit Screenreader gut nutzbar ist.',
            ],
          },
          'Wir arbeiten daran, diese Einschränkungen zu beheben.',
        ],
      },
      {
        h: 'Wie diese Erklärung entstanden ist',
        id: 'prepared',
        body: [
          'Die Erklärung beruht auf einer Selbstbewertung:',
          {
            ul: [
              'Bei jeder Änderung der Software prüft ein automatischer Test jede öffentliche Seite mit dem Werkzeug axe-core im Browser Chromium.',
              'Dazu kommen Tests von Hand: Alle Seiten müssen sich allein mit der Tastatur bedienen lassen, mit sichtbarem Fokus und in sinnvoller Reihenfolge.',
              'Alle Seiten funktionieren ohne JavaScript.',
            ],
          },
        ],
      },
      {
        h: 'Barrieren melden',
        id: 'feedback',
        body: [
          'Ist Ihnen eine Barriere aufgefallen? Brauchen Sie einen Inhalt in einer anderen Form? Dann wenden Sie sich bitte an die Koordinierungsstelle des Netzwerks:',
        ],
      },
      {
        h: 'Schlichtungsverfahren',
        body: [
          'Sind Sie mit unserer Antwort nicht zufrieden, können Sie sich an die [Schlichtungsstelle nach § 16 Behindertengleichstellungsgesetz (BGG)](https://www.schlichtungsstelle-bgg.de/) wenden.',
          'Die Schlichtungsstelle vermittelt kostenlos bei Streit über Barrierefreiheit mit öffentlichen Stellen des Bundes und mit Stellen, die überwiegend vom Bund finanziert werden. Ob sie im Einzelfall zuständig ist, klärt sie mit Ihnen. Sie brauchen dafür keine Anwältin und keinen Anwalt.',
        ],
      },
    ],
    preparedOn: 'Diese Erklärung wurde am {{date}} erstellt.',
    contactFallback: 'Koordinierungsstelle des Netzwerks',
  },
  en: {
    title: 'Accessibility statement',
    description: 'How accessible Schutznetz is, which limitations we know of and how to report barriers.',
    lead: 'Schutznetz should work for everyone, including with a screen reader, with the keyboard only, with magnification or on a basic phone. This statement covers the public pages of Schutznetz: the search, the pages of counselling centres and federal states, and these information pages.',
    sections: [
      {
        h: 'Compliance status',
        body: [
          'The basis is the German accessibility ordinance BITV 2.0 and the standard EN 301 549, that is, the Web Content Accessibility Guidelines (WCAG) 2.1 at level AA.',
          'This website is **partially compliant** with these requirements: it largely meets the WCAG 2.1 AA criteria. The known limitations are listed in the next section.',
        ],
      },
      {
        h: 'What is not accessible yet',
        body: [
          {
            ul: [
              'Easy-read German (Leichte Sprache) exists for one explanatory page, not for every page. In English there is a short easy-read version.',
              'There is no video in German Sign Language (DGS) explaining the website yet.',
              'The interface is only available in German and English so far.',
              'The counselling centres write the texts of their entries themselves. They are mostly in German and not always in plain language.',
              'The map of counselling centres is a graphic. The same entries are available as a list of federal states, which works well with screen readers.',
            ],
          },
          'We are working on removing these limitations.',
        ],
      },
      {
        h: 'How this statement was prepared',
        id: 'prepared',
        body: [
          'This statement is based on a self-assessment:',
          {
            ul: [
              'With every change to the software, an automated test checks every public page with the axe-core tool in the Chromium browser.',
              'In addition there are manual tests: every page must be usable with the keyboard alone, with a visible focus and in a sensible order.',
              'All pages work without JavaScript.',
            ],
          },
        ],
      },
      {
        h: 'Reporting barriers',
        id: 'feedback',
        body: [
          'Have you found a barrier? Do you need content in a different format? Then please contact the network’s coordination office:',
        ],
      },
      {
        h: 'Enforcement procedure',
        body: [
          'If you are not satisfied with our answer, you can contact the [conciliation body under section 16 of the German Disability Equality Act (Schlichtungsstelle nach § 16 BGG)](https://www.schlichtungsstelle-bgg.de/).',
          'The conciliation body mediates free of charge in disputes about accessibility with federal public bodies and with bodies mainly funded by the federal government. It will tell you whether it is responsible in your case. You do not need a lawyer.',
        ],
      },
    ],
    preparedOn: 'This statement was prepared on {{date}}.',
    contactFallback: 'The network’s coordination office',
  },
};
