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
 * CLI): the link sets the password and the authenticator app and ends with
 * adding a passkey; administrators sign in with that passkey only
 * (policy.ts PASSKEY_ONLY_ROLES), never with a code.
 */
export const ADMIN_PASSKEY_NOTE = [
  'The link sets a password and an authenticator app, then asks for a passkey: keep that browser tab open and',
  'add it within 30 minutes (a security key, a phone, or the computer’s own authenticator). Administrators sign in',
  'with the passkey only; open the link at the address above, since a passkey belongs to that host name.',
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
    {
      db: app.database.db,
      auditRing: app.keys.audit,
      publicOrigin: app.config.publicOrigin,
      mail: app,
      now: app.clock.now(),
    },
    DEMO_ADMIN_EMAIL,
    DEMO_ADMIN_NAME,
    'demo',
  );
  return result.ok ? result.link : null;
}
