/**
 * The tenant transaction. Every request that touches centre-owned rows runs
 * inside one: the transaction switches to the restricted application role
 * and sets the scope that the row-level-security policies read (ADR 011,
 * ADR 021). The settings are transaction-local (`set_config(…, true)`), so
 * nothing leaks to the next user of a pooled connection, and outside such a
 * transaction the policies see no scope and show nothing (fail closed).
 */
import { sql, type Kysely, type Transaction } from 'kysely';
import type { DB } from './schema.ts';

export const APP_ROLE = 'schutznetz_app';

/** The keys an account scope is bound to; at least one must be given. */
export type AccountKeys = {
  /** The account's own rows: its user row, sessions, factors, links, and its tenant's audit chain. */
  userId?: string;
  /** The account row with this (normalised) address, and the invitations to it. */
  email?: string;
  /** The one-time link (reset, e-mail change, invitation) with this token hash, and the account it acts on. */
  linkTokenHash?: string;
};

export type Scope =
  /** Platform administrators (and the operator's commands and jobs): every centre, the mail outbox. */
  | { kind: 'admin' }
  /**
   * The coordination office: every centre, never the outbox. `publishing`
   * names the centre whose reviewed draft is being published: only then may
   * the transaction write directory rows, and only that centre's.
   */
  | { kind: 'coordination'; publishing?: string }
  /**
   * Centre leads and counsellors: their own centre only. `forwarding` names
   * the one referral this transaction hands over to another centre; only
   * then may it move that referral (migrations/0023).
   */
  | { kind: 'centre'; centreId: string; forwarding?: string }
  /** Sign-in, invitation, reset and e-mail-change flows: one account, named by what the visitor presented. */
  | ({ kind: 'account' } & AccountKeys)
  /**
   * Before anyone is identified: no account row at all. Sessions are looked
   * up only through `auth_session(token_hash)`; appends go to the network
   * audit chain only.
   */
  | { kind: 'auth' }
  /** The operator's bulk writes of the public directory (import, demo content): every directory row, nothing else. */
  | { kind: 'import' }
  /**
   * The scheduled retention purge only (never a request): the one scope that
   * may delete one-time links and outbox mails (migrations/0015).
   */
  | { kind: 'retention' }
  /**
   * The public referral form (migrations/0023): inserts a new referral for
   * any centre with an active member, reads centre keys and the mail's
   * recipients; reads no referral, not even the one it wrote.
   */
  | { kind: 'intake' }
  /**
   * The operator's `schutznetz keys rewrap` only (never a request): reads
   * every centre's referral key and re-wraps it under the current
   * key-encryption key (migrations/0025) — the one scope that may change a
   * key row, and only its wrapped_key.
   */
  | { kind: 'keys' }
  /**
   * The referral status page: only the referral whose receipt-code hash the
   * visitor presented (one hash per server key still in the ring), and its
   * history.
   */
  | { kind: 'receipt'; receiptHashes: readonly string[] };

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

/** The transaction-local settings a scope stands for (every one of them, so a narrower scope clears a wider one's keys). */
type Settings = { centre: string; userId: string; email: string; link: string; receipts: string; forwarding: string };

function settingsOf(scope: Scope): Settings {
  const none: Settings = { centre: '', userId: '', email: '', link: '', receipts: '', forwarding: '' };
  switch (scope.kind) {
    case 'centre':
      return { ...none, centre: scope.centreId, forwarding: scope.forwarding ?? '' };
    case 'coordination':
      return { ...none, centre: scope.publishing ?? '' };
    case 'account':
      if (!scope.userId && !scope.email && !scope.linkTokenHash)
        throw new Error('An account scope needs a user id, an address or a link token hash.');
      return { ...none, userId: scope.userId ?? '', email: scope.email ?? '', link: scope.linkTokenHash ?? '' };
    case 'receipt':
      // Hex digests only: a comma inside one would split it into other values.
      if (scope.receiptHashes.length === 0 || !scope.receiptHashes.every((h) => /^[0-9a-f]{64}$/.test(h)))
        throw new Error('A receipt scope needs receipt-code hashes.');
      return { ...none, receipts: scope.receiptHashes.join(',') };
    default:
      return none;
  }
}

/**
 * Restrict an already open transaction (used by withScope and by tests). May
 * be called again inside the same transaction to change the scope — to a
 * narrower one once a flow knows whose rows it works on.
 */
export async function enterScope(trx: Tx, scope: Scope): Promise<void> {
  await enterAppRole(trx);
  await setScopeSettings(trx, scope);
}

/**
 * Set the scope without switching to the application role: for the owner's
 * own maintenance (demo content, its removal), which also writes tables
 * only the owner may write. Row-level security is forced for the owner too,
 * so the scope still decides which rows it reaches.
 */
export async function setScopeSettings(trx: Tx, scope: Scope): Promise<void> {
  const s = settingsOf(scope);
  await sql`SELECT set_config('app.scope', ${scope.kind}, true),
                   set_config('app.centre_id', ${s.centre}, true),
                   set_config('app.user_id', ${s.userId}, true),
                   set_config('app.account_email', ${s.email}, true),
                   set_config('app.link_token', ${s.link}, true),
                   set_config('app.receipt_hashes', ${s.receipts}, true),
                   set_config('app.forwarding', ${s.forwarding}, true)`.execute(trx);
}
