/**
 * Accepting an invitation: the happy path to a usable account, and every way
 * it can fail — each leaving nothing behind. Expiry and single use run on a
 * fake clock.
 */
import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appForFile } from '../../../../test/support/app.ts';
import { createCentre, createUser, fakeClock, postAs, postForm, signIn } from '../../../../test/support/auth.ts';
import type { TestUser } from '../../../../test/support/auth.ts';
import { readTotpSecret } from '../../../platform/auth/totp-secret.ts';
import { withScope } from '../../../platform/db/tenant.ts';
import { generateTotp } from '../../../platform/security/totp.ts';
import { matchRecoveryCode } from '../../../platform/security/recovery-codes.ts';
import {
  acceptInvitation,
  accountRowCounts,
  auditEvents,
  GOOD_PASSWORD,
  hiddenValue,
  lastMailTo,
  secretIn,
  tokenIn,
} from '../test-support.ts';

let centre: string;
let admin: TestUser;
const clock = fakeClock();
let n = 0;

const t = appForFile({}, { clock });
beforeAll(async () => {
  centre = await createCentre(t.app, 'Beratungsstelle Nord');
  admin = await createUser(t.app, { role: 'admin' });
});
beforeEach(() => clock.advance(60_000));

/** Invite a fresh address as centre lead; returns its address and token. */
async function invite(name?: string): Promise<{ email: string; token: string }> {
  const email = `eingeladen-${++n}@example.org`;
  // A fresh session each time: the fake clock jumps past session timeouts.
  const res = await postAs(t.app, await signIn(t.app, admin), '/de/staff/users/invite', {
    email,
    role: 'centre_lead',
    centre_id: centre,
    ...(name ? { display_name: name } : {}),
  });
  expect(res.statusCode).toBe(303);
  return { email, token: tokenIn((await lastMailTo(t.app, email))!.body, 'invitation') };
}

const url = (token: string) => `/de/staff/invitation/${token}`;

async function userByEmail(email: string) {
  return withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
    trx.selectFrom('app_user').selectAll().where('email', '=', email).executeTakeFirst(),
  );
}

describe('the happy path', () => {
  it('name and password → QR code → code → ten recovery codes → an account that signs in with both factors', async () => {
    const { email, token } = await invite('Vorgeschlagener Name');
    const page = await t.app.inject({ method: 'GET', url: url(token) });
    expect(page.statusCode).toBe(200);
    expect(page.headers['cache-control']).toBe('no-store');
    expect(page.headers['set-cookie']).toBeUndefined();
    expect(page.body).toContain('value="Vorgeschlagener Name"');
    expect(page.body).toContain(email);

    const step1 = await postForm(t.app, url(token), {
      display_name: 'Dana Beispiel',
      password: GOOD_PASSWORD,
      password_repeat: GOOD_PASSWORD,
      username: email,
    });
    expect(step1.statusCode).toBe(200);
    expect(step1.body).toContain('<svg');
    expect(step1.body).not.toMatch(/style=/);
    const secret = secretIn(step1.body);
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(await userByEmail(email)).toBeUndefined(); // nothing written yet

    const code = generateTotp(secret, clock.now());
    const step2 = await postForm(t.app, `${url(token)}/totp`, { state: hiddenValue(step1.body, 'state'), code });
    expect(step2.statusCode).toBe(200);
    expect(step2.headers['set-cookie']).toBeUndefined(); // no session from an invitation
    const codes = [...step2.body.matchAll(/<li><code>([a-z0-9-]{19})<\/code><\/li>/g)].map((m) => m[1]!);
    expect(codes).toHaveLength(10);
    expect(step2.body).toContain('href="/de/staff/sign-in"');

    const user = await userByEmail(email);
    expect(user).toMatchObject({
      display_name: 'Dana Beispiel',
      role: 'centre_lead',
      centre_id: centre,
      disabled_at: null,
    });
    expect(user!.mfa_enrolled_at).not.toBeNull();
    expect(user!.password_hash).toMatch(/^\$argon2id\$/);
    expect(user!.totp_secret).not.toContain(secret); // encrypted
    const stored = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      readTotpSecret(trx, t.app.keys.encryption, user!.id),
    );
    expect(stored?.secret).toBe(secret);
    expect(stored?.lastStep).not.toBeNull(); // the enrolment code cannot be reused
    const hashes = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx
        .selectFrom('recovery_code')
        .select(['code_hash', 'centre_id'])
        .where('user_id', '=', user!.id)
        .orderBy('idx')
        .execute(),
    );
    expect(hashes).toHaveLength(10);
    expect(hashes.every((h) => h.centre_id === centre)).toBe(true);
    expect(
      matchRecoveryCode(
        codes[3]!,
        hashes.map((h) => h.code_hash),
        t.app.keys.server,
      ),
    ).toBe(3);

    const events = (await auditEvents(t.app)).filter((e) => e.actor_id === user!.id).map((e) => e.event);
    expect(events).toEqual(expect.arrayContaining(['users.invitation_accepted', 'auth.mfa_totp_enrolled']));

    // The new account signs in through the real flow (password, then TOTP).
    const session = await signIn(t.app, {
      id: user!.id,
      email,
      password: GOOD_PASSWORD,
      totpSecret: secret,
      role: 'centre_lead',
      centreId: centre,
    });
    expect(session.cookie).toMatch(/^__Host-sn_session=/);
  });

  it('works once: the used link answers 410 on every step', async () => {
    const { token } = await invite();
    await acceptInvitation(t.app, token);
    expect((await t.app.inject({ method: 'GET', url: url(token) })).statusCode).toBe(410);
    const again = await postForm(t.app, url(token), {
      display_name: 'X Y',
      password: GOOD_PASSWORD,
      password_repeat: GOOD_PASSWORD,
    });
    expect(again.statusCode).toBe(410);
  });

  it('a state from step 1 cannot redeem the invitation twice (second tab)', async () => {
    const { email, token } = await invite();
    const step1 = await postForm(t.app, url(token), {
      display_name: 'Zwei Tabs',
      password: GOOD_PASSWORD,
      password_repeat: GOOD_PASSWORD,
    });
    const state = hiddenValue(step1.body, 'state');
    const secret = secretIn(step1.body);
    const first = await postForm(t.app, `${url(token)}/totp`, { state, code: generateTotp(secret, clock.now()) });
    expect(first.statusCode).toBe(200);
    clock.advance(30_000);
    const second = await postForm(t.app, `${url(token)}/totp`, { state, code: generateTotp(secret, clock.now()) });
    expect(second.statusCode).toBe(410);
    const users = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('app_user').select('id').where('email', '=', email).execute(),
    );
    expect(users).toHaveLength(1);
  });
});

describe('expiry', () => {
  it('works until 72 hours after the invitation and not a second later', async () => {
    const { token } = await invite();
    clock.advance(72 * 3600_000 - 120_000);
    expect((await t.app.inject({ method: 'GET', url: url(token) })).statusCode).toBe(200);
    clock.advance(120_000);
    const res = await t.app.inject({ method: 'GET', url: url(token) });
    expect(res.statusCode).toBe(410);
    expect(res.body).toContain('72 Stunden');
  });

  it('an invitation that expires between step 1 and the code creates nothing', async () => {
    const { email, token } = await invite();
    clock.advance(72 * 3600_000 - 120_000);
    const step1 = await postForm(t.app, url(token), {
      display_name: 'Spät dran',
      password: GOOD_PASSWORD,
      password_repeat: GOOD_PASSWORD,
    });
    expect(step1.statusCode).toBe(200);
    clock.advance(180_000);
    const secret = secretIn(step1.body);
    const res = await postForm(t.app, `${url(token)}/totp`, {
      state: hiddenValue(step1.body, 'state'),
      code: generateTotp(secret, clock.now()),
    });
    expect(res.statusCode).toBe(410);
    expect(await userByEmail(email)).toBeUndefined();
  });

  it('unknown and malformed tokens get the same answer', async () => {
    for (const token of ['A'.repeat(43), 'kurz', 'x'.repeat(150)]) {
      const res = await t.app.inject({ method: 'GET', url: url(token) });
      expect(res.statusCode, token).toBe(410);
    }
  });
});

describe('validation errors: a clear message next to the field, and nothing written', () => {
  const long = 'ein ausreichend langes passwort';
  const cases: [string, Record<string, string>, string][] = [
    [
      'empty name',
      { display_name: '   ', password: GOOD_PASSWORD, password_repeat: GOOD_PASSWORD },
      'f-display_name-error',
    ],
    [
      'too long name',
      { display_name: 'x'.repeat(201), password: GOOD_PASSWORD, password_repeat: GOOD_PASSWORD },
      'f-display_name-error',
    ],
    [
      'name with a terminal escape',
      { display_name: 'Eva\u001b[2J', password: GOOD_PASSWORD, password_repeat: GOOD_PASSWORD },
      'f-display_name-error',
    ],
    [
      'name with a bidi override',
      { display_name: 'Eva \u202Eadmin', password: GOOD_PASSWORD, password_repeat: GOOD_PASSWORD },
      'f-display_name-error',
    ],
    ['short password', { display_name: 'Kim', password: 'kurz', password_repeat: 'kurz' }, 'mindestens 12 Zeichen'],
    [
      'common password',
      { display_name: 'Kim', password: 'password1234', password_repeat: 'password1234' },
      'sehr verbreitet',
    ],
    [
      'password contains the name',
      { display_name: 'Kimberley Muster', password: 'kimberley123456', password_repeat: 'kimberley123456' },
      'Namen nicht enthalten',
    ],
    [
      'passwords differ',
      { display_name: 'Kim', password: long, password_repeat: `${long}!` },
      'f-password_repeat-error',
    ],
  ];
  for (const [what, fields, expected] of cases) {
    it(what, async () => {
      const { token } = await invite();
      const before = await accountRowCounts(t.app);
      const res = await postForm(t.app, url(token), fields);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain(expected);
      expect(res.body).toContain('aria-invalid="true"');
      expect(await accountRowCounts(t.app)).toEqual(before);
      expect((await t.app.inject({ method: 'GET', url: url(token) })).statusCode).toBe(200); // still usable
    });
  }

  it('unknown or missing fields → 400', async () => {
    const { token } = await invite();
    const before = await accountRowCounts(t.app);
    for (const fields of [
      { display_name: 'A', password: long, password_repeat: long, role: 'admin' },
      { display_name: 'A', password: long },
      {},
    ]) {
      expect((await postForm(t.app, url(token), fields)).statusCode).toBe(400);
    }
    expect(
      (await postForm(t.app, `${url(token)}/totp`, { state: 'x', code: '123456', role: 'admin' })).statusCode,
    ).toBe(400);
    expect(await accountRowCounts(t.app)).toEqual(before);
  });

  it('a wrong code shows the QR step again with the error', async () => {
    const { token } = await invite();
    const step1 = await postForm(t.app, url(token), { display_name: 'Kim', password: long, password_repeat: long });
    const state = hiddenValue(step1.body, 'state');
    const secret = secretIn(step1.body);
    const before = await accountRowCounts(t.app);
    const right = generateTotp(secret, clock.now());
    const wrong = right === '000000' ? '111111' : '000000';
    for (const code of [wrong, 'abcdef', '']) {
      const res = await postForm(t.app, `${url(token)}/totp`, { state, code });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('id="f-code-error"');
      expect(secretIn(res.body)).toBe(secret); // same enrolment, same QR code
    }
    // An old code (two steps back) is refused too.
    const old = generateTotp(secret, clock.now().getTime() - 90_000);
    if (old !== right) expect((await postForm(t.app, `${url(token)}/totp`, { state, code: old })).statusCode).toBe(400);
    expect(await accountRowCounts(t.app)).toEqual(before);
  });

  it('a tampered, foreign or expired state sends the person back to step 1', async () => {
    const a = await invite();
    const b = await invite();
    const stepA = await postForm(t.app, url(a.token), { display_name: 'Kim', password: long, password_repeat: long });
    const stateA = hiddenValue(stepA.body, 'state');
    const secretA = secretIn(stepA.body);
    const before = await accountRowCounts(t.app);
    const code = generateTotp(secretA, clock.now());
    const flipped = `${stateA.slice(0, -2)}${stateA.at(-2) === 'A' ? 'B' : 'A'}${stateA.slice(-1)}`;
    for (const [target, state] of [
      [b.token, stateA], // A's state on B's invitation
      [a.token, flipped],
      [a.token, 'garbage'],
    ] as const) {
      const res = await postForm(t.app, `${url(target)}/totp`, { state, code });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('Schritt 1');
    }
    clock.advance(31 * 60_000); // the state lives 30 minutes
    const late = await postForm(t.app, `${url(a.token)}/totp`, {
      state: stateA,
      code: generateTotp(secretA, clock.now()),
    });
    expect(late.statusCode).toBe(400);
    expect(await accountRowCounts(t.app)).toEqual(before);
  });

  it('refuses a cross-site post (403) before looking at anything', async () => {
    const { token } = await invite();
    const res = await postForm(
      t.app,
      url(token),
      { display_name: 'Kim', password: long, password_repeat: long },
      { origin: 'https://evil.example' },
    );
    expect(res.statusCode).toBe(403);
  });
});
