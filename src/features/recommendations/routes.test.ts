/**
 * The recommendations tracker over HTTP: the office creates, sources,
 * records both status tracks, links evidence, publishes and merges; the
 * public list filters (400 on an unknown value), the page shows both
 * tracks' timeline, the CSV is spreadsheet-safe; drafts stay invisible;
 * every other role is refused with nothing changed. Runs on both databases.
 */
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { withScope, type Scope } from '../../platform/db/tenant.ts';
import { auditRows, demoCentre, get, post, signedIn, type Staff } from '../centre-entry/testing.ts';

let coordination: Staff;
let admin: Staff;
let lead: Staff;
let counsellor: Staff;

const t = appForFile();
beforeAll(async () => {
  const centre = demoCentre('stuttgart');
  coordination = await signedIn(t.app, 'coordination');
  admin = await signedIn(t.app, 'admin');
  lead = await signedIn(t.app, 'centre_lead', centre.id);
  counsellor = await signedIn(t.app, 'counsellor', centre.id);
});

const count = (
  table: 'recommendation' | 'recommendation_status' | 'recommendation_evidence' | 'recommendation_source',
) =>
  withScope(t.app.database.db, { kind: 'admin' }, async (trx) =>
    Number(
      (
        await trx
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    ),
  );

const form = (slug: string, change: Record<string, string | string[]> = {}) => ({
  slug,
  title: `Empfehlung ${slug}`,
  challenge: 'Betroffene werden in Erstaufnahmeeinrichtungen selten erkannt.',
  body: 'Alle Einrichtungen führen ein Verfahren zur Früherkennung ein.',
  addressee_kind: 'state_ministry',
  addressee_name: 'Innenministerien der Länder',
  themes: ['identification', 'accommodation'],
  affected_groups: 'women',
  ...change,
});

/** Create a recommendation as the office and return its id. */
async function create(slug: string, change: Record<string, string | string[]> = {}): Promise<string> {
  const res = await post(t.app, coordination, '/de/staff/recommendations/new', form(slug, change));
  expect(res.statusCode, res.body).toBe(303);
  const id = /\/staff\/recommendations\/([0-9a-f-]{36})\?done=created$/.exec(res.headers.location as string)?.[1];
  expect(id).toBeDefined();
  return id!;
}

let first: string;
let second: string;

describe('the office keeps recommendations', () => {
  it('creates one with sources, both tracks and evidence, and it stays invisible until published', async () => {
    first = await create('test-erkennung-aufnahme');
    const base = `/de/staff/recommendations/${first}`;
    expect(
      (
        await post(t.app, coordination, `${base}/sources`, {
          source_kind: 'network_dossier',
          strength: 'urge',
          title: 'Dossier 2025',
          reference: 'Kapitel 3',
          url: 'https://example.org/dossier',
          issued_on: '2025-03-01',
        })
      ).statusCode,
    ).toBe(303);
    for (const [track, status, stated_on] of [
      ['addressee', 'no_response', '2025-05-01'],
      ['assessment', 'not_started', '2025-05-02'],
      ['assessment', 'in_progress', '2026-02-01'],
    ] as const) {
      const res = await post(t.app, coordination, `${base}/statuses`, {
        track,
        status,
        stated_on,
        source: `Schreiben vom ${stated_on}`,
        note: '',
      });
      expect(res.statusCode, res.body).toBe(303);
    }
    const ev = await post(t.app, coordination, `${base}/evidence`, {
      kind: 'external',
      support: 'Zeigt, wie selten Betroffene erkannt werden.',
      external_title: 'GRETA-Bericht, dritte Runde',
      external_reference: 'Abs. 112',
      external_url: 'https://example.org/greta',
    });
    expect(ev.statusCode, ev.body).toBe(303);
    const stat = await post(t.app, coordination, `${base}/evidence`, {
      kind: 'statistics_table',
      support: 'Die Fallzahlen nach Aufenthaltsstatus.',
      statistics_year: '2025',
      statistics_table: 'residence_status_first',
    });
    expect(stat.statusCode, stat.body).toBe(303);

    expect((await get(t.app, null, '/de/recommendations/test-erkennung-aufnahme')).statusCode).toBe(404);
    expect((await get(t.app, null, '/de/recommendations')).body).not.toContain('test-erkennung-aufnahme');
    expect((await post(t.app, coordination, `${base}/publish`)).statusCode).toBe(303);
    expect((await auditRows(t.app, 'recommendation.published_done')).filter((r) => r.object_id === first)).toHaveLength(
      1,
    );
    expect(
      (await auditRows(t.app, 'recommendation.status_added_done')).filter((r) => r.object_id === first),
    ).toHaveLength(3);
  });

  it('shows both statuses side by side in the list and the timeline of both tracks on the page', async () => {
    const list = await get(t.app, null, '/de/recommendations');
    expect(list.statusCode).toBe(200);
    expect(list.headers['set-cookie']).toBeUndefined();
    expect(list.body).toContain('/de/recommendations/test-erkennung-aufnahme');
    expect(list.body).toContain('keine Antwort');
    expect(list.body).toContain('in Arbeit');
    const page = await get(t.app, null, '/de/recommendations/test-erkennung-aufnahme');
    expect(page.statusCode).toBe(200);
    expect(page.headers['set-cookie']).toBeUndefined();
    const timeline = /<ol class="timeline"[^>]*>(.*?)<\/ol>/s.exec(page.body)?.[1] ?? '';
    // Newest first, both tracks.
    expect(timeline.indexOf('2026-02-01')).toBeLessThan(timeline.indexOf('2025-05-02'));
    expect(timeline).toContain('nicht begonnen');
    expect(timeline).toContain('keine Antwort');
    expect(page.body).toContain('fordert nachdrücklich');
    expect(page.body).toContain('Zeigt, wie selten Betroffene erkannt werden.');
    expect(page.body).toContain('href="/de/statistics/2025#table-residence_status_first"');
  });

  it('filters by the GET query and refuses an unknown value with a 400 and a message', async () => {
    second = await create('test-jugendamt-einbinden', {
      addressee_kind: 'youth_welfare_office',
      themes: 'child_protection',
    });
    await post(t.app, coordination, `/de/staff/recommendations/${second}/publish`);
    const all = await get(t.app, null, '/de/recommendations');
    expect(all.body).toContain('test-jugendamt-einbinden');
    const kids = await get(t.app, null, '/de/recommendations?addressee=youth_welfare_office&theme=&assessment=');
    expect(kids.body).toContain('test-jugendamt-einbinden');
    expect(kids.body).not.toContain('test-erkennung-aufnahme');
    const progress = await get(t.app, null, '/de/recommendations?assessment=in_progress');
    expect(progress.body).toContain('test-erkennung-aufnahme');
    expect(progress.body).not.toContain('test-jugendamt-einbinden');
    const bySource = await get(t.app, null, '/de/recommendations?source=network_dossier');
    expect(bySource.body).not.toContain('test-jugendamt-einbinden');
    for (const q of ['addressee=kaiser', 'assessment=done', 'theme=%3Cscript%3E', 'colour=red']) {
      const res = await get(t.app, null, `/de/recommendations?${q}`);
      expect(res.statusCode, q).toBe(400);
      expect(res.body.length).toBeGreaterThan(0);
    }
    expect((await get(t.app, null, '/de/recommendations.csv?group=kings')).statusCode).toBe(400);
  });

  it('exports the filtered list as spreadsheet-safe CSV', async () => {
    await post(
      t.app,
      coordination,
      `/de/staff/recommendations/${second}`,
      form('test-jugendamt-einbinden', {
        title: '=HYPERLINK("https://evil.example","klick")',
        addressee_kind: 'youth_welfare_office',
      }),
    );
    const res = await get(t.app, null, '/de/recommendations.csv?addressee=youth_welfare_office');
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toContain('text/csv');
    expect(res.headers['set-cookie']).toBeUndefined();
    const rows = (parse(res.body.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[]).filter((r) =>
      r.slug!.startsWith('test-'),
    );
    expect(rows).toHaveLength(1);
    expect(rows[0]!.slug).toBe('test-jugendamt-einbinden');
    expect(rows[0]!.title).toBe(`'=HYPERLINK("https://evil.example","klick")`);
    expect(rows[0]!.addressee_kind).toBe('youth_welfare_office');
    const both = parse((await get(t.app, null, '/de/recommendations.csv')).body.replace(/^\uFEFF/, ''), {
      columns: true,
    }) as Record<string, string>[];
    const f = both.find((r) => r.slug === 'test-erkennung-aufnahme');
    expect(f?.assessment_status).toBe('in_progress');
    expect(f?.response_status).toBe('no_response');
  });

  it('merges: the sources move with their strength, the merged page redirects with 301, audited', async () => {
    await post(t.app, coordination, `/de/staff/recommendations/${second}/sources`, {
      source_kind: 'greta_report',
      strength: 'consider',
      title: 'GRETA, dritte Runde',
    });
    const res = await post(t.app, coordination, `/de/staff/recommendations/${first}/merge`, { merged: second });
    expect(res.statusCode, res.body).toBe(303);
    const moved = await get(t.app, null, '/en/recommendations/test-jugendamt-einbinden');
    expect(moved.statusCode).toBe(301);
    expect(moved.headers.location).toBe('/en/recommendations/test-erkennung-aufnahme');
    const kept = await get(t.app, null, '/de/recommendations/test-erkennung-aufnahme');
    expect(kept.body).toContain('GRETA, dritte Runde');
    expect(kept.body).toContain('regt an zu prüfen');
    expect(kept.body).toContain('fordert nachdrücklich');
    expect((await get(t.app, null, '/de/recommendations')).body).not.toContain('test-jugendamt-einbinden');
    expect(await auditRows(t.app, 'recommendation.merged_done')).toEqual([
      expect.objectContaining({
        object_id: second,
        details: expect.objectContaining({ kept: first, sources_moved: 1 }),
      }),
    ]);
    // Merging again, or into itself, is nothing to find.
    expect(
      (await post(t.app, coordination, `/de/staff/recommendations/${first}/merge`, { merged: second })).statusCode,
    ).toBe(404);
    expect(
      (await post(t.app, coordination, `/de/staff/recommendations/${first}/merge`, { merged: first })).statusCode,
    ).toBe(404);
  });

  it('refuses bad input with a 4xx and writes nothing', async () => {
    const before = await count('recommendation_status');
    const base = `/de/staff/recommendations/${first}`;
    const bad: Record<string, string>[] = [
      { track: 'assessment', status: 'declined', stated_on: '2026-01-01', source: 'x' }, // the other track's status
      { track: 'assessment', status: 'partly', stated_on: '2026-02-30', source: 'x' },
      { track: 'assessment', status: 'partly', stated_on: '2026-01-01', source: '' },
      { track: 'assessment', status: 'partly', stated_on: '2026-01-01', source: 'x', url: 'javascript:alert(1)' },
      { track: 'assessment', status: 'partly', stated_on: '2026-01-01', source: 'x', extra: '1' },
    ];
    for (const body of bad) {
      expect((await post(t.app, coordination, `${base}/statuses`, body)).statusCode, JSON.stringify(body)).toBe(400);
    }
    expect(await count('recommendation_status')).toBe(before);
    expect((await post(t.app, coordination, `${base}/evidence`, { kind: 'external', support: 'x' })).statusCode).toBe(
      400,
    );
    expect(
      (await post(t.app, coordination, `${base}/evidence`, { kind: 'survey', support: 'x', external_title: 'y' }))
        .statusCode,
    ).toBe(400);
    const taken = await post(t.app, coordination, '/de/staff/recommendations/new', form('test-erkennung-aufnahme'));
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('Kurzname');
    expect((await post(t.app, coordination, '/de/staff/recommendations/new', form('Nicht Erlaubt'))).statusCode).toBe(
      400,
    );
    expect((await get(t.app, coordination, '/de/staff/recommendations/not-a-uuid')).statusCode).toBe(404);
    expect((await get(t.app, null, '/de/recommendations/..%2Fstaff')).statusCode).toBe(404);
  });

  it('lets nobody else write: centre roles are refused, anonymous is sent to sign in, a cross-site post is refused', async () => {
    const before = await Promise.all([count('recommendation'), count('recommendation_status')]);
    const base = `/de/staff/recommendations/${first}`;
    const status = { track: 'assessment', status: 'implemented', stated_on: '2026-03-01', source: 'x' };
    for (const who of [lead, counsellor]) {
      expect((await get(t.app, who, '/de/staff/recommendations')).statusCode).toBe(404);
      expect((await post(t.app, who, `${base}/statuses`, status)).statusCode).toBe(404);
      expect((await post(t.app, who, '/de/staff/recommendations/new', form('eingeschmuggelt'))).statusCode).toBe(404);
      expect((await post(t.app, who, `${base}/unpublish`)).statusCode).toBe(404);
    }
    const anon = await t.app.inject({
      method: 'POST',
      url: `${base}/statuses`,
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      payload: new URLSearchParams(status).toString(),
    });
    expect(anon.statusCode).toBe(303);
    expect(String(anon.headers.location)).toMatch(/^\/de\/staff\/sign-in/);
    const forged = await post(t.app, coordination, `${base}/statuses`, { ...status, _csrf: 'forged' });
    expect(forged.statusCode).toBe(403);
    expect(await Promise.all([count('recommendation'), count('recommendation_status')])).toEqual(before);
    // An administrator may.
    expect((await post(t.app, admin, `${base}/statuses`, status)).statusCode).toBe(303);
  });

  it('row-level security refuses writes outside the office’s scopes, and shows drafts to none of them', async () => {
    const scopes: Scope[] = [{ kind: 'centre', centreId: lead.user.centreId! }, { kind: 'auth' }, { kind: 'intake' }];
    for (const scope of scopes) {
      await expect(
        withScope(t.app.database.db, scope, (trx) =>
          trx
            .insertInto('recommendation_status')
            .values({
              id: crypto.randomUUID(),
              recommendation_id: first,
              track: 'assessment',
              status: 'implemented',
              stated_on: '2026-01-01',
              source: 'x',
            })
            .execute(),
        ),
      ).rejects.toThrow(/row-level security/);
      const seen = await withScope(t.app.database.db, scope, (trx) =>
        trx.selectFrom('recommendation').select('slug').where('published', '=', false).execute(),
      );
      expect(seen).toEqual([]);
    }
    // The history is append-only even for the office: the application role may not change or remove an entry.
    await expect(
      withScope(t.app.database.db, { kind: 'coordination' }, (trx) =>
        trx.updateTable('recommendation_status').set({ status: 'implemented' }).execute(),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it('lists drafts, published and merged ones for the office', async () => {
    await create('test-entwurf-dolmetschen', { themes: 'interpreting' });
    const res = await get(t.app, coordination, '/de/staff/recommendations');
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('Entwurf');
    expect(res.body).toContain('zusammengeführt in test-erkennung-aufnahme');
    expect((await get(t.app, coordination, `/de/staff/recommendations/${first}`)).statusCode).toBe(200);
    expect((await get(t.app, null, '/de/recommendations/test-entwurf-dolmetschen')).statusCode).toBe(404);
  });
});
