/**
 * The library over HTTP, on both databases: the office uploads a PDF and
 * publishes it, the public search finds a word that is only inside the
 * PDF; a renamed text file and a file over 20 MB are refused with a clear
 * message and nothing written; members-only files reach signed-in members
 * only; the Atom feed parses; the page carries Dublin Core and schema.org.
 */
import { randomBytes } from 'node:crypto';
import { parseFeed } from '@rowanmanning/feed-parser';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { createCentre, createUser, fakeClock, postAs, signIn, type Session } from '../../../test/support/auth.ts';
import { FILE_FIELD } from '../../platform/http/upload.ts';
import { makePdf } from './make-pdf.ts';

const clock = fakeClock(new Date('2026-11-20T09:00:00Z'));
const t = appForFile({}, { clock });

let office: Session;
let counsellor: Session;

function multipartBody(fields: Record<string, string>, file?: { name: string; type: string; data: Buffer }) {
  const boundary = `----pub${randomBytes(8).toString('hex')}`;
  const parts: Buffer[] = [];
  for (const [k, v] of Object.entries(fields))
    parts.push(Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`));
  if (file)
    parts.push(
      Buffer.from(
        `--${boundary}\r\nContent-Disposition: form-data; name="${FILE_FIELD}"; filename="${file.name}"\r\nContent-Type: ${file.type}\r\n\r\n`,
      ),
      file.data,
      Buffer.from('\r\n'),
    );
  parts.push(Buffer.from(`--${boundary}--\r\n`));
  return { headers: { 'content-type': `multipart/form-data; boundary=${boundary}` }, payload: Buffer.concat(parts) };
}

const edition = (o: Record<string, string> = {}) => ({
  type: 'policy_paper',
  language: 'de',
  title: 'Testpapier Beratungspraxis',
  summary: 'Empfehlungen aus der Praxis.',
  authors: 'Netzwerkbüro',
  issued: '2026-11-15',
  licence: 'CC BY 4.0',
  visibility: 'public',
  ...o,
});

function upload(
  s: Session,
  url: string,
  fields: Record<string, string>,
  file?: { name: string; type: string; data: Buffer },
  lang = 'de',
) {
  const body = multipartBody({ _csrf: s.csrf, ...fields }, file);
  return t.app.inject({
    method: 'POST',
    url: `/${lang}${url}`,
    headers: { ...body.headers, cookie: s.cookie },
    payload: body.payload,
  });
}

async function count(table: 'publication_work' | 'publication_version' | 'publication_file') {
  const r = await sql<{ n: string }>`SELECT count(*) AS n FROM ${sql.table(table)}`.execute(t.database.db);
  return Number(r.rows[0]?.n);
}

const pdfFile = async (paragraphs: string[], name = 'papier.pdf') => ({
  name,
  type: 'application/pdf',
  data: await makePdf('Testpapier', paragraphs),
});

/** Create a work through the form; its id from the redirect. */
async function create(fields: Record<string, string>, paragraphs: string[]): Promise<string> {
  const res = await upload(office, '/staff/publications', edition(fields), await pdfFile(paragraphs));
  expect(res.statusCode, res.body).toBe(303);
  const id = /\/staff\/publications\/([0-9a-f-]{36})\?done=created&text=read$/.exec(res.headers.location ?? '')?.[1];
  expect(id).toBeDefined();
  return id!;
}

const publish = (workId: string, status = 'published') =>
  postAs(t.app, office, `/de/staff/publications/${workId}/status`, { status });

async function versionIds(workId: string): Promise<string[]> {
  const r = await sql<{ id: string }>`
    SELECT v.id FROM publication_version v JOIN publication_edition e ON e.id = v.edition_id
    WHERE e.work_id = ${workId} ORDER BY v.version`.execute(t.database.db);
  return r.rows.map((x) => x.id);
}

async function slugOf(workId: string): Promise<string> {
  const r = await sql<{ slug: string }>`SELECT slug FROM publication_work WHERE id = ${workId}`.execute(t.database.db);
  return r.rows[0]!.slug;
}

const search = (q: string, lang = 'de') =>
  t.app.inject({ method: 'GET', url: `/${lang}/publications?q=${encodeURIComponent(q)}` });

let publicWork: string;
let membersWork: string;

beforeAll(async () => {
  const centre = await createCentre(t.app, 'Beratung Bibliothek');
  office = await signIn(t.app, await createUser(t.app, { role: 'coordination' }));
  counsellor = await signIn(t.app, await createUser(t.app, { role: 'counsellor', centreId: centre }));
  publicWork = await create({}, [
    'Die Zusammenarbeit mit der Ausländerbehörde verlangt ein Schutzkonzept.',
    'Frau Müller leitet die Menschenhandelsberatung in Quellstadt.',
  ]);
  membersWork = await create({ title: 'Interne Auswertung', visibility: 'members', type: 'report' }, [
    'Vertrauliche Zwischenergebnisse zur Kooperationsvereinbarung.',
  ]);
});

describe('office uploads and publishes', () => {
  it('stores the PDF as a draft the public does not find yet', async () => {
    expect((await search('Ausländerbehörde')).body).not.toContain('Testpapier Beratungspraxis');
    const page = await t.app.inject({
      method: 'GET',
      url: `/de/staff/publications/${publicWork}`,
      headers: { cookie: office.cookie },
    });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Testpapier Beratungspraxis');
    expect(page.body).toContain('Entwurf');
  });

  it('after publishing, the search finds a word that is only inside the PDF, and the publishing is audited', async () => {
    expect((await publish(publicWork)).statusCode).toBe(303);
    expect((await publish(membersWork)).statusCode).toBe(303);
    const res = await search('Ausländerbehörde');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Testpapier Beratungspraxis');
    expect(res.body).toContain('<mark>Ausländerbehörde</mark>');
    const audited = await sql<{ object_id: string }>`
      SELECT object_id FROM audit_log WHERE event = 'publication.published_done'`.execute(t.database.db);
    expect(audited.rows.map((r) => r.object_id)).toContain(publicWork);
  });

  it('finds a compound by its first part and Müller spelt either way', async () => {
    for (const q of ['Menschenhandel', 'Mueller', 'Müller'])
      expect((await search(q)).body).toContain('Testpapier Beratungspraxis');
  });

  it('stems an English edition in English', async () => {
    const res = await upload(
      office,
      `/staff/publications/${publicWork}/editions`,
      edition({ language: 'en', title: 'Counselling practice paper', type: '' }),
      await pdfFile(['Counsellors are supporting survivors in safe shelters.']),
    );
    // `type` belongs to the work, not an edition: an unknown field is refused
    expect(res.statusCode).toBe(400);
    const { type: _type, ...fields } = edition({ language: 'en', title: 'Counselling practice paper' });
    const ok = await upload(
      office,
      `/staff/publications/${publicWork}/editions`,
      fields,
      await pdfFile(['Counsellors are supporting survivors in safe shelters.']),
    );
    expect(ok.statusCode, ok.body).toBe(303);
    const hits = await search('shelter support', 'en');
    expect(hits.body).toContain('Counselling practice paper');
  });

  it('a new version becomes the current one and the search follows its text', async () => {
    const [first] = await versionIds(publicWork);
    const editionId = (
      await sql<{ edition_id: string }>`SELECT edition_id FROM publication_version WHERE id = ${first!}`.execute(
        t.database.db,
      )
    ).rows[0]!.edition_id;
    const res = await upload(
      office,
      `/staff/publications/editions/${editionId}/versions`,
      {},
      await pdfFile(['Die zweite Fassung nennt die Opferentschädigung.', 'Frau Müller bleibt.']),
    );
    expect(res.statusCode, res.body).toBe(303);
    expect((await search('Opferentschädigung')).body).toContain('Testpapier Beratungspraxis');
    expect((await search('Ausländerbehörde')).body).not.toContain('Testpapier Beratungspraxis');
  });

  it('serves the public page with Dublin Core and schema.org, and the PDF with safe headers', async () => {
    const slug = await slugOf(publicWork);
    const page = await t.app.inject({ method: 'GET', url: `/de/publications/${slug}` });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('<meta name="DC.title" content="Testpapier Beratungspraxis"');
    expect(page.body).toContain('<meta name="DC.date" content="2026-11-15"');
    expect(page.body).toContain('itemtype="https://schema.org/Report"');
    expect(page.headers['set-cookie']).toBeUndefined();
    const [id] = await versionIds(publicWork);
    const file = await t.app.inject({ method: 'GET', url: `/de/publications/files/${id}` });
    expect(file.statusCode).toBe(200);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.headers['x-content-type-options']).toBe('nosniff');
    expect(file.headers['content-disposition']).toBe('attachment; filename="papier.pdf"');
    expect(file.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
  });
});

describe('refusals', () => {
  it('refuses a text file renamed to .pdf, with a message, writing nothing', async () => {
    const before = await Promise.all([count('publication_work'), count('publication_version')]);
    const res = await upload(office, '/staff/publications', edition(), {
      name: 'bericht.pdf',
      type: 'application/pdf',
      data: Buffer.from('Das ist nur Text, keine PDF.\n'.repeat(20)),
    });
    expect(res.statusCode).toBe(415);
    expect(res.body).toContain('Diese Datei ist keine PDF-Datei.');
    const en = await upload(
      office,
      '/staff/publications',
      edition(),
      { name: 'report.pdf', type: 'application/pdf', data: Buffer.from('plain text') },
      'en',
    );
    expect(en.body).toContain('This file is not a PDF.');
    expect(await Promise.all([count('publication_work'), count('publication_version')])).toEqual(before);
  });

  it('refuses a file over 20 MB with 413 and a message, writing nothing', async () => {
    const before = await Promise.all([count('publication_work'), count('publication_file')]);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(21 * 1024 * 1024, 'a')]);
    const res = await upload(office, '/staff/publications', edition(), {
      name: 'gross.pdf',
      type: 'application/pdf',
      data: big,
    });
    expect(res.statusCode).toBe(413);
    expect(res.body).toContain('Die Datei ist größer als 20 MB.');
    expect(await Promise.all([count('publication_work'), count('publication_file')])).toEqual(before);
  });

  it('refuses a form without a file, and bad metadata, with the reasons', async () => {
    const none = await upload(office, '/staff/publications', edition());
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Bitte wählen Sie eine PDF-Datei aus.');
    const bad = await upload(
      office,
      '/staff/publications',
      edition({ title: '', issued: '15.11.2026' }),
      await pdfFile(['x']),
    );
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Titel');
  });

  it('stores a PDF without text and says so', async () => {
    const empty = await makePdf('', []);
    const res = await upload(office, '/staff/publications', edition({ title: 'Scan ohne Text' }), {
      name: 'scan.pdf',
      type: 'application/pdf',
      data: empty,
    });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(/text=none$/);
    const page = await t.app.inject({ method: 'GET', url: res.headers.location!, headers: { cookie: office.cookie } });
    expect(page.body).toContain('In dieser PDF steht kein lesbarer Text');
  });

  it('lets neither centre staff nor the public write', async () => {
    const res = await upload(counsellor, '/staff/publications', edition(), await pdfFile(['x']));
    expect(res.statusCode).toBe(404);
    const anon = await t.app.inject({
      method: 'POST',
      url: `/de/staff/publications/${publicWork}/status`,
      payload: {},
    });
    expect([303, 401, 403]).toContain(anon.statusCode);
  });
});

describe('members-only', () => {
  it('is not found for the public: page, search and file', async () => {
    const slug = await slugOf(membersWork);
    expect((await t.app.inject({ method: 'GET', url: `/de/publications/${slug}` })).statusCode).toBe(404);
    expect((await search('Kooperationsvereinbarung')).body).not.toContain('Interne Auswertung');
    const [id] = await versionIds(membersWork);
    expect((await t.app.inject({ method: 'GET', url: `/de/publications/files/${id}` })).statusCode).toBe(404);
    // and not through the staff route without a session
    const staff = await t.app.inject({ method: 'GET', url: `/de/staff/publications/files/${id}` });
    expect(staff.statusCode).not.toBe(200);
    expect(staff.headers['content-type']).not.toBe('application/pdf');
  });

  it('reaches a signed-in centre member through the staff area', async () => {
    const [id] = await versionIds(membersWork);
    const res = await t.app.inject({
      method: 'GET',
      url: `/de/staff/publications/files/${id}`,
      headers: { cookie: counsellor.cookie },
    });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('application/pdf');
  });

  it('a withdrawn work disappears from the public and the centres', async () => {
    expect((await publish(membersWork, 'draft')).statusCode).toBe(303);
    const [id] = await versionIds(membersWork);
    const res = await t.app.inject({
      method: 'GET',
      url: `/de/staff/publications/files/${id}`,
      headers: { cookie: counsellor.cookie },
    });
    expect(res.statusCode).toBe(404);
  });
});

describe('Atom feed', () => {
  it('lists the published works and parses', async () => {
    const res = await t.app.inject({ method: 'GET', url: '/en/publications/feed.atom' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('application/atom+xml');
    const feed = parseFeed(res.body);
    expect(feed.title).toBe("The network's publications");
    const titles = feed.items.map((i) => i.title);
    expect(titles).toContain('Counselling practice paper');
    expect(titles).not.toContain('Interne Auswertung');
  });
});
