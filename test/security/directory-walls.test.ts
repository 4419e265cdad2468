/**
 * The public directory's second wall (ADR 021, migration 0013). Every row
 * of a centre's entry carries the centre; row-level security lets everyone
 * read the directory but only two scopes write it: the operator's import,
 * and the coordination office publishing one centre's reviewed draft —
 * that centre's rows only. A draft can name only its own centre's entry.
 *
 * Each test performs the attack as the application role would run it after
 * a bug (a forgotten filter, an id taken from the request): in a centre's
 * scope, change another centre's phone number, web address, place, hours;
 * change the own published entry behind the review; point a draft at
 * another centre's entry and have it accepted.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { withScope, type Scope, type Tx } from '../../src/platform/db/tenant.ts';
import { importDirectory } from '../../src/features/directory-io/import.ts';
import { exportDirectory } from '../../src/features/directory-io/export.ts';
import {
  allDrafts,
  demoCentre,
  entryBody,
  post,
  publishedEntry,
  signedIn,
  type Staff,
} from '../../src/features/centre-entry/testing.ts';
import { appForFile } from '../support/app.ts';

const t = appForFile();
const A = demoCentre('stuttgart');
const B = demoCentre('mannheim');
let leadA: Staff;
let coordination: Staff;

beforeAll(async () => {
  leadA = await signedIn(t.app, 'centre_lead', A.id);
  coordination = await signedIn(t.app, 'coordination');
});

/** The directory tables whose rows belong to one centre's entry, with a column an attacker would change. */
const OWNED: [table: string, column: string][] = [
  ['service', 'url'],
  ['location', 'name'],
  ['address', 'city'],
  ['service_at_location', 'description'],
  ['phone', 'number'],
  ['language', 'note'],
  ['schedule', 'description'],
  ['service_area', 'description'],
  ['attribute', 'value'],
];

/** Every row of both centres' entries and their organisations, as text (read as the owner: nothing hidden). */
async function entryRows(): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const [table] of OWNED) {
    const r = await sql<{ row: string }>`
      SELECT x::text AS row FROM ${sql.table(table)} x WHERE x.centre_id IN (${A.id}, ${B.id}) ORDER BY 1`.execute(
      t.app.database.db,
    );
    out[table] = r.rows.map((x) => x.row);
  }
  const orgs = await sql<{ row: string }>`
    SELECT o::text AS row FROM organization o
    WHERE o.id IN (SELECT organization_id FROM service WHERE id IN (${A.serviceId}, ${B.serviceId})) ORDER BY 1`.execute(
    t.app.database.db,
  );
  out.organization = orgs.rows.map((x) => x.row);
  return out;
}

/** The owner of every row of one entry, by table (read as the owner). */
async function ownersOfEntry(serviceId: string): Promise<{ table: string; centre_id: string | null }[]> {
  const r = await sql<{ table: string; centre_id: string | null }>`
    SELECT 'service' AS table, centre_id FROM service WHERE id = ${serviceId}
    UNION ALL SELECT 'phone', centre_id FROM phone WHERE service_id = ${serviceId}
    UNION ALL SELECT 'language', centre_id FROM language
      WHERE service_id = ${serviceId} OR phone_id IN (SELECT id FROM phone WHERE service_id = ${serviceId})
    UNION ALL SELECT 'schedule', centre_id FROM schedule WHERE service_id = ${serviceId}
    UNION ALL SELECT 'service_area', centre_id FROM service_area WHERE service_id = ${serviceId}
    UNION ALL SELECT 'attribute', centre_id FROM attribute WHERE link_id = ${serviceId}
    UNION ALL SELECT 'service_at_location', centre_id FROM service_at_location WHERE service_id = ${serviceId}
    UNION ALL SELECT 'location', l.centre_id FROM location l
      JOIN service_at_location x ON x.location_id = l.id WHERE x.service_id = ${serviceId}
    UNION ALL SELECT 'address', a.centre_id FROM address a
      JOIN service_at_location x ON x.location_id = a.location_id WHERE x.service_id = ${serviceId}`.execute(
    t.app.database.db,
  );
  return r.rows;
}

/** Run `stmt` in `scope`; the number of rows it changed, or the error's message. */
async function attempt(
  scope: Scope,
  stmt: (trx: Tx) => Promise<{ numAffectedRows?: bigint }>,
): Promise<number | string> {
  return withScope(t.app.database.db, scope, async (trx) => Number((await stmt(trx)).numAffectedRows ?? 0n)).catch(
    (e: Error) => e.message,
  );
}

describe('the directory carries its owners', () => {
  it('every row of a centre’s entry names the centre; the centre links only the entry it owns', async () => {
    const owners = await ownersOfEntry(A.serviceId);
    // The demo entry has rows in (nearly) every table; each names centre A.
    expect(new Set(owners.map((r) => r.table)).size).toBeGreaterThanOrEqual(OWNED.length - 1);
    expect(new Set(owners.map((r) => r.centre_id))).toEqual(new Set([A.id]));
    // Linking centre A to centre B's entry, even once B lets go of it, breaks the link's foreign key: the service is B's.
    const relink = await attempt({ kind: 'admin' }, async (trx) => {
      await sql`UPDATE centre SET service_id = NULL WHERE id = ${B.id}`.execute(trx);
      return sql`UPDATE centre SET service_id = ${B.serviceId} WHERE id = ${A.id}`.execute(trx);
    });
    expect(relink).toMatch(/centre_service_owned/);
  });
});

describe('no scope but the import and the review writes the directory', () => {
  it('in a centre’s scope another centre’s rows cannot be changed, added to or deleted — and public reads stay open', async () => {
    const before = await entryRows();
    const inA: Scope = { kind: 'centre', centreId: A.id };
    const problems: string[] = [];
    for (const [table, column] of OWNED) {
      const update = await attempt(inA, (trx) =>
        sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = 'https://phish.example/' WHERE centre_id = ${B.id}`.execute(
          trx,
        ),
      );
      if (update !== 0) problems.push(`UPDATE ${table} of centre B: ${update}`);
      const del = await attempt(inA, (trx) =>
        sql`DELETE FROM ${sql.table(table)} WHERE centre_id = ${B.id}`.execute(trx),
      );
      if (del !== 0) problems.push(`DELETE ${table} of centre B: ${del}`);
      const seen = await withScope(t.app.database.db, inA, (trx) =>
        sql<{ n: number }>`SELECT count(*)::int AS n FROM ${sql.table(table)} WHERE centre_id = ${B.id}`.execute(trx),
      );
      if (seen.rows[0]!.n !== before[table]!.filter((r) => r.includes(B.id)).length)
        problems.push(`${table} of centre B is not publicly readable any more`);
    }
    const phone = await attempt(inA, (trx) =>
      sql`INSERT INTO phone (id, service_id, number) VALUES (${randomUUID()}, ${B.serviceId}, '0900 666 666')`.execute(
        trx,
      ),
    );
    if (typeof phone !== 'string' || !/row-level security/.test(phone)) problems.push(`INSERT phone of B: ${phone}`);
    const org = await attempt(inA, (trx) =>
      sql`UPDATE organization SET website = 'https://phish.example/'
          WHERE id = (SELECT organization_id FROM service WHERE id = ${B.serviceId})`.execute(trx),
    );
    if (org !== 0) problems.push(`UPDATE organization of B: ${org}`);
    expect(problems).toEqual([]);
    expect(await entryRows()).toEqual(before);
    // The finder still shows B's real entry.
    expect((await publishedEntry(t.app, B.serviceId)).service.url).not.toBe('https://phish.example/');
  });

  it('in a centre’s scope even its own published entry cannot be changed: only the review publishes', async () => {
    const before = await entryRows();
    const inA: Scope = { kind: 'centre', centreId: A.id };
    for (const [table, column] of OWNED) {
      expect(
        await attempt(inA, (trx) =>
          sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = 'x' WHERE centre_id = ${A.id}`.execute(trx),
        ),
        table,
      ).toBe(0);
      expect(
        await attempt(inA, (trx) => sql`DELETE FROM ${sql.table(table)} WHERE centre_id = ${A.id}`.execute(trx)),
        table,
      ).toBe(0);
    }
    expect(
      await attempt(inA, (trx) =>
        sql`INSERT INTO phone (id, service_id, number) VALUES (${randomUUID()}, ${A.serviceId}, '0711 1')`.execute(trx),
      ),
    ).toMatch(/row-level security/);
    expect(await entryRows()).toEqual(before);
  });

  it('no other scope writes it either: not admin, not coordination outside a publication, not the sign-in flows', async () => {
    const before = await entryRows();
    const scopes: Scope[] = [
      { kind: 'admin' },
      { kind: 'coordination' },
      { kind: 'auth' },
      { kind: 'account', userId: leadA.user.id },
    ];
    for (const scope of scopes) {
      for (const [table, column] of OWNED) {
        expect(
          await attempt(scope, (trx) =>
            sql`UPDATE ${sql.table(table)} SET ${sql.ref(column)} = 'x' WHERE centre_id IN (${A.id}, ${B.id})`.execute(
              trx,
            ),
          ),
          `${scope.kind} ${table}`,
        ).toBe(0);
      }
    }
    expect(await entryRows()).toEqual(before);
  });

  it('publishing centre A’s draft reaches centre A’s rows only: not B’s rows, places or organisation', async () => {
    const before = await entryRows();
    const publishingA: Scope = { kind: 'coordination', publishing: A.id };
    expect(
      await attempt(publishingA, (trx) =>
        sql`UPDATE service SET url = 'https://phish.example/' WHERE id = ${B.serviceId}`.execute(trx),
      ),
    ).toBe(0);
    expect(await attempt(publishingA, (trx) => sql`DELETE FROM phone WHERE centre_id = ${B.id}`.execute(trx))).toBe(0);
    // A row that says it is A's but hangs off B's service takes B's centre from its parent, and is refused.
    expect(
      await attempt(publishingA, (trx) =>
        sql`INSERT INTO phone (id, service_id, number, centre_id) VALUES (${randomUUID()}, ${B.serviceId}, '0900', ${A.id})`.execute(
          trx,
        ),
      ),
    ).toMatch(/row-level security/);
    // Nor can A's service be offered at B's place.
    const bLocation = await sql<{ id: string }>`
      SELECT location_id AS id FROM service_at_location WHERE service_id = ${B.serviceId}`.execute(t.app.database.db);
    expect(
      await attempt(publishingA, (trx) =>
        sql`INSERT INTO service_at_location (id, service_id, location_id) VALUES (${randomUUID()}, ${A.serviceId}, ${bLocation.rows[0]!.id})`.execute(
          trx,
        ),
      ),
    ).toMatch(/different centres/);
    expect(
      await attempt(publishingA, (trx) =>
        sql`UPDATE organization SET name = 'x' WHERE id = (SELECT organization_id FROM service WHERE id = ${A.serviceId})`.execute(
          trx,
        ),
      ),
    ).toBe(0);
    expect(await entryRows()).toEqual(before);
  });
});

describe('a draft names its own centre’s entry only', () => {
  it('a centre cannot file or turn a draft for another centre’s entry', async () => {
    const draft = (serviceId: string) => ({
      id: randomUUID(),
      centre_id: A.id,
      service_id: serviceId,
      entry: JSON.stringify({}),
      status: 'pending' as const,
      submitted_by: leadA.user.id,
      submitted_at: t.app.clock.now(),
    });
    const inA: Scope = { kind: 'centre', centreId: A.id };
    await expect(
      withScope(t.app.database.db, inA, (trx) =>
        trx.insertInto('directory_draft').values(draft(B.serviceId)).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    // Its own entry is fine; turning that draft towards B's entry afterwards is not.
    const own = draft(A.serviceId);
    await withScope(t.app.database.db, inA, (trx) => trx.insertInto('directory_draft').values(own).execute());
    await expect(
      withScope(t.app.database.db, inA, (trx) =>
        trx.updateTable('directory_draft').set({ service_id: B.serviceId }).where('id', '=', own.id).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    await withScope(t.app.database.db, inA, (trx) =>
      trx.updateTable('directory_draft').set({ status: 'withdrawn' }).where('id', '=', own.id).execute(),
    );
  });

  it('accepting a draft that names another centre’s entry (one stored before this check) is a 409: nothing published, nothing re-linked', async () => {
    const published = await publishedEntry(t.app, B.serviceId);
    const forged = randomUUID();
    // Written as the owner past row-level security: a row an older version let in.
    await t.app.database.db
      .insertInto('directory_draft')
      .values({
        id: forged,
        centre_id: A.id,
        service_id: B.serviceId,
        entry: JSON.stringify({ ...published, service: { ...published.service, url: 'https://phish.example/' } }),
        status: 'pending',
        submitted_by: leadA.user.id,
        submitted_at: t.app.clock.now(),
      })
      .execute();
    const before = await entryRows();
    const res = await post(t.app, coordination, `/de/staff/review/${forged}/accept`);
    expect(res.statusCode).toBe(409);
    expect(await entryRows()).toEqual(before);
    const links = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('centre').select(['id', 'service_id']).where('id', 'in', [A.id, B.id]).orderBy('id').execute(),
    );
    expect(Object.fromEntries(links.map((l) => [l.id, l.service_id]))).toEqual({
      [A.id]: A.serviceId,
      [B.id]: B.serviceId,
    });
    expect((await allDrafts(t.app)).find((d) => d.id === forged)?.status).toBe('pending');
    await t.app.database.db
      .updateTable('directory_draft')
      .set({ status: 'withdrawn' })
      .where('id', '=', forged)
      .execute();
  });

  it('the review path publishes a centre’s own draft, and everything it writes stays that centre’s', async () => {
    const lead = await signedIn(t.app, 'centre_lead', A.id);
    const proposal = await post(
      t.app,
      lead,
      '/de/staff/entry/edit',
      entryBody(await publishedEntry(t.app, A.serviceId), (f) => (f.description = 'Geprüft und veröffentlicht.')),
    );
    expect(proposal.statusCode).toBe(303);
    const draft = (await allDrafts(t.app)).find((d) => d.centre_id === A.id && d.status === 'pending')!;
    expect((await post(t.app, coordination, `/de/staff/review/${draft.id}/accept`)).statusCode).toBe(303);
    expect((await publishedEntry(t.app, A.serviceId)).service.description).toBe('Geprüft und veröffentlicht.');
    expect(new Set((await ownersOfEntry(A.serviceId)).map((r) => r.centre_id))).toEqual(new Set([A.id]));
  });
});

describe('the operator’s import keeps working, in the import scope', () => {
  it('re-imports the directory, centres’ entries included, and their rows stay their centres’', async () => {
    const file = await exportDirectory(t.app.database.db, 'csv');
    const report = await importDirectory(t.app.database.db, file.text.replace('Beratung', 'Beratung (neu)'), {
      format: 'csv',
    });
    expect(report.problems).toEqual([]);
    expect(report.written).toBe(true);
    const owners = await ownersOfEntry(A.serviceId);
    expect(new Set(owners.map((r) => r.table)).size).toBeGreaterThanOrEqual(OWNED.length - 1);
    expect(new Set(owners.map((r) => r.centre_id))).toEqual(new Set([A.id]));
  });
});
