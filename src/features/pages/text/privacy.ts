/**
 * Datenschutzhinweise. Every statement here must stay true of the code:
 * no cookies (security-headers.ts strips them), no third-party requests (CSP
 * 'self'), request logs with method, route pattern, status and timing only
 * (logging.ts), pages sent with no-store and no-referrer. Change this text
 * when any of that changes.
 */
import type { ProseText } from '../Prose.tsx';

export type PrivacyText = ProseText & {
  controllerFallback: string;
  dpo: string;
  logRetention: string;
  exitTarget: string;
};

export const privacy: { de: PrivacyText; en: PrivacyText } = {
  de: {
    title: 'Datenschutz',
    description: 'Welche Daten entstehen, wenn Sie Schutznetz nutzen – und welche nicht.',
    lead: 'Hier steht, welche Daten entstehen, wenn Sie Schutznetz nutzen, und welche nicht. Kurz gesagt: Schutznetz will so wenig wie möglich über Sie wissen.',
    sections: [
      {
        h: 'Das Wichtigste in Kürze',
        body: [
          {
            ul: [
              'Keine Cookies auf den öffentlichen Seiten.',
              'Keine Anfragen an andere Websites: keine fremden Schriften, Karten, Videos oder Statistik-Dienste.',
              'Ihre Suchen werden nicht gespeichert. Es gibt keine Liste „zuletzt gesucht“.',
              'Keine IP-Adressen und keine Suchbegriffe in den Protokollen des Servers.',
              'Kein Konto und keine Anmeldung.',
            ],
          },
        ],
      },
      {
        h: 'Verantwortlich',
        id: 'controller',
        body: ['Verantwortlich für die Verarbeitung von Daten auf dieser Website ist:'],
      },
      {
        h: 'Was Ihr Browser trotzdem sendet',
        body: [
          'Bei jedem Aufruf sendet Ihr Browser technische Angaben mit. Das lässt sich nicht vermeiden:',
          {
            ul: [
              'Ihre IP-Adresse – ohne sie kann der Server nicht antworten,',
              'die Adresse der Seite, bei einer Suche mit dem Suchbegriff, zum Beispiel der Postleitzahl,',
              'Name und Version von Browser und Betriebssystem (User-Agent),',
              'Ihre bevorzugten Sprachen (Accept-Language).',
            ],
          },
          'Schutznetz nutzt diese Angaben nur, um Ihnen die Seite zu schicken, und speichert sie nicht. Rechtsgrundlage ist Art. 6 Abs. 1 Buchst. f DSGVO: Ohne diese kurze Verarbeitung kann keine Website funktionieren.',
          'Wenn Sie von Schutznetz auf eine andere Website gehen, erfährt diese nicht, von welcher Seite Sie kommen: Schutznetz schickt keine Herkunftsangabe (Referrer) mit.',
        ],
      },
      {
        h: 'Protokolle des Servers',
        id: 'logs',
        body: [
          'Der Server schreibt zu jeder Anfrage eine Zeile: Zeitpunkt, Art der Anfrage, welche Art von Seite gefragt war (zum Beispiel „Suche“, ohne den Suchbegriff), ob es geklappt hat und wie lange es gedauert hat. Das brauchen wir, um Fehler und Angriffe zu erkennen.',
          'Nicht im Protokoll stehen: Ihre IP-Adresse, Ihre Suchbegriffe, die vollständige Adresse der Seite und Angaben zu Ihrem Browser.',
          'Ist vor Schutznetz ein weiterer Server geschaltet, zum Beispiel beim Hosting-Anbieter, kann dieser eigene Protokolle führen. Dafür ist der Betreiber verantwortlich.',
        ],
      },
      {
        h: 'Suche und Zwischenspeicher',
        body: [
          'Die Suche läuft ganz auf unserem Server. Ihre Eingabe wird nur benutzt, um die Ergebnisse zu berechnen, und danach verworfen.',
          'Die Seiten bitten Browser und Zwischenspeicher, keine Kopie zu behalten. In der Liste der besuchten Seiten (Verlauf) Ihres Browsers steht die Adresse trotzdem. Was Sie dagegen tun können, steht unter [Sicher surfen](safety).',
        ],
      },
      {
        h: 'Der Schnellausstieg',
        id: 'exit',
        body: [
          'Der Knopf „Seite schnell verlassen“ öffnet eine andere Website. Diese sieht Ihren Besuch wie jeden anderen, erfährt aber nicht, dass Sie von Schutznetz kommen.',
        ],
      },
      {
        h: 'Einträge der Beratungsstellen',
        body: [
          'Die Einträge enthalten Angaben über Organisationen, etwa Anschrift, Telefonnummer und E-Mail-Adresse einer Beratungsstelle. Sie sind öffentlich und auch über die offene Schnittstelle abrufbar. Namen einzelner Beschäftigter enthält das Verzeichnis nicht.',
        ],
      },
      {
        h: 'Ihre Rechte',
        id: 'rights',
        body: [
          'Nach der Datenschutz-Grundverordnung (DSGVO) haben Sie das Recht auf Auskunft, Berichtigung, Löschung, Einschränkung der Verarbeitung und Widerspruch (Art. 15 bis 21 DSGVO).',
          'Weil Schutznetz über Besucherinnen und Besucher nichts speichert, gibt es in aller Regel keine Daten über Sie, die wir herausgeben oder löschen könnten.',
          'Sie können sich bei einer Aufsichtsbehörde für den Datenschutz beschweren (Art. 77 DSGVO), zum Beispiel in Ihrem Bundesland.',
        ],
      },
    ],
    controllerFallback:
      'Die Koordinierungsstelle des Netzwerks der Fachberatungsstellen, das diese Installation von Schutznetz betreibt',
    dpo: 'Datenschutzbeauftragte Stelle: {{dpo}}',
    logRetention: 'Aufbewahrung der Protokolle: {{retention}}',
    exitTarget: 'Derzeit führt der Knopf zu: {{host}}',
  },
  en: {
    title: 'Privacy',
    description: 'Which data arise when you use Schutznetz – and which do not.',
    lead: 'This page explains which data arise when you use Schutznetz, and which do not. In short: Schutznetz wants to know as little about you as possible.',
    sections: [
      {
        h: 'The main points',
        body: [
          {
            ul: [
              'No cookies on the public pages.',
              'No requests to other websites: no external fonts, maps, videos or statistics services.',
              'Your searches are not stored. There is no list of “recent searches”.',
              'No IP addresses and no search terms in the server logs.',
              'No account and no sign-in.',
            ],
          },
        ],
      },
      {
        h: 'Controller',
        id: 'controller',
        body: ['Responsible for the processing of data on this website is:'],
      },
      {
        h: 'What your browser sends anyway',
        body: [
          'With every request your browser sends technical details. This cannot be avoided:',
          {
            ul: [
              'your IP address – without it the server cannot answer,',
              'the address of the page, which for a search includes the search term, for example the postcode,',
              'name and version of your browser and operating system (user agent),',
              'your preferred languages (Accept-Language).',
            ],
          },
          'Schutznetz uses these details only to send you the page and does not store them. The legal basis is Art. 6(1)(f) GDPR: no website can work without this brief processing.',
          'When you go from Schutznetz to another website, that site does not learn which page you came from: Schutznetz sends no referrer.',
        ],
      },
      {
        h: 'Server logs',
        id: 'logs',
        body: [
          'The server writes one line per request: the time, the kind of request, which kind of page was asked for (for example “search”, without the search term), whether it worked and how long it took. We need this to notice errors and attacks.',
          'Not in the log: your IP address, your search terms, the full address of the page and details of your browser.',
          'If another server is placed in front of Schutznetz, for example at the hosting provider, it may keep its own logs. The operator is responsible for that.',
        ],
      },
      {
        h: 'Search and caching',
        body: [
          'The search runs entirely on our server. What you enter is used only to work out the results and is then discarded.',
          'The pages ask browsers and caches not to keep a copy. The address still appears in your browser’s list of visited pages (history). What you can do about it is explained under [Browse safely](safety).',
        ],
      },
      {
        h: 'The quick exit',
        id: 'exit',
        body: [
          'The “Leave this page quickly” button opens another website. That site sees your visit like any other, but does not learn that you came from Schutznetz.',
        ],
      },
      {
        h: 'Entries of counselling centres',
        body: [
          'The entries contain details about organisations, such as the address, phone number and e-mail address of a counselling centre. They are public and also available through the open data interface. The directory contains no names of individual staff.',
        ],
      },
      {
        h: 'Your rights',
        id: 'rights',
        body: [
          'Under the General Data Protection Regulation (GDPR) you have the right of access, rectification, erasure, restriction of processing and objection (Art. 15 to 21 GDPR).',
          'Because Schutznetz stores nothing about its visitors, there are as a rule no data about you that we could hand over or delete.',
          'You can complain to a data protection supervisory authority (Art. 77 GDPR), for example the one in your federal state.',
        ],
      },
    ],
    controllerFallback:
      'The coordination office of the network of counselling centres that runs this installation of Schutznetz',
    dpo: 'Data protection officer: {{dpo}}',
    logRetention: 'How long logs are kept: {{retention}}',
    exitTarget: 'At the moment the button leads to: {{host}}',
  },
};
