/**
 * The fictional counselling centres and member organisations of the demo
 * directory, as a compact table. entries.ts turns each row into a full
 * DirectoryEntry. Everything here is invented: names, streets, people's
 * situations. Only the cities and postcodes are real, so that the finder's
 * place search and map can be tried out.
 */
import type { ServiceStatus } from '../../platform/db/schema.ts';
import type { StateCode } from '../geo/states.ts';
import type { AccessibilityFeature, ExploitationForm, ServiceLanguage, TargetGroup } from '../directory/taxonomies.ts';

export type DemoOrganization = { key: string; name: string; focus: string };

/** Opening-hour patterns; see entries.ts for the concrete times. */
export type HoursPattern = 'office' | 'short' | 'extended' | 'appointment' | 'hotline';

export type DemoCentre = {
  /** Stable key: the service id is derived from it, so never rename one. */
  key: string;
  org: string;
  /** Null for services that work only online or by phone. */
  place: { postcode: string; city: string; state: StateCode } | null;
  name: string;
  targetGroups: TargetGroup[];
  exploitation: ExploitationForm[];
  languages: ServiceLanguage[];
  accessibility?: AccessibilityFeature[];
  hours: HoursPattern;
  /** Shelter-like centres publish only their city. */
  protected?: boolean;
  /** Responsible beyond its own city: its whole state, or all of Germany. */
  areas?: (StateCode | 'DE')[];
  status?: ServiceStatus;
  alert?: string;
  /** Days before "today" the entry was last verified; over 365 means overdue. */
  assuredDaysAgo: number;
  minimumAge?: number;
  maximumAge?: number;
  /** One extra sentence for the description. */
  note?: string;
};

const p = (postcode: string, city: string, state: StateCode) => ({ postcode, city, state });

export const DEMO_ORGANIZATIONS: DemoOrganization[] = [
  { key: 'nordlicht', name: 'Beispielverein Nordlicht e.V. (Demo)', focus: 'Beratung für Frauen in Norddeutschland' },
  { key: 'hafenlotsinnen', name: 'Beispielverein Hafenlotsinnen e.V. (Demo)', focus: 'Beratung und Begleitung in Bremen' },
  { key: 'brueckenschlag', name: 'Beispielverein Brückenschlag Berlin e.V. (Demo)', focus: 'Beratung für Frauen und Mädchen in Berlin' },
  { key: 'havelufer', name: 'Beispielverein Havelufer e.V. (Demo)', focus: 'Beratung im Land Brandenburg' },
  { key: 'elbsandstein', name: 'Beispielverein Elbsandstein e.V. (Demo)', focus: 'Beratung in Sachsen' },
  { key: 'mittelland', name: 'Beispielverein Mittelland e.V. (Demo)', focus: 'Beratung in Sachsen-Anhalt' },
  { key: 'thueringer-wald', name: 'Beispielverein Thüringer Wald e.V. (Demo)', focus: 'Beratung in Thüringen' },
  { key: 'ostseewind', name: 'Beispielverein Ostseewind e.V. (Demo)', focus: 'Beratung in Mecklenburg-Vorpommern' },
  { key: 'rheinbogen', name: 'Beispielverein Rheinbogen e.V. (Demo)', focus: 'Beratung im Rheinland' },
  { key: 'ruhr-solidarisch', name: 'Beispielverein Ruhr solidarisch e.V. (Demo)', focus: 'Beratung im Ruhrgebiet' },
  { key: 'teutoburger-netz', name: 'Beispielverein Teutoburger Netz e.V. (Demo)', focus: 'Beratung in Ostwestfalen und im Osnabrücker Land' },
  { key: 'mainbruecke', name: 'Beispielverein Mainbrücke e.V. (Demo)', focus: 'Beratung im Rhein-Main-Gebiet' },
  { key: 'nordhessen', name: 'Beispielverein Nordhessen e.V. (Demo)', focus: 'Beratung in Nordhessen' },
  { key: 'isarlicht', name: 'Beispielverein Isarlicht e.V. (Demo)', focus: 'Beratung in Oberbayern' },
  { key: 'frankenbruecke', name: 'Beispielverein Frankenbrücke e.V. (Demo)', focus: 'Beratung in Franken' },
  { key: 'lechufer', name: 'Beispielverein Lechufer e.V. (Demo)', focus: 'Beratung in Schwaben' },
  { key: 'neckarufer', name: 'Beispielverein Neckarufer e.V. (Demo)', focus: 'Beratung in Württemberg und Nordbaden' },
  { key: 'schwarzwald', name: 'Beispielverein Schwarzwald e.V. (Demo)', focus: 'Beratung in Baden' },
  { key: 'saarschleife', name: 'Beispielverein Saarschleife e.V. (Demo)', focus: 'Beratung im Saarland' },
  { key: 'moselbogen', name: 'Beispielverein Moselbogen e.V. (Demo)', focus: 'Beratung in Rheinland-Pfalz' },
  { key: 'evangelische-hilfe', name: 'Beispielverein Evangelische Hilfe e.V. (Demo)', focus: 'Beratung in Niedersachsen' },
  { key: 'frauenhilfe-sh', name: 'Beispielverein Frauenhilfe Holstein e.V. (Demo)', focus: 'Beratung in Schleswig-Holstein' },
  { key: 'jungenarbeit', name: 'Beispielverein Jungenarbeit e.V. (Demo)', focus: 'Beratung für Jungen und junge Männer' },
  { key: 'regenbogen', name: 'Beispielverein Regenbogen e.V. (Demo)', focus: 'Beratung für LSBTIQ* Personen' },
  { key: 'faire-arbeit', name: 'Beispielverein Faire Arbeit e.V. (Demo)', focus: 'Beratung bei Arbeitsausbeutung' },
  { key: 'online-beratung', name: 'Beispielverein Online-Beratung e.V. (Demo)', focus: 'Bundesweite Beratung online und am Telefon' },
];

/** West African languages: Nigerian clients are the largest group in the network's data. */
const WEST_AFRICA: ServiceLanguage[] = ['yo', 'ig', 'pcm', 'edo'];

export const DEMO_CENTRES: DemoCentre[] = [
  // Baden-Württemberg
  { key: 'stuttgart', org: 'neckarufer', place: p('70173', 'Stuttgart', 'DE-BW'), name: 'Stuttgart', targetGroups: ['women'], exploitation: ['sexual', 'labour'], languages: ['de', 'en', 'ro', 'bg', 'hu'], accessibility: ['step_free', 'accessible_toilet'], hours: 'office', assuredDaysAgo: 40 },
  { key: 'mannheim', org: 'neckarufer', place: p('68161', 'Mannheim', 'DE-BW'), name: 'Mannheim', targetGroups: ['women', 'trans_nonbinary'], exploitation: ['sexual'], languages: ['de', 'en', 'ro', 'bg'], hours: 'short', protected: true, assuredDaysAgo: 410 },
  { key: 'freiburg', org: 'schwarzwald', place: p('79098', 'Freiburg im Breisgau', 'DE-BW'), name: 'Freiburg', targetGroups: ['women', 'minors'], exploitation: ['sexual', 'forced_marriage'], languages: ['de', 'fr', 'en', 'ar', ...WEST_AFRICA], accessibility: ['step_free'], hours: 'office', assuredDaysAgo: 95 },
  { key: 'karlsruhe', org: 'schwarzwald', place: p('76133', 'Karlsruhe', 'DE-BW'), name: 'Karlsruhe – Arbeit und Ausbeutung', targetGroups: ['men', 'women'], exploitation: ['labour', 'forced_criminality'], languages: ['de', 'en', 'pl', 'ro', 'bg'], hours: 'extended', assuredDaysAgo: 150 },
  // Bayern
  { key: 'muenchen', org: 'isarlicht', place: p('80331', 'München', 'DE-BY'), name: 'München', targetGroups: ['women', 'minors'], exploitation: ['sexual', 'forced_marriage'], languages: ['de', 'en', 'fr', ...WEST_AFRICA], accessibility: ['step_free', 'accessible_toilet', 'easy_language'], hours: 'office', assuredDaysAgo: 20 },
  { key: 'muenchen-jungen', org: 'jungenarbeit', place: p('80336', 'München', 'DE-BY'), name: 'München – Anlaufstelle für Jungen und junge Männer', targetGroups: ['boys_young_men', 'lgbtiq'], exploitation: ['sexual'], languages: ['de', 'en', 'ro', 'bg', 'hu'], hours: 'extended', assuredDaysAgo: 75, minimumAge: 14, maximumAge: 27 },
  { key: 'nuernberg', org: 'frankenbruecke', place: p('90402', 'Nürnberg', 'DE-BY'), name: 'Nürnberg', targetGroups: ['women', 'minors'], exploitation: ['sexual', 'labour', 'begging'], languages: ['de', 'en', 'ro', 'bg', 'hu', 'vi', 'zh'], hours: 'office', areas: ['DE-BY'], assuredDaysAgo: 200, note: 'Sie berät auch Fachkräfte aus ganz Bayern.' },
  { key: 'augsburg', org: 'lechufer', place: p('86150', 'Augsburg', 'DE-BY'), name: 'Augsburg', targetGroups: ['women'], exploitation: ['sexual'], languages: ['de', 'en', 'es', 'pt'], hours: 'short', status: 'temporarily closed', alert: 'Beispiel: Wegen Umzugs vorübergehend geschlossen. Bitte wenden Sie sich an die Beispiel-Fachberatungsstelle München.', assuredDaysAgo: 30 },
  // Berlin
  { key: 'berlin-mitte', org: 'brueckenschlag', place: p('10117', 'Berlin', 'DE-BE'), name: 'Berlin-Mitte', targetGroups: ['women', 'trans_nonbinary'], exploitation: ['sexual', 'forced_criminality'], languages: ['de', 'en', 'fr', 'ru', 'uk', 'vi'], accessibility: ['step_free', 'accessible_toilet', 'sign_language'], hours: 'extended', assuredDaysAgo: 12 },
  { key: 'berlin-kreuzberg', org: 'brueckenschlag', place: p('10961', 'Berlin', 'DE-BE'), name: 'Berlin – Schutz vor Zwangsheirat', targetGroups: ['women', 'minors'], exploitation: ['forced_marriage'], languages: ['de', 'tr', 'ar', 'fa', 'ku', 'ps'], hours: 'office', protected: true, assuredDaysAgo: 130 },
  { key: 'berlin-wedding', org: 'jungenarbeit', place: p('13353', 'Berlin', 'DE-BE'), name: 'Berlin – Anlaufstelle für Jungen und junge Männer', targetGroups: ['boys_young_men', 'minors'], exploitation: ['sexual', 'forced_criminality'], languages: ['de', 'en', 'ro', 'bg', 'ar'], hours: 'extended', assuredDaysAgo: 380, minimumAge: 14, maximumAge: 27 },
  // Brandenburg
  { key: 'potsdam', org: 'havelufer', place: p('14467', 'Potsdam', 'DE-BB'), name: 'Potsdam', targetGroups: ['women', 'minors'], exploitation: ['sexual', 'labour', 'forced_marriage'], languages: ['de', 'en', 'ru', 'uk', 'pl'], hours: 'office', areas: ['DE-BB'], assuredDaysAgo: 60 },
  { key: 'cottbus', org: 'havelufer', place: p('03046', 'Cottbus', 'DE-BB'), name: 'Cottbus – Arbeit und Ausbeutung', targetGroups: ['men', 'women'], exploitation: ['labour'], languages: ['de', 'pl', 'cs', 'ro', 'uk'], hours: 'appointment', assuredDaysAgo: 240 },
  // Bremen
  { key: 'bremen', org: 'hafenlotsinnen', place: p('28195', 'Bremen', 'DE-HB'), name: 'Bremen', targetGroups: ['women', 'minors'], exploitation: ['sexual', 'labour'], languages: ['de', 'en', 'fr', 'twi', ...WEST_AFRICA], accessibility: ['step_free'], hours: 'office', areas: ['DE-HB'], assuredDaysAgo: 45 },
  // Hamburg
  { key: 'hamburg', org: 'nordlicht', place: p('20095', 'Hamburg', 'DE-HH'), name: 'Hamburg', targetGroups: ['women'], exploitation: ['sexual', 'labour', 'begging'], languages: ['de', 'en', 'fr', 'es', 'pt', 'ro', 'bg'], accessibility: ['step_free', 'accessible_toilet'], hours: 'extended', assuredDaysAgo: 430 },
  { key: 'hamburg-regenbogen', org: 'regenbogen', place: p('20099', 'Hamburg', 'DE-HH'), name: 'Hamburg – Beratung für LSBTIQ*', targetGroups: ['lgbtiq', 'trans_nonbinary', 'men'], exploitation: ['sexual'], languages: ['de', 'en', 'es', 'pt', 'ru', 'th', 'tl'], hours: 'short', assuredDaysAgo: 90 },
  // Hessen
  { key: 'frankfurt', org: 'mainbruecke', place: p('60311', 'Frankfurt am Main', 'DE-HE'), name: 'Frankfurt am Main', targetGroups: ['women', 'trans_nonbinary'], exploitation: ['sexual'], languages: ['de', 'en', 'es', 'pt', 'th', 'zh'], accessibility: ['step_free'], hours: 'extended', assuredDaysAgo: 25 },
  { key: 'wiesbaden', org: 'mainbruecke', place: p('65183', 'Wiesbaden', 'DE-HE'), name: 'Wiesbaden', targetGroups: ['women', 'minors'], exploitation: ['forced_marriage', 'sexual'], languages: ['de', 'en', 'ar', 'fa', 'ps', 'ku', 'tr'], hours: 'office', protected: true, assuredDaysAgo: 170 },
  { key: 'kassel', org: 'nordhessen', place: p('34117', 'Kassel', 'DE-HE'), name: 'Kassel', targetGroups: ['women', 'men'], exploitation: ['labour', 'forced_criminality'], languages: ['de', 'en', 'ro', 'bg', 'ru', 'uk'], hours: 'short', assuredDaysAgo: 300 },
  // Mecklenburg-Vorpommern
  { key: 'schwerin', org: 'ostseewind', place: p('19053', 'Schwerin', 'DE-MV'), name: 'Schwerin', targetGroups: ['women', 'minors'], exploitation: ['sexual', 'forced_marriage'], languages: ['de', 'en', 'ru', 'uk', 'ar', 'fa'], hours: 'office', protected: true, areas: ['DE-MV'], assuredDaysAgo: 110 },
  { key: 'rostock', org: 'ostseewind', place: p('18055', 'Rostock', 'DE-MV'), name: 'Rostock – Arbeit und Ausbeutung', targetGroups: ['women', 'men'], exploitation: ['labour'], languages: ['de', 'en', 'pl', 'ru', 'vi'], hours: 'appointment', assuredDaysAgo: 500 },
  // Niedersachsen
  { key: 'hannover', org: 'evangelische-hilfe', place: p('30159', 'Hannover', 'DE-NI'), name: 'Hannover', targetGroups: ['women', 'minors'], exploitation: ['sexual', 'forced_marriage'], languages: ['de', 'en', 'fr', ...WEST_AFRICA], accessibility: ['step_free', 'accessible_toilet'], hours: 'office', assuredDaysAgo: 55 },
  { key: 'braunschweig', org: 'evangelische-hilfe', place: p('38100', 'Braunschweig', 'DE-NI'), name: 'Braunschweig', targetGroups: ['women'], exploitation: ['sexual', 'labour'], languages: ['de', 'en', 'ro', 'bg', 'hu'], hours: 'short', assuredDaysAgo: 470 },
  { key: 'osnabrueck', org: 'teutoburger-netz', place: p('49074', 'Osnabrück', 'DE-NI'), name: 'Osnabrück – Arbeit und Ausbeutung', targetGroups: ['men', 'women'], exploitation: ['labour'], languages: ['de', 'pl', 'ro', 'bg', 'ru', 'uk'], hours: 'extended', assuredDaysAgo: 140 },
  // Nordrhein-Westfalen
  { key: 'koeln', org: 'rheinbogen', place: p('50667', 'Köln', 'DE-NW'), name: 'Köln', targetGroups: ['women'], exploitation: ['sexual'], languages: ['de', 'en', 'fr', 'ti', 'so', 'am', ...WEST_AFRICA], accessibility: ['step_free', 'accessible_toilet', 'sign_language', 'easy_language'], hours: 'office', assuredDaysAgo: 8 },
  { key: 'duesseldorf', org: 'rheinbogen', place: p('40213', 'Düsseldorf', 'DE-NW'), name: 'Düsseldorf', targetGroups: ['women', 'minors'], exploitation: ['sexual', 'begging', 'forced_criminality'], languages: ['de', 'en', 'ro', 'bg', 'hu', 'sr', 'sq'], hours: 'office', assuredDaysAgo: 190 },
  { key: 'dortmund', org: 'ruhr-solidarisch', place: p('44135', 'Dortmund', 'DE-NW'), name: 'Dortmund', targetGroups: ['women', 'trans_nonbinary'], exploitation: ['sexual'], languages: ['de', 'en', 'fr', 'ro', 'bg', 'hu'], accessibility: ['step_free'], hours: 'extended', assuredDaysAgo: 70 },
  { key: 'essen', org: 'faire-arbeit', place: p('45127', 'Essen', 'DE-NW'), name: 'Essen – Arbeit und Ausbeutung', targetGroups: ['men', 'women'], exploitation: ['labour', 'forced_criminality'], languages: ['de', 'en', 'pl', 'ro', 'bg', 'ru', 'uk', 'vi'], hours: 'extended', assuredDaysAgo: 35 },
  { key: 'bielefeld', org: 'teutoburger-netz', place: p('33602', 'Bielefeld', 'DE-NW'), name: 'Bielefeld', targetGroups: ['women', 'trans_nonbinary', 'minors'], exploitation: ['sexual', 'forced_marriage'], languages: ['de', 'en', 'ar', 'fa', 'ku', 'tr'], hours: 'office', protected: true, assuredDaysAgo: 260 },
  // Rheinland-Pfalz
  { key: 'mainz', org: 'moselbogen', place: p('55116', 'Mainz', 'DE-RP'), name: 'Mainz', targetGroups: ['women', 'minors'], exploitation: ['sexual', 'labour'], languages: ['de', 'en', 'fr', 'ro', 'bg'], accessibility: ['step_free'], hours: 'office', areas: ['DE-RP'], assuredDaysAgo: 85 },
  { key: 'trier', org: 'moselbogen', place: p('54290', 'Trier', 'DE-RP'), name: 'Trier', targetGroups: ['women', 'men'], exploitation: ['labour', 'sexual'], languages: ['de', 'fr', 'en', 'pt'], hours: 'appointment', assuredDaysAgo: 390 },
  // Saarland
  { key: 'saarbruecken', org: 'saarschleife', place: p('66111', 'Saarbrücken', 'DE-SL'), name: 'Saarbrücken', targetGroups: ['women', 'minors'], exploitation: ['sexual', 'labour'], languages: ['de', 'fr', 'en', 'ro', 'bg', 'ar'], hours: 'office', areas: ['DE-SL'], assuredDaysAgo: 120 },
  // Sachsen
  { key: 'leipzig', org: 'elbsandstein', place: p('04109', 'Leipzig', 'DE-SN'), name: 'Leipzig', targetGroups: ['women', 'minors'], exploitation: ['sexual', 'forced_marriage'], languages: ['de', 'en', 'ru', 'uk', 'ar', 'fa'], accessibility: ['step_free', 'easy_language'], hours: 'office', assuredDaysAgo: 15 },
  { key: 'dresden', org: 'elbsandstein', place: p('01067', 'Dresden', 'DE-SN'), name: 'Dresden', targetGroups: ['women', 'men', 'trans_nonbinary'], exploitation: ['sexual', 'labour', 'begging', 'forced_criminality'], languages: ['de', 'en', 'cs', 'ru', 'uk', 'vi'], hours: 'extended', areas: ['DE-SN'], assuredDaysAgo: 100 },
  { key: 'chemnitz', org: 'faire-arbeit', place: p('09111', 'Chemnitz', 'DE-SN'), name: 'Chemnitz – Arbeit und Ausbeutung', targetGroups: ['men', 'women'], exploitation: ['labour', 'begging'], languages: ['de', 'cs', 'sk', 'ro', 'vi'], hours: 'short', assuredDaysAgo: 220 },
  // Sachsen-Anhalt
  { key: 'magdeburg', org: 'mittelland', place: p('39104', 'Magdeburg', 'DE-ST'), name: 'Magdeburg', targetGroups: ['women', 'minors'], exploitation: ['sexual', 'forced_marriage'], languages: ['de', 'en', 'ar', 'fa', 'ru', 'uk'], hours: 'office', protected: true, areas: ['DE-ST'], assuredDaysAgo: 65 },
  { key: 'halle', org: 'mittelland', place: p('06108', 'Halle (Saale)', 'DE-ST'), name: 'Halle (Saale)', targetGroups: ['women', 'men'], exploitation: ['labour', 'forced_criminality'], languages: ['de', 'en', 'ro', 'bg', 'vi'], hours: 'appointment', assuredDaysAgo: 330 },
  // Schleswig-Holstein
  { key: 'kiel', org: 'nordlicht', place: p('24103', 'Kiel', 'DE-SH'), name: 'Kiel', targetGroups: ['women', 'minors'], exploitation: ['sexual', 'labour'], languages: ['de', 'en', 'ru', 'uk', 'ro'], accessibility: ['step_free', 'accessible_toilet'], hours: 'office', areas: ['DE-SH'], assuredDaysAgo: 50 },
  { key: 'luebeck', org: 'frauenhilfe-sh', place: p('23552', 'Lübeck', 'DE-SH'), name: 'Lübeck', targetGroups: ['women'], exploitation: ['sexual'], languages: ['de', 'en', 'es', 'pt', 'ro'], hours: 'short', protected: true, assuredDaysAgo: 160 },
  // Thüringen
  { key: 'erfurt', org: 'thueringer-wald', place: p('99084', 'Erfurt', 'DE-TH'), name: 'Erfurt', targetGroups: ['women', 'men', 'minors'], exploitation: ['sexual', 'labour', 'forced_marriage', 'forced_criminality'], languages: ['de', 'en', 'ru', 'uk', 'ar', 'vi'], accessibility: ['step_free'], hours: 'office', areas: ['DE-TH'], assuredDaysAgo: 180 },
  // Nationwide, without a place
  { key: 'online', org: 'online-beratung', place: null, name: 'bundesweit – online', targetGroups: ['women', 'men', 'trans_nonbinary', 'minors', 'lgbtiq'], exploitation: ['sexual', 'labour', 'begging', 'forced_criminality', 'forced_marriage', 'organ_removal'], languages: ['de', 'en', 'fr', 'ar', 'fa', 'uk', 'ru', 'ro', 'bg', 'hu', 'zh', 'vi', 'tr', 'es', 'pt', 'ti', 'so', ...WEST_AFRICA], accessibility: ['easy_language'], hours: 'hotline', areas: ['DE'], assuredDaysAgo: 5, note: 'Beratung per Chat, E-Mail und Telefon, auf Wunsch anonym.' },
  { key: 'jugend-telefon', org: 'online-beratung', place: null, name: 'bundesweit – Telefon und Chat für junge Menschen', targetGroups: ['minors', 'boys_young_men', 'lgbtiq'], exploitation: ['sexual', 'labour', 'forced_criminality', 'forced_marriage'], languages: ['de', 'en', 'ar', 'fa', 'uk'], hours: 'hotline', areas: ['DE'], assuredDaysAgo: 400, maximumAge: 27, note: 'Für junge Menschen bis 27 Jahre und für Fachkräfte, die mit ihnen arbeiten.' },
];
