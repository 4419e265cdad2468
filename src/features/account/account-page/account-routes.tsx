/**
 * `/:lang/staff/account` — the signed-in user's own account (policy action
 * 'account.manage'): change the password, list/remove passkeys (adding one
 * is in passkeys/passkey-routes.ts), regenerate recovery codes. Every change
 * needs a recent re-authentication (ASVS 7.5.1), is audited and ends the
 * account's pending one-time links (endPendingLinks).
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../../../platform/audit/audit.ts';
import { requireAccess } from '../../../platform/auth/access.ts';
import { csrfField, csrfToken } from '../../../platform/auth/csrf.ts';
import { hasRecentAuth, reauthPath, requireRecentAuth } from '../../../platform/auth/reauth.ts';
import { ACCOUNT_MANAGE } from '../../../platform/auth/policy.ts';
import { endPendingLinks } from '../../../platform/auth/queries/one-time-links.ts';
import { deleteUserSessions } from '../../../platform/auth/queries/sessions.ts';
import { parseOr400 } from '../../../platform/http/errors.ts';
import { translator, type Locale } from '../../../platform/i18n/index.ts';
import { staffRequest } from '../../../platform/request/context.ts';
import { hasErrors, type FieldErrors } from '../../../platform/staff/forms.tsx';
import { pageContext } from '../../../platform/layout/context.ts';
import { sendPage } from '../../../platform/layout/render.ts';
import { hashPassword } from '../../../platform/security/password.ts';
import { PASSWORD_FIELD_MAX } from '../password-form.ts';
import { credentialId } from '../passkeys/webauthn-json.ts';
import { auditCredentialId, deletePasskey, listPasskeys, passkeyOwner } from '../passkeys/queries.ts';
import { newPasswordErrors } from '../password-form.ts';
import { ownAccount, replaceRecoveryCodes, setPasswordHash, unusedRecoveryCodeCount } from '../queries.ts';
import { AccountPage, NewRecoveryCodesPage, type AccountView } from '../views/AccountPage.tsx';
import { sendSecurityNotice } from '../../../platform/auth/security-notice.ts';

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

async function loadAccount(req: FastifyRequest): Promise<AccountView> {
  const { actor, tx } = staffRequest(req);
  return tx(async (trx) => {
    const user = await ownAccount(trx, actor.userId);
    const passkeys = await listPasskeys(trx, actor.userId);
    return {
      ...user,
      passkeys: passkeys.map((p) => ({ id: p.id, name: p.name, createdAt: p.createdAt, lastUsedAt: p.lastUsedAt })),
      recoveryCodesLeft: await unusedRecoveryCodeCount(trx, actor.userId),
    };
  });
}

export const accountPageRoutes: FastifyPluginAsync = async (app) => {
  const manage = { config: { action: ACCOUNT_MANAGE } };
  const pagePath = (locale: Locale) => `/${locale}/staff/account`;

  const renderPage = async (
    req: FastifyRequest,
    locale: Locale,
    extra: { done?: z.infer<typeof accountQuery>['done']; errors?: FieldErrors },
  ) => {
    return AccountPage({
      ctx: pageContext(req),
      t: translator(locale, 'account'),
      csrf: csrfToken(req),
      account: await loadAccount(req),
      recent: hasRecentAuth(req),
      reauthHref: reauthPath(req, pagePath(locale)),
      origin: app.config.publicOrigin,
      ...extra,
    });
  };

  app.get('/:lang/staff/account', manage, async (req, reply) => {
    const locale = req.locale;
    const q = parseOr400(accountQuery, req.query, 'query');
    return sendPage(reply, await renderPage(req, locale, { done: q.done }));
  });

  app.post('/:lang/staff/account/password', manage, async (req, reply) => {
    const { actor, locale, tx } = staffRequest(req);
    const body = parseOr400(passwordBody, req.body, 'form');
    if (!requireRecentAuth(req, reply, undefined, pagePath(locale))) return reply;
    const t = translator(locale, 'account');
    const identity = await tx((trx) => ownAccount(trx, actor.userId));
    const errors = newPasswordErrors(
      t,
      locale,
      { password: body.password, repeat: body.password_repeat },
      { email: identity.email, name: identity.displayName },
    );
    if (hasErrors(errors)) return sendPage(reply, await renderPage(req, locale, { errors }), 400);
    const hash = await hashPassword(body.password);
    const now = app.clock.now();
    await tx(async (trx) => {
      await setPasswordHash(trx, actor.userId, hash);
      // Whoever knew the old password may hold another session: end those, keep this one,
      // and every link such a session (or the mailbox) may have asked for.
      const ended = await deleteUserSessions(trx, actor.userId, actor.sessionHash);
      await endPendingLinks(trx, actor.userId, now);
      await sendSecurityNotice(app, trx, actor.userId, 'passwordChanged', now);
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
    const { actor, locale, tx } = staffRequest(req);
    const body = parseOr400(removeBody, req.body, 'form');
    if (!requireRecentAuth(req, reply, undefined, pagePath(locale))) return reply;
    const now = app.clock.now();
    await tx(async (trx) => {
      // Somebody else's passkey id (or none): refused and audited like any other right.
      requireAccess(actor, ACCOUNT_MANAGE, await passkeyOwner(trx, body.id), { missing: 'refused' });
      await deletePasskey(trx, actor.userId, body.id);
      await endPendingLinks(trx, actor.userId, now);
      await sendSecurityNotice(app, trx, actor.userId, 'passkeyRemoved', now);
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
    });
    return reply.redirect(`${pagePath(locale)}?done=passkey_removed`, 303);
  });

  app.post('/:lang/staff/account/recovery-codes', manage, async (req, reply) => {
    const { actor, locale, tx } = staffRequest(req);
    parseOr400(csrfOnly, req.body, 'form');
    if (!requireRecentAuth(req, reply, undefined, pagePath(locale))) return reply;
    const now = app.clock.now();
    const codes = await tx(async (trx) => {
      const fresh = await replaceRecoveryCodes(trx, app.keys.server, { id: actor.userId, centreId: actor.centreId });
      await endPendingLinks(trx, actor.userId, now);
      await sendSecurityNotice(app, trx, actor.userId, 'recoveryCodesRegenerated', now);
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
        ctx: pageContext(req),
        t: translator(locale, 'account'),
        codes,
      }),
    );
  });
};
