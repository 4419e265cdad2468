/**
 * Romanian names of the state capitals and the largest German cities, where
 * they differ from German (the others are written as in German).
 */
import type { Exonym } from '../exonyms.ts';

export const EXONYMS_RO: readonly Exonym[] = [
  ['Colonia', 'Köln', 'DE-NW'],
  ['Dresda', 'Dresden', 'DE-SN'],
  ['Hanovra', 'Hannover', 'DE-NI'],
  ['Frankfurt pe Main', 'Frankfurt am Main', 'DE-HE'],
];
