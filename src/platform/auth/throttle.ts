/**
 * Brute-force limits for sign-in (ASVS 6.3.1), per account and per client
 * address, in `auth_throttle` so every app instance counts together.
 * Keys are HMACs under the server key (`account:<email>`, `ip:<address>`):
 * the table never holds an address or e-mail in clear. An IPv6 client is
 * counted by its /64 network (clientNetwork): whoever has one address of a
 * /64 can use all 2^64 of them. Unknown e-mail
 * addresses are counted exactly like real ones, so a lock-out reveals
 * nothing about which accounts exist.
 *
 * Rule: `max` failures within `windowMs` lock the key for `lockMs`; the
 * failure that reaches the limit is already answered with 429. A successful
 * sign-in clears the account key (not the address key: one good account
 * must not reset the budget of an address that guesses many).
 */
import { createHmac } from 'node:crypto';
import ipaddr from 'ipaddr.js';
import type { Tx } from '../db/tenant.ts';
import { currentKey, type KeyRing } from '../security/keys.ts';
import { activeLocks, countFailure as countInTable, forgetKey, lockKey } from './queries/throttle.ts';

export type Limit = { max: number; windowMs: number; lockMs: number };

export const ACCOUNT_LIMIT: Limit = { max: 5, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
export const IP_LIMIT: Limit = { max: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };

export type ThrottleKeys = { account: string; ip: string };

function mac(ring: KeyRing, value: string): string {
  const { key } = currentKey(ring);
  return createHmac('sha256', key).update('schutznetz/auth-throttle/v1\u0000').update(value, 'utf8').digest('hex');
}

/** Canonical e-mail for counting: trimmed, lower case (as stored in app_user). */
function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/**
 * What a client address is counted as: an IPv4 address as it is (also when
 * it arrives IPv4-mapped, `::ffff:192.0.2.1`, from a dual-stack socket); an
 * IPv6 address by its /64 network. A /64 is what one line, host or virtual
 * server gets, and any address in it can be used — privacy extensions even
 * change it by themselves — so counting single IPv6 addresses would give an
 * attacker 2^64 fresh budgets.
 */
export function clientNetwork(ip: string): string {
  let addr: ipaddr.IPv4 | ipaddr.IPv6;
  try {
    addr = ipaddr.parse(ip);
  } catch {
    return ip; // not an address (cannot come from a socket): counted as the string it is
  }
  if (addr instanceof ipaddr.IPv6 && addr.isIPv4MappedAddress()) addr = addr.toIPv4Address();
  if (addr instanceof ipaddr.IPv4) return addr.toString();
  return `${new ipaddr.IPv6([...addr.parts.slice(0, 4), 0, 0, 0, 0]).toNormalizedString()}/64`;
}

/** The two throttle keys of an attempt. `ring` is `app.keys.server`; `ip` is `req.ip`. */
export function throttleKeys(ring: KeyRing, email: string, ip: string): ThrottleKeys {
  return { account: mac(ring, `account:${normaliseEmail(email)}`), ip: mac(ring, `ip:${clientNetwork(ip)}`) };
}

/** The longest lock among an attempt's keys: which limit, which key, until when, and Retry-After seconds. */
export type Lock = { limit: 'account' | 'address'; key: string; until: Date; seconds: number };

/** The longest lock among `keys` at `now`, or null when none is locked. */
export async function currentLock(trx: Tx, keys: ThrottleKeys, now: Date): Promise<Lock | null> {
  let longest: { key: string; until: Date } | null = null;
  for (const lock of await activeLocks(trx, [keys.account, keys.ip], now))
    if (!longest || lock.until > longest.until) longest = lock;
  if (!longest) return null;
  return {
    limit: longest.key === keys.account ? 'account' : 'address',
    key: longest.key,
    until: longest.until,
    seconds: Math.max(1, Math.ceil((longest.until.getTime() - now.getTime()) / 1000)),
  };
}

/** Count one failure for `key`; returns the lock in seconds when this failure reached the limit. */
async function countFailure(trx: Tx, key: string, limit: Limit, now: Date): Promise<number | null> {
  const failures = await countInTable(trx, key, now, new Date(now.getTime() - limit.windowMs));
  if (failures < limit.max) return null;
  const until = new Date(now.getTime() + limit.lockMs);
  await lockKey(trx, key, until);
  return Math.ceil(limit.lockMs / 1000);
}

/**
 * Count a failed attempt against both keys. Returns the Retry-After seconds
 * when either key is now locked, else null.
 */
export async function recordFailure(trx: Tx, keys: ThrottleKeys, now: Date): Promise<number | null> {
  const a = await countFailure(trx, keys.account, ACCOUNT_LIMIT, now);
  const b = await countFailure(trx, keys.ip, IP_LIMIT, now);
  if (a === null && b === null) return null;
  return Math.max(a ?? 0, b ?? 0);
}

/** After a successful sign-in: forget the account's failures. */
export async function resetAccount(trx: Tx, keys: Pick<ThrottleKeys, 'account'>): Promise<void> {
  await forgetKey(trx, keys.account);
}
