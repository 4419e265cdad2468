import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import { testEntry } from '../../../test/support/entries.ts';
import type { Database } from '../../platform/db/index.ts';
import { deleteEntriesExcept, loadAllEntries, writeEntries } from './queries.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
  await database.db.transaction().execute((trx) => deleteEntriesExcept(trx, []));
});
afterAll(() => database.close());

describe('writeEntries', () => {
  it('replaces an entry in place: reads back exactly, and rows referencing the service survive', async () => {
    const first = testEntry({ name: 'Erste Fassung', postcode: '04109', languages: ['de', 'ar'], areas: ['DE-SN'] });
    await database.db.transaction().execute((trx) => writeEntries(trx, [first]));
    // Something else (e.g. a centre) points at the service.
    await sql`CREATE TABLE test_pointer (service_id uuid REFERENCES service (id) ON DELETE SET NULL)`.execute(
      database.db,
    );
    await sql`INSERT INTO test_pointer VALUES (${first.service.id})`.execute(database.db);
    const second = {
      ...first,
      service: { ...first.service, name: 'Zweite Fassung' },
      languages: ['de'],
      phones: [
        { id: randomUUID(), number: '+49 30 23125 002', type: 'voice' as const, description: null, languages: [] },
      ],
    };
    await database.db.transaction().execute((trx) => writeEntries(trx, [second]));
    const [back] = await loadAllEntries(database.db);
    expect(back).toEqual(second);
    const pointer = await sql<{ service_id: string | null }>`SELECT service_id FROM test_pointer`.execute(database.db);
    expect(pointer.rows[0]!.service_id).toBe(first.service.id);
  });
});

describe('phone types (migration 0020)', () => {
  it('stores the four messenger kinds beside the HSDS types, and the database refuses any other', async () => {
    const entry = testEntry({ name: 'Messenger', postcode: '10117' });
    entry.phones = (['voice', 'pager', 'signal', 'whatsapp', 'telegram', 'threema'] as const).map((type, i) => ({
      id: randomUUID(),
      number: [
        '+49 30 23125 003',
        '030 23125 004',
        '+49 151 23456789',
        '+49 151 23456789',
        '@beratung_berlin',
        'ABCD1234',
      ][i]!,
      type,
      description: null,
      languages: [],
    }));
    await database.db.transaction().execute((trx) => writeEntries(trx, [entry]));
    const back = (await loadAllEntries(database.db)).find((e) => e.service.id === entry.service.id);
    const byId = (a: { id: string }, b: { id: string }) => a.id.localeCompare(b.id);
    expect([...back!.phones].sort(byId)).toEqual([...entry.phones].sort(byId));
    await expect(
      sql`UPDATE phone SET type = 'icq' WHERE id = ${entry.phones[0]!.id}`.execute(database.db),
    ).rejects.toThrow(/phone_type_check/);
  });
});
