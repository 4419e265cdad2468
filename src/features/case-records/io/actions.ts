/**
 * A centre's rights over files of its own records. Like every right over
 * case records, only its lead and counsellors hold them, and only for their
 * own centre; row-level security shows nobody else a record anyway.
 */
import { defineAction, type Owned } from '../../../platform/auth/policy.ts';
import type { Role } from '../../../platform/auth/types.ts';

const CENTRE_MEMBERS: readonly Role[] = ['centre_lead', 'counsellor'];

function ownCentreOnly(actor: { centreId: string | null }, r: Owned): boolean {
  return actor.centreId !== null && r.centreId !== null && actor.centreId === r.centreId;
}

export const CASES_IMPORT = defineAction({
  name: 'cases.import',
  roles: CENTRE_MEMBERS,
  description:
    'Import the own centre’s case records from a CSV or XLSX file (checked like the form, all or nothing; audited).',
  object: ownCentreOnly,
});

export const CASES_EXPORT = defineAction({
  name: 'cases.export',
  roles: CENTRE_MEMBERS,
  description:
    'Download the own centre’s case records as CSV or XLSX, also with the IOM HTCDS field names, after re-authentication; every export is audited.',
  object: ownCentreOnly,
});
