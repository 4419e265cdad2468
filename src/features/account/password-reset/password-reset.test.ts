/**
 * Password reset: identical answers for known and unknown addresses, a
 * one-hour single-use link, all sessions ended — and never a session without
 * the second factor.
 */
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { appForFile, testApp, type TestApp } from '../../../../test/support/app.ts';
import { createUser, fakeClock, postAs, postForm, sessionCookieFrom, signIn } from '../../../../test/support/auth.ts';
import type { TestUser } from '../../../../test/support/auth.ts';
import { withScope } from '../../../platform/db/tenant.ts';
import { verifyPassword } from '../../../platform/security/password.ts';
import { settleBackgroundTasks } from '../background.ts';
import { auditEvents, lastMailTo, mailCount, tokenIn } from '../test-support.ts';
import { startTestSmtpServer, type TestSmtpServer } from '../../../platform/mail/test-smtp-server.ts';
import { closeMailTransports } from '../../../platform/mail/mailer.ts';

const NEW_PASSWORD = 'ein ganz neues langes Passwort';
const clock = fakeClock();
let n = 0;

const t = appForFile({}, { clock });
beforeEach(() => clock.advance(60_000));

async function requestReset(email: string, lang = 'de') {
  const res = await postForm(t.app, `/${lang}/staff/password-reset`, { email });
  await settleBackgroundTasks(t.app);
  return res;
}

async function freshUser(): Promise<TestUser> {
  return createUser(t.app, { role: 'counsellor', email: `vergesslich-${++n}@example.org` });
}

async function passwordHashOf(id: string): Promise<string> {
  const r = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
    trx.selectFrom('app_user').select('password_hash').where('id', '=', id).executeTakeFirstOrThrow(),
  );
  return r.password_hash!;
}

describe('asking for a link', () => {
  it('shows the form without JavaScript or cookies', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/de/staff/password-reset' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).toContain('name="email"');
  });

  it('answers identically whether or not the address has an account', async () => {
    const user = await freshUser();
    const known = await requestReset(user.email);
    const unknown = await requestReset('gibt.es.nicht@example.org');
    expect(known.statusCode).toBe(200);
    expect(unknown.statusCode).toBe(200);
    expect(known.body).toBe(unknown.body);
    expect(known.headers['set-cookie']).toBeUndefined();
    const mail = await lastMailTo(t.app, user.email);
    expect(mail?.subject).toBe('Schutznetz: Passwort zurücksetzen');
    expect(mail?.body).toContain(`${t.config.publicOrigin}/de/staff/password-reset/`);
    expect(await mailCount(t.app, 'gibt.es.nicht@example.org')).toBe(0);
    const e = (await auditEvents(t.app)).find(
      (x) => x.event === 'auth.password_reset_requested' && x.object_id === user.id,
    );
    expect(e).toBeDefined();
  });

  it('sends nothing for disabled accounts or accounts without a second factor, with the same answer', async () => {
    const disabled = await freshUser();
    await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx.updateTable('app_user').set({ disabled_at: clock.now() }).where('id', '=', disabled.id).execute(),
    );
    const unenrolled = await createUser(t.app, { role: 'coordination', totp: false });
    const reference = await requestReset('niemand@example.org');
    for (const u of [disabled, unenrolled]) {
      const res = await requestReset(u.email);
      expect(res.body).toBe(reference.body);
      expect(await mailCount(t.app, u.email)).toBe(0);
    }
  });

  it('sends at most three links per hour to one account', async () => {
    const user = await freshUser();
    for (let i = 0; i < 5; i++) await requestReset(user.email);
    expect(await mailCount(t.app, user.email)).toBe(3);
    clock.advance(61 * 60_000);
    await requestReset(user.email);
    expect(await mailCount(t.app, user.email)).toBe(4);
  });

  it('explains an invalid address (400) and refuses unknown fields', async () => {
    const res = await postForm(t.app, '/de/staff/password-reset', { email: 'kein-at' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="f-email-error"');
    expect(
      (await postForm(t.app, '/de/staff/password-reset', { email: 'a@example.org', user_id: 'x' })).statusCode,
    ).toBe(400);
  });
});

describe('setting the new password', () => {
  it('sets it, ends every session, audits — and the next sign-in still asks for the second factor', async () => {
    const user = await freshUser();
    const old = await signIn(t.app, user);
    await requestReset(user.email);
    const token = tokenIn((await lastMailTo(t.app, user.email))!.body, 'password-reset');
    const page = await t.app.inject({ method: 'GET', url: `/de/staff/password-reset/${token}` });
    expect(page.statusCode).toBe(200);
    const res = await postForm(t.app, `/de/staff/password-reset/${token}`, {
      password: NEW_PASSWORD,
      password_repeat: NEW_PASSWORD,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/de/staff/sign-in');
    // The reset itself gives no session at all.
    expect(res.headers['set-cookie'] ?? '').not.toMatch(/__Host-sn_session=[A-Za-z0-9_-]{43}/);
    expect(await verifyPassword(await passwordHashOf(user.id), NEW_PASSWORD)).toBe(true);
    expect(
      (await t.app.inject({ method: 'GET', url: '/de/staff', headers: { cookie: old.cookie } })).statusCode,
    ).not.toBe(200);
    expect((await auditEvents(t.app)).some((e) => e.event === 'auth.password_reset' && e.object_id === user.id)).toBe(
      true,
    );

    // Signing in with the new password leads to the second-factor step, not into the staff area.
    const first = await postForm(t.app, '/de/staff/sign-in', { email: user.email, password: NEW_PASSWORD });
    expect(first.statusCode).toBe(303);
    expect(first.headers.location).toMatch(/^\/de\/staff\/second-factor/);
    const pending = sessionCookieFrom(first);
    for (const path of ['/de/staff', '/de/staff/account', '/de/staff/users']) {
      const r = await t.app.inject({ method: 'GET', url: path, headers: { cookie: pending } });
      expect(r.statusCode, path).not.toBe(200);
    }
    const stage = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('user_session').select('stage').where('user_id', '=', user.id).execute(),
    );
    expect(stage).toEqual([{ stage: 'password' }]);
    // Only with the second factor does the account get in.
    const full = await signIn(t.app, { ...user, password: NEW_PASSWORD });
    expect((await t.app.inject({ method: 'GET', url: '/de/staff', headers: { cookie: full.cookie } })).statusCode).toBe(
      200,
    );
  });

  it('works once', async () => {
    const user = await freshUser();
    await requestReset(user.email);
    const token = tokenIn((await lastMailTo(t.app, user.email))!.body, 'password-reset');
    const post = () =>
      postForm(t.app, `/de/staff/password-reset/${token}`, { password: NEW_PASSWORD, password_repeat: NEW_PASSWORD });
    expect((await post()).statusCode).toBe(303);
    const hash = await passwordHashOf(user.id);
    expect((await post()).statusCode).toBe(410);
    expect((await t.app.inject({ method: 'GET', url: `/de/staff/password-reset/${token}` })).statusCode).toBe(410);
    expect(await passwordHashOf(user.id)).toBe(hash);
  });

  it('does nothing for an account disabled after the link was sent', async () => {
    const user = await freshUser();
    await requestReset(user.email);
    const token = tokenIn((await lastMailTo(t.app, user.email))!.body, 'password-reset');
    const hash = await passwordHashOf(user.id);
    await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx.updateTable('app_user').set({ disabled_at: clock.now() }).where('id', '=', user.id).execute(),
    );
    const res = await postForm(t.app, `/de/staff/password-reset/${token}`, {
      password: NEW_PASSWORD,
      password_repeat: NEW_PASSWORD,
    });
    expect(res.statusCode).toBe(410);
    expect(await passwordHashOf(user.id)).toBe(hash);
  });

  it('expires after one hour', async () => {
    const user = await freshUser();
    await requestReset(user.email);
    const token = tokenIn((await lastMailTo(t.app, user.email))!.body, 'password-reset');
    clock.advance(59 * 60_000);
    expect((await t.app.inject({ method: 'GET', url: `/de/staff/password-reset/${token}` })).statusCode).toBe(200);
    clock.advance(60_000);
    expect((await t.app.inject({ method: 'GET', url: `/de/staff/password-reset/${token}` })).statusCode).toBe(410);
    const res = await postForm(t.app, `/de/staff/password-reset/${token}`, {
      password: NEW_PASSWORD,
      password_repeat: NEW_PASSWORD,
    });
    expect(res.statusCode).toBe(410);
  });

  it('only the newest link works', async () => {
    const user = await freshUser();
    await requestReset(user.email);
    const first = tokenIn((await lastMailTo(t.app, user.email))!.body, 'password-reset');
    await requestReset(user.email);
    const second = tokenIn((await lastMailTo(t.app, user.email))!.body, 'password-reset');
    expect((await t.app.inject({ method: 'GET', url: `/de/staff/password-reset/${first}` })).statusCode).toBe(410);
    expect((await t.app.inject({ method: 'GET', url: `/de/staff/password-reset/${second}` })).statusCode).toBe(200);
  });

  it('explains a rejected password next to the field and changes nothing', async () => {
    const user = await freshUser();
    await requestReset(user.email);
    const token = tokenIn((await lastMailTo(t.app, user.email))!.body, 'password-reset');
    const hash = await passwordHashOf(user.id);
    for (const [fields, expected] of [
      [{ password: 'kurz', password_repeat: 'kurz' }, 'mindestens 12 Zeichen'],
      [{ password: 'password1234', password_repeat: 'password1234' }, 'sehr verbreitet'],
      [{ password: NEW_PASSWORD, password_repeat: 'anders' }, 'f-password_repeat-error'],
      [
        { password: `${user.email.split('@')[0]}-geheim`, password_repeat: `${user.email.split('@')[0]}-geheim` },
        'E-Mail-Adresse',
      ],
    ] as const) {
      const res = await postForm(t.app, `/de/staff/password-reset/${token}`, fields);
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain(expected);
    }
    expect(
      (
        await postForm(t.app, `/de/staff/password-reset/${token}`, {
          password: NEW_PASSWORD,
          password_repeat: NEW_PASSWORD,
          user_id: user.id,
        })
      ).statusCode,
    ).toBe(400);
    expect(await passwordHashOf(user.id)).toBe(hash);
    expect((await t.app.inject({ method: 'GET', url: `/de/staff/password-reset/${token}` })).statusCode).toBe(200); // still usable
  });

  it('unknown and malformed tokens get the same answer', async () => {
    const a = await t.app.inject({ method: 'GET', url: `/de/staff/password-reset/${'B'.repeat(43)}` });
    const b = await t.app.inject({ method: 'GET', url: '/de/staff/password-reset/zu-kurz' });
    expect(a.statusCode).toBe(410);
    expect(b.statusCode).toBe(410);
    // The same page but for the language switch, which links to the same path in the other language.
    expect(b.body.replaceAll('zu-kurz', 'TOKEN')).toBe(a.body.replaceAll('B'.repeat(43), 'TOKEN'));
  });
});

describe('over SMTP', () => {
  let smtp: TestSmtpServer;
  let s: TestApp;
  beforeAll(async () => {
    smtp = await startTestSmtpServer();
    s = await testApp({ SMTP_URL: smtp.url, MAIL_FROM: 'Schutznetz <no-reply@schutznetz.test>' });
  });
  afterAll(async () => {
    await s.close();
    closeMailTransports();
    await smtp.close();
  });

  it('delivers the reset link to the mail server, after the answer', async () => {
    const user = await createUser(s.app, { role: 'coordination', email: 'smtp.reset@example.org' });
    const res = await postForm(s.app, '/en/staff/password-reset', { email: user.email });
    expect(res.statusCode).toBe(200);
    await settleBackgroundTasks(s.app);
    const mail = smtp.received.find((m) => m.to.includes(user.email));
    expect(mail?.from).toBe('no-reply@schutznetz.test');
    expect(mail?.headers['subject']).toBe('Schutznetz: reset your password');
    const token = tokenIn(mail!.text, 'password-reset');
    expect((await s.app.inject({ method: 'GET', url: `/en/staff/password-reset/${token}` })).statusCode).toBe(200);
    expect(await mailCount(s.app, user.email)).toBe(0); // not in the outbox
  });

  it('delivers invitations the same way', async () => {
    const admin = await createUser(s.app, { role: 'admin' });
    const session = await signIn(s.app, admin);
    const res = await postAs(s.app, session, '/de/staff/users/invite', {
      email: 'smtp.invite@example.org',
      role: 'coordination',
    });
    expect(res.statusCode).toBe(303);
    const mail = smtp.received.find((m) => m.to.includes('smtp.invite@example.org'));
    expect(mail?.headers['subject']).toBe('Einladung zu Schutznetz');
    const token = tokenIn(mail!.text, 'invitation');
    expect((await s.app.inject({ method: 'GET', url: `/de/staff/invitation/${token}` })).statusCode).toBe(200);
  });
});
