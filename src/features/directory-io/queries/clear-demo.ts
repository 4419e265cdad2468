/**
 * Removing the demo directory once real data is in: every service marked
 * is_demo, the locations only they used, and demo organisations left
 * without services. A demo organisation that somebody gave a real service is
 * kept (deleting it would take the real service with it) and reported.
 *
 * The demo network (the tenants behind the demo entries, see
 * features/demo/network.ts) goes too: a demo centre or member organisation
 * is deleted unless something still refers to it — accounts, drafts, audit
 * history (which is append-only and must keep its centre) — in which case it
 * is kept and reported. The foreign keys decide, so a table added later is
 * covered without changing this file.
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

export type ClearDemoResult = {
  services: number;
  organizations: number;
  keptOrganizations: { id: string; name: string }[];
  centres: number;
  keptCentres: { id: string; name: string }[];
};

const FOREIGN_KEY_VIOLATION = '23503';

/** Delete one row unless a foreign key still points at it; true when deleted. */
async function deleteUnlessReferenced(trx: Tx, run: () => Promise<{ numDeletedRows: bigint }>): Promise<boolean> {
  await sql`SAVEPOINT clear_demo_row`.execute(trx);
  try {
    const r = await run();
    await sql`RELEASE SAVEPOINT clear_demo_row`.execute(trx);
    return r.numDeletedRows > 0n;
  } catch (err) {
    if ((err as { code?: string }).code !== FOREIGN_KEY_VIOLATION) throw err;
    await sql`ROLLBACK TO SAVEPOINT clear_demo_row`.execute(trx);
    return false;
  }
}

/** The demo tenants, as the owner in the admin scope (the centre table's RLS is forced for the owner too). */
async function clearDemoNetwork(trx: Tx): Promise<Pick<ClearDemoResult, 'centres' | 'keptCentres'>> {
  await setScopeSettings(trx, { kind: 'admin' });
  let centres = 0;
  const keptCentres: { id: string; name: string }[] = [];
  for (const c of demoNetworkCentres()) {
    const existing = await trx.selectFrom('centre').select(['id', 'name']).where('id', '=', c.id).executeTakeFirst();
    if (!existing) continue;
    if (
      await deleteUnlessReferenced(trx, () => trx.deleteFrom('centre').where('id', '=', c.id).executeTakeFirstOrThrow())
    )
      centres += 1;
    else keptCentres.push(existing);
  }
  const orgIds = [DEMO_COORDINATION_OFFICE_ID, ...DEMO_ORGANIZATIONS.map((o) => demoMemberOrganizationId(o.key))];
  for (const id of orgIds) {
    await deleteUnlessReferenced(trx, () =>
      trx.deleteFrom('member_organization').where('id', '=', id).executeTakeFirstOrThrow(),
    );
  }
  return { centres, keptCentres };
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
    return { services, organizations, keptOrganizations, ...network };
  });
}
