/**
 * French names of the state capitals and the largest German cities, where
 * they differ from German. Most of them are in the shared table too; a
 * repeated row adds nothing twice.
 */
import type { Exonym } from '../exonyms.ts';

export const EXONYMS_FR: readonly Exonym[] = [
  ['Hambourg', 'Hamburg', 'DE-HH'],
  ['Munich', 'München', 'DE-BY'],
  ['Cologne', 'Köln', 'DE-NW'],
  ['Francfort-sur-le-Main', 'Frankfurt am Main', 'DE-HE'],
  ['Francfort', 'Frankfurt am Main', 'DE-HE'],
  ['Brême', 'Bremen', 'DE-HB'],
  ['Dresde', 'Dresden', 'DE-SN'],
  ['Hanovre', 'Hannover', 'DE-NI'],
  ['Nuremberg', 'Nürnberg', 'DE-BY'],
  ['Duisbourg', 'Duisburg', 'DE-NW'],
  ['Magdebourg', 'Magdeburg', 'DE-ST'],
  ['Mayence', 'Mainz', 'DE-RP'],
  ['Sarrebruck', 'Saarbrücken', 'DE-SL'],
];
