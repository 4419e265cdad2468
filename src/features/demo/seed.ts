/**
 * Loading the demo directory. A fresh embedded installation (`npm start` on a
 * laptop) shows example centres at once; a PostgreSQL deployment never gets
 * them unless asked, because a production directory must not mix invented
 * centres with real ones.
 */
import { sql, type Transaction } from 'kysely';
import type { Database } from '../../platform/db/index.ts';
import type { DB } from '../../platform/db/schema.ts';
import { writeEntries } from '../directory/queries.ts';
import { demoEntries } from './entries.ts';
import { seedDemoNetwork } from './network.ts';

const DEMO_FLAG = 'demo_offered';

export type DemoMode = 'auto' | 'always' | 'never';

/**
 * Write the demo entries when `mode` asks for it:
 * - 'always': write them (replacing earlier demo rows by id, so repeated runs are idempotent);
 * - 'auto': only on the embedded database (PGlite), only while the directory has no service at all,
 *   and only once per installation (so `directory clear-demo` sticks across restarts);
 * - 'never': nothing.
 * Runs in one transaction. Returns whether it wrote.
 */
export async function seedDemoIfWanted(database: Database, mode: DemoMode): Promise<boolean> {
  if (mode === 'never') return false;
  if (mode === 'auto' && database.kind !== 'pglite') return false;
  return database.db.transaction().execute(async (trx) => {
    if (mode === 'auto') {
      const any = await trx.selectFrom('service').select('id').limit(1).executeTakeFirst();
      if (any) return false;
      const offered = await trx
        .selectFrom('platform_flag')
        .select('name')
        .where('name', '=', DEMO_FLAG)
        .executeTakeFirst();
      if (offered) return false;
    }
    await assertOwner(trx);
    await trx
      .insertInto('platform_flag')
      .values({ name: DEMO_FLAG })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const entries = demoEntries();
    await removeStaleDemo(
      trx,
      entries.map((e) => e.service.id),
    );
    await writeEntries(trx, entries);
    // Last: it leaves the transaction in the restricted network scope.
    await seedDemoNetwork(trx);
    return true;
  });
}

/** Thrown when demo content is asked for on a connection that may not write it. */
export class DemoContentNeedsOwnerError extends Error {
  constructor() {
    super(
      'DEMO_CONTENT=true: loading the demo content writes network data (member organisations, installation flags) that only ' +
        'the owner role may write, and DATABASE_URL logs in as a role that may not (such as schutznetz_app). Load it once as ' +
        "the owner — `DEMO_CONTENT=true schutznetz migrate` with the owner's DATABASE_URL — and start the application without DEMO_CONTENT=true.",
    );
    this.name = 'DemoContentNeedsOwnerError';
  }
}

/**
 * Demo seeding is owner work (the application role may only read member
 * organisations and flags); an application logged in as that role says so
 * before writing anything instead of failing halfway with "permission denied".
 */
async function assertOwner(trx: Transaction<DB>): Promise<void> {
  const r = await sql<{ ok: boolean }>`
    SELECT has_table_privilege('member_organization', 'INSERT') AND has_table_privilege('platform_flag', 'INSERT') AS ok`.execute(
    trx,
  );
  if (!r.rows[0]?.ok) throw new DemoContentNeedsOwnerError();
}

/**
 * Demo services an older release wrote that this release no longer has
 * would otherwise stay forever. Only rows marked is_demo are touched.
 */
async function removeStaleDemo(trx: Transaction<DB>, keep: string[]): Promise<void> {
  const stale = await trx
    .selectFrom('service')
    .select('id')
    .where('is_demo', '=', true)
    .where('id', 'not in', keep)
    .execute();
  if (stale.length === 0) return;
  const ids = stale.map((s) => s.id);
  const locations = await trx
    .selectFrom('service_at_location')
    .select('location_id')
    .where('service_id', 'in', ids)
    .execute();
  await trx.deleteFrom('service').where('id', 'in', ids).execute();
  if (locations.length > 0) {
    await trx
      .deleteFrom('location')
      .where(
        'id',
        'in',
        locations.map((l) => l.location_id),
      )
      .execute();
  }
  await trx
    .deleteFrom('organization')
    .where('is_demo', '=', true)
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('service')
            .select(sql.lit(1).as('one'))
            .whereRef('service.organization_id', '=', 'organization.id'),
        ),
      ),
    )
    .execute();
}
