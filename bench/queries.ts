/**
 * The search requests the load test rotates through: what people type into
 * the finder. Mostly postcodes from all over Germany, some place names, a few
 * state-only searches; about 40 % with filters, a few second pages, some in
 * English. Only queries the resolver turns into a real search are kept, so
 * the cheap "which place did you mean?" page never flatters the figures.
 */
import { TARGET_GROUPS } from '../src/features/directory/taxonomies.ts';
import { resolveLocation, type PostcodeMatch } from '../src/features/geo/postcodes.ts';
import { STATES } from '../src/features/geo/states.ts';
import { mulberry32, type Rng } from '../src/features/demo/prng.ts';

const PLACES = [
  'Berlin',
  'Hamburg',
  'München',
  'Köln',
  'Frankfurt am Main',
  'Stuttgart',
  'Düsseldorf',
  'Leipzig',
  'Dortmund',
  'Essen',
  'Bremen',
  'Dresden',
  'Hannover',
  'Nürnberg',
  'Duisburg',
  'Bochum',
  'Wuppertal',
  'Bielefeld',
  'Bonn',
  'Münster',
  'Mannheim',
  'Karlsruhe',
  'Augsburg',
  'Wiesbaden',
  'Kiel',
  'Rostock',
  'Erfurt',
  'Magdeburg',
  'Saarbrücken',
  'Potsdam',
  'Schwerin',
  'Mainz',
  'Freiburg im Breisgau',
  'Regensburg',
  'Passau',
  'Flensburg',
  'Görlitz',
  'Trier',
  'Göttingen',
  'Kassel',
  'Cottbus',
  'Stralsund',
  'Ulm',
  'Würzburg',
  'Osnabrück',
  'Oldenburg',
];

const LANG_FILTERS = ['ar', 'fr', 'ro', 'bg', 'uk', 'ru', 'vi', 'ti', 'fa', 'hu'];
const EX_FILTERS = ['sexual', 'labour', 'forced_marriage', 'begging', 'forced_criminality'];

function withFilters(rng: Rng, p: URLSearchParams): void {
  if (!rng.chance(0.4)) return;
  const x = rng.next();
  if (x < 0.4) p.append('tg', rng.pick(['women', 'women', 'minors', 'men', 'trans_nonbinary'] as const));
  if (x > 0.25 && x < 0.7) p.append('ex', rng.pick(EX_FILTERS));
  if (x > 0.55) p.append('lang', rng.pick(LANG_FILTERS));
  if (rng.chance(0.1)) p.append('acc', 'step_free');
  if (rng.chance(0.05)) for (const tg of rng.sample(TARGET_GROUPS, 2)) p.append('tg', tg);
}

export type BenchQuery = { path: string; kind: 'postcode' | 'place' | 'state' };

/** About `count` query paths (deterministic for a seed). */
export function searchQueries(postcodes: readonly PostcodeMatch[], count = 200, seed = 7): BenchQuery[] {
  const rng = mulberry32(seed);
  const out: BenchQuery[] = [];
  const add = (kind: BenchQuery['kind'], p: URLSearchParams) => {
    withFilters(rng, p);
    if (rng.chance(0.08)) p.set('page', '2');
    const locale = rng.chance(0.2) ? 'en' : 'de';
    out.push({ kind, path: `/${locale}/search?${p.toString()}` });
  };
  const places = PLACES.filter((name) => resolveLocation(name).kind === 'place');
  const nStates = Math.round(count * 0.1);
  const nPlaces = Math.min(places.length, Math.round(count * 0.2));
  for (let i = 0; i < count - nStates - nPlaces; i++)
    add('postcode', new URLSearchParams({ q: rng.pick(postcodes).postcode }));
  for (const name of rng.sample(places, nPlaces)) add('place', new URLSearchParams({ q: name }));
  for (let i = 0; i < nStates; i++) add('state', new URLSearchParams({ state: rng.pick(STATES).code }));
  // Interleave kinds so every stretch of the run sees the same mix.
  return rng.sample(out, out.length);
}
