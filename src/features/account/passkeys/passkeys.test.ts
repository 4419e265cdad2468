/**
 * Passkeys with a software authenticator: adding one on the account page and
 * signing in with it as the second factor — and the refusals: wrong origin,
 * missing user verification, wrong or reused challenge, replayed counter,
 * someone else's credential, stale re-authentication.
 */
import { createHash } from 'node:crypto';
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appForFile } from '../../../../test/support/app.ts';
import {
  createUser,
  csrfFrom,
  fakeClock,
  postAs,
  postEmptyJson,
  postForm,
  sessionCookieFrom,
  signIn,
  signInRestricted,
} from '../../../../test/support/auth.ts';
import type { Session, TestUser } from '../../../../test/support/auth.ts';
import { directSession } from '../../../../test/support/security.ts';
import { withScope } from '../../../platform/db/tenant.ts';
import { replaceRecoveryCodes } from '../queries.ts';
import { auditEvents } from '../test-support.ts';
import { SoftAuthenticator } from './test-authenticator.ts';

const clock = fakeClock();
const ORIGIN = 'http://localhost:3000';

const t = appForFile({}, { clock });
beforeEach(() => clock.advance(60_000));

function postJson(url: string, s: Session, body: unknown) {
  return t.app.inject({
    method: 'POST',
    url,
    headers: {
      cookie: s.cookie,
      'x-csrf-token': s.csrf,
      'content-type': 'application/json',
      accept: 'application/json',
    },
    payload: JSON.stringify(body),
  });
}

async function passkeysOf(userId: string) {
  return withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
    trx
      .selectFrom('webauthn_credential')
      .select(['id', 'name', 'counter', 'centre_id'])
      .where('user_id', '=', userId)
      .execute(),
  );
}

/** Ask for creation options and register `auth`'s key, optionally spoiled. */
async function register(
  s: Session,
  auth: SoftAuthenticator,
  spoil: Parameters<SoftAuthenticator['register']>[1] = {},
  name = 'Laptop',
) {
  const opt = await postJson('/de/staff/account/passkeys/options', s, {});
  expect(opt.statusCode).toBe(200);
  return postJson('/de/staff/account/passkeys', s, { name, credential: auth.register(opt.json(), spoil) });
}

/** Password step of a sign-in: the pending session and its CSRF token. */
async function passwordStep(user: TestUser): Promise<Session> {
  const first = await postForm(t.app, '/de/staff/sign-in', { email: user.email, password: user.password });
  expect(first.statusCode).toBe(303);
  const cookie = sessionCookieFrom(first);
  const page = await t.app.inject({ method: 'GET', url: '/de/staff/second-factor', headers: { cookie } });
  return { cookie, csrf: csrfFrom(page.body) };
}

/** Second factor by passkey: options, then the (optionally spoiled) assertion. */
async function passkeyStep(
  pending: Session,
  auth: SoftAuthenticator,
  spoil: Parameters<SoftAuthenticator['assert']>[1] = {},
  next?: string,
) {
  const opt = await postJson('/de/staff/passkey/options', pending, {});
  expect(opt.statusCode).toBe(200);
  return postJson('/de/staff/passkey/verify', pending, {
    credential: auth.assert(opt.json(), spoil),
    ...(next ? { next } : {}),
  });
}

function hasSessionCookie(res: { headers: Record<string, unknown> }): boolean {
  const raw = res.headers['set-cookie'];
  const all = Array.isArray(raw) ? raw : typeof raw === 'string' ? [raw] : [];
  return all.some((c) => /^__Host-sn_session=[A-Za-z0-9_-]{43};/.test(c));
}

describe('adding a passkey', () => {
  let user: TestUser;
  let s: Session;
  beforeAll(async () => {
    user = await createUser(t.app, { role: 'counsellor' });
    s = await signIn(t.app, user);
  });

  it('offers creation options bound to our origin, with user verification required', async () => {
    const res = await postJson('/de/staff/account/passkeys/options', s, {});
    expect(res.statusCode).toBe(200);
    const o = res.json();
    expect(o.rp).toEqual({ name: 'Schutznetz', id: 'localhost' });
    expect(o.authenticatorSelection.userVerification).toBe('required');
    expect(o.attestation).toBe('none');
    expect(o.challenge).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(Buffer.from(o.user.id, 'base64url').toString('hex')).toBe(user.id.replaceAll('-', ''));
  });

  it('stores a verified passkey and audits it', async () => {
    const auth = new SoftAuthenticator('localhost', ORIGIN);
    const res = await register(s, auth, {}, '  Laptop  ');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ redirect: '/de/staff/account?done=passkey_added' });
    expect(await passkeysOf(user.id)).toEqual([
      { id: auth.id, name: 'Laptop', counter: '0', centre_id: user.centreId },
    ]);
    const e = (await auditEvents(t.app)).find((x) => x.event === 'auth.mfa_passkey_added');
    expect(e).toMatchObject({ actor_id: user.id, object_id: auth.id, centre_id: user.centreId });
  });

  const refusals: [string, Parameters<SoftAuthenticator['register']>[1]][] = [
    ['a wrong origin', { origin: 'https://evil.example' }],
    ['a wrong relying party', { rpId: 'evil.example' }],
    ['missing user verification', { noUserVerification: true }],
    ['a wrong challenge', { challenge: Buffer.alloc(32, 7).toString('base64url') }],
    ['a wrong ceremony type', { type: 'webauthn.get' }],
  ];
  for (const [what, spoil] of refusals) {
    it(`refuses ${what} and stores nothing`, async () => {
      const before = (await passkeysOf(user.id)).length;
      const res = await register(s, new SoftAuthenticator('localhost', ORIGIN), spoil);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: 'not_verified' });
      expect(await passkeysOf(user.id)).toHaveLength(before);
    });
  }

  it('uses each challenge once: a replayed registration is refused', async () => {
    const auth = new SoftAuthenticator('localhost', ORIGIN);
    const opt = await postJson('/de/staff/account/passkeys/options', s, {});
    const credential = auth.register(opt.json());
    const spoiled = auth.register(opt.json(), { origin: 'https://evil.example' });
    expect((await postJson('/de/staff/account/passkeys', s, { name: 'A', credential: spoiled })).statusCode).toBe(400);
    // The failed attempt consumed the challenge.
    expect((await postJson('/de/staff/account/passkeys', s, { name: 'A', credential })).statusCode).toBe(400);
    // Without asking for options first there is no challenge at all.
    expect((await postJson('/de/staff/account/passkeys', s, { name: 'A', credential })).statusCode).toBe(400);
    expect((await passkeysOf(user.id)).map((p) => p.id)).not.toContain(auth.id);
  });

  it('refuses the same authenticator twice', async () => {
    const auth = new SoftAuthenticator('localhost', ORIGIN);
    expect((await register(s, auth)).statusCode).toBe(200);
    const again = await register(s, auth);
    expect(again.statusCode).toBe(400);
    expect(again.json()).toEqual({ error: 'already_registered' });
  });

  it('refuses malformed bodies with 400', async () => {
    const auth = new SoftAuthenticator('localhost', ORIGIN);
    const opt = await postJson('/de/staff/account/passkeys/options', s, {});
    const good = auth.register(opt.json());
    for (const body of [
      { name: 'A', credential: good, userId: 'x' },
      { name: 'A', credential: { ...good, type: 'password' } },
      { name: 'A', credential: { ...good, response: { ...good.response, attestationObject: 'kein base64url!' } } },
      { name: 'A\nB', credential: good },
      { credential: { ...good, publicKey: 'x' } },
      'text',
    ]) {
      const res = await postJson('/de/staff/account/passkeys', s, body);
      expect(res.statusCode, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    expect((await postJson('/de/staff/account/passkeys/options', s, { challenge: 'mine' })).statusCode).toBe(400);
  });

  it('needs a recent re-authentication (403 with the way there)', async () => {
    const fresh = await signIn(t.app, user);
    clock.advance(11 * 60_000);
    const res = await postJson('/de/staff/account/passkeys/options', fresh, {});
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({ error: 'reauth_required', redirect: '/de/staff/reauth?next=%2Fde%2Fstaff%2Faccount' });
  });

  it('needs the CSRF token and a session', async () => {
    const noToken = await postEmptyJson(t.app, '/de/staff/account/passkeys/options', { cookie: s.cookie });
    expect(noToken.statusCode).toBe(403);
    const noSession = await postEmptyJson(t.app, '/de/staff/account/passkeys/options', { accept: 'application/json' });
    expect(noSession.statusCode).toBe(401);
  });
});

describe('signing in with a passkey as the second factor', () => {
  let user: TestUser;
  let auth: SoftAuthenticator;
  beforeAll(async () => {
    user = await createUser(t.app, { role: 'centre_lead' });
    auth = new SoftAuthenticator('localhost', ORIGIN);
    const s = await signIn(t.app, user);
    expect((await register(s, auth)).statusCode).toBe(200);
  });
  // Each test starts with clean failure counters (the limits get their own test).
  beforeEach(async () => {
    await t.app.database.db.deleteFrom('auth_throttle').execute();
  });

  it('completes the sign-in with a new full session', async () => {
    const pending = await passwordStep(user);
    const opt = await postJson('/de/staff/passkey/options', pending, {});
    expect(opt.statusCode).toBe(200);
    expect(opt.json()).toMatchObject({
      rpId: 'localhost',
      userVerification: 'required',
      allowCredentials: [{ id: auth.id, type: 'public-key' }],
    });
    const res = await postJson('/de/staff/passkey/verify', pending, {
      credential: auth.assert(opt.json()),
      next: '/de/staff/account',
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ redirect: '/de/staff/account' });
    expect(hasSessionCookie(res)).toBe(true);
    const cookie = sessionCookieFrom(res);
    expect(cookie).not.toBe(pending.cookie);
    expect((await t.app.inject({ method: 'GET', url: '/de/staff/account', headers: { cookie } })).statusCode).toBe(200);
    // The pending session is gone.
    expect(
      (await t.app.inject({ method: 'GET', url: '/de/staff/second-factor', headers: { cookie: pending.cookie } }))
        .statusCode,
    ).toBe(303);
    expect((await passkeysOf(user.id))[0]!.counter).toBe(String(auth.counter));
    const e = (await auditEvents(t.app)).filter((x) => x.event === 'auth.sign_in' && x.actor_id === user.id).at(-1);
    expect(e?.details).toEqual({ method: 'passkey' });
  });

  it('offers the passkey button (hidden until passkey.js runs) on the second-factor page', async () => {
    const pending = await passwordStep(user);
    const page = await t.app.inject({
      method: 'GET',
      url: '/de/staff/second-factor',
      headers: { cookie: pending.cookie },
    });
    expect(page.body).toMatch(/<form[^>]*data-passkey="authenticate"[^>]*hidden/);
    expect(page.body).toMatch(/<script src="\/assets\/passkey\.[0-9a-f]+\.js" defer/);
    expect(page.body).toContain('name="code"'); // TOTP without JavaScript stays
  });

  it('never redirects off-site', async () => {
    const res = await passkeyStep(await passwordStep(user), auth, {}, 'https://evil.example/');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ redirect: '/de/staff' });
  });

  const refusals: [string, Parameters<SoftAuthenticator['assert']>[1]][] = [
    ['a wrong origin', { origin: 'https://evil.example' }],
    ['a wrong relying party', { rpId: 'evil.example' }],
    ['missing user verification', { noUserVerification: true }],
    ['a wrong challenge', { challenge: Buffer.alloc(32, 9).toString('base64url') }],
    ['a replayed signature counter', { counter: 0 }],
  ];
  for (const [what, spoil] of refusals) {
    it(`refuses ${what}: no session, an audit entry`, async () => {
      const pending = await passwordStep(user);
      const spoilNow = what.includes('counter') ? { counter: auth.counter } : spoil;
      const res = await passkeyStep(pending, auth, spoilNow);
      expect(res.statusCode).toBe(400);
      expect(res.json()).toEqual({ error: 'not_verified' });
      expect(hasSessionCookie(res)).toBe(false);
      expect(
        (await t.app.inject({ method: 'GET', url: '/de/staff', headers: { cookie: pending.cookie } })).statusCode,
      ).not.toBe(200);
      const e = (await auditEvents(t.app))
        .filter((x) => x.event === 'auth.sign_in_failed' && x.object_id === user.id)
        .at(-1);
      expect(e?.details).toEqual({ step: 'second_factor', reason: 'wrong_passkey', locked: false });
      if (!what.includes('counter')) auth.counter--; // the spoiled assertion used up no real counter value
    });
  }

  it('uses each challenge once', async () => {
    const pending = await passwordStep(user);
    const opt = await postJson('/de/staff/passkey/options', pending, {});
    const credential = auth.assert(opt.json());
    const bad = await postJson('/de/staff/passkey/verify', pending, {
      credential: auth.assert(opt.json(), { origin: 'https://evil.example', counter: auth.counter + 5 }),
    });
    expect(bad.statusCode).toBe(400);
    const replay = await postJson('/de/staff/passkey/verify', pending, { credential });
    expect(replay.statusCode).toBe(400);
  });

  it('counts failures against the account: the fifth locks it (429 with Retry-After), even for a valid passkey', async () => {
    const pending = await passwordStep(user);
    const codes: number[] = [];
    for (let i = 0; i < 5; i++) {
      const res = await passkeyStep(pending, auth, { origin: 'https://evil.example' });
      auth.counter--;
      codes.push(res.statusCode);
    }
    expect(codes).toEqual([400, 400, 400, 400, 429]);
    const locked = await passkeyStep(pending, auth);
    expect(locked.statusCode).toBe(429);
    expect(Number(locked.headers['retry-after'])).toBeGreaterThan(0);
    expect(hasSessionCookie(locked)).toBe(false);
  });

  it('refuses another user’s passkey', async () => {
    const other = await createUser(t.app, { role: 'centre_lead', centreId: user.centreId! });
    const otherAuth = new SoftAuthenticator('localhost', ORIGIN);
    expect((await register(await signIn(t.app, other), otherAuth)).statusCode).toBe(200);
    const pending = await passwordStep(user);
    const res = await passkeyStep(pending, otherAuth);
    expect(res.statusCode).toBe(400);
    expect(hasSessionCookie(res)).toBe(false);
  });

  it('is only for the pending step of a sign-in', async () => {
    const none = await postEmptyJson(t.app, '/de/staff/passkey/options', { accept: 'application/json' });
    expect(none.statusCode).toBe(401);
    const full = await signIn(t.app, user);
    expect((await postJson('/de/staff/passkey/options', full, {})).statusCode).toBe(401);
    const pending = await passwordStep(user);
    const noToken = await postEmptyJson(t.app, '/de/staff/passkey/options', { cookie: pending.cookie });
    expect(noToken.statusCode).toBe(403);
  });

  it('answers 404 when the user has no passkey (the TOTP form remains)', async () => {
    const plain = await createUser(t.app, { role: 'coordination' });
    const pending = await passwordStep(plain);
    const res = await postJson('/de/staff/passkey/options', pending, {});
    expect(res.statusCode).toBe(404);
    expect(res.json()).toEqual({ error: 'no_passkey' });
  });
});

describe('administrators must complete the sign-in with a passkey (checklist #1)', () => {
  let admin: TestUser;
  let auth: SoftAuthenticator;
  beforeAll(async () => {
    admin = await createUser(t.app, { role: 'admin', passkey: false });
    auth = new SoftAuthenticator('localhost', ORIGIN);
  });
  beforeEach(async () => {
    await t.app.database.db.deleteFrom('auth_throttle').execute();
  });

  const get = (s: Session, url: string, accept?: string) =>
    t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie, ...(accept ? { accept } : {}) } });
  const factorOf = async (s: Session) => {
    const token = s.cookie.split('=')[1]!;
    const row = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx
        .selectFrom('user_session')
        .select(['stage', 'second_factor'])
        .where('token_hash', '=', createHash('sha256').update(token).digest('hex'))
        .executeTakeFirst(),
    );
    return row ?? null;
  };

  it('the second-factor page tells an administrator that a code only allows setting up a passkey', async () => {
    const pending = await passwordStep(admin);
    const page = await t.app.inject({
      method: 'GET',
      url: '/de/staff/second-factor',
      headers: { cookie: pending.cookie },
    });
    expect(page.body).toContain(
      'Als Administratorin oder Administrator bestätigen Sie die Anmeldung mit Ihrem Passkey',
    );
    const counsellor = await passwordStep(await createUser(t.app, { role: 'counsellor' }));
    const other = await t.app.inject({
      method: 'GET',
      url: '/de/staff/second-factor',
      headers: { cookie: counsellor.cookie },
    });
    expect(other.body).not.toContain('Administratorin');
  });

  it('a TOTP sign-in gives a restricted session that reaches only the passkey set-up', async () => {
    const s = await signInRestricted(t.app, admin);
    expect(await factorOf(s)).toEqual({ stage: 'full', second_factor: 'totp' });
    for (const url of [
      '/de/staff',
      '/de/staff/users',
      '/de/staff/outbox',
      '/de/staff/account',
      '/de/staff/sessions',
      '/de/staff/audit',
    ]) {
      const res = await get(s, url);
      expect(`${res.statusCode} ${String(res.headers.location)}`, url).toBe('303 /de/staff/passkey-setup');
    }
    // JSON clients (passkey.js) get a 403 that names the way.
    const json = await postJson('/de/staff/account/passkeys/options', s, {});
    expect(json.statusCode).toBe(403);
    expect(json.json()).toEqual({ error: 'passkey_required', status: 403, redirect: '/de/staff/passkey-setup' });
    // Forms are refused the same way, and nothing is done.
    const invite = await postAs(t.app, s, '/de/staff/users/invite', { email: 'x@example.org', role: 'coordination' });
    expect(`${invite.statusCode} ${String(invite.headers.location)}`).toBe('303 /de/staff/passkey-setup');
    // The sign-in itself is audited with the factor used.
    const e = (await auditEvents(t.app)).filter((x) => x.event === 'auth.sign_in' && x.actor_id === admin.id).at(-1);
    expect(e?.details).toEqual({ method: 'totp' });
  });

  it('the set-up page explains why, in German and English, with the form and a sign-out button', async () => {
    const s = await signInRestricted(t.app, admin);
    const de = await get(s, '/de/staff/passkey-setup');
    expect(de.statusCode).toBe(200);
    expect(de.body).toContain('Administratorinnen und Administratoren melden sich mit einem Passkey an.');
    expect(de.body).toContain('Damit können Sie nur einen Passkey hinzufügen');
    expect(de.body).toMatch(/<form[^>]*data-passkey="register"[^>]*data-options="\/de\/staff\/passkey-setup\/options"/);
    expect(de.body).toMatch(/<script src="\/assets\/passkey\.[0-9a-f]+\.js" defer/);
    expect(de.body).toContain('action="/de/staff/passkey-setup/sign-out"');
    // No account bar: its links would only lead back here.
    expect(de.body).not.toContain('href="/de/staff/sessions"');
    const en = await get(s, '/en/staff/passkey-setup');
    expect(en.body).toContain('Administrators sign in with a passkey.');
    expect(en.body).toContain('With that you can only add a passkey');
  });

  it('a recovery code gives the same restricted session', async () => {
    const codes = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      replaceRecoveryCodes(trx, t.app.keys.server, { id: admin.id, centreId: null }),
    );
    const pending = await passwordStep(admin);
    const res = await postAs(t.app, pending, '/de/staff/second-factor', {
      method: 'recovery',
      code: codes[0]!,
      next: '/de/staff/users',
    });
    expect(`${res.statusCode} ${String(res.headers.location)}`).toBe('303 /de/staff/passkey-setup');
    const s = { cookie: sessionCookieFrom(res), csrf: '' };
    expect(await factorOf(s)).toEqual({ stage: 'full', second_factor: 'recovery_code' });
    expect((await get(s, '/de/staff/users')).headers.location).toBe('/de/staff/passkey-setup');
  });

  it('a session from before the factor was recorded counts as "not a passkey"', async () => {
    const s = await directSession(t.app, { ...admin, passkey: new SoftAuthenticator('localhost', ORIGIN) });
    const token = s.cookie.split('=')[1]!;
    await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx
        .updateTable('user_session')
        .set({ second_factor: null })
        .where('token_hash', '=', createHash('sha256').update(token).digest('hex'))
        .execute(),
    );
    expect((await get(s, '/de/staff/users')).headers.location).toBe('/de/staff/passkey-setup');
  });

  it('setting up needs a fresh sign-in: after ten minutes, back to the sign-in', async () => {
    const s = await signInRestricted(t.app, admin);
    clock.advance(11 * 60_000);
    const res = await postJson('/de/staff/passkey-setup/options', s, {});
    expect(res.statusCode).toBe(403);
    expect(res.json()).toEqual({
      error: 'reauth_required',
      redirect: '/de/staff/sign-in?next=%2Fde%2Fstaff%2Fpasskey-setup',
    });
  });

  it('refuses a spoiled registration and stores nothing', async () => {
    const s = await signInRestricted(t.app, admin);
    const opt = await postJson('/de/staff/passkey-setup/options', s, {});
    expect(opt.statusCode).toBe(200);
    const res = await postJson('/de/staff/passkey-setup', s, {
      name: 'Böse',
      credential: auth.register(opt.json(), { noUserVerification: true }),
    });
    expect(res.statusCode).toBe(400);
    expect(res.json()).toEqual({ error: 'not_verified' });
    expect(await passkeysOf(admin.id)).toEqual([]);
    // The restricted session stays usable for another attempt.
    expect((await get(s, '/de/staff/passkey-setup')).statusCode).toBe(200);
  });

  it('adding a passkey ends the restricted session and asks for a new sign-in with it', async () => {
    const s = await signInRestricted(t.app, admin);
    const opt = await postJson('/de/staff/passkey-setup/options', s, {});
    expect(opt.statusCode).toBe(200);
    expect(opt.json()).toMatchObject({
      rp: { id: 'localhost' },
      authenticatorSelection: { userVerification: 'required' },
    });
    const res = await postJson('/de/staff/passkey-setup', s, {
      name: 'Sicherheitsschlüssel',
      credential: auth.register(opt.json()),
    });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ redirect: '/de/staff/sign-in?passkey_added=1' });
    expect(String(res.headers['set-cookie'])).toMatch(/^__Host-sn_session=;/);
    expect(await passkeysOf(admin.id)).toEqual([
      { id: auth.id, name: 'Sicherheitsschlüssel', counter: '0', centre_id: null },
    ]);
    const e = (await auditEvents(t.app)).find((x) => x.event === 'auth.mfa_passkey_added' && x.actor_id === admin.id);
    expect(e).toMatchObject({ object_id: auth.id, centre_id: null, details: { step: 'passkey_setup' } });
    // The restricted session is gone.
    expect(await factorOf(s)).toBeNull();
    expect((await get(s, '/de/staff/passkey-setup')).headers.location).toMatch(/^\/de\/staff\/sign-in/);
    const page = await t.app.inject({ method: 'GET', url: '/de/staff/sign-in?passkey_added=1' });
    expect(page.body).toContain('Der Passkey wurde hinzugefügt. Bitte melden Sie sich jetzt noch einmal an');
  });

  it('the sign-in with the passkey opens everything an administrator may use', async () => {
    const pending = await passwordStep(admin);
    const res = await passkeyStep(pending, auth, {}, '/de/staff/users');
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({ redirect: '/de/staff/users' });
    const s = { cookie: sessionCookieFrom(res), csrf: '' };
    expect(await factorOf(s)).toEqual({ stage: 'full', second_factor: 'passkey' });
    expect((await get(s, '/de/staff/users')).statusCode).toBe(200);
    expect((await get(s, '/de/staff/outbox')).statusCode).toBe(200);
    // Nothing left to set up.
    expect(`${(await get(s, '/de/staff/passkey-setup')).headers.location}`).toBe('/de/staff');
  });

  it('with a passkey registered, a TOTP sign-in is still restricted (for a lost passkey: add a new one)', async () => {
    const s = await signInRestricted(t.app, admin);
    const page = await get(s, '/de/staff/passkey-setup');
    expect(page.body).toContain('Für Ihr Konto ist schon 1 Passkey eingerichtet.');
    expect((await get(s, '/de/staff/users')).headers.location).toBe('/de/staff/passkey-setup');
  });

  it('signing out from the set-up page ends the session and is audited', async () => {
    const s = await signInRestricted(t.app, admin);
    const res = await postAs(t.app, s, '/de/staff/passkey-setup/sign-out');
    expect(`${res.statusCode} ${String(res.headers.location)}`).toBe('303 /de/staff/sign-in?signed_out=1');
    expect(await factorOf(s)).toBeNull();
    const e = (await auditEvents(t.app)).filter((x) => x.event === 'auth.sign_out' && x.actor_id === admin.id);
    expect(e.length).toBeGreaterThan(0);
    // Without the token it is refused like any other form.
    const again = await signInRestricted(t.app, admin);
    const forged = await postForm(t.app, '/de/staff/passkey-setup/sign-out', {}, { cookie: again.cookie });
    expect(forged.statusCode).toBe(403);
    expect(await factorOf(again)).toEqual({ stage: 'full', second_factor: 'totp' });
  });

  it('other roles are not affected: a TOTP sign-in is complete', async () => {
    const coordination = await createUser(t.app, { role: 'coordination' });
    const s = await signIn(t.app, coordination);
    expect(await factorOf(s)).toEqual({ stage: 'full', second_factor: 'totp' });
    expect((await get(s, '/de/staff/passkey-setup')).headers.location).toBe('/de/staff');
  });
});
