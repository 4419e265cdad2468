/**
 * `/:lang/staff/account` — the signed-in user's own account (policy action
 * 'account.manage'): change the password, list/remove passkeys (adding one
 * is in passkeys/passkey-routes.ts), regenerate recovery codes. Every change
 * needs a recent re-authentication (ASVS 7.5.1) and is audited.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../../../platform/audit/audit.ts';
import { AccessDenied } from '../../../platform/auth/access-denied.ts';
import { csrfField, csrfToken } from '../../../platform/auth/csrf.ts';
import { hasRecentAuth, reauthPath, requireRecentAuth } from '../../../platform/auth/reauth.ts';
import { deleteUserSessions } from '../../../platform/auth/session-store.ts';
import { scopeOf, type Actor } from '../../../platform/auth/types.ts';
import { withScope } from '../../../platform/db/tenant.ts';
import { parseOr400 } from '../../../platform/http/errors.ts';
import { translator, type Locale } from '../../../platform/i18n/index.ts';
import { pageContext } from '../../../platform/layout/context.ts';
import { sendPage } from '../../../platform/layout/render.ts';
import { hashPassword } from '../../../platform/security/password.ts';
import { actorOf, hasErrors, localeOf, PASSWORD_FIELD_MAX, type FieldErrors } from '../http.ts';
import { credentialId } from '../passkeys/webauthn-json.ts';
import { auditCredentialId, deletePasskey, listPasskeys } from '../passkeys/credential-store.ts';
import { newPasswordErrors } from '../password-form.ts';
import { replaceRecoveryCodes, unusedRecoveryCodeCount } from '../recovery-code-store.ts';
import { AccountPage, NewRecoveryCodesPage, type AccountView } from '../views/AccountPage.tsx';

const accountQuery = z.object({ done: z.enum(['password', 'passkey_added', 'passkey_removed']).optional() }).strict();
const passwordBody = z
  .object({
    ...csrfField,
    password: z.string().max(PASSWORD_FIELD_MAX),
    password_repeat: z.string().max(PASSWORD_FIELD_MAX),
    username: z.string().max(300).optional(),
  })
  .strict();
const removeBody = z.object({ ...csrfField, id: credentialId }).strict();
const csrfOnly = z.object({ ...csrfField }).strict();

async function loadAccount(req: FastifyRequest, actor: Actor): Promise<AccountView> {
  const app = req.server;
  return withScope(app.database.db, scopeOf(actor), async (trx) => {
    const user = await trx
      .selectFrom('app_user')
      .select(['display_name', 'email', 'role'])
      .where('id', '=', actor.userId)
      .executeTakeFirstOrThrow();
    const passkeys = await listPasskeys(trx, actor.userId);
    return {
      displayName: user.display_name,
      email: user.email,
      role: user.role,
      passkeys: passkeys.map((p) => ({ id: p.id, name: p.name, createdAt: p.createdAt, lastUsedAt: p.lastUsedAt })),
      recoveryCodesLeft: await unusedRecoveryCodeCount(trx, actor.userId),
    };
  });
}

export const accountPageRoutes: FastifyPluginAsync = async (app) => {
  const manage = { config: { action: 'account.manage' as const } };
  const pagePath = (locale: Locale) => `/${locale}/staff/account`;

  const renderPage = async (
    req: FastifyRequest,
    locale: Locale,
    extra: { done?: z.infer<typeof accountQuery>['done']; errors?: FieldErrors },
  ) => {
    const actor = actorOf(req);
    return AccountPage({
      ctx: pageContext(req, locale),
      t: translator(locale, 'account'),
      csrf: csrfToken(req),
      account: await loadAccount(req, actor),
      recent: hasRecentAuth(req),
      reauthHref: reauthPath(req, pagePath(locale)),
      ...extra,
    });
  };

  app.get('/:lang/staff/account', manage, async (req, reply) => {
    const locale = localeOf(req);
    const q = parseOr400(accountQuery, req.query, 'query');
    return sendPage(reply, await renderPage(req, locale, { done: q.done }));
  });

  app.post('/:lang/staff/account/password', manage, async (req, reply) => {
    const locale = localeOf(req);
    const actor = actorOf(req);
    const body = parseOr400(passwordBody, req.body, 'form');
    if (!requireRecentAuth(req, reply, undefined, pagePath(locale))) return reply;
    const t = translator(locale, 'account');
    const identity = await withScope(app.database.db, scopeOf(actor), (trx) =>
      trx
        .selectFrom('app_user')
        .select(['email', 'display_name'])
        .where('id', '=', actor.userId)
        .executeTakeFirstOrThrow(),
    );
    const errors = newPasswordErrors(
      t,
      locale,
      { password: body.password, repeat: body.password_repeat },
      { email: identity.email, name: identity.display_name },
    );
    if (hasErrors(errors)) return sendPage(reply, await renderPage(req, locale, { errors }), 400);
    const hash = await hashPassword(body.password);
    const now = app.clock.now();
    await withScope(app.database.db, scopeOf(actor), async (trx) => {
      await trx.updateTable('app_user').set({ password_hash: hash }).where('id', '=', actor.userId).execute();
      // Whoever knew the old password may hold another session: end those, keep this one.
      const ended = await deleteUserSessions(trx, actor.userId, actor.sessionHash);
      await audit(
        trx,
        app.keys.audit,
        {
          event: 'auth.password_changed',
          actorId: actor.userId,
          centreId: actor.centreId,
          objectType: 'app_user',
          objectId: actor.userId,
          details: { sessions_ended: ended },
        },
        now,
      );
    });
    return reply.redirect(`${pagePath(locale)}?done=password`, 303);
  });

  app.post('/:lang/staff/account/passkeys/remove', manage, async (req, reply) => {
    const locale = localeOf(req);
    const actor = actorOf(req);
    const body = parseOr400(removeBody, req.body, 'form');
    if (!requireRecentAuth(req, reply, undefined, pagePath(locale))) return reply;
    const now = app.clock.now();
    const removed = await withScope(app.database.db, scopeOf(actor), async (trx) => {
      if (!(await deletePasskey(trx, actor.userId, body.id))) return false;
      await audit(
        trx,
        app.keys.audit,
        {
          event: 'auth.mfa_passkey_removed',
          actorId: actor.userId,
          centreId: actor.centreId,
          objectType: 'webauthn_credential',
          objectId: auditCredentialId(body.id),
        },
        now,
      );
      return true;
    });
    // Someone else's passkey id (or none): refused and audited like any other right.
    if (!removed) throw new AccessDenied('object');
    return reply.redirect(`${pagePath(locale)}?done=passkey_removed`, 303);
  });

  app.post('/:lang/staff/account/recovery-codes', manage, async (req, reply) => {
    const locale = localeOf(req);
    const actor = actorOf(req);
    parseOr400(csrfOnly, req.body, 'form');
    if (!requireRecentAuth(req, reply, undefined, pagePath(locale))) return reply;
    const now = app.clock.now();
    const codes = await withScope(app.database.db, scopeOf(actor), async (trx) => {
      const fresh = await replaceRecoveryCodes(trx, app.keys.server, { id: actor.userId, centreId: actor.centreId });
      await audit(
        trx,
        app.keys.audit,
        {
          event: 'auth.mfa_recovery_codes_regenerated',
          actorId: actor.userId,
          centreId: actor.centreId,
          objectType: 'app_user',
          objectId: actor.userId,
        },
        now,
      );
      return fresh;
    });
    return sendPage(
      reply,
      NewRecoveryCodesPage({
        ctx: pageContext(req, locale),
        t: translator(locale, 'account'),
        csrf: csrfToken(req),
        codes,
      }),
    );
  });
};
