/**
 * Persian-script names (Dari and Farsi) of the larger German cities and the
 * state capitals, with the spellings people commonly type, so a search in
 * Persian script finds the German place.
 */
import type { Exonym } from '../exonyms.ts';

export const EXONYMS_FA: readonly Exonym[] = [
  ['برلین', 'Berlin', 'DE-BE'],
  ['هامبورگ', 'Hamburg', 'DE-HH'],
  ['مونیخ', 'München', 'DE-BY'],
  ['مونشن', 'München', 'DE-BY'],
  ['کلن', 'Köln', 'DE-NW'],
  ['کلنی', 'Köln', 'DE-NW'],
  ['فرانکفورت', 'Frankfurt am Main', 'DE-HE'],
  ['اشتوتگارت', 'Stuttgart', 'DE-BW'],
  ['اشتوتگارد', 'Stuttgart', 'DE-BW'],
  ['دوسلدورف', 'Düsseldorf', 'DE-NW'],
  ['لایپزیگ', 'Leipzig', 'DE-SN'],
  ['دورتموند', 'Dortmund', 'DE-NW'],
  ['اسن', 'Essen', 'DE-NW'],
  ['برمن', 'Bremen', 'DE-HB'],
  ['درسدن', 'Dresden', 'DE-SN'],
  ['هانوفر', 'Hannover', 'DE-NI'],
  ['هانوور', 'Hannover', 'DE-NI'],
  ['نورنبرگ', 'Nürnberg', 'DE-BY'],
  ['دویسبورگ', 'Duisburg', 'DE-NW'],
  ['بوخوم', 'Bochum', 'DE-NW'],
  ['ووپرتال', 'Wuppertal', 'DE-NW'],
  ['بیله‌فلد', 'Bielefeld', 'DE-NW'],
  ['بیلفلد', 'Bielefeld', 'DE-NW'],
  ['بن', 'Bonn', 'DE-NW'],
  ['مونستر', 'Münster', 'DE-NW'],
  ['کیل', 'Kiel', 'DE-SH'],
  ['شورین', 'Schwerin', 'DE-MV'],
  ['پوتسدام', 'Potsdam', 'DE-BB'],
  ['ماگدبورگ', 'Magdeburg', 'DE-ST'],
  ['ارفورت', 'Erfurt', 'DE-TH'],
  ['ویسبادن', 'Wiesbaden', 'DE-HE'],
  ['ماینتس', 'Mainz', 'DE-RP'],
  ['ماینز', 'Mainz', 'DE-RP'],
  ['زاربروکن', 'Saarbrücken', 'DE-SL'],
  ['ساربروکن', 'Saarbrücken', 'DE-SL'],
];
