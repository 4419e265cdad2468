/**
 * The public pages every cross-cutting browser check (privacy, axe, demo
 * banner) walks through, in German and English. A person in need may land on
 * any of them, so each must meet the same bar.
 */
import { derivedId } from '../../../src/features/directory/derived-id.ts';
import { DEMO_NAMESPACE } from '../../../src/features/demo/entries.ts';

/** The demo centre in Leipzig (postcode 04109): its id is derived from its key. */
export const LEIPZIG_ID = derivedId(DEMO_NAMESPACE, 'service:leipzig');

export type PublicPage = { name: string; path: string; status: number };

const perLocale = (lang: 'de' | 'en'): PublicPage[] => [
  { name: `home (${lang})`, path: `/${lang}/`, status: 200 },
  { name: `search results (${lang})`, path: `/${lang}/search?q=04109`, status: 200 },
  {
    name: `search with filters, empty (${lang})`,
    path: `/${lang}/search?q=04109&tg=men&acc=sign_language`,
    status: 200,
  },
  { name: `search unknown postcode (${lang})`, path: `/${lang}/search?q=00000`, status: 200 },
  { name: `search ambiguous place (${lang})`, path: `/${lang}/search?q=Neustadt`, status: 200 },
  { name: `search with a typo (${lang})`, path: `/${lang}/search?q=Dortmnd`, status: 200 },
  { name: `search without a place (${lang})`, path: `/${lang}/search`, status: 200 },
  { name: `centre detail (${lang})`, path: `/${lang}/centres/${LEIPZIG_ID}`, status: 200 },
  { name: `report an error (${lang})`, path: `/${lang}/centres/${LEIPZIG_ID}/report`, status: 200 },
  { name: `referral form (${lang})`, path: `/${lang}/referral/new`, status: 200 },
  { name: `referral status (${lang})`, path: `/${lang}/referral/status`, status: 200 },
  { name: `states (${lang})`, path: `/${lang}/states`, status: 200 },
  { name: `one state (${lang})`, path: `/${lang}/states/sachsen`, status: 200 },
  { name: `safety (${lang})`, path: `/${lang}/safety`, status: 200 },
  { name: `about (${lang})`, path: `/${lang}/about`, status: 200 },
  { name: `accessibility (${lang})`, path: `/${lang}/accessibility`, status: 200 },
  { name: `privacy (${lang})`, path: `/${lang}/privacy`, status: 200 },
  { name: `leichte-sprache (${lang})`, path: `/${lang}/leichte-sprache`, status: 200 },
  { name: `for professionals (${lang})`, path: `/${lang}/professionals`, status: 200 },
  { name: `guide for adults (${lang})`, path: `/${lang}/professionals/guide/adults`, status: 200 },
  { name: `guide for minors (${lang})`, path: `/${lang}/professionals/guide/minors`, status: 200 },
  { name: `statistics (${lang})`, path: `/${lang}/statistics`, status: 200 },
  { name: `404 (${lang})`, path: `/${lang}/no-such-page`, status: 404 },
];

/**
 * The pages a person seeking help uses, which must exist in every offered
 * language (the network's own "about" page may fall back to German).
 */
export const helpPages = (lang: string): PublicPage[] => [
  { name: `home (${lang})`, path: `/${lang}/`, status: 200 },
  { name: `search results (${lang})`, path: `/${lang}/search?q=04109`, status: 200 },
  { name: `search unknown place (${lang})`, path: `/${lang}/search?q=Xyzzy`, status: 200 },
  { name: `centre detail (${lang})`, path: `/${lang}/centres/${LEIPZIG_ID}`, status: 200 },
  { name: `report an error (${lang})`, path: `/${lang}/centres/${LEIPZIG_ID}/report`, status: 200 },
  { name: `states (${lang})`, path: `/${lang}/states`, status: 200 },
  { name: `one state (${lang})`, path: `/${lang}/states/sachsen`, status: 200 },
  { name: `safety (${lang})`, path: `/${lang}/safety`, status: 200 },
  { name: `leichte-sprache (${lang})`, path: `/${lang}/leichte-sprache`, status: 200 },
  { name: `privacy (${lang})`, path: `/${lang}/privacy`, status: 200 },
  { name: `accessibility (${lang})`, path: `/${lang}/accessibility`, status: 200 },
  { name: `404 (${lang})`, path: `/${lang}/no-such-page`, status: 404 },
];

// /en/leichte-sprache is an English easy-read version (src/features/pages/routes.ts).
export const PUBLIC_PAGES: readonly PublicPage[] = [...perLocale('de'), ...perLocale('en')];
