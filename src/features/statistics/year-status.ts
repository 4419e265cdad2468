/**
 * Which published years are being corrected, for the public pages.
 *
 * A public version stays on the public pages while its year is reopened
 * (ADR 036), and they say so. The request's own anonymous ('auth') scope
 * reads the status of the years that have a public version and of no other
 * (migrations/0031), so this runs in the request's transaction.
 */
import type { Tx } from '../../platform/db/tenant.ts';
import { reopenedYears } from './queries/years.ts';

export function yearsBeingCorrected(trx: Tx): Promise<ReadonlySet<number>> {
  return reopenedYears(trx);
}
