/**
 * The sign-in flow against the checklist: #1 (MFA always), #5 (no
 * enumeration), #7 (TOTP single use), #8 (new session id at login), #11
 * (cookie attributes), #16 (unknown fields → 400), and the audit rows.
 */
import { describe, expect, it } from 'vitest';
import { withScope } from '../../platform/db/tenant.ts';
import { hashRecoveryCode, generateRecoveryCodes } from '../../platform/security/recovery-codes.ts';
import { generateTotp } from '../../platform/security/totp.ts';
import { appForFile } from '../../../test/support/app.ts';
import {
  createUser,
  csrfFrom,
  fakeClock,
  form,
  nextTotpCode,
  postAs,
  postForm,
  sessionCookieFrom,
  signIn,
} from '../../../test/support/auth.ts';
import type { TestUser } from '../../../test/support/auth.ts';

let counter = 0;
const clock = fakeClock();
const t = appForFile({}, { clock });

/** Each test signs in from its own address so the per-address limit never interferes. */
function ip(): string {
  counter += 1;
  return `192.0.2.${counter}`;
}

async function passwordStep(user: Pick<TestUser, 'email' | 'password'>, remoteAddress = ip()) {
  return t.app.inject({
    method: 'POST',
    url: '/de/staff/sign-in',
    remoteAddress,
    ...form({ email: user.email, password: user.password }),
  });
}

async function pendingSession(user: TestUser) {
  const res = await passwordStep(user);
  expect(res.statusCode).toBe(303);
  const cookie = sessionCookieFrom(res);
  const page = await t.app.inject({ url: '/de/staff/second-factor', headers: { cookie } });
  return { cookie, csrf: csrfFrom(page.body), res };
}

async function auditEvents(userId: string): Promise<string[]> {
  const rows = await withScope(t.database.db, { kind: 'admin' }, (trx) =>
    trx
      .selectFrom('audit_log')
      .select('event')
      .where((eb) => eb.or([eb('actor_id', '=', userId), eb('object_id', '=', userId)]))
      .orderBy('at')
      .orderBy('seq')
      .execute(),
  );
  return rows.map((r) => r.event);
}

describe('session cookie', () => {
  it('is __Host-, Secure, HttpOnly, SameSite=Lax, Path=/, without Domain or lifetime', async () => {
    const user = await createUser(t.app, { role: 'coordination' });
    const { res } = await pendingSession(user);
    const raw = res.headers['set-cookie'];
    const line = (Array.isArray(raw) ? raw : [raw]).find((c) => c?.startsWith('__Host-sn_session='))!;
    const [pair, ...attrs] = line.split(';').map((s) => s.trim());
    expect(pair).toMatch(/^__Host-sn_session=[A-Za-z0-9_-]{43}$/);
    const names = attrs.map((a) => a.split('=')[0]!.toLowerCase());
    expect(names).toContain('secure');
    expect(names).toContain('httponly');
    expect(attrs).toContain('SameSite=Lax');
    expect(attrs).toContain('Path=/');
    expect(names).not.toContain('domain');
    expect(names).not.toContain('max-age');
    expect(names).not.toContain('expires');
  });

  it('is never set or read on public pages', async () => {
    const user = await createUser(t.app, { role: 'admin' });
    const s = await signIn(t.app, user);
    const res = await t.app.inject({ url: '/de/', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('sign-in', () => {
  it('needs both factors: a password-only session never reaches a staff page (checklist #1)', async () => {
    const user = await createUser(t.app, { role: 'admin' });
    const { cookie } = await pendingSession(user);
    for (const url of ['/de/staff', '/de/staff/sessions', '/en/staff/reauth']) {
      const res = await t.app.inject({ url, headers: { cookie } });
      expect(res.statusCode, url).toBe(303);
      expect(res.headers.location).toMatch(/^\/(de|en)\/staff\/sign-in/);
    }
    const json = await t.app.inject({ url: '/de/staff', headers: { cookie, accept: 'application/json' } });
    expect(json.statusCode).toBe(401);
  });

  it('issues a new session token after the second factor; the password-stage token is dead (checklist #8)', async () => {
    const user = await createUser(t.app, { role: 'centre_lead' });
    const pending = await pendingSession(user);
    const second = await postAs(t.app, pending, '/de/staff/second-factor', {
      method: 'totp',
      code: await nextTotpCode(t.app, user),
    });
    expect(second.statusCode).toBe(303);
    expect(second.headers.location).toBe('/de/staff');
    const full = sessionCookieFrom(second);
    expect(full).not.toBe(pending.cookie);
    expect((await t.app.inject({ url: '/de/staff', headers: { cookie: full } })).statusCode).toBe(200);
    const old = await t.app.inject({ url: '/de/staff/second-factor', headers: { cookie: pending.cookie } });
    expect(old.statusCode).toBe(303);
    expect((await t.app.inject({ url: '/de/staff', headers: { cookie: pending.cookie } })).statusCode).toBe(303);
    expect(await auditEvents(user.id)).toContain('auth.sign_in');
  });

  it('replaces a session the browser already had when signing in again', async () => {
    const user = await createUser(t.app, { role: 'admin' });
    const s = await signIn(t.app, user);
    const res = await postForm(
      t.app,
      '/de/staff/sign-in',
      { email: user.email, password: user.password },
      { cookie: s.cookie },
      ip(),
    );
    expect(res.statusCode).toBe(303);
    expect(sessionCookieFrom(res)).not.toBe(s.cookie);
    expect((await t.app.inject({ url: '/de/staff', headers: { cookie: s.cookie } })).statusCode).toBe(303);
  });

  it('answers unknown account and wrong password identically (checklist #5)', async () => {
    const user = await createUser(t.app, { role: 'counsellor' });
    const address = ip();
    const wrong = await passwordStep({ email: user.email, password: 'not the password at all' }, address);
    const unknown = await passwordStep(
      { email: `nobody-${counter}@example.org`, password: 'not the password at all' },
      address,
    );
    expect(wrong.statusCode).toBe(401);
    expect(unknown.statusCode).toBe(401);
    const strip = (body: string) => body.replace(/value="[^"]*@example\.org"/, 'value=""');
    expect(strip(unknown.body)).toBe(strip(wrong.body));
    expect(wrong.headers['set-cookie']).toEqual(unknown.headers['set-cookie']);
    expect(wrong.body).toContain('Die Anmeldung hat nicht geklappt');
    expect(await auditEvents(user.id)).toContain('auth.sign_in_failed');
  });

  it('takes similar time for unknown account and wrong password', async () => {
    const user = await createUser(t.app, { role: 'counsellor' });
    const time = async (email: string) => {
      const start = performance.now();
      await passwordStep({ email, password: 'not the password at all' });
      return performance.now() - start;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 3; i++) {
      known.push(await time(user.email));
      unknown.push(await time(`nobody-${i}@example.org`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[1]!;
    // Both sides run one argon2 verification; without it the unknown side would be ~100× faster.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.4);
  });

  it('does not let accounts without a second factor sign in, and the page says why', async () => {
    const user = await createUser(t.app, { role: 'admin', totp: false });
    const res = await passwordStep(user);
    expect(res.statusCode).toBe(401);
    expect(res.headers['set-cookie']).toBeUndefined();
    const page = await t.app.inject({ url: '/de/staff/sign-in' });
    expect(page.body).toContain('Einladung');
  });

  it('refuses a disabled account with the same generic answer', async () => {
    const user = await createUser(t.app, { role: 'admin' });
    await withScope(t.database.db, { kind: 'admin' }, (trx) =>
      trx.updateTable('app_user').set({ disabled_at: new Date() }).where('id', '=', user.id).execute(),
    );
    const res = await passwordStep(user);
    expect(res.statusCode).toBe(401);
  });

  it('refuses a TOTP code that was already used, even within its 30 seconds (checklist #7)', async () => {
    const user = await createUser(t.app, { role: 'coordination' });
    const code = await nextTotpCode(t.app, user);
    const first = await pendingSession(user);
    const ok = await postAs(t.app, first, '/de/staff/second-factor', { method: 'totp', code });
    expect(ok.statusCode).toBe(303);
    const again = await pendingSession(user);
    const replay = await postAs(t.app, again, '/de/staff/second-factor', { method: 'totp', code });
    expect(replay.statusCode).toBe(401);
    expect(replay.headers['set-cookie']).toBeUndefined();
    // An old code (two steps back) is refused too.
    const old = generateTotp(user.totpSecret!, t.app.clock.now().getTime() - 90_000);
    const stale = await postAs(t.app, again, '/de/staff/second-factor', { method: 'totp', code: old });
    expect(stale.statusCode).toBe(401);
  });

  it('accepts a recovery code once and audits its use', async () => {
    const user = await createUser(t.app, { role: 'centre_lead' });
    const codes = generateRecoveryCodes(3);
    await withScope(t.database.db, { kind: 'admin' }, (trx) =>
      trx
        .insertInto('recovery_code')
        .values(
          codes.map((c, idx) => ({
            user_id: user.id,
            centre_id: user.centreId,
            idx,
            code_hash: hashRecoveryCode(c, t.app.keys.server),
          })),
        )
        .execute(),
    );
    const a = await pendingSession(user);
    const typed = codes[1]!.toUpperCase().replace(/-/g, ' ');
    const ok = await postAs(t.app, a, '/de/staff/second-factor', { method: 'recovery', code: typed });
    expect(ok.statusCode).toBe(303);
    const b = await pendingSession(user);
    const reuse = await postAs(t.app, b, '/de/staff/second-factor', { method: 'recovery', code: codes[1]! });
    expect(reuse.statusCode).toBe(401);
    const events = await auditEvents(user.id);
    expect(events.filter((e) => e === 'auth.recovery_code_used')).toHaveLength(1);
  });

  it('offers the passkey button (with its script) only to users who have a passkey', async () => {
    const user = await createUser(t.app, { role: 'counsellor' });
    const without = await pendingSession(user);
    const plain = await t.app.inject({ url: '/de/staff/second-factor', headers: { cookie: without.cookie } });
    expect(plain.body).not.toContain('data-passkey');
    await withScope(t.database.db, { kind: 'admin' }, (trx) =>
      trx
        .insertInto('webauthn_credential')
        .values({
          id: 'test-credential',
          user_id: user.id,
          centre_id: user.centreId,
          public_key: Buffer.from([1]),
          counter: 0,
          transports: null,
          last_used_at: null,
        })
        .execute(),
    );
    const withKey = await t.app.inject({ url: '/de/staff/second-factor', headers: { cookie: without.cookie } });
    expect(withKey.body).toContain('data-passkey="authenticate"');
    expect(withKey.body).toMatch(/<script src="\/assets\/passkey\.[0-9a-f]+\.js"/);
  });

  it('needs the pending session’s CSRF token on the second-factor step', async () => {
    const user = await createUser(t.app, { role: 'admin' });
    const p = await pendingSession(user);
    const res = await postForm(
      t.app,
      '/de/staff/second-factor',
      { method: 'totp', code: '123456' },
      { cookie: p.cookie },
    );
    expect(res.statusCode).toBe(403);
    const none = await postForm(t.app, '/de/staff/second-factor', { method: 'totp', code: '123456' });
    expect(none.statusCode).toBe(303);
  });

  it('answers unknown or malformed form fields with 400 and writes nothing (checklist #16)', async () => {
    const user = await createUser(t.app, { role: 'admin' });
    const extra = await postForm(
      t.app,
      '/de/staff/sign-in',
      { email: user.email, password: user.password, role: 'admin' },
      {},
      ip(),
    );
    expect(extra.statusCode).toBe(400);
    expect(extra.headers['set-cookie']).toBeUndefined();
    const dup = await t.app.inject({
      method: 'POST',
      url: '/de/staff/sign-in',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `email=${encodeURIComponent(user.email)}&email=x&password=y`,
    });
    expect(dup.statusCode).toBe(400);
    const huge = await postForm(t.app, '/de/staff/sign-in', { email: user.email, password: 'x'.repeat(5000) });
    expect(huge.statusCode).toBe(400);
    const json = await t.app.inject({
      method: 'POST',
      url: '/de/staff/sign-in',
      headers: { 'content-type': 'application/json' },
      payload: '{"email":1}',
    });
    expect(json.statusCode).toBe(400);
    const p = await pendingSession(user);
    const sf = await postAs(t.app, p, '/de/staff/second-factor', { method: 'sms', code: '1' });
    expect(sf.statusCode).toBe(400);
  });

  it('goes back to a safe `next` only', async () => {
    // Not an administrator: their TOTP sign-in always leads to the passkey set-up (passkeys.test.ts).
    const user = await createUser(t.app, { role: 'coordination' });
    const signInWithNext = async (next: string) => {
      const res = await postForm(
        t.app,
        '/en/staff/sign-in',
        { email: user.email, password: user.password, next },
        {},
        ip(),
      );
      const cookie = sessionCookieFrom(res);
      const page = await t.app.inject({ url: res.headers.location as string, headers: { cookie } });
      const done = await postForm(
        t.app,
        '/en/staff/second-factor',
        { _csrf: csrfFrom(page.body), method: 'totp', code: await nextTotpCode(t.app, user), next },
        { cookie },
      );
      return done.headers.location;
    };
    expect(await signInWithNext('/en/staff/sessions')).toBe('/en/staff/sessions');
    clock.advance(31_000);
    expect(await signInWithNext('//evil.example/en/staff')).toBe('/en/staff');
  });

  it('sends signed-out visitors of staff pages to the sign-in page with a way back', async () => {
    const res = await t.app.inject({ url: '/en/staff/sessions' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/en/staff/sign-in?next=%2Fen%2Fstaff%2Fsessions');
    const api = await t.app.inject({ url: '/en/staff/sessions', headers: { accept: 'application/json' } });
    expect(api.statusCode).toBe(401);
  });
});
