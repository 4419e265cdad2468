/**
 * The own account page: what it shows, and that changing the password,
 * removing a passkey or renewing recovery codes each need a recent
 * re-authentication, are audited and touch only the actor's own account.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { appForFile } from '../../../../test/support/app.ts';
import { createUser, fakeClock, postAs, postForm, signIn } from '../../../../test/support/auth.ts';
import type { Session, TestUser } from '../../../../test/support/auth.ts';
import { withScope } from '../../../platform/db/tenant.ts';
import { verifyPassword } from '../../../platform/security/password.ts';
import { auditEvents, recoveryCodesIn } from '../test-support.ts';

const clock = fakeClock();
const NEW_PASSWORD = 'ein frisches langes Passwort';

const t = appForFile({}, { clock });
beforeEach(() => clock.advance(60_000));

async function userWithPasskey(): Promise<{ user: TestUser; passkeyId: string }> {
  const user = await createUser(t.app, { role: 'counsellor' });
  const passkeyId = `pk-${user.id.slice(0, 8)}`;
  await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
    trx
      .insertInto('webauthn_credential')
      .values({
        id: passkeyId,
        user_id: user.id,
        centre_id: user.centreId,
        public_key: Buffer.from([1]),
        counter: 0,
        name: 'Sicherheitsschlüssel',
      })
      .execute(),
  );
  return { user, passkeyId };
}

const page = (s: Session, query = '') =>
  t.app.inject({ method: 'GET', url: `/de/staff/account${query}`, headers: { cookie: s.cookie } });

async function passwordHash(id: string) {
  return (
    await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('app_user').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow(),
    )
  ).password_hash!;
}

describe('the account page', () => {
  it('shows the account, its passkeys and the recovery codes left, with the passkey script', async () => {
    const { user } = await userWithPasskey();
    const s = await signIn(t.app, user);
    const res = await page(s);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain(user.email);
    expect(res.body).toContain('Sicherheitsschlüssel');
    expect(res.body).toContain('noch 0 unbenutzte Codes');
    expect(res.body).toMatch(/<script src="\/assets\/passkey\.[0-9a-f]+\.js" defer/);
    expect(res.body).toContain('data-passkey="register"');
    expect(res.body).not.toContain('style=');
  });

  it('hides the forms that change factors until the person re-authenticates', async () => {
    const { user } = await userWithPasskey();
    const s = await signIn(t.app, user);
    clock.advance(11 * 60_000);
    const res = await page(s);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/de/staff/reauth?next=%2Fde%2Fstaff%2Faccount"');
    expect(res.body).not.toContain('data-passkey="register"');
    expect(res.body).not.toContain('/staff/account/password"');
  });

  it('is for signed-in people only', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/de/staff/account' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/^\/de\/staff\/sign-in/);
  });

  it('refuses unknown query parameters', async () => {
    const s = await signIn(t.app, await createUser(t.app, { role: 'admin' }));
    expect((await page(s, '?done=hacked')).statusCode).toBe(400);
    expect((await page(s, '?done=password')).statusCode).toBe(200);
  });
});

describe('changing the password', () => {
  it('sets it, ends the other sessions (not this one) and audits', async () => {
    const user = await createUser(t.app, { role: 'coordination' });
    const other = await signIn(t.app, user);
    const s = await signIn(t.app, user);
    const res = await postAs(t.app, s, '/de/staff/account/password', {
      password: NEW_PASSWORD,
      password_repeat: NEW_PASSWORD,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/de/staff/account?done=password');
    expect(await verifyPassword(await passwordHash(user.id), NEW_PASSWORD)).toBe(true);
    expect((await page(s)).statusCode).toBe(200);
    expect((await page(other)).statusCode).toBe(303);
    const e = (await auditEvents(t.app)).find((x) => x.event === 'auth.password_changed' && x.actor_id === user.id);
    expect(e?.details).toEqual({ sessions_ended: 1 });
  });

  it('explains a rejected password next to the field and changes nothing', async () => {
    const user = await createUser(t.app, { role: 'coordination' });
    const s = await signIn(t.app, user);
    const before = await passwordHash(user.id);
    const res = await postAs(t.app, s, '/de/staff/account/password', { password: 'kurz', password_repeat: 'kurz' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="f-password-error"');
    expect(
      (
        await postAs(t.app, s, '/de/staff/account/password', {
          password: NEW_PASSWORD,
          password_repeat: NEW_PASSWORD,
          role: 'admin',
        })
      ).statusCode,
    ).toBe(400);
    expect(await passwordHash(user.id)).toBe(before);
  });

  it('sends a stale session to re-authenticate first, changing nothing', async () => {
    const user = await createUser(t.app, { role: 'coordination' });
    const s = await signIn(t.app, user);
    clock.advance(11 * 60_000);
    const before = await passwordHash(user.id);
    const res = await postAs(t.app, s, '/de/staff/account/password', {
      password: NEW_PASSWORD,
      password_repeat: NEW_PASSWORD,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/de/staff/reauth?next=%2Fde%2Fstaff%2Faccount');
    expect(await passwordHash(user.id)).toBe(before);
  });

  it('refuses a cross-site post (403)', async () => {
    const user = await createUser(t.app, { role: 'coordination' });
    const s = await signIn(t.app, user);
    const res = await t.app.inject({
      method: 'POST',
      url: '/de/staff/account/password',
      headers: {
        cookie: s.cookie,
        'content-type': 'application/x-www-form-urlencoded',
        origin: 'https://evil.example',
      },
      payload: new URLSearchParams({ _csrf: s.csrf, password: NEW_PASSWORD, password_repeat: NEW_PASSWORD }).toString(),
    });
    expect(res.statusCode).toBe(403);
  });
});

describe('removing a passkey', () => {
  it('removes the actor’s own passkey and audits it', async () => {
    const { user, passkeyId } = await userWithPasskey();
    const s = await signIn(t.app, user);
    const res = await postAs(t.app, s, '/de/staff/account/passkeys/remove', { id: passkeyId });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/de/staff/account?done=passkey_removed');
    const left = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('webauthn_credential').select('id').where('id', '=', passkeyId).execute(),
    );
    expect(left).toEqual([]);
    expect(
      (await auditEvents(t.app)).some((e) => e.event === 'auth.mfa_passkey_removed' && e.object_id === passkeyId),
    ).toBe(true);
  });

  it('cannot remove someone else’s passkey (404), not even in the same centre', async () => {
    const { user: owner, passkeyId } = await userWithPasskey();
    const intruder = await createUser(t.app, { role: 'centre_lead', centreId: owner.centreId! });
    const s = await signIn(t.app, intruder);
    expect((await postAs(t.app, s, '/de/staff/account/passkeys/remove', { id: passkeyId })).statusCode).toBe(404);
    const still = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('webauthn_credential').select('id').where('id', '=', passkeyId).execute(),
    );
    expect(still).toHaveLength(1);
  });

  it('needs a recent re-authentication', async () => {
    const { user, passkeyId } = await userWithPasskey();
    const s = await signIn(t.app, user);
    clock.advance(11 * 60_000);
    const res = await postAs(t.app, s, '/de/staff/account/passkeys/remove', { id: passkeyId });
    expect(res.headers.location).toMatch(/^\/de\/staff\/reauth/);
    const still = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('webauthn_credential').select('id').where('id', '=', passkeyId).execute(),
    );
    expect(still).toHaveLength(1);
  });
});

describe('recovery codes', () => {
  it('a new set replaces the old one, is shown once and audited', async () => {
    const user = await createUser(t.app, { role: 'admin' });
    const s = await signIn(t.app, user);
    const first = await postAs(t.app, s, '/de/staff/account/recovery-codes');
    expect(first.statusCode).toBe(200);
    const codes = recoveryCodesIn(first.body);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    const second = recoveryCodesIn((await postAs(t.app, s, '/de/staff/account/recovery-codes')).body);
    expect(second.some((c) => codes.includes(c))).toBe(false);
    const rows = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('recovery_code').select('code_hash').where('user_id', '=', user.id).execute(),
    );
    expect(rows).toHaveLength(10);
    expect(JSON.stringify(rows)).not.toContain(second[0]!);
    expect((await page(s)).body).toContain('noch 10 unbenutzte Codes');
    expect(
      (await auditEvents(t.app)).filter(
        (e) => e.event === 'auth.mfa_recovery_codes_regenerated' && e.actor_id === user.id,
      ),
    ).toHaveLength(2);
  });

  it('needs a recent re-authentication and the CSRF token', async () => {
    const user = await createUser(t.app, { role: 'admin' });
    const s = await signIn(t.app, user);
    const noToken = await postForm(t.app, '/de/staff/account/recovery-codes', {}, { cookie: s.cookie });
    expect(noToken.statusCode).toBe(403);
    clock.advance(11 * 60_000);
    const stale = await postAs(t.app, s, '/de/staff/account/recovery-codes');
    expect(stale.statusCode).toBe(303);
    expect(recoveryCodesIn(stale.body)).toEqual([]);
  });
});
