/**
 * The walls of migrations/0027 in the database itself, on both databases:
 * a publication never changes and is never deleted (not even by the
 * coordination scope that wrote it), only the coordination scope writes
 * one, only for a closed year, only as the next version and only with a
 * passing audit; internal publications are invisible outside the
 * coordination scope, public ones visible everywhere. An internal version
 * is protected against the public ones the office reads beside it. And
 * publish.ts, which protects outside any transaction, stores nothing when
 * another version (of either audience) was stored, or the year reopened —
 * and perhaps closed again — while it was protecting.
 */
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { withScope, type Scope } from '../../platform/db/tenant.ts';
import { appForFile } from '../../../test/support/app.ts';
import { fakeClock } from '../../../test/support/auth.ts';
import { ENGINE, NOTHING_SEEN, protectYear, type StatisticsEngine } from './compute.ts';
import { audit } from './engine/audit.ts';
import type { ProtectedCatalogue } from './engine/types.ts';
import type { Cells } from './present.ts';
import { networkRows } from './queries/counts.ts';
import { insertPublication, type NewPublication } from './queries/publications.ts';
import { cellsOf, parseStoredTables } from './stored.ts';
import {
  addRecords,
  closeYear,
  demoCentreIds,
  openYear,
  publishAs,
  publishedTestYear,
  reopenYear,
  variedRecords,
} from './test-fixtures.ts';

const clock = fakeClock(new Date('2026-03-02T09:00:00Z'));
const t = appForFile({}, { clock });
let publicId: string;
let internalId: string;

beforeAll(async () => {
  publicId = (await publishedTestYear(t.app, 2021)).publicationId;
  // The same year's records, published a second time for the network.
  internalId = (await publishedTestYear(t.app, 2021, { audience: 'internal', perCentre: 0 })).publicationId;
}, 120_000);

const scoped = <T>(scope: Scope, fn: Parameters<typeof withScope<T>>[2]) => withScope(t.app.database.db, scope, fn);
const COORDINATION: Scope = { kind: 'coordination' };

function row(o: Partial<NewPublication> = {}): NewPublication {
  return {
    id: randomUUID(),
    year: 2021,
    audience: 'public',
    version: 2,
    threshold: 10,
    tables: [{ id: 'total', cells: { total: 160 } }],
    audit: { ok: true, threshold: 10, suppressed: 0, narrowest: null, solver: 'highs' },
    publishedBy: null,
    publishedAt: new Date('2026-03-02T10:00:00Z'),
    ...o,
  };
}

/** The error a statement ends with (the transaction rolls back). */
async function failure(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (err) {
    return String((err as Error).message);
  }
  return 'no error';
}

describe('statistics publications in the database', () => {
  it('were written by the real pipeline, one per audience', async () => {
    const rows = await scoped(COORDINATION, (trx) =>
      trx
        .selectFrom('statistics_publication')
        .select(['id', 'audience', 'version', 'threshold'])
        .where('year', '=', 2021)
        .execute(),
    );
    expect(rows.map((r) => [r.audience, r.version, r.threshold]).sort()).toEqual([
      ['internal', 1, 5],
      ['public', 1, 10],
    ]);
  });

  it('never change and are never deleted, even by the coordination scope', async () => {
    const update = await failure(() =>
      scoped(COORDINATION, (trx) =>
        trx.updateTable('statistics_publication').set({ threshold: 5 }).where('id', '=', publicId).execute(),
      ),
    );
    // The application role has no UPDATE or DELETE grant; the trigger stands behind it for the owner.
    expect(update).toMatch(/permission denied|never changes/);
    const del = await failure(() =>
      scoped(COORDINATION, (trx) => trx.deleteFrom('statistics_publication').where('id', '=', publicId).execute()),
    );
    expect(del).toMatch(/permission denied|never changes/);
    // The owner (migrations, the operator) is stopped by the trigger.
    const ownerUpdate = await failure(() =>
      t.app.database.db.transaction().execute(async (trx) => {
        await sql`SELECT set_config('app.scope', 'coordination', true)`.execute(trx);
        await trx.updateTable('statistics_publication').set({ threshold: 5 }).where('id', '=', publicId).execute();
      }),
    );
    expect(ownerUpdate).toMatch(/never changes/);
    const ownerDelete = await failure(() =>
      t.app.database.db.transaction().execute(async (trx) => {
        await sql`SELECT set_config('app.scope', 'coordination', true)`.execute(trx);
        await trx.deleteFrom('statistics_publication').where('id', '=', publicId).execute();
      }),
    );
    expect(ownerDelete).toMatch(/never changes/);
    const truncate = await failure(() => sql`TRUNCATE statistics_publication`.execute(t.app.database.db));
    expect(truncate).toMatch(/never deleted/);
    const still = await scoped(COORDINATION, (trx) =>
      trx.selectFrom('statistics_publication').select('threshold').where('id', '=', publicId).executeTakeFirst(),
    );
    expect(still?.threshold).toBe(10);
  });

  it('are written by the coordination scope only', async () => {
    for (const scope of [
      { kind: 'admin' },
      { kind: 'auth' },
      { kind: 'centre', centreId: demoCentreIds(1, 1)[0]! },
      { kind: 'retention' },
    ] as Scope[]) {
      const err = await failure(() => scoped(scope, (trx) => insertPublication(trx, row())));
      // Refused by the policy, or first by the trigger where the scope cannot even see the year.
      expect(err, scope.kind).toMatch(/row-level security|only while the year is closed/);
    }
    await scoped(COORDINATION, (trx) => insertPublication(trx, row()));
  });

  it('only for a closed year, only as the next version, only with a passing audit', async () => {
    await openYear(t.app, 2022);
    expect(
      await failure(() => scoped(COORDINATION, (trx) => insertPublication(trx, row({ year: 2022, version: 1 })))),
    ).toMatch(/only while the year is closed/);
    await closeYear(t.app, 2022);
    expect(
      await failure(() => scoped(COORDINATION, (trx) => insertPublication(trx, row({ year: 2022, version: 2 })))),
    ).toMatch(/not the next version/);
    expect(
      await failure(() =>
        scoped(COORDINATION, (trx) =>
          insertPublication(
            trx,
            row({ year: 2022, version: 1, audit: { ok: false } as unknown as NewPublication['audit'] }),
          ),
        ),
      ),
    ).toMatch(/audit_check/);
    expect(
      await failure(() =>
        scoped(COORDINATION, (trx) => insertPublication(trx, row({ year: 2022, version: 1, threshold: 5 }))),
      ),
    ).toMatch(/statistics_publication_check/);
    await scoped(COORDINATION, (trx) => insertPublication(trx, row({ year: 2022, version: 1 })));
  });

  it('internal ones are seen by the coordination scope only; public ones by everyone', async () => {
    const seen = async (scope: Scope) =>
      (
        await scoped(scope, (trx) =>
          trx.selectFrom('statistics_publication').select('id').where('id', 'in', [publicId, internalId]).execute(),
        )
      )
        .map((r) => r.id)
        .sort();
    expect(await seen(COORDINATION)).toEqual([publicId, internalId].sort());
    for (const scope of [
      { kind: 'auth' },
      { kind: 'admin' },
      { kind: 'centre', centreId: demoCentreIds(1, 1)[0]! },
    ] as Scope[])
      expect(await seen(scope), scope.kind).toEqual([publicId]);
    // Without any scope (the plain application role): fail closed for internal ones.
    const plain = await t.app.database.db.transaction().execute(async (trx) => {
      await sql`SET LOCAL ROLE schutznetz_app`.execute(trx);
      return trx.selectFrom('statistics_publication').select('id').where('id', 'in', [publicId, internalId]).execute();
    });
    expect(plain.map((r) => r.id)).toEqual([publicId]);
  });
});

describe('the internal version beside the public one', () => {
  /** The stored cells of 2021's first version for `audience`: both written by the real pipeline in beforeAll. */
  const storedCells = async (audience: 'public' | 'internal'): Promise<Cells> => {
    const r = await scoped(COORDINATION, (trx) =>
      trx
        .selectFrom('statistics_publication')
        .select('tables')
        .where('year', '=', 2021)
        .where('audience', '=', audience)
        .where('version', '=', 1)
        .executeTakeFirstOrThrow(),
    );
    return cellsOf(parseStoredTables(r.tables));
  };

  /**
   * The office's attack on internal tables `internal`: every cell they keep
   * secret is a variable, every value they publish and every value the
   * public version published is a constant; audited at the internal threshold.
   */
  const attack = (internal: Cells, pub: Cells) => {
    const cells: Record<string, ProtectedCatalogue['cells'][string]> = {};
    const knownFromEarlier: Record<string, number> = {};
    for (const [k, v] of Object.entries(internal)) {
      cells[k] = v === null ? { status: 'suppressed', reason: 'secondary' } : { status: 'published', value: v };
      const seen = pub[k];
      if (v === null && typeof seen === 'number') knownFromEarlier[k] = seen;
    }
    return audit({ version: 1, threshold: 5, cells, knownFromEarlier, groupDisclosures: [] });
  };

  it('protected alone, the internal tables would give a secret cell away to the office; as published, they do not', async () => {
    const pub = await storedCells('public');
    // The same counts protected for the network without the public version, as before.
    const rows = await scoped(COORDINATION, (trx) => networkRows(trx, 2021));
    const alone = await protectYear(ENGINE, rows, 5, NOTHING_SEEN);
    if (alone.kind !== 'passed') throw new Error(`expected the internal tables alone to pass: ${alone.kind}`);
    const broken = await attack(alone.cells, pub);
    expect(broken.ok).toBe(false);
    const narrow = broken.cells.filter((c) => c.max - c.min < 5);
    expect(narrow.length).toBeGreaterThan(0);

    // What publish.ts stored for the network was protected against the public version.
    const stored = await storedCells('internal');
    expect(stored).not.toEqual(alone.cells);
    const held = await attack(stored, pub);
    expect(held.failing).toEqual([]);
    expect(held.ok).toBe(true);
  });
});

describe('publishing while someone else acts on the year', () => {
  /** The real engine; after protecting, `meanwhile` runs: what another person does while the audit takes its time. */
  const interrupted = (meanwhile: () => Promise<unknown>): StatisticsEngine => ({
    protect: async (counts, threshold, earlier) => {
      const p = await ENGINE.protect(counts, threshold, earlier);
      await meanwhile();
      return p;
    },
    audit: (p) => ENGINE.audit(p),
  });

  async function closedYear(year: number) {
    await openYear(t.app, year);
    for (const [k, c] of demoCentreIds(1, 4).entries()) await addRecords(t.app, c, variedRecords(c, year, 30, k * 3));
    await closeYear(t.app, year);
  }

  const stored = (year: number) =>
    scoped(COORDINATION, (trx) =>
      trx.selectFrom('statistics_publication').select(['version', 'audience']).where('year', '=', year).execute(),
    );

  /** The audit rows of stored publications of `year`. */
  const published = (year: number) =>
    scoped({ kind: 'admin' }, (trx) =>
      trx
        .selectFrom('audit_log')
        .select('details')
        .where('event', '=', 'statistics.published_done')
        .where(sql<string>`details->>'year'`, '=', String(year))
        .execute(),
    );

  const refusals = (year: number) =>
    scoped({ kind: 'admin' }, (trx) =>
      trx
        .selectFrom('audit_log')
        .select('details')
        .where('event', '=', 'statistics.publish_refused')
        .where('object_id', '=', String(year))
        .execute(),
    ).then((rows) => rows.map((r) => r.details));

  it('a version stored meanwhile was not protected against: refused as concurrent, only the refusal written', async () => {
    await closedYear(2019);
    const outcome = await publishAs(
      t.app,
      2019,
      'public',
      interrupted(() => publishAs(t.app, 2019, 'public')),
    );
    expect(outcome).toEqual({ kind: 'refused', reason: 'concurrent' });
    expect(await stored(2019)).toEqual([{ version: 1, audience: 'public' }]);
    expect(await refusals(2019)).toEqual([{ year: 2019, audience: 'public', reason: 'concurrent' }]);
  });

  it('the year reopened and closed again meanwhile: refused, only the refusal written', async () => {
    await closedYear(2017);
    const outcome = await publishAs(
      t.app,
      2017,
      'public',
      interrupted(async () => {
        // A correction: reopened, one more record, closed again — a new closing time.
        clock.advance(60_000);
        await reopenYear(t.app, 2017);
        const c = demoCentreIds(1, 1)[0]!;
        await addRecords(t.app, c, variedRecords(c, 2017, 1, 40));
        clock.advance(60_000);
        await closeYear(t.app, 2017);
      }),
    );
    expect(outcome).toEqual({ kind: 'refused', reason: 'reopened' });
    expect(await stored(2017)).toEqual([]);
    expect(await refusals(2017)).toEqual([{ year: 2017, audience: 'public', reason: 'reopened' }]);
    expect(await published(2017)).toEqual([]);
    // Published again now, it counts the corrected year.
    expect(await publishAs(t.app, 2017, 'public')).toMatchObject({ kind: 'published', version: 1 });
  });

  it('a public version stored while the internal one is protected: refused as concurrent', async () => {
    await closedYear(2016);
    const outcome = await publishAs(
      t.app,
      2016,
      'internal',
      interrupted(() => publishAs(t.app, 2016, 'public')),
    );
    // The internal tables were not protected against that public version, which the office reads too.
    expect(outcome).toEqual({ kind: 'refused', reason: 'concurrent' });
    expect(await stored(2016)).toEqual([{ version: 1, audience: 'public' }]);
    expect(await refusals(2016)).toEqual([{ year: 2016, audience: 'internal', reason: 'concurrent' }]);
    expect(await publishAs(t.app, 2016, 'internal')).toMatchObject({ kind: 'published', version: 1 });
  });

  it('the year reopened meanwhile: refused, nothing stored', async () => {
    await closedYear(2020);
    const outcome = await publishAs(
      t.app,
      2020,
      'internal',
      interrupted(() => reopenYear(t.app, 2020)),
    );
    expect(outcome).toEqual({ kind: 'refused', reason: 'yearOpen' });
    expect(await stored(2020)).toEqual([]);
    expect(await refusals(2020)).toEqual([{ year: 2020, audience: 'internal', reason: 'yearOpen' }]);
  });
});
