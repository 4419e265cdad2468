/**
 * The receiving centre's rights over its referrals. Only the members of the
 * centre a referral was sent (or forwarded) to — its lead and counsellors —
 * hold them: the coordination office and the administrators do not, and
 * row-level security (migrations/0023) shows them no referral row anyway.
 * The object rule is stricter than the default (which lets network roles
 * reach every centre): the referral's own centre, nobody else.
 */
import { defineAction, type Owned } from '../../platform/auth/policy.ts';
import type { Role } from '../../platform/auth/types.ts';

const CENTRE_MEMBERS: readonly Role[] = ['centre_lead', 'counsellor'];

/** The referral belongs to the actor's own centre (never true for a role without a centre). */
function ownCentreOnly(actor: { centreId: string | null }, referral: Owned): boolean {
  return actor.centreId !== null && referral.centreId !== null && actor.centreId === referral.centreId;
}

export const REFERRALS_LIST = defineAction({
  name: 'referrals.list',
  roles: CENTRE_MEMBERS,
  description: 'See the own centre’s incoming referrals: short id, date, urgency, status — never their content.',
  object: ownCentreOnly,
});

export const REFERRALS_OPEN = defineAction({
  name: 'referrals.open',
  roles: CENTRE_MEMBERS,
  description: 'Open (decrypt) one of the own centre’s referrals, after re-authentication; every opening is audited.',
  object: ownCentreOnly,
});

export const REFERRALS_DECIDE = defineAction({
  name: 'referrals.decide',
  roles: CENTRE_MEMBERS,
  description: 'Accept, decline, forward (with the sender’s consent) or close one of the own centre’s referrals.',
  object: ownCentreOnly,
});
