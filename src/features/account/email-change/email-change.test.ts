/**
 * Changing the sign-in address: only after re-authentication, only when the
 * link mailed to the new address is used (once, within 24 h), the same
 * answer whether or not the address is taken, the old address told, other
 * sessions ended, audited without addresses.
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { appForFile } from '../../../../test/support/app.ts';
import { createUser, fakeClock, postAs, postForm, signIn, type Session } from '../../../../test/support/auth.ts';
import { withScope } from '../../../platform/db/tenant.ts';
import { auditEvents, lastMailTo, mailCount } from '../test-support.ts';

const clock = fakeClock();
let n = 0;

const t = appForFile({}, { clock });
beforeEach(() => clock.advance(60_000));

const newAddress = () => `neu-${++n}@example.org`;

function linkToken(body: string): string {
  const m = /\/staff\/email-change\/([A-Za-z0-9_-]{43})/.exec(body);
  if (!m?.[1]) throw new Error('no e-mail change link in text');
  return m[1];
}

async function emailOf(id: string): Promise<string> {
  const r = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
    trx.selectFrom('app_user').select('email').where('id', '=', id).executeTakeFirstOrThrow(),
  );
  return r.email;
}

async function changeRows(userId: string): Promise<number> {
  const rows = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
    trx.selectFrom('email_change').select('token_hash').where('user_id', '=', userId).execute(),
  );
  return rows.length;
}

const request = (s: Session, email: string, lang = 'de') => postAs(t.app, s, `/${lang}/staff/account/email`, { email });
const openLink = (token: string, cookie?: string) =>
  t.app.inject({ method: 'GET', url: `/de/staff/email-change/${token}`, headers: cookie ? { cookie } : {} });
const postLink = (token: string, fields: Record<string, string>, headers: Record<string, string> = {}) =>
  postForm(t.app, `/de/staff/email-change/${token}`, fields, headers);
const confirm = (token: string, cookie?: string) => postLink(token, {}, cookie ? { cookie } : {});
const home = (s: Session) => t.app.inject({ method: 'GET', url: '/de/staff', headers: { cookie: s.cookie } });

/** A signed-in counsellor who asked to move to a new address, and the token mailed there. */
async function requestedChange() {
  const user = await createUser(t.app, { role: 'counsellor' });
  const s = await signIn(t.app, user);
  const to = newAddress();
  await request(s, to);
  return { user, s, to, token: linkToken((await lastMailTo(t.app, to))!.body) };
}

describe('asking for the change', () => {
  it('needs a recent re-authentication, for the form and the post', async () => {
    const user = await createUser(t.app, { role: 'counsellor' });
    const s = await signIn(t.app, user);
    clock.advance(11 * 60_000);
    const page = await t.app.inject({ method: 'GET', url: '/de/staff/account/email', headers: { cookie: s.cookie } });
    expect(page.statusCode).toBe(303);
    expect(page.headers.location).toBe('/de/staff/reauth?next=%2Fde%2Fstaff%2Faccount%2Femail');
    const to = newAddress();
    const post = await request(s, to);
    expect(post.statusCode).toBe(303);
    expect(post.headers.location).toBe('/de/staff/reauth?next=%2Fde%2Fstaff%2Faccount%2Femail');
    expect(await mailCount(t.app, to)).toBe(0);
    expect(await changeRows(user.id)).toBe(0);
  });

  it('is for signed-in people only and needs the CSRF token', async () => {
    expect((await t.app.inject({ method: 'GET', url: '/de/staff/account/email' })).headers.location).toMatch(
      /^\/de\/staff\/sign-in/,
    );
    const user = await createUser(t.app, { role: 'admin' });
    const s = await signIn(t.app, user);
    const res = await postForm(t.app, '/de/staff/account/email', { email: newAddress() }, { cookie: s.cookie });
    expect(res.statusCode).toBe(403);
    expect(await changeRows(user.id)).toBe(0);
  });

  it('shows the form with the current address, linked from the account page', async () => {
    const user = await createUser(t.app, { role: 'coordination' });
    const s = await signIn(t.app, user);
    const res = await t.app.inject({ method: 'GET', url: '/de/staff/account/email', headers: { cookie: s.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(user.email);
    expect(res.body).toContain('name="email"');
    const account = await t.app.inject({ method: 'GET', url: '/de/staff/account', headers: { cookie: s.cookie } });
    expect(account.body).toContain('href="/de/staff/account/email"');
    expect(account.body).toContain('href="/de/staff/account/totp"');
  });

  it('refuses bad input with 400 and writes nothing', async () => {
    const user = await createUser(t.app, { role: 'counsellor' });
    const s = await signIn(t.app, user);
    const bad = await request(s, 'kein-at');
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('id="f-email-error"');
    const same = await request(s, user.email.toUpperCase());
    expect(same.statusCode).toBe(400);
    expect(same.body).toContain('bereits Ihre Adresse');
    const to = newAddress();
    expect((await postAs(t.app, s, '/de/staff/account/email', { email: to, user_id: user.id })).statusCode).toBe(400);
    expect((await postAs(t.app, s, '/de/staff/account/email', { email: 'x'.repeat(1001) })).statusCode).toBe(400);
    expect(await mailCount(t.app, to)).toBe(0);
    expect(await changeRows(user.id)).toBe(0);
    expect(await emailOf(user.id)).toBe(user.email);
  });

  it('answers the same whether or not the address is taken, and tells a taken address by mail', async () => {
    const user = await createUser(t.app, { role: 'counsellor' });
    const other = await createUser(t.app, { role: 'coordination' });
    const s = await signIn(t.app, user);
    const free = newAddress();
    const a = await request(s, free);
    const b = await request(s, other.email);
    expect(a.statusCode).toBe(200);
    expect(b.statusCode).toBe(200);
    expect(b.body).toBe(a.body);
    expect((await lastMailTo(t.app, free))?.subject).toBe('Schutznetz: neue E-Mail-Adresse bestätigen');
    const taken = await lastMailTo(t.app, other.email);
    expect(taken?.subject).toBe('Schutznetz: Adressänderung nicht möglich');
    expect(taken?.body).not.toMatch(/email-change\//);
    expect(await changeRows(user.id)).toBe(1);
    expect(await emailOf(other.id)).toBe(other.email);
    expect(await emailOf(user.id)).toBe(user.email);
  });
});

describe('using the link', () => {
  it('changes the address only on confirmation, tells the old address, ends other sessions, audits', async () => {
    const user = await createUser(t.app, { role: 'counsellor' });
    const other = await signIn(t.app, user);
    const s = await signIn(t.app, user);
    const to = newAddress();
    expect((await request(s, to)).statusCode).toBe(200);
    const mail = await lastMailTo(t.app, to);
    expect(mail?.body).toContain(`${t.config.publicOrigin}/de/staff/email-change/`);
    const token = linkToken(mail!.body);
    expect(
      JSON.stringify(
        await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
          trx.selectFrom('email_change').selectAll().execute(),
        ),
      ),
    ).not.toContain(token);

    // Opening the link (as a mail scanner would) changes nothing.
    const page = await openLink(token);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(to);
    expect(await emailOf(user.id)).toBe(user.email);

    const done = await confirm(token, s.cookie);
    expect(done.statusCode).toBe(200);
    expect(done.body).toContain('href="/de/staff/account"');
    expect(await emailOf(user.id)).toBe(to);
    expect((await home(s)).statusCode).toBe(200);
    expect((await home(other)).statusCode).toBe(303);
    expect((await lastMailTo(t.app, user.email))?.subject).toBe('Schutznetz: Ihre E-Mail-Adresse wurde geändert');
    const e = (await auditEvents(t.app)).find((x) => x.event === 'auth.email_changed' && x.object_id === user.id);
    expect(e?.actor_id).toBe(user.id);
    expect(e?.centre_id).toBe(user.centreId);
    expect(e?.details).toEqual({ sessions_ended: 1 });
    expect(JSON.stringify(e)).not.toContain('@');
    // Signing in works with the new address only.
    clock.advance(30_000);
    await expect(signIn(t.app, { ...user, email: to })).resolves.toBeDefined();
    await expect(signIn(t.app, user)).rejects.toThrow();
  });

  it('confirmed without a session, it ends every session', async () => {
    const user = await createUser(t.app, { role: 'admin' });
    const s = await signIn(t.app, user);
    const to = newAddress();
    await request(s, to);
    const res = await confirm(linkToken((await lastMailTo(t.app, to))!.body));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('href="/de/staff/sign-in"');
    expect(await emailOf(user.id)).toBe(to);
    expect((await home(s)).statusCode).toBe(303);
  });

  it('works once', async () => {
    const { user, s, token } = await requestedChange();
    expect((await confirm(token, s.cookie)).statusCode).toBe(200);
    expect((await confirm(token, s.cookie)).statusCode).toBe(410);
    expect((await openLink(token)).statusCode).toBe(410);
    expect(
      (await auditEvents(t.app)).filter((e) => e.event === 'auth.email_changed' && e.object_id === user.id),
    ).toHaveLength(1);
  });

  it('expires after 24 hours and changes nothing', async () => {
    const { user, token } = await requestedChange();
    clock.advance(24 * 60 * 60_000 - 60_000);
    expect((await openLink(token)).statusCode).toBe(200);
    clock.advance(60_000);
    expect((await openLink(token)).statusCode).toBe(410);
    expect((await confirm(token)).statusCode).toBe(410);
    expect(await emailOf(user.id)).toBe(user.email);
  });

  it('only the newest link works', async () => {
    const user = await createUser(t.app, { role: 'counsellor' });
    const s = await signIn(t.app, user);
    const first = newAddress();
    const second = newAddress();
    await request(s, first);
    await request(s, second);
    expect((await confirm(linkToken((await lastMailTo(t.app, first))!.body))).statusCode).toBe(410);
    expect(await emailOf(user.id)).toBe(user.email);
  });

  it('refuses (409) when the address was taken after the link was sent, changing nothing', async () => {
    const { user, s, to, token } = await requestedChange();
    await createUser(t.app, { role: 'coordination', email: to });
    expect((await confirm(token, s.cookie)).statusCode).toBe(409);
    expect(await emailOf(user.id)).toBe(user.email);
    expect((await home(s)).statusCode).toBe(200);
  });

  it('answers unknown, malformed tokens and unknown fields without changing anything', async () => {
    expect((await openLink('B'.repeat(43))).statusCode).toBe(410);
    expect((await confirm('zu-kurz')).statusCode).toBe(410);
    const { user, token } = await requestedChange();
    const res = await postLink(token, { email: 'andere@example.org' });
    expect(res.statusCode).toBe(400);
    expect(await emailOf(user.id)).toBe(user.email);
    expect((await openLink(token)).statusCode).toBe(200); // still usable
  });

  it('refuses a cross-site confirmation (403)', async () => {
    const { user, token } = await requestedChange();
    const res = await postLink(token, {}, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    expect(await emailOf(user.id)).toBe(user.email);
  });
});
