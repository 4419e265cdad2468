/**
 * English and French names of German cities (exonyms), for people who do
 * not know, or cannot type, the German one: "Munich", "Cologne", "Aix-la-
 * Chapelle". A small hand-kept table: the larger cities and the ones with a
 * name of their own in either language; a name that is the same in German
 * ("Berlin", "Leipzig") or differs only by its accents ("Dusseldorf",
 * "Lubeck": the loose key finds those) needs no row.
 *
 * A few official names the data writes shorter ride along ("Halle (Saale)").
 *
 * Each row names its place by the German name and state as in the postcode
 * data; building the place index fails when one of them is not found there,
 * so a data refresh cannot silently drop an exonym.
 */
import type { StateCode } from './states.ts';

/** [exonym, German name as in the data, state]. */
export type Exonym = readonly [exonym: string, german: string, state: StateCode];

export const EXONYMS: readonly Exonym[] = [
  // English (and French where the two agree)
  ['Munich', 'München', 'DE-BY'],
  ['Cologne', 'Köln', 'DE-NW'],
  ['Nuremberg', 'Nürnberg', 'DE-BY'],
  ['Hanover', 'Hannover', 'DE-NI'],
  ['Brunswick', 'Braunschweig', 'DE-NI'],
  ['Ratisbon', 'Regensburg', 'DE-BY'],
  ['Aix-la-Chapelle', 'Aachen', 'DE-NW'],
  ['Mayence', 'Mainz', 'DE-RP'],
  ['Coblenz', 'Koblenz', 'DE-RP'],
  ['Constance', 'Konstanz', 'DE-BW'],
  ['Hamelin', 'Hameln', 'DE-NI'],
  ['Heligoland', 'Helgoland', 'DE-SH'],
  ['Cassel', 'Kassel', 'DE-HE'],
  ['Treves', 'Trier', 'DE-RP'],
  // French
  ['Hanovre', 'Hannover', 'DE-NI'],
  ['Trèves', 'Trier', 'DE-RP'],
  ['Ratisbonne', 'Regensburg', 'DE-BY'],
  ['Brême', 'Bremen', 'DE-HB'],
  ['Hambourg', 'Hamburg', 'DE-HH'],
  ['Dresde', 'Dresden', 'DE-SN'],
  ['Francfort-sur-le-Main', 'Frankfurt am Main', 'DE-HE'],
  ['Francfort-sur-l’Oder', 'Frankfurt (Oder)', 'DE-BB'],
  ['Coblence', 'Koblenz', 'DE-RP'],
  ['Fribourg-en-Brisgau', 'Freiburg im Breisgau', 'DE-BW'],
  ['Sarrebruck', 'Saarbrücken', 'DE-SL'],
  ['Sarrelouis', 'Saarlouis', 'DE-SL'],
  ['Deux-Ponts', 'Zweibrücken', 'DE-RP'],
  ['Spire', 'Speyer', 'DE-RP'],
  ['Lunebourg', 'Lüneburg', 'DE-NI'],
  ['Wurtzbourg', 'Würzburg', 'DE-BY'],
  ['Augsbourg', 'Augsburg', 'DE-BY'],
  ['Magdebourg', 'Magdeburg', 'DE-ST'],
  ['Duisbourg', 'Duisburg', 'DE-NW'],
  ['Wolfsbourg', 'Wolfsburg', 'DE-NI'],
  ['Brandebourg-sur-la-Havel', 'Brandenburg an der Havel', 'DE-BB'],
  ['Iéna', 'Jena', 'DE-TH'],
  // Official names the postcode data shortens: it calls Halle (Saale) just "Halle", like three villages.
  ['Halle (Saale)', 'Halle', 'DE-ST'],
  ['Halle an der Saale', 'Halle', 'DE-ST'],
];
