/**
 * Small, explicit directory entries for tests that need to know exactly
 * what is in the directory (instead of depending on the demo content).
 */
import { randomUUID } from 'node:crypto';
import type { Database } from '../../src/platform/db/index.ts';
import type { DirectoryEntry } from '../../src/features/directory/entry.ts';
import { deleteEntriesExcept, setEntryOwner, writeEntries } from '../../src/features/directory/queries.ts';
import { withScope } from '../../src/platform/db/tenant.ts';
import { lookupPostcode } from '../../src/features/geo/postcodes.ts';

type Options = Partial<Omit<DirectoryEntry, 'service' | 'organization' | 'location'>> & {
  name: string;
  postcode?: string | null;
  protectedAddress?: boolean;
  service?: Partial<DirectoryEntry['service']>;
};

export function testEntry(o: Options): DirectoryEntry {
  const id = randomUUID();
  const pc = o.postcode === null ? undefined : lookupPostcode(o.postcode ?? '10117');
  if (o.postcode !== null && !pc) throw new Error(`unknown postcode ${o.postcode}`);
  return {
    organization: {
      id: randomUUID(),
      name: `Träger von ${o.name}`,
      description: '',
      email: null,
      website: null,
      legal_status: null,
      is_demo: false,
    },
    service: {
      id,
      name: o.name,
      description: `Beratung ${o.name}`,
      url: 'https://example.org/',
      email: 'info@example.org',
      status: 'active',
      interpretation_services: null,
      application_process: null,
      fees_description: null,
      eligibility_description: null,
      minimum_age: null,
      maximum_age: null,
      assured_date: '2026-01-15',
      alert: null,
      is_demo: false,
      ...o.service,
    },
    location: pc
      ? {
          id: randomUUID(),
          name: null,
          latitude: pc.lat,
          longitude: pc.lon,
          transportation: null,
          address_protected: o.protectedAddress ?? false,
          accessibility: null,
          address: {
            address_1: o.protectedAddress ? null : 'Teststraße 1',
            postal_code: pc.postcode,
            city: pc.places[0] ?? '',
            state_province: pc.state,
            country: 'DE',
          },
        }
      : null,
    phones: o.phones ?? [
      { id: randomUUID(), number: '+49 30 23125 001', type: 'voice', description: null, languages: [] },
    ],
    languages: o.languages ?? ['de'],
    schedules: o.schedules ?? [],
    areas: o.areas ?? [],
    targetGroups: o.targetGroups ?? ['women'],
    exploitation: o.exploitation ?? ['sexual'],
    accessibility: o.accessibility ?? [],
  };
}

/**
 * Six centres whose places and offers the search and API tests know by
 * heart (new ids on every call): two in Leipzig (one closed), Halle, a
 * protected address in Dresden responsible for Saxony, Munich, and one
 * without a place for all of Germany.
 */
export function knownCentres() {
  return {
    leipzig: testEntry({
      name: 'Leipzig Mitte',
      postcode: '04109',
      languages: ['de', 'ar'],
      schedules: [{ id: randomUUID(), byday: ['MO', 'WE'], opens_at: '09:00', closes_at: '16:00', description: null }],
    }),
    halle: testEntry({ name: 'Halle Süd', postcode: '06108', targetGroups: ['minors'], exploitation: ['labour'] }),
    dresden: testEntry({
      name: 'Dresden Schutzhaus',
      postcode: '01067',
      protectedAddress: true,
      areas: ['DE-SN'],
      languages: ['de', 'ru'],
    }),
    munich: testEntry({ name: 'München Beratung', postcode: '80331', accessibility: ['step_free'] }),
    online: testEntry({ name: 'Online bundesweit', postcode: null, areas: ['DE'], languages: ['de', 'en', 'ti'] }),
    closed: testEntry({ name: 'Geschlossen Leipzig', postcode: '04109', service: { status: 'temporarily closed' } }),
  };
}

/** Replace the whole directory with these entries. */
export async function replaceDirectory(database: Database, entries: DirectoryEntry[]): Promise<void> {
  await database.db.transaction().execute(async (trx) => {
    await deleteEntriesExcept(trx, []);
    await writeEntries(trx, entries);
  });
}

/**
 * Give a centre a directory entry of its own, the way the operator does
 * (ADR 021): the entry and its owner in the import scope, then the centre's
 * link in the admin scope. Returns the entry's service id.
 */
export async function giveCentreAnEntry(database: Database, centreId: string, name: string): Promise<string> {
  const entry = testEntry({ name });
  await withScope(database.db, { kind: 'import' }, async (trx) => {
    await writeEntries(trx, [entry]);
    await setEntryOwner(trx, entry.service.id, centreId);
  });
  await withScope(database.db, { kind: 'admin' }, (trx) =>
    trx.updateTable('centre').set({ service_id: entry.service.id }).where('id', '=', centreId).execute(),
  );
  return entry.service.id;
}
