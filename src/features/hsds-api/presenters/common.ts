/**
 * Shared bits of the HSDS presenters: the profile's extension key and the
 * English names of language codes.
 */

/**
 * Key of our profile's extension object on service, organization, location
 * and service_at_location. One namespaced object keeps our additions apart
 * from HSDS fields a later HSDS version might add under the same name.
 */
export const EXT = 'x-schutznetz' as const;

const englishNames = new Intl.DisplayNames(['en'], { type: 'language', fallback: 'none' });

/** Codes ICU does not name (it answers with the code itself) but the field needs. */
const EXTRA_NAMES: Record<string, string> = { dgs: 'German Sign Language', edo: 'Edo' };

/** English name of an ISO 639 code, or the code itself when nobody knows it. */
export function languageName(code: string): string {
  try {
    const name = EXTRA_NAMES[code] ?? englishNames.of(code);
    return name && name !== code ? name : code;
  } catch {
    return code;
  }
}
