/**
 * The office edits an edition and schedules a work, over HTTP on both
 * databases: the search follows an edited title (the old one is no longer
 * found); bad input is a 400 in the reader's language with nothing
 * written; a counsellor and the anonymous get a 404; a scheduled work is
 * unknown to the public list, page, search, feed and file downloads a
 * minute before its time and there a minute after, by the request's
 * (fake) clock — and row-level security hides it too, not only the query.
 */
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { createCentre, createUser, fakeClock, postAs, signIn, type Session } from '../../../test/support/auth.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { FILE_FIELD } from '../../platform/http/upload.ts';
import { makePdf } from './make-pdf.ts';
import { atRequestTime } from './queries.ts';

// Ahead of the real time: a policy that fell back on the database's own
// clock would keep the scheduled work hidden after its time.
const START = new Date('2027-03-02T09:00:00Z'); // 10:00 in Berlin (CET)
const clock = fakeClock(START);
const t = appForFile({}, { clock });

let office: Session;
let counsellor: Session;
let workId: string;
let editionId: string;
let versionId: string;
let slug: string;

async function create(title: string, words: string): Promise<string> {
  const boundary = `----pub${randomBytes(8).toString('hex')}`;
  const fields = {
    _csrf: office.csrf,
    type: 'dossier',
    language: 'de',
    title,
    summary: 'Kurzfassung für die Planung.',
    authors: 'Netzwerkbüro',
    issued: '2027-02-20',
    licence: 'CC BY 4.0',
    visibility: 'public',
  };
  const parts: Buffer[] = Object.entries(fields).map(([k, v]) =>
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`),
  );
  parts.push(
    Buffer.from(
      `--${boundary}\r\nContent-Disposition: form-data; name="${FILE_FIELD}"; filename="plan.pdf"\r\nContent-Type: application/pdf\r\n\r\n`,
    ),
    // The PDF's own heading differs from the title: the old title must vanish from the search.
    await makePdf('Lagebericht', [words]),
    Buffer.from(`\r\n--${boundary}--\r\n`),
  );
  const res = await t.app.inject({
    method: 'POST',
    url: '/de/staff/publications',
    headers: { 'content-type': `multipart/form-data; boundary=${boundary}`, cookie: office.cookie },
    payload: Buffer.concat(parts),
  });
  expect(res.statusCode, res.body).toBe(303);
  return /\/staff\/publications\/([0-9a-f-]{36})\?/.exec(res.headers.location ?? '')![1]!;
}

const search = (q: string) => t.app.inject({ method: 'GET', url: `/de/publications?q=${encodeURIComponent(q)}` });
const get = (url: string, s?: Session) => t.app.inject({ method: 'GET', url, headers: s ? { cookie: s.cookie } : {} });

const editFields = (o: Record<string, string> = {}) => ({
  type: 'report',
  title: 'Lagebild Arbeitsausbeutung 2027',
  summary: 'Neue Kurzfassung.',
  authors: 'Netzwerkbüro, Fachgruppe Arbeit',
  issued: '2027-02-21',
  licence: 'CC BY-SA 4.0',
  visibility: 'public',
  ...o,
});

async function row() {
  const r = await sql<{ title: string; type: string; status: string; published_at: Date | null }>`
    SELECT e.title, w.type, w.status, w.published_at FROM publication_edition e
    JOIN publication_work w ON w.id = e.work_id WHERE e.id = ${editionId}`.execute(t.database.db);
  return r.rows[0]!;
}

async function auditCount(event: string) {
  const r = await sql<{ n: string }>`SELECT count(*) AS n FROM audit_log WHERE event = ${event}`.execute(t.database.db);
  return Number(r.rows[0]!.n);
}

beforeAll(async () => {
  const centre = await createCentre(t.app, 'Beratung Planung');
  office = await signIn(t.app, await createUser(t.app, { role: 'coordination' }));
  counsellor = await signIn(t.app, await createUser(t.app, { role: 'counsellor', centreId: centre }));
  workId = await create('Entwurf Lagebild Zwangsprostitution', 'Im Inneren steht das Wort Saisonarbeitskräfte.');
  const r = await sql<{ edition_id: string; version_id: string; slug: string }>`
    SELECT e.id AS edition_id, v.id AS version_id, w.slug FROM publication_work w
    JOIN publication_edition e ON e.work_id = w.id JOIN publication_version v ON v.edition_id = e.id
    WHERE w.id = ${workId}`.execute(t.database.db);
  ({ edition_id: editionId, version_id: versionId, slug } = r.rows[0]!);
});

describe('the office edits an edition', () => {
  it('shows the form filled with the edition', async () => {
    const res = await get(`/de/staff/publications/editions/${editionId}/edit`, office);
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('value="Entwurf Lagebild Zwangsprostitution"');
    expect(res.body).toContain('Änderungen speichern');
  });

  it('refuses bad input with 400 in the reader’s language, writing nothing', async () => {
    const before = await auditCount('publication.edition_edited_done');
    const de = await postAs(
      t.app,
      office,
      `/de/staff/publications/editions/${editionId}/edit`,
      editFields({ title: '' }),
    );
    expect(de.statusCode).toBe(400);
    expect(de.body).toContain('Titel');
    const en = await postAs(
      t.app,
      office,
      `/en/staff/publications/editions/${editionId}/edit`,
      editFields({ issued: '21.02.2027', title: 'x'.repeat(301) }),
    );
    expect(en.statusCode).toBe(400);
    expect(en.body).toContain('Please check your entries');
    const unknown = await postAs(t.app, office, `/de/staff/publications/editions/${editionId}/edit`, {
      ...editFields(),
      language: 'en',
    });
    expect(unknown.statusCode).toBe(400);
    const type = await postAs(
      t.app,
      office,
      `/de/staff/publications/editions/${editionId}/edit`,
      editFields({ type: 'novel' }),
    );
    expect(type.statusCode).toBe(400);
    expect((await row()).title).toBe('Entwurf Lagebild Zwangsprostitution');
    expect((await row()).type).toBe('dossier');
    expect(await auditCount('publication.edition_edited_done')).toBe(before);
  });

  it('is a 404 for a counsellor, the anonymous and an unknown edition', async () => {
    const url = `/de/staff/publications/editions/${editionId}/edit`;
    expect((await get(url, counsellor)).statusCode).toBe(404);
    expect((await postAs(t.app, counsellor, url, editFields())).statusCode).toBe(404);
    const anon = await t.app.inject({ method: 'POST', url, payload: editFields() });
    // Refused before the handler (no session: to the sign-in, or the CSRF check).
    expect(anon.statusCode).not.toBe(200);
    const unknown = '00000000-0000-4000-8000-000000000000';
    expect(
      (await postAs(t.app, office, `/de/staff/publications/editions/${unknown}/edit`, editFields())).statusCode,
    ).toBe(404);
    expect((await row()).title).toBe('Entwurf Lagebild Zwangsprostitution');
  });

  it('saves the details and the type, audited, and the search follows the new title', async () => {
    await postAs(t.app, office, `/de/staff/publications/${workId}/status`, { status: 'published' });
    expect((await search('Zwangsprostitution')).body).toContain('Entwurf Lagebild Zwangsprostitution');
    const res = await postAs(t.app, office, `/de/staff/publications/editions/${editionId}/edit`, editFields());
    expect(res.statusCode, res.body).toBe(303);
    expect(res.headers.location).toBe(`/de/staff/publications/${workId}?done=edited`);
    expect(await row()).toMatchObject({ title: 'Lagebild Arbeitsausbeutung 2027', type: 'report' });
    const found = await search('Arbeitsausbeutung');
    expect(found.body).toContain('Lagebild Arbeitsausbeutung 2027');
    const old = await search('Zwangsprostitution');
    expect(old.body).not.toContain('Lagebild');
    // The PDF's text is still searchable after the edit.
    expect((await search('Saisonarbeitskräfte')).body).toContain('Lagebild Arbeitsausbeutung 2027');
    const audited = await sql<{ details: unknown }>`
      SELECT details FROM audit_log WHERE event = 'publication.edition_edited_done' AND object_id = ${editionId}`.execute(
      t.database.db,
    );
    expect(audited.rows).toHaveLength(1);
    expect(JSON.stringify(audited.rows[0]!.details)).toContain('title');
    // Sending the same again changes nothing and logs nothing.
    const again = await postAs(t.app, office, `/de/staff/publications/editions/${editionId}/edit`, editFields());
    expect(again.headers.location).toBe(`/de/staff/publications/${workId}?done=unchanged`);
    expect(await auditCount('publication.edition_edited_done')).toBe(1);
  });
});

describe('the office schedules a work', () => {
  const feed = () => get('/de/publications/feed.atom');
  const publicEverywhere = async () => {
    const [list, page, hit, atom, file] = await Promise.all([
      get('/de/publications'),
      get(`/de/publications/${slug}`),
      search('Arbeitsausbeutung'),
      feed(),
      get(`/de/publications/files/${versionId}`),
    ]);
    return {
      list: list.body.includes('Lagebild Arbeitsausbeutung 2027'),
      page: page.statusCode,
      search: hit.body.includes('Lagebild Arbeitsausbeutung 2027'),
      feed: atom.body.includes('Lagebild Arbeitsausbeutung 2027'),
      file: file.statusCode,
    };
  };

  it('refuses a time in the past or no time, with the reason, changing nothing', async () => {
    await postAs(t.app, office, `/de/staff/publications/${workId}/status`, { status: 'draft' });
    for (const publish_at of ['2027-03-02T09:59', '', '2027-02-30T10:00', 'morgen']) {
      const res = await postAs(t.app, office, `/de/staff/publications/${workId}/schedule`, { publish_at });
      expect(res.statusCode).toBe(400);
      expect(res.body).toContain('in der Zukunft');
    }
    expect((await row()).status).toBe('draft');
    const counsellorTry = await postAs(t.app, counsellor, `/de/staff/publications/${workId}/schedule`, {
      publish_at: '2027-03-02T11:00',
    });
    expect(counsellorTry.statusCode).toBe(404);
    expect((await row()).status).toBe('draft');
  });

  it('is invisible to the public a minute before its Berlin time and visible a minute after', async () => {
    const res = await postAs(t.app, office, `/de/staff/publications/${workId}/schedule`, {
      publish_at: '2027-03-02T11:00',
    });
    expect(res.statusCode, res.body).toBe(303);
    expect((await row()).published_at?.toISOString()).toBe('2027-03-02T10:00:00.000Z');
    expect(await auditCount('publication.scheduled_done')).toBe(1);
    const staff = await get(`/de/staff/publications/${workId}`, office);
    expect(staff.body).toContain('Geplant: öffentlich ab 2027-03-02 11:00');

    clock.set(new Date('2027-03-02T09:59:00Z'));
    expect(await publicEverywhere()).toEqual({ list: false, page: 404, search: false, feed: false, file: 404 });

    clock.set(new Date('2027-03-02T10:01:00Z'));
    expect(await publicEverywhere()).toEqual({ list: true, page: 200, search: true, feed: true, file: 200 });
  });

  it('row-level security hides it before its time, not only the query', async () => {
    const seen = (now: Date) =>
      withScope(t.database.db, { kind: 'auth' }, (trx) =>
        atRequestTime(trx, now, async (x) => {
          const w = await sql<{ n: string }>`SELECT count(*) AS n FROM publication_work WHERE id = ${workId}`.execute(
            x,
          );
          const f = await sql<{
            n: string;
          }>`SELECT count(*) AS n FROM publication_file WHERE version_id = ${versionId}`.execute(x);
          return [Number(w.rows[0]!.n), Number(f.rows[0]!.n)];
        }),
      );
    expect(await seen(new Date('2027-03-02T09:59:00Z'))).toEqual([0, 0]);
    expect(await seen(new Date('2027-03-02T10:01:00Z'))).toEqual([1, 1]);
  });

  it('“publish now” makes a scheduled work public at once, audited', async () => {
    clock.set(START);
    await postAs(t.app, office, `/de/staff/publications/${workId}/schedule`, { publish_at: '2027-03-03T08:00' });
    expect((await publicEverywhere()).page).toBe(404);
    const before = await auditCount('publication.published_done');
    const res = await postAs(t.app, office, `/de/staff/publications/${workId}/status`, { status: 'published' });
    expect(res.statusCode).toBe(303);
    expect((await row()).published_at?.toISOString()).toBe(START.toISOString());
    expect(await auditCount('publication.published_done')).toBe(before + 1);
    expect((await publicEverywhere()).page).toBe(200);
  });
});
