/**
 * The flood guard for audit events a visitor can repeat at will: attempts
 * while locked out, refused cross-site forms, reads of the audit log and of
 * account pages, re-authentications, address-change requests. Each of them
 * must be recorded, but a script repeating one must not fill the log or
 * drown the other events in it.
 *
 * Per guard key (what the events are grouped by: event, account, route …)
 * and time window, the events are counted in `audit_flood_guard`
 * (migrations/0016). The first event of a window is written to the audit
 * log; later ones in the same window only add to the count, and are
 * written again at the 10th, 100th, 1000th …, each row carrying the count so
 * far (`occurrences`). A person doing something once is recorded once; ten
 * thousand repetitions in one window leave five rows, the last saying 10000.
 *
 * The counter is one atomic statement in the caller's transaction, so of
 * parallel events exactly one sees each count; if the transaction rolls
 * back, count and row go together. The key is stored as an HMAC under the
 * server key, so the table holds no id or route in clear. The table has no
 * row-level security and the audit writer works in every scope, so the
 * guard also works before anyone is signed in ('auth').
 */
import { createHmac } from 'node:crypto';
import type { Tx } from '../db/tenant.ts';
import { currentKey, type KeyRing } from '../security/keys.ts';
import { audit, type AuditEntry } from './audit.ts';
import { countGuardedEvent, forgetGuardWindows } from './queries.ts';

/** The default window: one minute. */
export const FLOOD_WINDOW_MS = 60_000;
/** Windows older than this are deleted when a new one opens (no window is longer). */
const GUARD_RETENTION_MS = 24 * 60 * 60_000;

export type FloodGuard = {
  /** What the events are grouped by; the event name is always part of it. Ids and route patterns, never input. */
  by: readonly string[];
  /** The window's length (default one minute). */
  windowMs?: number;
};

/** The rings the guarded writer needs: `app.keys`. */
export type GuardKeys = { audit: KeyRing; server: KeyRing };

function guardKey(ring: KeyRing, event: string, by: readonly string[]): string {
  const mac = createHmac('sha256', currentKey(ring).key).update('schutznetz/audit-flood-guard/v1');
  for (const part of [event, ...by]) mac.update('\u0000').update(part, 'utf8');
  return mac.digest('hex');
}

/** 1, 10, 100, 1000 …: the counts at which an event is written again. */
export function isMilestone(count: number): boolean {
  let m = 1;
  while (m < count) m *= 10;
  return m === count;
}

/**
 * Append `entry` (with `occurrences`, the count in its window so far) if it
 * is the first of its guard window or reaches a milestone; otherwise only
 * count it. Runs in the caller's transaction, in any scope that may write
 * the entry's chain.
 * @returns whether a row was written
 */
export async function auditGuarded(
  trx: Tx,
  keys: GuardKeys,
  entry: AuditEntry,
  at: Date,
  guard: FloodGuard,
): Promise<boolean> {
  const windowMs = guard.windowMs ?? FLOOD_WINDOW_MS;
  const key = guardKey(keys.server, entry.event, guard.by);
  const count = await countGuardedEvent(trx, key, at, new Date(at.getTime() - windowMs));
  if (count === 1) await forgetGuardWindows(trx, new Date(at.getTime() - GUARD_RETENTION_MS));
  if (!isMilestone(count)) return false;
  await audit(trx, keys.audit, { ...entry, details: { ...entry.details, occurrences: count } }, at);
  return true;
}
