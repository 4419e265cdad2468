/**
 * The shared abuse defence of forms that anyone may send without a cookie
 * (public pages set none, ADR 003) and so without a session-bound CSRF token
 * (ADR 026). Each form makes its own guard with its own key domain, so a
 * signature made for one form never passes another:
 *
 * - a signed issue time: the form page signs when it was handed out (and,
 *   optionally, what it is about) with the server key. A form sent sooner
 *   than `minFillMs` after that, or with a missing, forged or expired
 *   signature, is not stored; the page hands out a new signature and keeps
 *   what was typed;
 * - counters per client network (an IPv6 client by its /64, like the
 *   sign-in throttle) or per any other value, kept in `auth_throttle` under
 *   HMAC keys, so the table holds neither an address nor what was chosen.
 *
 * The honeypot field lives in each form's schema. Cross-site posts are
 * refused before any of this by the Origin / Sec-Fetch-Site check of every
 * state-changing request (csrf.ts).
 */
import { createHmac } from 'node:crypto';
import { clientNetwork } from '../auth/throttle.ts';
import { countFailure } from '../auth/queries/throttle.ts';
import type { Tx } from '../db/tenant.ts';
import { currentKey, type KeyRing } from '../security/keys.ts';
import { safeEqual } from '../security/tokens.ts';

export type StampCheck = 'ok' | 'invalid' | 'too_fast' | 'expired';

export interface PublicFormGuard {
  readonly minFillMs: number;
  readonly maxAgeMs: number;
  /** The signed issue time '<ms>.<keyId>.<mac>', bound to `about` when given. */
  issueStamp(ring: KeyRing, now: Date, about?: string): string;
  /** Is `stamp` ours (for `about`), old enough and not too old? Any key still in the ring verifies. */
  checkStamp(ring: KeyRing, stamp: string, now: Date, about?: string): StampCheck;
  /** Count one more event under `name:value` within `windowMs`; the count including this one. */
  count(trx: Tx, ring: KeyRing, name: string, value: string, windowMs: number, now: Date): Promise<number>;
  /** Like `count`, for the sender's client network. */
  countNetwork(trx: Tx, ring: KeyRing, name: string, ip: string, windowMs: number, now: Date): Promise<number>;
  /** Count a signed form; more than 1 means it was sent before (a reload or a replay). */
  countForm(trx: Tx, ring: KeyRing, stamp: string, now: Date): Promise<number>;
}

export function publicFormGuard(opts: { domain: string; minFillMs: number; maxAgeMs: number }): PublicFormGuard {
  const { domain, minFillMs, maxAgeMs } = opts;
  const mac = (key: Buffer, purpose: string, value: string) =>
    createHmac('sha256', key).update(`${domain}/${purpose}\u0000`).update(value, 'utf8').digest('hex');
  const signed = (ms: string, about?: string) => (about === undefined ? ms : `${about}\u0000${ms}`);
  const count = (trx: Tx, ring: KeyRing, name: string, value: string, windowMs: number, now: Date) =>
    countFailure(trx, mac(currentKey(ring).key, 'limit', `${name}:${value}`), now, new Date(now.getTime() - windowMs));
  return {
    minFillMs,
    maxAgeMs,
    issueStamp(ring, now, about) {
      const { keyId, key } = currentKey(ring);
      const ms = String(now.getTime());
      return `${ms}.${keyId}.${mac(key, 'issued', signed(ms, about))}`;
    },
    checkStamp(ring, stamp, now, about) {
      const m = /^(\d{1,15})\.([A-Za-z0-9_-]{1,32})\.([0-9a-f]{64})$/.exec(stamp);
      if (!m) return 'invalid';
      const [, ms, keyId, given] = m as unknown as [string, string, string, string];
      const key = ring.keys.get(keyId);
      if (!key || !safeEqual(mac(key, 'issued', signed(ms, about)), given)) return 'invalid';
      const age = now.getTime() - Number(ms);
      if (age < minFillMs) return 'too_fast';
      if (age > maxAgeMs) return 'expired';
      return 'ok';
    },
    count,
    countNetwork: (trx, ring, name, ip, windowMs, now) => count(trx, ring, name, clientNetwork(ip), windowMs, now),
    countForm: (trx, ring, stamp, now) => count(trx, ring, 'form', stamp, maxAgeMs + minFillMs, now),
  };
}
