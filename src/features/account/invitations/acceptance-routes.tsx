/**
 * `/:lang/staff/invitation/:token` — accepting an invitation, keyed by the
 * link's token alone (no session exists yet; the forms are checked by
 * Origin / Sec-Fetch-Site in the auth plugin and by the token here):
 *   GET            step 1 form (name, password)
 *   POST           check them → step 2 (authenticator QR code)
 *   POST …/totp    check the code → account created → step 3 (recovery codes;
 *                  an administrator instead adds the first passkey in an
 *                  enrolment session, passkey-setup-routes.ts)
 * Nothing is stored before step 3 succeeds (see enrolment-state.ts). An
 * unknown, used and expired link all get the same "not valid" page.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { requiresPasskey } from '../../../platform/auth/policy.ts';
import { deleteSession } from '../../../platform/auth/queries/sessions.ts';
import { openEnrolmentSession } from '../../../platform/auth/second-factor.ts';
import { hashToken } from '../../../platform/security/tokens.ts';
import { accountTx } from '../../../platform/request/context.ts';
import { hasErrors, type FieldErrors } from '../../../platform/staff/forms.tsx';
import { parseOr400 } from '../../../platform/http/errors.ts';
import { translator, type Locale } from '../../../platform/i18n/index.ts';
import { pageContext } from '../../../platform/layout/context.ts';
import { sendPage } from '../../../platform/layout/render.ts';
import { hashPassword } from '../../../platform/security/password.ts';
import { qrCodeSvg } from '../../../platform/security/qr-svg.ts';
import { generateTotpSecret, totpUri, verifyTotp } from '../../../platform/security/totp.ts';
import { PASSWORD_FIELD_MAX } from '../password-form.ts';
import { newPasswordErrors } from '../password-form.ts';
import { AcceptDonePage, AcceptPasswordPage, AcceptTotpPage, InvalidLinkPage } from '../views/AcceptancePages.tsx';
import { redeemInvitation } from './acceptance.ts';
import { isSafeDisplayName, normaliseDisplayName } from '../../../platform/auth/display-name.ts';
import { MAX_STATE_LENGTH, openEnrolmentState, sealEnrolmentState } from './enrolment-state.ts';
import { findOpenInvitation, type OpenInvitation } from '../../../platform/auth/queries/invitations.ts';

const tokenParams = z.object({ lang: z.string(), token: z.string().max(200) }).strict();

/** The link's token, or '' for anything that cannot be one (answered like an unknown token). */
function tokenOf(req: FastifyRequest): string {
  const p = tokenParams.safeParse(req.params);
  return p.success ? p.data.token : '';
}

const passwordBody = z
  .object({
    display_name: z.string().max(1000),
    password: z.string().max(PASSWORD_FIELD_MAX),
    password_repeat: z.string().max(PASSWORD_FIELD_MAX),
    // Hidden field for password managers; its value is ignored.
    username: z.string().max(300).optional(),
  })
  .strict();

const totpBody = z.object({ state: z.string().max(MAX_STATE_LENGTH), code: z.string().max(64) }).strict();

/** 410 Gone for every link that cannot be used, whatever the reason. */
const GONE = 410;

type Step = { locale: Locale; token: string; inv: OpenInvitation };

async function openInvitation(
  req: FastifyRequest,
): Promise<{ locale: Locale; token: string; inv: OpenInvitation | null }> {
  const locale = req.locale;
  const token = tokenOf(req);
  const app = req.server;
  const inv = await accountTx(req, { linkTokenHash: hashToken(token) }, (trx) =>
    findOpenInvitation(trx, token, app.clock.now()),
  );
  return { locale, token, inv };
}

function sendGone(req: FastifyRequest, reply: FastifyReply, locale: Locale): FastifyReply {
  const t = translator(locale, 'account');
  return sendPage(
    reply,
    InvalidLinkPage({
      ctx: pageContext(req),
      t,
      title: t('accept.invalidTitle'),
      body: t('accept.invalidBody'),
    }),
    GONE,
  );
}

function basePath(s: Pick<Step, 'locale' | 'token'>): string {
  return `/${s.locale}/staff/invitation/${s.token}`;
}

function sendPasswordStep(
  req: FastifyRequest,
  reply: FastifyReply,
  s: Step,
  form: { displayName: string; errors?: FieldErrors; notice?: string },
  status = 200,
) {
  const t = translator(s.locale, 'account');
  return sendPage(
    reply,
    AcceptPasswordPage({
      ctx: pageContext(req, s.locale),
      t,
      action: basePath(s),
      email: s.inv.email,
      role: s.inv.role,
      displayName: form.displayName,
      ...(form.errors ? { errors: form.errors } : {}),
      ...(form.notice ? { notice: form.notice } : {}),
    }),
    status,
  );
}

async function sendTotpStep(
  req: FastifyRequest,
  reply: FastifyReply,
  s: Step,
  state: string,
  secret: string,
  error?: string,
) {
  const t = translator(s.locale, 'account');
  const uri = totpUri(secret, s.inv.email);
  const qrSvg = await qrCodeSvg(uri, t('accept.qrLabel'));
  return sendPage(
    reply,
    AcceptTotpPage({
      ctx: pageContext(req, s.locale),
      t,
      action: `${basePath(s)}/totp`,
      state,
      qrSvg,
      secret,
      uri,
      error,
    }),
    error ? 400 : 200,
  );
}

export const acceptanceRoutes: FastifyPluginAsync = async (app) => {
  const flow = { config: { authFlow: 'anonymous' as const } };

  app.get('/:lang/staff/invitation/:token', flow, async (req, reply) => {
    const { locale, token, inv } = await openInvitation(req);
    if (!inv) return sendGone(req, reply, locale);
    return sendPasswordStep(req, reply, { locale, token, inv }, { displayName: inv.displayName ?? '' });
  });

  app.post('/:lang/staff/invitation/:token', flow, async (req, reply) => {
    const { locale, token, inv } = await openInvitation(req);
    if (!inv) return sendGone(req, reply, locale);
    const body = parseOr400(passwordBody, req.body, 'form');
    const t = translator(locale, 'account');
    const step = { locale, token, inv };
    const displayName = normaliseDisplayName(body.display_name);
    const errors: FieldErrors = {};
    if (displayName.length < 1 || !isSafeDisplayName(displayName)) errors.display_name = t('accept.errors.name');
    Object.assign(
      errors,
      newPasswordErrors(
        t,
        locale,
        { password: body.password, repeat: body.password_repeat },
        { email: inv.email, name: displayName },
      ),
    );
    if (hasErrors(errors)) return sendPasswordStep(req, reply, step, { displayName, errors }, 400);

    const secret = generateTotpSecret();
    const state = sealEnrolmentState(
      app.keys.server,
      inv.tokenHash,
      { displayName, passwordHash: await hashPassword(body.password), totpSecret: secret },
      app.clock.now(),
    );
    return sendTotpStep(req, reply, step, state, secret);
  });

  app.post('/:lang/staff/invitation/:token/totp', flow, async (req, reply) => {
    const { locale, token, inv } = await openInvitation(req);
    if (!inv) return sendGone(req, reply, locale);
    const body = parseOr400(totpBody, req.body, 'form');
    const t = translator(locale, 'account');
    const step = { locale, token, inv };
    const now = app.clock.now();
    const state = openEnrolmentState(app.keys.server, inv.tokenHash, body.state, now);
    if (!state)
      return sendPasswordStep(
        req,
        reply,
        step,
        { displayName: inv.displayName ?? '', notice: t('accept.restart') },
        400,
      );

    const check = verifyTotp(state.totpSecret, body.code, { now });
    if (!check.ok) return sendTotpStep(req, reply, step, body.state, state.totpSecret, t('accept.errors.code'));

    const result = await redeemInvitation(app, inv, state, check.step);
    if (!result.ok) return sendGone(req, reply, locale);
    if (requiresPasskey(inv.role)) {
      // The last step of an administrator's enrolment: the first passkey,
      // in a session that can do nothing else (passkey-setup-routes.ts).
      // Whatever session this browser had ends first, in its own account's scope.
      const previous = req.authSession;
      if (previous) await accountTx(req, { userId: previous.userId }, (trx) => deleteSession(trx, previous.tokenHash));
      await accountTx(req, { userId: result.userId }, (trx) =>
        openEnrolmentSession(req, reply, trx, { id: result.userId, centreId: inv.centreId }),
      );
      return reply.redirect(`/${locale}/staff/passkey-setup`, 303);
    }
    return sendPage(
      reply,
      AcceptDonePage({
        ctx: pageContext(req),
        t,
        codes: result.recoveryCodes,
        signIn: `/${locale}/staff/sign-in`,
      }),
    );
  });
};
