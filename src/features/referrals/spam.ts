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
import { createHmac } from 'node:crypto';
import { clientNetwork } from '../../platform/auth/throttle.ts';
import { countFailure } from '../../platform/auth/queries/throttle.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import { currentKey, type KeyRing } from '../../platform/security/keys.ts';
import { safeEqual } from '../../platform/security/tokens.ts';

/** Nobody reads this form and fills it in within five seconds. */
export const MIN_FILL_MS = 5_000;
/** A form left open longer is sent again with a fresh signature (nothing is lost: what was typed is kept). */
const MAX_FORM_AGE_MS = 12 * 60 * 60_000;

/** Referrals per client network and per receiving centre, and status look-ups per network, within their windows. */
export const REFERRAL_LIMITS = {
  network: { max: 5, windowMs: 60 * 60_000 },
  centre: { max: 30, windowMs: 24 * 60 * 60_000 },
  lookups: { max: 20, windowMs: 60 * 60_000 },
} as const;

const DOMAIN = 'schutznetz/referral';

function mac(key: Buffer, purpose: string, value: string): string {
  return createHmac('sha256', key).update(`${DOMAIN}/${purpose}\u0000`).update(value, 'utf8').digest('hex');
}

/** The signed issue time of a form: '<ms>.<keyId>.<mac>'. */
export function issueStamp(ring: KeyRing, now: Date): string {
  const { keyId, key } = currentKey(ring);
  const ms = String(now.getTime());
  return `${ms}.${keyId}.${mac(key, 'issued', ms)}`;
}

export type StampCheck = 'ok' | 'invalid' | 'too_fast' | 'expired';

/** Is `stamp` ours, old enough and not too old? Any key still in the ring verifies. */
export function checkStamp(ring: KeyRing, stamp: string, now: Date): StampCheck {
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{1,32})\.([0-9a-f]{64})$/.exec(stamp);
  if (!m) return 'invalid';
  const [, ms, keyId, given] = m as unknown as [string, string, string, string];
  const key = ring.keys.get(keyId);
  if (!key || !safeEqual(mac(key, 'issued', ms), given)) return 'invalid';
  const age = now.getTime() - Number(ms);
  if (age < MIN_FILL_MS) return 'too_fast';
  if (age > MAX_FORM_AGE_MS) return 'expired';
  return 'ok';
}

function counter(trx: Tx, ring: KeyRing, name: string, value: string, windowMs: number, now: Date) {
  return countFailure(
    trx,
    mac(currentKey(ring).key, 'limit', `${name}:${value}`),
    now,
    new Date(now.getTime() - windowMs),
  );
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
  if ((await counter(trx, ring, 'form', who.stamp, MAX_FORM_AGE_MS + MIN_FILL_MS, now)) > 1) return 'replayed';
  const network = await counter(trx, ring, 'network', clientNetwork(who.ip), REFERRAL_LIMITS.network.windowMs, now);
  if (network > REFERRAL_LIMITS.network.max) return 'network';
  const centre = await counter(trx, ring, 'centre', who.centreId, REFERRAL_LIMITS.centre.windowMs, now);
  if (centre > REFERRAL_LIMITS.centre.max) return 'centre';
  return null;
}

/** Count one status look-up of the sender's network; true when it is over the limit. */
export async function lookupOverLimit(trx: Tx, ring: KeyRing, ip: string, now: Date): Promise<boolean> {
  const n = await counter(trx, ring, 'lookup', clientNetwork(ip), REFERRAL_LIMITS.lookups.windowMs, now);
  return n > REFERRAL_LIMITS.lookups.max;
}
