/**
 * Tigrinya names of German cities, in Ge'ez (Ethiopic) script as they are
 * written in Eritrea: the state capitals and the largest cities. Where two
 * spellings are common (the German sound or the English name), both are
 * listed.
 */
import type { Exonym } from '../exonyms.ts';

export const EXONYMS_TI: readonly Exonym[] = [
  ['በርሊን', 'Berlin', 'DE-BE'],
  ['ሃምቡርግ', 'Hamburg', 'DE-HH'],
  ['ሙኒክ', 'München', 'DE-BY'],
  ['ሙንሸን', 'München', 'DE-BY'],
  ['ኮሎኝ', 'Köln', 'DE-NW'],
  ['ኮልን', 'Köln', 'DE-NW'],
  ['ፍራንክፈርት', 'Frankfurt am Main', 'DE-HE'],
  ['ሽቱትጋርት', 'Stuttgart', 'DE-BW'],
  ['ስቱትጋርት', 'Stuttgart', 'DE-BW'],
  ['ዱሰልዶርፍ', 'Düsseldorf', 'DE-NW'],
  ['ላይፕዚግ', 'Leipzig', 'DE-SN'],
  ['ዶርትሙንድ', 'Dortmund', 'DE-NW'],
  ['ኤሰን', 'Essen', 'DE-NW'],
  ['ብሬመን', 'Bremen', 'DE-HB'],
  ['ድረስደን', 'Dresden', 'DE-SN'],
  ['ሃኖቨር', 'Hannover', 'DE-NI'],
  ['ኑረምበርግ', 'Nürnberg', 'DE-BY'],
  ['ኑርንበርግ', 'Nürnberg', 'DE-BY'],
  ['ዱይስቡርግ', 'Duisburg', 'DE-NW'],
  ['ቦኹም', 'Bochum', 'DE-NW'],
  ['ቩፐርታል', 'Wuppertal', 'DE-NW'],
  ['ቢለፌልድ', 'Bielefeld', 'DE-NW'],
  ['ቦን', 'Bonn', 'DE-NW'],
  ['ሙንስተር', 'Münster', 'DE-NW'],
  ['ኪል', 'Kiel', 'DE-SH'],
  ['ሽቨሪን', 'Schwerin', 'DE-MV'],
  ['ፖትስዳም', 'Potsdam', 'DE-BB'],
  ['ማግደቡርግ', 'Magdeburg', 'DE-ST'],
  ['ኤርፉርት', 'Erfurt', 'DE-TH'],
  ['ቪስባደን', 'Wiesbaden', 'DE-HE'],
  ['ማይንዝ', 'Mainz', 'DE-RP'],
  ['ዛርብሩከን', 'Saarbrücken', 'DE-SL'],
];
