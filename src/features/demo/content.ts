/**
 * The demo's site content: news posts in every category (one scheduled a
 * week ahead, so the demo shows that it stays hidden until then) and every
 * page the coordination office edits, in German and, where the office would
 * write one, English. The legal notice names an invented association and
 * says that it is demo data. Written once: a post whose id exists and a
 * page that already has a revision are left as the office changed them.
 */
import { setScopeSettings, type Tx } from '../../platform/db/tenant.ts';
import { readOfficeContact, saveOfficeContact } from '../../platform/office-contact/queries.ts';
import {
  addPageRevision,
  createPost,
  pageState,
  postById,
  publishPage,
  publishPost,
  type NewsLocale,
  type PageKey,
} from '../site-content/queries.ts';

const DAY = 24 * 60 * 60_000;

type DemoPost = {
  id: string;
  slug: string;
  locale: NewsLocale;
  category: string;
  daysFromNow: number;
  title: string;
  summary: string;
  body: string;
};

const POSTS: DemoPost[] = [
  {
    id: '5e0c7a10-0000-4000-8000-000000000001',
    slug: 'fachtag-arbeitsausbeutung',
    locale: 'de',
    category: 'veranstaltungen',
    daysFromNow: -20,
    title: 'Fachtag: Arbeitsausbeutung erkennen',
    summary: 'Beratungsstellen, Behörden und Gewerkschaften tauschten sich zu Anzeichen von Arbeitsausbeutung aus.',
    body: [
      'Rund achtzig Fachleute kamen zum diesjährigen Fachtag des Netzwerks zusammen.',
      '',
      '## Was besprochen wurde',
      '',
      '- Anzeichen von Ausbeutung in Saisonarbeit und Paketzustellung',
      '- Wege in die Beratung für Menschen ohne Deutschkenntnisse',
      '- Zusammenarbeit mit Zoll und Arbeitsschutz',
      '',
      'Die Unterlagen stehen auf der Seite [für Fachleute](/de/professionals) bereit.',
    ].join('\n'),
  },
  {
    id: '5e0c7a10-0000-4000-8000-000000000002',
    slug: 'neue-beratungsstelle-im-netzwerk',
    locale: 'de',
    category: 'netzwerk',
    daysFromNow: -9,
    title: 'Eine neue Beratungsstelle im Netzwerk',
    summary: 'Das Netzwerk wächst: eine weitere Fachberatungsstelle ist dazugekommen.',
    body: 'Mit der neuen Stelle ist das Netzwerk in **einem weiteren Bundesland** vertreten. Ihre Angebote stehen im [Verzeichnis](/de/).',
  },
  {
    id: '5e0c7a10-0000-4000-8000-000000000003',
    slug: 'stellungnahme-opferschutz',
    locale: 'de',
    category: 'politik',
    daysFromNow: -3,
    title: 'Stellungnahme zum Opferschutz im Strafverfahren',
    summary: 'Das Netzwerk fordert eine verlässliche psychosoziale Prozessbegleitung für alle Betroffenen.',
    body: [
      'Betroffene von Menschenhandel brauchen im Strafverfahren Schutz und Begleitung.',
      '',
      '> Wer aussagt, darf dadurch nicht in Gefahr geraten.',
      '',
      'Die Stellungnahme fasst die Erfahrungen der Beratungsstellen zusammen.',
    ].join('\n'),
  },
  {
    id: '5e0c7a10-0000-4000-8000-000000000004',
    slug: 'network-annual-meeting',
    locale: 'en',
    category: 'netzwerk',
    daysFromNow: -1,
    title: 'Annual meeting of the network',
    summary: 'The counselling centres met to agree on the priorities for the coming year.',
    body: 'The centres agreed to focus on **outreach in more languages** and on training for the people who first meet those affected.',
  },
  {
    id: '5e0c7a10-0000-4000-8000-000000000005',
    slug: 'jahresbericht-vorschau',
    locale: 'de',
    category: 'presse',
    daysFromNow: 7,
    title: 'Der Jahresbericht erscheint',
    summary: 'Nächste Woche veröffentlicht das Netzwerk seinen Jahresbericht (geplanter Beitrag).',
    body: 'Dieser Beitrag ist geplant und wird erst zu seinem Termin öffentlich sichtbar.',
  },
];

const PAGES: { key: PageKey; locale: NewsLocale; title: string; body: string }[] = [
  {
    key: 'about-network',
    locale: 'de',
    title: 'Über das Netzwerk',
    body: [
      'Im Netzwerk arbeiten Fachberatungsstellen gegen Menschenhandel aus ganz Deutschland zusammen. Eine Koordinierungsstelle verbindet sie.',
      '',
      '## Was das Netzwerk tut',
      '',
      '- Beratung und Begleitung von Betroffenen, vertraulich und kostenlos',
      '- Fortbildungen für Fachleute aus Behörden, Kliniken und Sozialarbeit',
      '- gemeinsame Stellungnahmen und eine anonyme Statistik',
      '',
      '## Wer dazugehört',
      '',
      'Die Beratungsstellen stehen im [Verzeichnis](/de/). Die Zahlen des Netzwerks finden Sie in der [Statistik](/de/statistics).',
    ].join('\n'),
  },
  {
    key: 'about-network',
    locale: 'en',
    title: 'About the network',
    body: [
      'The network brings together specialist counselling centres against human trafficking from all over Germany, connected by a coordination office.',
      '',
      '## What the network does',
      '',
      '- counselling and support for those affected, confidential and free of charge',
      '- training for professionals in public authorities, clinics and social work',
      '- joint statements and anonymous statistics',
    ].join('\n'),
  },
  {
    key: 'contact',
    locale: 'de',
    title: 'Kontakt',
    body: [
      'Die Koordinierungsstelle beantwortet Fragen zum Netzwerk, zu Fortbildungen und für die Presse.',
      '',
      '**Brauchen Sie selbst Hilfe?** Dann wenden Sie sich bitte direkt an eine [Beratungsstelle](/de/) in Ihrer Nähe oder an die Notrufnummern oben auf jeder Seite.',
      '',
      '## Koordinierungsstelle (Demo)',
      '',
      'Beispielstraße 1, 10115 Berlin',
    ].join('\n'),
  },
  {
    key: 'contact',
    locale: 'en',
    title: 'Contact',
    body: [
      'The coordination office answers questions about the network, training and press enquiries.',
      '',
      '**Do you need help yourself?** Please contact a [counselling centre](/en/) near you directly, or the emergency numbers at the top of every page.',
    ].join('\n'),
  },
  {
    key: 'support',
    locale: 'de',
    title: 'Unterstützen und spenden',
    body: [
      'Spenden helfen den Beratungsstellen, Betroffene dort zu begleiten, wo keine Förderung greift: Dolmetschen, Fahrtkosten, Notunterkünfte.',
      '',
      '## Spendenkonto (Demo)',
      '',
      '- Empfänger: Demo-Netzwerk e. V.',
      '- IBAN: DE00 0000 0000 0000 0000 00 (erfundene Demo-Angabe)',
      '- Verwendungszweck: Spende Netzwerk',
      '',
      'Diese Seite nimmt keine Zahlungen an; sie nennt nur die Bankverbindung.',
    ].join('\n'),
  },
  {
    key: 'funders',
    locale: 'de',
    title: 'Förderer',
    body: [
      'Die Arbeit der Koordinierungsstelle wird öffentlich gefördert. (Demo: die folgenden Förderer sind erfunden.)',
      '',
      '- Beispielministerium für Familie und Soziales',
      '- Stiftung Musterhilfe',
    ].join('\n'),
  },
  {
    key: 'imprint',
    locale: 'de',
    title: 'Impressum',
    body: [
      '**Demo-Daten:** Dies ist eine Demonstrationsinstallation. Alle Angaben auf dieser Seite sind erfunden.',
      '',
      '## Angaben nach § 5 DDG',
      '',
      'Demo-Netzwerk e. V.  ',
      'Beispielstraße 1  ',
      '10115 Berlin',
      '',
      'Vertreten durch den Vorstand: Erika Beispiel, Max Muster (erfunden)',
      '',
      'Registergericht: Amtsgericht Beispielstadt, VR 00000 (erfunden)',
      '',
      '## Verantwortlich für den Inhalt nach § 18 Abs. 2 MStV',
      '',
      'Erika Beispiel, Anschrift wie oben',
      '',
      'Nachrichten an die Koordinierungsstelle erreichen sie über die Seite [Kontakt](/de/contact).',
    ].join('\n'),
  },
];

/** Write the demo's posts and pages (in the admin scope, which the content tables' policies admit). */
const DEMO_OFFICE_CONTACT = {
  name: 'Koordinierungsstelle des Netzwerks (Demo)',
  addressLines: ['Musterstraße 1', '10115 Berlin'],
  phone: '+49 30 0000000',
};

export async function writeDemoContent(trx: Tx, now: Date): Promise<void> {
  await setScopeSettings(trx, { kind: 'admin' });
  const who = { actorId: null, at: now };
  for (const p of POSTS) {
    if (await postById(trx, p.id)) continue;
    const created = new Date(now.getTime() + Math.min(p.daysFromNow, 0) * DAY);
    const meta = { slug: p.slug, locale: p.locale, category: p.category };
    await createPost(trx, meta, { title: p.title, summary: p.summary, body: p.body }, { ...who, at: created }, p.id);
    const rev = (await postById(trx, p.id))!.latest.id;
    await publishPost(trx, p.id, rev, new Date(now.getTime() + p.daysFromNow * DAY));
  }
  for (const page of PAGES) {
    if ((await pageState(trx, page.key, page.locale)).latest) continue;
    const rev = await addPageRevision(trx, page.key, page.locale, { title: page.title, body: page.body }, who);
    await publishPage(trx, page.key, page.locale, rev, now);
  }
  // The footer's contact block: invented, like the legal notice's details.
  if (!(await readOfficeContact(trx))) await saveOfficeContact(trx, DEMO_OFFICE_CONTACT, who);
}
