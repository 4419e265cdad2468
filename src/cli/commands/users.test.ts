/** `schutznetz users …` run in-process against the test app's database. */
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile, TEST_KEYS, testApp } from '../../../test/support/app.ts';
import { createCentre, createUser, signIn, type TestUser } from '../../../test/support/auth.ts';
import { demoAdminSetupLink, DEMO_ADMIN_EMAIL } from '../../features/user-admin/demo-admin.ts';
import { acceptInvitation, auditEvents, lastMailTo, tokenIn } from '../../features/account/test-support.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { runCollecting } from '../test-support.ts';

const ORIGIN = 'https://schutznetz.example';

const t = appForFile({ PUBLIC_ORIGIN: ORIGIN });

const cli = (...argv: string[]) =>
  runCollecting(argv, {
    env: { ...TEST_KEYS, PUBLIC_ORIGIN: ORIGIN, LOG_LEVEL: 'silent' },
    cwd: process.cwd(),
    database: t.database,
  });

async function account(email: string) {
  return withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
    trx.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst(),
  );
}

async function counts(userId: string) {
  return withScope(t.app.database.db, { kind: 'admin' }, async (trx) => {
    const n = async (table: 'user_session' | 'webauthn_credential' | 'recovery_code') =>
      Number(
        (
          await trx
            .selectFrom(table)
            .select((eb) => eb.fn.countAll<string>().as('n'))
            .where('user_id', '=', userId)
            .executeTakeFirstOrThrow()
        ).n,
      );
    return {
      sessions: await n('user_session'),
      passkeys: await n('webauthn_credential'),
      codes: await n('recovery_code'),
    };
  });
}

/** The session still opens a staff page? */
async function stillSignedIn(cookie: string): Promise<boolean> {
  const res = await t.app.inject({ method: 'GET', url: '/de/staff', headers: { cookie } });
  return res.statusCode === 200;
}

describe('users create-admin', () => {
  it('prints a one-time setup link that creates an administrator', async () => {
    const r = await cli('users', 'create-admin', '--email', 'Chefin@Example.org', '--name', 'Erste Administratorin');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(new RegExp(`${ORIGIN}/de/staff/invitation/[A-Za-z0-9_-]{43}`));
    const token = tokenIn(r.out, 'invitation');
    const page = await t.app.inject({ method: 'GET', url: `/de/staff/invitation/${token}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('value="Erste Administratorin"');
    expect(page.body).toContain('Plattform-Administration');
    await acceptInvitation(t.app, token, { name: 'Erste Administratorin' });
    expect(await account('chefin@example.org')).toMatchObject({
      role: 'admin',
      centre_id: null,
      display_name: 'Erste Administratorin',
    });
    const e = (await auditEvents(t.app)).find((x) => x.event === 'users.invited' && x.actor_id === null);
    expect(e?.details).toEqual({ role: 'admin', via: 'cli' });
    // The link worked once.
    expect((await t.app.inject({ method: 'GET', url: `/de/staff/invitation/${token}` })).statusCode).toBe(410);
  });

  it('refuses an address that already has an account (exit 1)', async () => {
    const r = await cli('users', 'create-admin', '--email', 'chefin@example.org', '--name', 'Noch mal');
    expect(r.code).toBe(1);
    expect(r.err).toContain('already is an account');
    expect(r.out).toBe('');
  });

  it('explains wrong usage (exit 2)', async () => {
    expect((await cli('users', 'create-admin', '--name', 'X')).code).toBe(2);
    expect((await cli('users', 'create-admin', '--email', 'kein-at', '--name', 'X')).code).toBe(2);
    expect((await cli('users', 'create-admin', '--email', 'a@example.org')).code).toBe(2);
    expect((await cli('users', 'create-admin', '--email', 'a@example.org', '--name', 'X', 'extra')).code).toBe(2);
    expect(
      (await cli('users', 'create-admin', '--email', 'a@example.org', '--name', 'X', '--role', 'admin')).code,
    ).toBe(2);
  });
});

describe('users list', () => {
  it('lists every account without any secret', async () => {
    const u = await createUser(t.app, { role: 'counsellor', email: 'liste@example.org', displayName: 'Lis Te' });
    const r = await cli('users', 'list');
    expect(r.code).toBe(0);
    expect(r.out.split('\n')[0]).toMatch(/^E-MAIL\s+NAME\s+ROLE\s+CENTRE\s+STATUS\s+CREATED$/);
    expect(r.out).toMatch(/liste@example\.org\s+Lis Te\s+counsellor\s+Testberatungsstelle\s+active/);
    expect(r.out).toContain('chefin@example.org');
    const row = await account(u.email);
    for (const secret of [row!.password_hash!, row!.totp_secret!, u.totpSecret!, u.password])
      expect(r.out).not.toContain(secret);
    expect(r.out).not.toMatch(/argon2|v1\./);
  });
});

describe('users disable', () => {
  it('disables the account and ends all its sessions at once', async () => {
    const user = await createUser(t.app, { role: 'coordination', email: 'geht@example.org' });
    const s1 = await signIn(t.app, user);
    const s2 = await signIn(t.app, user);
    expect(await stillSignedIn(s1.cookie)).toBe(true);
    const r = await cli('users', 'disable', '--email', 'geht@example.org');
    expect(r.code).toBe(0);
    expect(r.out).toBe('Disabled geht@example.org; 2 sessions ended.\n');
    expect(await stillSignedIn(s1.cookie)).toBe(false);
    expect(await stillSignedIn(s2.cookie)).toBe(false);
    expect((await account(user.email))!.disabled_at).not.toBeNull();
    expect((await counts(user.id)).sessions).toBe(0);
    await expect(signIn(t.app, user)).rejects.toThrow();
    const e = (await auditEvents(t.app)).find((x) => x.event === 'users.disabled' && x.object_id === user.id);
    expect(e?.details).toEqual({ sessions_ended: 2, via: 'cli' });
  });

  it('says so for an unknown address (exit 1)', async () => {
    const r = await cli('users', 'disable', '--email', 'niemand@example.org');
    expect(r.code).toBe(1);
    expect(r.err).toContain('No account');
  });
});

describe('users enable', () => {
  it('re-admits a disabled account without its old factors: the old password fails, the new link enrols again', async () => {
    const centre = await createCentre(t.app, 'Beratungsstelle West');
    const user = await createUser(t.app, {
      role: 'counsellor',
      centreId: centre,
      email: 'zurueck@example.org',
      displayName: 'Zora Rück',
    });
    expect((await cli('users', 'disable', '--email', user.email)).code).toBe(0);
    const r = await cli('users', 'enable', '--email', user.email);
    expect(r.code).toBe(0);
    expect(r.out).toContain('is enabled again, without its old password and second factors');
    expect(await account(user.email)).toMatchObject({
      disabled_at: null,
      password_hash: null,
      totp_secret: null,
      mfa_enrolled_at: null,
    });
    await expect(signIn(t.app, user)).rejects.toThrow();
    const e = (await auditEvents(t.app)).find((x) => x.event === 'users.enabled' && x.object_id === user.id);
    expect(e?.details).toEqual({ via: 'cli' });
    const notice = await lastMailTo(t.app, user.email);
    expect(notice?.subject).toContain('Konto wieder freigeschaltet');
    expect(notice?.body).not.toMatch(/https?:/);

    const token = tokenIn(r.out, 'invitation');
    const accepted = await acceptInvitation(t.app, token, {
      name: 'Zora Rück',
      password: 'ein anderes langes passwort',
    });
    expect(await account(user.email)).toMatchObject({ id: user.id, role: 'counsellor', centre_id: centre });
    const session = await signIn(t.app, {
      ...user,
      password: 'ein anderes langes passwort',
      totpSecret: accepted.totpSecret,
    });
    expect(await stillSignedIn(session.cookie)).toBe(true);
  });

  it('refuses unknown and enabled accounts (exit 1)', async () => {
    expect((await cli('users', 'enable', '--email', 'niemand@example.org')).code).toBe(1);
    const r = await cli('users', 'enable', '--email', 'chefin@example.org');
    expect(r.code).toBe(1);
    expect(r.err).toContain('is not disabled');
  });
});

describe('users reset-mfa', () => {
  let user: TestUser;
  beforeAll(async () => {
    const centre = await createCentre(t.app, 'Beratungsstelle Süd');
    user = await createUser(t.app, {
      role: 'centre_lead',
      centreId: centre,
      email: 'verloren@example.org',
      displayName: 'Vera Loren',
    });
    await withScope(t.app.database.db, { kind: 'admin' }, async (trx) => {
      await trx
        .insertInto('webauthn_credential')
        .values({
          id: 'Y3JlZC1pZA',
          user_id: user.id,
          centre_id: centre,
          public_key: Buffer.from([1, 2, 3]),
          counter: 0,
        })
        .execute();
      await trx
        .insertInto('recovery_code')
        .values({ user_id: user.id, centre_id: centre, idx: 0, code_hash: 't1.00' })
        .execute();
    });
  });

  it('removes every second factor, ends the sessions and prints a link to enrol again', async () => {
    const s = await signIn(t.app, user);
    const r = await cli('users', 'reset-mfa', '--email', user.email);
    expect(r.code).toBe(0);
    expect(r.out).toContain('(1 passkeys), 1 sessions ended');
    expect(await stillSignedIn(s.cookie)).toBe(false);
    const notice = await lastMailTo(t.app, user.email);
    expect(notice?.subject).toContain('Anmeldefaktoren zurückgesetzt');
    expect(notice?.body).not.toMatch(/https?:/);
    const row = await account(user.email);
    expect(row).toMatchObject({ totp_secret: null, totp_last_step: null, mfa_enrolled_at: null, disabled_at: null });
    expect(await counts(user.id)).toEqual({ sessions: 0, passkeys: 0, codes: 0 });
    // Without a factor the account cannot complete a sign-in.
    await expect(signIn(t.app, user)).rejects.toThrow();
    const e = (await auditEvents(t.app)).find((x) => x.event === 'auth.mfa_reset' && x.object_id === user.id);
    expect(e?.details).toEqual({ sessions_ended: 1, passkeys_removed: 1, via: 'cli' });

    // The link re-enrols the same account (same id, role and centre).
    const token = tokenIn(r.out, 'invitation');
    const page = await t.app.inject({ method: 'GET', url: `/de/staff/invitation/${token}` });
    expect(page.body).toContain('value="Vera Loren"');
    const accepted = await acceptInvitation(t.app, token, {
      name: 'Vera Loren',
      password: 'ein neues langes passwort',
    });
    expect(accepted.recoveryCodes).toHaveLength(10);
    const after = await account(user.email);
    expect(after).toMatchObject({ id: user.id, role: 'centre_lead', centre_id: user.centreId });
    expect(after!.mfa_enrolled_at).not.toBeNull();
    const session = await signIn(t.app, {
      ...user,
      password: 'ein neues langes passwort',
      totpSecret: accepted.totpSecret,
    });
    expect(await stillSignedIn(session.cookie)).toBe(true);
  });

  it('refuses unknown and disabled accounts (exit 1)', async () => {
    expect((await cli('users', 'reset-mfa', '--email', 'niemand@example.org')).code).toBe(1);
    const r = await cli('users', 'reset-mfa', '--email', 'geht@example.org');
    expect(r.code).toBe(1);
    expect(r.err).toContain('schutznetz users enable --email geht@example.org');
  });

  it('is listed in the help', async () => {
    const r = await cli('help', 'users');
    expect(r.code).toBe(0);
    for (const c of ['create-admin', 'list', 'disable', 'enable', 'reset-mfa']) expect(r.out).toContain(`users ${c}`);
  });
});

describe('demoAdminSetupLink', () => {
  it('creates a link only while there is no administrator, on the embedded database with demo content', async () => {
    const fresh = await testApp({ PUBLIC_ORIGIN: ORIGIN });
    try {
      const link = await demoAdminSetupLink(fresh.app);
      expect(link).toMatch(new RegExp(`^${ORIGIN}/de/staff/invitation/[A-Za-z0-9_-]{43}$`));
      // Calling again replaces the link (the old one stops working).
      const second = await demoAdminSetupLink(fresh.app);
      expect(second).not.toBe(link);
      expect((await fresh.app.inject({ method: 'GET', url: new URL(link!).pathname })).statusCode).toBe(410);
      await acceptInvitation(fresh.app, tokenIn(second!, 'invitation'));
      const admin = await withScope(fresh.app.database.db, { kind: 'admin' }, (trx) =>
        trx.selectFrom('app_user').select(['role']).where('email', '=', DEMO_ADMIN_EMAIL).executeTakeFirst(),
      );
      expect(admin?.role).toBe('admin');
      expect(await demoAdminSetupLink(fresh.app)).toBeNull();
    } finally {
      await fresh.close();
    }
  });

  it('does nothing where an administrator exists already', async () => {
    expect(await demoAdminSetupLink(t.app)).toBeNull();
  });
});
