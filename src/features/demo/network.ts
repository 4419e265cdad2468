/**
 * The demo network behind the demo directory: a coordination office, the
 * member organisations of centres.ts and one centre (tenant) per demo service,
 * linked to its directory entry through `centre.service_id`. With it, a demo
 * installation can show the whole self-edit and review workflow. Ids are
 * derived from the demo namespace and the keys, so seeding twice changes
 * nothing and other code (tests, the demo accounts) can name the same rows.
 */
import type { Insertable } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { enterScope, type Tx } from '../../platform/db/tenant.ts';
import { derivedId } from '../directory/derived-id.ts';
import { DEMO_CENTRES, DEMO_ORGANIZATIONS } from './centres.ts';
import { DEMO_NAMESPACE } from './entries.ts';

export const DEMO_COORDINATION_OFFICE_ID = derivedId(DEMO_NAMESPACE, 'member_organization:coordination');
export const DEMO_COORDINATION_OFFICE_NAME = 'Koordinierungsstelle des Netzwerks (Demo)';

/** The member organisation id of a demo organisation key (centres.ts). */
export function demoMemberOrganizationId(orgKey: string): string {
  return derivedId(DEMO_NAMESPACE, `member_organization:${orgKey}`);
}

/** The centre (tenant) id of a demo centre key (centres.ts). */
export function demoCentreId(centreKey: string): string {
  return derivedId(DEMO_NAMESPACE, `centre:${centreKey}`);
}

export type DemoNetworkCentre = {
  id: string;
  key: string;
  name: string;
  memberOrganizationId: string;
  serviceId: string;
};

/** Every demo centre with the ids it is stored under. */
export function demoNetworkCentres(): DemoNetworkCentre[] {
  return DEMO_CENTRES.map((c) => ({
    id: demoCentreId(c.key),
    key: c.key,
    // The same name as the directory entry (entries.ts), so staff recognise it.
    name: `Beispiel-Fachberatungsstelle ${c.name}`,
    memberOrganizationId: demoMemberOrganizationId(c.org),
    serviceId: derivedId(DEMO_NAMESPACE, `service:${c.key}`),
  }));
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
  const services = new Set(
    (
      await trx
        .selectFrom('service')
        .select('id')
        .where(
          'id',
          'in',
          centres.map((c) => c.serviceId),
        )
        .execute()
    ).map((s) => s.id),
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
