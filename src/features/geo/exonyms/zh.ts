/**
 * Chinese (simplified) names of the state capitals and the largest cities,
 * as Chinese readers know and type them. Frankfurt is commonly written
 * without its river (法兰克福), so both forms are listed.
 */
import type { Exonym } from '../exonyms.ts';

export const EXONYMS_ZH: readonly Exonym[] = [
  ['柏林', 'Berlin', 'DE-BE'],
  ['汉堡', 'Hamburg', 'DE-HH'],
  ['慕尼黑', 'München', 'DE-BY'],
  ['科隆', 'Köln', 'DE-NW'],
  ['法兰克福', 'Frankfurt am Main', 'DE-HE'],
  ['美因河畔法兰克福', 'Frankfurt am Main', 'DE-HE'],
  ['斯图加特', 'Stuttgart', 'DE-BW'],
  ['杜塞尔多夫', 'Düsseldorf', 'DE-NW'],
  ['莱比锡', 'Leipzig', 'DE-SN'],
  ['多特蒙德', 'Dortmund', 'DE-NW'],
  ['埃森', 'Essen', 'DE-NW'],
  ['不来梅', 'Bremen', 'DE-HB'],
  ['德累斯顿', 'Dresden', 'DE-SN'],
  ['汉诺威', 'Hannover', 'DE-NI'],
  ['纽伦堡', 'Nürnberg', 'DE-BY'],
  ['杜伊斯堡', 'Duisburg', 'DE-NW'],
  ['波鸿', 'Bochum', 'DE-NW'],
  ['伍珀塔尔', 'Wuppertal', 'DE-NW'],
  ['比勒费尔德', 'Bielefeld', 'DE-NW'],
  ['波恩', 'Bonn', 'DE-NW'],
  ['明斯特', 'Münster', 'DE-NW'],
  ['基尔', 'Kiel', 'DE-SH'],
  ['什未林', 'Schwerin', 'DE-MV'],
  ['波茨坦', 'Potsdam', 'DE-BB'],
  ['马格德堡', 'Magdeburg', 'DE-ST'],
  ['爱尔福特', 'Erfurt', 'DE-TH'],
  ['威斯巴登', 'Wiesbaden', 'DE-HE'],
  ['美因茨', 'Mainz', 'DE-RP'],
  ['萨尔布吕肯', 'Saarbrücken', 'DE-SL'],
];
