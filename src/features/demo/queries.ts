/**
 * The demo content's writes: installation flags, stale demo entries of older
 * releases, and the demo network (coordination office, member organisations,
 * centres) behind the demo entries.
 */
import { sql, type Insertable, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { setScopeSettings, type Tx } from '../../platform/db/tenant.ts';
import {
  deleteDemoServices,
  deleteEmptyOrganizations,
  deleteOrphanLocations,
  demoServicesExcept,
  existingServiceIds,
  locationsOfServices,
  setEntryOwner,
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
 * Create or update the demo network's member organisations, as the owner
 * (the application role may only read them). An installation that already
 * has a (real) coordination office keeps it: there can be only one, and demo
 * content must never replace real data.
 */
export async function seedDemoMemberOrganizations(trx: Tx): Promise<void> {
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
}

/**
 * Create or update the demo centres and link each to its demo entry,
 * inside the caller's (owner) transaction, which must already hold the
 * member organisations and the demo entries. Row-level security is forced
 * for the owner too, so each step sets the scope that may write it
 * (ADR 021): the centres in the admin scope, the entries' owner in the
 * import scope, then the centres' links again as admin. The transaction
 * ends in the admin scope.
 */
export async function seedDemoCentres(trx: Tx): Promise<void> {
  const centres = demoNetworkCentres();
  await setScopeSettings(trx, { kind: 'admin' });
  await trx
    .insertInto('centre')
    .values(centres.map((c) => ({ id: c.id, member_organization_id: c.memberOrganizationId, name: c.name })))
    .onConflict((oc) =>
      oc.column('id').doUpdateSet({
        member_organization_id: (eb) => eb.ref('excluded.member_organization_id'),
        name: (eb) => eb.ref('excluded.name'),
      }),
    )
    .execute();
  await setScopeSettings(trx, { kind: 'import' });
  // A centre whose demo service was removed (directory clear-demo) must not
  // point at a missing row; link only services that exist.
  const services = await existingServiceIds(
    trx,
    centres.map((c) => c.serviceId),
  );
  for (const c of centres) if (services.has(c.serviceId)) await setEntryOwner(trx, c.serviceId, c.id);
  await setScopeSettings(trx, { kind: 'admin' });
  for (const c of centres) {
    await trx
      .updateTable('centre')
      .set({ service_id: services.has(c.serviceId) ? c.serviceId : null })
      .where('id', '=', c.id)
      .execute();
  }
}
