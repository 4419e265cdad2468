/**
 * Security notices on the own account: every change of a factor or the
 * password mails the account's confirmed address — German and English, no
 * link — so an intruder who changed one is seen by the owner. Each test
 * makes the change through the real pages and reads the outbox.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { createUser, fakeClock, postAs, postForm, signIn, type TestUser } from '../../../test/support/auth.ts';
import { securityNotice } from '../../platform/auth/security-notice.ts';
import { settleBackgroundTasks } from './background.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { generateTotp } from '../../platform/security/totp.ts';
import { GOOD_PASSWORD, hiddenValue, lastMailTo, mailCount, secretIn, tokenIn } from './test-support.ts';

const clock = fakeClock();
const t = appForFile({}, { clock });
beforeEach(() => clock.advance(60_000));

/** The one new mail to `user` since `before`, checked for the rules every notice keeps. */
async function noticeTo(user: TestUser, before: number): Promise<{ subject: string; body: string }> {
  expect(await mailCount(t.app, user.email)).toBe(before + 1);
  const mail = (await lastMailTo(t.app, user.email))!;
  // No link of any kind: a notice is never something to click.
  expect(mail.body).not.toMatch(/https?:|www\.|\/staff\/|\/de\/|\/en\//);
  expect(mail.body).toContain('Guten Tag');
  expect(mail.body).toContain('Hello');
  return mail;
}

describe('the notice itself', () => {
  it('says what happened and when, in German and English, and whom to turn to', () => {
    const n = securityNotice('passkeyAdded', new Date('2026-03-02T09:00:00Z'));
    expect(n.subject).toBe('Schutznetz: Passkey hinzugefügt / Schutznetz: passkey added');
    expect(n.text).toContain('Zu Ihrem Schutznetz-Konto wurde ein Passkey hinzugefügt (2. März 2026 um 10:00');
    expect(n.text).toContain('A passkey was added to your Schutznetz account (March 2, 2026 at 10:00');
    expect(n.text).toContain('Koordinierungsstelle');
    expect(n.text).not.toMatch(/https?:/);
  });
});

describe('changes on the own account', () => {
  it('password changed', async () => {
    const user = await createUser(t.app, { role: 'counsellor' });
    const s = await signIn(t.app, user);
    const before = await mailCount(t.app, user.email);
    const res = await postAs(t.app, s, '/de/staff/account/password', {
      password: GOOD_PASSWORD,
      password_repeat: GOOD_PASSWORD,
    });
    expect(res.statusCode).toBe(303);
    expect((await noticeTo(user, before)).subject).toContain('Passwort geändert');
  });

  it('a refused change sends nothing', async () => {
    const user = await createUser(t.app, { role: 'counsellor' });
    const s = await signIn(t.app, user);
    const before = await mailCount(t.app, user.email);
    const res = await postAs(t.app, s, '/de/staff/account/password', { password: 'kurz', password_repeat: 'kurz' });
    expect(res.statusCode).toBe(400);
    expect(await mailCount(t.app, user.email)).toBe(before);
  });

  it('passkey removed', async () => {
    const user = await createUser(t.app, { role: 'centre_lead', passkey: true });
    const s = await signIn(t.app, user);
    const before = await mailCount(t.app, user.email);
    const res = await postAs(t.app, s, '/de/staff/account/passkeys/remove', { id: user.passkey!.id });
    expect(res.statusCode).toBe(303);
    expect((await noticeTo(user, before)).subject).toContain('Passkey entfernt');
  });

  it('recovery codes regenerated', async () => {
    const user = await createUser(t.app, { role: 'counsellor' });
    const s = await signIn(t.app, user);
    const before = await mailCount(t.app, user.email);
    const res = await postAs(t.app, s, '/de/staff/account/recovery-codes');
    expect(res.statusCode).toBe(200);
    expect((await noticeTo(user, before)).subject).toContain('neue Wiederherstellungscodes');
  });

  it('authenticator app replaced', async () => {
    const user = await createUser(t.app, { role: 'coordination' });
    const s = await signIn(t.app, user);
    const page = await t.app.inject({ method: 'GET', url: '/de/staff/account/totp', headers: { cookie: s.cookie } });
    const before = await mailCount(t.app, user.email);
    const res = await postAs(t.app, s, '/de/staff/account/totp', {
      state: hiddenValue(page.body, 'state'),
      code: generateTotp(secretIn(page.body), clock.now()),
    });
    expect(res.statusCode).toBe(200);
    expect((await noticeTo(user, before)).subject).toContain('Authenticator-App ersetzt');
  });

  it('password reset through the link', async () => {
    const user = await createUser(t.app, { role: 'counsellor' });
    await postForm(t.app, '/de/staff/password-reset', { email: user.email });
    // The reset mail is written after the answer (background.ts).
    await settleBackgroundTasks(t.app);
    const token = tokenIn((await lastMailTo(t.app, user.email))!.body, 'password-reset');
    const before = await mailCount(t.app, user.email);
    const res = await postForm(t.app, `/de/staff/password-reset/${token}`, {
      password: GOOD_PASSWORD,
      password_repeat: GOOD_PASSWORD,
    });
    expect(res.statusCode).toBe(303);
    expect((await noticeTo(user, before)).subject).toContain('Passwort zurückgesetzt');
  });

  it('goes to the confirmed address, never to one that is only pending', async () => {
    const user = await createUser(t.app, { role: 'counsellor' });
    const s = await signIn(t.app, user);
    const pending = `neu-${user.id.slice(0, 8)}@example.org`;
    expect((await postAs(t.app, s, '/de/staff/account/email', { email: pending })).statusCode).toBe(200);
    expect(await mailCount(t.app, pending)).toBe(1);
    const toPending = await mailCount(t.app, pending);
    const before = await mailCount(t.app, user.email);
    await postAs(t.app, s, '/de/staff/account/recovery-codes');
    await noticeTo(user, before);
    expect(await mailCount(t.app, pending)).toBe(toPending);
    const stored = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('app_user').select('email').where('id', '=', user.id).executeTakeFirstOrThrow(),
    );
    expect(stored.email).toBe(user.email);
  });
});
