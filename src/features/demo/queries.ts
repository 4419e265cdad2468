/**
 * The demo content's writes: installation flags, stale demo entries of older
 * releases, and the demo network (coordination office, member organisations,
 * centres) behind the demo entries.
 */
import { sql, type Insertable, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { enterScope, type Tx } from '../../platform/db/tenant.ts';
import {
  deleteDemoServices,
  deleteEmptyOrganizations,
  deleteOrphanLocations,
  demoServicesExcept,
  existingServiceIds,
  locationsOfServices,
} from '../directory/queries.ts';
import { DEMO_ORGANIZATIONS } from './centres.ts';
import {
  DEMO_COORDINATION_OFFICE_ID,
  DEMO_COORDINATION_OFFICE_NAME,
  demoMemberOrganizationId,
  demoNetworkCentres,
} from './network.ts';

export async function flagIsSet(trx: Transaction<DB>, name: string): Promise<boolean> {
  return (
    (await trx.selectFrom('platform_flag').select('name').where('name', '=', name).executeTakeFirst()) !== undefined
  );
}

export async function setFlag(trx: Transaction<DB>, name: string): Promise<void> {
  await trx
    .insertInto('platform_flag')
    .values({ name })
    .onConflict((oc) => oc.column('name').doNothing())
    .execute();
}

/**
 * May this connection write member organisations and installation flags?
 * Only the owner may; the application role may only read them.
 */
export async function mayWriteNetworkTables(trx: Transaction<DB>): Promise<boolean> {
  const r = await sql<{ ok: boolean }>`
    SELECT has_table_privilege('member_organization', 'INSERT') AND has_table_privilege('platform_flag', 'INSERT') AS ok`.execute(
    trx,
  );
  return r.rows[0]?.ok === true;
}

/**
 * Demo services an older release wrote that this release no longer has
 * would otherwise stay forever. Only rows marked is_demo are touched, and
 * the locations those services used.
 */
export async function removeStaleDemo(trx: Transaction<DB>, keep: string[]): Promise<void> {
  const ids = await demoServicesExcept(trx, keep);
  if (ids.length === 0) return;
  const locations = await locationsOfServices(trx, ids);
  await deleteDemoServices(trx, ids);
  await deleteOrphanLocations(trx, locations);
  await deleteEmptyOrganizations(trx, { demoOnly: true });
}

/**
 * Create or update the demo network inside the caller's transaction, which
 * must run as the owner (migration) role and must already hold the demo
 * directory entries (centres reference their services).
 *
 * Member organisations are written as the owner: the application role may
 * only read them. The centres are written in the network scope because the
 * centre table's row-level security is forced even for the owner. The
 * transaction stays in that scope afterwards, so call this last.
 *
 * An installation that already has a (real) coordination office keeps it:
 * there can be only one, and demo content must never replace real data.
 */
export async function seedDemoNetwork(trx: Tx): Promise<void> {
  const existing = await trx
    .selectFrom('member_organization')
    .select('id')
    .where('is_coordination', '=', true)
    .executeTakeFirst();
  if (!existing || existing.id === DEMO_COORDINATION_OFFICE_ID) {
    await trx
      .insertInto('member_organization')
      .values({ id: DEMO_COORDINATION_OFFICE_ID, name: DEMO_COORDINATION_OFFICE_NAME, is_coordination: true })
      .onConflict((oc) => oc.column('id').doUpdateSet({ name: DEMO_COORDINATION_OFFICE_NAME }))
      .execute();
  }
  const orgs: Insertable<DB['member_organization']>[] = DEMO_ORGANIZATIONS.map((o) => ({
    id: demoMemberOrganizationId(o.key),
    name: o.name,
    is_coordination: false,
  }));
  await trx
    .insertInto('member_organization')
    .values(orgs)
    .onConflict((oc) => oc.column('id').doUpdateSet({ name: (eb) => eb.ref('excluded.name') }))
    .execute();

  await enterScope(trx, { kind: 'network' });
  const centres = demoNetworkCentres();
  // A centre whose demo service was removed (directory clear-demo) must not
  // point at a missing row; link only services that exist.
  const services = await existingServiceIds(
    trx,
    centres.map((c) => c.serviceId),
  );
  await trx
    .insertInto('centre')
    .values(
      centres.map((c) => ({
        id: c.id,
        member_organization_id: c.memberOrganizationId,
        name: c.name,
        service_id: services.has(c.serviceId) ? c.serviceId : null,
      })),
    )
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        member_organization_id: (eb) => eb.ref('excluded.member_organization_id'),
        name: (eb) => eb.ref('excluded.name'),
        service_id: (eb) => eb.ref('excluded.service_id'),
      }),
    )
    .execute();
}
