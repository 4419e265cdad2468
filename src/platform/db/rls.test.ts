/**
 * Tenant isolation, checked from the catalogue (checklist #15) and by
 * behaviour: every table with a centre column has row-level security
 * enabled AND forced, the application role cannot bypass it, and without a
 * scope nothing is visible (fail closed).
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { onPostgres, testDatabase } from '../../../test/support/db.ts';
import type { Database } from './index.ts';
import { APP_ROLE, enterScope, withScope, type Scope } from './tenant.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

type Row = { table: string; rls: boolean; forced: boolean; owner: string };

/** Tables without a centre column that still need RLS: the tenants themselves, and the outbox's one-time links. */
const ALSO_PROTECTED = ['centre', 'outbox_mail'];

async function tenantTables(): Promise<Row[]> {
  const res = await sql<Row>`
    SELECT c.relname AS table, c.relrowsecurity AS rls, c.relforcerowsecurity AS forced, pg_get_userbyid(c.relowner) AS owner
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r'
      AND (EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'centre_id' AND NOT a.attisdropped)
           OR c.relname = ANY(${ALSO_PROTECTED}))
    ORDER BY 1`.execute(database.db);
  return res.rows;
}

describe('row-level security catalogue', () => {
  it('every table with a centre column has RLS enabled and forced', async () => {
    const rows = await tenantTables();
    expect(rows.map((r) => r.table)).toEqual(
      expect.arrayContaining(['app_user', 'audit_log', 'centre', 'directory_draft', 'outbox_mail', 'user_session']),
    );
    for (const r of rows) {
      expect({ table: r.table, rls: r.rls, forced: r.forced }).toEqual({ table: r.table, rls: true, forced: true });
    }
  });

  it('every such table has a policy with USING and WITH CHECK (or is insert/select split)', async () => {
    const res = await sql<{ table: string; using: boolean; check: boolean; cmd: string }>`
      SELECT tablename AS table, qual IS NOT NULL AS using, with_check IS NOT NULL AS check, cmd
      FROM pg_policies WHERE schemaname = 'public'`.execute(database.db);
    for (const t of await tenantTables()) {
      const policies = res.rows.filter((p) => p.table === t.table);
      expect(policies.length, t.table).toBeGreaterThan(0);
      const reads = policies.some((p) => p.using && (p.cmd === 'ALL' || p.cmd === 'SELECT'));
      const writes = policies.some((p) => p.check && (p.cmd === 'ALL' || p.cmd === 'INSERT'));
      expect({ table: t.table, reads, writes }).toEqual({ table: t.table, reads: true, writes: true });
    }
  });

  it('the application role is not owner, not superuser and cannot bypass RLS', async () => {
    const role = await sql<{ rolsuper: boolean; rolbypassrls: boolean; rolcreaterole: boolean }>`
      SELECT rolsuper, rolbypassrls, rolcreaterole FROM pg_roles WHERE rolname = ${APP_ROLE}`.execute(database.db);
    expect(role.rows).toEqual([{ rolsuper: false, rolbypassrls: false, rolcreaterole: false }]);
    for (const t of await tenantTables()) expect(t.owner, t.table).not.toBe(APP_ROLE);
    const owned = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM pg_class c JOIN pg_namespace ns ON ns.oid = c.relnamespace
      WHERE ns.nspname = 'public' AND pg_get_userbyid(c.relowner) = ${APP_ROLE}`.execute(database.db);
    expect(owned.rows[0]!.n).toBe(0);
  });
});

describe('behaviour', () => {
  const centreA = randomUUID();
  const centreB = randomUUID();
  const org = randomUUID();

  beforeAll(async () => {
    // member_organization is network data written by the owner (the app role may only read it).
    await sql`INSERT INTO member_organization (id, name) VALUES (${org}, 'Org') ON CONFLICT DO NOTHING`.execute(
      database.db,
    );
    await withScope(database.db, { kind: 'admin' }, async (trx) => {
      await trx
        .insertInto('centre')
        .values([
          { id: centreA, member_organization_id: org, name: 'A' },
          { id: centreB, member_organization_id: org, name: 'B' },
        ])
        .execute();
      await trx
        .insertInto('app_user')
        .values([
          {
            id: randomUUID(),
            email: `a-${centreA}@example.org`,
            display_name: 'A',
            role: 'counsellor',
            centre_id: centreA,
          },
          {
            id: randomUUID(),
            email: `b-${centreB}@example.org`,
            display_name: 'B',
            role: 'counsellor',
            centre_id: centreB,
          },
        ])
        .execute();
    });
  });

  it('without a scope the application role sees nothing (fails closed)', async () => {
    const n = await database.db.transaction().execute(async (trx) => {
      await sql.raw(`SET LOCAL ROLE ${APP_ROLE}`).execute(trx);
      return (await trx.selectFrom('app_user').select('id').execute()).length;
    });
    expect(n).toBe(0);
  });

  it('a centre scope sees only its own rows and cannot write into another centre', async () => {
    const seen = await withScope(database.db, { kind: 'centre', centreId: centreA }, (trx) =>
      trx.selectFrom('app_user').select('centre_id').execute(),
    );
    expect(seen.map((r) => r.centre_id)).toEqual([centreA]);
    await expect(
      withScope(database.db, { kind: 'centre', centreId: centreA }, (trx) =>
        trx
          .insertInto('app_user')
          .values({
            id: randomUUID(),
            email: `x-${randomUUID()}@example.org`,
            display_name: 'X',
            role: 'counsellor',
            centre_id: centreB,
          })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    const moved = await withScope(database.db, { kind: 'centre', centreId: centreA }, (trx) =>
      trx.updateTable('app_user').set({ display_name: 'changed' }).where('centre_id', '=', centreB).executeTakeFirst(),
    );
    expect(Number(moved.numUpdatedRows)).toBe(0);
  });

  it('the scope does not outlive its transaction on a pooled connection', async () => {
    await withScope(database.db, { kind: 'admin' }, (trx) => trx.selectFrom('app_user').select('id').execute());
    const after = await sql<{
      scope: string | null;
      role: string;
    }>`SELECT current_setting('app.scope', true) AS scope, current_user AS role`.execute(database.db);
    expect(after.rows[0]!.scope ?? '').toBe('');
    expect(after.rows[0]!.role).not.toBe(APP_ROLE);
  });

  it.runIf(onPostgres)('connected directly as the application role, RLS still applies and DDL is refused', async () => {
    await sql.raw(`ALTER ROLE ${APP_ROLE} LOGIN`).execute(database.db);
    const url = new URL(process.env.DATABASE_URL!);
    url.username = APP_ROLE;
    url.pathname = `/${(await sql<{ d: string }>`SELECT current_database() AS d`.execute(database.db)).rows[0]!.d}`;
    const client = new pg.Client({ connectionString: url.toString() });
    await client.connect();
    try {
      expect((await client.query('SELECT count(*)::int AS n FROM app_user')).rows[0].n).toBe(0);
      await client.query('BEGIN');
      await client.query(`SELECT set_config('app.scope', 'centre', true), set_config('app.centre_id', $1, true)`, [
        centreB,
      ]);
      expect((await client.query('SELECT centre_id FROM app_user')).rows.map((r) => r.centre_id)).toEqual([centreB]);
      await client.query('ROLLBACK');
      await expect(client.query('ALTER TABLE app_user DISABLE ROW LEVEL SECURITY')).rejects.toThrow(/owner/);
      await expect(client.query('DELETE FROM audit_log')).rejects.toThrow(/permission denied/);
    } finally {
      await client.end();
    }
  });

  it('the application role cannot change the audit log', async () => {
    await expect(
      withScope(database.db, { kind: 'admin' }, (trx) => sql`UPDATE audit_log SET event = 'x'`.execute(trx)),
    ).rejects.toThrow(/permission denied/);
    await expect(
      withScope(database.db, { kind: 'admin' }, (trx) => sql`DELETE FROM audit_log`.execute(trx)),
    ).rejects.toThrow(/permission denied/);
  });

  it('the mail outbox: every staff scope may add a mail; only the admin scope reads or updates it, not coordination', async () => {
    const mail = (to: string) => ({ id: randomUUID(), recipient: to, subject: 'Link', body_text: 'one-time link' });
    const tag = randomUUID();
    const scopes = [
      { kind: 'auth' },
      { kind: 'intake' },
      { kind: 'account', userId: randomUUID() },
      { kind: 'centre', centreId: centreA },
      { kind: 'coordination' },
      { kind: 'admin' },
    ] as const;
    for (const scope of scopes) {
      await withScope(database.db, scope, (trx) =>
        trx
          .insertInto('outbox_mail')
          .values(mail(`${scope.kind}-${tag}@example.org`))
          .execute(),
      );
    }
    // The attack: reading and marking the outbox's live links from every scope but the administrators'.
    for (const scope of scopes.slice(0, 5)) {
      const seen = await withScope(database.db, scope, (trx) =>
        trx.selectFrom('outbox_mail').select(['recipient', 'body_text']).execute(),
      );
      expect(seen, scope.kind).toEqual([]);
      const changed = await withScope(database.db, scope, (trx) =>
        trx.updateTable('outbox_mail').set({ error: 'x' }).executeTakeFirst(),
      );
      expect(Number(changed.numUpdatedRows), scope.kind).toBe(0);
    }
    const admin = await withScope(database.db, { kind: 'admin' }, (trx) =>
      trx
        .selectFrom('outbox_mail')
        .select('recipient')
        .where('recipient', 'like', `%-${tag}@example.org`)
        .orderBy('recipient')
        .execute(),
    );
    expect(admin.map((r) => r.recipient.split('-')[0])).toEqual([
      'account',
      'admin',
      'auth',
      'centre',
      'coordination',
      'intake',
    ]);
    const marked = await withScope(database.db, { kind: 'admin' }, (trx) =>
      trx
        .updateTable('outbox_mail')
        .set({ sent_at: new Date() })
        .where('recipient', 'like', `%-${tag}@example.org`)
        .executeTakeFirst(),
    );
    expect(Number(marked.numUpdatedRows)).toBe(6);
    // The scope the old code used for both network roles now matches nothing at all (fails closed).
    expect(
      await database.db.transaction().execute(async (trx) => {
        await sql.raw(`SET LOCAL ROLE ${APP_ROLE}`).execute(trx);
        await sql`SELECT set_config('app.scope', 'network', true)`.execute(trx);
        return (await trx.selectFrom('outbox_mail').select('id').execute()).length;
      }),
    ).toBe(0);
    // Outside a scope: neither written nor read (fail closed); no request's scope deletes (the next test).
    await expect(
      database.db.transaction().execute(async (trx) => {
        await sql.raw(`SET LOCAL ROLE ${APP_ROLE}`).execute(trx);
        await trx
          .insertInto('outbox_mail')
          .values(mail(`none-${tag}@example.org`))
          .execute();
      }),
    ).rejects.toThrow(/row-level security/);
  });

  it('only the retention scope deletes one-time links and outbox mails, and it sees nothing else', async () => {
    const now = new Date();
    const later = new Date(now.getTime() + 3_600_000);
    const user = await withScope(database.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('app_user').select(['id', 'centre_id']).where('centre_id', '=', centreA).executeTakeFirstOrThrow(),
    );
    const hash = () => randomUUID().replaceAll('-', '').repeat(2);
    const tag = randomUUID();
    await withScope(database.db, { kind: 'admin' }, async (trx) => {
      await trx
        .insertInto('invitation')
        .values({
          id: randomUUID(),
          token_hash: hash(),
          email: `inv-${tag}@example.org`,
          role: 'counsellor',
          centre_id: centreA,
          expires_at: later,
        })
        .execute();
      const link = { token_hash: hash(), user_id: user.id, centre_id: centreA, expires_at: later };
      await trx.insertInto('password_reset').values(link).execute();
      await trx
        .insertInto('email_change')
        .values({ ...link, token_hash: hash(), new_email: `new-${tag}@example.org` })
        .execute();
      await trx
        .insertInto('outbox_mail')
        .values({ id: randomUUID(), recipient: `out-${tag}@example.org`, subject: 'Link', body_text: 'x' })
        .execute();
    });
    const tables = ['invitation', 'password_reset', 'email_change', 'outbox_mail'] as const;
    const count = async () => {
      const n: Record<string, number> = {};
      await withScope(database.db, { kind: 'admin' }, async (trx) => {
        for (const table of tables)
          n[table] = Number(
            (
              await trx
                .selectFrom(table)
                .select((eb) => eb.fn.countAll<string>().as('n'))
                .executeTakeFirstOrThrow()
            ).n,
          );
      });
      return n;
    };
    const before = await count();
    for (const table of tables) expect(before[table], table).toBeGreaterThan(0);
    const requestScopes: Scope[] = [
      { kind: 'admin' },
      { kind: 'coordination' },
      { kind: 'centre', centreId: centreA },
      { kind: 'account', userId: user.id },
      { kind: 'auth' },
      { kind: 'import' },
      { kind: 'intake' },
      { kind: 'receipt', receiptHashes: ['0'.repeat(64)] },
    ];
    for (const scope of requestScopes)
      for (const table of tables) {
        const r = await withScope(database.db, scope, (trx) => trx.deleteFrom(table).executeTakeFirst());
        expect(Number(r.numDeletedRows), `${scope.kind} deleting from ${table}`).toBe(0);
      }
    expect(await count()).toEqual(before);

    // The retention scope reads no account, session or audit row, and writes nothing.
    const seen = await withScope(database.db, { kind: 'retention' }, async (trx) => ({
      users: (await trx.selectFrom('app_user').select('id').execute()).length,
      sessions: (await trx.selectFrom('user_session').select('token_hash').execute()).length,
      audit: (await trx.selectFrom('audit_log').select('seq').execute()).length,
      centres: (await trx.selectFrom('centre').select('id').execute()).length,
    }));
    expect(seen).toEqual({ users: 0, sessions: 0, audit: 0, centres: 0 });
    await expect(
      withScope(database.db, { kind: 'retention' }, (trx) =>
        trx
          .insertInto('outbox_mail')
          .values({ id: randomUUID(), recipient: `r-${tag}@example.org`, subject: 'x', body_text: 'x' })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);

    // Rolled back: the retention scope can delete them all, which is what the purge relies on.
    const deleted = await database.db
      .transaction()
      .execute(async (trx) => {
        await enterScope(trx, { kind: 'retention' });
        const n: number[] = [];
        for (const table of tables) n.push(Number((await trx.deleteFrom(table).executeTakeFirst()).numDeletedRows));
        throw Object.assign(new Error('roll back'), { n });
      })
      .catch((err: { n?: number[] }) => err.n);
    expect(deleted).toEqual(tables.map((table) => before[table]));
    expect(await count()).toEqual(before);
  });

  it('administrators and the coordination office both see every centre, but only the admin scope creates centres', async () => {
    for (const kind of ['admin', 'coordination'] as const) {
      const seen = await withScope(database.db, { kind }, (trx) =>
        trx.selectFrom('centre').select('id').where('id', 'in', [centreA, centreB]).execute(),
      );
      expect(seen, kind).toHaveLength(2);
    }
    const org = (await database.db.selectFrom('centre').select('member_organization_id').executeTakeFirstOrThrow())
      .member_organization_id;
    await expect(
      withScope(database.db, { kind: 'coordination' }, (trx) =>
        trx.insertInto('centre').values({ id: randomUUID(), member_organization_id: org, name: 'C' }).execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('enterScope sets transaction-local settings only', async () => {
    const r = await database.db.transaction().execute(async (trx) => {
      await enterScope(trx, { kind: 'centre', centreId: centreA });
      return (
        await sql<{
          s: string;
          c: string;
        }>`SELECT current_setting('app.scope') AS s, current_setting('app.centre_id') AS c`.execute(trx)
      ).rows[0];
    });
    expect(r).toEqual({ s: 'centre', c: centreA });
  });
});
