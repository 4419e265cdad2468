/**
 * Loading the demo directory. A fresh embedded installation (`npm start` on a
 * laptop) shows example centres at once; a PostgreSQL deployment never gets
 * them unless asked, because a production directory must not mix invented
 * centres with real ones.
 */
import type { Database } from '../../platform/db/index.ts';
import type { KeyRing } from '../../platform/security/keys.ts';
import { publishDemoYears, writeDemoCases } from './cases/demo.ts';
import { anyService, writeEntries } from '../directory/queries.ts';
import { writeDemoContent } from './content.ts';
import { demoEntries } from './entries.ts';
import { writeDemoPublications } from './publications.ts';
import { writeDemoProjects } from './projects/queries.ts';
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

export type DemoOptions = {
  /**
   * With the audit key ring, the demo also loads its case statistics (years,
   * synthetic records, public publications: cases/demo.ts), whose
   * publishing is audited. Without it, only the directory and the network.
   */
  auditRing?: KeyRing;
  now?: Date;
  /**
   * Publishing the demo's years takes a few seconds (the disclosure audit
   * of each year): the server hands the task over here and runs it once it
   * is listening. Without it, publishing is awaited.
   */
  deferPublishing?: (publish: () => Promise<void>) => void;
};

/**
 * Write the demo entries when `mode` asks for it:
 * - 'always': write them (replacing earlier demo rows by id, so repeated runs are idempotent);
 * - 'auto': only on the embedded database (PGlite), only while the directory has no service at all,
 *   and only once per installation (so `directory clear-demo` sticks across restarts);
 * - 'never': nothing.
 * Runs in one transaction; the demo's statistics are then published, one
 * year at a time (as the coordination office publishes). Returns whether it
 * wrote.
 */
export async function seedDemoIfWanted(database: Database, mode: DemoMode, opts: DemoOptions = {}): Promise<boolean> {
  if (mode === 'never') return false;
  if (mode === 'auto' && database.kind !== 'pglite') return false;
  const now = opts.now ?? new Date();
  let publish: number[] = [];
  const wrote = await database.db.transaction().execute(async (trx) => {
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
    await writeDemoPublications(trx, now);
    await writeDemoProjects(trx, now);
    await writeDemoContent(trx, now);
    // Last: it leaves the transaction in the application role.
    if (opts.auditRing) publish = await writeDemoCases(trx, now);
    return true;
  });
  const ring = opts.auditRing;
  if (ring && publish.length > 0) {
    const task = () => publishDemoYears(database.db, ring, publish, now);
    if (opts.deferPublishing) opts.deferPublishing(task);
    else await task();
  }
  return wrote;
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
