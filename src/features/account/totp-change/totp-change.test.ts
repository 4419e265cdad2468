/**
 * Changing the authenticator app: only after re-authentication, nothing
 * changes until a code from the new app confirms it, then only the new app
 * works, and the change is audited.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { appForFile } from '../../../../test/support/app.ts';
import { createUser, fakeClock, postAs, postForm, signIn } from '../../../../test/support/auth.ts';
import type { Session, TestUser } from '../../../../test/support/auth.ts';
import { readTotpSecret } from '../../../platform/auth/totp-secret.ts';
import { withScope } from '../../../platform/db/tenant.ts';
import { generateTotp, totpStep } from '../../../platform/security/totp.ts';
import { auditEvents, hiddenValue, secretIn } from '../test-support.ts';
import { openPendingSecret, sealPendingSecret } from './pending-secret.ts';

const clock = fakeClock();

const t = appForFile({}, { clock });
beforeEach(() => clock.advance(60_000));

const setupPage = (s: Session) =>
  t.app.inject({ method: 'GET', url: '/de/staff/account/totp', headers: { cookie: s.cookie } });

async function stored(user: TestUser) {
  return withScope(t.app.database.db, { kind: 'admin' }, async (trx) => {
    const row = await trx
      .selectFrom('app_user')
      .select(['totp_secret', 'totp_last_step'])
      .where('id', '=', user.id)
      .executeTakeFirstOrThrow();
    return {
      cipher: row.totp_secret,
      lastStep: row.totp_last_step == null ? null : Number(row.totp_last_step),
      secret: (await readTotpSecret(trx, t.app.keys.encryption, user.id))?.secret,
    };
  });
}

async function start(role: TestUser['role'] = 'counsellor') {
  const user = await createUser(t.app, { role });
  const s = await signIn(t.app, user);
  const page = await setupPage(s);
  expect(page.statusCode).toBe(200);
  return { user, s, page, secret: secretIn(page.body), state: hiddenValue(page.body, 'state') };
}

const enrolled = (userId: string) =>
  auditEvents(t.app).then((all) => all.filter((e) => e.event === 'auth.mfa_totp_enrolled' && e.object_id === userId));

describe('changing the authenticator app', () => {
  it('needs a recent re-authentication, for the page and the post', async () => {
    const { user, s, secret, state } = await start();
    const before = await stored(user);
    clock.advance(11 * 60_000);
    const page = await setupPage(s);
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/de/staff/reauth?next=%2Fde%2Fstaff%2Faccount%2Ftotp');
    const post = await postAs(t.app, s, '/de/staff/account/totp', { state, code: generateTotp(secret, clock.now()) });
    expect(post.statusCode).toBe(303);
    expect(post.headers.location).toBe('/de/staff/reauth?next=%2Fde%2Fstaff%2Faccount%2Ftotp');
    expect(await stored(user)).toEqual(before);
    expect(await enrolled(user.id)).toEqual([]);
  });

  it('shows a new secret as QR code and text, and changes nothing until confirmed', async () => {
    const { user, page, secret } = await start();
    expect(page.body).toContain('<svg role="img"');
    expect(page.body).not.toContain('style=');
    expect(page.headers['cache-control']).toBe('no-store');
    expect(secret).not.toBe(user.totpSecret);
    expect((await stored(user)).secret).toBe(user.totpSecret);
  });

  it('replaces the secret on a valid code, marks that code used, audits — and only the new app signs in', async () => {
    const { user, s, secret, state } = await start();
    const code = generateTotp(secret, clock.now());
    const res = await postAs(t.app, s, '/de/staff/account/totp', { state, code });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Die neue Authenticator-App gilt jetzt');
    const after = await stored(user);
    expect(after.secret).toBe(secret);
    expect(after.cipher).not.toContain(secret);
    expect(after.lastStep).toBe(totpStep(clock.now()));
    const events = await enrolled(user.id);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_id: user.id, centre_id: user.centreId, details: { replaced: true } });
    clock.advance(30_000);
    await expect(signIn(t.app, { ...user, totpSecret: secret })).resolves.toBeDefined();
    clock.advance(30_000);
    await expect(signIn(t.app, user)).rejects.toThrow(/second-factor step/);
  });

  it('refuses a wrong code, a tampered or foreign state and unknown fields, changing nothing', async () => {
    const { user, s, secret, state } = await start();
    const other = await signIn(t.app, user);
    const before = await stored(user);
    const code = generateTotp(secret, clock.now());

    const wrong = await postAs(t.app, s, '/de/staff/account/totp', {
      state,
      code: code === '000000' ? '111111' : '000000',
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.body).toContain('id="f-code-error"');
    expect(secretIn(wrong.body)).toBe(secret); // same set-up, try again

    // Flip a character well inside the ciphertext: the last base64 characters may carry only padding bits.
    const at = state.length - 12;
    const flipped = `${state.slice(0, at)}${state[at] === 'A' ? 'B' : 'A'}${state.slice(at + 1)}`;
    const tampered = await postAs(t.app, s, '/de/staff/account/totp', { state: flipped, code });
    expect(tampered.statusCode).toBe(400);
    expect(secretIn(tampered.body)).not.toBe(secret);

    // A state made for another session (even of the same user) does not open.
    expect((await postAs(t.app, other, '/de/staff/account/totp', { state, code })).statusCode).toBe(400);

    expect((await postAs(t.app, s, '/de/staff/account/totp', { state, code, totp_secret: 'AAAA' })).statusCode).toBe(
      400,
    );
    expect((await postAs(t.app, s, '/de/staff/account/totp', { code })).statusCode).toBe(400);
    expect((await postAs(t.app, s, '/de/staff/account/totp', { state: 'x'.repeat(5000), code })).statusCode).toBe(400);
    expect(await stored(user)).toEqual(before);
    expect(await enrolled(user.id)).toEqual([]);
  });

  it('a sealed set-up opens only for its user and session, and only for ten minutes', () => {
    const owner = { userId: '00000000-0000-4000-8000-000000000001', centreId: null, sessionHash: 'a'.repeat(64) };
    const now = clock.now();
    const sealed = sealPendingSecret(t.app.keys.server, owner, 'A'.repeat(32), now);
    expect(openPendingSecret(t.app.keys.server, owner, sealed, new Date(now.getTime() + 10 * 60_000 - 1))).toBe(
      'A'.repeat(32),
    );
    expect(openPendingSecret(t.app.keys.server, owner, sealed, new Date(now.getTime() + 10 * 60_000))).toBeNull();
    expect(openPendingSecret(t.app.keys.server, { ...owner, sessionHash: 'b'.repeat(64) }, sealed, now)).toBeNull();
    expect(
      openPendingSecret(t.app.keys.server, { ...owner, userId: '00000000-0000-4000-8000-000000000002' }, sealed, now),
    ).toBeNull();
    expect(openPendingSecret(t.app.keys.server, owner, 'nonsense', now)).toBeNull();
  });

  it('needs the CSRF token', async () => {
    const { user, s, secret, state } = await start();
    const before = await stored(user);
    const res = await postForm(
      t.app,
      '/de/staff/account/totp',
      { state, code: generateTotp(secret, clock.now()) },
      { cookie: s.cookie },
    );
    expect(res.statusCode).toBe(403);
    expect(await stored(user)).toEqual(before);
  });
});
