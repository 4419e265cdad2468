/**
 * The centre-editable fields of an entry as people read them: a label, the
 * value as lines of text, and the raw value that decides whether two
 * versions differ. The entry page, the draft view and the review diff all
 * show an entry through this one list, so they always agree on what a field
 * is called and how it looks.
 */
import { translator, type Locale } from '../../../platform/i18n/index.ts';
import type { DirectoryEntry } from '../entry.ts';
import { formatSchedules, languageName } from '../format.ts';

export const ENTRY_FIELDS = [
  'description',
  'targetGroups',
  'exploitation',
  'languages',
  'hours',
  'phones',
  'email',
  'website',
  'address',
  'address_protected',
  'accessibility',
  'minimum_age',
  'maximum_age',
] as const;
export type EntryField = (typeof ENTRY_FIELDS)[number];

const sorted = (list: readonly string[]) => [...list].sort();

/**
 * What decides whether a field changed: the data without row ids and
 * without order (the database hands rows back in its own order, so a
 * position is no change).
 */
function rawValue(e: DirectoryEntry, f: EntryField): unknown {
  switch (f) {
    case 'description':
      return e.service.description;
    case 'targetGroups':
    case 'exploitation':
    case 'languages':
    case 'accessibility':
      return sorted(e[f]);
    case 'hours':
      return sorted(
        e.schedules.map(({ byday, opens_at, closes_at, description }) =>
          JSON.stringify([byday, opens_at, closes_at, description]),
        ),
      );
    case 'phones':
      return sorted(e.phones.map(({ number, type, description }) => JSON.stringify([number, type, description])));
    case 'email':
      return e.service.email;
    case 'website':
      return e.service.url;
    case 'address':
      return e.location
        ? [e.location.address.address_1, e.location.address.postal_code, e.location.address.city]
        : null;
    case 'address_protected':
      return e.location?.address_protected ?? false;
    case 'minimum_age':
      return e.service.minimum_age;
    case 'maximum_age':
      return e.service.maximum_age;
  }
}

/** Whether field `f` differs between two versions of an entry. */
export function fieldChanged(a: DirectoryEntry | null, b: DirectoryEntry, f: EntryField): boolean {
  return a === null || JSON.stringify(rawValue(a, f)) !== JSON.stringify(rawValue(b, f));
}

/** The field's value as lines of text in `locale` (empty: not given). */
export function displayValue(e: DirectoryEntry, f: EntryField, locale: Locale): string[] {
  const t = translator(locale, 'directory');
  // Term labels (target groups, weekdays …) are the finder's: one wording everywhere.
  const ft = translator(locale, 'finder');
  const present = (v: string | null) => (v === null || v === '' ? [] : [v]);
  switch (f) {
    case 'description':
      return present(e.service.description);
    case 'targetGroups':
      return e.targetGroups.map((c) => ft(`tg.${c}`));
    case 'exploitation':
      return e.exploitation.map((c) => ft(`ex.${c}`));
    case 'accessibility':
      return e.accessibility.map((c) => ft(`acc.${c}`));
    case 'languages':
      return e.languages.map((c) => languageName(c, locale));
    case 'hours':
      return formatSchedules(e, ft);
    case 'phones':
      return e.phones.map(
        (p) => `${p.number} (${t(`phoneType.${p.type}`)})${p.description ? ` – ${p.description}` : ''}`,
      );
    case 'email':
      return present(e.service.email);
    case 'website':
      return present(e.service.url);
    case 'address': {
      const l = e.location;
      if (!l) return [t('online')];
      return [...present(l.address.address_1), `${l.address.postal_code} ${l.address.city}`];
    }
    case 'address_protected':
      return [e.location?.address_protected ? t('yes') : t('no')];
    case 'minimum_age':
      return e.service.minimum_age === null ? [] : [String(e.service.minimum_age)];
    case 'maximum_age':
      return e.service.maximum_age === null ? [] : [String(e.service.maximum_age)];
  }
}
