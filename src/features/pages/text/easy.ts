/**
 * Leichte Sprache (German) and an English easy-read version. Rules followed:
 * one statement per sentence, short sentences, no passive, hard words
 * explained where they first appear, numbers as digits, long compound words
 * split with the Mediopunkt so they can be read in parts.
 */
import type { ProseText } from '../Prose.tsx';

export const easy: { de: ProseText; en: ProseText } = {
  de: {
    title: 'Schutznetz in Leichter Sprache',
    description: 'Was ist Schutznetz? Wie finde ich Hilfe? Erklärt in Leichter Sprache.',
    lead: 'Hier erklären wir Schutznetz in Leichter Sprache.',
    sections: [
      {
        h: 'Was ist Schutznetz?',
        body: [
          'Schutznetz ist eine Internet·seite.',
          'Auf der Internet·seite finden Sie Hilfe bei Menschen·handel.',
          'Menschen·handel heißt:',
          'Jemand zwingt einen Menschen zu etwas.',
          'Und jemand verdient Geld damit.',
          'Zum Beispiel:',
          {
            ul: [
              'Eine Frau muss Sex gegen Geld haben. Sie will das nicht.',
              'Ein Mann muss sehr viel arbeiten. Er bekommt fast kein Geld.',
              'Ein Mädchen soll heiraten. Sie will das nicht.',
              'Ein Kind muss auf der Straße betteln.',
            ],
          },
          'Das ist verboten.',
        ],
      },
      {
        h: 'Wer hilft?',
        body: [
          'Es gibt besondere Beratungs·stellen.',
          'Sie heißen: Fach·beratungs·stellen.',
          'Dort arbeiten Menschen.',
          'Die Menschen kennen sich mit Menschen·handel gut aus.',
          'Sie hören Ihnen zu.',
          'Sie helfen Ihnen.',
          'Die Beratung kostet kein Geld.',
          'Die Beratung ist vertraulich.',
          'Vertraulich heißt: Die Beratungs·stelle spricht mit Ihnen ab, was sie weiter·sagt.',
          'Viele Beratungs·stellen sprechen viele Sprachen.',
          'Oder eine andere Person übersetzt für Sie.',
        ],
      },
      {
        h: 'So finden Sie eine Beratungs·stelle',
        body: [
          {
            ol: [
              'Gehen Sie auf die [Start·seite](/de/).',
              'Schreiben Sie Ihre Post·leit·zahl in das Feld. Oder schreiben Sie den Namen von Ihrem Ort.',
              'Drücken Sie auf den Knopf: Beratungs·stellen finden.',
              'Jetzt sehen Sie Beratungs·stellen in Ihrer Nähe.',
              'Rufen Sie eine Beratungs·stelle an. Oder schreiben Sie eine E-Mail.',
            ],
          },
          'Sie suchen eine Beratungs·stelle nur für Frauen? Oder nur für Kinder?',
          'Dann drücken Sie auf: Suche eingrenzen.',
        ],
      },
      {
        h: 'Sicher sein',
        body: [
          'Vielleicht schaut eine andere Person auf Ihr Handy.',
          'Oben auf jeder Seite ist ein roter Knopf.',
          'Auf dem Knopf steht: Seite schnell verlassen.',
          'Drücken Sie auf den Knopf.',
          'Dann sehen Sie sofort eine andere Internet·seite.',
          'Aber: Im Verlauf sieht man trotzdem, dass Sie hier waren.',
          'Verlauf heißt: Das Handy merkt sich die Internet·seiten, die Sie angeschaut haben.',
          'Mehr dazu steht auf der Seite [Sicher surfen](/de/safety).',
        ],
      },
      {
        h: 'Schnelle Hilfe',
        body: [
          'Sie sind in Gefahr?',
          'Rufen Sie die Polizei an: [110](tel:110).',
          'Sie sind eine Frau und brauchen Hilfe?',
          'Rufen Sie das Hilfe·telefon an: [116 016](tel:116016).',
          'Das Hilfe·telefon ist immer da: am Tag und in der Nacht.',
          'Der Anruf kostet kein Geld.',
          'Sie sind ein Kind oder ein Jugendlicher?',
          'Rufen Sie die Nummer gegen Kummer an: [116 111](tel:116111).',
        ],
      },
    ],
  },
  en: {
    title: 'Schutznetz in easy English',
    description: 'What is Schutznetz? How do I find help? Explained in easy English.',
    lead: 'Here we explain Schutznetz in easy English.',
    sections: [
      {
        h: 'What is Schutznetz?',
        body: [
          'Schutznetz is a website.',
          'On this website you find help against human trafficking.',
          'Human trafficking means:',
          'Someone forces a person to do something.',
          'And someone makes money from it.',
          'For example:',
          {
            ul: [
              'A woman has to have sex for money. She does not want to.',
              'A man has to work very hard. He gets almost no money.',
              'A girl has to marry. She does not want to.',
              'A child has to beg in the street.',
            ],
          },
          'This is against the law.',
        ],
      },
      {
        h: 'Who helps?',
        body: [
          'There are special advice centres.',
          'They are called: counselling centres.',
          'People work there.',
          'These people know a lot about human trafficking.',
          'They listen to you.',
          'They help you.',
          'The help is free.',
          'The help is confidential.',
          'Confidential means: the centre talks with you about what it tells other people.',
          'Many centres speak many languages.',
          'Or another person translates for you.',
        ],
      },
      {
        h: 'How to find a counselling centre',
        body: [
          {
            ol: [
              'Go to the [start page](/en/).',
              'Write your postcode in the box. Or write the name of your town.',
              'Press the button: Find counselling centres.',
              'Now you see counselling centres near you.',
              'Call a centre. Or write an e-mail.',
            ],
          },
          'You want a centre only for women? Or only for children?',
          'Then press: Narrow the search.',
        ],
      },
      {
        h: 'Staying safe',
        body: [
          'Maybe another person looks at your phone.',
          'At the top of every page there is a red button.',
          'The button says: Leave this page quickly.',
          'Press the button.',
          'Then you see another website at once.',
          'But: the history still shows that you were here.',
          'History means: your phone remembers the websites you looked at.',
          'You can read more on the page [Browse safely](/en/safety).',
        ],
      },
      {
        h: 'Help right now',
        body: [
          'Are you in danger?',
          'Call the police: [110](tel:110).',
          'Are you a woman and need help?',
          'Call the helpline: [116 016](tel:116016).',
          'The helpline is always there: day and night.',
          'The call is free.',
          'Are you a child or a young person?',
          'Call the helpline for children: [116 111](tel:116111).',
        ],
      },
    ],
  },
};
