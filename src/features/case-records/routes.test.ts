/**
 * A centre's case records over HTTP, on both databases: the list with its
 * filters and counts; the form (no free text, only the questions that
 * apply, every error next to its field, drafts incomplete but checked,
 * "save" complete); release one by one and for a whole year, withdrawal;
 * deletion after a confirmation; every write audited with the record's id
 * only; a closed year refuses every write with 409; another centre's id is
 * a 404 and changes nothing; the coordination office and administrators get
 * a 404 on every case route.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { createCentre, createUser, fakeClock, type Session, type TestUser } from '../../../test/support/auth.ts';
import { directSession } from '../../../test/support/security.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { completeRecord } from './test-fixtures.ts';

const clock = fakeClock(new Date('2026-05-10T09:00:00Z'));
const t = appForFile({}, { clock });
const YEAR = 2025;
const CLOSED = 2023;

let centreA: string;
let centreB: string;
let leadA: TestUser;
let counsellorA: TestUser;
let leadB: TestUser;
let coordination: TestUser;
let admin: TestUser;

beforeAll(async () => {
  centreA = await createCentre(t.app, 'Beratung A');
  centreB = await createCentre(t.app, 'Beratung B');
  leadA = await createUser(t.app, { role: 'centre_lead', centreId: centreA });
  counsellorA = await createUser(t.app, { role: 'counsellor', centreId: centreA });
  leadB = await createUser(t.app, { role: 'centre_lead', centreId: centreB });
  coordination = await createUser(t.app, { role: 'coordination' });
  admin = await createUser(t.app, { role: 'admin' });
  await withScope(t.app.database.db, { kind: 'coordination' }, (trx) =>
    trx
      .insertInto('reporting_year')
      .values([
        { year: YEAR, status: 'open', release_deadline: '2026-03-31', opened_at: clock.now() },
        {
          year: CLOSED,
          status: 'closed',
          release_deadline: '2024-03-31',
          opened_at: clock.now(),
          closed_at: clock.now(),
        },
      ])
      .execute(),
  );
}, 60_000);

const session = (u: TestUser) => directSession(t.app, u);
const get = async (url: string, u: TestUser) =>
  t.app.inject({ method: 'GET', url, headers: { cookie: (await session(u)).cookie } });

type Fields = Record<string, string | string[] | undefined>;
/** POST a form with repeated fields for lists, as a browser sends checkboxes. */
async function post(url: string, u: TestUser | Session, fields: Fields = {}) {
  const s = 'cookie' in u ? u : await session(u);
  const p = new URLSearchParams({ _csrf: s.csrf });
  for (const [k, v] of Object.entries(fields))
    for (const one of Array.isArray(v) ? v : v === undefined ? [] : [v]) p.append(k, one);
  return t.app.inject({
    method: 'POST',
    url,
    headers: { cookie: s.cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: p.toString(),
  });
}

/** Every answer of a complete record, as the form sends it. */
const COMPLETE: Fields = {
  first_contact_year: String(YEAR),
  first_contact_quarter: '3',
  consent_statistics: 'yes',
  possibly_counted_elsewhere: 'no',
  trafficking_status: 'presumed',
  gender: 'female',
  age_at_first_contact: '23',
  minor_at_exploitation: 'no',
  citizenship: 'NG',
  country_of_recruitment: ['NG'],
  country_of_exploitation: ['DE', 'IT'],
  exploitation_forms: ['sexual'],
  means_of_control: ['debt_bondage', 'spiritual_coercion'],
  recruiter_relation: 'intimate_partner',
  first_contact_online: 'yes',
  exploitation_timing: ['during_flight', 'during_asylum'],
  asylum_stage: 'pending',
  residence_status_first: 'gestattung',
  residence_status_end: 'gestattung',
  referral_source: 'reception_centre',
  criminal_proceedings: 'none',
  support_provided: ['psychosocial', 'asylum_support'],
};

async function row(id: string) {
  return withScope(t.app.database.db, { kind: 'retention' }, (trx) =>
    trx.selectFrom('case_record').selectAll().where('id', '=', id).executeTakeFirst(),
  );
}
async function auditOf(id: string) {
  const r = await sql<{
    event: string;
    details: unknown;
    centre_id: string | null;
  }>`SELECT event, details, centre_id FROM audit_log WHERE object_id = ${id} ORDER BY seq`.execute(t.database.db);
  return r.rows;
}
async function countRecords(): Promise<number> {
  const r = await sql<{ n: number }>`SELECT count(*)::int AS n FROM case_record`.execute(t.database.db);
  return r.rows[0]!.n;
}
const idFrom = (location: unknown) => /\/staff\/cases\/([0-9a-f-]{36})/.exec(String(location))?.[1] ?? '';
async function insert(centreId: string, year: number, o: Parameters<typeof completeRecord>[2] = {}) {
  const r = completeRecord(centreId, year, o);
  await withScope(t.app.database.db, { kind: 'centre', centreId }, (trx) =>
    trx.insertInto('case_record').values(r).execute(),
  );
  return r.id!;
}

describe('the form', () => {
  it('asks only choices: no text area, no field for names or dates, and every field is one of the record’s', async () => {
    const res = await get('/de/staff/cases/new', counsellorA);
    expect(res.statusCode).toBe(200);
    expect(res.body).not.toContain('<textarea');
    const form = /<form method="post" action="\/de\/staff\/cases\/new"[\s\S]*?<\/form>/.exec(res.body)![0];
    const names = new Set([...form.matchAll(/name="([^"]+)"/g)].map((m) => m[1]));
    expect([...names].sort()).toEqual(
      [
        '_csrf',
        'intent',
        ...Object.keys(COMPLETE),
        'age_unknown',
        // Asked while no age is given: the form cannot know yet that the person is an adult.
        'unaccompanied_minor',
      ].sort(),
    );
    // Free text only where the answer is a number.
    const textInputs = [...form.matchAll(/<input[^>]*type="text"[^>]*>/g)].map((m) => /name="([^"]+)"/.exec(m[0])![1]);
    expect(textInputs.sort()).toEqual(['age_at_first_contact', 'first_contact_year']);
    // Countries by name in the reader's language.
    expect(res.body).toMatch(/<option value="NG"[^>]*>Nigeria<\/option>/);
    const en = await get('/en/staff/cases/new', counsellorA);
    expect(en.body).toMatch(/<option value="DE"[^>]*>Germany<\/option>/);
    expect(en.body).toContain('Case records');
  });

  it('refuses a field the form does not have (a name, a note) with a 400 and writes nothing', async () => {
    const before = await countRecords();
    for (const extra of [{ name: 'Erika Muster' }, { note: 'kam über die Polizei' }, { centre_id: centreB }]) {
      const res = await post('/de/staff/cases/new', counsellorA, { intent: 'draft', ...extra });
      expect(res.statusCode, JSON.stringify(extra)).toBe(400);
    }
    expect(await countRecords()).toBe(before);
  });

  it('shows the minors’ question only for minors and the sector only for labour exploitation, without saving', async () => {
    const before = await countRecords();
    const adult = await post('/de/staff/cases/new', counsellorA, {
      intent: 'update',
      age_at_first_contact: '30',
      exploitation_forms: ['sexual'],
    });
    expect(adult.statusCode).toBe(200);
    expect(adult.body).not.toContain('name="unaccompanied_minor"');
    expect(adult.body).not.toContain('name="labour_sector"');
    expect(adult.body).toContain('value="30"');
    const minor = await post('/de/staff/cases/new', counsellorA, {
      intent: 'update',
      age_at_first_contact: '16',
      exploitation_forms: ['labour'],
    });
    expect(minor.body).toContain('name="unaccompanied_minor"');
    expect(minor.body).toContain('name="labour_sector"');
    // The labour option stays ticked; another country slot is offered after each chosen one.
    expect(minor.body).toMatch(/<input[^>]*value="labour"[^>]*checked/);
    const unknownAge = await post('/de/staff/cases/new', counsellorA, { intent: 'update', age_unknown: '1' });
    expect(unknownAge.body).toContain('name="unaccompanied_minor"');
    expect(await countRecords()).toBe(before);
  });

  it('saves a draft with only some answers, and audits the record’s id only', async () => {
    const res = await post('/de/staff/cases/new', counsellorA, {
      intent: 'draft',
      first_contact_year: String(YEAR),
      gender: 'male',
      exploitation_forms: ['labour'],
      labour_sector: 'F',
    });
    expect(res.statusCode).toBe(303);
    const id = idFrom(res.headers.location);
    expect(String(res.headers.location)).toBe(`/de/staff/cases/${id}?done=created`);
    const r = await row(id);
    expect(r).toMatchObject({
      centre_id: centreA,
      status: 'draft',
      gender: 'male',
      labour_sector: 'F',
      exploitation_forms: ['labour'],
      age_at_first_contact: null,
      released_at: null,
    });
    expect(await auditOf(id)).toEqual([{ event: 'case_record.created_done', details: {}, centre_id: centreA }]);
    const page = await get(`/de/staff/cases/${id}?done=created`, counsellorA);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Der Datensatz wurde angelegt.');
  });

  it('still checks every answer of a draft: an unknown option is an error next to its field, nothing written', async () => {
    const before = await countRecords();
    const res = await post('/de/staff/cases/new', counsellorA, {
      intent: 'draft',
      gender: 'robot',
      age_at_first_contact: '130',
      citizenship: 'QQ',
      country_of_exploitation: ['DE', 'DE'],
      exploitation_forms: ['unclear', 'sexual'],
    });
    expect(res.statusCode).toBe(400);
    for (const field of [
      'gender',
      'age_at_first_contact',
      'citizenship',
      'country_of_exploitation',
      'exploitation_forms',
    ])
      expect(res.body, field).toContain(`id="f-${field}-error"`);
    // Tied to its control and listed at the top, linking to the field.
    expect(res.body).toMatch(/aria-describedby="f-age_at_first_contact-hint f-age_at_first_contact-error"/);
    expect(res.body).toContain('class="error-summary"');
    expect(res.body).toContain('href="#f-gender-female"');
    expect(res.body).toContain('Bitte ein Alter in ganzen Jahren von 0 bis 99 angeben.');
    expect(res.body).toContain('„unclear“ kann nicht mit anderen Antworten kombiniert werden.');
    // What was typed stays in the form.
    expect(res.body).toContain('value="130"');
    expect(await countRecords()).toBe(before);
  });

  it('“save” needs every mandatory answer; it names each missing one', async () => {
    const before = await countRecords();
    const res = await post('/en/staff/cases/new', counsellorA, { ...COMPLETE, intent: 'save', gender: undefined });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="f-gender-error"');
    expect(res.body).toContain('Please answer this question.');
    expect(await countRecords()).toBe(before);
    const noForms = await post('/en/staff/cases/new', counsellorA, {
      ...COMPLETE,
      intent: 'save',
      exploitation_forms: ['labour'],
    });
    // Labour now needs its sector.
    expect(noForms.statusCode).toBe(400);
    expect(noForms.body).toContain('id="f-labour_sector-error"');
  });

  it('saves a complete record; for an adult the minors’ question is stored as not applicable whatever was sent', async () => {
    const res = await post('/de/staff/cases/new', leadA, {
      ...COMPLETE,
      intent: 'save',
      unaccompanied_minor: 'unaccompanied',
      labour_sector: 'A',
    });
    expect(res.statusCode).toBe(303);
    const r = await row(idFrom(res.headers.location));
    expect(r).toMatchObject({
      status: 'complete',
      unaccompanied_minor: 'not_applicable',
      labour_sector: null,
      consent_statistics: true,
      country_of_exploitation: ['DE', 'IT'],
      first_contact_quarter: 3,
    });
  });

  it('refuses a first contact in the future and a minor called an adult', async () => {
    const res = await post('/de/staff/cases/new', counsellorA, {
      intent: 'draft',
      first_contact_year: '2026',
      first_contact_quarter: '3',
      age_at_first_contact: '15',
      unaccompanied_minor: 'not_applicable',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="f-first_contact_quarter-error"');
    expect(res.body).toContain('id="f-unaccompanied_minor-error"');
    const later = await post('/de/staff/cases/new', counsellorA, { intent: 'draft', first_contact_year: '2027' });
    expect(later.statusCode).toBe(400);
    expect(later.body).toContain('id="f-first_contact_year-error"');
  });
});

describe('changing, releasing, deleting', () => {
  it('changes a record and audits the change', async () => {
    const id = await insert(centreA, YEAR);
    const res = await post(`/de/staff/cases/${id}`, counsellorA, { ...COMPLETE, intent: 'save', gender: 'trans' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/de/staff/cases/${id}?done=saved`);
    expect((await row(id))?.gender).toBe('trans');
    expect((await auditOf(id)).map((a) => [a.event, a.details])).toEqual([['case_record.changed_done', {}]]);
  });

  it('releases a complete, consented record and withdraws the release; both audited', async () => {
    const id = await insert(centreA, YEAR);
    const released = await post(`/de/staff/cases/${id}/release`, counsellorA);
    expect(released.headers.location).toBe(`/de/staff/cases/${id}?done=released`);
    expect((await row(id))?.released_at).toEqual(clock.now());
    const page = await get(`/de/staff/cases/${id}`, counsellorA);
    expect(page.body).toContain('Freigabe zurücknehmen');
    const withdrawn = await post(`/de/staff/cases/${id}/withdraw`, leadA);
    expect(withdrawn.headers.location).toBe(`/de/staff/cases/${id}?done=withdrawn`);
    expect((await row(id))?.released_at).toBeNull();
    expect((await auditOf(id)).map((a) => a.event)).toEqual([
      'case_record.released_done',
      'case_record.release_withdrawn_done',
    ]);
    expect((await post(`/de/staff/cases/${id}/withdraw`, leadA)).statusCode).toBe(409);
  });

  it('refuses to release a draft or a record without consent (409), and says why', async () => {
    const draft = await insert(centreA, YEAR, { status: 'draft', gender: null });
    const noConsent = await insert(centreA, YEAR, { consent_statistics: false });
    for (const id of [draft, noConsent]) {
      const res = await post(`/de/staff/cases/${id}/release`, counsellorA);
      expect(res.statusCode).toBe(409);
      expect(res.body).toContain('Nur vollständige Datensätze');
      expect((await row(id))?.released_at).toBeNull();
    }
  });

  it('saving a released record as a draft or without consent withdraws the release, audited', async () => {
    const id = await insert(centreA, YEAR, { released_at: clock.now() });
    const res = await post(`/de/staff/cases/${id}`, counsellorA, { ...COMPLETE, intent: 'draft', gender: undefined });
    expect(res.headers.location).toBe(`/de/staff/cases/${id}?done=releaseLost`);
    expect(await row(id)).toMatchObject({ status: 'draft', released_at: null, gender: null });
    expect((await auditOf(id)).map((a) => a.event)).toEqual([
      'case_record.changed_done',
      'case_record.release_withdrawn_done',
    ]);
    const kept = await insert(centreA, YEAR, { released_at: clock.now() });
    await post(`/de/staff/cases/${kept}`, counsellorA, { ...COMPLETE, intent: 'save' });
    expect((await row(kept))?.released_at).not.toBeNull();
  });

  it('releases all complete, consented records of a year at once — the own centre’s only', async () => {
    const year = 2024;
    const mine = [await insert(centreA, year), await insert(centreA, year)];
    const notYet = await insert(centreA, year, { status: 'draft', gender: null });
    const noConsent = await insert(centreA, year, { consent_statistics: false });
    const theirs = await insert(centreB, year);
    const list = await get(`/de/staff/cases?year=${year}`, counsellorA);
    expect(list.body).toContain(`Alle 2 vollständigen Datensätze mit Einwilligung aus ${year} freigeben`);
    expect(list.body).toContain('1 Entwurf ist noch nicht vollständig.');
    const res = await post('/de/staff/cases/release-year', counsellorA, { year: String(year) });
    expect(res.headers.location).toBe(`/de/staff/cases?year=${year}&done=releasedYear&count=2`);
    for (const id of mine) expect((await row(id))?.released_at).not.toBeNull();
    for (const id of [notYet, noConsent, theirs]) expect((await row(id))?.released_at).toBeNull();
    for (const id of mine) expect((await auditOf(id)).map((a) => a.event)).toEqual(['case_record.released_done']);
    const after = await get(`/de/staff/cases?year=${year}&done=releasedYear&count=2`, counsellorA);
    expect(after.body).toContain('2 Datensätze wurden freigegeben.');
  });

  it('deletes after a confirmation page, audited with the id', async () => {
    const id = await insert(centreA, YEAR);
    const confirm = await get(`/de/staff/cases/${id}/delete`, leadA);
    expect(confirm.statusCode).toBe(200);
    expect(confirm.body).toContain('Endgültig löschen');
    expect(await row(id)).toBeDefined();
    const res = await post(`/de/staff/cases/${id}/delete`, leadA);
    expect(res.headers.location).toBe('/de/staff/cases?done=deleted');
    expect(await row(id)).toBeUndefined();
    expect((await auditOf(id)).map((a) => [a.event, a.details])).toEqual([['case_record.deleted_done', {}]]);
  });
});

describe('a closed year', () => {
  it('shows its records locked and refuses every write with 409, nothing changed', async () => {
    // Records are written while their year is open; the office then closes it.
    const setYear = (status: 'open' | 'closed') =>
      withScope(t.app.database.db, { kind: 'coordination' }, (trx) =>
        trx.updateTable('reporting_year').set({ status }).where('year', '=', CLOSED).execute(),
      );
    await setYear('open');
    const id = await insert(centreA, CLOSED);
    await setYear('closed');
    const page = await get(`/de/staff/cases/${id}`, counsellorA);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(`Das Berichtsjahr ${CLOSED} ist abgeschlossen`);
    expect(page.body).not.toContain('name="intent"');
    const before = await row(id);
    for (const [url, fields] of [
      [`/de/staff/cases/${id}`, { ...COMPLETE, first_contact_year: String(CLOSED), intent: 'save' }],
      [`/de/staff/cases/${id}`, { ...COMPLETE, intent: 'save' }],
      [`/de/staff/cases/${id}/release`, {}],
      [`/de/staff/cases/${id}/delete`, {}],
      ['/de/staff/cases/release-year', { year: String(CLOSED) }],
      ['/de/staff/cases/new', { ...COMPLETE, first_contact_year: String(CLOSED), intent: 'draft' }],
    ] as const) {
      const res = await post(url, counsellorA, fields);
      expect(res.statusCode, url).toBe(409);
      expect(res.body).toContain('Das Berichtsjahr ist abgeschlossen.');
    }
    expect((await get(`/de/staff/cases/${id}/delete`, counsellorA)).statusCode).toBe(409);
    expect(await row(id)).toEqual(before);
    // Moving an open year's record into the closed year is a change of the closed year too.
    const other = await insert(centreA, YEAR);
    const moved = await post(`/de/staff/cases/${other}`, counsellorA, {
      ...COMPLETE,
      first_contact_year: String(CLOSED),
      intent: 'save',
    });
    expect(moved.statusCode).toBe(409);
    expect((await row(other))?.first_contact_year).toBe(YEAR);
  });
});

describe('nobody else', () => {
  it('another centre’s record id is a 404 on every case route, recorded, and nothing changes', async () => {
    const id = await insert(centreA, YEAR);
    const before = await row(id);
    const s = await session(leadB);
    for (const url of [`/de/staff/cases/${id}`, `/de/staff/cases/${id}/delete`])
      expect((await t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } })).statusCode, url).toBe(404);
    for (const [path, fields] of [
      ['', { ...COMPLETE, intent: 'save', gender: 'male' }],
      ['/release', {}],
      ['/withdraw', {}],
      ['/delete', {}],
    ] as const)
      expect((await post(`/de/staff/cases/${id}${path}`, s, fields)).statusCode, path).toBe(404);
    expect(await row(id)).toEqual(before);
    const denied = await sql<{ n: number }>`
      SELECT count(*)::int AS n FROM audit_log WHERE event = 'access.denied' AND actor_id = ${leadB.id}`.execute(
      t.database.db,
    );
    expect(denied.rows[0]!.n).toBeGreaterThanOrEqual(6);
    const list = await get('/de/staff/cases', leadB);
    expect(list.body).not.toContain(id.replace(/-/g, '').slice(0, 8));
  });

  it('the coordination office and administrators get a 404 on every case route and see no record', async () => {
    const id = await insert(centreA, YEAR, { released_at: clock.now() });
    const before = await row(id);
    for (const user of [coordination, admin]) {
      const s = await session(user);
      for (const url of [
        '/de/staff/cases',
        '/de/staff/cases/new',
        `/de/staff/cases/${id}`,
        `/de/staff/cases/${id}/delete`,
      ]) {
        const res = await t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });
        expect(res.statusCode, `${user.role} GET ${url}`).toBe(404);
        // The page they typed the id into shows nothing of the record.
        expect(res.body).not.toContain('name="gender"');
        expect(res.body).not.toContain('Datensatz');
      }
      for (const [url, fields] of [
        ['/de/staff/cases/new', { ...COMPLETE, intent: 'save' }],
        [`/de/staff/cases/${id}`, { ...COMPLETE, intent: 'save', gender: 'male' }],
        [`/de/staff/cases/${id}/release`, {}],
        [`/de/staff/cases/${id}/withdraw`, {}],
        [`/de/staff/cases/${id}/delete`, {}],
        ['/de/staff/cases/release-year', { year: String(YEAR) }],
      ] as const)
        expect((await post(url, s, fields)).statusCode, `${user.role} POST ${url}`).toBe(404);
      const home = await t.app.inject({ method: 'GET', url: '/de/staff', headers: { cookie: s.cookie } });
      expect(home.body).not.toContain('/staff/cases');
    }
    expect(await row(id)).toEqual(before);
  });
});

describe('the list', () => {
  it('lists the own centre’s records with filters and counts', async () => {
    const year = 2022;
    const draft = await insert(centreA, year, { status: 'draft', gender: null, consent_statistics: null });
    const released = await insert(centreA, year, { released_at: clock.now() });
    const waiting = await insert(centreA, year);
    const theirs = await insert(centreB, year);
    const short = (id: string) => id.replace(/-/g, '').slice(0, 8);
    const all = await get(`/de/staff/cases?year=${year}`, counsellorA);
    expect(all.statusCode).toBe(200);
    for (const id of [draft, released, waiting]) expect(all.body).toContain(short(id));
    expect(all.body).not.toContain(short(theirs));
    expect(all.body).toMatch(/3 von \d+ Datensätzen · Entwürfe: 1 · vollständig: 2 · freigegeben: 1/);
    expect(all.body).toContain('Das Berichtsjahr 2022 wurde von der Koordinierungsstelle noch nicht eröffnet.');
    const onlyReleased = await get(`/de/staff/cases?year=${year}&released=yes`, counsellorA);
    expect(onlyReleased.body).toContain(short(released));
    expect(onlyReleased.body).not.toContain(short(waiting));
    const drafts = await get(`/de/staff/cases?year=${year}&status=draft&consent=unknown`, counsellorA);
    expect(drafts.body).toContain(short(draft));
    expect(drafts.body).not.toContain(short(released));
    const noConsent = await get(`/de/staff/cases?year=${year}&consent=no`, counsellorA);
    expect(noConsent.body).toContain('Keine Datensätze in dieser Auswahl.');
    expect((await get('/de/staff/cases?year=20x4', counsellorA)).statusCode).toBe(400);
    expect((await get('/de/staff/cases?status=deleted', counsellorA)).statusCode).toBe(400);
  });

  it('names the closed year on the list', async () => {
    const res = await get(`/de/staff/cases?year=${CLOSED}`, leadA);
    expect(res.body).toContain(`Das Berichtsjahr ${CLOSED} ist abgeschlossen`);
    expect(res.body).not.toContain('/de/staff/cases/release-year');
  });
});
