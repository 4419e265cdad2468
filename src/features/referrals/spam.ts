/**
 * Abuse defence for the public referral form, which anyone may send without
 * a cookie (ADR 003) and so without a session-bound CSRF token — the same
 * layers as the error reports (ADR 026), with this form's own key domain so
 * a signature made for one form never passes the other:
 *
 * - a honeypot field (schema.ts); filled in, nothing is stored;
 * - a signed issue time: sent sooner than MIN_FILL_MS after the form was
 *   handed out, or with a missing, forged or expired signature, nothing is
 *   stored and the form comes back with what was typed;
 * - each signed form sends once (its signature is counted): a reload of the
 *   receipt page, or a robot replaying one good form, stores nothing more;
 * - limits per client network (an IPv6 client by its /64) and per receiving
 *   centre, counted in `auth_throttle` under HMAC keys, so the table holds
 *   neither an address nor which centre was chosen.
 *
 * Cross-site posts are refused before any of this by the Origin /
 * Sec-Fetch-Site check of every state-changing request (csrf.ts).
 */
import type { Tx } from '../../platform/db/tenant.ts';
import { publicFormGuard, type StampCheck } from '../../platform/http/public-form.ts';
import type { KeyRing } from '../../platform/security/keys.ts';

/** Nobody reads this form and fills it in within five seconds. */
export const MIN_FILL_MS = 5_000;

/** Referrals per client network and per receiving centre, and status look-ups per network, within their windows. */
export const REFERRAL_LIMITS = {
  network: { max: 5, windowMs: 60 * 60_000 },
  centre: { max: 30, windowMs: 24 * 60 * 60_000 },
  lookups: { max: 20, windowMs: 60 * 60_000 },
} as const;

/** A form left open longer than twelve hours is sent again with a fresh signature (what was typed is kept). */
const guard = publicFormGuard({ domain: 'schutznetz/referral', minFillMs: MIN_FILL_MS, maxAgeMs: 12 * 60 * 60_000 });

/** The signed issue time of a form. */
export function issueStamp(ring: KeyRing, now: Date): string {
  return guard.issueStamp(ring, now);
}

/** Is `stamp` ours, old enough and not too old? */
export function checkStamp(ring: KeyRing, stamp: string, now: Date): StampCheck {
  return guard.checkStamp(ring, stamp, now);
}

export type Refusal = 'network' | 'centre' | 'replayed';

/**
 * Count this referral against its signed form, the sender's network and the
 * centre; which rule refuses it, or null. Counted in the storing
 * transaction, so parallel requests cannot slip past a limit together, and
 * a refused referral (rolled back) uses up nothing.
 */
export async function refusal(
  trx: Tx,
  ring: KeyRing,
  who: { ip: string; centreId: string; stamp: string },
  now: Date,
): Promise<Refusal | null> {
  if ((await guard.countForm(trx, ring, who.stamp, now)) > 1) return 'replayed';
  const network = await guard.countNetwork(trx, ring, 'network', who.ip, REFERRAL_LIMITS.network.windowMs, now);
  if (network > REFERRAL_LIMITS.network.max) return 'network';
  const centre = await guard.count(trx, ring, 'centre', who.centreId, REFERRAL_LIMITS.centre.windowMs, now);
  if (centre > REFERRAL_LIMITS.centre.max) return 'centre';
  return null;
}

/** Count one status look-up of the sender's network; true when it is over the limit. */
export async function lookupOverLimit(trx: Tx, ring: KeyRing, ip: string, now: Date): Promise<boolean> {
  const n = await guard.countNetwork(trx, ring, 'lookup', ip, REFERRAL_LIMITS.lookups.windowMs, now);
  return n > REFERRAL_LIMITS.lookups.max;
}
