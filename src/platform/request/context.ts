/**
 * What a staff route needs from its request, in one call:
 *
 *     const { actor, locale, tx } = staffRequest(req);
 *     const rows = await tx((trx) => auditPage(trx, query));
 *
 * - `actor`: the signed-in person whose role holds the route's action. The
 *   authorisation hook has already refused everyone else; a handler
 *   reaching here without such an actor is a wiring bug, answered like any
 *   refusal (404) rather than trusted.
 * - `tx`: a tenant transaction in the actor's row-level-security scope
 *   (platform/db/tenant.ts): centre roles see their centre's rows only.
 * - `locale`: the request's language (settled once, request-locale.ts).
 *
 * Sign-in flows, which run before there is an actor, use `accountTx` (bound
 * to the account the visitor named) or `sessionTx` (the pending or
 * restricted session's own account).
 */
import type { FastifyRequest } from 'fastify';
import { AccessDenied } from '../auth/access-denied.ts';
import { can } from '../auth/policy.ts';
import { scopeOf, type Actor } from '../auth/types.ts';
import { withScope, type AccountKeys, type Scope, type Tx } from '../db/tenant.ts';
import type { Locale } from '../i18n/locales.ts';

export type StaffRequest = {
  actor: Actor;
  locale: Locale;
  scope: Scope;
  /** Run `fn` in one transaction restricted to the actor's scope. */
  tx<T>(fn: (trx: Tx) => Promise<T>): Promise<T>;
};

export function staffRequest(req: FastifyRequest): StaffRequest {
  const actor = req.actor;
  // The authorisation hook has refused these already; repeating the check
  // keeps a handler safe even if it were mounted without the hook.
  const action = req.routeOptions.config?.action;
  if (!actor || (action && !can(actor, action))) throw new AccessDenied('role');
  const scope = scopeOf(actor);
  const db = req.server.database.db;
  return { actor, locale: req.locale, scope, tx: (fn) => withScope(db, scope, fn) };
}

/**
 * A transaction for a sign-in, invitation, reset or e-mail-change flow,
 * bound to one account by what the visitor presented — an address, a
 * one-time link's token hash, or the id a previous step found (ADR 021):
 * it sees that account's rows and no other.
 */
export function accountTx<T>(req: FastifyRequest, keys: AccountKeys, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return withScope(req.server.database.db, { kind: 'account', ...keys }, fn);
}

/**
 * A transaction bound to the account of the request's session, even where
 * the session sets no actor: a pending sign-in (second factor), an
 * administrator's restricted session that may only add a passkey, a
 * re-authentication. The authorisation hook decides who gets here.
 */
export function sessionTx<T>(req: FastifyRequest, fn: (trx: Tx) => Promise<T>): Promise<T> {
  const s = req.authSession;
  if (!s) throw new AccessDenied('role');
  return accountTx(req, { userId: s.userId }, fn);
}

/**
 * A transaction for a visitor nobody has identified — a public form such as
 * a reader's error report: the 'auth' scope, which sees no account and no
 * tenant's rows and writes only what its policies let the public write.
 */
export function anonymousTx<T>(req: FastifyRequest, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return withScope(req.server.database.db, { kind: 'auth' }, fn);
}

/**
 * A transaction for the public referral form (migrations/0023): the
 * 'intake' scope, which may add a referral for any centre with an active
 * member but reads no referral, not even the one it wrote.
 */
export function intakeTx<T>(req: FastifyRequest, fn: (trx: Tx) => Promise<T>): Promise<T> {
  return withScope(req.server.database.db, { kind: 'intake' }, fn);
}

/**
 * A transaction for the referral status page: the 'receipt' scope, which
 * sees only the referral stored under one of `receiptHashes` (what the
 * visitor's code hashes to under each server key) and its history.
 */
export function receiptTx<T>(
  req: FastifyRequest,
  receiptHashes: readonly string[],
  fn: (trx: Tx) => Promise<T>,
): Promise<T> {
  return withScope(req.server.database.db, { kind: 'receipt', receiptHashes }, fn);
}
