/**
 * The coordination office's helpline pages over HTTP: list, add, change,
 * remove; every change audited and on the public pages at once; every other
 * visitor refused with nothing changed. Runs on both databases.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { enrolAdmin } from '../../../test/support/auth.ts';
import { verifyAuditLog } from '../../platform/audit/verify.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { auditRows, demoCentre, get, post, signedIn, type Staff } from '../centre-entry/testing.ts';

const KIDS = '79830281-9359-4c57-bf35-0ea10e6ba1f2'; // 116 111, seeded by migrations/0018
const POLICE = '7daaa046-69ea-4799-b023-6f3c0a842582'; // 110

let coordination: Staff;
let admin: Staff;
let lead: Staff;
let counsellor: Staff;
let restricted: Staff;

const t = appForFile();
beforeAll(async () => {
  const centre = demoCentre('stuttgart');
  coordination = await signedIn(t.app, 'coordination');
  admin = await signedIn(t.app, 'admin');
  lead = await signedIn(t.app, 'centre_lead', centre.id);
  counsellor = await signedIn(t.app, 'counsellor', centre.id);
  // An administrator between the invitation's code step and the first passkey: a restricted session.
  restricted = await enrolAdmin(t.app);
});

const rows = () =>
  withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
    trx.selectFrom('helpline').selectAll().orderBy('sort_order').execute(),
  );

/** The kids' line as a complete form, changed by `change`. */
function kidsForm(change: Record<string, string | undefined> = {}): Record<string, string> {
  const base: Record<string, string | undefined> = {
    kind: 'phone',
    contact: '116 111',
    name_de: 'Nummer gegen Kummer: Kinder- und Jugendtelefon',
    name_en: 'Nummer gegen Kummer: helpline for children and young people',
    description_de: 'Kostenlos und anonym.',
    description_en: 'Free and anonymous.',
    hours_de: 'Mo–Sa 14–20 Uhr',
    hours_en: 'Mon–Sat 2–8 pm',
    sort_order: '50',
    checked_on: '2026-12-01',
    ...change,
  };
  return Object.fromEntries(Object.entries(base).filter((e): e is [string, string] => e[1] !== undefined));
}

describe('the coordination office keeps the helplines', () => {
  it('lists every seeded helpline with its hours and the date it was checked', async () => {
    const res = await get(t.app, coordination, '/de/staff/helplines');
    expect(res.statusCode).toBe(200);
    for (const n of ['110', '112', '116 016', '116 111', '0800 22 55 530', '0800 123 99 00'])
      expect(res.body).toContain(`<td class="number">${n}</td>`);
    expect(res.body).toContain('Mo–Sa 14–20 Uhr, Mo, Mi und Do auch 10–12 Uhr');
    expect(res.body).toContain('7. Dezember 2026');
  });

  it('gives every public page its first-screen call buttons and a footer with every phone helpline from the data', async () => {
    for (const path of ['/de/', '/de/safety', '/en/states', `/de/search?q=04109`]) {
      const res = await get(t.app, null, path);
      const line = /<ul class="call-line"[^>]*>(.*?)<\/ul>/s.exec(res.body)?.[1] ?? '';
      expect(
        [...line.matchAll(/href="(tel:\d+)"/g)].map((m) => m[1]),
        path,
      ).toEqual(['tel:110', 'tel:116016']);
      const footer =
        /<section aria-labelledby="helplines-title" class="helplines">(.*?)<\/section>/s.exec(res.body)?.[1] ?? '';
      for (const n of ['110', '112', '116 016', '116 111', '0800 22 55 530', '0800 123 99 00'])
        expect(footer, `${path}: ${n}`).toContain(`>${n}</a>`);
    }
    // 116 111 is not around the clock: the footer says when it answers.
    expect((await get(t.app, null, '/de/privacy')).body).toMatch(/116 111<\/a> \(Mo–Sa 14–20 Uhr/);
  });

  it('changes the hours of 116 111: audited, and on the public pages at once', async () => {
    const before = await get(t.app, null, '/de/search?q=Xyz');
    expect(before.body).toContain('Mo–Sa 14–20 Uhr, Mo, Mi und Do auch 10–12 Uhr');
    const form = await get(t.app, coordination, `/de/staff/helplines/${KIDS}`);
    expect(form.statusCode).toBe(200);
    expect(form.body).toContain('value="116 111"');
    const res = await post(t.app, coordination, `/de/staff/helplines/${KIDS}`, kidsForm());
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/de/staff/helplines?done=saved');
    const kids = (await rows()).find((r) => r.id === KIDS)!;
    expect([kids.hours_de, kids.checked_on, kids.around_the_clock]).toEqual(['Mo–Sa 14–20 Uhr', '2026-12-01', false]);
    const after = await get(t.app, null, '/de/search?q=Xyz');
    expect(after.body).toContain('Erreichbar: Mo–Sa 14–20 Uhr</p>');
    expect(after.body).toContain('Zuletzt geprüft am 1. Dezember 2026');
    const audit = await auditRows(t.app, 'helplines.changed');
    expect(audit).toEqual([
      { event: 'helplines.changed', centre_id: null, actor_id: coordination.user.id, object_id: KIDS, details: {} },
    ]);
    expect((await verifyAuditLog(t.app.database.db, t.app.keys.audit)).filter((c) => !c.ok)).toEqual([]);
  });

  it('adds a helpline and removes it again, both audited; administrators may too', async () => {
    const res = await post(t.app, admin, '/en/staff/helplines/new', {
      kind: 'phone',
      contact: '0800 111 0 550',
      name_de: 'Elterntelefon',
      name_en: 'Helpline for parents',
      around_the_clock: 'on',
      sort_order: '55',
      checked_on: '2026-12-07',
    });
    expect(res.statusCode).toBe(303);
    const added = (await rows()).find((r) => r.contact === '0800 111 0 550')!;
    expect(added).toMatchObject({ name_en: 'Helpline for parents', around_the_clock: true, hours_de: '' });
    expect((await get(t.app, null, '/en/')).body).toContain('href="tel:08001110550"');
    expect(await auditRows(t.app, 'helplines.added')).toMatchObject([{ actor_id: admin.user.id, object_id: added.id }]);

    const removed = await post(t.app, coordination, `/de/staff/helplines/${added.id}/delete`);
    expect(removed.statusCode).toBe(303);
    expect((await rows()).some((r) => r.id === added.id)).toBe(false);
    expect((await get(t.app, null, '/en/')).body).not.toContain('tel:08001110550');
    expect(await auditRows(t.app, 'helplines.removed')).toMatchObject([{ actor_id: coordination.user.id }]);
  });

  it('shows the form again with every problem in the reader’s language, and stores nothing', async () => {
    const before = await rows();
    const de = await post(t.app, coordination, `/de/staff/helplines/${KIDS}`, {
      ...kidsForm({ contact: 'call us', name_de: ' ', hours_en: '', checked_on: '2026-02-30', sort_order: 'x' }),
    });
    expect(de.statusCode).toBe(400);
    expect(de.body).toContain('Telefonnummer oder Webadresse: ist keine Telefonnummer');
    expect(de.body).toContain('Name (Deutsch): muss ausgefüllt werden');
    expect(de.body).toContain('Reihenfolge: muss eine Zahl sein');
    expect(de.body).toContain('Erreichbarkeit (Englisch): fehlt');
    expect(de.body).toContain('Zuletzt geprüft am: ');
    expect(de.body).toContain('value="call us"');
    const en = await post(t.app, coordination, `/en/staff/helplines/${KIDS}`, {
      ...kidsForm({ around_the_clock: 'on', kind: 'chat' }),
    });
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('Phone number or web address: must be a web address starting with https://');
    expect(en.body).toContain('Hours (German): leave empty when the service is available around the clock');
    const future = await post(
      t.app,
      coordination,
      `/en/staff/helplines/${KIDS}`,
      kidsForm({ checked_on: '2999-01-01' }),
    );
    expect(future.statusCode).toBe(400);
    expect(future.body).toContain('Last checked on: must not lie in the future');
    expect(await rows()).toEqual(before);
  });

  it('answers a forged request with a 4xx and changes nothing', async () => {
    const before = await rows();
    const unknownField = await post(t.app, coordination, `/de/staff/helplines/${KIDS}`, {
      ...kidsForm(),
      centre_id: 'x',
    });
    expect(unknownField.statusCode).toBe(400);
    const noCsrf = await post(t.app, coordination, `/de/staff/helplines/${KIDS}`, { ...kidsForm(), _csrf: '' });
    expect(noCsrf.statusCode).toBe(403);
    // Another id than any helpline's: not found, for editing and removing alike.
    for (const id of ['00000000-0000-4000-8000-000000000000', 'not-a-uuid', `${KIDS}x`]) {
      expect((await post(t.app, coordination, `/de/staff/helplines/${id}`, kidsForm())).statusCode, id).toBe(404);
      expect((await post(t.app, coordination, `/de/staff/helplines/${id}/delete`)).statusCode, id).toBe(404);
      expect((await get(t.app, coordination, `/de/staff/helplines/${id}`)).statusCode, id).toBe(404);
    }
    expect(await rows()).toEqual(before);
  });
});

describe('nobody else may edit them', () => {
  it('centre leads and counsellors get 404 and change nothing; the refusal is audited', async () => {
    const before = await rows();
    for (const who of [lead, counsellor]) {
      for (const [url, body] of [
        [`/de/staff/helplines/${POLICE}`, kidsForm({ contact: '999' })],
        [`/de/staff/helplines/${POLICE}/delete`, {}],
        ['/de/staff/helplines/new', kidsForm()],
      ] as const) {
        const res = await post(t.app, who, url, body);
        expect(res.statusCode, `${who.user.role} ${url}`).toBe(404);
      }
      expect((await get(t.app, who, '/de/staff/helplines')).statusCode).toBe(404);
    }
    expect(await rows()).toEqual(before);
    const denied = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('audit_log').select('actor_id').where('event', '=', 'access.denied').execute(),
    );
    expect(denied.map((d) => d.actor_id)).toEqual(expect.arrayContaining([lead.user.id, counsellor.user.id]));
  });

  it('an anonymous request is sent to the sign-in, a restricted session to the passkey set-up', async () => {
    const before = await rows();
    const anon = await t.app.inject({
      method: 'POST',
      url: `/de/staff/helplines/${POLICE}/delete`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: '',
    });
    expect(anon.statusCode).toBe(303);
    expect(String(anon.headers.location)).toMatch(/^\/de\/staff\/sign-in/);
    const res = await post(t.app, restricted, `/de/staff/helplines/${POLICE}/delete`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/de/staff/passkey-setup');
    expect(await rows()).toEqual(before);
  });

  it('row-level security refuses writes outside the office’s scopes, even past the routes', async () => {
    for (const scope of [
      { kind: 'centre', centreId: lead.user.centreId! },
      { kind: 'auth' },
      { kind: 'import' },
    ] as const) {
      const n = await withScope(t.app.database.db, scope, async (trx) => {
        const r = await trx.updateTable('helpline').set({ contact: '999' }).where('id', '=', POLICE).executeTakeFirst();
        return Number(r.numUpdatedRows);
      });
      expect(n, scope.kind).toBe(0);
      await expect(
        withScope(t.app.database.db, scope, (trx) =>
          trx
            .insertInto('helpline')
            .values({
              id: crypto.randomUUID(),
              contact: '999',
              kind: 'phone',
              name_de: 'x',
              name_en: 'x',
              around_the_clock: true,
              checked_on: '2026-01-01',
            })
            .execute(),
        ),
        scope.kind,
      ).rejects.toThrow(/row-level security/);
    }
    // Everyone reads them (the public pages do, without a session).
    const read = await withScope(t.app.database.db, { kind: 'auth' }, (trx) =>
      trx.selectFrom('helpline').select('id').execute(),
    );
    expect(read.length).toBeGreaterThanOrEqual(7);
  });
});
