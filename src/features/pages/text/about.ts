/** "Über Schutznetz": origin, audience, what the finder does, checking, licences. */
import type { ProseText } from '../Prose.tsx';

export const about: { de: ProseText; en: ProseText } = {
  de: {
    title: 'Über Schutznetz',
    description:
      'Was Schutznetz ist, für wen es gemacht ist, wie die Einträge geprüft werden und unter welchen Lizenzen Software und Daten stehen.',
    lead: 'Schutznetz hilft, die passende Fachberatungsstelle gegen Menschenhandel zu finden: schnell, vertraulich und ohne Anmeldung. Schutznetz selbst berät nicht. Es zeigt, wer berät.',
    sections: [
      {
        h: 'Woher Schutznetz kommt',
        body: [
          'Schutznetz ist aus dem Projekt „Flucht & Menschenhandel – Schutz- und Unterstützungsstrukturen für Frauen und Minderjährige“ des bundesweiten Netzwerks der Fachberatungsstellen entstanden.',
          'In diesem Projekt wurde deutlich: Unter Geflüchteten sind Menschen, die von Menschenhandel betroffen sind, vor und während des Asylverfahrens. Besonders Frauen und Minderjährige brauchen Schutz. Wer ihnen begegnet, muss schnell wissen, welche Fachberatungsstelle helfen kann.',
        ],
      },
      {
        h: 'Für wen Schutznetz ist',
        body: [
          {
            ul: [
              'für Menschen, die ausgebeutet werden oder wurden – in der Prostitution, bei der Arbeit, beim Betteln, durch erzwungene Straftaten oder eine Zwangsheirat,',
              'für Menschen, die sie unterstützen: Freundinnen und Freunde, Familie, Ehrenamtliche,',
              'für Fachkräfte, zum Beispiel im Jugendamt, in der Flüchtlingsberatung, in Aufnahmeeinrichtungen und Unterkünften, beim BAMF, bei der Polizei, in Arztpraxen und Kanzleien.',
            ],
          },
        ],
      },
      {
        h: 'Was die Suche kann',
        body: [
          'Sie geben eine Postleitzahl oder einen Ort ein oder wählen ein Bundesland. Schutznetz zeigt die Fachberatungsstellen in der Nähe, die nächste zuerst. Dazu kommen Stellen, die für das ganze Bundesland oder bundesweit zuständig sind, und Angebote am Telefon oder online.',
          'Sie können die Suche eingrenzen:',
          {
            ul: [
              'für wen die Beratung ist, zum Beispiel Frauen, Männer, Minderjährige, trans* und nicht-binäre Personen,',
              'um welche Form der Ausbeutung es geht,',
              'in welcher Sprache beraten wird,',
              'was vor Ort barrierefrei ist.',
            ],
          },
          'Manche Stellen haben eine geschützte Adresse. Von ihnen zeigen wir nur die Stadt.',
          'Die Beratung in den Fachberatungsstellen ist kostenlos und vertraulich.',
        ],
      },
      {
        h: 'Wie die Einträge geprüft werden',
        body: [
          'Die Einträge kommen von den Fachberatungsstellen des Netzwerks. Die Koordinierungsstelle des Netzwerks prüft sie, bevor sie erscheinen, und fragt regelmäßig nach, ob sie noch stimmen. Zu jedem Eintrag wird das Datum der letzten Prüfung gespeichert.',
          'Ihnen ist ein Fehler aufgefallen? Bitte sagen Sie es der Koordinierungsstelle.',
        ],
      },
      {
        h: 'Offene Software, offene Daten',
        body: [
          'Schutznetz ist freie Software unter der Lizenz EUPL-1.2 (European Union Public Licence). Alle dürfen sie nutzen, prüfen, verändern und weitergeben, auch andere Netzwerke.',
          'Die Einträge gibt es auch maschinenlesbar, im Standard Open Referral HSDS: [offene Schnittstelle](/api/hsds/).',
        ],
      },
      {
        h: 'Quellen der Geodaten',
        body: [
          {
            ul: [
              'Postleitzahlen, Orte und ihre Koordinaten: © GeoNames (geonames.org), Lizenz [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/deed.de). Wir haben die Daten gekürzt und zusammengefasst.',
              'Grenzen der Bundesländer in der Karte: © GeoBasis-DE / BKG (2021), [Datenlizenz Deutschland – Namensnennung – Version 2.0](https://www.govdata.de/dl-de/by-2-0). Wir haben die Umrisse vereinfacht.',
            ],
          },
        ],
      },
    ],
  },
  en: {
    title: 'About Schutznetz',
    description:
      'What Schutznetz is, who it is for, how entries are checked and under which licences the software and data are published.',
    lead: 'Schutznetz helps you find the right specialised counselling centre against human trafficking: quickly, confidentially and without signing up. Schutznetz does not counsel people itself. It shows who does.',
    sections: [
      {
        h: 'Where Schutznetz comes from',
        body: [
          'Schutznetz grew out of the project “Flucht & Menschenhandel – Schutz- und Unterstützungsstrukturen für Frauen und Minderjährige” (flight and human trafficking – protection and support for women and minors) of the national network of specialised counselling centres.',
          'The project showed that among refugees there are people affected by human trafficking, before and during the asylum procedure. Women and minors in particular need protection. Whoever meets them must know quickly which counselling centre can help.',
        ],
      },
      {
        h: 'Who Schutznetz is for',
        body: [
          {
            ul: [
              'people who are or were exploited – in prostitution, at work, in begging, through forced crime or a forced marriage,',
              'people who support them: friends, family, volunteers,',
              'professionals, for example at the youth welfare office (Jugendamt), in refugee counselling, in reception centres and shelters, at the Federal Office for Migration and Refugees (BAMF), in the police, in medical practices and law firms.',
            ],
          },
        ],
      },
      {
        h: 'What the search does',
        body: [
          'You enter a postcode or a place, or choose a federal state. Schutznetz shows the counselling centres nearby, the nearest first, together with centres responsible for the whole state or the whole country, and services by phone or online.',
          'You can narrow the search:',
          {
            ul: [
              'who the counselling is for, for example women, men, minors, trans and non-binary people,',
              'which form of exploitation it is about,',
              'which language the counselling is in,',
              'what is accessible on site.',
            ],
          },
          'Some centres have a protected address. For those we only show the city.',
          'Counselling at the centres is free and confidential.',
        ],
      },
      {
        h: 'How entries are checked',
        body: [
          'The entries come from the network’s counselling centres. The network’s coordination office checks them before they appear and asks regularly whether they are still correct. The date of the last check is stored with every entry.',
          'Have you noticed a mistake? Please tell the coordination office.',
        ],
      },
      {
        h: 'Open software, open data',
        body: [
          'Schutznetz is free software under the EUPL-1.2 licence (European Union Public Licence). Anyone may use, inspect, change and share it, including other networks.',
          'The entries are also available in machine-readable form, in the Open Referral HSDS standard: [open data interface](/api/hsds/).',
        ],
      },
      {
        h: 'Sources of the geodata',
        body: [
          {
            ul: [
              'Postcodes, places and their coordinates: © GeoNames (geonames.org), licence [CC BY 4.0](https://creativecommons.org/licenses/by/4.0/). We shortened and combined the data.',
              'State borders on the map: © GeoBasis-DE / BKG (2021), [Data licence Germany – attribution – version 2.0](https://www.govdata.de/dl-de/by-2-0). We simplified the outlines.',
            ],
          },
        ],
      },
    ],
  },
};
