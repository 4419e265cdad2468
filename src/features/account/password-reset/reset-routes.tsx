/**
 * `/:lang/staff/password-reset` (ask for a link) and
 * `/:lang/staff/password-reset/:token` (set the new password). Pre-session
 * forms: the auth plugin checks Origin / Sec-Fetch-Site, the token does the
 * rest. The request is answered identically whether or not the address has
 * an account, and the work happens after the answer (background.ts), so
 * neither content nor timing tells.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { signInPath } from '../../../platform/auth/next-path.ts';
import { hashToken } from '../../../platform/security/tokens.ts';
import { accountTx } from '../../../platform/request/context.ts';
import { hasErrors } from '../../../platform/staff/forms.tsx';
import { parseOr400 } from '../../../platform/http/errors.ts';
import { translator, type Locale } from '../../../platform/i18n/index.ts';
import { pageContext } from '../../../platform/layout/context.ts';
import { sendPage } from '../../../platform/layout/render.ts';
import { hashPassword } from '../../../platform/security/password.ts';
import { runInBackground } from '../background.ts';
import { emailSchema } from '../../../platform/auth/email.ts';
import { PASSWORD_FIELD_MAX } from '../password-form.ts';
import { newPasswordErrors } from '../password-form.ts';
import { ResetInvalidPage, ResetNewPasswordPage, ResetRequestPage, ResetSentPage } from '../views/ResetPages.tsx';
import { completeReset, requestReset } from './reset-flow.ts';
import { findOpenLink, type OpenLink } from '../../../platform/auth/queries/one-time-links.ts';

const requestBody = z.object({ email: z.string().max(1000) }).strict();
const tokenParams = z.object({ lang: z.string(), token: z.string().max(200) }).strict();

/** The link's token, or '' for anything that cannot be one (answered like an unknown token). */
function tokenOf(req: FastifyRequest): string {
  const p = tokenParams.safeParse(req.params);
  return p.success ? p.data.token : '';
}
const newPasswordBody = z
  .object({
    password: z.string().max(PASSWORD_FIELD_MAX),
    password_repeat: z.string().max(PASSWORD_FIELD_MAX),
    username: z.string().max(300).optional(),
  })
  .strict();

async function openReset(req: FastifyRequest): Promise<{ locale: Locale; token: string; reset: OpenLink | null }> {
  const locale = req.locale;
  const token = tokenOf(req);
  const app = req.server;
  const reset = await accountTx(req, { linkTokenHash: hashToken(token) }, (trx) =>
    findOpenLink(trx, 'password_reset', token, app.clock.now()),
  );
  return { locale, token, reset };
}

function sendInvalid(req: FastifyRequest, reply: FastifyReply, locale: Locale) {
  return sendPage(reply, ResetInvalidPage({ ctx: pageContext(req), t: translator(locale, 'account') }), 410);
}

export const resetRoutes: FastifyPluginAsync = async (app) => {
  const flow = { config: { authFlow: 'anonymous' as const } };

  app.get('/:lang/staff/password-reset', flow, async (req, reply) => {
    const locale = req.locale;
    return sendPage(reply, ResetRequestPage({ ctx: pageContext(req), t: translator(locale, 'account') }));
  });

  app.post('/:lang/staff/password-reset', flow, async (req, reply) => {
    const locale = req.locale;
    const t = translator(locale, 'account');
    const body = parseOr400(requestBody, req.body, 'form');
    const email = emailSchema.safeParse(body.email);
    if (!email.success) {
      return sendPage(
        reply,
        ResetRequestPage({
          ctx: pageContext(req),
          t,
          email: body.email,
          errors: { email: t('reset.errors.email') },
        }),
        400,
      );
    }
    runInBackground(app, 'password_reset_request', () => requestReset(app, email.data, locale));
    return sendPage(reply, ResetSentPage({ ctx: pageContext(req), t }));
  });

  app.get('/:lang/staff/password-reset/:token', flow, async (req, reply) => {
    const { locale, token, reset } = await openReset(req);
    if (!reset) return sendInvalid(req, reply, locale);
    const t = translator(locale, 'account');
    return sendPage(
      reply,
      ResetNewPasswordPage({
        ctx: pageContext(req),
        t,
        action: `/${locale}/staff/password-reset/${token}`,
        email: reset.email,
      }),
    );
  });

  app.post('/:lang/staff/password-reset/:token', flow, async (req, reply) => {
    const { locale, token, reset } = await openReset(req);
    if (!reset) return sendInvalid(req, reply, locale);
    const t = translator(locale, 'account');
    const body = parseOr400(newPasswordBody, req.body, 'form');
    const errors = newPasswordErrors(
      t,
      locale,
      { password: body.password, repeat: body.password_repeat },
      { email: reset.email, name: reset.displayName },
    );
    if (hasErrors(errors)) {
      const page = ResetNewPasswordPage({
        ctx: pageContext(req),
        t,
        action: `/${locale}/staff/password-reset/${token}`,
        email: reset.email,
        errors,
      });
      return sendPage(reply, page, 400);
    }
    if (!(await completeReset(app, reset, await hashPassword(body.password)))) return sendInvalid(req, reply, locale);
    return reply.redirect(signInPath(locale), 303);
  });
};
