/**
 * Entries the coordination office should ask their centres to check: not
 * verified for more than 12 months, or never. Computed from the published
 * directory, oldest first, never-verified before everything else.
 */
import type { DirectoryEntry } from '../directory/entry.ts';
import { monthsBefore } from '../../platform/time/dates.ts';

/** How long a verification counts. */
const VERIFICATION_MONTHS = 12;

/** Entries whose assured_date is before `today` minus 12 months (or missing); defunct ones are left out. */
export function overdueEntries(entries: readonly DirectoryEntry[], today: string): DirectoryEntry[] {
  const cutoff = monthsBefore(today, VERIFICATION_MONTHS);
  return entries
    .filter((e) => e.service.status !== 'defunct')
    .filter((e) => e.service.assured_date === null || e.service.assured_date < cutoff)
    .sort((a, b) => {
      const da = a.service.assured_date ?? '';
      const db = b.service.assured_date ?? '';
      return da < db ? -1 : da > db ? 1 : a.service.name.localeCompare(b.service.name, 'de');
    });
}
