/**
 * The demo administrator: on the embedded database with demo content and no
 * administrator yet, `npm start` prints a one-time setup link so whoever
 * tries Schutznetz locally can sign in and see the staff side. Never on
 * PostgreSQL and never without demo content, so a production installation
 * cannot get an administrator it did not ask for (there: `schutznetz users
 * create-admin`).
 */
import type { FastifyInstance } from 'fastify';
import { withScope } from '../../platform/db/tenant.ts';
import { issueAdminInvitation } from './operator.ts';
import { anyAdministrator } from './queries.ts';

export const DEMO_ADMIN_EMAIL = 'admin@demo.schutznetz.invalid';

/**
 * What whoever receives an administrator's setup link must know (console and
 * CLI): the link enrols the authenticator app, but administrators get full
 * access only after signing in with a passkey (policy.ts PASSKEY_ONLY_ROLES).
 */
export const ADMIN_PASSKEY_NOTE = [
  'After the first sign-in (with the authenticator app) an administrator must add a passkey and then sign in with it;',
  'use a browser that supports passkeys (a security key, a phone, or the computer’s own authenticator).',
] as const;
const DEMO_ADMIN_NAME = 'Demo-Administration';

/**
 * Create an invitation for the demo administrator and return its setup link
 * (`${publicOrigin}/de/staff/invitation/<token>`, 72 h, once) — or null when
 * an administrator exists already, the database is not the embedded one, or
 * there is no demo content. Each call makes a new link and closes the
 * previous one (its token cannot be recovered from the stored hash).
 */
export async function demoAdminSetupLink(app: FastifyInstance): Promise<string | null> {
  if (app.config.database.kind !== 'pglite' || !app.platform.isDemo()) return null;
  const hasAdmin = await withScope(app.database.db, { kind: 'admin' }, anyAdministrator);
  if (hasAdmin) return null;
  const result = await issueAdminInvitation(
    { db: app.database.db, auditRing: app.keys.audit, publicOrigin: app.config.publicOrigin, now: app.clock.now() },
    DEMO_ADMIN_EMAIL,
    DEMO_ADMIN_NAME,
    'demo',
  );
  return result.ok ? result.link : null;
}
