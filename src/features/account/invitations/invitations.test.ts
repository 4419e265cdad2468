/**
 * Inviting people: who may invite whom (function- and object-level), the
 * identical answer for addresses with and without an account, and the mails.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../../test/support/app.ts';
import { createCentre, createUser, fakeClock, postAs, postForm, signIn } from '../../../../test/support/auth.ts';
import type { Session, TestUser } from '../../../../test/support/auth.ts';
import { withScope } from '../../../platform/db/tenant.ts';
import { auditEvents, lastMailTo, mailCount, tokenIn } from '../test-support.ts';

let admin: TestUser;
let adminSession: Session;
let centreA: string;
let centreB: string;
let lead: TestUser;
let leadSession: Session;
const clock = fakeClock();

const t = appForFile({}, { clock });
beforeAll(async () => {
  centreA = await createCentre(t.app, 'Beratungsstelle A');
  centreB = await createCentre(t.app, 'Beratungsstelle B');
  admin = await createUser(t.app, { role: 'admin' });
  lead = await createUser(t.app, { role: 'centre_lead', centreId: centreA });
  adminSession = await signIn(t.app, admin);
  leadSession = await signIn(t.app, lead);
});

async function openInvitations(email: string) {
  return withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
    trx
      .selectFrom('invitation')
      .select(['id', 'role', 'centre_id', 'invited_by', 'expires_at'])
      .where('email', '=', email)
      .where('used_at', 'is', null)
      .execute(),
  );
}

describe('the invitation form', () => {
  it('offers administrators the staff roles and every centre', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/de/staff/users/invite',
      headers: { cookie: adminSession.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain('value="coordination"');
    expect(res.body).toContain('value="centre_lead"');
    expect(res.body).not.toContain('value="counsellor"');
    expect(res.body).toContain(centreA);
    expect(res.body).toContain(centreB);
  });

  it('offers centre leads only counsellors for their own centre', async () => {
    const res = await t.app.inject({
      method: 'GET',
      url: '/en/staff/users/invite',
      headers: { cookie: leadSession.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('name="role" value="counsellor"');
    expect(res.body).not.toContain('centre_lead');
    expect(res.body).not.toContain(centreB);
  });

  it('is not there for counsellors and coordination staff (404)', async () => {
    for (const role of ['counsellor', 'coordination'] as const) {
      const u = await createUser(t.app, { role, ...(role === 'counsellor' ? { centreId: centreA } : {}) });
      const s = await signIn(t.app, u);
      expect(
        (await t.app.inject({ method: 'GET', url: '/de/staff/users/invite', headers: { cookie: s.cookie } }))
          .statusCode,
      ).toBe(404);
      expect(
        (await postAs(t.app, s, '/de/staff/users/invite', { email: 'x@example.org', role: 'counsellor' })).statusCode,
      ).toBe(404);
    }
  });
});

describe('inviting', () => {
  it('an administrator invites a centre lead: one open invitation, a mail with a 72-hour link, an audit entry', async () => {
    const email = 'neue.leitung@example.org';
    const res = await postAs(t.app, adminSession, '/de/staff/users/invite', {
      email: ' Neue.Leitung@Example.org ',
      display_name: 'Neue Leitung',
      role: 'centre_lead',
      centre_id: centreB,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/de/staff/users/invite?sent=1');
    const [inv, ...more] = await openInvitations(email);
    expect(more).toEqual([]);
    expect(inv).toMatchObject({ role: 'centre_lead', centre_id: centreB, invited_by: admin.id });
    expect(new Date(inv!.expires_at).getTime() - clock.now().getTime()).toBe(72 * 3600_000);
    const mail = await lastMailTo(t.app, email);
    expect(mail?.subject).toBe('Einladung zu Schutznetz');
    expect(mail?.body).toContain(`${t.config.publicOrigin}/de/staff/invitation/`);
    // Only the hash is stored.
    const token = tokenIn(mail!.body, 'invitation');
    const raw = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('invitation').selectAll().where('id', '=', inv!.id).executeTakeFirstOrThrow(),
    );
    expect(JSON.stringify(raw)).not.toContain(token);
    const events = await auditEvents(t.app);
    const e = events.find((x) => x.event === 'users.invited' && x.object_id === inv!.id);
    expect(e).toMatchObject({ actor_id: admin.id, centre_id: centreB });
    expect(JSON.stringify(e)).not.toContain('@');
  });

  it('a second invitation to the same address closes the first: only the newest link works', async () => {
    const email = 'zweimal@example.org';
    await postAs(t.app, adminSession, '/de/staff/users/invite', { email, role: 'coordination' });
    const first = tokenIn((await lastMailTo(t.app, email))!.body, 'invitation');
    await postAs(t.app, adminSession, '/de/staff/users/invite', { email, role: 'coordination' });
    const second = tokenIn((await lastMailTo(t.app, email))!.body, 'invitation');
    expect((await t.app.inject({ method: 'GET', url: `/de/staff/invitation/${first}` })).statusCode).toBe(410);
    expect((await t.app.inject({ method: 'GET', url: `/de/staff/invitation/${second}` })).statusCode).toBe(200);
    expect(await openInvitations(email)).toHaveLength(1);
  });

  it('answers identically whether or not the address has an account (no enumeration)', async () => {
    const existing = await createUser(t.app, { role: 'counsellor', centreId: centreA, email: 'schon.da@example.org' });
    const fresh = 'noch.nicht.da@example.org';
    const a = await postAs(t.app, leadSession, '/en/staff/users/invite', { email: existing.email, role: 'counsellor' });
    const b = await postAs(t.app, leadSession, '/en/staff/users/invite', { email: fresh, role: 'counsellor' });
    expect(a.statusCode).toBe(b.statusCode);
    expect(a.headers.location).toBe(b.headers.location);
    expect(a.body).toBe(b.body);
    const pageA = await t.app.inject({
      method: 'GET',
      url: a.headers.location as string,
      headers: { cookie: leadSession.cookie },
    });
    const pageB = await t.app.inject({
      method: 'GET',
      url: b.headers.location as string,
      headers: { cookie: leadSession.cookie },
    });
    expect(pageA.body).toBe(pageB.body);
    // Both addresses get a mail; only the new one a working link.
    expect((await lastMailTo(t.app, fresh))?.body).toContain('/en/staff/invitation/');
    const note = await lastMailTo(t.app, existing.email);
    expect(note?.subject).toBe('Schutznetz: you already have an account');
    expect(note?.body).not.toContain('/staff/invitation/');
    expect(note?.body).toContain('/en/staff/password-reset');
    expect(await openInvitations(existing.email)).toEqual([]);
    // The lead's audit chain looks the same for both.
    const events = (await auditEvents(t.app)).filter((e) => e.event === 'users.invited' && e.actor_id === lead.id);
    expect(events.slice(-2).map((e) => [e.centre_id, e.details])).toEqual([
      [centreA, { role: 'counsellor' }],
      [centreA, { role: 'counsellor' }],
    ]);
  });

  it('a centre lead invites counsellors into their own centre', async () => {
    const email = 'beraterin@example.org';
    const res = await postAs(t.app, leadSession, '/de/staff/users/invite', { email, role: 'counsellor' });
    expect(res.statusCode).toBe(303);
    expect(await openInvitations(email)).toEqual([
      expect.objectContaining({ role: 'counsellor', centre_id: centreA, invited_by: lead.id }),
    ]);
  });

  it('a centre lead cannot invite into another centre (404, nothing written, no mail)', async () => {
    const email = 'fremd@example.org';
    const res = await postAs(t.app, leadSession, '/de/staff/users/invite', {
      email,
      role: 'counsellor',
      centre_id: centreB,
    });
    expect(res.statusCode).toBe(404);
    expect(await openInvitations(email)).toEqual([]);
    expect(await mailCount(t.app, email)).toBe(0);
  });

  it('a centre lead cannot invite a lead, coordination staff or an administrator (404)', async () => {
    for (const role of ['centre_lead', 'coordination', 'admin']) {
      const email = `rolle-${role}@example.org`;
      const res = await postAs(t.app, leadSession, '/de/staff/users/invite', { email, role, centre_id: centreA });
      expect(res.statusCode, role).toBe(404);
      expect(await openInvitations(email)).toEqual([]);
    }
  });

  it('an administrator cannot invite an administrator on the web (404)', async () => {
    const res = await postAs(t.app, adminSession, '/de/staff/users/invite', {
      email: 'admin2@example.org',
      role: 'admin',
    });
    expect(res.statusCode).toBe(404);
  });

  it('explains each invalid field next to it (400) and writes nothing', async () => {
    const before = await mailCount(t.app, 'kaputt');
    const cases: [Record<string, string>, string][] = [
      [{ email: 'kaputt', role: 'coordination' }, 'f-email-error'],
      [{ email: 'ok@example.org', role: 'centre_lead' }, 'f-centre_id-error'],
      [{ email: 'ok@example.org', role: 'centre_lead', centre_id: 'not-a-uuid' }, 'f-centre_id-error'],
      [{ email: 'ok@example.org', role: 'coordination', centre_id: centreA }, 'f-centre_id-error'],
      [{ email: 'ok@example.org', role: 'boss' }, 'f-role-error'],
      [{ email: 'ok@example.org' }, 'f-role-error'],
      [{ email: 'ok@example.org', role: 'coordination', display_name: 'x'.repeat(201) }, 'f-display_name-error'],
      [{ email: 'ok@example.org', role: 'coordination', display_name: 'Ole\r\nBcc: x' }, 'f-display_name-error'],
    ];
    for (const [fields, errorId] of cases) {
      const res = await postAs(t.app, adminSession, '/de/staff/users/invite', fields);
      expect(res.statusCode, JSON.stringify(fields)).toBe(400);
      expect(res.body).toContain(`id="${errorId}"`);
    }
    expect(await openInvitations('ok@example.org')).toEqual([]);
    expect(await mailCount(t.app, 'ok@example.org')).toBe(0);
    expect(await mailCount(t.app, 'kaputt')).toBe(before);
  });

  it('refuses unknown fields and oversized input with 400', async () => {
    expect(
      (
        await postAs(t.app, adminSession, '/de/staff/users/invite', {
          email: 'a@example.org',
          role: 'coordination',
          invited_by: lead.id,
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (await postAs(t.app, adminSession, '/de/staff/users/invite', { email: 'a'.repeat(2000), role: 'coordination' }))
        .statusCode,
    ).toBe(400);
    expect(await openInvitations('a@example.org')).toEqual([]);
  });

  it('refuses a form without the CSRF token (403)', async () => {
    const res = await postForm(
      t.app,
      '/de/staff/users/invite',
      { email: 'csrf@example.org', role: 'coordination' },
      { cookie: adminSession.cookie },
    );
    expect(res.statusCode).toBe(403);
    expect(await openInvitations('csrf@example.org')).toEqual([]);
  });
});

describe('the users list', () => {
  it('shows administrators every account', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/de/staff/users', headers: { cookie: adminSession.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(admin.email);
    expect(res.body).toContain(lead.email);
  });

  it('shows centre leads only their own centre’s accounts (row-level security)', async () => {
    const other = await createUser(t.app, { role: 'counsellor', centreId: centreB, email: 'anderswo@example.org' });
    const res = await t.app.inject({ method: 'GET', url: '/de/staff/users', headers: { cookie: leadSession.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(lead.email);
    expect(res.body).not.toContain(other.email);
    expect(res.body).not.toContain(admin.email);
    expect(res.body).not.toContain('Beratungsstelle B');
  });

  it('is not there for counsellors (404)', async () => {
    const c = await createUser(t.app, { role: 'counsellor', centreId: centreA });
    const s = await signIn(t.app, c);
    expect(
      (await t.app.inject({ method: 'GET', url: '/de/staff/users', headers: { cookie: s.cookie } })).statusCode,
    ).toBe(404);
  });
});
