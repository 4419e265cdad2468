/**
 * Hungarian names of the state capitals and the largest German cities, where
 * they differ from German (the others are written as in German).
 */
import type { Exonym } from '../exonyms.ts';

export const EXONYMS_HU: readonly Exonym[] = [
  ['Lipcse', 'Leipzig', 'DE-SN'],
  ['Drezda', 'Dresden', 'DE-SN'],
  ['Bréma', 'Bremen', 'DE-HB'],
  ['Majna-Frankfurt', 'Frankfurt am Main', 'DE-HE'],
];
