/**
 * Brute-force limits (checklist #4): per account (5 failures / 15 min) and
 * per address (20 / 15 min), 429 with Retry-After, counted on the password
 * and the second-factor step alike, reset for the account on success.
 */
import { describe, expect, it } from 'vitest';
import { ACCOUNT_LIMIT, IP_LIMIT } from '../../platform/auth/throttle.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { appForFile } from '../../../test/support/app.ts';
import {
  createUser,
  csrfFrom,
  fakeClock,
  form,
  nextTotpCode,
  postForm,
  sessionCookieFrom,
  signIn,
} from '../../../test/support/auth.ts';

const clock = fakeClock();
let n = 0;
const t = appForFile({}, { clock });

const freshIp = () => `198.51.100.${++n}`;

function attempt(email: string, password: string, remoteAddress = freshIp()) {
  return t.app.inject({ method: 'POST', url: '/en/staff/sign-in', remoteAddress, ...form({ email, password }) });
}

describe('per account', () => {
  it('answers the 5th failure with 429 and Retry-After, and then refuses even the right password', async () => {
    const user = await createUser(t.app, { role: 'admin' });
    for (let i = 1; i < ACCOUNT_LIMIT.max; i++) expect((await attempt(user.email, `wrong ${i}`)).statusCode).toBe(401);
    const locked = await attempt(user.email, 'wrong again');
    expect(locked.statusCode).toBe(429);
    expect(locked.headers['retry-after']).toBe(String(ACCOUNT_LIMIT.lockMs / 1000));
    expect(locked.body).toContain('Too many failed attempts');
    const right = await attempt(user.email, user.password);
    expect(right.statusCode).toBe(429);
    expect(right.headers['set-cookie']).toBeUndefined();
    expect(Number(right.headers['retry-after'])).toBeGreaterThan(0);

    clock.advance(ACCOUNT_LIMIT.lockMs);
    expect((await attempt(user.email, user.password)).statusCode).toBe(303);
  });

  it('locks unknown addresses exactly like real ones (no enumeration through the lock)', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < ACCOUNT_LIMIT.max; i++)
      statuses.push((await attempt('nobody-here@example.org', `guess ${i}`)).statusCode);
    expect(statuses).toEqual([401, 401, 401, 401, 429]);
  });

  it('counts second-factor failures too', async () => {
    const user = await createUser(t.app, { role: 'coordination' });
    for (let i = 0; i < 3; i++) expect((await attempt(user.email, 'wrong')).statusCode).toBe(401);
    const first = await attempt(user.email, user.password);
    const cookie = sessionCookieFrom(first);
    const csrf = csrfFrom((await t.app.inject({ url: '/en/staff/second-factor', headers: { cookie } })).body);
    const wrongCode = () =>
      postForm(
        t.app,
        '/en/staff/second-factor',
        { _csrf: csrf, method: 'totp', code: '000000' },
        { cookie },
        freshIp(),
      );
    expect((await wrongCode()).statusCode).toBe(401);
    const fifth = await wrongCode();
    expect(fifth.statusCode).toBe(429);
    expect(fifth.headers['retry-after']).toBeDefined();
    // Even a right code is not looked at while locked.
    const right = await postForm(
      t.app,
      '/en/staff/second-factor',
      { _csrf: csrf, method: 'totp', code: await nextTotpCode(t.app, user) },
      { cookie },
    );
    expect(right.statusCode).toBe(429);
    clock.advance(ACCOUNT_LIMIT.lockMs);
  });

  it('forgets the account’s failures after a successful sign-in', async () => {
    const user = await createUser(t.app, { role: 'admin' });
    for (let i = 0; i < ACCOUNT_LIMIT.max - 1; i++) await attempt(user.email, 'wrong');
    await signIn(t.app, user);
    for (let i = 0; i < ACCOUNT_LIMIT.max - 1; i++) expect((await attempt(user.email, 'wrong')).statusCode).toBe(401);
  });

  it('stores only keyed hashes, never the address or e-mail', async () => {
    const keys = await t.database.db.selectFrom('auth_throttle').select('key').execute();
    expect(keys.length).toBeGreaterThan(0);
    for (const { key } of keys) expect(key).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('per address', () => {
  it('answers the 20th failure from one address with 429, across different accounts', async () => {
    clock.advance(IP_LIMIT.windowMs);
    const address = '203.0.113.7';
    const user = await createUser(t.app, { role: 'counsellor' });
    for (let i = 1; i < IP_LIMIT.max; i++) {
      expect((await attempt(`person-${i}@example.org`, 'guess', address)).statusCode, `attempt ${i}`).toBe(401);
    }
    const last = await attempt('person-last@example.org', 'guess', address);
    expect(last.statusCode).toBe(429);
    expect(last.headers['retry-after']).toBe(String(IP_LIMIT.lockMs / 1000));
    // Other accounts from that address wait too; the same account elsewhere does not.
    expect((await attempt(user.email, user.password, address)).statusCode).toBe(429);
    expect((await attempt(user.email, user.password, '203.0.113.8')).statusCode).toBe(303);
    const failed = await withScope(t.database.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('audit_log').select('details').where('event', '=', 'auth.sign_in_failed').execute(),
    );
    expect(failed.length).toBeGreaterThanOrEqual(IP_LIMIT.max);
    expect(JSON.stringify(failed)).not.toContain('@');
    expect(JSON.stringify(failed)).not.toContain('203.0.113');
  });
});
