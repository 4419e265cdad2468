/**
 * The site's content over HTTP, on both databases: the office writes,
 * previews, saves, schedules, publishes and withdraws a news post and a
 * page; the public sees exactly what is published and due (a draft's or a
 * scheduled post's address is a 404, the feed leaves them out); revisions
 * and their diff; the audit rows; and everyone else's attempts.
 */
import { parseFeed } from '@rowanmanning/feed-parser';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { createCentre, createUser, fakeClock, postAs, signIn, type Session } from '../../../test/support/auth.ts';

const clock = fakeClock(new Date('2026-03-02T09:00:00Z'));
const t = appForFile({}, { clock });

let office: Session;
let admin: Session;
let lead: Session;
let counsellor: Session;

const post = {
  slug: 'fachtag-2026',
  locale: 'de',
  category: 'veranstaltungen',
  title: 'Fachtag im Mai',
  summary: 'Das Netzwerk lädt zum Fachtag ein.',
  body: '## Programm\n\nVorträge und **Workshops**.\n\n<script>alert(1)</script>\n\n[Anmeldung](javascript:alert(1))',
};

async function contentEvents(): Promise<{ event: string; object_type: string; object_id: string }[]> {
  const r = await sql<{ event: string; object_type: string; object_id: string }>`
    SELECT event, object_type, object_id FROM audit_log WHERE event LIKE 'content.%' ORDER BY seq`.execute(
    t.database.db,
  );
  return r.rows;
}

const get = (url: string, session?: Session) =>
  t.app.inject({ method: 'GET', url, ...(session ? { headers: { cookie: session.cookie } } : {}) });

function idFrom(location: unknown): string {
  const m = /\/staff\/news\/([0-9a-f-]{36})\?/.exec(String(location));
  if (!m) throw new Error(`no post id in ${String(location)}`);
  return m[1]!;
}

beforeAll(async () => {
  const centre = await createCentre(t.app, 'Beratung Nord');
  office = await signIn(t.app, await createUser(t.app, { role: 'coordination' }));
  admin = await signIn(t.app, await createUser(t.app, { role: 'admin' }));
  lead = await signIn(t.app, await createUser(t.app, { role: 'centre_lead', centreId: centre }));
  counsellor = await signIn(t.app, await createUser(t.app, { role: 'counsellor', centreId: centre }));
}, 60_000);

describe('a news post from draft to public', () => {
  let id: string;

  it('previews without saving, rendering the Markdown safely', async () => {
    const res = await postAs(t.app, office, '/de/staff/news/new', { ...post, publish_at: '', intent: 'preview' });
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('<h2>Programm</h2>');
    expect(res.body).toContain('<strong>Workshops</strong>');
    expect(res.body).not.toContain('<script>alert(1)</script>');
    expect(res.body).not.toMatch(/href="javascript:/);
    const count = await sql<{ n: string }>`SELECT count(*) AS n FROM news_post WHERE slug = ${post.slug}`.execute(
      t.database.db,
    );
    expect(Number(count.rows[0]!.n)).toBe(0);
  });

  it('refuses a bad address, an unknown category and empty text, beside each field', async () => {
    const res = await postAs(t.app, office, '/de/staff/news/new', {
      ...post,
      slug: 'Fachtag 2026!',
      category: 'nope',
      title: ' ',
      publish_at: '',
      intent: 'save',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Kleinbuchstaben, Ziffern und einzelne Bindestriche');
    expect(res.body).toContain('Bitte eine Kategorie wählen.');
  });

  it('saves a draft the public cannot reach, not even by guessing its address', async () => {
    const res = await postAs(t.app, office, '/de/staff/news/new', { ...post, publish_at: '', intent: 'save' });
    expect(res.statusCode).toBe(303);
    id = idFrom(res.headers.location);
    expect((await get(`/de/news/${post.slug}`)).statusCode).toBe(404);
    expect((await get('/de/news')).body).not.toContain(post.title);
    expect((await get('/de/news/feed.atom')).body).not.toContain(post.slug);
    expect(await contentEvents()).toEqual([]);
  });

  it('refuses to schedule in the past', async () => {
    const res = await postAs(t.app, office, `/de/staff/news/${id}`, {
      ...post,
      publish_at: '2026-03-01T10:00',
      intent: 'schedule',
    });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('in der Zukunft');
  });

  it('schedules it: invisible until its time, then public, in the list and the feed', async () => {
    const res = await postAs(t.app, office, `/de/staff/news/${id}`, {
      ...post,
      publish_at: '2026-03-02T10:05',
      intent: 'schedule',
    });
    expect(res.statusCode).toBe(303);
    expect((await get(`/de/news/${post.slug}`)).statusCode).toBe(404);
    expect((await get('/de/news/feed.atom')).body).not.toContain(post.slug);
    const staffPage = await get(`/de/staff/news/${id}`, office);
    expect(staffPage.body).toContain('Geplant');

    clock.set(new Date('2026-03-02T09:05:00Z')); // 10:05 in Berlin
    const page = await get(`/de/news/${post.slug}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('Fachtag im Mai');
    expect(page.body).toContain('<h2>Programm</h2>');
    expect(page.body).not.toContain('<script>alert(1)</script>');
    expect(page.headers['set-cookie']).toBeUndefined();
    expect((await get('/de/news?category=veranstaltungen')).body).toContain('Fachtag im Mai');
    expect((await get('/de/news?category=presse')).body).not.toContain('Fachtag im Mai');

    const feedRes = await get('/de/news/feed.atom');
    expect(feedRes.headers['content-type']).toMatch(/^application\/atom\+xml/);
    const feed = parseFeed(feedRes.body);
    // Only this post is due (the demo's posts, if the database holds them, are dated after the clock).
    expect(feed.items).toHaveLength(1);
    const item = feed.items[0]!;
    expect(item.id).toBe(`${t.config.publicOrigin}/de/news/${post.slug}`);
    expect(item.url).toBe(`${t.config.publicOrigin}/de/news/${post.slug}`);
    expect(item.title).toBe('Fachtag im Mai');
    expect(item.published?.toISOString()).toBe('2026-03-02T09:05:00.000Z');
    // The typed tag is text in the HTML the entry carries.
    expect(feedRes.body).toContain('<p>&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    expect(feedRes.body).not.toContain('<script');
    expect(feedRes.body).not.toContain('href="javascript:');

    expect((await contentEvents()).map((e) => [e.event, e.object_type, e.object_id])).toEqual([
      ['content.scheduled_done', 'news_post', id],
    ]);
  });

  it('keeps a revision per change, leaves the public version until published, and shows the diff', async () => {
    const changed = { ...post, body: `${post.body}\n\nNeu: Anmeldung bis April.`, publish_at: '', intent: 'save' };
    expect((await postAs(t.app, office, `/de/staff/news/${id}`, changed)).statusCode).toBe(303);
    expect((await get(`/de/news/${post.slug}`)).body).not.toContain('Anmeldung bis April');
    const edit = await get(`/de/staff/news/${id}`, office);
    expect(edit.body).toContain('Geänderter Entwurf');
    const rev = /\/revisions\/([0-9a-f-]{36})/.exec(edit.body)![1]!;
    const diff = await get(`/de/staff/news/${id}/revisions/${rev}`, office);
    expect(diff.statusCode).toBe(200);
    expect(diff.body).toMatch(/<ins><span class="visually-hidden">\[eingefügt: <\/span>[^<]*Anmeldung bis April/);

    expect((await postAs(t.app, office, `/de/staff/news/${id}`, { ...changed, intent: 'publish' })).statusCode).toBe(
      303,
    );
    expect((await get(`/de/news/${post.slug}`)).body).toContain('Anmeldung bis April');
  });

  it('withdraws it: gone from the public, audited', async () => {
    const res = await postAs(t.app, office, `/de/staff/news/${id}`, { ...post, publish_at: '', intent: 'withdraw' });
    expect(res.statusCode).toBe(303);
    expect((await get(`/de/news/${post.slug}`)).statusCode).toBe(404);
    expect((await contentEvents()).map((e) => e.event)).toEqual([
      'content.scheduled_done',
      'content.published_done',
      'content.withdrawn_done',
    ]);
    const again = await postAs(t.app, office, `/de/staff/news/${id}`, { ...post, publish_at: '', intent: 'withdraw' });
    expect(again.statusCode).toBe(409);
  });

  it('refuses a second post with the same address', async () => {
    const res = await postAs(t.app, admin, '/de/staff/news/new', { ...post, publish_at: '', intent: 'save' });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('Diese Adresse hat schon ein anderer Beitrag.');
  });
});

describe('the office pages', () => {
  it('shows a placeholder until published, then the text; English falls back to German marked lang="de"', async () => {
    expect((await get('/de/imprint')).body).toContain('Diese Seite wird gerade vorbereitet.');
    const res = await postAs(t.app, office, '/de/staff/pages/imprint/de', {
      title: 'Impressum',
      body: 'Angaben gemäß § 5 DDG.\n\n**Demo-Verein e. V.**',
      publish_at: '',
      intent: 'publish',
    });
    expect(res.statusCode).toBe(303);
    const de = await get('/de/imprint');
    expect(de.body).toContain('<strong>Demo-Verein e. V.</strong>');
    const en = await get('/en/imprint');
    expect(en.body).toMatch(/<div lang="de"[^>]*><h1>Impressum<\/h1>/);
    expect((await contentEvents()).at(-1)).toMatchObject({
      event: 'content.published_done',
      object_type: 'office_page',
      object_id: 'imprint/de',
    });
  });

  it('404s an unknown page or language in the staff area', async () => {
    expect((await get('/de/staff/pages/secret/de', office)).statusCode).toBe(404);
    expect((await get('/de/staff/pages/imprint/fr', office)).statusCode).toBe(404);
  });
});

describe('everyone else', () => {
  it('refuses centre roles (404, as if nothing were there) and sends anonymous visitors to sign in', async () => {
    for (const who of [lead, counsellor]) {
      expect((await get('/de/staff/news', who)).statusCode).toBe(404);
      const res = await postAs(t.app, who, '/de/staff/news/new', {
        ...post,
        slug: 'x',
        publish_at: '',
        intent: 'publish',
      });
      expect(res.statusCode).toBe(404);
      const page = await postAs(t.app, who, '/de/staff/pages/imprint/de', {
        title: 'x',
        body: 'x',
        publish_at: '',
        intent: 'publish',
      });
      expect(page.statusCode).toBe(404);
    }
    expect((await get('/de/staff/news')).statusCode).toBe(303);
    const count = await sql<{ n: string }>`SELECT count(*) AS n FROM news_post WHERE slug = 'x'`.execute(t.database.db);
    expect(Number(count.rows[0]!.n)).toBe(0);
  });

  it('answers an unknown field with a 400 and a post id that does not exist with a 404', async () => {
    const res = await postAs(t.app, office, '/de/staff/news/new', {
      ...post,
      publish_at: '',
      intent: 'save',
      extra: '1',
    });
    expect(res.statusCode).toBe(400);
    expect((await get('/de/staff/news/00000000-0000-4000-8000-000000000000', office)).statusCode).toBe(404);
    expect((await get('/de/staff/news/not-a-uuid', office)).statusCode).toBe(404);
    expect((await get('/de/news?page=99')).statusCode).toBe(404);
    expect((await get('/de/news?bogus=1')).statusCode).toBe(400);
  });

  it('lets the anonymous scope read no draft row even by asking the database directly', async () => {
    const { withScope } = await import('../../platform/db/tenant.ts');
    const seen = await withScope(t.app.database.db, { kind: 'auth' }, async (trx) => ({
      posts: await trx.selectFrom('news_post').select('id').where('slug', '=', post.slug).execute(),
      revisions: await trx.selectFrom('news_revision').select('id').where('title', '=', post.title).execute(),
    }));
    // The only post of this file is withdrawn: neither it nor any of its revisions is public.
    expect(seen).toEqual({ posts: [], revisions: [] });
  });
});
