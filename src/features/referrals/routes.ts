/**
 * The public side of referrals (ADR 032), for professionals; no session,
 * no cookie, works without JavaScript.
 *
 * - `GET /:lang/referral/new[?centre=<id>]`: the form, with a signed issue
 *   time, offering the centres with an active lead or counsellor.
 * - `POST /:lang/referral/new`: the indicator guide opens the form pre-filled
 *   (centre, guide version, observed indicator keys). Nothing is stored.
 * - `POST /:lang/referral/send`: validates (400 with the form again, errors
 *   next to the fields, in the reader's language), refuses a filled honeypot
 *   (400), a form sent too fast or with a bad or expired signature (400), a
 *   form sent twice (409), a centre without active staff (409) and too many
 *   referrals from the sender's network or to the centre (429) — each with
 *   its own message, and nothing stored. Otherwise, in ONE transaction in
 *   the 'intake' scope: the payload encrypted for the centre, the referral
 *   and its first history step, a mail to each active member of the centre
 *   saying only that a referral waits, and the audit entry (the random id
 *   only). The answer shows the receipt code once; it is not in any URL.
 * - `GET|POST /:lang/referral/status`: the receipt code is posted (never in
 *   a URL or a log); the answer is the status, the current centre's name and
 *   the dated history — never the content. An unknown code gets the same
 *   answer however it is wrong; look-ups are limited per client network.
 *
 * Nothing of what was typed is logged: the request log has method, path and
 * status only, and no error message here carries a value.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import type { z } from 'zod';
import { audit } from '../../platform/audit/audit.ts';
import { parseOr400 } from '../../platform/http/errors.ts';
import { translator } from '../../platform/i18n/index.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { sendMail } from '../../platform/mail/mailer.ts';
import { intakeTx, receiptTx } from '../../platform/request/context.ts';
import type { Errors } from '../../platform/staff/forms.tsx';
import { encryptReferral } from './crypto.ts';
import { currentCentreKey } from './queries/centre-keys.ts';
import { insertReferral, receivingCentres, recipientsOf } from './queries/intake.ts';
import { statusByReceipt } from './queries/status.ts';
import { newReceiptCode, receiptHash, receiptHashCandidates } from './receipt.ts';
import {
  HONEYPOT,
  LIMITS,
  newFormQuery,
  payloadOf,
  prefillSchema,
  referralFormSchema,
  statusFormSchema,
} from './schema.ts';
import { checkStamp, issueStamp, lookupOverLimit, refusal, type Refusal } from './spam.ts';
import {
  ReferralFormPage,
  ReferralSentPage,
  ReferralStatusPage,
  type FormProblem,
  type ReferralFormValues,
} from './views/ReferralPages.tsx';

/** Raised inside the storing transaction to roll everything back and answer with the form. */
class Refused extends Error {
  constructor(readonly problem: FormProblem) {
    super(problem);
  }
}

const REFUSAL_PROBLEM: Record<Refusal, FormProblem> = {
  replayed: 'replayed',
  network: 'limitNetwork',
  centre: 'limitCentre',
};

const PROBLEM_STATUS: Record<FormProblem, number> = {
  invalid: 400,
  honeypot: 400,
  tooFast: 400,
  stale: 400,
  replayed: 409,
  noStaff: 409,
  limitNetwork: 429,
  limitCentre: 429,
};

const EMPTY: ReferralFormValues = {
  name: '',
  organisation: '',
  organisationType: '',
  phone: '',
  email: '',
  centre: '',
  consent: '',
  noConsentReason: '',
  languages: [],
  urgency: '',
  forwarding: '',
  guide: '',
  observed: [],
  includeGuide: false,
  message: '',
};

/** A posted value as text for the form shown again: strings only, cut to `max` (it goes back into the page). */
function typed(body: Record<string, unknown>, key: string, max: number): string {
  const v = body[key];
  return typeof v === 'string' ? v.slice(0, max) : '';
}

function typedList(body: Record<string, unknown>, key: string, allowed: RegExp, max: number): string[] {
  const v = body[key];
  const list = typeof v === 'string' ? [v] : Array.isArray(v) ? v : [];
  return list.filter((x): x is string => typeof x === 'string' && allowed.test(x)).slice(0, max);
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const KEY = /^[a-z0-9][a-z0-9._-]{0,63}$/;

/** What was typed, bounded and reduced to the shapes the form can show (never trusted beyond that). */
function typedValues(body: Record<string, unknown>): ReferralFormValues {
  const guide = typed(body, 'guide', 36);
  const observed = typed(body, 'observed', LIMITS.observed * (LIMITS.indicatorKey + 1))
    .split(',')
    .map((k) => k.trim())
    .filter((k) => KEY.test(k))
    .slice(0, LIMITS.observed);
  return {
    name: typed(body, 'name', LIMITS.name),
    organisation: typed(body, 'organisation', LIMITS.organisation),
    organisationType: typed(body, 'organisationType', 40),
    phone: typed(body, 'phone', LIMITS.phone),
    email: typed(body, 'email', LIMITS.email),
    centre: typed(body, 'centre', 36),
    consent: typed(body, 'consent', 40),
    noConsentReason: typed(body, 'noConsentReason', 40),
    languages: typedList(body, 'languages', /^[a-z]{2,3}$/, LIMITS.languages * 2),
    urgency: typed(body, 'urgency', 40),
    forwarding: typed(body, 'forwarding', 3),
    guide: UUID.test(guide) ? guide : '',
    observed: UUID.test(guide) ? observed : [],
    includeGuide: body.includeGuide === 'yes',
    message: typed(body, 'message', LIMITS.message),
  };
}

/** Field errors in the reader's language, by the field they belong to. */
function fieldErrors(
  issues: readonly z.core.$ZodIssue[],
  t: ReturnType<typeof translator<'referrals'>>,
): Map<string, string[]> {
  const errors = new Map<string, string[]>();
  const add = (field: string, message: string) => {
    const list = errors.get(field) ?? [];
    if (!list.includes(message)) list.push(message);
    errors.set(field, list);
  };
  for (const issue of issues) {
    const field = String(issue.path[0] ?? '');
    const tooLong = issue.code === 'too_big';
    switch (field) {
      case 'name':
      case 'organisation':
        add(field, tooLong ? t('field.tooLong', { max: LIMITS[field] }) : t('field.required'));
        break;
      case 'message':
        add(field, tooLong ? t('field.tooLong', { max: LIMITS.message }) : t('field.invalid'));
        break;
      case 'phone':
      case 'email':
        add(field, t(`field.${field}`));
        break;
      case 'contact':
      case 'noConsentReason':
      case 'centre':
        add(field, t(`field.${field}`));
        break;
      case 'languages':
        add(field, tooLong ? t('field.languages', { max: LIMITS.languages }) : t('field.invalid'));
        break;
      case 'organisationType':
      case 'consent':
      case 'urgency':
      case 'forwarding':
        add(field, t('field.choose'));
        break;
      default:
        // Hidden fields, the signature, unknown fields: nothing a person can correct next to a field.
        add('', t('field.invalid'));
    }
  }
  errors.delete('');
  return errors;
}

export const referralRoutes: FastifyPluginAsync = async (app) => {
  const pub = { config: { public: true } };

  async function formPage(
    req: FastifyRequest,
    reply: FastifyReply,
    values: ReferralFormValues,
    opts: { problem?: FormProblem; errors?: Errors } = {},
  ) {
    const centres = await intakeTx(req, receivingCentres);
    const stamp = issueStamp(app.keys.server, app.clock.now());
    // A centre that no longer takes referrals is not pre-selected.
    const known = centres.some((c) => c.id === values.centre);
    return sendPage(
      reply,
      ReferralFormPage({
        ctx: pageContext(req),
        model: {
          centres,
          values: known ? values : { ...values, centre: '' },
          stamp,
          problem: opts.problem,
          errors: opts.errors ?? new Map(),
        },
      }),
      opts.problem ? PROBLEM_STATUS[opts.problem] : 200,
    );
  }

  app.get('/:lang/referral/new', pub, async (req, reply) => {
    const q = parseOr400(newFormQuery, req.query ?? {}, 'query');
    return formPage(req, reply, { ...EMPTY, centre: q.centre ?? '' });
  });

  // The indicator guide's hand-over: pre-fills the form, stores nothing.
  app.post('/:lang/referral/new', pub, async (req, reply) => {
    const p = parseOr400(prefillSchema, req.body ?? {}, 'form');
    const guide = p.guide ?? '';
    return formPage(req, reply, {
      ...EMPTY,
      centre: p.centre ?? '',
      guide,
      observed: guide === '' ? [] : (p.observed ?? []),
      includeGuide: guide !== '',
    });
  });

  app.post('/:lang/referral/send', pub, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    const values = typedValues(body);
    const t = translator(req.locale, 'referrals');
    const again = (problem: FormProblem, errors?: Errors) => formPage(req, reply, values, { problem, errors });

    const parsed = referralFormSchema.safeParse(body);
    if (!parsed.success) {
      const errors = fieldErrors(parsed.error.issues, t);
      // The rules across fields run only once every field is valid; name them at once too.
      if (values.phone.trim() === '' && values.email.trim() === '') errors.set('contact', [t('field.contact')]);
      if (values.consent === 'none' && values.noConsentReason === '')
        errors.set('noConsentReason', [t('field.noConsentReason')]);
      return again('invalid', errors);
    }
    const form = parsed.data;
    // The field nobody sees was filled in: a robot, or a browser's autofill gone wrong. Nothing is kept.
    if (form[HONEYPOT] !== '') return again('honeypot');
    const now = app.clock.now();
    const stamp = checkStamp(app.keys.server, form.issued, now);
    if (stamp !== 'ok') return again(stamp === 'too_fast' ? 'tooFast' : 'stale');

    const id = randomUUID();
    const code = newReceiptCode();
    const origin = app.config.publicOrigin;
    let centreName: string;
    try {
      centreName = await intakeTx(req, async (trx) => {
        // Checked again here: the form may be older than the centre's last active member.
        const centre = (await receivingCentres(trx)).find((c) => c.id === form.centre);
        const recipients = centre ? await recipientsOf(trx, centre.id) : [];
        if (!centre || recipients.length === 0) throw new Refused('noStaff');
        const refused = await refusal(
          trx,
          app.keys.server,
          { ip: req.ip, centreId: centre.id, stamp: form.issued },
          now,
        );
        if (refused) throw new Refused(REFUSAL_PROBLEM[refused]);
        const key = await currentCentreKey(trx, app.keys.encryption, centre.id, now);
        await insertReferral(
          trx,
          {
            id,
            centreId: centre.id,
            urgency: form.urgency,
            forwardingConsent: form.forwarding === 'yes',
            sealed: encryptReferral(payloadOf(form, req.locale), key, id),
            receiptHash: receiptHash(app.keys.server, code),
          },
          now,
        );
        // The mail says that a referral waits and where to sign in, nothing about it.
        const mail = translator('de', 'referrals');
        for (const to of recipients)
          await sendMail(app, trx, {
            to,
            subject: mail('mail.subject'),
            text: mail('mail.body', { link: `${origin}/de/staff/referrals` }),
          });
        await audit(
          trx,
          app.keys.audit,
          { event: 'referral.received_done', actorId: null, centreId: null, objectType: 'referral', objectId: id },
          now,
        );
        return centre.name;
      });
    } catch (err) {
      if (err instanceof Refused) return again(err.problem);
      throw err;
    }
    return sendPage(reply, ReferralSentPage({ ctx: pageContext(req), model: { code, centreName } }));
  });

  app.get('/:lang/referral/status', pub, async (req, reply) =>
    sendPage(reply, ReferralStatusPage({ ctx: pageContext(req), model: { kind: 'form' } })),
  );

  app.post('/:lang/referral/status', pub, async (req, reply) => {
    const { code } = parseOr400(statusFormSchema, req.body ?? {}, 'form');
    const now = app.clock.now();
    const notFound = (problem: 'notFound' | 'limit', status: number) =>
      sendPage(reply, ReferralStatusPage({ ctx: pageContext(req), model: { kind: 'form', problem } }), status);
    // Counted before looking: every look-up, found or not, uses the network's budget.
    const over = await intakeTx(req, (trx) => lookupOverLimit(trx, app.keys.server, req.ip, now));
    if (over) return notFound('limit', 429);
    const hashes = receiptHashCandidates(app.keys.server, code);
    const found = hashes.length === 0 ? null : await receiptTx(req, hashes, statusByReceipt);
    if (!found) return notFound('notFound', 404);
    return sendPage(reply, ReferralStatusPage({ ctx: pageContext(req), model: { kind: 'result', ...found } }));
  });
};
