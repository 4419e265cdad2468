/**
 * Which published years are being corrected, for the public pages.
 *
 * A public version stays on the public pages while its year is reopened
 * (ADR 036), and they say so. Whether a year is reopened is in
 * reporting_year, which the 'auth' scope of an anonymous request cannot
 * read (migrations/0026 lets the centre, coordination, admin and retention
 * scopes read it). So this one fixed statement — the open years that were
 * reopened, nothing else of them — runs in the admin scope: it takes
 * nothing from the request, cannot change a year and, unlike the
 * coordination scope, sees no internal publication. A policy letting the
 * 'auth' scope read a year's status would let it move to the request's own
 * transaction.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { reopenedYears } from './queries/years.ts';

export function yearsBeingCorrected(db: Kysely<DB>): Promise<ReadonlySet<number>> {
  return withScope(db, { kind: 'admin' }, reopenedYears);
}
