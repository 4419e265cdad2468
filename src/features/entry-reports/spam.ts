/**
 * Spam defence for a form that anyone may send, without a cookie (public
 * pages set none, ADR 003) and so without a session-bound CSRF token:
 *
 * - a honeypot field (schema.ts) — filled in, the report is dropped
 *   silently and the sender sees the usual thanks;
 * - a signed issue time (the kernel's public-form guard): the form page
 *   signs when it was handed out, for this entry, with the server key. A report sent sooner than
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
import type { Tx } from '../../platform/db/tenant.ts';
import { publicFormGuard, type StampCheck } from '../../platform/http/public-form.ts';
import type { KeyRing } from '../../platform/security/keys.ts';

/** Nobody reads a page, chooses and writes a sentence in under three seconds. */
export const MIN_FILL_MS = 3_000;

/** Reports per client network and per entry within their windows. */
export const REPORT_LIMITS = {
  network: { max: 5, windowMs: 60 * 60_000 },
  entry: { max: 20, windowMs: 24 * 60 * 60_000 },
} as const;

/** A form left open longer than six hours is sent again with a fresh signature (the text is kept). */
const guard = publicFormGuard({ domain: 'schutznetz/entry-report', minFillMs: MIN_FILL_MS, maxAgeMs: 6 * 60 * 60_000 });

/** The signed issue time for the form about `serviceId`. */
export function issueStamp(ring: KeyRing, serviceId: string, now: Date): string {
  return guard.issueStamp(ring, now, serviceId);
}

/** Is `stamp` ours, for this entry, old enough and not too old? */
export function checkStamp(ring: KeyRing, serviceId: string, stamp: string, now: Date): StampCheck {
  return guard.checkStamp(ring, stamp, now, serviceId);
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
  const network = await guard.countNetwork(trx, ring, 'network', who.ip, REPORT_LIMITS.network.windowMs, now);
  const entry = await guard.count(trx, ring, 'entry', who.serviceId, REPORT_LIMITS.entry.windowMs, now);
  if (network > REPORT_LIMITS.network.max) return 'network';
  if (entry > REPORT_LIMITS.entry.max) return 'entry';
  return null;
}
