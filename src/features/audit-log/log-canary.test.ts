/**
 * No personal data in the application log: canary values — an
 * e-mail address, a password, a person's name, a client address — go through
 * the staff flows that handle such data (sign-in, failed sign-in, invitation
 * and its acceptance, password reset), with logging at its most verbose, and
 * must never appear in a log line. The same canaries must not reach the audit
 * log either, which holds pseudonymous ids only.
 */
import { sql } from 'kysely';
import { describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { createUser, form, postAs, signIn } from '../../../test/support/auth.ts';
import { loggerOptions } from '../../platform/http/logging.ts';
import { acceptInvitation, lastMailTo, tokenIn } from '../account/test-support.ts';

const CANARY = {
  email: 'kanarienvogel.q7x3@canary-mail.example',
  invitedEmail: 'zaunkoenig.p4k9@canary-mail.example',
  password: 'Kanarienpasswort geheim 9f2k1',
  wrongPassword: 'Falsches Kanarienwort 5m8w2z',
  invitedPassword: 'Birnenallee sicher 8c4n7 lang',
  name: 'Zwetschgenbaum Kanarienname',
  invitedName: 'Quittenhain Zaunkoenigname',
  ip: '198.51.100.213',
};
// Fragments that would betray a value even when logged partly or re-encoded.
const NEEDLES = [
  ...Object.values(CANARY),
  'kanarienvogel',
  'zaunkoenig.p4k9',
  'canary-mail',
  'Kanarienpasswort',
  'Falsches Kanarienwort',
  'Birnenallee',
  'Zwetschgenbaum',
  'Quittenhain',
  encodeURIComponent(CANARY.email),
  encodeURIComponent(CANARY.password),
];

const lines: string[] = [];
const t = appForFile({}, { logger: { ...loggerOptions('trace'), stream: { write: (l: string) => lines.push(l) } } });

const from = { remoteAddress: CANARY.ip };

describe('application log canary', () => {
  it('never logs the e-mail address, password, name or client address of staff flows', async () => {
    const user = await createUser(t.app, {
      role: 'coordination',
      email: CANARY.email,
      password: CANARY.password,
      displayName: CANARY.name,
    });
    const admin = await createUser(t.app, { role: 'admin' });
    lines.length = 0;

    // Sign-in: unknown address, wrong password, malformed form, then a real sign-in.
    for (const fields of [
      { email: 'nobody.' + CANARY.email, password: CANARY.password },
      { email: CANARY.email, password: CANARY.wrongPassword },
      { email: CANARY.email, password: CANARY.password, extra: CANARY.name },
      { email: CANARY.email.repeat(40), password: CANARY.password.repeat(40) },
    ]) {
      const res = await t.app.inject({ method: 'POST', url: '/de/staff/sign-in', ...from, ...form(fields) });
      expect(res.statusCode).toBeLessThan(500);
    }
    const session = await signIn(t.app, user);
    const home = await t.app.inject({ method: 'GET', url: '/de/staff', ...from, headers: { cookie: session.cookie } });
    expect(home.statusCode).toBe(200);

    // Invitation: sent by an administrator, accepted with a name and a password.
    const adminSession = await signIn(t.app, admin);
    const invite = await postAs(t.app, adminSession, '/de/staff/users/invite', {
      email: CANARY.invitedEmail,
      display_name: CANARY.invitedName,
      role: 'coordination',
    });
    expect(invite.statusCode).toBe(303);
    const mail = await lastMailTo(t.app, CANARY.invitedEmail);
    expect(mail).not.toBeNull();
    const token = tokenIn(mail!.body, 'invitation');
    await acceptInvitation(t.app, token, { name: CANARY.invitedName, password: CANARY.invitedPassword });
    // A second, invalid invitation form with the canaries in it.
    const badInvite = await postAs(t.app, adminSession, '/de/staff/users/invite', {
      email: CANARY.invitedEmail,
      display_name: CANARY.invitedName,
      role: 'nonsense',
    });
    expect(badInvite.statusCode).toBeLessThan(500);

    // Password reset requests, for a known and an unknown address.
    for (const email of [CANARY.email, `x${CANARY.email}`]) {
      const res = await t.app.inject({ method: 'POST', url: '/de/staff/password-reset', ...from, ...form({ email }) });
      expect(res.statusCode).toBeLessThan(500);
    }

    // The audit page shows the name (to those allowed to see it), the log must not.
    const auditPage = await t.app.inject({
      method: 'GET',
      url: `/de/staff/audit?actor=${user.id}`,
      ...from,
      headers: { cookie: adminSession.cookie },
    });
    expect(auditPage.statusCode).toBe(200);
    expect(auditPage.body).toContain(CANARY.name);

    const log = lines.join('\n');
    expect(lines.length).toBeGreaterThan(10);
    expect(log).toContain('/:lang/staff/sign-in');
    for (const needle of [...NEEDLES, session.cookie.split('=')[1]!, session.csrf, token]) {
      expect(log.includes(needle), `the log contains ${needle}`).toBe(false);
    }
  });

  it('keeps the canaries out of the audit log too', async () => {
    const dump = await sql<{ row: string }>`SELECT row_to_json(a)::text AS row FROM audit_log a`.execute(
      t.app.database.db,
    );
    const text = dump.rows.map((r) => r.row).join('\n');
    expect(dump.rows.length).toBeGreaterThan(5);
    expect(text).toContain('auth.sign_in_failed');
    for (const needle of NEEDLES) expect(text.includes(needle), `the audit log contains ${needle}`).toBe(false);
  });
});
