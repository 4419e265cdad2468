/**
 * `/:lang/staff/account/email` — ask to change the own sign-in address
 * (policy action 'account.manage', recent re-authentication required,
 * ASVS 7.5.1) — and `/:lang/staff/email-change/:token`, the link mailed to
 * the new address. The link route is a pre-session flow like the password
 * reset: the token proves control of the new mailbox, the request behind it
 * was made by a freshly re-authenticated session, and people often open
 * mail on another device than the one they are signed in on.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { csrfField, csrfToken } from '../../../platform/auth/csrf.ts';
import { requireRecentAuth } from '../../../platform/auth/reauth.ts';
import { ACCOUNT_MANAGE } from '../../../platform/auth/policy.ts';
import { emailOf } from '../../../platform/auth/queries/users.ts';
import { hashToken } from '../../../platform/security/tokens.ts';
import { accountTx, staffRequest } from '../../../platform/request/context.ts';
import type { FieldErrors } from '../../../platform/staff/forms.tsx';
import { parseOr400 } from '../../../platform/http/errors.ts';
import { translator, type Locale } from '../../../platform/i18n/index.ts';
import { pageContext } from '../../../platform/layout/context.ts';
import { sendPage } from '../../../platform/layout/render.ts';
import { emailSchema } from '../../../platform/auth/email.ts';
import { completeEmailChange, requestEmailChange } from './email-change-flow.ts';
import { findOpenLink, type OpenEmailChange } from '../../../platform/auth/queries/one-time-links.ts';
import {
  EmailChangeConfirmPage,
  EmailChangeDonePage,
  EmailChangeFormPage,
  EmailChangeProblemPage,
  EmailChangeSentPage,
} from './EmailChangePages.tsx';
import { EMAIL_NS } from './messages.ts';

const requestBody = z.object({ ...csrfField, email: z.string().max(1000) }).strict();
const tokenParams = z.object({ lang: z.string(), token: z.string().max(200) }).strict();
const confirmBody = z.object({ ...csrfField }).strict();

/** The link's token, or '' for anything that cannot be one (answered like an unknown token). */
function tokenOf(req: FastifyRequest): string {
  const p = tokenParams.safeParse(req.params);
  return p.success ? p.data.token : '';
}

async function currentEmail(req: FastifyRequest): Promise<string> {
  const { actor, tx } = staffRequest(req);
  return tx((trx) => emailOf(trx, actor.userId));
}

async function openChange(
  req: FastifyRequest,
): Promise<{ locale: Locale; token: string; change: OpenEmailChange | null }> {
  const locale = req.locale;
  const token = tokenOf(req);
  const app = req.server;
  const change = await accountTx(req, { linkTokenHash: hashToken(token) }, (trx) =>
    findOpenLink(trx, 'email_change', token, app.clock.now()),
  );
  return { locale, token, change };
}

function sendProblem(req: FastifyRequest, reply: FastifyReply, locale: Locale, kind: 'invalid' | 'taken') {
  return sendPage(
    reply,
    EmailChangeProblemPage({ ctx: pageContext(req), t: translator(locale, EMAIL_NS), kind }),
    kind === 'invalid' ? 410 : 409,
  );
}

export const emailChangeRoutes: FastifyPluginAsync = async (app) => {
  const manage = { config: { action: ACCOUNT_MANAGE } };
  const flow = { config: { authFlow: 'anonymous' as const } };
  const formPath = (locale: Locale) => `/${locale}/staff/account/email`;

  const renderForm = async (
    req: FastifyRequest,
    locale: Locale,
    extra: { value?: string; errors?: FieldErrors } = {},
  ) =>
    EmailChangeFormPage({
      ctx: pageContext(req),
      t: translator(locale, EMAIL_NS),
      csrf: csrfToken(req),
      current: await currentEmail(req),
      ...extra,
    });

  app.get('/:lang/staff/account/email', manage, async (req, reply) => {
    const locale = req.locale;
    if (!requireRecentAuth(req, reply)) return reply;
    return sendPage(reply, await renderForm(req, locale));
  });

  app.post('/:lang/staff/account/email', manage, async (req, reply) => {
    const { actor, locale } = staffRequest(req);
    const body = parseOr400(requestBody, req.body, 'form');
    if (!requireRecentAuth(req, reply, undefined, formPath(locale))) return reply;
    const t = translator(locale, EMAIL_NS);
    const email = emailSchema.safeParse(body.email);
    if (!email.success)
      return sendPage(
        reply,
        await renderForm(req, locale, { value: body.email, errors: { email: t('errors.email') } }),
        400,
      );
    if (email.data === (await currentEmail(req))) {
      return sendPage(
        reply,
        await renderForm(req, locale, { value: body.email, errors: { email: t('errors.same') } }),
        400,
      );
    }
    await requestEmailChange(app, actor, email.data, locale);
    return sendPage(reply, EmailChangeSentPage({ ctx: pageContext(req), t }));
  });

  app.get('/:lang/staff/email-change/:token', flow, async (req, reply) => {
    const { locale, token, change } = await openChange(req);
    if (!change) return sendProblem(req, reply, locale, 'invalid');
    const t = translator(locale, EMAIL_NS);
    return sendPage(
      reply,
      EmailChangeConfirmPage({
        ctx: pageContext(req),
        t,
        action: `/${locale}/staff/email-change/${token}`,
        newEmail: change.newEmail,
      }),
    );
  });

  app.post('/:lang/staff/email-change/:token', flow, async (req, reply) => {
    const { locale, change } = await openChange(req);
    if (!change) return sendProblem(req, reply, locale, 'invalid');
    parseOr400(confirmBody, req.body, 'form');
    // The confirming browser keeps its session if it is the account's own; every other one ends.
    const own = req.actor?.userId === change.userId ? req.actor.sessionHash : undefined;
    const result = await completeEmailChange(app, change, own, locale);
    if (result !== 'changed') return sendProblem(req, reply, locale, result === 'taken' ? 'taken' : 'invalid');
    return sendPage(
      reply,
      EmailChangeDonePage({
        ctx: pageContext(req),
        t: translator(locale, EMAIL_NS),
        signedIn: own !== undefined,
      }),
    );
  });
};
