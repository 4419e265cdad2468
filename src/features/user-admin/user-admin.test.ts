/**
 * User administration over HTTP: the account page, disabling and changing
 * the role — who may do what to whom (404 for everything else, nothing
 * written), sessions ending at once, the audit rows, CSRF, bad ids.
 */
import { randomUUID } from 'node:crypto';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { createCentre, createUser, fakeClock, postAs, postForm, signIn } from '../../../test/support/auth.ts';
import type { Session, TestUser } from '../../../test/support/auth.ts';
import { AUDIT_TABLES, WriteWatcher } from '../../../test/support/security.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { createInvitation } from '../../platform/auth/queries/invitations.ts';
import { createLink } from '../../platform/auth/queries/one-time-links.ts';
import { auditEvents, lastMailTo } from '../account/test-support.ts';

let writes: WriteWatcher;
const clock = fakeClock();
let centreA: string;
let centreB: string;
let admin: TestUser;
let adminS: Session;
let leadA: TestUser;
let leadAS: Session;

const t = appForFile({}, { clock });
beforeAll(async () => {
  centreA = await createCentre(t.app, 'Beratungsstelle Nord');
  centreB = await createCentre(t.app, 'Beratungsstelle Süd');
  admin = await createUser(t.app, { role: 'admin', displayName: 'Ada Admin' });
  leadA = await createUser(t.app, { role: 'centre_lead', centreId: centreA, displayName: 'Lea Leitung' });
  adminS = await signIn(t.app, admin);
  leadAS = await signIn(t.app, leadA);
  writes = new WriteWatcher(t.app);
}, 60_000);

/** Sign in again later: TOTP codes are single-use, so each sign-in needs the next 30-second step. */
async function freshSignIn(user: TestUser): Promise<Session> {
  clock.advance(31_000);
  return signIn(t.app, user);
}

const page = (s: Session, id: string, lang = 'de') =>
  t.app.inject({ method: 'GET', url: `/${lang}/staff/users/${id}`, headers: { cookie: s.cookie } });
const disable = (s: Session, id: string, fields: Record<string, string> = { confirm: 'yes' }) =>
  postAs(t.app, s, `/de/staff/users/${id}/disable`, fields);
const changeRole = (s: Session, id: string, role: string) => postAs(t.app, s, `/de/staff/users/${id}/role`, { role });

/**
 * Let the sessions in play record that they were seen (a write at most once
 * a minute of app time), so a later "nothing written" check is not tripped
 * by that bookkeeping.
 */
async function settle(...sessions: Session[]): Promise<void> {
  for (const s of [adminS, leadAS, ...sessions])
    await t.app.inject({ method: 'GET', url: '/de/staff', headers: { cookie: s.cookie } });
}

async function stillSignedIn(s: Session): Promise<boolean> {
  const res = await t.app.inject({ method: 'GET', url: '/de/staff', headers: { cookie: s.cookie } });
  return res.statusCode === 200;
}

async function account(id: string) {
  return withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
    trx
      .selectFrom('app_user')
      .select(['role', 'centre_id', 'disabled_at'])
      .where('id', '=', id)
      .executeTakeFirstOrThrow(),
  );
}

async function eventsAbout(id: string, event: string) {
  return (await auditEvents(t.app)).filter((e) => e.event === event && e.object_id === id);
}

/** The visible text of the page's main content, whitespace collapsed. */
function text(html: string): string {
  const main = /<main[\s>][\s\S]*<\/main>/.exec(html)?.[0] ?? html;
  return main
    .replace(/<[^>]*>/g, ' ')
    .replace(/&quot;/g, '"')
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

describe('the account page', () => {
  it('is linked from each row of the users list', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/de/staff/users', headers: { cookie: adminS.cookie } });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`href="/de/staff/users/${leadA.id}"`);
    expect(res.body).toContain(`href="/de/staff/users/${admin.id}"`);
  });

  it('shows name, address, role, centre, status, creation date and open sessions (de and en)', async () => {
    const de = await page(adminS, leadA.id);
    expect(de.statusCode).toBe(200);
    expect(de.headers['cache-control']).toBe('no-store');
    const body = text(de.body);
    for (const s of [
      'Konto: Lea Leitung',
      leadA.email,
      'Leitung einer Fachberatungsstelle',
      'Beratungsstelle Nord',
      'Status aktiv',
      'Angelegt am',
      'Offene Sitzungen 1',
    ])
      expect(body).toContain(s);
    const en = text((await page(adminS, leadA.id, 'en')).body);
    for (const s of [
      'Account: Lea Leitung',
      'Lead of a counselling centre',
      'Counselling centre Beratungsstelle Nord',
      'Status active',
      'Created on',
      'Open sessions 1',
    ])
      expect(en).toContain(s);
  });

  it('says when an account has no second factor yet, and that network accounts belong to no centre', async () => {
    const coord = await createUser(t.app, { role: 'coordination', totp: false, displayName: 'Kim Koordination' });
    const body = text((await page(adminS, coord.id, 'en')).body);
    expect(body).toContain('no second factor yet');
    expect(body).toContain('no counselling centre');
    expect(body).toContain('Open sessions 0');
  });

  it('is open to centre leads for the accounts of their own centre', async () => {
    const counsellor = await createUser(t.app, { role: 'counsellor', centreId: centreA, displayName: 'Cem Beratung' });
    const res = await page(leadAS, counsellor.id);
    expect(res.statusCode).toBe(200);
    expect(text(res.body)).toContain('Konto: Cem Beratung');
    // Leads may disable their counsellors, but not change roles.
    expect(res.body).toContain(`action="/de/staff/users/${counsellor.id}/disable"`);
    expect(res.body).not.toContain('/role"');
  });

  it('answers 404 for malformed, unknown and over-long ids, never 500', async () => {
    for (const id of [
      'not-a-uuid',
      '1',
      randomUUID(),
      '00000000-0000-0000-0000-000000000000',
      `${leadA.id}x`,
      'x'.repeat(150),
      "'%20OR%201=1--",
      '..%2F..%2Fusers',
    ]) {
      expect(
        (await t.app.inject({ method: 'GET', url: `/de/staff/users/${id}`, headers: { cookie: adminS.cookie } }))
          .statusCode,
        `GET ${id}`,
      ).toBe(404);
      expect((await disable(adminS, id)).statusCode, `disable ${id}`).toBe(404);
      expect((await changeRole(adminS, id, 'counsellor')).statusCode, `role ${id}`).toBe(404);
    }
    // A NUL byte is refused by the input guard before any route runs.
    expect(
      (await t.app.inject({ method: 'GET', url: '/de/staff/users/%00', headers: { cookie: adminS.cookie } }))
        .statusCode,
    ).toBe(400);
    // Upper case is the same UUID.
    expect((await page(adminS, leadA.id.toUpperCase())).statusCode).toBe(200);
  });

  it('refuses unknown query parameters and fields (400)', async () => {
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/de/staff/users/${leadA.id}?done=nonsense`,
          headers: { cookie: adminS.cookie },
        })
      ).statusCode,
    ).toBe(400);
    expect(
      (
        await t.app.inject({
          method: 'GET',
          url: `/de/staff/users/${leadA.id}?role=admin`,
          headers: { cookie: adminS.cookie },
        })
      ).statusCode,
    ).toBe(400);
    await settle();
    await writes.reset();
    expect((await disable(adminS, leadA.id, { confirm: 'yes', disabled_at: '' })).statusCode).toBe(400);
    expect((await changeRole(adminS, leadA.id, 'admin')).statusCode).toBe(400);
    expect(await writes.changes()).toEqual([]);
  });
});

describe('disabling', () => {
  it('an administrator disables a centre lead: confirmation first, then the session is refused at once, links closed, one audit row', async () => {
    const lead = await createUser(t.app, { role: 'centre_lead', centreId: centreB, displayName: 'Lotte Leitung' });
    const s = await signIn(t.app, lead);
    const s2 = await freshSignIn(lead);
    const now = clock.now();
    await withScope(t.app.database.db, { kind: 'admin' }, async (trx) => {
      await createInvitation(
        trx,
        { email: lead.email, role: 'centre_lead', centreId: centreB, invitedBy: admin.id },
        now,
      );
      await createLink(trx, { kind: 'password_reset' }, { id: lead.id, centreId: centreB }, now);
    });
    const before = text((await page(adminS, lead.id)).body);
    expect(before).toContain('Offene Sitzungen 2');
    expect(before).toContain('Konto von Lotte Leitung jetzt sperren');

    // Without the confirmation: the page again, with the question marked, nothing written.
    await settle(s);
    await writes.reset();
    const unconfirmed = await disable(adminS, lead.id, {});
    expect(unconfirmed.statusCode).toBe(400);
    expect(unconfirmed.body).toContain('id="f-confirm-error"');
    expect(unconfirmed.body).toContain('href="#f-confirm"');
    expect(await writes.changes()).toEqual([]);
    expect(await stillSignedIn(s)).toBe(true);

    const res = await disable(adminS, lead.id);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/de/staff/users/${lead.id}?done=disabled`);
    expect(await stillSignedIn(s)).toBe(false);
    expect(await stillSignedIn(s2)).toBe(false);
    expect((await account(lead.id)).disabled_at).not.toBeNull();
    const open = await withScope(t.app.database.db, { kind: 'admin' }, async (trx) => ({
      sessions: (await trx.selectFrom('user_session').select('token_hash').where('user_id', '=', lead.id).execute())
        .length,
      invitations: (
        await trx
          .selectFrom('invitation')
          .select('id')
          .where('email', '=', lead.email)
          .where('used_at', 'is', null)
          .execute()
      ).length,
      resets: (
        await trx
          .selectFrom('password_reset')
          .select('token_hash')
          .where('user_id', '=', lead.id)
          .where('used_at', 'is', null)
          .execute()
      ).length,
    }));
    expect(open).toEqual({ sessions: 0, invitations: 0, resets: 0 });

    const rows = await eventsAbout(lead.id, 'users.disabled');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_id: admin.id,
      centre_id: centreB,
      details: { sessions_ended: 2, via: 'web' },
    });
    expect(JSON.stringify(rows[0])).not.toContain('@');
    expect(JSON.stringify(rows[0])).not.toContain('Lotte');

    const after = await t.app.inject({
      method: 'GET',
      url: String(res.headers.location),
      headers: { cookie: adminS.cookie },
    });
    const body = text(after.body);
    expect(body).toContain('Das Konto ist gesperrt.');
    expect(body).toContain('Dieses Konto ist gesperrt.');
    expect(body).toContain('Status gesperrt');
    expect(body).toContain('Eine Sperre lässt sich hier nicht aufheben');
    expect(body).toContain('schutznetz users enable');
    expect(after.body).not.toContain('/disable"');
    expect(after.body).not.toContain('/role"');
    await expect(freshSignIn(lead)).rejects.toThrow();
  });

  it('a centre lead disables a counsellor of their own centre', async () => {
    const counsellor = await createUser(t.app, { role: 'counsellor', centreId: centreA });
    const s = await signIn(t.app, counsellor);
    const res = await disable(leadAS, counsellor.id);
    expect(res.statusCode).toBe(303);
    expect(await stillSignedIn(s)).toBe(false);
    expect(await stillSignedIn(leadAS)).toBe(true);
    const rows = await eventsAbout(counsellor.id, 'users.disabled');
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      actor_id: leadA.id,
      centre_id: centreA,
      details: { sessions_ended: 1, via: 'web' },
    });
  });

  it('a centre lead can neither see nor disable another centre’s counsellor, nor disable a fellow lead (404, nothing changed)', async () => {
    const otherCounsellor = await createUser(t.app, { role: 'counsellor', centreId: centreB });
    const fellowLead = await createUser(t.app, {
      role: 'centre_lead',
      centreId: centreA,
      displayName: 'Fritz Leitung',
    });
    const otherS = await freshSignIn(otherCounsellor);
    const fellowS = await freshSignIn(fellowLead);

    await settle();
    await writes.reset();
    expect((await page(leadAS, otherCounsellor.id)).statusCode).toBe(404);
    expect((await disable(leadAS, otherCounsellor.id)).statusCode).toBe(404);
    expect((await page(leadAS, admin.id)).statusCode).toBe(404);
    expect((await disable(leadAS, admin.id)).statusCode).toBe(404);
    // Another centre's accounts are invisible to the lead's scope: as unknown as a random id, nothing recorded.
    expect(await writes.changes()).toEqual([]);

    // The fellow lead is the lead's own centre: visible, but not theirs to disable.
    const fellowPage = await page(leadAS, fellowLead.id);
    expect(fellowPage.statusCode).toBe(200);
    expect(fellowPage.body).not.toContain('/disable"');
    expect(text(fellowPage.body)).toContain('Leitungen sperren nur Konten der Beratung');
    expect((await disable(leadAS, fellowLead.id)).statusCode).toBe(404);
    // Only the view and the refusal are recorded (users.viewed under the flood guard, access.denied).
    expect(await writes.changes([...AUDIT_TABLES, 'audit_flood_guard'])).toEqual([]);

    for (const [u, s] of [
      [otherCounsellor, otherS],
      [fellowLead, fellowS],
    ] as const) {
      expect((await account(u.id)).disabled_at).toBeNull();
      expect(await stillSignedIn(s)).toBe(true);
      expect(await eventsAbout(u.id, 'users.disabled')).toEqual([]);
    }
    const denied = (await auditEvents(t.app)).filter((e) => e.event === 'access.denied' && e.actor_id === leadA.id);
    expect(denied.at(-1)?.details).toMatchObject({ route: '/:lang/staff/users/:id/disable', reason: 'object' });
  });

  it('a centre lead cannot disable themselves, an administrator not their own account (409, said on the page)', async () => {
    expect((await disable(leadAS, leadA.id)).statusCode).toBe(409);
    const own = await page(adminS, admin.id);
    expect(own.statusCode).toBe(200);
    expect(text(own.body)).toContain('Ihr eigenes Konto können Sie nicht sperren.');
    expect(own.body).not.toContain('/disable"');
    await settle();
    await writes.reset();
    const res = await disable(adminS, admin.id);
    expect(res.statusCode).toBe(409);
    expect(text(res.body)).toContain('Ihr eigenes Konto können Sie nicht sperren.');
    expect(await writes.changes()).toEqual([]);
    expect(await stillSignedIn(adminS)).toBe(true);
  });

  it('an administrator may disable another administrator', async () => {
    const other = await createUser(t.app, { role: 'admin' });
    const s = await signIn(t.app, other);
    expect((await disable(adminS, other.id)).statusCode).toBe(303);
    expect(await stillSignedIn(s)).toBe(false);
  });

  it('is not there for counsellors and coordination staff (404 for every account, nothing written)', async () => {
    const target = await createUser(t.app, { role: 'counsellor', centreId: centreA });
    for (const role of ['counsellor', 'coordination'] as const) {
      const u = await createUser(t.app, { role, ...(role === 'counsellor' ? { centreId: centreA } : {}) });
      const s = await freshSignIn(u);
      await settle(s);
      await writes.reset();
      for (const id of [target.id, u.id, leadA.id]) {
        expect((await page(s, id)).statusCode, `${role} GET`).toBe(404);
        expect((await disable(s, id)).statusCode, `${role} disable`).toBe(404);
        expect((await changeRole(s, id, 'centre_lead')).statusCode, `${role} role`).toBe(404);
      }
      expect(await writes.changes(AUDIT_TABLES)).toEqual([]);
    }
    expect((await account(target.id)).disabled_at).toBeNull();
  });

  it('refuses a form without the CSRF token or with another session’s (403, only the refusal recorded)', async () => {
    const target = await createUser(t.app, { role: 'counsellor', centreId: centreA });
    await settle();
    await writes.reset();
    for (const url of [`/de/staff/users/${target.id}/disable`, `/de/staff/users/${target.id}/role`]) {
      const fields = { confirm: 'yes', role: 'centre_lead' };
      const none = await postForm(t.app, url, fields, { cookie: adminS.cookie });
      expect(none.statusCode).toBe(403);
      const foreign = await postForm(t.app, url, { ...fields, _csrf: leadAS.csrf }, { cookie: adminS.cookie });
      expect(foreign.statusCode).toBe(403);
      const crossSite = await postForm(
        t.app,
        url,
        { ...fields, _csrf: adminS.csrf },
        { cookie: adminS.cookie, origin: 'https://evil.example' },
      );
      expect(crossSite.statusCode).toBe(403);
    }
    // Nothing but the refusals' audit rows (auth.csrf_refused, flood-guarded).
    expect(await writes.changes([...AUDIT_TABLES, 'audit_flood_guard'])).toEqual([]);
    const refused = (await auditEvents(t.app)).filter(
      (e) => e.event === 'auth.csrf_refused' && e.actor_id === admin.id,
    );
    expect(refused.map((e) => (e.details as { reason: string }).reason).sort()).toEqual([
      'origin',
      'origin',
      'token',
      'token',
    ]);
    expect(await account(target.id)).toMatchObject({ role: 'counsellor', disabled_at: null });
  });
});

describe('changing the role', () => {
  it('counsellor → centre lead and back: sessions end, the new rights apply, each change audited with old and new role', async () => {
    const person = await createUser(t.app, { role: 'counsellor', centreId: centreA, displayName: 'Wanda Wechsel' });
    let s = await signIn(t.app, person);
    expect(
      (await t.app.inject({ method: 'GET', url: '/de/staff/users', headers: { cookie: s.cookie } })).statusCode,
    ).toBe(404);
    expect(text((await page(adminS, person.id)).body)).toContain('Rolle ändern zu: Leitung einer Fachberatungsstelle');

    const up = await changeRole(adminS, person.id, 'centre_lead');
    expect(up.statusCode).toBe(303);
    // The person hears of it at their address, without a link.
    const notice = await lastMailTo(t.app, person.email);
    expect(notice?.subject).toContain('Rolle geändert');
    expect(notice?.body).not.toMatch(/https?:/);
    expect(up.headers.location).toBe(`/de/staff/users/${person.id}?done=role`);
    expect(await stillSignedIn(s)).toBe(false);
    expect(await account(person.id)).toMatchObject({ role: 'centre_lead', centre_id: centreA, disabled_at: null });
    const [first, ...rest] = await eventsAbout(person.id, 'users.role_changed');
    expect(rest).toEqual([]);
    expect(first).toMatchObject({
      actor_id: admin.id,
      centre_id: centreA,
      details: { old_role: 'counsellor', new_role: 'centre_lead', sessions_ended: 1, via: 'web' },
    });
    const done = await t.app.inject({
      method: 'GET',
      url: `/en/staff/users/${person.id}?done=role`,
      headers: { cookie: adminS.cookie },
    });
    expect(text(done.body)).toContain('The role has been changed.');

    // Signed in again, the lead's rights apply.
    s = await freshSignIn(person);
    expect(
      (await t.app.inject({ method: 'GET', url: '/de/staff/users', headers: { cookie: s.cookie } })).statusCode,
    ).toBe(200);

    const down = await changeRole(adminS, person.id, 'counsellor');
    expect(down.statusCode).toBe(303);
    expect(await stillSignedIn(s)).toBe(false);
    expect((await account(person.id)).role).toBe('counsellor');
    const rows = await eventsAbout(person.id, 'users.role_changed');
    expect(rows).toHaveLength(2);
    expect(rows[1]?.details).toEqual({
      old_role: 'centre_lead',
      new_role: 'counsellor',
      sessions_ended: 1,
      via: 'web',
    });
    s = await freshSignIn(person);
    expect(
      (await t.app.inject({ method: 'GET', url: '/de/staff/users', headers: { cookie: s.cookie } })).statusCode,
    ).toBe(404);
  });

  it('the same form sent twice changes nothing the second time', async () => {
    const person = await createUser(t.app, { role: 'counsellor', centreId: centreB });
    expect((await changeRole(adminS, person.id, 'centre_lead')).statusCode).toBe(303);
    await settle();
    await writes.reset();
    const again = await changeRole(adminS, person.id, 'centre_lead');
    expect(again.statusCode).toBe(303);
    expect(again.headers.location).toBe(`/de/staff/users/${person.id}`);
    expect(await writes.changes()).toEqual([]);
    expect(await eventsAbout(person.id, 'users.role_changed')).toHaveLength(1);
  });

  it('is not offered for network roles or disabled accounts, and refused if sent anyway (409)', async () => {
    const coord = await createUser(t.app, { role: 'coordination' });
    const gone = await createUser(t.app, { role: 'counsellor', centreId: centreA });
    expect((await disable(adminS, gone.id)).statusCode).toBe(303);

    const coordPage = await page(adminS, coord.id);
    expect(text(coordPage.body)).toContain(
      'Die Rollen der Koordinierungsstelle und der Plattform-Administration können im Web nicht geändert werden',
    );
    expect(coordPage.body).not.toContain('/role"');
    expect(text((await page(adminS, admin.id, 'en')).body)).toContain('cannot be changed on the web');

    await settle();
    await writes.reset();
    expect((await changeRole(adminS, coord.id, 'centre_lead')).statusCode).toBe(409);
    expect((await changeRole(adminS, admin.id, 'counsellor')).statusCode).toBe(409);
    expect((await changeRole(adminS, gone.id, 'centre_lead')).statusCode).toBe(409);
    expect(await writes.changes()).toEqual([]);
    expect((await account(coord.id)).role).toBe('coordination');
    expect((await account(gone.id)).role).toBe('counsellor');
  });

  it('is for administrators only: a centre lead gets 404 even for their own counsellor', async () => {
    const counsellor = await createUser(t.app, { role: 'counsellor', centreId: centreA });
    await settle();
    await writes.reset();
    expect((await changeRole(leadAS, counsellor.id, 'centre_lead')).statusCode).toBe(404);
    expect(await writes.changes(AUDIT_TABLES)).toEqual([]);
    expect((await account(counsellor.id)).role).toBe('counsellor');
  });
});
