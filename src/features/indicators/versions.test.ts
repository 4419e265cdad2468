/**
 * The indicator sets in the database, on both databases: the seeded first
 * versions, who reads what, and the trigger that keeps a published or
 * superseded version as it was published (migrations/0022).
 */
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../platform/db/index.ts';
import { withScope, type Scope, type Tx } from '../../platform/db/tenant.ts';
import { localise, publishProblems, textsOf, type IndicatorContent } from './content.ts';
import { guideVersion, publishedGuide } from './queries.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(async () => {
  await database.close();
});

const ADULTS_V1 = '0b7c3f0e-5a41-4d7e-9a4c-1f6e2d8b9a01';
const office: Scope = { kind: 'coordination' };
const as = <T>(scope: Scope, fn: (trx: Tx) => Promise<T>) => withScope(database.db, scope, fn);

/** A draft of the next adults version, in the coordination scope. */
async function draft(content: IndicatorContent, version: number): Promise<string> {
  const id = randomUUID();
  await as(office, (trx) =>
    trx
      .insertInto('indicator_set_version')
      .values({ id, guide: 'adults', version, content: JSON.stringify(content) })
      .execute(),
  );
  return id;
}

const remove = (id: string) =>
  as(office, (trx) => trx.deleteFrom('indicator_set_version').where('id', '=', id).executeTakeFirst());

describe('the seeded first versions', () => {
  it('publish 15 indicators per guide, every text in German and English, each with a source', async () => {
    for (const guide of ['adults', 'minors'] as const) {
      const g = await publishedGuide(database.db, guide);
      expect(g?.version).toBe(1);
      const indicators = g!.content.groups.flatMap((x) => x.indicators);
      expect(indicators).toHaveLength(15);
      expect(publishProblems(g!.content)).toEqual([]);
      for (const i of indicators) expect(i.source.length).toBeGreaterThan(5);
      expect(textsOf(g!.content).every((t) => t.text.de !== t.text.en)).toBe(true);
    }
    const adults = await publishedGuide(database.db, 'adults');
    expect(adults?.content.groups.map((g) => g.key)).toEqual([
      'deception-recruitment',
      'control-coercion',
      'economic',
      'isolation-situation',
    ]);
    expect(adults?.content.framing.de).toMatch(/keine Beweise/);
  });

  it('tell for minors that no coercion or deception needs to be shown (Art. 2(5))', async () => {
    const minors = await publishedGuide(database.db, 'minors');
    expect(minors?.content.framing.en).toMatch(/no coercion or deception needs to be shown/);
    expect(minors?.content.framing.en).toMatch(/2011\/36\/EU, Art\. 2\(5\)/);
    expect(minors?.content.framing.de).toMatch(/Art\. 2 Abs\. 5/);
  });

  it('read in a language without texts: German, each text marked as fallen back', async () => {
    const g = (await publishedGuide(database.db, 'adults'))!;
    const fr = localise(g.content, 'fr');
    expect(fr.anyFallback).toBe(true);
    expect(fr.groups[0]!.indicators[0]!.text).toEqual({
      text: g.content.groups[0]!.indicators[0]!.text.de,
      lang: 'de',
      fellBack: true,
    });
    expect(localise(g.content, 'en').anyFallback).toBe(false);
  });
});

describe('who reads which versions', () => {
  let draftId: string;
  beforeEach(async () => {
    const current = (await publishedGuide(database.db, 'adults'))!;
    draftId = await draft(current.content, 90);
    return async () => {
      await remove(draftId);
    };
  });

  it('anyone reads published versions, without a scope and in the sign-in scope; drafts nobody but the office', async () => {
    expect((await guideVersion(database.db, ADULTS_V1))?.version).toBe(1);
    expect(await as({ kind: 'auth' }, (trx) => publishedGuide(trx, 'minors'))).toBeDefined();
    // guideVersion names published versions only, whoever asks.
    expect(await as(office, (trx) => guideVersion(trx, draftId))).toBeUndefined();
    expect(await guideVersion(database.db, 'not-a-uuid')).toBeUndefined();
    const visible = (scope: Scope) =>
      as(scope, (trx) => trx.selectFrom('indicator_set_version').select('id').where('id', '=', draftId).execute());
    expect(await visible(office)).toHaveLength(1);
    expect(await visible({ kind: 'admin' })).toHaveLength(1);
    expect(await visible({ kind: 'auth' })).toHaveLength(0);
    expect(await visible({ kind: 'centre', centreId: randomUUID() })).toHaveLength(0);
  });

  it('nobody but the office writes', async () => {
    const current = (await publishedGuide(database.db, 'minors'))!;
    for (const scope of [{ kind: 'admin' }, { kind: 'auth' }, { kind: 'centre', centreId: randomUUID() }] as Scope[]) {
      await expect(
        as(scope, (trx) =>
          trx
            .insertInto('indicator_set_version')
            .values({ id: randomUUID(), guide: 'minors', version: 91, content: JSON.stringify(current.content) })
            .execute(),
        ),
      ).rejects.toThrow(/row-level security/);
      const r = await as(scope, (trx) =>
        trx
          .updateTable('indicator_set_version')
          .set({ updated_at: new Date() })
          .where('id', '=', draftId)
          .executeTakeFirst(),
      );
      expect(r.numUpdatedRows).toBe(0n);
    }
  });
});

describe('a published version never changes', () => {
  const refused = /cannot change|never change|cannot be deleted|cannot go from/;

  it('refuses to change the content, number or guide of a published version', async () => {
    const current = (await publishedGuide(database.db, 'adults'))!;
    const changed = structuredClone(current.content);
    changed.groups[0]!.indicators[0]!.text.de = 'Anders';
    const attempts = [
      { content: JSON.stringify(changed) },
      { version: 77 },
      { guide: 'minors' as const },
      { status: 'draft' as const },
    ];
    for (const set of attempts)
      await expect(
        as(office, (trx) => trx.updateTable('indicator_set_version').set(set).where('id', '=', ADULTS_V1).execute()),
      ).rejects.toThrow(refused);
    expect((await guideVersion(database.db, ADULTS_V1))?.content).toEqual(current.content);
  });

  it('refuses to delete a published version', async () => {
    await expect(remove(ADULTS_V1)).rejects.toThrow(refused);
    expect(await guideVersion(database.db, ADULTS_V1)).toBeDefined();
  });

  it('refuses a version written as published, and a second published version of a guide', async () => {
    const current = (await publishedGuide(database.db, 'adults'))!;
    await expect(
      as(office, (trx) =>
        trx
          .insertInto('indicator_set_version')
          .values({
            id: randomUUID(),
            guide: 'adults',
            version: 92,
            status: 'published',
            published_at: new Date(),
            content: JSON.stringify(current.content),
          })
          .execute(),
      ),
    ).rejects.toThrow(/starts as a draft/);
  });

  it('lets a draft be edited and discarded, freezes it in review, and keeps a superseded version frozen', async () => {
    const current = (await publishedGuide(database.db, 'adults'))!;
    const id = await draft(current.content, 93);
    const edited = structuredClone(current.content);
    edited.groups[0]!.indicators[0]!.explanation.de = 'Neu erklärt.';
    await as(office, (trx) =>
      trx
        .updateTable('indicator_set_version')
        .set({ content: JSON.stringify(edited) })
        .where('id', '=', id)
        .execute(),
    );
    await as(office, (trx) =>
      trx.updateTable('indicator_set_version').set({ status: 'in_review' }).where('id', '=', id).execute(),
    );
    await expect(
      as(office, (trx) =>
        trx
          .updateTable('indicator_set_version')
          .set({ content: JSON.stringify(current.content) })
          .where('id', '=', id)
          .execute(),
      ),
    ).rejects.toThrow(refused);
    // Publishing: the previous version is superseded first (one published per guide), in one transaction.
    await as(office, async (trx) => {
      await trx
        .updateTable('indicator_set_version')
        .set({ status: 'superseded', superseded_at: new Date() })
        .where('id', '=', ADULTS_V1)
        .execute();
      await trx
        .updateTable('indicator_set_version')
        .set({ status: 'published', published_at: new Date() })
        .where('id', '=', id)
        .execute();
    });
    expect((await publishedGuide(database.db, 'adults'))?.content).toEqual(edited);
    const old = await guideVersion(database.db, ADULTS_V1);
    expect(old).toMatchObject({ version: 1, current: false });
    await expect(remove(ADULTS_V1)).rejects.toThrow(refused);
    await expect(
      as(office, (trx) =>
        trx.updateTable('indicator_set_version').set({ status: 'published' }).where('id', '=', ADULTS_V1).execute(),
      ),
    ).rejects.toThrow(/cannot go from|indicator_set_one_published|unique/);
    // A discarded draft goes; nothing else does.
    const next = await draft(edited, 94);
    expect((await remove(next)).numDeletedRows).toBe(1n);
  });
});
