/**
 * Before a session exists, the database shows nobody's account (ADR 021,
 * migration 0014). The 'auth' scope — the session lookup of every staff
 * request and the sign-in flows — used to see every centre's password
 * hashes, TOTP ciphertexts, recovery codes, passkeys, one-time links and
 * sessions. Now:
 * - 'auth' sees no account row at all;
 * - the session lookup reads through `auth_session(text)`, which returns the
 *   one session whose token the caller holds, without any hash, and whose
 *   owning role may read nothing else and cannot be taken on by the app;
 * - the flows that know whose account they handle run in an account scope
 *   bound to it (id, address or link), which sees that account only.
 * Audit chains: src/platform/audit/audit.test.ts (foreign rows).
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { withScope, type Scope } from '../../src/platform/db/tenant.ts';
import { findSession } from '../../src/platform/auth/queries/sessions.ts';
import { createLink } from '../../src/platform/auth/queries/one-time-links.ts';
import { createInvitation } from '../../src/platform/auth/queries/invitations.ts';
import { hashToken } from '../../src/platform/security/tokens.ts';
import { appForFile } from '../support/app.ts';
import { createCentre, createUser, signIn, type Session, type TestUser } from '../support/auth.ts';

const t = appForFile();
let lead: TestUser;
let admin: TestUser;
let leadSession: Session;
let adminSession: Session;
let resetToken: string;

/** Every table holding something of an account, and what an attacker would read from it. */
const ACCOUNT_TABLES: [table: string, columns: string][] = [
  ['app_user', 'email, password_hash, totp_secret'],
  ['user_session', 'token_hash, csrf_secret'],
  ['recovery_code', 'code_hash'],
  ['webauthn_credential', 'public_key'],
  ['password_reset', 'token_hash'],
  ['email_change', 'token_hash, new_email'],
  ['invitation', 'token_hash, email'],
  ['centre', 'name'],
];

const tokenHashOf = (s: Session) => hashToken(s.cookie.split('=')[1]!);

beforeAll(async () => {
  const centre = await createCentre(t.app);
  lead = await createUser(t.app, { role: 'centre_lead', centreId: centre });
  admin = await createUser(t.app, { role: 'admin' });
  leadSession = await signIn(t.app, lead);
  adminSession = await signIn(t.app, admin);
  const now = t.app.clock.now();
  resetToken = await withScope(t.app.database.db, { kind: 'admin' }, async (trx) => {
    await createInvitation(
      trx,
      {
        email: `neu.${randomBytes(3).toString('hex')}@example.org`,
        role: 'counsellor',
        centreId: centre,
        invitedBy: lead.id,
      },
      now,
    );
    await createLink(
      trx,
      { kind: 'email_change', newEmail: `x.${randomBytes(3).toString('hex')}@example.org` },
      { id: admin.id, centreId: null },
      now,
    );
    await trx
      .insertInto('recovery_code')
      .values({ user_id: lead.id, centre_id: centre, idx: 0, code_hash: randomBytes(32).toString('hex') })
      .execute();
    return createLink(trx, { kind: 'password_reset' }, { id: lead.id, centreId: centre }, now);
  });
});

async function visible(scope: Scope, table: string, columns: string): Promise<number> {
  return withScope(t.app.database.db, scope, async (trx) => {
    const list = sql.join(columns.split(', ').map((c) => sql.ref(c)));
    const r = await sql<Record<string, unknown>>`SELECT ${list} FROM ${sql.table(table)}`.execute(trx);
    return r.rows.length;
  });
}

describe('the auth scope reads no account', () => {
  it('selecting password hashes, TOTP ciphertexts, codes, passkeys, links and sessions in the auth scope returns nothing', async () => {
    const seen: Record<string, number> = {};
    for (const [table, columns] of ACCOUNT_TABLES) seen[table] = await visible({ kind: 'auth' }, table, columns);
    expect(seen).toEqual(Object.fromEntries(ACCOUNT_TABLES.map(([table]) => [table, 0])));
    // They are there: the administrators' scope sees them.
    for (const [table, columns] of ACCOUNT_TABLES)
      expect(await visible({ kind: 'admin' }, table, columns), table).toBeGreaterThan(0);
  });

  it('the session lookup returns the presented session only, with no hash of anything', async () => {
    const lookup = (tokenHash: string) =>
      withScope(t.app.database.db, { kind: 'auth' }, (trx) =>
        sql<Record<string, unknown>>`SELECT * FROM auth_session(${tokenHash})`.execute(trx),
      );
    const mine = await lookup(tokenHashOf(leadSession));
    expect(mine.rows).toHaveLength(1);
    expect(Object.keys(mine.rows[0]!).sort()).toEqual([
      'centre_id',
      'created_at',
      'csrf_secret',
      'disabled',
      'display_name',
      'last_seen_at',
      'reauth_at',
      'role',
      'second_factor',
      'stage',
      'user_id',
    ]);
    expect(mine.rows[0]).toMatchObject({ user_id: lead.id, role: 'centre_lead', disabled: false });
    expect((await lookup(hashToken('not a session token'))).rows).toEqual([]);
    // What the request hook makes of it.
    const loaded = await withScope(t.app.database.db, { kind: 'auth' }, (trx) =>
      findSession(trx, tokenHashOf(adminSession)),
    );
    expect(loaded).toMatchObject({
      userId: admin.id,
      role: 'admin',
      stage: 'full',
      tokenHash: tokenHashOf(adminSession),
    });
  });

  it('the lookup’s own role cannot be taken on by the application, and could read no hash if it were', async () => {
    // SET ROLE is decided by the login role; logged in as schutznetz_app it is refused
    // (test/security/app-role-login.test.ts). The app role is no member:
    const member = await sql<{ member: boolean }>`
      SELECT pg_has_role('schutznetz_app', 'schutznetz_session_reader', 'MEMBER') AS member`.execute(t.app.database.db);
    expect(member.rows).toEqual([{ member: false }]);
    // As the owner (a member, to hand it the function): the role's own rights.
    await expect(
      t.app.database.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL ROLE schutznetz_session_reader`.execute(trx);
        return sql`SELECT password_hash FROM app_user`.execute(trx);
      }),
    ).rejects.toThrow(/permission denied/);
    await expect(
      t.app.database.db.transaction().execute(async (trx) => {
        await sql`SET LOCAL ROLE schutznetz_session_reader`.execute(trx);
        return sql`SELECT totp_secret FROM app_user`.execute(trx);
      }),
    ).rejects.toThrow(/permission denied/);
  });
});

describe('the account scope sees one account', () => {
  it('bound to an id: that account’s user row and sessions, nobody else’s', async () => {
    const scope: Scope = { kind: 'account', userId: lead.id };
    const users = await withScope(t.app.database.db, scope, (trx) => trx.selectFrom('app_user').select('id').execute());
    expect(users.map((u) => u.id)).toEqual([lead.id]);
    const sessions = await withScope(t.app.database.db, scope, (trx) =>
      trx.selectFrom('user_session').select('user_id').execute(),
    );
    expect(new Set(sessions.map((s) => s.user_id))).toEqual(new Set([lead.id]));
    // Nor can it write another account's rows.
    const changed = await withScope(t.app.database.db, scope, (trx) =>
      trx.updateTable('app_user').set({ display_name: 'übernommen' }).where('id', '=', admin.id).executeTakeFirst(),
    );
    expect(Number(changed.numUpdatedRows)).toBe(0);
  });

  it('bound to an address: only the account with that address; bound to a link: only the account it acts on', async () => {
    const byEmail = await withScope(t.app.database.db, { kind: 'account', email: admin.email }, (trx) =>
      trx.selectFrom('app_user').select('id').execute(),
    );
    expect(byEmail.map((u) => u.id)).toEqual([admin.id]);
    const byLink = await withScope(
      t.app.database.db,
      { kind: 'account', linkTokenHash: hashToken(resetToken) },
      async (trx) => ({
        users: (await trx.selectFrom('app_user').select('id').execute()).map((u) => u.id),
        links: (await trx.selectFrom('password_reset').select('user_id').execute()).map((l) => l.user_id),
        sessions: (await trx.selectFrom('user_session').select('user_id').execute()).length,
      }),
    );
    expect(byLink).toEqual({ users: [lead.id], links: [lead.id], sessions: 0 });
  });

  it('the sign-in flows still work bound this way: a new sign-in and a staff page', async () => {
    const s = await signIn(t.app, lead);
    const res = await t.app.inject({ method: 'GET', url: '/de/staff', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(200);
  });
});
