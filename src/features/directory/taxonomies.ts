/**
 * Our vocabularies (HSDS taxonomies). The codes match the taxonomy_term rows
 * of migration 0002; the ids there are fixed so every instance agrees.
 */
export const TARGET_GROUPS = ['women', 'men', 'trans_nonbinary', 'minors', 'boys_young_men', 'lgbtiq'] as const;
export const EXPLOITATION_FORMS = [
  'sexual',
  'labour',
  'begging',
  'forced_criminality',
  'forced_marriage',
  'organ_removal',
] as const;
export const ACCESSIBILITY_FEATURES = ['step_free', 'accessible_toilet', 'sign_language', 'easy_language'] as const;

export type TargetGroup = (typeof TARGET_GROUPS)[number];
export type ExploitationForm = (typeof EXPLOITATION_FORMS)[number];
export type AccessibilityFeature = (typeof ACCESSIBILITY_FEATURES)[number];

export const TAXONOMIES = {
  target_group: TARGET_GROUPS,
  exploitation: EXPLOITATION_FORMS,
  accessibility: ACCESSIBILITY_FEATURES,
} as const;
export type TaxonomyName = keyof typeof TAXONOMIES;

/** Taxonomy names as stored (HSDS taxonomy.name). */
export const taxonomyDbName = (t: TaxonomyName) => `schutznetz:${t}`;

/**
 * Languages a centre can state (ISO 639-1, plus a few 639-3 codes the field
 * needs). The finder's language filter offers these; the list reflects the
 * origins of counselled persons (network data report, BKA situation report).
 */
export const SERVICE_LANGUAGES = [
  'de',
  'en',
  'fr',
  'ar',
  'fa',
  'uk',
  'ru',
  'ro',
  'bg',
  'hu',
  'zh',
  'vi',
  'tr',
  'es',
  'pt',
  'it',
  'pl',
  'cs',
  'sk',
  'sq',
  'sr',
  'hr',
  'ti',
  'so',
  'am',
  'ku',
  'ps',
  'ur',
  'th',
  'tl',
  'yo',
  'ig',
  'pcm',
  'edo',
  'twi',
] as const;
export type ServiceLanguage = (typeof SERVICE_LANGUAGES)[number];
