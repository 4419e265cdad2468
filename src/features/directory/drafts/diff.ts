/**
 * The difference between the published entry and what accepting a draft
 * would publish, field by field, as the reviewer reads it.
 */
import type { Locale } from '../../../platform/i18n/index.ts';
import type { DirectoryEntry } from '../entry.ts';
import { displayValue, ENTRY_FIELDS, fieldChanged, type EntryField } from './entry-fields.ts';

export type FieldDiff = { field: EntryField; before: string[]; after: string[]; changed: boolean };

/**
 * Every centre-editable field with its old and new value; `published` null
 * (no published version) makes every field new.
 */
export function diffEntries(published: DirectoryEntry | null, proposed: DirectoryEntry, locale: Locale): FieldDiff[] {
  return ENTRY_FIELDS.map((field) => ({
    field,
    before: published ? displayValue(published, field, locale) : [],
    after: displayValue(proposed, field, locale),
    changed: fieldChanged(published, proposed, field),
  }));
}
