/**
 * The demo centres that document cases, with their sizes and profiles. Each
 * profile follows what the centre's directory entry says it does
 * (centres.json): a centre for men and boys counsels men and boys, one whose
 * first form of exploitation is labour sees more labour exploitation. Sizes
 * are skewed like a real network's: a few large centres in the big cities,
 * many small ones.
 */
import { DEMO_CENTRES, type DemoCentre } from '../centres.ts';
import { demoCentreId } from '../network.ts';
import type { CentreProfile, GeneratorCentre } from './generator.ts';

/** The documenting demo centres and their relative sizes (the largest first). */
const DOCUMENTING: readonly (readonly [key: string, weight: number])[] = [
  ['berlin-mitte', 10],
  ['hamburg', 8],
  ['muenchen', 7],
  ['koeln', 6],
  ['frankfurt', 5],
  ['stuttgart', 4],
  ['dortmund', 3.5],
  ['leipzig', 3],
  ['hannover', 3],
  ['essen', 2.5],
  ['nuernberg', 2],
  ['bremen', 2],
  ['muenchen-jungen', 1.5],
  ['freiburg', 1.5],
  ['cottbus', 1],
  ['kiel', 1],
];

function profileOf(c: DemoCentre): CentreProfile {
  const groups = new Set<string>(c.targetGroups);
  const boys = groups.has('boys_young_men');
  return {
    male: boys ? 0.85 : groups.has('men') ? 0.35 : 0.1,
    minors: boys ? 0.45 : groups.has('minors') ? 0.15 : 0.07,
    labour: c.exploitation[0] === 'labour' ? 1.2 : 0,
  };
}

/** The generator's centres for the demo network, with the ids the demo stores them under. */
export function demoCaseCentres(): GeneratorCentre[] {
  return DOCUMENTING.map(([key, weight]) => {
    const c = DEMO_CENTRES.find((x) => x.key === key);
    if (!c) throw new Error(`demo cases: no demo centre ${key} in centres.json`);
    return { id: demoCentreId(key), weight, profile: profileOf(c) };
  });
}
