/**
 * The library's search and walls on both databases (migrations/0033): the
 * German folding, the text search in German and English, the trigram
 * fallback for compounds ranked below real matches, and who reads what.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../platform/db/index.ts';
import { withScope, type Scope, type Tx } from '../../platform/db/tenant.ts';
import {
  fileOf,
  insertEdition,
  insertVersion,
  insertWork,
  searchEditions,
  setWorkStatus,
  trigramWords,
  worksWithEditions,
  type EditionLanguage,
  type Visibility,
} from './queries.ts';

let database: Database;
const office: Scope = { kind: 'coordination' };
const anonymous: Scope = { kind: 'auth' };
const at = new Date('2026-11-02T10:00:00Z');
const run = <T>(scope: Scope, fn: (trx: Tx) => Promise<T>) => withScope(database.db, scope, fn);
const slugPrefix = `t${Date.now().toString(36)}`;

async function work(
  title: string,
  text: string,
  opts: { language?: EditionLanguage; visibility?: Visibility; publish?: boolean; summary?: string } = {},
) {
  const workId = randomUUID();
  const editionId = randomUUID();
  const versionId = randomUUID();
  await run(office, async (trx) => {
    await insertWork(trx, { id: workId, slug: `${slugPrefix}-${workId.slice(0, 8)}`, type: 'dossier', at, by: null });
    await insertEdition(trx, {
      id: editionId,
      workId,
      language: opts.language ?? 'de',
      title,
      summary: opts.summary ?? '',
      authors: 'Test',
      issued: '2026-11-01',
      licence: 'CC BY 4.0',
      visibility: opts.visibility ?? 'public',
      at,
    });
    await insertVersion(trx, {
      id: versionId,
      editionId,
      filename: 'a.pdf',
      data: Buffer.from('%PDF-1.4 test'),
      text,
      textStatus: 'read',
      at,
      by: null,
    });
    if (opts.publish ?? true) await setWorkStatus(trx, workId, 'published', at);
  });
  return { workId, editionId, versionId };
}

const titles = (hits: { title: string }[]) => hits.map((h) => h.title);
const search = (q: string, scope: Scope = anonymous) =>
  run(scope, (trx) => searchEditions(trx, { q, now: new Date() }));

let draft: Awaited<ReturnType<typeof work>>;
let members: Awaited<ReturnType<typeof work>>;

beforeAll(async () => {
  database = await testDatabase();
  await work('Querschnitt Beratung', 'Die Menschenhandelsberatung in den Ländern wächst.');
  await work('Menschenhandel im Überblick', 'Ein Überblick.', { summary: 'Zahlen zu Menschenhandel' });
  await work('Fallstudie Zwölf', 'Frau Müller berichtet über die Unterbringung.');
  await work('Trafficking report', 'Counsellors were supporting victims in shelters.', { language: 'en' });
  draft = await work('Entwurf Qualitätsgeheimnis', 'Qualitätsgeheimnis im Entwurf.', { publish: false });
  members = await work('Interne Mitgliederauswertung', 'Mitgliederauswertung Zwischenstand.', {
    visibility: 'members',
  });
});

afterAll(async () => {
  await database.close();
});

describe('German folding', () => {
  it('folds umlauts to two letters and ß to ss, other accents away, in lower case', async () => {
    const r = await sql<{
      f: string;
    }>`SELECT publication_fold('Müller Ärger Öl Straße Café ÜBER') AS f`.execute(database.db);
    expect(r.rows[0]?.f).toBe('mueller aerger oel strasse cafe ueber');
  });

  it('takes only words of four letters or more for the trigram fallback', () => {
    expect(trigramWords('zu Menschenhandel, in Bau')).toEqual(['Menschenhandel']);
  });
});

describe('search', () => {
  it('finds a word that is only inside the PDF text', async () => {
    expect(titles(await search('Unterbringung'))).toContain('Fallstudie Zwölf');
  });

  it('finds "Müller" written as "Mueller" and as "Müller"', async () => {
    expect(titles(await search('Mueller'))).toContain('Fallstudie Zwölf');
    expect(titles(await search('Müller'))).toContain('Fallstudie Zwölf');
  });

  it('finds a compound by its first part, ranked below the real matches', async () => {
    const hits = await search('Menschenhandel');
    const t = titles(hits);
    expect(t).toContain('Querschnitt Beratung');
    expect(t.indexOf('Menschenhandel im Überblick')).toBeLessThan(t.indexOf('Querschnitt Beratung'));
    expect(hits.find((h) => h.title === 'Querschnitt Beratung')?.exact).toBe(false);
    expect(hits.find((h) => h.title === 'Menschenhandel im Überblick')?.exact).toBe(true);
  });

  it('stems English editions in English', async () => {
    const hits = await search('shelter support');
    expect(titles(hits)).toContain('Trafficking report');
    expect(hits.find((h) => h.title === 'Trafficking report')?.exact).toBe(true);
  });

  it('marks the words found in the snippet', async () => {
    const hit = (await search('Unterbringung')).find((h) => h.title === 'Fallstudie Zwölf');
    expect(hit?.snippet).toContain('\u0001Unterbringung\u0002');
  });

  it('shows the public nothing of drafts and members-only editions', async () => {
    expect(await search('Qualitätsgeheimnis')).toEqual([]);
    expect(await search('Mitgliederauswertung')).toEqual([]);
    expect(titles(await search('Mitgliederauswertung', { kind: 'centre', centreId: randomUUID() }))).toContain(
      'Interne Mitgliederauswertung',
    );
  });
});

describe('walls', () => {
  it('the anonymous scope reads no draft and no members-only file', async () => {
    expect(await run(anonymous, (trx) => fileOf(trx, draft.versionId))).toBeNull();
    expect(await run(anonymous, (trx) => fileOf(trx, members.versionId))).toBeNull();
    expect(await run(anonymous, (trx) => worksWithEditions(trx, { workId: draft.workId }))).toEqual([]);
    const seen = await run(anonymous, (trx) => worksWithEditions(trx, { workId: members.workId }));
    expect(seen[0]?.editions).toEqual([]);
  });

  it('a centre reads members-only files of published works, not drafts', async () => {
    const centre: Scope = { kind: 'centre', centreId: randomUUID() };
    expect(await run(centre, (trx) => fileOf(trx, members.versionId))).not.toBeNull();
    expect(await run(centre, (trx) => fileOf(trx, draft.versionId))).toBeNull();
  });

  it('only the office and administrators write', async () => {
    for (const scope of [anonymous, { kind: 'centre', centreId: randomUUID() } as Scope]) {
      await expect(
        run(scope, (trx) =>
          insertWork(trx, { id: randomUUID(), slug: `${slugPrefix}-x${scope.kind}`, type: 'report', at, by: null }),
        ),
      ).rejects.toThrow();
      await expect(run(scope, (trx) => setWorkStatus(trx, draft.workId, 'published', at))).resolves.toBe(false);
    }
  });
});

describe('without a query', () => {
  it('lists the newest published public editions', async () => {
    const hits = await run(anonymous, (trx) => searchEditions(trx, { q: '', now: new Date() }));
    expect(hits.length).toBeGreaterThan(0);
    expect(titles(hits)).not.toContain('Interne Mitgliederauswertung');
  });

  it('filters by type and language', async () => {
    const en = await run(anonymous, (trx) => searchEditions(trx, { q: '', language: 'en', now: new Date() }));
    expect(en.every((h) => h.language === 'en')).toBe(true);
    const reports = await run(anonymous, (trx) => searchEditions(trx, { q: 'an', type: 'report', now: new Date() }));
    expect(reports.every((h) => h.type === 'report')).toBe(true);
  });
});
