/**
 * Spam defence for a form that anyone may send, without a cookie (public
 * pages set none, ADR 003) and so without a session-bound CSRF token:
 *
 * - a honeypot field (schema.ts) — filled in, the report is dropped
 *   silently and the sender sees the usual thanks;
 * - a signed issue time: the form page signs when it was handed out, for
 *   this entry, with the server key. A report sent sooner than
 *   MIN_FILL_MS after that, or with a missing, forged or expired
 *   signature, is not stored; the person is asked to send it again (the
 *   page hands out a new signature and keeps what they wrote);
 * - limits per client network (an IPv6 client by its /64, like the sign-in
 *   throttle) and per entry, counted in `auth_throttle` under HMAC keys, so
 *   the table holds neither an address nor which entry was reported.
 *
 * Cross-site posts are refused before any of this by the Origin /
 * Sec-Fetch-Site check every state-changing request passes (csrf.ts).
 */
import { createHmac } from 'node:crypto';
import { clientNetwork } from '../../platform/auth/throttle.ts';
import { countFailure } from '../../platform/auth/queries/throttle.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import { currentKey, type KeyRing } from '../../platform/security/keys.ts';
import { safeEqual } from '../../platform/security/tokens.ts';

/** Nobody reads a page, chooses and writes a sentence in under three seconds. */
export const MIN_FILL_MS = 3_000;
/** A form left open longer is sent again with a fresh signature (nothing is lost: the text is kept). */
const MAX_FORM_AGE_MS = 6 * 60 * 60_000;

/** Reports per client network and per entry within their windows. */
export const REPORT_LIMITS = {
  network: { max: 5, windowMs: 60 * 60_000 },
  entry: { max: 20, windowMs: 24 * 60 * 60_000 },
} as const;

const DOMAIN = 'schutznetz/entry-report';

function mac(key: Buffer, purpose: string, value: string): string {
  return createHmac('sha256', key).update(`${DOMAIN}/${purpose}\u0000`).update(value, 'utf8').digest('hex');
}

/** The signed issue time for the form about `serviceId`: '<ms>.<keyId>.<mac>'. */
export function issueStamp(ring: KeyRing, serviceId: string, now: Date): string {
  const { keyId, key } = currentKey(ring);
  const ms = String(now.getTime());
  return `${ms}.${keyId}.${mac(key, 'issued', `${serviceId}\u0000${ms}`)}`;
}

export type StampCheck = 'ok' | 'invalid' | 'too_fast' | 'expired';

/** Is `stamp` ours, for this entry, old enough and not too old? Any key still in the ring verifies. */
export function checkStamp(ring: KeyRing, serviceId: string, stamp: string, now: Date): StampCheck {
  const m = /^(\d{1,15})\.([A-Za-z0-9_-]{1,32})\.([0-9a-f]{64})$/.exec(stamp);
  if (!m) return 'invalid';
  const [, ms, keyId, given] = m as unknown as [string, string, string, string];
  const key = ring.keys.get(keyId);
  if (!key || !safeEqual(mac(key, 'issued', `${serviceId}\u0000${ms}`), given)) return 'invalid';
  const age = now.getTime() - Number(ms);
  if (age < MIN_FILL_MS) return 'too_fast';
  if (age > MAX_FORM_AGE_MS) return 'expired';
  return 'ok';
}

/**
 * Count this report against the sender's network and the entry; which limit
 * it exceeds, or null. Counted before storing, in the same transaction, so
 * parallel requests cannot slip past the limit together.
 */
export async function overLimit(
  trx: Tx,
  ring: KeyRing,
  who: { ip: string; serviceId: string },
  now: Date,
): Promise<'network' | 'entry' | null> {
  const { key } = currentKey(ring);
  const count = (name: 'network' | 'entry', value: string) =>
    countFailure(
      trx,
      mac(key, 'limit', `${name}:${value}`),
      now,
      new Date(now.getTime() - REPORT_LIMITS[name].windowMs),
    );
  const network = await count('network', clientNetwork(who.ip));
  const entry = await count('entry', who.serviceId);
  if (network > REPORT_LIMITS.network.max) return 'network';
  if (entry > REPORT_LIMITS.entry.max) return 'entry';
  return null;
}
