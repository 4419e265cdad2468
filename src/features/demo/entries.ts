/**
 * Builds the demo directory: fictional counselling centres that let people try
 * the finder before the network's real data is imported. Deterministic: ids
 * are derived from a fixed namespace and each centre's key, coordinates come
 * from the vendored postcode table, phone numbers from ranges that can never
 * ring anyone (see `demoPhoneNumber`).
 */
import { derivedId } from '../directory/derived-id.ts';
import type { DirectoryEntry } from '../directory/entry.ts';
import { lookupPostcode } from '../geo/postcodes.ts';
import type { StateCode } from '../geo/states.ts';
import { TAXONOMIES, type TaxonomyName } from '../directory/taxonomies.ts';
import { DEMO_CENTRES, DEMO_ORGANIZATIONS, type DemoCentre, type HoursPattern } from './centres.ts';

/** Changing this changes every demo id: existing demo rows would then be left behind. */
export const DEMO_NAMESPACE = 'schutznetz:demo:v1';

/**
 * The fixed-network ranges the Bundesnetzagentur keeps free for films, books
 * and other media ("Drama Numbers", Mitteilung 148/2021, Amtsblatt 7/2021):
 * 1,000 numbers each, never assigned to a subscriber. Nobody answers them.
 */
const DRAMA_NUMBER_PREFIXES = ['030 23125', '040 66969', '069 90009', '089 99998', '0221 4710'] as const;
export const DRAMA_NUMBER_PATTERN = new RegExp(`^(${DRAMA_NUMBER_PREFIXES.join('|')}) \\d{3}$`);

/** The range a state's demo centres use: the nearest of the five cities. */
const RANGE_BY_STATE: Record<StateCode, (typeof DRAMA_NUMBER_PREFIXES)[number]> = {
  'DE-BE': '030 23125',
  'DE-BB': '030 23125',
  'DE-SN': '030 23125',
  'DE-ST': '030 23125',
  'DE-TH': '030 23125',
  'DE-HH': '040 66969',
  'DE-SH': '040 66969',
  'DE-HB': '040 66969',
  'DE-NI': '040 66969',
  'DE-MV': '040 66969',
  'DE-HE': '069 90009',
  'DE-RP': '069 90009',
  'DE-BY': '089 99998',
  'DE-BW': '089 99998',
  'DE-NW': '0221 4710',
  'DE-SL': '0221 4710',
};

/** A number from the reserved ranges; `line` (0–9) picks one of ten lines per centre. */
function demoPhoneNumber(state: StateCode | null, centreIndex: number, line: number): string {
  const prefix = state ? RANGE_BY_STATE[state] : '030 23125';
  const last = 100 + centreIndex * 10 + line;
  if (last > 999) throw new Error('demo phone numbers exhausted');
  return `${prefix} ${last}`;
}

type Hours = {
  byday: DirectoryEntry['schedules'][number]['byday'];
  opens_at: string;
  closes_at: string;
  description: string | null;
};

const HOURS: Record<HoursPattern, Hours[]> = {
  office: [
    { byday: ['MO', 'TU', 'TH'], opens_at: '09:00', closes_at: '16:00', description: null },
    { byday: ['WE'], opens_at: '13:00', closes_at: '18:00', description: null },
    { byday: ['FR'], opens_at: '09:00', closes_at: '13:00', description: null },
  ],
  short: [
    {
      byday: ['TU', 'TH'],
      opens_at: '10:00',
      closes_at: '15:00',
      description: 'Offene Sprechstunde, sonst nach Vereinbarung',
    },
  ],
  extended: [
    { byday: ['MO', 'TU', 'WE', 'TH', 'FR'], opens_at: '09:00', closes_at: '17:00', description: null },
    { byday: ['WE'], opens_at: '17:00', closes_at: '20:00', description: 'Abendsprechstunde' },
  ],
  appointment: [],
  hotline: [
    { byday: ['MO', 'TU', 'WE', 'TH', 'FR'], opens_at: '08:00', closes_at: '20:00', description: null },
    { byday: ['SA', 'SU'], opens_at: '10:00', closes_at: '16:00', description: 'Wochenende: Chat und Telefon' },
  ],
};

const STREETS = ['Beispielstraße', 'Musterweg', 'Am Beispielplatz', 'Erfundene Allee'];

/** YYYY-MM-DD of `today` minus `days`, in UTC so the date does not depend on the server's zone. */
function daysBefore(today: Date, days: number): string {
  const d = new Date(Date.UTC(today.getUTCFullYear(), today.getUTCMonth(), today.getUTCDate()) - days * 86_400_000);
  return d.toISOString().slice(0, 10);
}

function coordinatesOf(postcode: string, state: StateCode): { latitude: number; longitude: number } {
  const hit = lookupPostcode(postcode);
  if (!hit) throw new Error(`demo postcode ${postcode} is not in the postcode table`);
  if (hit.state !== state) throw new Error(`demo postcode ${postcode} lies in ${hit.state}, not ${state}`);
  return { latitude: hit.lat, longitude: hit.lon };
}

function description(c: DemoCentre, city: string | null): string {
  const where = city ? `in ${city}` : 'ohne festen Ort, für ganz Deutschland';
  return [
    `Beispieleintrag (Demo): Diese Fachberatungsstelle ${where} ist erfunden und dient nur zum Ausprobieren der Suche.`,
    c.note ?? '',
    c.protected ? 'Die Adresse ist geschützt; gezeigt wird nur die Stadt.' : '',
    'Die Telefonnummer stammt aus einem Bereich, den die Bundesnetzagentur für Filme und andere Medien freihält: Dort meldet sich niemand.',
  ]
    .filter(Boolean)
    .join(' ');
}

/** Code-point order, as PostgreSQL sorts uuids and ASCII codes (localeCompare would not). */
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** Terms in vocabulary order, languages by code: the order the database hands them back in. */
const inTaxonomyOrder = <T extends string>(t: TaxonomyName, codes: readonly T[]): T[] =>
  [...codes].sort(
    (a, b) => (TAXONOMIES[t] as readonly string[]).indexOf(a) - (TAXONOMIES[t] as readonly string[]).indexOf(b),
  );

function entryFor(c: DemoCentre, index: number, today: Date): DirectoryEntry {
  const org = DEMO_ORGANIZATIONS.find((o) => o.key === c.org);
  if (!org) throw new Error(`demo centre ${c.key}: unknown organisation ${c.org}`);
  const serviceId = derivedId(DEMO_NAMESPACE, `service:${c.key}`);
  const name = `Beispiel-Fachberatungsstelle ${c.name}`;
  const state = c.place?.state ?? null;
  const phones: DirectoryEntry['phones'] = [
    {
      id: derivedId(serviceId, 'phone:0'),
      number: demoPhoneNumber(state, index, 0),
      type: 'voice',
      description: c.hours === 'hotline' ? 'Beratungstelefon (Beispiel)' : 'Beratung und Terminvereinbarung (Beispiel)',
      languages: c.languages.filter((l) => ['de', 'en', 'fr', 'ar', 'ru'].includes(l)).sort(),
    },
  ];
  if (index % 3 === 0) {
    phones.push({
      id: derivedId(serviceId, 'phone:1'),
      number: demoPhoneNumber(state, index, 1),
      type: 'fax',
      description: null,
      languages: [],
    });
  }
  const location: DirectoryEntry['location'] = c.place
    ? {
        id: derivedId(serviceId, 'location'),
        name: c.protected ? null : `Beratungsbüro ${c.place.city} (Beispiel)`,
        ...coordinatesOf(c.place.postcode, c.place.state),
        transportation: c.protected ? null : 'Bus und Bahn bis Haltestelle Beispielplatz (erfunden)',
        address_protected: c.protected ?? false,
        accessibility: c.accessibility?.includes('step_free') ? 'Eingang ohne Stufen, Aufzug im Haus (Beispiel)' : null,
        address: {
          address_1: c.protected ? null : `${STREETS[index % STREETS.length]} ${index + 1}`,
          postal_code: c.place.postcode,
          city: c.place.city,
          state_province: c.place.state,
          country: 'DE',
        },
      }
    : null;
  phones.sort((a, b) => byText(a.id, b.id));
  return {
    organization: {
      id: derivedId(DEMO_NAMESPACE, `organization:${org.key}`),
      name: org.name,
      description: `Beispieleintrag (Demo): erfundene Mitgliedsorganisation. ${org.focus}.`,
      email: `info-${org.key}@example.org`,
      website: `https://example.org/demo/verein-${org.key}`,
      legal_status: 'eingetragener Verein (erfunden)',
      is_demo: true,
    },
    service: {
      id: serviceId,
      name,
      description: description(c, c.place?.city ?? null),
      url: `https://example.org/demo/${c.key}`,
      email: `beratung-${c.key}@example.org`,
      status: c.status ?? 'active',
      interpretation_services: 'Für weitere Sprachen arbeiten wir mit Dolmetscherinnen und Dolmetschern (Beispiel).',
      application_process: c.place
        ? 'Anrufen, schreiben oder mit einer Fachkraft vorbeikommen. Eine Beratung ist auch anonym möglich.'
        : 'Chat, E-Mail oder Telefon. Sie müssen Ihren Namen nicht nennen.',
      fees_description: 'Kostenlos und vertraulich.',
      eligibility_description: null,
      minimum_age: c.minimumAge ?? null,
      maximum_age: c.maximumAge ?? null,
      assured_date: daysBefore(today, c.assuredDaysAgo),
      alert: c.alert ?? null,
      is_demo: true,
    },
    location,
    phones,
    languages: [...c.languages].sort(),
    schedules: HOURS[c.hours]
      .map((h, i) => ({ id: derivedId(serviceId, `schedule:${i}`), ...h, byday: [...h.byday] }))
      .sort((a, b) => byText(a.opens_at, b.opens_at) || byText(a.id, b.id)),
    areas: [...(c.areas ?? [])],
    targetGroups: inTaxonomyOrder('target_group', c.targetGroups),
    exploitation: inTaxonomyOrder('exploitation', c.exploitation),
    accessibility: inTaxonomyOrder('accessibility', c.accessibility ?? []),
  };
}

/**
 * All demo entries. Ids, names, places and numbers are the same on every
 * call; only `assured_date` moves with `today`, so that the mix of recently
 * verified and overdue (> 12 months) entries stays the same over the years.
 */
export function demoEntries(today: Date = new Date()): DirectoryEntry[] {
  return DEMO_CENTRES.map((c, i) => entryFor(c, i, today));
}
