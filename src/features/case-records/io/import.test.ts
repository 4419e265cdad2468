/**
 * The import without HTTP, as the benchmark calls it (importCsv): a few
 * thousand rows go in together in one transaction, and one bad row at the
 * very end keeps every other out. Runs on both databases.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../../test/support/app.ts';
import { createCentre } from '../../../../test/support/auth.ts';
import { importCsv } from './import.ts';
import { recordCells, recordsCsv } from './test-support.ts';

const t = appForFile();
let centre: string;
const now = new Date('2026-03-02T09:00:00Z');

beforeAll(async () => {
  centre = await createCentre(t.app, 'Beratung Menge');
});

const count = async () =>
  Number(
    (
      await sql<{ n: string }>`SELECT count(*)::text AS n FROM case_record WHERE centre_id = ${centre}`.execute(
        t.database.db,
      )
    ).rows[0]!.n,
  );

describe('importCsv', () => {
  const rows = Array.from({ length: 2000 }, (_, i) =>
    recordCells(2025, { gender: i % 2 ? 'male' : 'female', age_at_first_contact: String(18 + (i % 50)) }),
  );

  it('keeps everything out when the last of 2,000 rows is bad', async () => {
    const bad = [...rows.slice(0, -1), recordCells(2025, { citizenship: 'ZZ' })];
    const deps = { db: t.database.db, auditKeys: t.app.keys.audit };
    const r = await importCsv(deps, { centreId: centre, actorId: null }, recordsCsv(bad), now);
    expect(r).toMatchObject({ kind: 'rows', problems: [{ row: 2001, column: 'citizenship' }] });
    expect(await count()).toBe(0);
  });

  it('stores 2,000 rows in one go', async () => {
    const deps = { db: t.database.db, auditKeys: t.app.keys.audit };
    const r = await importCsv(deps, { centreId: centre, actorId: null }, recordsCsv(rows), now);
    expect(r).toEqual({ kind: 'imported', format: 'csv', created: 2000, updated: 0 });
    expect(await count()).toBe(2000);
  }, 60_000);
});
