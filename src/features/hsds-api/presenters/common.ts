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

/** `T` as published: its empty fields may be absent, and none is null. */
export type Published<T> = { [K in keyof T]?: Exclude<T[K], null> };

/**
 * `fields` without the empty ones (null or ''). HSDS 3.0 types its optional
 * fields as plain strings and numbers, so a `null` makes a validating client
 * reject the whole object; an absent key is how HSDS says "no value".
 */
export function withoutEmpty<T extends object>(fields: T): Published<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(fields)) if (v !== null && v !== undefined && v !== '') out[k] = v;
  return out as Published<T>;
}
