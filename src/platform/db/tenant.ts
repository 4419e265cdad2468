/**
 * The tenant transaction. Every request that touches centre-owned rows runs
 * inside one: the transaction switches to the restricted application role
 * and sets the scope that the row-level-security policies read (ADR 011).
 * The settings are transaction-local (`set_config(…, true)`), so nothing
 * leaks to the next user of a pooled connection, and outside such a
 * transaction the policies see no scope and show nothing (fail closed).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

export const APP_ROLE = 'schutznetz_app';

export type Scope =
  /** Platform administrators and the coordination office: every centre. */
  | { kind: 'network' }
  /** Centre leads and counsellors: their own centre only. */
  | { kind: 'centre'; centreId: string }
  /** Sign-in, invitation and password-reset flows before a session exists. */
  | { kind: 'auth' }
  /**
   * The scheduled retention purge only (never a request): the one scope that
   * may delete one-time links and outbox mails (migrations/0015).
   */
  | { kind: 'retention' };

export type Tx = Transaction<DB>;

/** Run `fn` in a transaction restricted to `scope`. */
export async function withScope<T>(db: Kysely<DB>, scope: Scope, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await enterScope(trx, scope);
    return fn(trx);
  });
}

/**
 * Run `fn` in a transaction as the application role without a tenant scope,
 * for the platform's own bookkeeping in tables without row-level security
 * (scheduled jobs): the grants still apply, and every table under RLS shows
 * nothing (fail closed).
 */
export async function withAppRole<T>(db: Kysely<DB>, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return db.transaction().execute(async (trx) => {
    await enterAppRole(trx);
    return fn(trx);
  });
}

async function enterAppRole(trx: Tx): Promise<void> {
  // SET ROLE takes an identifier, not a parameter; APP_ROLE is a constant.
  await sql.raw(`SET LOCAL ROLE ${APP_ROLE}`).execute(trx);
}

/** Restrict an already open transaction (used by withScope and by tests). */
export async function enterScope(trx: Tx, scope: Scope): Promise<void> {
  await enterAppRole(trx);
  await sql`SELECT set_config('app.scope', ${scope.kind}, true),
                   set_config('app.centre_id', ${scope.kind === 'centre' ? scope.centreId : ''}, true)`.execute(trx);
}
