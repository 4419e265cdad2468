/** "Sicher surfen": how to use the site with less risk of being noticed, and the limits of that. */
import type { ProseText } from '../Prose.tsx';

export const safety: { de: ProseText; en: ProseText } = {
  de: {
    title: 'Sicher surfen',
    description:
      'Schnellausstieg, privates Fenster, Verlauf löschen, Spionage-Apps: wie Sie diese Seite mit weniger Risiko nutzen.',
    lead: 'Vielleicht kontrolliert jemand Ihr Handy oder Ihren Computer. Hier steht, was Sie tun können, damit Ihr Besuch weniger auffällt. Keiner dieser Schritte schützt vollständig. Vertrauen Sie Ihrem Gefühl.',
    sections: [
      {
        h: 'Der Schnellausstieg',
        body: [
          'Oben auf jeder Seite steht der rote Knopf „Seite schnell verlassen“. Er öffnet sofort eine unverdächtige andere Website.',
          'Mit der Tastatur geht es auch: Drücken Sie innerhalb von 5 Sekunden drei Mal die Umschalttaste (Shift).',
          'Ist JavaScript eingeschaltet, wird die Seite dabei sofort weiß. Die Zurück-Taste führt dann nicht auf die zuletzt gezeigte Seite zurück.',
          '**Wichtig:** Der Schnellausstieg löscht Ihren Verlauf nicht. Andere Seiten von Schutznetz, die Sie vorher geöffnet haben, bleiben im Verlauf und hinter der Zurück-Taste.',
        ],
      },
      {
        h: 'Privat surfen',
        body: [
          'Öffnen Sie Schutznetz am besten in einem privaten Fenster. Es heißt je nach Browser „Privates Fenster“, „Inkognito-Modus“ oder „InPrivate“.',
          'Wenn Sie das private Fenster schließen, vergisst der Browser den Verlauf dieses Fensters.',
          'Unsichtbar sind Sie damit nicht. Ihr Internetanbieter, das WLAN einer Unterkunft oder eines Arbeitgebers und Spionage-Apps auf dem Gerät können trotzdem sehen, welche Seiten Sie öffnen.',
        ],
      },
      {
        h: 'Verlauf löschen auf geteilten Geräten',
        body: [
          'Ohne privates Fenster können Sie den Verlauf danach löschen. Sie finden das meist in den Einstellungen des Browsers unter „Verlauf“ oder „Datenschutz“.',
          'Die Adresse einer Ergebnisseite enthält Ihre Suche, zum Beispiel die Postleitzahl. Auch sie steht im Verlauf.',
          {
            ul: [
              'Ein ganz leerer Verlauf kann auffallen. Unauffälliger ist es oft, nur die Einträge von Schutznetz zu löschen.',
              'Denken Sie an Lesezeichen und an Links, die Sie in Nachrichten geteilt haben.',
              'Melden Sie sich an einem geteilten Gerät nicht mit Ihrem Konto bei Google, Apple oder Microsoft an: Der Verlauf kann sonst auf andere Geräte übertragen werden.',
            ],
          },
        ],
      },
      {
        h: 'Spionage-Apps auf dem Handy',
        body: [
          'Manche Menschen installieren heimlich Apps auf dem Handy einer anderen Person. Solche Apps heißen Spyware oder Stalkerware. Sie können Nachrichten mitlesen, den Bildschirm sehen und zeigen, wo das Handy gerade ist.',
          'Mögliche Hinweise:',
          {
            ul: [
              'Jemand weiß Dinge, die er eigentlich nicht wissen kann.',
              'Jemand hatte Ihr Handy in der Hand oder kennt Ihre PIN.',
              'Es gibt Apps, die Sie nicht kennen, oder der Akku ist plötzlich sehr schnell leer.',
            ],
          },
          'Wenn Sie so etwas vermuten, nutzen Sie lieber ein anderes Gerät. Löschen Sie eine solche App nicht sofort: Die andere Person kann das bemerken. Eine Beratungsstelle überlegt mit Ihnen, was für Sie sicher ist.',
        ],
      },
      {
        h: 'Ein anderes Gerät benutzen',
        body: [
          'Am sichersten ist ein Gerät, an das die Person, vor der Sie Angst haben, nicht herankommt. Zum Beispiel:',
          {
            ul: [
              'das Handy einer Freundin oder eines Freundes, der Sie vertrauen,',
              'ein Computer in einer Bibliothek, in einem Internetcafé oder in einer Beratungsstelle,',
              'ein Gerät in der Schule oder bei der Arbeit, wenn dort niemand mitliest.',
            ],
          },
          'Schließen Sie an einem fremden Gerät am Ende alle Fenster.',
        ],
      },
      {
        h: 'Anrufen',
        body: [
          'Jeder Anruf steht in der Anrufliste Ihres Handys, auch ein Anruf bei einer kostenlosen Nummer.',
          {
            ul: [
              'Rufen Sie wenn möglich von einem anderen Telefon an, zum Beispiel von dem einer Vertrauensperson.',
              'Löschen Sie sonst den Anruf aus der Anrufliste.',
              'Sagen Sie der Beratungsstelle, ob sie Sie zurückrufen darf, wann das passt und ob sie eine Nachricht hinterlassen darf.',
            ],
          },
        ],
      },
      {
        h: 'Was Schutznetz selbst tut',
        body: [
          {
            ul: [
              'Schutznetz setzt keine Cookies.',
              'Schutznetz lädt nichts von anderen Websites: keine Schriften, keine Karten, keine Statistik-Dienste.',
              'Ihre Suchen werden nicht gespeichert. Die Protokolle des Servers enthalten keine IP-Adressen und keine Suchbegriffe.',
              'Die Seiten bitten den Browser, sie nicht zwischenzuspeichern.',
            ],
          },
          'Trotzdem ist keine Website völlig sicher. Was auf Ihrem Gerät und in Ihrem Netzwerk passiert, können wir nicht sehen und nicht verhindern. Mehr dazu steht im [Datenschutz](privacy).',
        ],
      },
      {
        h: 'In Gefahr?',
        body: ['Wenn Sie in akuter Gefahr sind, rufen Sie die Polizei: [110](tel:110).'],
      },
    ],
  },
  en: {
    title: 'Browse safely',
    description: 'Quick exit, private windows, clearing your history, spyware: how to use this site with less risk.',
    lead: 'Someone may be checking your phone or computer. This page explains what you can do so that your visit is less likely to be noticed. None of these steps protects you completely. Trust your instincts.',
    sections: [
      {
        h: 'The quick exit',
        body: [
          'At the top of every page there is a red button, “Leave this page quickly”. It opens a harmless other website straight away.',
          'You can also use the keyboard: press the Shift key three times within 5 seconds.',
          'If JavaScript is on, the page turns white at once, and the Back button does not take you to the page you were just looking at.',
          '**Important:** the quick exit does not delete your history. Other Schutznetz pages you opened before stay in the history and behind the Back button.',
        ],
      },
      {
        h: 'Private browsing',
        body: [
          'If you can, open Schutznetz in a private window. Depending on the browser it is called “Private window”, “Incognito mode” or “InPrivate”.',
          'When you close the private window, the browser forgets the history of that window.',
          'It does not make you invisible. Your internet provider, the Wi-Fi of a shelter or an employer, and spyware on the device can still see which pages you open.',
        ],
      },
      {
        h: 'Clearing the history on shared devices',
        body: [
          'If you did not use a private window, you can delete the history afterwards. It is usually in the browser settings under “History” or “Privacy”.',
          'The address of a results page contains your search, for example the postcode. It is in the history too.',
          {
            ul: [
              'A completely empty history can attract attention. It is often less noticeable to delete only the Schutznetz entries.',
              'Remember bookmarks and links you shared in messages.',
              'Do not sign in to your Google, Apple or Microsoft account on a shared device: your history could be copied to other devices.',
            ],
          },
        ],
      },
      {
        h: 'Spyware on phones',
        body: [
          'Some people secretly install apps on another person’s phone. These apps are called spyware or stalkerware. They can read messages, see the screen and show where the phone is.',
          'Possible signs:',
          {
            ul: [
              'Someone knows things they cannot really know.',
              'Someone has had your phone in their hands or knows your PIN.',
              'There are apps you do not recognise, or the battery suddenly runs down very fast.',
            ],
          },
          'If you suspect this, use a different device. Do not delete such an app straight away: the other person may notice. A counselling centre can help you work out what is safe for you.',
        ],
      },
      {
        h: 'Using another device',
        body: [
          'The safest device is one the person you are afraid of cannot get to. For example:',
          {
            ul: [
              'the phone of a friend you trust,',
              'a computer in a library, an internet café or a counselling centre,',
              'a device at school or at work, if nobody there reads along.',
            ],
          },
          'On someone else’s device, close all windows when you are done.',
        ],
      },
      {
        h: 'Calling',
        body: [
          'Every call appears in your phone’s call list, even calls to free numbers.',
          {
            ul: [
              'If you can, call from another phone, for example one belonging to someone you trust.',
              'Otherwise delete the call from the call list.',
              'Tell the counselling centre whether they may call you back, when it suits you, and whether they may leave a message.',
            ],
          },
        ],
      },
      {
        h: 'What Schutznetz does itself',
        body: [
          {
            ul: [
              'Schutznetz sets no cookies.',
              'Schutznetz loads nothing from other websites: no fonts, no maps, no statistics services.',
              'Your searches are not stored. The server logs contain no IP addresses and no search terms.',
              'The pages ask the browser not to keep a copy of them.',
            ],
          },
          'Even so, no website is completely safe. We cannot see or prevent what happens on your device and in your network. There is more in the [privacy notice](privacy).',
        ],
      },
      {
        h: 'In danger?',
        body: ['If you are in immediate danger, call the police: [110](tel:110).'],
      },
    ],
  },
};
