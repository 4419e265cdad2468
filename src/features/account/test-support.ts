/**
 * Helpers for this feature's tests: reading mails from the outbox, walking
 * through invitation acceptance like a browser, counting rows. Imported by
 * tests only.
 */
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { form } from '../../../test/support/auth.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { generateTotp } from '../../platform/security/totp.ts';

/** The newest outbox mail to `to` (the outbox is readable in the admin scope only, like the admins' page). */
export async function lastMailTo(app: FastifyInstance, to: string): Promise<{ subject: string; body: string } | null> {
  const row = await withScope(app.database.db, { kind: 'admin' }, (trx) =>
    trx
      .selectFrom('outbox_mail')
      .select(['subject', 'body_text'])
      .where('recipient', '=', to)
      .orderBy('created_at', 'desc')
      .limit(1)
      .executeTakeFirst(),
  );
  return row ? { subject: row.subject, body: row.body_text } : null;
}

export async function mailCount(app: FastifyInstance, to: string): Promise<number> {
  const r = await withScope(app.database.db, { kind: 'admin' }, (trx) =>
    trx
      .selectFrom('outbox_mail')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('recipient', '=', to)
      .executeTakeFirstOrThrow(),
  );
  return Number(r.n);
}

/** The token of the first `/staff/<kind>/<token>` link in a text. */
export function tokenIn(text: string, kind: 'invitation' | 'password-reset'): string {
  const m = new RegExp(`/staff/${kind}/([A-Za-z0-9_-]{43})`).exec(text);
  if (!m?.[1]) throw new Error(`no ${kind} link in text`);
  return m[1];
}

/** The value of a hidden input in a page. */
export function hiddenValue(html: string, name: string): string {
  const m = new RegExp(`name="${name}" value="([^"]*)"`).exec(html);
  if (!m?.[1]) throw new Error(`no ${name} in page`);
  return m[1];
}

/** The TOTP secret the enrolment page shows for manual entry. */
export function secretIn(html: string): string {
  const m = /<code class="secret">([A-Z2-7 ]+)<\/code>/.exec(html);
  if (!m?.[1]) throw new Error('no TOTP secret in page');
  return m[1].replace(/ /g, '');
}

/** The recovery codes a page lists. */
export function recoveryCodesIn(html: string): string[] {
  return [...html.matchAll(/<li><code>([a-z0-9-]{19})<\/code><\/li>/g)].map((m) => m[1]!);
}

export const GOOD_PASSWORD = 'sieben lange Wörter sind sicher genug';

export type Accepted = { password: string; totpSecret: string; recoveryCodes: string[]; doneBody: string };

/** Accept an invitation through the real pages (step 1 → TOTP → codes). */
export async function acceptInvitation(
  app: FastifyInstance,
  token: string,
  opts: { name?: string; password?: string; lang?: string } = {},
): Promise<Accepted> {
  const lang = opts.lang ?? 'de';
  const password = opts.password ?? GOOD_PASSWORD;
  const url = `/${lang}/staff/invitation/${token}`;
  const step1 = await app.inject({
    method: 'POST',
    url,
    ...form({ display_name: opts.name ?? 'Neue Person', password, password_repeat: password }),
  });
  expect(step1.statusCode).toBe(200);
  const secret = secretIn(step1.body);
  const state = hiddenValue(step1.body, 'state');
  const code = generateTotp(secret, app.clock.now());
  const step2 = await app.inject({ method: 'POST', url: `${url}/totp`, ...form({ state, code }) });
  // An administrator's enrolment goes on to the first passkey instead of recovery codes.
  if (step2.statusCode === 303) {
    expect(step2.headers.location).toBe(`/${lang}/staff/passkey-setup`);
    return { password, totpSecret: secret, recoveryCodes: [], doneBody: '' };
  }
  expect(step2.statusCode).toBe(200);
  return { password, totpSecret: secret, recoveryCodes: recoveryCodesIn(step2.body), doneBody: step2.body };
}

/** Row counts of the tables an acceptance writes (as the owner, through the admin scope). */
export async function accountRowCounts(app: FastifyInstance): Promise<Record<string, number>> {
  return withScope(app.database.db, { kind: 'admin' }, async (trx) => {
    const count = async (
      table: 'app_user' | 'recovery_code' | 'audit_log' | 'webauthn_credential' | 'user_session',
    ) => {
      const r = await trx
        .selectFrom(table)
        .select((eb) => eb.fn.countAll<string>().as('n'))
        .executeTakeFirstOrThrow();
      return Number(r.n);
    };
    const used = await trx
      .selectFrom('invitation')
      .select((eb) => eb.fn.countAll<string>().as('n'))
      .where('used_at', 'is not', null)
      .executeTakeFirstOrThrow();
    return {
      app_user: await count('app_user'),
      recovery_code: await count('recovery_code'),
      audit_log: await count('audit_log'),
      webauthn_credential: await count('webauthn_credential'),
      user_session: await count('user_session'),
      invitations_used: Number(used.n),
    };
  });
}

/** The audit events recorded so far, oldest first (the admin scope sees every chain). */
export async function auditEvents(
  app: FastifyInstance,
): Promise<
  { event: string; actor_id: string | null; object_id: string | null; centre_id: string | null; details: unknown }[]
> {
  return withScope(app.database.db, { kind: 'admin' }, (trx) =>
    trx
      .selectFrom('audit_log')
      .select(['event', 'actor_id', 'object_id', 'centre_id', 'details'])
      .orderBy('at')
      .orderBy('chain')
      .orderBy('seq')
      .execute(),
  );
}
