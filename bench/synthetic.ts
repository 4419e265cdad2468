/**
 * A synthetic directory of N services for load tests: deterministic (seeded),
 * spread over real German postcodes, with a realistic mix of target groups,
 * forms of exploitation, languages, accessibility, protected addresses,
 * services without a place, and services responsible for a whole state or
 * the whole country. None of it is real; ids live in their own namespace.
 */
import { derivedId } from '../src/features/directory/derived-id.ts';
import type { DirectoryEntry } from '../src/features/directory/entry.ts';
import {
  type ACCESSIBILITY_FEATURES,
  type EXPLOITATION_FORMS,
  SERVICE_LANGUAGES,
  type TARGET_GROUPS,
} from '../src/features/directory/taxonomies.ts';
import { loadPostcodeFile } from '../src/features/geo/postcodeData.ts';
import { lookupPostcode, type PostcodeMatch } from '../src/features/geo/postcodes.ts';
import type { StateCode } from '../src/features/geo/states.ts';
import { mulberry32, type Rng } from '../src/features/demo/prng.ts';

const BENCH_NAMESPACE = 'schutznetz:bench:v1';

/**
 * Every postcode of the vendored table that lookupPostcode resolves to a
 * place, in file order. Drawing uniformly from it spreads services roughly
 * like the population (dense cities have many postcodes).
 */
export function realPostcodes(): PostcodeMatch[] {
  const out: PostcodeMatch[] = [];
  for (const r of loadPostcodeFile()) {
    const hit = lookupPostcode(r.postcode);
    if (hit && hit.places.length > 0) out.push(hit);
  }
  if (out.length === 0) throw new Error('no postcodes in data/geo/de-postcodes.json');
  return out;
}

const weighted = <T extends string>(rng: Rng, odds: Record<T, number>): T[] =>
  (Object.entries(odds) as [T, number][]).filter(([, p]) => rng.chance(p)).map(([k]) => k);

// Chosen so that filters select realistic shares: most centres counsel women
// on sexual exploitation, fewer work with men, minors or forced marriage.
const TG_ODDS: Record<(typeof TARGET_GROUPS)[number], number> = {
  women: 0.8,
  men: 0.2,
  trans_nonbinary: 0.15,
  minors: 0.3,
  boys_young_men: 0.1,
  lgbtiq: 0.15,
};
const EX_ODDS: Record<(typeof EXPLOITATION_FORMS)[number], number> = {
  sexual: 0.85,
  labour: 0.5,
  begging: 0.1,
  forced_criminality: 0.15,
  forced_marriage: 0.25,
  organ_removal: 0.03,
};
const ACC_ODDS: Record<(typeof ACCESSIBILITY_FEATURES)[number], number> = {
  step_free: 0.4,
  accessible_toilet: 0.25,
  sign_language: 0.05,
  easy_language: 0.2,
};
/** Languages beyond German and English, commonest first (drawn with falling odds). */
const OTHER_LANGUAGES = SERVICE_LANGUAGES.filter((l) => l !== 'de' && l !== 'en');

const NAME_PATTERNS = [
  (p: string) => `Fachberatungsstelle gegen Menschenhandel ${p}`,
  (p: string) => `Fachberatung für Betroffene von Menschenhandel ${p}`,
  (p: string) => `Frauenberatungsstelle ${p}`,
  (p: string) => `Beratungsstelle für Migrantinnen ${p}`,
  (p: string) => `Fachstelle Arbeitsausbeutung ${p}`,
  (p: string) => `Mädchen- und Frauenberatung ${p}`,
];
const ORG_PATTERNS = [
  (p: string) => `Solidarität ${p} e.V.`,
  (p: string) => `Frauen helfen Frauen ${p} e.V.`,
  (p: string) => `Diakonisches Werk ${p}`,
  (p: string) => `Caritasverband ${p} e.V.`,
  (p: string) => `Beratungsnetz ${p} gGmbH`,
];
const SENTENCES = [
  'Wir beraten Betroffene von Menschenhandel und Ausbeutung vertraulich, kostenlos und auf Wunsch anonym.',
  'Die Beratung ist unabhängig vom Aufenthaltsstatus.',
  'Wir begleiten zu Behörden, Ärztinnen und Ärzten, zur Polizei und zu Gerichtsverfahren.',
  'Wir vermitteln sichere Unterkünfte und unterstützen bei der Sicherung des Lebensunterhalts.',
  'Dolmetscherinnen und Dolmetscher werden bei Bedarf hinzugezogen.',
  'Fachkräfte aus Jugendhilfe, Polizei und Beratung können sich an uns wenden.',
  'Wir unterstützen bei der Rückkehr ins Herkunftsland oder bei einem Neuanfang hier.',
  'Die Beratung findet in unseren Räumen, telefonisch, per Video oder aufsuchend statt.',
  'Wir informieren über Rechte als Opferzeugin, Entschädigung und Lohnansprüche.',
  'Minderjährige werden gemeinsam mit dem Jugendamt begleitet.',
];
const STREETS = [
  'Hauptstraße',
  'Bahnhofstraße',
  'Schulstraße',
  'Gartenstraße',
  'Lindenweg',
  'Kirchplatz',
  'Marktstraße',
];
/** Reserved "drama" number ranges (never assigned): synthetic data must not ring anyone. */
const NUMBER_PREFIXES = ['030 23125', '040 66969', '069 90009', '089 99998', '0221 4710'];
type Hours = DirectoryEntry['schedules'][number];
const HOURS: Omit<Hours, 'id'>[][] = [
  [
    { byday: ['MO', 'TU', 'TH'], opens_at: '09:00', closes_at: '16:00', description: null },
    { byday: ['FR'], opens_at: '09:00', closes_at: '13:00', description: null },
  ],
  [{ byday: ['TU', 'TH'], opens_at: '10:00', closes_at: '15:00', description: 'Offene Sprechstunde' }],
  [
    { byday: ['MO', 'TU', 'WE', 'TH', 'FR'], opens_at: '09:00', closes_at: '17:00', description: null },
    { byday: ['WE'], opens_at: '17:00', closes_at: '20:00', description: 'Abendsprechstunde' },
  ],
  [],
];

/** Fixed reference date: assured dates must not drift with the calendar. */
const REFERENCE_DAY = Date.UTC(2025, 0, 1);
const dayBefore = (days: number) => new Date(REFERENCE_DAY - days * 86_400_000).toISOString().slice(0, 10);

function status(rng: Rng): DirectoryEntry['service']['status'] {
  const x = rng.next();
  return x < 0.93 ? 'active' : x < 0.96 ? 'inactive' : x < 0.98 ? 'temporarily closed' : 'defunct';
}

/**
 * `count` entries drawn with seed `seed` from `postcodes`. Organisations run
 * one to four services, all in the organisation's state.
 */
export function syntheticEntries(
  count: number,
  postcodes: readonly PostcodeMatch[],
  seed = 20250101,
): DirectoryEntry[] {
  const rng = mulberry32(seed);
  const byState = new Map<StateCode, PostcodeMatch[]>();
  for (const p of postcodes) byState.set(p.state, [...(byState.get(p.state) ?? []), p]);

  const entries: DirectoryEntry[] = [];
  let orgIndex = 0;
  while (entries.length < count) {
    const home = rng.pick(postcodes);
    const homePlace = home.places[0]!;
    const orgId = derivedId(BENCH_NAMESPACE, `organization:${orgIndex}`);
    const organization: DirectoryEntry['organization'] = {
      id: orgId,
      name: rng.pick(ORG_PATTERNS)(homePlace),
      description: 'Synthetischer Eintrag für Lasttests.',
      email: `info-${orgIndex}@example.org`,
      website: `https://example.org/bench/org-${orgIndex}`,
      legal_status: 'eingetragener Verein',
      is_demo: false,
    };
    const x = rng.next();
    const services = x < 0.6 ? 1 : x < 0.85 ? 2 : x < 0.95 ? 3 : 4;
    for (let k = 0; k < services && entries.length < count; k++) {
      const i = entries.length;
      const at = k === 0 ? home : rng.pick(byState.get(home.state) ?? [home]);
      entries.push(service(rng, i, organization, at));
    }
    orgIndex++;
  }
  return entries;
}

function service(rng: Rng, i: number, organization: DirectoryEntry['organization'], at: PostcodeMatch): DirectoryEntry {
  const id = derivedId(BENCH_NAMESPACE, `service:${i}`);
  const city = at.places[0]!;
  const online = rng.chance(0.03);
  const protectedAddress = rng.chance(0.1);
  const areas: DirectoryEntry['areas'] = online
    ? [rng.chance(0.5) ? 'DE' : at.state]
    : rng.chance(0.02)
      ? ['DE']
      : rng.chance(0.12)
        ? [at.state]
        : [];
  const targetGroups = weighted(rng, TG_ODDS);
  const exploitation = weighted(rng, EX_ODDS);
  const extra = OTHER_LANGUAGES.filter((_, n) => rng.chance(0.35 / (1 + n / 3)));
  const languages = [...(rng.chance(0.97) ? ['de'] : []), ...(rng.chance(0.85) ? ['en'] : []), ...extra];
  const prefix = rng.pick(NUMBER_PREFIXES);
  const phones: DirectoryEntry['phones'] = [
    {
      id: derivedId(id, 'phone:0'),
      number: `${prefix} ${100 + rng.int(900)}`,
      type: 'voice',
      description: 'Beratung',
      languages: languages.slice(0, 2),
    },
  ];
  if (rng.chance(0.4))
    phones.push({
      id: derivedId(id, 'phone:1'),
      number: `${prefix} ${100 + rng.int(900)}`,
      type: 'fax',
      description: null,
      languages: [],
    });
  const minors = targetGroups.includes('minors');
  return {
    organization,
    service: {
      id,
      name: rng.pick(NAME_PATTERNS)(city),
      description: rng.sample(SENTENCES, 2 + rng.int(4)).join(' '),
      url: `https://example.org/bench/${i}`,
      email: `beratung-${i}@example.org`,
      status: status(rng),
      interpretation_services: rng.chance(0.6) ? 'Mit Dolmetscherinnen und Dolmetschern in weiteren Sprachen.' : null,
      application_process: 'Anrufen, schreiben oder vorbeikommen. Eine Beratung ist auch anonym möglich.',
      fees_description: 'Kostenlos und vertraulich.',
      eligibility_description: null,
      minimum_age: minors ? null : rng.chance(0.3) ? 18 : null,
      maximum_age: minors && rng.chance(0.5) ? 27 : null,
      assured_date: dayBefore(rng.int(700)),
      alert: rng.chance(0.02) ? 'Vom 1. bis 15. August nur telefonisch erreichbar.' : null,
      is_demo: false,
    },
    location: online
      ? null
      : {
          id: derivedId(id, 'location'),
          name: protectedAddress ? null : `Beratungsbüro ${city}`,
          // A few hundred metres around the postcode centroid, as real offices are.
          latitude: Math.round((at.lat + (rng.next() - 0.5) * 0.01) * 1e6) / 1e6,
          longitude: Math.round((at.lon + (rng.next() - 0.5) * 0.015) * 1e6) / 1e6,
          transportation: protectedAddress ? null : 'Bus und Bahn bis Haltestelle Markt',
          address_protected: protectedAddress,
          accessibility: null,
          address: {
            address_1: protectedAddress ? null : `${rng.pick(STREETS)} ${1 + rng.int(120)}`,
            postal_code: at.postcode,
            city,
            state_province: at.state,
            country: 'DE',
          },
        },
    phones,
    languages,
    schedules: rng.pick(HOURS).map((h, n) => ({ ...h, byday: [...h.byday], id: derivedId(id, `schedule:${n}`) })),
    areas,
    targetGroups: targetGroups.length > 0 ? targetGroups : ['women'],
    exploitation: exploitation.length > 0 ? exploitation : ['sexual'],
    accessibility: weighted(rng, ACC_ODDS),
  };
}
