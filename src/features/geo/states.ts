/**
 * The 16 German federal states (Länder): codes, keys, names and URL slugs.
 *
 * This is the single source of these facts: scripts/vendor-geodata.ts copies
 * them into data/geo/de-states.json next to the outlines, so the map and the
 * pages can never disagree about a state's code or slug.
 */

/** ISO 3166-2 codes of the 16 states, in the order of their German names. */
export const STATE_CODES = [
  'DE-BW',
  'DE-BY',
  'DE-BE',
  'DE-BB',
  'DE-HB',
  'DE-HH',
  'DE-HE',
  'DE-MV',
  'DE-NI',
  'DE-NW',
  'DE-RP',
  'DE-SL',
  'DE-SN',
  'DE-ST',
  'DE-SH',
  'DE-TH',
] as const;

/** ISO 3166-2 code of a German federal state, e.g. `'DE-BY'`. */
export type StateCode = (typeof STATE_CODES)[number];

/** One federal state. */
export type StateInfo = {
  /** ISO 3166-2 code. */
  readonly code: StateCode;
  /** Two-digit Amtlicher Regionalschlüssel (ARS) as used by official statistics and BKG geodata. */
  readonly ars: string;
  /** Official German short name, e.g. "Bayern". */
  readonly nameDe: string;
  /** Usual English name, e.g. "Bavaria". */
  readonly nameEn: string;
  /** ASCII URL segment derived from the German name (umlauts spelled out), e.g. "baden-wuerttemberg". */
  readonly slug: string;
};

/** All 16 states, ordered by German name (the order people expect in a list). */
export const STATES: readonly StateInfo[] = [
  { code: 'DE-BW', ars: '08', nameDe: 'Baden-Württemberg', nameEn: 'Baden-Württemberg', slug: 'baden-wuerttemberg' },
  { code: 'DE-BY', ars: '09', nameDe: 'Bayern', nameEn: 'Bavaria', slug: 'bayern' },
  { code: 'DE-BE', ars: '11', nameDe: 'Berlin', nameEn: 'Berlin', slug: 'berlin' },
  { code: 'DE-BB', ars: '12', nameDe: 'Brandenburg', nameEn: 'Brandenburg', slug: 'brandenburg' },
  { code: 'DE-HB', ars: '04', nameDe: 'Bremen', nameEn: 'Bremen', slug: 'bremen' },
  { code: 'DE-HH', ars: '02', nameDe: 'Hamburg', nameEn: 'Hamburg', slug: 'hamburg' },
  { code: 'DE-HE', ars: '06', nameDe: 'Hessen', nameEn: 'Hesse', slug: 'hessen' },
  {
    code: 'DE-MV',
    ars: '13',
    nameDe: 'Mecklenburg-Vorpommern',
    nameEn: 'Mecklenburg-Western Pomerania',
    slug: 'mecklenburg-vorpommern',
  },
  { code: 'DE-NI', ars: '03', nameDe: 'Niedersachsen', nameEn: 'Lower Saxony', slug: 'niedersachsen' },
  {
    code: 'DE-NW',
    ars: '05',
    nameDe: 'Nordrhein-Westfalen',
    nameEn: 'North Rhine-Westphalia',
    slug: 'nordrhein-westfalen',
  },
  { code: 'DE-RP', ars: '07', nameDe: 'Rheinland-Pfalz', nameEn: 'Rhineland-Palatinate', slug: 'rheinland-pfalz' },
  { code: 'DE-SL', ars: '10', nameDe: 'Saarland', nameEn: 'Saarland', slug: 'saarland' },
  { code: 'DE-SN', ars: '14', nameDe: 'Sachsen', nameEn: 'Saxony', slug: 'sachsen' },
  { code: 'DE-ST', ars: '15', nameDe: 'Sachsen-Anhalt', nameEn: 'Saxony-Anhalt', slug: 'sachsen-anhalt' },
  { code: 'DE-SH', ars: '01', nameDe: 'Schleswig-Holstein', nameEn: 'Schleswig-Holstein', slug: 'schleswig-holstein' },
  { code: 'DE-TH', ars: '16', nameDe: 'Thüringen', nameEn: 'Thuringia', slug: 'thueringen' },
];

const byCode = new Map<string, StateInfo>(STATES.map((s) => [s.code, s]));
const bySlug = new Map<string, StateInfo>(STATES.map((s) => [s.slug, s]));

/** Type guard: is `code` one of the 16 ISO codes? Accepts any string so request input can be checked directly. */
export function isStateCode(code: string): code is StateCode {
  return byCode.has(code);
}

/** The state with this ISO code, or `undefined` for anything else (codes are case-sensitive: `'DE-BY'`). */
export function stateByCode(code: string): StateInfo | undefined {
  return byCode.get(code);
}

/** The state with this URL slug (e.g. `'nordrhein-westfalen'`), or `undefined`. */
export function stateBySlug(slug: string): StateInfo | undefined {
  return bySlug.get(slug);
}
