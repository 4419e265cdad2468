/**
 * Error reports end to end: the public form (no cookie, honeypot, signed
 * fill time, limits per network and per entry, 4xx in the reader's
 * language with nothing written), the staff list and its handling (the
 * coordination office all, a centre lead their own entry's; another
 * centre's report id is a 404 and nothing changes), the walls in the
 * database itself, and the deletion 90 days after handling. Runs on both
 * databases.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appForFile, jobRunnerFor } from '../../../test/support/app.ts';
import {
  createCentre,
  createUser,
  fakeClock,
  postAs,
  postForm,
  signIn,
  type Session,
  type TestUser,
} from '../../../test/support/auth.ts';
import { giveCentreAnEntry, testEntry } from '../../../test/support/entries.ts';
import { writeEntries } from '../directory/queries.ts';
import { enterScope, withScope, type Scope } from '../../platform/db/tenant.ts';
import { type JobRunner } from '../../platform/jobs/runner.ts';
import { retentionPurgeJob } from '../../platform/retention/purge-job.ts';
import { formatDay } from '../../platform/time/dates.ts';
import { MIN_FILL_MS, REPORT_LIMITS } from './spam.ts';

const SECOND = 1000;
const DAY = 24 * 60 * 60 * SECOND;
const clock = fakeClock(new Date('2027-05-03T08:00:00Z'));
const t = appForFile({}, { clock });

let centreA: string;
let centreB: string;
let entryA: string;
let entryB: string;
let defunct: string;
let coordination: Session;
let leadA: Session;
let leadB: Session;
let counsellorA: Session;
let leadAUser: TestUser;
let users: TestUser[];

/** Sign everyone in (again): sessions end when the clock jumps past their idle time. */
async function signInAll() {
  const [c, b, couns] = users as [TestUser, TestUser, TestUser];
  coordination = await signIn(t.app, c);
  leadA = await signIn(t.app, leadAUser);
  leadB = await signIn(t.app, b);
  counsellorA = await signIn(t.app, couns);
}
let jobs: JobRunner;

beforeAll(async () => {
  centreA = await createCentre(t.app, 'Beratung A');
  centreB = await createCentre(t.app, 'Beratung B');
  entryA = await giveCentreAnEntry(t.database, centreA, 'Eintrag A');
  entryB = await giveCentreAnEntry(t.database, centreB, 'Eintrag B');
  const gone = testEntry({ name: 'Aufgelöst', service: { status: 'defunct' } });
  await withScope(t.database.db, { kind: 'import' }, (trx) => writeEntries(trx, [gone]));
  defunct = gone.service.id;
  t.app.directory.invalidate();
  leadAUser = await createUser(t.app, { role: 'centre_lead', centreId: centreA });
  users = [
    await createUser(t.app, { role: 'coordination' }),
    await createUser(t.app, { role: 'centre_lead', centreId: centreB }),
    await createUser(t.app, { role: 'counsellor', centreId: centreA }),
  ];
  jobs = jobRunnerFor(t.app, clock);
}, 60_000);
afterAll(async () => {
  await jobs?.stop();
});

let address = 0;
/** A fresh client address, so the per-network limit stays out of tests that are not about it. */
const freshIp = () => `198.51.100.${(++address % 250) + 1}`;

const formUrl = (id: string, lang = 'de') => `/${lang}/centres/${id}/report`;

/** Open the form and read its signed issue time. */
async function openForm(id: string, lang = 'de'): Promise<string> {
  const res = await t.app.inject({ url: formUrl(id, lang) });
  expect(res.statusCode).toBe(200);
  return /name="issued" value="([^"]+)"/.exec(res.body)![1]!;
}

/** Fill in the form like a person: open it, wait, send. */
async function report(
  id: string,
  fields: Record<string, string | undefined> = {},
  opts: { lang?: string; ip?: string; wait?: number } = {},
) {
  const issued = await openForm(id, opts.lang);
  clock.advance(opts.wait ?? 5 * SECOND);
  return postForm(
    t.app,
    formUrl(id, opts.lang),
    { kind: 'phone', message: 'Die Nummer ist nicht mehr vergeben.', issued, ...fields },
    {},
    opts.ip ?? freshIp(),
  );
}

const admin = <T>(fn: Parameters<typeof withScope<T>>[2]) => withScope(t.database.db, { kind: 'admin' }, fn);
const stored = () => admin((trx) => trx.selectFrom('entry_report').selectAll().orderBy('created_at').execute());
const storedCount = async () => (await stored()).length;

describe('the public report form', () => {
  it('is a page of its own, linked from the centre page, without a cookie', async () => {
    const centre = await t.app.inject({ url: `/de/centres/${entryA}` });
    expect(centre.body).toContain(`href="/de/centres/${entryA}/report"`);
    const res = await t.app.inject({ url: formUrl(entryA) });
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).toContain('Was stimmt nicht?');
    expect(res.body).toMatch(
      /<div class="hp"><label for="report-hp">[^<]+<\/label><input type="text" id="report-hp" name="website"/,
    );
    expect(res.body).toMatch(/<textarea[^>]+maxlength="2000"/i);
    const en = await t.app.inject({ url: formUrl(entryA, 'en') });
    expect(en.body).toContain('What is wrong?');
  });

  it('stores a report and thanks the sender (Post/Redirect/Get)', async () => {
    const before = await storedCount();
    const res = await report(entryA, { kind: 'hours', message: '  Dienstags geschlossen.\r\nSeit Mai.  ' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/de/centres/${entryA}/report?sent=1`);
    expect(res.headers['set-cookie']).toBeUndefined();
    const thanks = await t.app.inject({ url: res.headers.location! });
    expect(thanks.body).toContain('Danke für Ihre Meldung');
    const rows = await stored();
    expect(rows).toHaveLength(before + 1);
    expect(rows.at(-1)).toMatchObject({
      service_id: entryA,
      kind: 'hours',
      message: 'Dienstags geschlossen.\nSeit Mai.',
      locale: 'de',
      handled_at: null,
    });
  });

  it('refuses invalid and oversized input with the form again, in the reader’s language, and writes nothing', async () => {
    const before = await storedCount();
    const noKind = await report(entryA, { kind: undefined });
    expect(noKind.statusCode).toBe(400);
    expect(noKind.body).toContain('Bitte wählen Sie aus, was nicht stimmt.');
    const tooLong = await report(entryA, { message: 'x'.repeat(2001) }, { lang: 'en' });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('The text is too long');
    // What the person wrote comes back (bounded), with a fresh signature.
    expect(tooLong.body).toContain('x'.repeat(2000));
    expect(tooLong.body).not.toContain('x'.repeat(2001));
    const unknownKind = await report(entryA, { kind: 'everything' });
    expect(unknownKind.statusCode).toBe(400);
    const extra = await report(entryA, { admin: '1' });
    expect(extra.statusCode).toBe(400);
    expect(extra.body).toContain('Das Formular war nicht vollständig');
    const repeated = await t.app.inject({
      method: 'POST',
      url: formUrl(entryA),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: 'kind=phone&kind=address&message=a&issued=1',
    });
    expect(repeated.statusCode).toBe(400);
    const huge = await t.app.inject({
      method: 'POST',
      url: formUrl(entryA),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: `kind=phone&message=${'y'.repeat(2 * 1024 * 1024)}`,
    });
    expect(huge.statusCode).toBeGreaterThanOrEqual(400);
    expect(huge.statusCode).toBeLessThan(500);
    expect(await storedCount()).toBe(before);
  });

  it('drops what fills the honeypot, with the same answer a person gets', async () => {
    const before = await storedCount();
    const res = await report(entryA, { website: 'https://spam.example' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/de/centres/${entryA}/report?sent=1`);
    expect(await storedCount()).toBe(before);
  });

  it('asks again for a form sent too fast, with a forged, foreign or expired signature', async () => {
    const before = await storedCount();
    const fast = await report(entryA, {}, { wait: MIN_FILL_MS - SECOND });
    expect(fast.statusCode).toBe(400);
    expect(fast.body).toContain('Bitte prüfen Sie Ihre Angaben');
    expect(fast.body).toContain('Die Nummer ist nicht mehr vergeben.');
    const stamp = await openForm(entryA);
    clock.advance(10 * SECOND);
    const [ms, keyId, mac] = stamp.split('.');
    const forged = `${Number(ms) - 60_000}.${keyId}.${mac}`;
    for (const issued of [forged, '', 'x', `${ms}.${keyId}.${'0'.repeat(64)}`]) {
      const res = await postForm(t.app, formUrl(entryA), { kind: 'phone', issued }, {}, freshIp());
      expect(res.statusCode, issued).toBe(400);
    }
    // A signature for entry B does not open entry A's form.
    const foreign = await openForm(entryB);
    clock.advance(10 * SECOND);
    expect((await postForm(t.app, formUrl(entryA), { kind: 'phone', issued: foreign }, {}, freshIp())).statusCode).toBe(
      400,
    );
    const stale = await report(entryA, {}, { wait: 7 * 60 * 60 * SECOND });
    expect(stale.statusCode).toBe(400);
    expect(stale.body).toContain('zu lange offen');
    expect(await storedCount()).toBe(before);
  });

  it('limits reports per client network — an IPv6 client by its /64 — and says so in the reader’s language', async () => {
    const before = await storedCount();
    const net = (n: number) => `2001:db8:77:1::${n.toString(16)}`;
    for (let i = 0; i < REPORT_LIMITS.network.max; i++)
      expect((await report(entryA, {}, { ip: net(i + 1) })).statusCode).toBe(303);
    const blocked = await report(entryA, {}, { ip: net(0xffff), lang: 'en' });
    expect(blocked.statusCode).toBe(429);
    expect(blocked.body).toContain('Very many reports');
    expect(await storedCount()).toBe(before + REPORT_LIMITS.network.max);
    // Another /64 is another network; after the window the first one may report again.
    expect((await report(entryA, {}, { ip: '2001:db8:77:2::1' })).statusCode).toBe(303);
    clock.advance(REPORT_LIMITS.network.windowMs);
    expect((await report(entryA, {}, { ip: net(1) })).statusCode).toBe(303);
  });

  it('limits reports per entry, whatever the addresses', async () => {
    clock.advance(REPORT_LIMITS.entry.windowMs);
    const fresh = testEntry({ name: 'Viel gemeldet' });
    await withScope(t.database.db, { kind: 'import' }, (trx) => writeEntries(trx, [fresh]));
    t.app.directory.invalidate();
    for (let i = 0; i < REPORT_LIMITS.entry.max; i++)
      expect((await report(fresh.service.id, {}, { wait: SECOND * 4 })).statusCode).toBe(303);
    const before = await storedCount();
    expect((await report(fresh.service.id)).statusCode).toBe(429);
    expect(await storedCount()).toBe(before);
    // Other entries are not affected.
    expect((await report(entryB)).statusCode).toBe(303);
  });

  it('a nonexistent, malformed or defunct entry is a 404, for the form and the report', async () => {
    const before = await storedCount();
    for (const id of [randomUUID(), defunct, 'nope', '1%27%20OR%201=1']) {
      expect((await t.app.inject({ url: formUrl(id) })).statusCode, id).toBe(404);
      const res = await postForm(t.app, formUrl(id), { kind: 'phone', issued: 'x' }, {}, freshIp());
      expect(res.statusCode, id).toBe(404);
    }
    expect(await storedCount()).toBe(before);
  });

  it('refuses a cross-site post before reading it', async () => {
    const before = await storedCount();
    const issued = await openForm(entryA);
    clock.advance(5 * SECOND);
    const res = await postForm(t.app, formUrl(entryA), { kind: 'phone', issued }, { origin: 'https://evil.example' });
    expect(res.statusCode).toBe(403);
    expect(await storedCount()).toBe(before);
  });
});

describe('the staff area', () => {
  let reportA: string;
  let reportB: string;
  beforeAll(async () => {
    clock.advance(2 * DAY);
    await report(entryA, { kind: 'address', message: 'Umgezogen in die Hauptstraße 5 (A)' });
    await report(entryB, { kind: 'closed', message: 'Stelle B gibt es nicht mehr' });
    const rows = await stored();
    reportA = rows.findLast((r) => r.service_id === entryA)!.id;
    reportB = rows.findLast((r) => r.service_id === entryB)!.id;
    await signInAll();
  }, 60_000);

  const list = (s: Session | null) =>
    t.app.inject({ url: '/de/staff/reports', headers: s ? { cookie: s.cookie } : {} });

  it('the coordination office sees every report; a centre lead only those about their own entry', async () => {
    const all = await list(coordination);
    expect(all.statusCode).toBe(200);
    expect(all.body).toContain('Umgezogen in die Hauptstraße 5 (A)');
    expect(all.body).toContain('Stelle B gibt es nicht mehr');
    const a = await list(leadA);
    expect(a.statusCode).toBe(200);
    expect(a.body).toContain('Umgezogen in die Hauptstraße 5 (A)');
    expect(a.body).not.toContain('Stelle B gibt es nicht mehr');
    const b = await list(leadB);
    expect(b.body).not.toContain('Hauptstraße 5 (A)');
    expect(b.body).toContain('Stelle B gibt es nicht mehr');
  });

  it('anonymous visitors are sent to sign in; counsellors get a 404', async () => {
    const anon = await list(null);
    expect(anon.statusCode).toBe(303);
    expect(anon.headers.location).toMatch(/^\/de\/staff\/sign-in/);
    expect((await list(counsellorA)).statusCode).toBe(404);
    const handle = await postAs(t.app, counsellorA, `/de/staff/reports/${reportA}/handled`);
    expect(handle.statusCode).toBe(404);
  });

  it('another centre cannot handle a report about an entry that is not theirs: 404, nothing changed', async () => {
    const res = await postAs(t.app, leadB, `/de/staff/reports/${reportA}/handled`);
    expect(res.statusCode).toBe(404);
    const row = (await stored()).find((r) => r.id === reportA)!;
    expect(row.handled_at).toBeNull();
    for (const id of [randomUUID(), 'not-an-id'])
      expect((await postAs(t.app, leadA, `/de/staff/reports/${id}/handled`)).statusCode).toBe(404);
  });

  it('marking handled is audited in the chain of the entry’s centre, once', async () => {
    const res = await postAs(t.app, leadA, `/de/staff/reports/${reportA}/handled`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/de/staff/reports?done=1');
    const row = (await stored()).find((r) => r.id === reportA)!;
    expect(row.handled_at).not.toBeNull();
    expect(row.handled_by).toBe(leadAUser.id);
    // Again (by the coordination office): still handled once, by the first.
    expect((await postAs(t.app, coordination, `/de/staff/reports/${reportA}/handled`)).statusCode).toBe(303);
    const audit = await admin((trx) =>
      trx
        .selectFrom('audit_log')
        .select(['centre_id', 'actor_id', 'object_id', 'details'])
        .where('event', '=', 'entry_report.handled')
        .where('object_id', '=', reportA)
        .execute(),
    );
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({ centre_id: centreA, actor_id: leadAUser.id });
    // The audit log names the report, never its text.
    expect(JSON.stringify(audit)).not.toContain('Hauptstraße');
    const page = await t.app.inject({ url: '/de/staff/reports?done=1', headers: { cookie: leadA.cookie } });
    expect(page.body).toContain('Die Meldung ist als bearbeitet markiert.');
    // Handled, with the day it will be deleted.
    expect(page.body).toContain(formatDay(new Date(new Date(row.handled_at!).getTime() + 90 * DAY), 'de'));
  });

  it('the coordination office handles a centre’s report; it is recorded in that centre’s chain', async () => {
    expect((await postAs(t.app, coordination, `/de/staff/reports/${reportB}/handled`)).statusCode).toBe(303);
    const rows = await admin((trx) =>
      trx
        .selectFrom('audit_log')
        .select('centre_id')
        .where('event', '=', 'entry_report.handled')
        .where('object_id', '=', reportB)
        .execute(),
    );
    expect(rows).toEqual([{ centre_id: centreB }]);
  });
});

describe('the walls in the database', () => {
  const inScope = <T>(scope: Scope, fn: Parameters<typeof withScope<T>>[2]) => withScope(t.database.db, scope, fn);
  const count = (scope: Scope, serviceId: string) =>
    inScope(scope, async (trx) =>
      Number(
        (
          await trx
            .selectFrom('entry_report')
            .select(sql<number>`count(*)`.as('n'))
            .where('service_id', '=', serviceId)
            .executeTakeFirstOrThrow()
        ).n,
      ),
    );
  const row = (serviceId: string) => ({
    id: randomUUID(),
    service_id: serviceId,
    kind: 'other' as const,
    message: 'x',
    locale: 'de',
    created_at: clock.now(),
  });

  it('a centre sees and changes only reports about its own entry; the public scope reads none', async () => {
    expect(await count({ kind: 'centre', centreId: centreA }, entryA)).toBeGreaterThan(0);
    expect(await count({ kind: 'centre', centreId: centreA }, entryB)).toBe(0);
    expect(await count({ kind: 'coordination' }, entryB)).toBeGreaterThan(0);
    expect(await count({ kind: 'auth' }, entryA)).toBe(0);
    expect(await count({ kind: 'account', userId: leadAUser.id }, entryA)).toBe(0);
    const changed = await inScope({ kind: 'centre', centreId: centreA }, (trx) =>
      trx
        .updateTable('entry_report')
        .set({ handled_at: clock.now() })
        .where('service_id', '=', entryB)
        .executeTakeFirst(),
    );
    expect(Number(changed.numUpdatedRows)).toBe(0);
  });

  it('only the public scope inserts, only open reports, only about public entries', async () => {
    await expect(
      inScope({ kind: 'centre', centreId: centreA }, (trx) =>
        trx.insertInto('entry_report').values(row(entryA)).execute(),
      ),
    ).rejects.toThrow();
    await expect(
      inScope({ kind: 'auth' }, (trx) =>
        trx
          .insertInto('entry_report')
          .values({ ...row(entryA), handled_at: clock.now() })
          .execute(),
      ),
    ).rejects.toThrow();
    await expect(
      inScope({ kind: 'auth' }, (trx) => trx.insertInto('entry_report').values(row(defunct)).execute()),
    ).rejects.toThrow(/no public entry/);
    await inScope({ kind: 'auth' }, (trx) => trx.insertInto('entry_report').values(row(entryA)).execute());
  });

  it('staff change nothing but the handling columns, and nobody but the purge deletes', async () => {
    await expect(
      inScope({ kind: 'coordination' }, (trx) =>
        trx.updateTable('entry_report').set({ message: 'overwritten' }).where('service_id', '=', entryA).execute(),
      ),
    ).rejects.toThrow();
    for (const scope of [{ kind: 'coordination' }, { kind: 'admin' }, { kind: 'auth' }] as Scope[]) {
      const r = await inScope(scope, (trx) =>
        trx.deleteFrom('entry_report').where('service_id', '=', entryA).executeTakeFirst(),
      );
      expect(Number(r.numDeletedRows), scope.kind).toBe(0);
    }
    expect(await count({ kind: 'admin' }, entryA)).toBeGreaterThan(0);
  });

  it('the application role cannot leave its scope to read reports', async () => {
    const rows = await t.database.db.transaction().execute(async (trx) => {
      await enterScope(trx, { kind: 'auth' });
      await sql`SELECT set_config('app.scope', 'network', true)`.execute(trx);
      return trx.selectFrom('entry_report').select('id').execute();
    });
    expect(rows).toEqual([]);
  });
});

describe('retention', () => {
  it('deletes a handled report 90 days after it was handled, not a minute before; open ones stay', async () => {
    clock.advance(DAY);
    await report(entryA, { message: 'wird gelöscht' });
    await report(entryA, { message: 'bleibt offen' });
    const mine = async () =>
      (await stored()).filter((r) => ['wird gelöscht', 'bleibt offen'].includes(r.message)).map((r) => r.message);
    const target = (await stored()).find((r) => r.message === 'wird gelöscht')!;
    await signInAll();
    clock.advance(60 * SECOND);
    const handledAt = clock.now();
    expect((await postAs(t.app, leadA, `/de/staff/reports/${target.id}/handled`)).statusCode).toBe(303);

    clock.set(new Date(handledAt.getTime() + 90 * DAY - 60 * SECOND));
    expect(await jobs.runNow(retentionPurgeJob.name)).toMatchObject({ outcome: 'ok' });
    expect((await mine()).sort()).toEqual(['bleibt offen', 'wird gelöscht']);

    clock.set(new Date(handledAt.getTime() + 90 * DAY));
    const result = (await jobs.runNow(retentionPurgeJob.name)) as { summary: Record<string, number> };
    expect(result).toMatchObject({ outcome: 'ok' });
    expect(result.summary.entryReports).toBeGreaterThanOrEqual(1);
    expect(await mine()).toEqual(['bleibt offen']);
  });
});
