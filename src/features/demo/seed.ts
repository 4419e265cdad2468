/**
 * Loading the demo directory. A fresh embedded installation (`npm start` on a
 * laptop) shows example centres at once; a PostgreSQL deployment never gets
 * them unless asked, because a production directory must not mix invented
 * centres with real ones.
 */
import type { Database } from '../../platform/db/index.ts';
import { anyService, writeEntries } from '../directory/queries.ts';
import { demoEntries } from './entries.ts';
import { setScopeSettings } from '../../platform/db/tenant.ts';
import {
  flagIsSet,
  mayWriteNetworkTables,
  removeStaleDemo,
  seedDemoCentres,
  seedDemoMemberOrganizations,
  setFlag,
} from './queries.ts';

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
      if (await anyService(trx)) return false;
      if (await flagIsSet(trx, DEMO_FLAG)) return false;
    }
    if (!(await mayWriteNetworkTables(trx))) throw new DemoContentNeedsOwnerError();
    await setFlag(trx, DEMO_FLAG);
    await seedDemoMemberOrganizations(trx);
    // The directory in the scope of the operator's bulk writes (ADR 021).
    await setScopeSettings(trx, { kind: 'import' });
    const entries = demoEntries();
    await removeStaleDemo(
      trx,
      entries.map((e) => e.service.id),
    );
    await writeEntries(trx, entries);
    await seedDemoCentres(trx);
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
