/**
 * A centre's rights over its own case records. Only its lead and counsellors
 * hold them: the coordination office and the administrators hold none, and
 * row-level security (migrations/0026) shows them no record row anyway —
 * the network sees counts only, through case_statistics (ADR 034). The
 * object rule is the record's own centre, nobody else.
 */
import { defineAction, type Owned } from '../../platform/auth/policy.ts';
import type { Role } from '../../platform/auth/types.ts';

const CENTRE_MEMBERS: readonly Role[] = ['centre_lead', 'counsellor'];

/** The record belongs to the actor's own centre (never true for a role without a centre). */
function ownCentreOnly(actor: { centreId: string | null }, record: Owned): boolean {
  return actor.centreId !== null && record.centreId !== null && actor.centreId === record.centreId;
}

export const CASES_LIST = defineAction({
  name: 'cases.list',
  roles: CENTRE_MEMBERS,
  description: 'See the own centre’s anonymous case records: the list with filters and counts, and each record.',
  object: ownCentreOnly,
});

export const CASES_EDIT = defineAction({
  name: 'cases.edit',
  roles: CENTRE_MEMBERS,
  description: 'Add, change (as draft or complete) and delete the own centre’s case records while their year is open.',
  object: ownCentreOnly,
});

export const CASES_RELEASE = defineAction({
  name: 'cases.release',
  roles: CENTRE_MEMBERS,
  description:
    'Release the own centre’s complete, consented case records for the yearly analysis, or withdraw a release while the year is open.',
  object: ownCentreOnly,
});
