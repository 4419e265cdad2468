/**
 * migrations/0030 on records the CHECK of migrations/0026 let through: a
 * "complete" record with a list not answered at all (NULL) becomes a draft
 * again, its release withdrawn, in an open and in a closed year, with its
 * centre's progress counts moved; every other record stays as it was. Run as
 * an owner that is no superuser (the production set-up, docs/security.md,
 * section 9), so that the forced row-level security applies to it. Runs on
 * both databases.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { appForFile } from '../../../test/support/app.ts';
import { createCentre } from '../../../test/support/auth.ts';
import { MIGRATIONS_DIR } from '../../platform/db/migrate.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { storeRecords } from '../reporting-years/test-fixtures.ts';

const MIGRATION = fs.readFileSync(path.join(MIGRATIONS_DIR, '0030_case_record_complete_lists.sql'), 'utf8');

/** The complete-record CHECK as migrations/0026 created it (the state 0030 finds). */
const CHECK_0026 = `CHECK (status = 'draft' OR (
    first_contact_year IS NOT NULL AND first_contact_quarter IS NOT NULL AND consent_statistics IS NOT NULL
    AND possibly_counted_elsewhere IS NOT NULL AND trafficking_status IS NOT NULL AND gender IS NOT NULL
    AND (age_unknown OR age_at_first_contact IS NOT NULL) AND minor_at_exploitation IS NOT NULL
    AND unaccompanied_minor IS NOT NULL AND citizenship IS NOT NULL
    AND cardinality(country_of_recruitment) > 0 AND cardinality(country_of_exploitation) > 0
    AND cardinality(exploitation_forms) > 0 AND ('labour' <> ALL (exploitation_forms) OR labour_sector IS NOT NULL)
    AND means_of_control IS NOT NULL AND recruiter_relation IS NOT NULL AND first_contact_online IS NOT NULL
    AND cardinality(exploitation_timing) > 0 AND asylum_stage IS NOT NULL AND residence_status_first IS NOT NULL
    AND residence_status_end IS NOT NULL AND referral_source IS NOT NULL AND criminal_proceedings IS NOT NULL
    AND cardinality(support_provided) > 0))`;

const t = appForFile();
const CLOSED = 2012;
const OPEN = 2013;
const releasedAt = new Date(`${CLOSED}-12-01T10:00:00Z`);
let centre: string;
let ids: Record<'nullForms' | 'nullSupportReleased' | 'nullTiming' | 'full' | 'fullReleased' | 'draft', string>;

type Row = { id: string; status: string; released_at: Date | null; updated_at: Date };

beforeAll(async () => {
  const db = t.app.database.db;
  centre = await createCentre(t.app, 'Beratung Altbestand');
  // The state before 0030: its CHECK back in place of the new one.
  await sql
    .raw(
      `ALTER TABLE case_record DROP CONSTRAINT case_record_complete,
    ADD CONSTRAINT case_record_check6 ${CHECK_0026}`,
    )
    .execute(db);
  await withScope(db, { kind: 'coordination' }, (trx) =>
    trx
      .insertInto('reporting_year')
      .values({ year: CLOSED, status: 'open', release_deadline: `${CLOSED + 1}-03-31`, opened_at: new Date() })
      .execute(),
  );
  const [nullSupportReleased, fullReleased] = await storeRecords(t.app, centre, CLOSED, [
    { support_provided: null, released_at: releasedAt },
    { released_at: releasedAt },
  ]);
  const [nullForms, nullTiming, full, draft] = await storeRecords(t.app, centre, OPEN, [
    { exploitation_forms: null },
    { exploitation_timing: null, consent_statistics: false },
    {},
    { status: 'draft', country_of_exploitation: null },
  ]);
  ids = {
    nullForms: nullForms!,
    nullSupportReleased: nullSupportReleased!,
    nullTiming: nullTiming!,
    full: full!,
    fullReleased: fullReleased!,
    draft: draft!,
  };
  await withScope(db, { kind: 'coordination' }, (trx) =>
    trx
      .updateTable('reporting_year')
      .set({ status: 'closed', closed_at: new Date() })
      .where('year', '=', CLOSED)
      .execute(),
  );
});

/** Runs 0030 as a non-superuser owner of case_record, then reads what it left, and rolls everything back. */
async function migrated() {
  const owner = `schutznetz_owner_t${randomBytes(5).toString('hex')}`;
  const rollback = new Error('rollback');
  let seen:
    | {
        before: Row[];
        after: Row[];
        progress: unknown[];
        kept: { year: number; n: number }[];
        recount: unknown[];
        scope: string | null;
        forced: boolean;
        checks: string[];
      }
    | undefined;
  await t.app.database.db
    .transaction()
    .execute(async (trx) => {
      const rows = async () =>
        (
          await sql<Row>`SELECT id, status, released_at, updated_at FROM case_record
                         WHERE centre_id = ${centre} ORDER BY id`.execute(trx)
        ).rows;
      const before = await rows();
      // What the migrating owner has in production: the table, and the grants of an ordinary role elsewhere.
      await sql.raw(`CREATE ROLE ${owner} NOLOGIN NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE`).execute(trx);
      await sql.raw(`ALTER TABLE case_record OWNER TO ${owner}`).execute(trx);
      await sql.raw(`GRANT SELECT ON reporting_year, country_region TO ${owner}`).execute(trx);
      await sql.raw(`GRANT SELECT, INSERT, UPDATE ON case_record_progress TO ${owner}`).execute(trx);
      // The kept cells' writers' policies name the application role, which the migrating role is granted.
      await sql.raw(`GRANT SELECT, INSERT, UPDATE, DELETE ON case_statistics_cell TO ${owner}`).execute(trx);
      await sql.raw(`GRANT schutznetz_app TO ${owner}`).execute(trx);
      await sql.raw(`SET LOCAL ROLE ${owner}`).execute(trx);
      await sql.raw(MIGRATION).execute(trx);
      await sql.raw('RESET ROLE').execute(trx);
      seen = {
        before,
        after: await rows(),
        kept: (
          await sql<{ year: number; n: number }>`SELECT year, n FROM case_statistics_cell
                    WHERE centre_id = ${centre} AND dim_a = 'total' ORDER BY year`.execute(trx)
        ).rows,
        progress: (
          await sql`SELECT year, drafts, unreleased, unanswered FROM case_record_progress
                    WHERE centre_id = ${centre} ORDER BY year`.execute(trx)
        ).rows,
        // What the counts must be: each record's share, summed afresh.
        recount: (
          await sql`SELECT first_contact_year AS year, sum(c[1])::int AS drafts, sum(c[2])::int AS unreleased,
                           sum(c[3])::int AS unanswered
                    FROM (SELECT first_contact_year, case_record_progress_of(r, 1) AS c FROM case_record r
                          WHERE r.centre_id = ${centre}) x
                    GROUP BY 1 ORDER BY 1`.execute(trx)
        ).rows,
        scope: (await sql<{ s: string | null }>`SELECT current_setting('app.scope', true) AS s`.execute(trx)).rows[0]!
          .s,
        forced: (
          await sql<{
            f: boolean;
          }>`SELECT relforcerowsecurity AS f FROM pg_class WHERE oid = 'case_record'::regclass`.execute(trx)
        ).rows[0]!.f,
        checks: (
          await sql<{ name: string }>`SELECT conname AS name FROM pg_constraint
                                      WHERE conrelid = 'case_record'::regclass AND conname IN ('case_record_check6', 'case_record_complete')`.execute(
            trx,
          )
        ).rows.map((r) => r.name),
      };
      throw rollback;
    })
    .catch((err: unknown) => {
      if (err !== rollback) throw err;
    });
  return seen!;
}

describe('migrations/0030 on complete records with a NULL list', () => {
  it('makes them drafts again, withdraws their release, and leaves every other record alone', async () => {
    const { before, after } = await migrated();
    const was = new Map(before.map((r) => [r.id, r]));
    const now = new Map(after.map((r) => [r.id, r]));
    expect(before.length).toBe(6);
    for (const id of [ids.nullForms, ids.nullSupportReleased, ids.nullTiming]) {
      expect(now.get(id)).toMatchObject({ status: 'draft', released_at: null });
      expect(now.get(id)!.updated_at.getTime()).toBeGreaterThan(was.get(id)!.updated_at.getTime());
    }
    expect(was.get(ids.nullSupportReleased)!.released_at).toEqual(releasedAt);
    for (const id of [ids.full, ids.fullReleased, ids.draft]) expect(now.get(id)).toEqual(was.get(id));
  });

  it('moves the centre’s progress counts with them, in the closed year too', async () => {
    const { progress, recount } = await migrated();
    expect(progress).toEqual(recount);
    expect(progress).toEqual([
      // The released record of the closed year: a consented draft now, its list still to answer.
      { year: CLOSED, drafts: 1, unreleased: 0, unanswered: 1 },
      // Before: the draft, and two consented unreleased records (the complete one and the one without forms).
      { year: OPEN, drafts: 3, unreleased: 1, unanswered: 2 },
    ]);
  });

  it('takes the records it makes drafts out of the kept statistics', async () => {
    // Of the closed year's two released records only the one with every list answered still counts.
    expect((await migrated()).kept).toEqual([{ year: CLOSED, n: 1 }]);
  });

  it('resets the scope, forces the row-level security again, and puts the new CHECK in place of the old', async () => {
    const { scope, forced, checks } = await migrated();
    expect(scope).toBe('');
    expect(forced).toBe(true);
    // That it refuses such records: src/features/reporting-years/progress.test.ts.
    expect(checks).toEqual(['case_record_complete']);
  });
});
