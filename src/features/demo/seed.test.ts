import { afterEach, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../platform/db/index.ts';
import { derivedId } from '../directory/derived-id.ts';
import type { DirectoryEntry } from '../directory/entry.ts';
import { deleteEntriesExcept, loadAllEntries, writeEntries } from '../directory/queries.ts';
import { demoEntries } from './entries.ts';
import { seedDemoIfWanted } from './seed.ts';

let open: Database[] = [];
async function fresh(): Promise<Database> {
  const d = await testDatabase();
  open.push(d);
  return d;
}
afterEach(async () => {
  await Promise.all(open.map((d) => d.close()));
  open = [];
});

const count = async (d: Database, demo?: boolean) => {
  let q = d.db.selectFrom('service').select((eb) => eb.fn.countAll<string>().as('n'));
  if (demo !== undefined) q = q.where('is_demo', '=', demo);
  return Number((await q.executeTakeFirstOrThrow()).n);
};

/** A brand-new installation: no services, and demo content never offered. */
const empty = (d: Database) =>
  d.db.transaction().execute(async (trx) => {
    await deleteEntriesExcept(trx, []);
    await trx.deleteFrom('platform_flag').execute();
  });

/** A made-up "real" centre: a demo entry with its own ids and without the demo flag. */
function realEntry(): DirectoryEntry {
  const base = demoEntries()[0]!;
  const id = derivedId('test:real', 'service');
  return {
    ...base,
    organization: {
      ...base.organization,
      id: derivedId('test:real', 'org'),
      name: 'Echter Verein e.V.',
      is_demo: false,
    },
    service: { ...base.service, id, name: 'Echte Beratungsstelle', is_demo: false },
    location: base.location ? { ...base.location, id: derivedId(id, 'location') } : null,
    phones: base.phones.map((p, i) => ({ ...p, id: derivedId(id, `phone:${i}`) })),
    schedules: base.schedules.map((s, i) => ({ ...s, id: derivedId(id, `schedule:${i}`) })),
  };
}

const byId = (list: DirectoryEntry[]) => [...list].sort((a, b) => (a.service.id < b.service.id ? -1 : 1));

describe('seedDemoIfWanted', () => {
  it("'always' writes entries that read back exactly, and is idempotent", async () => {
    const d = await fresh();
    expect(await seedDemoIfWanted(d, 'always')).toBe(true);
    expect(await seedDemoIfWanted(d, 'always')).toBe(true);
    const expected = demoEntries();
    expect(await count(d)).toBe(expected.length);
    expect(byId(await loadAllEntries(d.db))).toEqual(byId(expected));
  });

  it("'never' writes nothing", async () => {
    const d = await fresh();
    await empty(d);
    expect(await seedDemoIfWanted(d, 'never')).toBe(false);
    expect(await count(d)).toBe(0);
  });

  it("'auto' seeds an empty embedded database once, and never PostgreSQL", async () => {
    const d = await fresh();
    await empty(d);
    const first = await seedDemoIfWanted(d, 'auto');
    expect(first).toBe(d.kind === 'pglite');
    expect(await count(d)).toBe(d.kind === 'pglite' ? demoEntries().length : 0);
    const before = await d.db.selectFrom('directory_revision').select('revision').executeTakeFirstOrThrow();
    expect(await seedDemoIfWanted(d, 'auto')).toBe(false);
    const after = await d.db.selectFrom('directory_revision').select('revision').executeTakeFirstOrThrow();
    expect(after.revision).toBe(before.revision);
  });

  it("'auto' does not bring the demo back after an operator removed it", async () => {
    const d = await fresh();
    await empty(d);
    await seedDemoIfWanted(d, 'auto');
    await d.db.transaction().execute((trx) => deleteEntriesExcept(trx, []));
    expect(await seedDemoIfWanted(d, 'auto')).toBe(false);
    expect(await count(d)).toBe(0);
  });

  it("'auto' leaves a directory with real entries alone", async () => {
    const d = await fresh();
    await empty(d);
    await d.db.transaction().execute((trx) => writeEntries(trx, [realEntry()]));
    expect(await seedDemoIfWanted(d, 'auto')).toBe(false);
    expect(await count(d, true)).toBe(0);
    expect(await count(d, false)).toBe(1);
  });

  it("'always' removes demo services an older release wrote, but no real ones", async () => {
    const d = await fresh();
    const real = realEntry();
    const oldDemo = realEntry();
    const oldId = derivedId('test:old-demo', 'service');
    const old: DirectoryEntry = {
      ...oldDemo,
      organization: { ...oldDemo.organization, id: derivedId('test:old-demo', 'org'), is_demo: true },
      service: { ...oldDemo.service, id: oldId, is_demo: true },
      location: oldDemo.location ? { ...oldDemo.location, id: derivedId(oldId, 'location') } : null,
      phones: oldDemo.phones.map((p, i) => ({ ...p, id: derivedId(oldId, `phone:${i}`) })),
      schedules: oldDemo.schedules.map((s, i) => ({ ...s, id: derivedId(oldId, `schedule:${i}`) })),
    };
    await d.db.transaction().execute((trx) => writeEntries(trx, [real, old]));
    expect(await seedDemoIfWanted(d, 'always')).toBe(true);
    const ids = new Set((await d.db.selectFrom('service').select('id').execute()).map((r) => r.id));
    expect(ids.has(real.service.id)).toBe(true);
    expect(ids.has(oldId)).toBe(false);
    expect(ids.size).toBe(demoEntries().length + 1);
    const orphanOrg = await d.db
      .selectFrom('organization')
      .select('id')
      .where('id', '=', old.organization.id)
      .executeTakeFirst();
    expect(orphanOrg).toBeUndefined();
  });
});
