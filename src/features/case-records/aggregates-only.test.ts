/**
 * The walls around case records (migrations/0026, ADR 034), on both
 * databases. Only the owning centre's members read or write a record; the
 * coordination office and the administrators — and every other scope — see
 * no row on any SQL path (select, update, delete, insert) and get counts
 * only, through case_statistics(year): consented, released, complete
 * records of that year, no cell below 5 or from fewer than 3 centres, and
 * nothing at all in any other scope or for any role but the application's.
 * A closed year's records are locked.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../platform/db/index.ts';
import { APP_ROLE, enterScope, withScope, type Scope, type Tx } from '../../platform/db/tenant.ts';
import { completeRecord, type CaseRecordRow } from './test-fixtures.ts';
import { ageBand, EXPLOITATION_FORMS, EXPLOITATION_TIMING, REGION_OF, SUPPORT_PROVIDED } from './vocabulary.ts';

let database: Database;
const org = randomUUID();
const [A, B, C, D, E] = [randomUUID(), randomUUID(), randomUUID(), randomUUID(), randomUUID()] as const;
const YEAR = 2024;
const CLOSED = 2019;
const released = new Date('2025-01-15T10:00:00Z');

const centre = (centreId: string): Scope => ({ kind: 'centre', centreId });
const NETWORK: Scope[] = [{ kind: 'coordination' }, { kind: 'admin' }, { kind: 'coordination', publishing: A }];
const OTHER_SCOPES: Scope[] = [
  { kind: 'auth' },
  { kind: 'account', userId: randomUUID() },
  { kind: 'import' },
  { kind: 'intake' },
  { kind: 'keys' },
  { kind: 'receipt', receiptHashes: ['0'.repeat(64)] },
];

/** The records every test starts from; `counted` are the ones the statistics may count. */
const rows: CaseRecordRow[] = [];
const rel = (c: string, o: Partial<CaseRecordRow> = {}) => completeRecord(c, YEAR, { released_at: released, ...o });
// A: six released, all referred by the police, exploited in Germany and Italy.
for (let i = 0; i < 6; i++)
  rows.push(rel(A, { referral_source: 'police', country_of_exploitation: ['DE', 'IT'], gender: 'female' }));
// B: four women, two men (one a 16-year-old, unaccompanied, in labour exploitation).
for (let i = 0; i < 4; i++) rows.push(rel(B, { citizenship: 'GH', asylum_stage: 'not_filed' }));
rows.push(rel(B, { gender: 'male', age_at_first_contact: 31, support_provided: ['psychosocial', 'shelter'] }));
rows.push(
  rel(B, {
    gender: 'male',
    age_at_first_contact: 16,
    unaccompanied_minor: 'unaccompanied',
    minor_at_exploitation: 'yes',
    exploitation_forms: ['labour'],
    labour_sector: 'F',
    country_of_exploitation: ['XX'],
  }),
);
// C: three women, one man of unknown age, stateless.
for (let i = 0; i < 3; i++) rows.push(rel(C, { age_at_first_contact: 19 + i, citizenship: 'XS' }));
rows.push(
  rel(C, { gender: 'male', age_at_first_contact: null, age_unknown: true, unaccompanied_minor: 'accompanied' }),
);
const counted = [...rows];
// D: complete but not released, released but without consent impossible (CHECK), a draft, another year.
rows.push(completeRecord(D, YEAR));
rows.push(completeRecord(D, YEAR, { consent_statistics: false }));
rows.push({ ...completeRecord(D, YEAR), status: 'draft', gender: null });
for (let i = 0; i < 7; i++) rows.push(completeRecord(E, YEAR - 1, { released_at: released }));
// E: a released record in a year that is then closed.
const inClosedYear = completeRecord(E, CLOSED, { released_at: released });
rows.push(inClosedYear);

beforeAll(async () => {
  database = await testDatabase();
  await sql`INSERT INTO member_organization (id, name) VALUES (${org}, 'Org') ON CONFLICT DO NOTHING`.execute(
    database.db,
  );
  await withScope(database.db, { kind: 'admin' }, (trx) =>
    trx
      .insertInto('centre')
      .values([A, B, C, D, E].map((id, i) => ({ id, member_organization_id: org, name: `Centre ${i}` })))
      .execute(),
  );
  for (const c of [A, B, C, D, E]) {
    await withScope(database.db, centre(c), (trx) =>
      trx
        .insertInto('case_record')
        .values(rows.filter((r) => r.centre_id === c))
        .execute(),
    );
  }
  await withScope(database.db, { kind: 'coordination' }, (trx) =>
    trx
      .insertInto('reporting_year')
      .values([
        { year: YEAR, status: 'open', release_deadline: '2025-03-31', opened_at: released },
        { year: CLOSED, status: 'closed', release_deadline: '2020-03-31', opened_at: released, closed_at: released },
      ])
      .execute(),
  );
});
afterAll(() => database.close());

const recordIds = (trx: Tx) =>
  trx
    .selectFrom('case_record')
    .select('id')
    .execute()
    .then((r) => r.map((x) => x.id));

type Cell = { dim_a: string; val_a: string; dim_b: string | null; val_b: string | null; n: number | null };
const statistics = (trx: Tx, year = YEAR) =>
  sql<Cell>`SELECT * FROM case_statistics(${year})`.execute(trx).then((r) => r.rows);

/** The same counts, computed here from the records: what the function must return. */
function expectedCells(records: CaseRecordRow[]): Cell[] {
  const yesNo = (list: readonly string[] | null | undefined, opt: string) => (list?.includes(opt) ? 'yes' : 'no');
  const dims = (r: CaseRecordRow): Record<string, string> => {
    const place = r.country_of_exploitation ?? [];
    const de = place.includes('DE');
    const abroad = place.some((c) => c !== 'DE' && c !== 'XX');
    const stage = r.asylum_stage!;
    const d: Record<string, string> = {
      gender: r.gender!,
      age_band: ageBand(r.age_at_first_contact ?? null, r.age_unknown ?? false),
      citizenship_region: REGION_OF.get(r.citizenship!)!,
      trafficking_status: r.trafficking_status!,
      exploitation_place: de && abroad ? 'both' : de ? 'germany' : abroad ? 'abroad' : 'unknown',
      asylum_context:
        stage === 'not_filed'
          ? 'before'
          : stage === 'pending' || stage === 'dublin'
            ? 'during'
            : stage === 'unknown'
              ? 'unknown'
              : 'other',
      asylum_stage: stage,
      residence_status_first: r.residence_status_first!,
      referral_source: r.referral_source!,
      criminal_proceedings: r.criminal_proceedings!,
      minor_at_exploitation: r.minor_at_exploitation!,
      unaccompanied_minor: r.unaccompanied_minor!,
      possibly_counted_elsewhere: r.possibly_counted_elsewhere!,
    };
    for (const o of EXPLOITATION_FORMS) d[`exploitation_form.${o}`] = yesNo(r.exploitation_forms, o);
    for (const o of EXPLOITATION_TIMING) d[`exploitation_timing.${o}`] = yesNo(r.exploitation_timing, o);
    for (const o of SUPPORT_PROVIDED) d[`support_provided.${o}`] = yesNo(r.support_provided, o);
    return d;
  };
  const pairs: [string, string][] = [
    ['gender', 'age_band'],
    ['asylum_context', 'gender'],
    ...EXPLOITATION_FORMS.flatMap((o): [string, string][] => [
      [`exploitation_form.${o}`, 'asylum_stage'],
      [`exploitation_form.${o}`, 'gender'],
    ]),
  ];
  const cells = new Map<string, { cell: Omit<Cell, 'n'>; n: number; centres: Set<string> }>();
  const add = (cell: Omit<Cell, 'n'>, centreId: string) => {
    const key = JSON.stringify(cell);
    const c = cells.get(key) ?? { cell, n: 0, centres: new Set<string>() };
    c.n += 1;
    c.centres.add(centreId);
    cells.set(key, c);
  };
  for (const r of records) {
    const d = dims(r);
    add({ dim_a: 'total', val_a: 'all', dim_b: null, val_b: null }, r.centre_id);
    for (const [k, v] of Object.entries(d)) add({ dim_a: k, val_a: v, dim_b: null, val_b: null }, r.centre_id);
    for (const [a, b] of pairs) add({ dim_a: a, val_a: d[a]!, dim_b: b, val_b: d[b]! }, r.centre_id);
  }
  return [...cells.values()].map(({ cell, n, centres }) => ({ ...cell, n: n < 5 || centres.size < 3 ? null : n }));
}

const sorted = (cells: Cell[]) => [...cells].sort((x, y) => JSON.stringify(x).localeCompare(JSON.stringify(y)));

describe('who sees case records', () => {
  it('a centre sees, changes and deletes only its own records', async () => {
    const own = await withScope(database.db, centre(B), recordIds);
    expect(own.sort()).toEqual(
      rows
        .filter((r) => r.centre_id === B)
        .map((r) => r.id!)
        .sort(),
    );
    const other = rows.find((r) => r.centre_id === A)!.id!;
    const changed = await withScope(database.db, centre(B), (trx) =>
      trx.updateTable('case_record').set({ gender: 'male' }).where('id', '=', other).executeTakeFirst(),
    );
    expect(Number(changed.numUpdatedRows)).toBe(0);
    const deleted = await withScope(database.db, centre(B), (trx) =>
      trx.deleteFrom('case_record').where('id', '=', other).executeTakeFirst(),
    );
    expect(Number(deleted.numDeletedRows)).toBe(0);
    await expect(
      withScope(database.db, centre(B), (trx) =>
        trx.insertInto('case_record').values(completeRecord(A, YEAR)).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    // Nor can it move one of its own to another centre.
    const mine = rows.find((r) => r.centre_id === B)!.id!;
    await expect(
      withScope(database.db, centre(B), (trx) =>
        trx
          .updateTable('case_record')
          .set({ centre_id: A } as never)
          .where('id', '=', mine)
          .execute(),
      ),
    ).rejects.toThrow(/permission denied|row-level security/);
  });

  it.each([...NETWORK, ...OTHER_SCOPES])(
    'scope $kind sees no record and cannot change, delete or add one',
    async (scope) => {
      const seen = await withScope(database.db, scope, async (trx) => ({
        ids: await recordIds(trx),
        count: (await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_record`.execute(trx)).rows[0]!.n,
        updated: Number(
          (await trx.updateTable('case_record').set({ gender: 'unknown' }).executeTakeFirst()).numUpdatedRows,
        ),
        deleted: Number((await trx.deleteFrom('case_record').executeTakeFirst()).numDeletedRows),
      }));
      expect(seen).toEqual({ ids: [], count: 0, updated: 0, deleted: 0 });
      await expect(
        withScope(database.db, scope, (trx) => trx.insertInto('case_record').values(completeRecord(A, YEAR)).execute()),
      ).rejects.toThrow(/row-level security/);
      // Nor any centre's kept counts (one centre's count of a cell may be 1), nor may it plant one.
      const kept = await withScope(database.db, scope, async (trx) => ({
        rows: (await sql`SELECT * FROM case_statistics_cell`.execute(trx)).rows.length,
        updated: Number((await sql`UPDATE case_statistics_cell SET n = n + 1`.execute(trx)).numAffectedRows),
        deleted: Number((await sql`DELETE FROM case_statistics_cell`.execute(trx)).numAffectedRows),
      }));
      expect(kept).toEqual({ rows: 0, updated: 0, deleted: 0 });
      await expect(
        withScope(database.db, scope, (trx) =>
          sql`INSERT INTO case_statistics_cell (year, centre_id, dim_a, val_a, dim_b, val_b, n)
              VALUES (${YEAR}, ${A}, 'total', 'all', '', '', 100)`.execute(trx),
        ),
      ).rejects.toThrow(/row-level security/);
    },
  );

  it('without a scope the application role sees nothing', async () => {
    const n = await database.db.transaction().execute(async (trx) => {
      await sql.raw(`SET LOCAL ROLE ${APP_ROLE}`).execute(trx);
      return (await recordIds(trx)).length;
    });
    expect(n).toBe(0);
  });

  it('every record is still there after all those attempts', async () => {
    let n = 0;
    for (const c of [A, B, C, D, E]) n += (await withScope(database.db, centre(c), recordIds)).length;
    expect(n).toBe(rows.length);
  });
});

describe('case_statistics: counts only', () => {
  it.each(NETWORK)('in scope $kind returns exactly the counts of the consented, released records', async (scope) => {
    const cells = await withScope(database.db, scope, (trx) => statistics(trx));
    expect(sorted(cells)).toEqual(sorted(expectedCells(counted)));
    expect(cells).toContainEqual({ dim_a: 'total', val_a: 'all', dim_b: null, val_b: null, n: 16 });
  });

  it('suppresses every cell below 5 and every cell from fewer than 3 centres', async () => {
    const cells = await withScope(database.db, { kind: 'coordination' }, (trx) => statistics(trx));
    for (const c of cells) if (c.n !== null) expect(c.n).toBeGreaterThanOrEqual(5);
    // 13 women from three centres pass; 3 men do not (below 5); 6 police referrals from one centre do not.
    expect(cells).toContainEqual({ dim_a: 'gender', val_a: 'female', dim_b: null, val_b: null, n: 13 });
    expect(cells).toContainEqual({ dim_a: 'gender', val_a: 'male', dim_b: null, val_b: null, n: null });
    expect(cells).toContainEqual({ dim_a: 'referral_source', val_a: 'police', dim_b: null, val_b: null, n: null });
    expect(cells).toContainEqual({ dim_a: 'gender', val_a: 'female', dim_b: 'age_band', val_b: '21-29', n: 11 });
    // A combination without any record is absent (a zero), not a row.
    expect(cells.filter((c) => c.dim_a === 'gender' && c.val_a === 'trans')).toEqual([]);
  });

  it('counts nothing of another year, and nothing of a year without released records', async () => {
    const cells = await withScope(database.db, { kind: 'admin' }, (trx) => statistics(trx, YEAR - 1));
    // Seven released records, all from one centre: counted, but every cell suppressed.
    expect(cells).toContainEqual({ dim_a: 'total', val_a: 'all', dim_b: null, val_b: null, n: null });
    expect(cells.every((c) => c.n === null)).toBe(true);
    expect(await withScope(database.db, { kind: 'admin' }, (trx) => statistics(trx, 2030))).toEqual([]);
  });

  it.each([centre(A), centre(D), ...OTHER_SCOPES, { kind: 'retention' } as Scope])(
    'returns nothing in scope $kind',
    async (scope) => {
      expect(await withScope(database.db, scope, (trx) => statistics(trx))).toEqual([]);
    },
  );

  it('returns nothing without a scope', async () => {
    const cells = await database.db.transaction().execute(async (trx) => {
      await sql.raw(`SET LOCAL ROLE ${APP_ROLE}`).execute(trx);
      return statistics(trx);
    });
    expect(cells).toEqual([]);
  });

  it('may be called by the application role only', async () => {
    const acl = await sql<{ grantee: string }>`
      SELECT coalesce(pg_get_userbyid(a.grantee), 'PUBLIC') AS grantee
      FROM pg_proc p, aclexplode(p.proacl) a
      WHERE p.proname = 'case_statistics' AND a.privilege_type = 'EXECUTE'
      ORDER BY 1`.execute(database.db);
    expect(acl.rows.map((r) => r.grantee)).toEqual([APP_ROLE, 'schutznetz_statistics_reader']);
    for (const role of ['schutznetz_session_reader']) {
      await expect(
        database.db.transaction().execute(async (trx) => {
          await sql.raw(`SET LOCAL ROLE ${role}`).execute(trx);
          await sql`SELECT set_config('app.scope', 'coordination', true)`.execute(trx);
          return statistics(trx);
        }),
      ).rejects.toThrow(/permission denied/);
    }
  });

  it('its owner reads no record at all, and the kept counts only for the network', async () => {
    const asReader = (scope: Scope, q: (trx: Tx) => Promise<unknown>) =>
      database.db.transaction().execute(async (trx) => {
        await enterScope(trx, scope);
        await sql.raw('SET LOCAL ROLE schutznetz_statistics_reader').execute(trx);
        return q(trx);
      });
    for (const scope of [{ kind: 'coordination' } as Scope, centre(D), { kind: 'retention' } as Scope]) {
      await expect(asReader(scope, (trx) => sql`SELECT count(*) FROM case_record`.execute(trx))).rejects.toThrow(
        /permission denied/,
      );
      await expect(
        asReader(scope, (trx) => sql`SELECT count(*) FROM case_record_category`.execute(trx)),
      ).rejects.toThrow(/permission denied/);
    }
    await expect(asReader({ kind: 'coordination' }, recordIds)).rejects.toThrow(/permission denied/);
    const cells = (trx: Tx) =>
      sql<{ n: number }>`SELECT coalesce(sum(n), 0)::int AS n FROM case_statistics_cell
        WHERE dim_a = 'total'`
        .execute(trx)
        .then((r) => r.rows[0]!.n);
    // Released in 2024 (16), 2023 (7) and the closed year (1).
    expect(await asReader({ kind: 'coordination' }, cells)).toBe(counted.length + 7 + 1);
    expect(await asReader({ kind: 'admin' }, cells)).toBe(counted.length + 7 + 1);
    expect(await asReader(centre(D), cells)).toBe(0);
    expect(await asReader({ kind: 'retention' }, cells)).toBe(0);
    await expect(
      asReader({ kind: 'coordination' }, (trx) => sql`DELETE FROM case_statistics_cell`.execute(trx)),
    ).rejects.toThrow(/permission denied/);
    await expect(
      asReader({ kind: 'coordination' }, (trx) => sql`UPDATE case_statistics_cell SET n = n + 1`.execute(trx)),
    ).rejects.toThrow(/permission denied/);
  });
});

describe('a closed year is locked', () => {
  it('refuses adding, changing and deleting its records, and moving a record into it', async () => {
    const scope = centre(E);
    await expect(
      withScope(database.db, scope, (trx) => trx.insertInto('case_record').values(completeRecord(E, CLOSED)).execute()),
    ).rejects.toThrow(/reporting year is closed/);
    await expect(
      withScope(database.db, scope, (trx) =>
        trx.updateTable('case_record').set({ gender: 'male' }).where('id', '=', inClosedYear.id!).execute(),
      ),
    ).rejects.toThrow(/reporting year is closed/);
    await expect(
      withScope(database.db, scope, (trx) =>
        trx.deleteFrom('case_record').where('id', '=', inClosedYear.id!).execute(),
      ),
    ).rejects.toThrow(/reporting year is closed/);
    const open = rows.find((r) => r.centre_id === E && r.first_contact_year === YEAR - 1)!.id!;
    await expect(
      withScope(database.db, scope, (trx) =>
        trx.updateTable('case_record').set({ first_contact_year: CLOSED }).where('id', '=', open).execute(),
      ),
    ).rejects.toThrow(/reporting year is closed/);
  });

  it('the retention jobs may still delete its records', async () => {
    const gone = await withScope(database.db, { kind: 'retention' }, (trx) =>
      trx.deleteFrom('case_record').where('first_contact_year', '=', CLOSED).returning('id').execute(),
    );
    expect(gone.map((r) => r.id)).toEqual([inClosedYear.id]);
  });
});

describe('what the database refuses in a record', () => {
  const refused = async (o: Partial<CaseRecordRow>) =>
    withScope(database.db, centre(D), (trx) =>
      trx
        .insertInto('case_record')
        .values(completeRecord(D, YEAR, o))
        .execute()
        .then(() => 'accepted'),
    ).catch((e: Error) => e.message);
  it.each<[string, Partial<CaseRecordRow>]>([
    ['a release without consent', { consent_statistics: false, released_at: released }],
    ['a released draft', { status: 'draft', released_at: released }],
    ['a complete record without gender', { gender: null }],
    ['an age and "unknown"', { age_unknown: true }],
    ['the minors’ question for an adult', { unaccompanied_minor: 'unaccompanied' }],
    ['a sector without labour exploitation', { labour_sector: 'A' }],
    ['labour exploitation without a sector', { exploitation_forms: ['labour'] }],
    ['an unknown form', { exploitation_forms: ['slavery'] }],
    ['an unknown country', { country_of_exploitation: ['DE', 'QQ'] }],
    ['"stateless" as a place', { country_of_recruitment: ['XS'] }],
    ['a country twice', { country_of_recruitment: ['NG', 'NG'] }],
    ['a form twice', { exploitation_forms: ['sexual', 'sexual'] }],
    ['an unknown citizenship', { citizenship: 'QQ' }],
  ])('refuses %s', async (_, o) => {
    expect(await refused(o)).not.toBe('accepted');
  });

  it('accepts a draft with nothing but its year', async () => {
    const draft = {
      ...Object.fromEntries(Object.keys(completeRecord(D, YEAR)).map((k) => [k, null])),
      id: randomUUID(),
      centre_id: D,
      status: 'draft',
      age_unknown: false,
      first_contact_year: YEAR,
      created_at: released,
      updated_at: released,
    } as CaseRecordRow;
    await withScope(database.db, centre(D), (trx) => trx.insertInto('case_record').values(draft).execute());
  });
});
