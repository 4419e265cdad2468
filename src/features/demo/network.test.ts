import { afterEach, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../platform/db/index.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { DEMO_CENTRES, DEMO_ORGANIZATIONS } from './centres.ts';
import { demoEntries } from './entries.ts';
import { DEMO_COORDINATION_OFFICE_ID, demoNetworkCentres } from './network.ts';
import { seedDemoIfWanted } from './seed.ts';

let open: Database[] = [];
afterEach(async () => {
  await Promise.all(open.map((d) => d.close()));
  open = [];
});
async function fresh(): Promise<Database> {
  const d = await testDatabase();
  open.push(d);
  return d;
}

const snapshot = (d: Database) =>
  withScope(d.db, { kind: 'admin' }, async (trx) => ({
    orgs: await trx.selectFrom('member_organization').select(['id', 'name', 'is_coordination']).orderBy('id').execute(),
    centres: await trx
      .selectFrom('centre')
      .select(['id', 'name', 'member_organization_id', 'service_id'])
      .orderBy('id')
      .execute(),
  }));

describe('the demo network', () => {
  it('has the coordination office, every member organisation and one centre per demo service', async () => {
    const d = await fresh();
    const { orgs, centres } = await snapshot(d);
    expect(orgs.filter((o) => o.is_coordination).map((o) => o.id)).toEqual([DEMO_COORDINATION_OFFICE_ID]);
    expect(orgs).toHaveLength(DEMO_ORGANIZATIONS.length + 1);
    expect(centres).toHaveLength(DEMO_CENTRES.length);
    const services = new Set(demoEntries().map((e) => e.service.id));
    for (const c of centres) expect(services.has(c.service_id!)).toBe(true);
    expect(new Set(centres.map((c) => c.service_id)).size).toBe(centres.length);
    expect(centres.map((c) => c.id).sort()).toEqual(
      demoNetworkCentres()
        .map((c) => c.id)
        .sort(),
    );
  });

  it('seeding again changes nothing', async () => {
    const d = await fresh();
    const before = await snapshot(d);
    expect(await seedDemoIfWanted(d, 'always')).toBe(true);
    expect(await snapshot(d)).toEqual(before);
  });

  it('keeps a real coordination office instead of adding a second one', async () => {
    const d = await fresh();
    const realId = '3f00001c-82f8-44b4-a039-3b2a462f2952';
    await d.db
      .updateTable('member_organization')
      .set({ is_coordination: false })
      .where('id', '=', DEMO_COORDINATION_OFFICE_ID)
      .execute();
    await d.db
      .insertInto('member_organization')
      .values({ id: realId, name: 'Echte Koordinierungsstelle', is_coordination: true })
      .execute();
    expect(await seedDemoIfWanted(d, 'always')).toBe(true);
    const { orgs } = await snapshot(d);
    expect(orgs.filter((o) => o.is_coordination).map((o) => o.id)).toEqual([realId]);
  });
});
