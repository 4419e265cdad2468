/**
 * Removing the demo directory once real data is in: every service marked
 * is_demo, the locations only they used, and demo organisations left
 * without services. A demo organisation that somebody gave a real service is
 * kept (deleting it would take the real service with it) and reported.
 *
 * The demo network (the tenants behind the demo entries, see
 * features/demo/network.ts) goes too: a demo centre or member organisation
 * is deleted unless something still refers to it — accounts, drafts, audit
 * history (which is append-only and must keep its centre), case records —
 * in which case it is kept and reported with the table the database named.
 * The foreign keys decide, so a table added later is covered without
 * changing this file.
 *
 * The demo's synthetic case records (features/demo/cases) are demo content
 * too and go first, or every documenting demo centre would be kept for them:
 * all case records of a demo centre that no account belongs to, since only
 * the generator can have written those (a record is written by a member of
 * its centre). A centre with accounts keeps its records, which its members
 * may have entered, and is kept with them.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../../platform/db/schema.ts';
import { setScopeSettings, type Tx } from '../../../platform/db/tenant.ts';
import { DEMO_COORDINATION_OFFICE_ID, demoMemberOrganizationId, demoNetworkCentres } from '../../demo/network.ts';
import { DEMO_ORGANIZATIONS } from '../../demo/centres.ts';
import {
  deleteDemoServices,
  deleteEmptyOrganizations,
  deleteOrphanLocations,
  remainingDemoOrganizations,
} from '../../directory/queries.ts';

type KeptCentre = {
  id: string;
  name: string;
  /** The table whose rows still refer to the centre (the one the database reported first). */
  referencedFrom: string;
  /** Its case records, kept with it. */
  caseRecords: number;
};

export type ClearDemoResult = {
  services: number;
  organizations: number;
  keptOrganizations: { id: string; name: string }[];
  centres: number;
  /** Synthetic case records deleted with the demo centres. */
  caseRecords: number;
  keptCentres: KeptCentre[];
  /**
   * The years with a public statistics publication. Publications are never
   * changed or deleted (ADR 036), so the demo's published years stay on the
   * public statistics page; the command says so.
   */
  publishedYears: number[];
};

const FOREIGN_KEY_VIOLATION = '23503';

/**
 * Delete one row unless a foreign key still points at it: whether it was
 * deleted, or the table whose rows refer to it.
 */
async function deleteUnlessReferenced(
  trx: Tx,
  run: () => Promise<{ numDeletedRows: bigint }>,
): Promise<{ deleted: boolean } | { referencedFrom: string }> {
  await sql`SAVEPOINT clear_demo_row`.execute(trx);
  try {
    const r = await run();
    await sql`RELEASE SAVEPOINT clear_demo_row`.execute(trx);
    return { deleted: r.numDeletedRows > 0n };
  } catch (err) {
    const e = err as { code?: string; table?: string };
    if (e.code !== FOREIGN_KEY_VIOLATION) throw err;
    await sql`ROLLBACK TO SAVEPOINT clear_demo_row`.execute(trx);
    return { referencedFrom: e.table ?? 'another table' };
  }
}

/**
 * Case records in the retention scope, the one that reads and deletes every
 * centre's records, closed years included (migrations/0026); a deletion also
 * moves the centre's progress counts. Both end in the admin scope.
 */
async function deleteCaseRecords(trx: Tx, centreId: string): Promise<number> {
  await setScopeSettings(trx, { kind: 'retention' });
  const r = await trx.deleteFrom('case_record').where('centre_id', '=', centreId).executeTakeFirst();
  await setScopeSettings(trx, { kind: 'admin' });
  return Number(r.numDeletedRows);
}

async function countCaseRecords(trx: Tx, centreId: string): Promise<number> {
  await setScopeSettings(trx, { kind: 'retention' });
  const r = await trx
    .selectFrom('case_record')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('centre_id', '=', centreId)
    .executeTakeFirstOrThrow();
  await setScopeSettings(trx, { kind: 'admin' });
  return Number(r.n);
}

/** The demo tenants, as the owner in the admin scope (the centre table's RLS is forced for the owner too). */
async function clearDemoNetwork(trx: Tx): Promise<Pick<ClearDemoResult, 'centres' | 'caseRecords' | 'keptCentres'>> {
  await setScopeSettings(trx, { kind: 'admin' });
  let centres = 0;
  let caseRecords = 0;
  const keptCentres: KeptCentre[] = [];
  for (const c of demoNetworkCentres()) {
    const existing = await trx.selectFrom('centre').select(['id', 'name']).where('id', '=', c.id).executeTakeFirst();
    if (!existing) continue;
    const account = await trx.selectFrom('app_user').select('id').where('centre_id', '=', c.id).executeTakeFirst();
    if (!account) caseRecords += await deleteCaseRecords(trx, c.id);
    const outcome = await deleteUnlessReferenced(trx, () =>
      trx.deleteFrom('centre').where('id', '=', c.id).executeTakeFirstOrThrow(),
    );
    if ('deleted' in outcome) {
      if (outcome.deleted) centres += 1;
    } else {
      keptCentres.push({
        ...existing,
        referencedFrom: outcome.referencedFrom,
        caseRecords: account ? await countCaseRecords(trx, c.id) : 0,
      });
    }
  }
  const orgIds = [DEMO_COORDINATION_OFFICE_ID, ...DEMO_ORGANIZATIONS.map((o) => demoMemberOrganizationId(o.key))];
  for (const id of orgIds) {
    await deleteUnlessReferenced(trx, () =>
      trx.deleteFrom('member_organization').where('id', '=', id).executeTakeFirstOrThrow(),
    );
  }
  return { centres, caseRecords, keptCentres };
}

/**
 * Delete the demo content in one transaction, as the owner (demo member
 * organisations are the owner's to delete): the directory in the import
 * scope, the tenants in the admin scope (ADR 021).
 */
export async function clearDemo(db: Kysely<DB>): Promise<ClearDemoResult> {
  return db.transaction().execute(async (trx) => {
    await setScopeSettings(trx, { kind: 'import' });
    const services = await deleteDemoServices(trx);
    await deleteOrphanLocations(trx);
    const organizations = await deleteEmptyOrganizations(trx, { demoOnly: true });
    const keptOrganizations = await remainingDemoOrganizations(trx);
    const network = await clearDemoNetwork(trx);
    // What the public statistics page shows: the public versions, as the anonymous scope reads them.
    await setScopeSettings(trx, { kind: 'auth' });
    const published = await trx
      .selectFrom('statistics_publication')
      .select('year')
      .distinct()
      .where('audience', '=', 'public')
      .orderBy('year')
      .execute();
    return { services, organizations, keptOrganizations, ...network, publishedYears: published.map((r) => r.year) };
  });
}
