import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { createCentre, createUser, signIn, type Session, type TestUser } from '../../../test/support/auth.ts';
import { audit, type AuditEntry } from '../../platform/audit/audit.ts';
import { withScope } from '../../platform/db/tenant.ts';

let centreA: string;
let centreB: string;
let centreC: string;
const users = {} as Record<'admin' | 'coord' | 'leadA' | 'leadB' | 'counsellorA', TestUser>;
const sessions: Record<string, Session> = {};

async function write(entry: AuditEntry, at: Date) {
  await withScope(t.app.database.db, { kind: 'admin' }, (trx) => audit(trx, t.app.keys.audit, entry, at));
}

const t = appForFile();
beforeAll(async () => {
  centreA = await createCentre(t.app, 'Beratungsstelle Alpha');
  centreB = await createCentre(t.app, 'Beratungsstelle Beta');
  centreC = await createCentre(t.app, 'Beratungsstelle Gamma');
  users.admin = await createUser(t.app, { role: 'admin', displayName: 'Ada Admin' });
  users.coord = await createUser(t.app, { role: 'coordination', displayName: 'Konrad Koordination' });
  users.leadA = await createUser(t.app, { role: 'centre_lead', centreId: centreA, displayName: 'Lea Leitung A' });
  users.leadB = await createUser(t.app, { role: 'centre_lead', centreId: centreB, displayName: 'Ben Leitung B' });
  users.counsellorA = await createUser(t.app, {
    role: 'counsellor',
    centreId: centreA,
    displayName: 'Clara Beraterin',
  });
  for (const [k, u] of Object.entries(users)) sessions[k] = await signIn(t.app, u);

  await write(
    {
      event: 'users.invited',
      actorId: users.admin.id,
      centreId: null,
      objectType: 'invitation',
      objectId: 'marker-network-1',
      details: { role: 'coordination' },
    },
    new Date('2024-01-10T09:00:00Z'),
  );
  await write(
    {
      event: 'directory.draft_submitted',
      actorId: users.leadA.id,
      centreId: centreA,
      objectType: 'directory_draft',
      objectId: 'marker-a-1',
      details: { service_id: 'svc-123', internal_note_code: 'hidden-detail-value' },
    },
    new Date('2024-02-10T09:00:00Z'),
  );
  // Accepted by the coordination office: in A's chain, but the actor is not an account A can see.
  await write(
    {
      event: 'directory.draft_accepted',
      actorId: users.coord.id,
      centreId: centreA,
      objectType: 'directory_draft',
      objectId: 'marker-a-2',
      details: { assured_date: '2024-02-11' },
    },
    new Date('2024-02-11T09:00:00Z'),
  );
  await write(
    {
      event: 'users.disabled',
      actorId: users.leadB.id,
      centreId: centreB,
      objectType: 'app_user',
      objectId: 'marker-b-1',
    },
    new Date('2024-03-01T09:00:00Z'),
  );
  // 60 entries in C's chain, for paging.
  await withScope(t.app.database.db, { kind: 'admin' }, async (trx) => {
    for (let i = 0; i < 60; i++) {
      await audit(
        trx,
        t.app.keys.audit,
        { event: 'outbox.read', actorId: null, centreId: centreC, objectId: `marker-c-${i}` },
        new Date(Date.UTC(2024, 4, 1, 0, i)),
      );
    }
  });
});

const get = (who: string | null, url: string) =>
  t.app.inject({ method: 'GET', url, headers: who ? { cookie: sessions[who]!.cookie } : {} });
const markers = (html: string) => [...html.matchAll(/<code>(marker-[a-z0-9-]+)<\/code>/g)].map((m) => m[1]!);

describe('/:lang/staff/audit', () => {
  it('shows the coordination office every chain, with names, event labels and the area filter', async () => {
    const res = await get('coord', '/de/staff/audit');
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(markers(res.body)[0]).toBe('marker-c-59');
    const early = await get('coord', '/de/staff/audit?to=2024-03-31');
    expect(markers(early.body)).toEqual(['marker-b-1', 'marker-a-2', 'marker-a-1', 'marker-network-1']);
    expect(early.body).toContain('Einladung verschickt');
    expect(early.body).toContain('Ada Admin');
    expect(early.body).toContain('Konrad Koordination');
    expect(early.body).toContain('Beratungsstelle Alpha</td>');
    expect(res.body).toContain('<option value="network"');
    expect(res.body).toContain('Beratungsstelle Beta');
    // The sign-ins of beforeAll are there too, labelled.
    expect(res.body).toContain('Anmeldung');
  });

  it('shows the administrator the same, in English', async () => {
    const res = await get('admin', '/en/staff/audit?chain=network');
    expect(res.statusCode).toBe(200);
    expect(markers(res.body)).toEqual(['marker-network-1']);
    expect(res.body).toContain('Invitation sent');
    expect(res.body).toContain('role: <code>coordination</code>');
  });

  it("shows a centre lead only their centre's chain", async () => {
    const res = await get('leadA', '/de/staff/audit');
    expect(res.statusCode).toBe(200);
    const m = markers(res.body);
    expect(m).toEqual(['marker-a-2', 'marker-a-1']);
    expect(res.body).not.toContain('name="chain"');
    expect(res.body).not.toContain('Beratungsstelle Beta');
    expect(res.body).toContain('Lea Leitung A');
    // The coordination account is outside A's scope: no name, no id leaks.
    expect(res.body).not.toContain('Konrad Koordination');
    expect(res.body).toContain('Person außerhalb Ihres Bereichs');
    expect(res.body).not.toContain(users.coord.id);
    // The person filter lists A's accounts only.
    expect(res.body).toContain('Clara Beraterin');
    expect(res.body).not.toContain('Ben Leitung B');
    expect((await get('leadA', `/de/staff/audit?chain=${centreA}`)).statusCode).toBe(200);
  });

  it('answers 404 when a centre lead asks for another area, 404 for counsellors, sign-in for strangers', async () => {
    expect((await get('leadA', `/de/staff/audit?chain=${centreB}`)).statusCode).toBe(404);
    expect((await get('leadA', '/de/staff/audit?chain=network')).statusCode).toBe(404);
    expect((await get('counsellorA', '/de/staff/audit')).statusCode).toBe(404);
    const anon = await get(null, '/de/staff/audit');
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toContain('/de/staff/sign-in');
    // Filtering by another centre's person does not reveal their rows either.
    const res = await get('leadA', `/de/staff/audit?actor=${users.leadB.id}`);
    expect(res.statusCode).toBe(200);
    expect(markers(res.body)).toEqual([]);
  });

  it('filters by person, event and German calendar days', async () => {
    const byPerson = await get('coord', `/de/staff/audit?actor=${users.leadA.id}`);
    expect(markers(byPerson.body)).toEqual(['marker-a-1']);
    expect(byPerson.body).toMatch(new RegExp(`<option value="${users.leadA.id}" selected`));

    const byEvent = await get('coord', '/de/staff/audit?event=users.disabled');
    expect(markers(byEvent.body)).toEqual(['marker-b-1']);

    const byDays = await get('coord', '/de/staff/audit?from=2024-02-01&to=2024-02-10');
    expect(markers(byDays.body)).toEqual(['marker-a-1']);
    // 2024-01-10T09:00Z is 10:00 in Germany on 10 January: inside a one-day range.
    expect(markers((await get('coord', '/de/staff/audit?from=2024-01-10&to=2024-01-10')).body)).toEqual([
      'marker-network-1',
    ]);
    // An untouched filter form (blank fields) is valid.
    expect((await get('coord', '/de/staff/audit?chain=&actor=&event=&from=&to=')).statusCode).toBe(200);
  });

  it('pages newest first with a cursor link and no overlap', async () => {
    const first = await get('coord', `/de/staff/audit?chain=${centreC}`);
    const page1 = markers(first.body);
    expect(page1).toHaveLength(50);
    expect(page1[0]).toBe('marker-c-59');
    const older = /<a href="([^"]+)" rel="next">/.exec(first.body)?.[1]?.replaceAll('&amp;', '&');
    expect(older).toBeDefined();
    expect(older).toContain(`chain=${centreC}`);
    const second = await get('coord', older!);
    expect(second.statusCode).toBe(200);
    const page2 = markers(second.body);
    expect(page2).toEqual(Array.from({ length: 10 }, (_, i) => `marker-c-${9 - i}`));
    expect(second.body).not.toContain('rel="next"');
    expect(second.body).toContain('Zu den neuesten Einträgen');
  });

  it('shows allow-listed details only, never a raw JSON dump', async () => {
    const res = await get('leadA', '/de/staff/audit');
    expect(res.body).toContain('Eintrag: <code>svc-123</code>');
    expect(res.body).not.toContain('hidden-detail-value');
    expect(res.body).not.toContain('internal_note_code');
    expect(res.body).not.toMatch(/\{&quot;|\{"/);
  });

  it.each([
    ['an event that is not an event code', '?event=DROP%20TABLE'],
    ['an impossible date', '?from=2024-13-01'],
    ['a reversed range', '?from=2024-03-01&to=2024-02-01'],
    ['an unknown parameter', '?foo=1'],
    ['a repeated parameter', '?event=auth.sign_in&event=auth.sign_out'],
    ['a person that is not an id', '?actor=alice'],
    ['an area that is not an id', '?chain=everything'],
    ['a forged cursor', '?before=2024-01-01T00:00:00.000Z~network~0'],
    ['a cursor with an impossible instant', '?before=2024-02-31T00:00:00.000Z~network~3'],
  ])('answers %s with a 400 page', async (_, qs) => {
    const res = await get('coord', `/de/staff/audit${qs}`);
    expect(res.statusCode).toBe(400);
    expect(res.headers['content-type']).toContain('text/html');
  });
});
