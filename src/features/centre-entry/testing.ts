/**
 * Test fixtures for the self-edit and review workflow (imported by tests
 * only): signed-in staff of two demo centres and the coordination office,
 * form posts with repeated fields, and reads of drafts and audit rows in the
 * admin scope.
 */
import type { FastifyInstance } from 'fastify';
import { createUser, signIn, type Session, type TestUser } from '../../../test/support/auth.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { demoNetworkCentres } from '../demo/network.ts';
import type { DirectoryEntry } from '../directory/entry.ts';
import { bodyFromForm } from './form-schema.ts';
import { formFromEntry } from './form-model.ts';

export type Staff = { user: TestUser; session: Session };

/** A demo centre by key (see demo/centres.ts), with its ids. */
export function demoCentre(key: string) {
  const c = demoNetworkCentres().find((x) => x.key === key);
  if (!c) throw new Error(`no demo centre ${key}`);
  return c;
}

export async function signedIn(app: FastifyInstance, role: TestUser['role'], centreId?: string): Promise<Staff> {
  const user = await createUser(app, { role, ...(centreId ? { centreId } : {}) });
  return { user, session: await signIn(app, user) };
}

/** POST a urlencoded body (lists become repeated fields) as `who`, with their CSRF token unless `_csrf` is given. */
export function post(app: FastifyInstance, who: Staff, url: string, body: Record<string, string | string[]> = {}) {
  const params = new URLSearchParams();
  if (!('_csrf' in body)) params.append('_csrf', who.session.csrf);
  for (const [k, v] of Object.entries(body)) for (const one of Array.isArray(v) ? v : [v]) params.append(k, one);
  return app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'application/x-www-form-urlencoded', cookie: who.session.cookie },
    payload: params.toString(),
  });
}

export function get(app: FastifyInstance, who: Staff | null, url: string) {
  return app.inject({ method: 'GET', url, headers: who ? { cookie: who.session.cookie } : {} });
}

/** The body of the entry form filled with `entry`, changed by `change`. */
export function entryBody(entry: DirectoryEntry, change: (f: ReturnType<typeof formFromEntry>) => void = () => {}) {
  const form = formFromEntry(entry);
  change(form);
  return bodyFromForm(form);
}

export async function publishedEntry(
  app: FastifyInstance & { directory: { get(): Promise<{ byId: ReadonlyMap<string, DirectoryEntry> }> } },
  serviceId: string,
) {
  const e = (await app.directory.get()).byId.get(serviceId);
  if (!e) throw new Error(`service ${serviceId} not published`);
  return e;
}

export type DraftRow = { id: string; centre_id: string; status: string; review_comment: string | null };

/** Every draft of the installation (admin scope: what the database really holds). */
export function allDrafts(app: FastifyInstance): Promise<DraftRow[]> {
  return withScope(app.database.db, { kind: 'admin' }, (trx) =>
    trx
      .selectFrom('directory_draft')
      .select(['id', 'centre_id', 'status', 'review_comment'])
      .orderBy('submitted_at')
      .execute(),
  );
}

export type AuditRow = {
  event: string;
  centre_id: string | null;
  actor_id: string | null;
  object_id: string | null;
  details: unknown;
};

export function auditRows(app: FastifyInstance, event: string): Promise<AuditRow[]> {
  return withScope(app.database.db, { kind: 'admin' }, (trx) =>
    trx
      .selectFrom('audit_log')
      .select(['event', 'centre_id', 'actor_id', 'object_id', 'details'])
      .where('event', '=', event)
      .orderBy('at')
      .execute(),
  );
}
