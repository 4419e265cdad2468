/**
 * `/:lang/staff/account/totp` — replace the authenticator app (policy
 * action 'account.manage', recent re-authentication required, ASVS 7.5.1).
 * GET shows a new secret; only a POST with a valid code from the new app
 * stores it, so a half-done change never locks anyone out.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../../../platform/audit/audit.ts';
import { csrfField, csrfToken } from '../../../platform/auth/csrf.ts';
import { requireRecentAuth } from '../../../platform/auth/reauth.ts';
import { storeTotpSecret } from '../../../platform/auth/totp-secret.ts';
import type { Actor } from '../../../platform/auth/types.ts';
import { ACCOUNT_MANAGE } from '../../../platform/auth/policy.ts';
import { endPendingLinks } from '../../../platform/auth/queries/one-time-links.ts';
import { emailOf, setTotpLastStep } from '../../../platform/auth/queries/users.ts';
import { staffRequest } from '../../../platform/request/context.ts';
import { parseOr400 } from '../../../platform/http/errors.ts';
import { translator, type Locale } from '../../../platform/i18n/index.ts';
import { pageContext } from '../../../platform/layout/context.ts';
import { sendPage } from '../../../platform/layout/render.ts';
import { qrCodeSvg } from '../../../platform/security/qr-svg.ts';
import { generateTotpSecret, totpUri, verifyTotp } from '../../../platform/security/totp.ts';
import { TOTP_NS } from './messages.ts';
import { MAX_PENDING_LENGTH, openPendingSecret, sealPendingSecret, type PendingOwner } from './pending-secret.ts';
import { TotpChangeDonePage, TotpChangePage } from './TotpChangePages.tsx';
import { sendSecurityNotice } from '../../../platform/auth/security-notice.ts';

const confirmBody = z
  .object({
    ...csrfField,
    state: z.string().max(MAX_PENDING_LENGTH),
    code: z.string().max(32),
  })
  .strict();

function ownerOf(actor: Actor): PendingOwner {
  return { userId: actor.userId, centreId: actor.centreId, sessionHash: actor.sessionHash };
}

export const totpChangeRoutes: FastifyPluginAsync = async (app) => {
  const manage = { config: { action: ACCOUNT_MANAGE } };
  const formPath = (locale: Locale) => `/${locale}/staff/account/totp`;

  /** The set-up page for `secret` (sealed into `state`), optionally with an error next to the code. */
  const sendSetup = async (
    req: FastifyRequest,
    reply: FastifyReply,
    locale: Locale,
    pending: { secret: string; state: string },
    error?: string,
  ) => {
    const { actor, tx } = staffRequest(req);
    const t = translator(locale, TOTP_NS);
    const email = await tx((trx) => emailOf(trx, actor.userId));
    const uri = totpUri(pending.secret, email);
    const qrSvg = await qrCodeSvg(uri, t('qrLabel'));
    const page = TotpChangePage({
      ctx: pageContext(req),
      t,
      csrf: csrfToken(req),
      state: pending.state,
      qrSvg,
      secret: pending.secret,
      uri,
      error,
    });
    return sendPage(reply, page, error ? 400 : 200);
  };

  const freshPending = (actor: Actor) => {
    const secret = generateTotpSecret();
    return { secret, state: sealPendingSecret(app.keys.server, ownerOf(actor), secret, app.clock.now()) };
  };

  app.get('/:lang/staff/account/totp', manage, async (req, reply) => {
    const locale = req.locale;
    if (!requireRecentAuth(req, reply)) return reply;
    return sendSetup(req, reply, locale, freshPending(staffRequest(req).actor));
  });

  app.post('/:lang/staff/account/totp', manage, async (req, reply) => {
    const { actor, locale, tx } = staffRequest(req);
    const body = parseOr400(confirmBody, req.body, 'form');
    if (!requireRecentAuth(req, reply, undefined, formPath(locale))) return reply;
    const t = translator(locale, TOTP_NS);
    const now = app.clock.now();
    const secret = openPendingSecret(app.keys.server, ownerOf(actor), body.state, now);
    if (!secret) return sendSetup(req, reply, locale, freshPending(actor), t('errors.restart'));
    const check = verifyTotp(secret, body.code, { now });
    if (!check.ok) return sendSetup(req, reply, locale, { secret, state: body.state }, t('errors.code'));

    await tx(async (trx) => {
      await storeTotpSecret(trx, app.keys.encryption, { id: actor.userId, centreId: actor.centreId }, secret);
      // The confirming code's step counts as used, so it cannot sign anyone in afterwards.
      await setTotpLastStep(trx, actor.userId, check.step);
      // A factor changed: no link asked for before (by whoever held a session then) outlives it.
      await endPendingLinks(trx, actor.userId, now);
      await sendSecurityNotice(app, trx, actor.userId, 'authenticatorReplaced', now);
      await audit(
        trx,
        app.keys.audit,
        {
          event: 'auth.mfa_totp_enrolled',
          actorId: actor.userId,
          centreId: actor.centreId,
          objectType: 'app_user',
          objectId: actor.userId,
          details: { replaced: true },
        },
        now,
      );
    });
    return sendPage(reply, TotpChangeDonePage({ ctx: pageContext(req), t }));
  });
};
