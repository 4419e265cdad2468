/**
 * The receiving centre's side of referrals, over HTTP: the inbox lists
 * without content; opening decrypts only after re-authentication, is never
 * cached and is audited; the decisions (accept, decline with a reason the
 * sender sees and a note stored encrypted, forward with consent only and
 * re-encrypted for the receiving centre, close) each write history and
 * audit; and every other role or centre is refused with a 404. Runs on both
 * databases.
 */
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import {
  createCentre,
  createUser,
  fakeClock,
  postAs,
  postForm,
  type Session,
  type TestUser,
} from '../../../test/support/auth.ts';
import { directSession } from '../../../test/support/security.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { publishedGuide } from '../indicators/queries.ts';
import { DecryptionError } from '../../platform/security/field-encryption.ts';
import { decryptReferral } from './crypto.ts';
import { centreKeyByVersion } from './queries/centre-keys.ts';
import { samplePayload, sendReferral } from './test-fixtures.ts';

const clock = fakeClock(new Date('2027-02-01T09:00:00Z'));
const t = appForFile({}, { clock });

let centreA: string;
let centreB: string;
/** A centre without any active member: nothing may be forwarded there. */
let centreEmpty: string;
let leadAUser: TestUser;
let leadBUser: TestUser;
let counsellorAUser: TestUser;
let counsellorBUser: TestUser;
let coordinationUser: TestUser;
let adminUser: TestUser;

/** Sessions that just re-authenticated (sessions expire when the clock jumps: made fresh per use). */
const fresh = (u: TestUser) => directSession(t.app, u, { recent: true });
const get = (url: string, s: Session) => t.app.inject({ method: 'GET', url, headers: { cookie: s.cookie } });

beforeAll(async () => {
  centreA = await createCentre(t.app, 'Beratung A');
  centreB = await createCentre(t.app, 'Beratung B');
  centreEmpty = await createCentre(t.app, 'Beratung ohne Team');
  leadAUser = await createUser(t.app, { role: 'centre_lead', centreId: centreA, passkey: false });
  counsellorAUser = await createUser(t.app, { role: 'counsellor', centreId: centreA });
  leadBUser = await createUser(t.app, { role: 'centre_lead', centreId: centreB });
  counsellorBUser = await createUser(t.app, { role: 'counsellor', centreId: centreB });
  coordinationUser = await createUser(t.app, { role: 'coordination' });
  adminUser = await createUser(t.app, { role: 'admin' });
}, 60_000);

/** Rows as the owner sees them (nothing hidden). */
async function referralRow(id: string) {
  const r = await sql<{
    centre_id: string;
    status: string;
    payload: string;
    wrapped_key: string;
    decline_reason: string | null;
    decline_note: string | null;
    closed_at: Date | null;
  }>`SELECT centre_id, status, payload, wrapped_key, decline_reason, decline_note, closed_at FROM referral WHERE id = ${id}`.execute(
    t.database.db,
  );
  return r.rows[0];
}
async function historyStatuses(id: string): Promise<string[]> {
  const r = await sql<{
    status: string;
  }>`SELECT status FROM referral_status_event WHERE referral_id = ${id} ORDER BY at, status`.execute(t.database.db);
  return r.rows.map((x) => x.status);
}
async function auditEvents(id: string): Promise<{ event: string; details: unknown; centre_id: string | null }[]> {
  const r = await sql<{
    event: string;
    details: unknown;
    centre_id: string | null;
  }>`SELECT event, details, centre_id FROM audit_log WHERE object_id = ${id} ORDER BY seq`.execute(t.database.db);
  return r.rows;
}
async function deniedSince(before: Date): Promise<number> {
  const r = await sql<{
    n: string;
  }>`SELECT count(*)::text AS n FROM audit_log WHERE event = 'access.denied' AND at >= ${before}`.execute(
    t.database.db,
  );
  return Number(r.rows[0]?.n ?? 0);
}

describe('the inbox', () => {
  it('lists the centre’s referrals, most urgent and newest first, with nothing of their content', async () => {
    const later = await sendReferral(t.app, centreA, { urgency: 'no_rush' });
    clock.advance(60_000);
    const urgent = await sendReferral(t.app, centreA, { urgency: 'immediate' });
    const elsewhere = await sendReferral(t.app, centreB, { urgency: 'immediate' });
    const res = await get('/de/staff/referrals', await fresh(counsellorAUser));
    expect(res.statusCode).toBe(200);
    const listed = [...res.body.matchAll(/href="\/de\/staff\/referrals\/([0-9a-f-]{36})"/g)].map((m) => m[1]);
    expect(listed.indexOf(urgent.id)).toBeGreaterThanOrEqual(0);
    expect(listed.indexOf(urgent.id)).toBeLessThan(listed.indexOf(later.id));
    expect(listed).not.toContain(elsewhere.id);
    expect(res.body).toContain(urgent.id.replace(/-/g, '').slice(0, 8));
    for (const r of [later, urgent, elsewhere]) {
      expect(res.body).not.toContain(r.payload.message);
      expect(res.body).not.toContain(r.payload.sender.name);
    }
  });

  it('counts on the start page the referrals waiting to be accepted, for centre members only', async () => {
    const home = await get('/de/staff', await fresh(leadBUser));
    const waiting = await withScope(t.database.db, { kind: 'centre', centreId: centreB }, (trx) =>
      trx.selectFrom('referral').select('id').where('status', 'in', ['received', 'forwarded']).execute(),
    );
    expect(waiting.length).toBeGreaterThan(0);
    const n = waiting.length;
    expect(home.body).toContain(
      `<a href="/de/staff/referrals">${n} ${n === 1 ? 'Vermittlung wartet' : 'Vermittlungen warten'} auf Annahme.</a>`,
    );
    const coord = await get('/de/staff', await fresh(coordinationUser));
    expect(coord.statusCode).toBe(200);
    expect(coord.body).not.toContain('/de/staff/referrals');
  });
});

describe('opening a referral', () => {
  it('sends a session that has not re-authenticated lately to re-authenticate first, and decrypts nothing', async () => {
    const r = await sendReferral(t.app, centreA);
    const stale = await directSession(t.app, leadAUser);
    const res = await get(`/de/staff/referrals/${r.id}`, stale);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/de/staff/reauth?next=${encodeURIComponent(`/de/staff/referrals/${r.id}`)}`);
    expect(res.body).not.toContain(r.payload.message);
    expect((await auditEvents(r.id)).map((e) => e.event)).not.toContain('referral.opened_done');
  });

  it('refuses an administrator’s restricted session (it may only add a passkey)', async () => {
    const r = await sendReferral(t.app, centreA);
    const restricted = await directSession(t.app, adminUser, { recent: true, factor: 'enrolment' });
    const res = await get(`/de/staff/referrals/${r.id}`, restricted);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/\/de\/staff\/passkey-setup$/);
  });

  it('decrypts for the centre after re-authentication, uncached, and records each opening by id only', async () => {
    const r = await sendReferral(t.app, centreA);
    const s = await fresh(counsellorAUser);
    const res = await get(`/en/staff/referrals/${r.id}`, s);
    expect(res.statusCode).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    expect(res.body).toContain(r.payload.message);
    expect(res.body).toContain(r.payload.sender.name);
    expect(res.body).toContain('Youth welfare office (Jugendamt)');
    await get(`/en/staff/referrals/${r.id}`, s);
    const opened = (await auditEvents(r.id)).filter((e) => e.event === 'referral.opened_done');
    expect(opened).toHaveLength(2);
    expect(opened[0]).toEqual({ event: 'referral.opened_done', details: {}, centre_id: centreA });
  });

  it('shows the observed indicators in the words of the guide version they were ticked in', async () => {
    const minors = (await publishedGuide(t.database.db, 'minors'))!;
    const payload = {
      ...samplePayload(),
      guide: { versionId: minors.id, observed: ['coached-story', 'no-access-to-guardians', 'not-in-this-version'] },
    };
    const r = await sendReferral(t.app, centreA, { payload });
    const res = await get(`/de/staff/referrals/${r.id}`, await fresh(counsellorAUser));
    expect(res.statusCode).toBe(200);
    const items = [...res.body.matchAll(/<li>(.*?)<\/li>/g)].map((m) => m[1]!.replace(/<[^>]+>/g, ''));
    // In the guide's order (its first group first), each with its group; a key the version lacks as it came.
    expect(items).toEqual(
      expect.arrayContaining([
        'Kein Zugang zu Eltern oder Sorgeberechtigten; ein fremder Erwachsener besteht auf Anwesenheit (Wer das Kind begleitet)',
        'Eingeübte oder gleichlautende Geschichten (Identität und Geschichte)',
        'not-in-this-version',
      ]),
    );
    expect(res.body).toContain(`Leitfaden-Fassung ${minors.version}`);
    const en = await get(`/en/staff/referrals/${r.id}`, await fresh(counsellorAUser));
    expect(en.body).toContain('Coached or identical stories');
  });

  it('says so when the content cannot be decrypted (moved ciphertext), and records no opening', async () => {
    const r = await sendReferral(t.app, centreA);
    const other = await sendReferral(t.app, centreA);
    // Another referral's ciphertext copied onto this row: bound to its own id, it must not open here.
    await sql`UPDATE referral SET payload = (SELECT payload FROM referral WHERE id = ${other.id}) WHERE id = ${r.id}`.execute(
      t.database.db,
    );
    const res = await get(`/de/staff/referrals/${r.id}`, await fresh(leadAUser));
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('kann nicht entschlüsselt werden');
    expect(res.body).not.toContain(other.payload.message);
    expect((await auditEvents(r.id)).map((e) => e.event)).toEqual([]);
  });

  it('answers another centre’s referral with 404, records the refusal, and shows nothing', async () => {
    const r = await sendReferral(t.app, centreA);
    const before = clock.now();
    for (const u of [counsellorBUser, leadBUser]) {
      const res = await get(`/de/staff/referrals/${r.id}`, await fresh(u));
      expect(res.statusCode).toBe(404);
      expect(res.body).not.toContain(r.payload.message);
    }
    expect(await deniedSince(before)).toBe(2);
    expect((await auditEvents(r.id)).map((e) => e.event)).toEqual([]);
  });

  it('refuses the coordination office and administrators on every referral route', async () => {
    const r = await sendReferral(t.app, centreA);
    for (const u of [coordinationUser, adminUser]) {
      const s = await fresh(u);
      expect((await get('/de/staff/referrals', s)).statusCode).toBe(404);
      expect((await get(`/de/staff/referrals/${r.id}`, s)).statusCode).toBe(404);
      for (const [what, fields] of [
        ['accept', {}],
        ['decline', { reason: 'no_capacity' }],
        ['forward', { centre: centreB }],
        ['close', {}],
      ] as const)
        expect((await postAs(t.app, s, `/de/staff/referrals/${r.id}/${what}`, fields)).statusCode).toBe(404);
    }
    expect((await referralRow(r.id))?.status).toBe('received');
    expect(await historyStatuses(r.id)).toEqual(['received']);
  });
});

describe('decisions', () => {
  it('accept: status, history and audit', async () => {
    const r = await sendReferral(t.app, centreA);
    clock.advance(60_000);
    const s = await fresh(leadAUser);
    const res = await postAs(t.app, s, `/de/staff/referrals/${r.id}/accept`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/de/staff/referrals/${r.id}?done=accepted`);
    expect((await referralRow(r.id))?.status).toBe('accepted');
    expect(await historyStatuses(r.id)).toEqual(['received', 'accepted']);
    expect((await auditEvents(r.id)).map((e) => e.event)).toEqual(['referral.accepted_done']);
    // Once accepted, accepting again is refused and changes nothing.
    const again = await postAs(t.app, s, `/de/staff/referrals/${r.id}/accept`);
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('im jetzigen Status nicht möglich');
    expect(await historyStatuses(r.id)).toEqual(['received', 'accepted']);
  });

  it('a decision from a stale session goes to re-authentication first and changes nothing', async () => {
    const r = await sendReferral(t.app, centreA);
    const res = await postAs(t.app, await directSession(t.app, leadAUser), `/de/staff/referrals/${r.id}/accept`);
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe(`/de/staff/reauth?next=${encodeURIComponent(`/de/staff/referrals/${r.id}`)}`);
    expect((await referralRow(r.id))?.status).toBe('received');
  });

  it('decline: the reason in clear for the sender, the note only encrypted, readable to the centre', async () => {
    const r = await sendReferral(t.app, centreA);
    const s = await fresh(counsellorAUser);
    const note = 'Keine freie Beraterin mit Tigrinya vor März';
    const res = await postAs(t.app, s, `/de/staff/referrals/${r.id}/decline`, { reason: 'language', note });
    expect(res.statusCode).toBe(303);
    const row = await referralRow(r.id);
    expect(row?.status).toBe('declined');
    expect(row?.decline_reason).toBe('language');
    expect(row?.decline_note).toBeTruthy();
    expect(row?.decline_note).not.toContain('Tigrinya');
    const page = await get(`/de/staff/referrals/${r.id}`, s);
    expect(page.body).toContain(note);
    expect(page.body).toContain('Beratung in der benötigten Sprache nicht möglich');
    // The sender's status page names the reason, never the note.
    const status = await postForm(t.app, '/de/referral/status', { code: r.receiptCode });
    expect(status.statusCode).toBe(200);
    expect(status.body).toContain('Die Sprache der Person wird nicht angeboten');
    expect(status.body).not.toContain('Tigrinya');
    expect(status.body).not.toContain(r.payload.message);
    const events = await auditEvents(r.id);
    expect(events.find((e) => e.event === 'referral.declined_done')?.details).toEqual({
      reason: 'language',
      note: true,
    });
    // An unknown reason is a 400 and writes nothing.
    const other = await sendReferral(t.app, centreA);
    const bad = await postAs(t.app, s, `/de/staff/referrals/${other.id}/decline`, { reason: 'rude' });
    expect(bad.statusCode).toBe(400);
    expect((await referralRow(other.id))?.status).toBe('received');
  });

  it('decline without a note stores no note at all', async () => {
    const r = await sendReferral(t.app, centreA);
    await postAs(t.app, await fresh(leadAUser), `/de/staff/referrals/${r.id}/decline`, {
      reason: 'no_capacity',
      note: '   ',
    });
    expect(await referralRow(r.id)).toMatchObject({
      status: 'declined',
      decline_reason: 'no_capacity',
      decline_note: null,
    });
  });

  it('close: closed with its date, history and audit', async () => {
    const r = await sendReferral(t.app, centreA);
    clock.advance(60_000);
    const res = await postAs(t.app, await fresh(leadAUser), `/de/staff/referrals/${r.id}/close`);
    expect(res.statusCode).toBe(303);
    const row = await referralRow(r.id);
    expect(row?.status).toBe('closed');
    expect(row?.closed_at).toEqual(clock.now());
    expect(await historyStatuses(r.id)).toEqual(['received', 'closed']);
    expect((await auditEvents(r.id)).map((e) => e.event)).toEqual(['referral.closed_done']);
  });
});

describe('forwarding', () => {
  it('is refused without the sender’s consent, and nothing changes', async () => {
    const r = await sendReferral(t.app, centreA, { forwardingConsent: false });
    const before = await referralRow(r.id);
    const res = await postAs(t.app, await fresh(leadAUser), `/de/staff/referrals/${r.id}/forward`, {
      centre: centreB,
    });
    expect(res.statusCode).toBe(409);
    expect(res.body).toContain('einer Weiterleitung nicht zugestimmt');
    expect(await referralRow(r.id)).toEqual(before);
    expect(await historyStatuses(r.id)).toEqual(['received']);
    // The page offers no forwarding either.
    const page = await get(`/de/staff/referrals/${r.id}`, await fresh(leadAUser));
    expect(page.body).not.toContain(`/de/staff/referrals/${r.id}/forward`);
  });

  it('is refused to a centre without active staff, and to the own centre', async () => {
    const r = await sendReferral(t.app, centreA);
    const s = await fresh(leadAUser);
    const page = await get(`/de/staff/referrals/${r.id}`, s);
    expect(page.body).toContain(`<option value="${centreB}">Beratung B</option>`);
    expect(page.body).not.toContain(centreEmpty);
    for (const centre of [centreEmpty, centreA]) {
      const res = await postAs(t.app, s, `/de/staff/referrals/${r.id}/forward`, { centre });
      expect(res.statusCode).toBe(400);
    }
    expect((await referralRow(r.id))?.centre_id).toBe(centreA);
  });

  it('re-encrypts for the receiving centre: the old centre can no longer open it, no old ciphertext remains', async () => {
    const marker = 'weiterleitung-marker-7f3a';
    const r = await sendReferral(t.app, centreA, { payload: samplePayload(marker) });
    const old = await referralRow(r.id);
    clock.advance(60_000);
    const s = await fresh(counsellorAUser);
    const res = await postAs(t.app, s, `/de/staff/referrals/${r.id}/forward`, { centre: centreB });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/de/staff/referrals?forwarded=1');

    const moved = await referralRow(r.id);
    expect(moved?.centre_id).toBe(centreB);
    expect(moved?.status).toBe('forwarded');
    expect(moved?.payload).not.toBe(old?.payload);
    expect(moved?.wrapped_key).not.toBe(old?.wrapped_key);
    // No row of any referral table holds the old ciphertext or the old wrapped key.
    for (const table of ['referral', 'referral_status_event', 'referral_centre_key']) {
      const dump = await sql<{ row: string }>`SELECT t::text AS row FROM ${sql.table(table)} t`.execute(t.database.db);
      const text = dump.rows.map((x) => x.row).join('\n');
      expect(text).not.toContain(old!.payload);
      expect(text).not.toContain(old!.wrapped_key);
    }
    // The old centre's key opens nothing on the row; the new centre's does.
    const [keyA, keyB] = await withScope(t.database.db, { kind: 'intake' }, async (trx) => [
      await centreKeyByVersion(trx, t.app.keys.encryption, centreA, 1),
      await centreKeyByVersion(trx, t.app.keys.encryption, centreB, 1),
    ]);
    const sealed = { payload: moved!.payload, wrappedKey: moved!.wrapped_key, centreKeyVersion: 1, declineNote: null };
    expect(() => decryptReferral(sealed, keyA!, r.id)).toThrow(DecryptionError);
    expect(decryptReferral(sealed, keyB!, r.id).message).toContain(marker);

    // Over HTTP: 404 for the old centre, the content for the new one.
    expect((await get(`/de/staff/referrals/${r.id}`, await fresh(leadAUser))).statusCode).toBe(404);
    const there = await get(`/de/staff/referrals/${r.id}`, await fresh(leadBUser));
    expect(there.statusCode).toBe(200);
    expect(there.body).toContain(marker);
    expect(await historyStatuses(r.id)).toEqual(['received', 'forwarded']);
    const forwarded = (await auditEvents(r.id)).find((e) => e.event === 'referral.forwarded_done');
    expect(forwarded).toEqual({
      event: 'referral.forwarded_done',
      details: { to_centre: centreB },
      centre_id: centreA,
    });
  });

  it('tells the receiving centre’s active members that something waits, and nothing more', async () => {
    const marker = 'mail-marker-91bc';
    const r = await sendReferral(t.app, centreA, { payload: samplePayload(marker) });
    const outbox = () =>
      withScope(t.database.db, { kind: 'admin' }, (trx) =>
        trx.selectFrom('outbox_mail').select(['id', 'recipient', 'subject', 'body_text']).execute(),
      );
    const before = new Set((await outbox()).map((m) => m.id));
    await postAs(t.app, await fresh(leadAUser), `/de/staff/referrals/${r.id}/forward`, { centre: centreB });
    const mails = (await outbox()).filter((m) => !before.has(m.id));
    expect(mails.map((m) => m.recipient).sort()).toEqual([leadBUser.email, counsellorBUser.email].sort());
    for (const m of mails) {
      expect(m.subject).toBe('Eine Vermittlung wartet');
      expect(m.body_text).toContain(`${t.config.publicOrigin}/de/staff/referrals`);
      expect(m.body_text).not.toContain(marker);
      expect(m.body_text).not.toContain(r.id);
      expect(m.body_text).not.toContain('Jugendamt');
    }
  });
});

describe('centre keys in the database', () => {
  it('a centre’s scope reads only its own key; another centre’s only in a forwarding transaction', async () => {
    const r = await sendReferral(t.app, centreA);
    await sendReferral(t.app, centreB);
    const keysSeen = (scope: Parameters<typeof withScope>[1]) =>
      withScope(t.database.db, scope, async (trx) =>
        (await trx.selectFrom('referral_centre_key').select('centre_id').execute()).map((k) => k.centre_id).sort(),
      );
    expect(await keysSeen({ kind: 'centre', centreId: centreA })).toEqual([centreA]);
    expect(await keysSeen({ kind: 'centre', centreId: centreA, forwarding: r.id })).toEqual([centreA, centreB].sort());
    expect(await keysSeen({ kind: 'coordination' })).toEqual([]);
    expect(await keysSeen({ kind: 'admin' })).toEqual([]);
  });
});
