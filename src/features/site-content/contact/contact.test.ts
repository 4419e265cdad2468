/**
 * The contact form end to end: the public form (no cookie, honeypot, signed
 * fill time, one send per form, limits per network, 4xx in the reader's
 * language with nothing written, the project a message is about), the
 * office's inbox (anonymous and centre roles never reach it; marking
 * handled is audited), and the deletion 90 days after handling with the
 * fake clock. Runs on both databases.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appForFile, jobRunnerFor } from '../../../../test/support/app.ts';
import {
  createCentre,
  createUser,
  fakeClock,
  postAs,
  postForm,
  signIn,
  type Session,
  type TestUser,
} from '../../../../test/support/auth.ts';
import { withScope } from '../../../platform/db/tenant.ts';
import type { JobRunner } from '../../../platform/jobs/runner.ts';
import { contactPurgeJob } from './jobs.ts';
import { CONTACT_LIMITS, CONTACT_MIN_FILL_MS } from './routes.ts';

const SECOND = 1000;
const DAY = 24 * 60 * 60 * SECOND;
const clock = fakeClock(new Date('2027-06-07T08:00:00Z'));
const t = appForFile({}, { clock });

let office: TestUser;
let counsellor: TestUser;
let officeSession: Session;
let jobs: JobRunner;
const PROJECT = { id: randomUUID(), slug: 'schutz-im-netz', title: 'Schutz im Netz' };
const HIDDEN = { id: randomUUID(), slug: 'noch-geheim', title: 'Noch nicht veröffentlicht' };

beforeAll(async () => {
  const centre = await createCentre(t.app, 'Beratung Kontakt');
  office = await createUser(t.app, { role: 'coordination' });
  counsellor = await createUser(t.app, { role: 'counsellor', centreId: centre });
  await withScope(t.database.db, { kind: 'coordination' }, async (trx) => {
    for (const [p, published] of [
      [PROJECT, true],
      [HIDDEN, false],
    ] as const)
      await trx
        .insertInto('project')
        .values({
          ...p,
          goal: 'Ein Ziel',
          starts_on: '2027-01-01',
          status: 'running',
          published,
          updated_at: clock.now(),
        })
        .execute();
  });
  jobs = jobRunnerFor(t.app, clock, [contactPurgeJob]);
}, 60_000);
afterAll(() => jobs?.stop());

let address = 0;
/** A fresh client address, so the per-network limit stays out of tests that are not about it. */
const freshIp = () => `198.51.100.${(++address % 250) + 1}`;

async function openForm(query = '', lang = 'de'): Promise<string> {
  const res = await t.app.inject({ url: `/${lang}/contact${query}` });
  expect(res.statusCode).toBe(200);
  return /name="issued" value="([^"]+)"/.exec(res.body)![1]!;
}

async function send(
  fields: Record<string, string | undefined> = {},
  opts: { lang?: string; ip?: string; wait?: number; query?: string } = {},
) {
  const issued = await openForm(opts.query ?? '', opts.lang);
  clock.advance(opts.wait ?? 10 * SECOND);
  return postForm(
    t.app,
    `/${opts.lang ?? 'de'}/contact`,
    { subject: 'Frage zur Beratung', message: 'Wie erreiche ich eine Beratungsstelle?', issued, ...fields },
    {},
    opts.ip ?? freshIp(),
  );
}

const owner = <T>(q: ReturnType<typeof sql<T>>) => q.execute(t.database.db).then((r) => r.rows);
const stored = () =>
  withScope(t.database.db, { kind: 'coordination' }, (trx) =>
    trx.selectFrom('contact_message').selectAll().orderBy('received_at').execute(),
  );
const count = async () => (await stored()).length;

describe('the public contact form', () => {
  it('sits below the contact page, without a cookie and without an address to harvest', async () => {
    const res = await t.app.inject({ url: '/de/contact' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).toContain('action="/de/contact"');
    expect(res.body).toContain('name="website"');
    expect(res.body).not.toContain('mailto:');
  });

  it('stores a message and answers with a receipt page without data in the URL', async () => {
    const before = await count();
    const res = await send({ name: 'Ana', reply_to: 'ana@example.org', message: 'Bitte um Rückruf.\r\nDanke' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/de/contact/sent');
    expect(res.headers['set-cookie']).toBeUndefined();
    const rows = await stored();
    expect(rows.length).toBe(before + 1);
    const m = rows.at(-1)!;
    expect(m).toMatchObject({ name: 'Ana', reply_to: 'ana@example.org', message: 'Bitte um Rückruf.\nDanke' });
    expect(m.topic_kind).toBeNull();
    const thanks = await t.app.inject({ url: '/de/contact/sent' });
    expect(thanks.statusCode).toBe(200);
    expect(thanks.body).toContain('Vielen Dank');
  });

  it('counts a way to answer in characters as the database does: two emoji are too short, not a 500', async () => {
    const before = await count();
    const res = await send({ reply_to: '\u{2E545}\u{356D9}' });
    expect(res.statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('names a published project and stores it as the topic; an unpublished one is not named', async () => {
    const page = await t.app.inject({ url: `/de/contact?project=${PROJECT.slug}` });
    expect(page.body).toContain(PROJECT.title);
    expect(page.body).toContain(`name="project" value="${PROJECT.slug}"`);
    const hidden = await t.app.inject({ url: `/de/contact?project=${HIDDEN.slug}` });
    expect(hidden.statusCode).toBe(200);
    expect(hidden.body).not.toContain(HIDDEN.title);
    expect((await send({ project: PROJECT.slug, subject: 'Zum Projekt' })).statusCode).toBe(303);
    expect((await stored()).at(-1)).toMatchObject({ topic_kind: 'project', topic_id: PROJECT.id });
    expect((await send({ project: HIDDEN.slug, subject: 'Geheim' })).statusCode).toBe(303);
    expect((await stored()).at(-1)).toMatchObject({ subject: 'Geheim', topic_kind: null, topic_id: null });
  });

  it('drops a honeypot hit silently', async () => {
    const before = await count();
    const res = await send({ website: 'http://spam.example' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/de/contact/sent');
    expect(await count()).toBe(before);
  });

  it('asks again for a form sent too fast or forged, keeping what was typed', async () => {
    const before = await count();
    const fast = await send({ subject: 'Eilig' }, { wait: CONTACT_MIN_FILL_MS - SECOND });
    expect(fast.statusCode).toBe(400);
    expect(fast.body).toContain('value="Eilig"');
    expect(fast.body).toContain('role="alert"');
    const forged = await postForm(
      t.app,
      '/en/contact',
      { subject: 'S', message: 'M', issued: `${clock.now().getTime() - 60_000}.k1.${'0'.repeat(64)}` },
      {},
      freshIp(),
    );
    expect(forged.statusCode).toBe(400);
    expect(forged.body).toContain('What you entered is still there');
    expect(await count()).toBe(before);
  });

  it('refuses missing, oversize and unknown fields with 400 in the reader’s language, nothing stored', async () => {
    const before = await count();
    const empty = await send({ message: '   ' }, { lang: 'fr' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Veuillez saisir un objet');
    expect((await send({ message: 'x'.repeat(5001) })).statusCode).toBe(400);
    expect((await send({ subject: 'a\u0000b' })).statusCode).toBe(400);
    expect((await send({ extra: '1' })).statusCode).toBe(400);
    expect(await count()).toBe(before);
  });

  it('sends each signed form once', async () => {
    const ip = freshIp();
    const issued = await openForm();
    clock.advance(10 * SECOND);
    const fields = { subject: 'Einmal', message: 'Nur einmal', issued };
    expect((await postForm(t.app, '/de/contact', fields, {}, ip)).statusCode).toBe(303);
    const before = await count();
    expect((await postForm(t.app, '/de/contact', fields, {}, ip)).statusCode).toBe(429);
    expect(await count()).toBe(before);
  });

  it('limits messages per network with 429 in the reader’s language', async () => {
    const ip = '203.0.113.77';
    for (let i = 0; i < CONTACT_LIMITS.hour.max; i++) expect((await send({}, { ip })).statusCode).toBe(303);
    const before = await count();
    const over = await send({ subject: 'Zu viel' }, { ip, lang: 'en' });
    expect(over.statusCode).toBe(429);
    expect(over.body).toContain('Very many messages');
    expect(over.body).toContain('value="Zu viel"');
    expect(await count()).toBe(before);
    clock.advance(CONTACT_LIMITS.hour.windowMs);
    expect((await send({}, { ip })).statusCode).toBe(303);
  });

  it('refuses a cross-site post', async () => {
    const issued = await openForm();
    clock.advance(10 * SECOND);
    const res = await postForm(
      t.app,
      '/de/contact',
      { subject: 'S', message: 'M', issued },
      { origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
      freshIp(),
    );
    expect(res.statusCode).toBe(403);
  });
});

describe('the office’s inbox', () => {
  it('is not reachable anonymously, and a centre role gets a 404', async () => {
    const anon = await t.app.inject({ url: '/de/staff/contact' });
    expect([303, 302]).toContain(anon.statusCode);
    const id = (await stored())[0]!.id;
    const anonPost = await postForm(t.app, `/de/staff/contact/${id}/handled`, {});
    expect(anonPost.statusCode).toBeGreaterThanOrEqual(300);
    expect(anonPost.statusCode).not.toBe(500);
    const c = await signIn(t.app, counsellor);
    for (const url of ['/de/staff/contact', `/de/staff/contact/${id}`])
      expect((await t.app.inject({ url, headers: { cookie: c.cookie } })).statusCode).toBe(404);
    expect((await postAs(t.app, c, `/de/staff/contact/${id}/handled`)).statusCode).toBe(404);
    expect((await stored())[0]!.handled_at).toBeNull();
  });

  it('lists open messages first with the project named, shows one and marks it handled, audited', async () => {
    officeSession = await signIn(t.app, office);
    const list = await t.app.inject({ url: '/de/staff/contact', headers: { cookie: officeSession.cookie } });
    expect(list.statusCode).toBe(200);
    expect(list.body).toContain('Zum Projekt');
    expect(list.body).toContain(PROJECT.title);
    const target = (await stored()).find((m) => m.subject === 'Zum Projekt')!;
    const one = await t.app.inject({
      url: `/de/staff/contact/${target.id}`,
      headers: { cookie: officeSession.cookie },
    });
    expect(one.statusCode).toBe(200);
    expect(one.body).toContain('Wie erreiche ich eine Beratungsstelle?');
    const start = await t.app.inject({ url: '/de/staff', headers: { cookie: officeSession.cookie } });
    expect(start.body).toContain('neue Nachrichten über das Kontaktformular');

    const res = await postAs(t.app, officeSession, `/de/staff/contact/${target.id}/handled`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/de/staff/contact?done=1');
    const after = (await stored()).find((m) => m.id === target.id)!;
    expect(after.handled_at).not.toBeNull();
    expect(after.handled_by).toBe(office.id);
    const events = await owner(
      sql<{ event: string }>`SELECT event FROM audit_log WHERE object_id = ${target.id} ORDER BY seq`,
    );
    expect(events.map((e) => e.event)).toEqual(['contact.handled']);
    // Marking again changes nothing and audits nothing more.
    expect((await postAs(t.app, officeSession, `/de/staff/contact/${target.id}/handled`)).statusCode).toBe(303);
    expect(
      (await owner(sql<{ event: string }>`SELECT event FROM audit_log WHERE object_id = ${target.id}`)).length,
    ).toBe(1);
    // An unknown or malformed id is a 404.
    for (const id of [randomUUID(), 'not-a-uuid'])
      expect((await postAs(t.app, officeSession, `/de/staff/contact/${id}/handled`)).statusCode).toBe(404);
  });

  it('cannot be read in the anonymous scope', async () => {
    const rows = await withScope(t.database.db, { kind: 'auth' }, (trx) =>
      trx.selectFrom('contact_message').select('id').execute(),
    );
    expect(rows).toEqual([]);
  });
});

describe('deletion 90 days after handling', () => {
  it('keeps a message 89 days after handling, deletes it after 91, and keeps never-handled ones', async () => {
    const all = await stored();
    const handled = all.filter((m) => m.handled_at);
    const open = all.filter((m) => !m.handled_at);
    expect(handled.length).toBe(1);
    expect(open.length).toBeGreaterThan(0);
    clock.advance(89 * DAY);
    await jobs.runDue();
    expect((await stored()).map((m) => m.id)).toContain(handled[0]!.id);
    clock.advance(2 * DAY);
    await jobs.runDue();
    const left = (await stored()).map((m) => m.id);
    expect(left).not.toContain(handled[0]!.id);
    for (const m of open) expect(left).toContain(m.id);
  });
});
