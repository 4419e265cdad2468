/**
 * The public referral pages end to end, on both databases: the form (also
 * pre-filled by the guide), sending (one transaction: encrypted referral,
 * history, notification mail without personal data, audit entry with the
 * random id only), the receipt code shown once, the status look-up, every
 * refusal with its 4xx in German and English and nothing stored, and what a
 * database dump would show: none of the plaintext.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { createCentre, createUser, fakeClock, postForm, type TestUser } from '../../../test/support/auth.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { derivedId } from '../directory/derived-id.ts';
import { publishedGuide } from '../indicators/queries.ts';
import { DEMO_NAMESPACE } from '../demo/entries.ts';
import { demoCentreId } from '../demo/network.ts';
import { loggerOptions } from '../../platform/http/logging.ts';
import { decryptReferral } from './crypto.ts';
import { centreKeyByVersion } from './queries/centre-keys.ts';
import { MIN_FILL_MS, REFERRAL_LIMITS } from './spam.ts';

const SECOND = 1000;
const lines: string[] = [];
const clock = fakeClock(new Date('2027-06-01T08:00:00Z'));
const t = appForFile(
  {},
  { clock, logger: { ...loggerOptions('trace'), stream: { write: (l: string) => lines.push(l) } } },
);

/** Values that must never appear anywhere but in the encrypted payload. */
const CANARY = {
  name: 'Kanarienfrau Quendolin',
  organisation: 'Jugendamt Kanarienstadt',
  phone: '+49 30 7777123',
  email: 'quendolin@kanarien.example.org',
  message: 'Jugendliche wohnt Holunderweg 7q2x, spricht Tigrinya',
};
const NEEDLES = [...Object.values(CANARY), 'Quendolin', 'Holunderweg', '7777123', encodeURIComponent(CANARY.name)];

let centreA: string;
let centreEmpty: string;
let leadA: TestUser;
let counsellorA: TestUser;

beforeAll(async () => {
  centreA = await createCentre(t.app, 'Beratung Anker');
  centreEmpty = await createCentre(t.app, 'Beratung ohne Team');
  leadA = await createUser(t.app, { role: 'centre_lead', centreId: centreA });
  counsellorA = await createUser(t.app, { role: 'counsellor', centreId: centreA });
  // A member who has not finished enrolling does not make a centre take referrals.
  await createUser(t.app, { role: 'counsellor', centreId: centreEmpty, totp: false });
}, 60_000);
afterAll(() => undefined);

let address = 0;
/** A fresh client address, so the per-network limit stays out of tests that are not about it. */
const freshIp = () => `198.51.100.${(++address % 250) + 1}`;

/** Open the form and read its signed issue time. */
async function openForm(lang = 'de', query = ''): Promise<string> {
  const res = await t.app.inject({ url: `/${lang}/referral/new${query}` });
  expect(res.statusCode).toBe(200);
  return /name="issued" value="([^"]+)"/.exec(res.body)![1]!;
}

const valid = (centre = centreA): Record<string, string> => ({
  name: CANARY.name,
  organisation: CANARY.organisation,
  organisationType: 'jugendamt',
  phone: CANARY.phone,
  email: CANARY.email,
  centre,
  consent: 'confidential',
  languages: 'ti',
  urgency: 'days',
  forwarding: 'yes',
  message: CANARY.message,
});

/** Fill in the form like a person: open it, wait, send. */
async function send(
  fields: Record<string, string | undefined> = {},
  opts: { lang?: string; ip?: string; wait?: number; issued?: string } = {},
) {
  const issued = opts.issued ?? (await openForm(opts.lang));
  clock.advance(opts.wait ?? 10 * SECOND);
  return postForm(
    t.app,
    `/${opts.lang ?? 'de'}/referral/send`,
    { ...valid(), issued, ...fields },
    {},
    opts.ip ?? freshIp(),
  );
}

const codeIn = (html: string) => /class="receipt-code"><strong>([0-9A-Z-]+)</.exec(html)?.[1];

/** Everything stored about referrals, read as the owner with the retention scope (which sees every row). */
async function stored() {
  return withScope(t.database.db, { kind: 'retention' }, async (trx) => ({
    referrals: await trx.selectFrom('referral').selectAll().execute(),
    events: await trx.selectFrom('referral_status_event').selectAll().execute(),
  }));
}
const count = async () => (await stored()).referrals.length;

const outbox = () =>
  withScope(t.database.db, { kind: 'admin' }, (trx) =>
    trx.selectFrom('outbox_mail').select(['recipient', 'subject', 'body_text']).orderBy('created_at').execute(),
  );

describe('the referral form', () => {
  it('offers only centres with an active member, sets no cookie, and pre-selects the centre asked for', async () => {
    const res = await t.app.inject({ url: `/de/referral/new?centre=${centreA}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.body).toContain('Person an eine Fachberatungsstelle vermitteln');
    expect(res.body).toContain(`<option value="${centreA}" selected>Beratung Anker</option>`);
    expect(res.body).not.toContain('Beratung ohne Team');
    const en = await t.app.inject({ url: '/en/referral/new' });
    expect(en.body).toContain('Refer a person to a specialised counselling centre');
    // Beyond German and English: the German text, marked as such.
    const ar = await t.app.inject({ url: '/ar/referral/new' });
    expect(ar.statusCode).toBe(200);
    expect(ar.body).toContain('lang="de"');
    expect(ar.body).toContain('Person an eine Fachberatungsstelle vermitteln');
  });

  it('is pre-filled by the guide’s post (centre, guide version, indicators), storing nothing', async () => {
    const before = await count();
    const guide = randomUUID();
    const res = await postForm(t.app, '/de/referral/new', {
      centre: centreA,
      guide,
      observed: 'minor.no_guardian, minor.coached_story',
    });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain(`<option value="${centreA}" selected>`);
    // A version the network never published has no texts: the keys are shown as they came.
    expect(res.body).not.toContain('Leitfaden-Fassung');
    expect(res.body).toContain('<code>minor.no_guardian</code>');
    expect(res.body).toContain('name="observed" value="minor.no_guardian,minor.coached_story"');
    expect(await count()).toBe(before);
    // Anything else the guide might send is refused, not ignored.
    expect((await postForm(t.app, '/de/referral/new', { centre: centreA, extra: 'x' })).statusCode).toBe(400);
    expect((await postForm(t.app, '/de/referral/new', { observed: 'Not A Key' })).statusCode).toBe(400);
  });

  it('pre-selects a centre the guide names by its directory entry, as the finder knows it', async () => {
    // The demo Leipzig centre maintains the directory entry the guide's result lists.
    const leipzig = demoCentreId('leipzig');
    const entry = derivedId(DEMO_NAMESPACE, 'service:leipzig');
    const before = await t.app.inject({ url: `/de/referral/new?centre=${entry}` });
    expect(before.body, 'no one there yet: not offered').not.toContain(`<option value="${leipzig}"`);
    await createUser(t.app, { role: 'centre_lead', centreId: leipzig });
    const minors = (await publishedGuide(t.database.db, 'minors'))!;
    const res = await postForm(t.app, '/de/referral/new', {
      centre: entry,
      guide: minors.id,
      observed: 'coached-story',
    });
    expect(res.statusCode).toBe(200);
    // What was ticked, in the guide's words, with the version it came from.
    expect(res.body).toContain('<li><span lang="de">Eingeübte oder gleichlautende Geschichten</span></li>');
    expect(res.body).toContain(`Leitfaden-Fassung ${minors.version}`);
    expect(res.body).toContain(`<option value="${leipzig}" selected>Beispiel-Fachberatungsstelle Leipzig</option>`);
    // The form itself only ever sends the centre's own id.
    expect(res.body).not.toContain(`value="${entry}"`);
  });
});

describe('sending a referral', () => {
  it('stores it encrypted, notifies the centre without personal data, audits the id only, and shows the code once', async () => {
    const mailsBefore = (await outbox()).length;
    const before = await stored();
    const guide = randomUUID();
    const res = await send({ guide, observed: 'adult.documents', includeGuide: 'yes' });
    expect(res.statusCode).toBe(200);
    const code = codeIn(res.body);
    expect(code).toMatch(/^[0-9A-Z]{4}(-[0-9A-Z]{4}){4}$/);
    expect(res.body).toContain('Beratung Anker');
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(String(res.headers['cache-control'])).toContain('no-store');

    const after = await stored();
    const row = after.referrals.find((r) => !before.referrals.some((b) => b.id === r.id))!;
    expect(row).toMatchObject({ centre_id: centreA, status: 'received', urgency: 'days', forwarding_consent: true });
    expect(after.events.filter((e) => e.referral_id === row.id).map((e) => e.status)).toEqual(['received']);

    // The receiving centre (and only with its key) reads exactly what was sent.
    const payload = await withScope(t.database.db, { kind: 'centre', centreId: centreA }, async (trx) => {
      const key = (await centreKeyByVersion(trx, t.app.keys.encryption, centreA, row.centre_key_version))!;
      const r = await trx.selectFrom('referral').selectAll().where('id', '=', row.id).executeTakeFirstOrThrow();
      return decryptReferral(
        { payload: r.payload, wrappedKey: r.wrapped_key, centreKeyVersion: r.centre_key_version, declineNote: null },
        key,
        row.id,
      );
    });
    expect(payload).toEqual({
      sender: {
        name: CANARY.name,
        organisation: CANARY.organisation,
        organisationType: 'jugendamt',
        phone: CANARY.phone,
        email: CANARY.email,
      },
      person: { languages: ['ti'], consent: 'confidential', noConsentReason: null },
      guide: { versionId: guide, observed: ['adult.documents'] },
      message: CANARY.message,
      locale: 'de',
    });

    // One mail per active member: that a referral waits and where to sign in; nothing about it.
    const mails = (await outbox()).slice(mailsBefore);
    expect(mails.map((m) => m.recipient).sort()).toEqual([leadA.email, counsellorA.email].sort());
    for (const m of mails) {
      expect(m.body_text).toContain('/de/staff/referrals');
      for (const needle of [...NEEDLES, code!, row.id, 'Tigrinya', 'jugendamt', 'Jugendamt'])
        expect(`${m.subject}\n${m.body_text}`, needle).not.toContain(needle);
    }

    // The audit entry: the event and the random id, in the network chain.
    const audit = await withScope(t.database.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('audit_log').selectAll().where('event', '=', 'referral.received_done').execute(),
    );
    const entry = audit.find((a) => a.object_id === row.id)!;
    expect(entry).toMatchObject({ centre_id: null, actor_id: null, object_type: 'referral' });
    expect(JSON.stringify(entry)).not.toContain(centreA);
  });

  it('a database dump holds none of the plaintext, nor the receipt code', async () => {
    const res = await send({}, { lang: 'en' });
    expect(res.statusCode).toBe(200);
    const code = codeIn(res.body)!;
    // As the owner, every column of every referral table, as text.
    const dump = await t.database.db.transaction().execute(async (trx) => {
      await sql`SELECT set_config('app.scope', 'retention', true)`.execute(trx);
      const rows = await sql<{ row: string }>`
        SELECT r::text AS row FROM referral r
        UNION ALL SELECT e::text FROM referral_status_event e
        UNION ALL SELECT k::text FROM referral_centre_key k`.execute(trx);
      return rows.rows.map((r) => r.row).join('\n');
    });
    expect(dump.length).toBeGreaterThan(0);
    for (const needle of [...NEEDLES, code, code.replaceAll('-', ''), 'confidential', 'Tigrinya', '"ti"'])
      expect(dump, needle).not.toContain(needle);
  });

  it('shows the status and dated history for the code, never the content; a wrong code gets the generic answer', async () => {
    const res = await send();
    const code = codeIn(res.body)!;
    const status = await postForm(t.app, '/de/referral/status', { code: code.toLowerCase().replaceAll('-', ' ') });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('Eingegangen');
    expect(status.body).toContain('Beratung Anker');
    expect(status.body).toMatch(/<time datetime="2027-06-0\dT/);
    for (const needle of NEEDLES) expect(status.body, needle).not.toContain(needle);
    // Declined by the centre: the reason code is shown in the reader's language.
    const id = (await stored()).referrals.at(-1)!.id;
    await withScope(t.database.db, { kind: 'centre', centreId: centreA }, async (trx) => {
      await trx
        .updateTable('referral')
        .set({ status: 'declined', decline_reason: 'language', status_changed_at: clock.now() })
        .where('id', '=', id)
        .execute();
      await trx
        .insertInto('referral_status_event')
        .values({ id: randomUUID(), referral_id: id, status: 'declined', at: clock.now() })
        .execute();
    });
    const en = await postForm(t.app, '/en/referral/status', { code });
    expect(en.body).toContain('Declined');
    expect(en.body).toMatch(/The person(&#39;|&#x27;|')s language is not offered/);

    const wrong = await postForm(t.app, '/de/referral/status', { code: 'AAAA-BBBB-CCCC-DDDD-EEEE' });
    const malformed = await postForm(t.app, '/de/referral/status', { code: 'abc' });
    for (const r of [wrong, malformed]) {
      expect(r.statusCode).toBe(404);
      expect(r.body).toContain('Zu diesem Code gibt es keine Anfrage.');
    }
    const wrongEn = await postForm(t.app, '/en/referral/status', { code: 'AAAA-BBBB-CCCC-DDDD-EEEE' });
    expect(wrongEn.body).toContain('There is no request with this code.');
    // The code never travels in a URL: the status form posts.
    const page = await t.app.inject({ url: '/de/referral/status' });
    expect(page.body).toContain('method="post" action="/de/referral/status"');
  });

  it('limits status look-ups per client network', async () => {
    const ip = '203.0.113.9';
    let last = 0;
    for (let i = 0; i <= REFERRAL_LIMITS.lookups.max; i++)
      last = (await postForm(t.app, '/de/referral/status', { code: 'AAAA-BBBB-CCCC-DDDD-EEEE' }, {}, ip)).statusCode;
    expect(last).toBe(429);
    const en = await postForm(t.app, '/en/referral/status', { code: 'AAAA-BBBB-CCCC-DDDD-EEEE' }, {}, ip);
    expect(en.statusCode).toBe(429);
    expect(en.body).toContain('Very many look-ups came from your connection');
    clock.advance(REFERRAL_LIMITS.lookups.windowMs + SECOND);
  });
});

describe('refusals: a clear 4xx in the reader’s language, and nothing stored', () => {
  const cases: {
    what: string;
    fields?: Record<string, string | undefined>;
    opts?: { wait?: number; issued?: string };
    status: number;
    de: string;
    en: string;
  }[] = [
    {
      what: 'the honeypot',
      fields: { website: 'http://spam.example' },
      status: 400,
      de: 'Ein Feld, das leer bleiben muss, war ausgefüllt.',
      en: 'a field that must stay empty was filled in.',
    },
    {
      what: 'too fast',
      opts: { wait: MIN_FILL_MS - SECOND },
      status: 400,
      de: 'sehr schnell abgeschickt',
      en: 'the form was sent very quickly',
    },
    {
      what: 'a forged signature',
      opts: { issued: `${Date.now()}.dev1.${'0'.repeat(64)}` },
      status: 400,
      de: 'Das Formular war zu lange offen.',
      en: 'The form was open for too long.',
    },
    {
      what: 'a centre without active staff',
      fields: { centre: '' },
      status: 409,
      de: 'nimmt im Moment keine Anfragen über die Plattform an',
      en: 'does not take requests through the platform at the moment',
    },
    {
      what: 'no consent without a reason',
      fields: { consent: 'none' },
      status: 400,
      de: 'Ohne Einverständnis geht eine Anfrage nur bei einer minderjährigen Person',
      en: 'Without consent a request is possible only for a minor',
    },
    {
      what: 'no way to reach the sender',
      fields: { phone: '', email: '' },
      status: 400,
      de: 'Bitte geben Sie eine Telefonnummer oder eine E-Mail-Adresse an.',
      en: 'Please enter a phone number or an email address.',
    },
    {
      what: 'an oversized message',
      fields: { message: 'x'.repeat(2001) },
      status: 400,
      de: 'Zu lang: höchstens 2000 Zeichen.',
      en: 'Too long: at most 2000 characters.',
    },
    {
      what: 'an oversized name',
      fields: { name: 'x'.repeat(201) },
      status: 400,
      de: 'Zu lang: höchstens 200 Zeichen.',
      en: 'Too long: at most 200 characters.',
    },
    {
      what: 'an unknown field',
      fields: { extra: 'x' },
      status: 400,
      de: 'Die Anfrage wurde nicht gesendet.',
      en: 'The request was not sent.',
    },
  ];
  for (const c of cases)
    it(`refuses ${c.what}`, async () => {
      // The centre without staff is filled in here: the module-level ids exist only after beforeAll.
      const fields = c.what === 'a centre without active staff' ? { ...c.fields, centre: centreEmpty } : c.fields;
      const before = await count();
      const mails = (await outbox()).length;
      for (const lang of ['de', 'en']) {
        const res = await send(fields, { lang, ...c.opts });
        expect(res.statusCode, lang).toBe(c.status);
        expect(res.body, lang).toContain(lang === 'de' ? c.de : c.en);
        // What was typed comes back, bounded, and nothing is half-written.
        if (c.what !== 'an oversized name') expect(res.body).toContain('Kanarienfrau Quendolin');
      }
      expect(await count()).toBe(before);
      expect((await outbox()).length).toBe(mails);
    });

  it('refuses a form sent a second time (a reload of the receipt page)', async () => {
    const issued = await openForm();
    const ip = freshIp();
    expect((await send({}, { issued, ip })).statusCode).toBe(200);
    const before = await count();
    const again = await send({}, { issued, ip });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('Dieses Formular wurde schon gesendet.');
    expect(await count()).toBe(before);
  });

  it('limits referrals per client network', async () => {
    const ip = '192.0.2.44';
    for (let i = 0; i < REFERRAL_LIMITS.network.max; i++) expect((await send({}, { ip })).statusCode).toBe(200);
    const before = await count();
    const de = await send({}, { ip });
    expect(de.statusCode).toBe(429);
    expect(de.body).toContain('Von Ihrem Anschluss kamen gerade sehr viele Anfragen.');
    const en = await send({}, { ip, lang: 'en' });
    expect(en.statusCode).toBe(429);
    expect(en.body).toContain('Very many requests came from your connection just now.');
    expect(await count()).toBe(before);
    clock.advance(REFERRAL_LIMITS.network.windowMs + SECOND);
  });

  it('limits referrals per receiving centre', async () => {
    const centre = await createCentre(t.app, 'Beratung Viel');
    await createUser(t.app, { role: 'counsellor', centreId: centre });
    for (let i = 0; i < REFERRAL_LIMITS.centre.max; i++) expect((await send({ centre })).statusCode).toBe(200);
    const before = await count();
    const de = await send({ centre });
    expect(de.statusCode).toBe(429);
    expect(de.body).toContain('Diese Beratungsstelle hat heute sehr viele Anfragen erhalten.');
    const en = await send({ centre }, { lang: 'en' });
    expect(en.body).toContain('This centre has received very many requests today.');
    expect(await count()).toBe(before);
    // Other centres are not affected.
    expect((await send()).statusCode).toBe(200);
  }, 60_000);

  it('accepts no consent with a reason (a minor), and several languages', async () => {
    const issued = await openForm();
    clock.advance(10 * SECOND);
    const body = new URLSearchParams({ ...valid(), consent: 'none', noConsentReason: 'minor', issued });
    body.append('languages', 'ar');
    const res = await t.app.inject({
      method: 'POST',
      url: '/de/referral/send',
      remoteAddress: freshIp(),
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: body.toString(),
    });
    expect(res.statusCode).toBe(200);
  });
});

describe('logs', () => {
  it('the request log holds none of the form values, the code or the centre chosen', async () => {
    lines.length = 0;
    const res = await send({}, { ip: '198.51.100.250' });
    const code = codeIn(res.body)!;
    await postForm(t.app, '/de/referral/status', { code });
    await send({ website: 'x' });
    const log = lines.join('\n');
    expect(log).toContain('/:lang/referral/send');
    for (const needle of [...NEEDLES, code, code.replaceAll('-', ''), centreA])
      expect(log, needle).not.toContain(needle);
  });
});
