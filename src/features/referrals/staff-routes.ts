/**
 * The receiving centre's side of referrals (the centre's lead and
 * counsellors; nobody else holds these actions, and row-level security
 * shows nobody else a referral row):
 *
 * - `GET /:lang/staff/referrals`: the inbox — short random id, date,
 *   urgency, status, age; no content.
 * - `GET /:lang/staff/referrals/:id`: the referral decrypted, only after
 *   re-authentication (`requireRecentAuth`), with `Cache-Control: no-store`;
 *   each opening is audited (`referral.opened_done`, the random id only).
 * - `POST …/:id/accept | decline | forward | close`: the decisions, each
 *   after re-authentication, audited (`referral.<decision>_done`) with a
 *   history row in the same transaction.
 *
 * Another centre's referral id (or one that does not exist: the database
 * cannot tell them apart) is a 404, recorded as an access denial.
 *
 * Forwarding is the one write that leaves the centre, along a narrow path:
 * in the centre's own scope the content is decrypted with the centre's key
 * and sealed anew for the receiving centre under a fresh data key, the
 * history row is written while the referral is still the centre's, and one
 * UPDATE moves the row and replaces ciphertext and wrapped key together —
 * row-level security lets a centre set another centre's id only in a
 * transaction whose scope names that one referral (`forwarding`), as status
 * 'forwarded' with itself as `forwarded_from`, on a referral whose sender
 * consented (migrations/0023). Which centres may receive it (those with an
 * active member) and whom to tell are read, in the same transaction, in the
 * 'intake' scope, the only one that may read them; it reads no referral.
 * Nothing of the receiving centre reaches the page beyond the names offered
 * in the list.
 */
import { randomUUID } from 'node:crypto';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../../platform/audit/audit.ts';
import { notFound, requireAccess } from '../../platform/auth/access.ts';
import { csrfToken } from '../../platform/auth/csrf.ts';
import { requireRecentAuth } from '../../platform/auth/reauth.ts';
import type { Actor } from '../../platform/auth/types.ts';
import type { ReferralStatus } from '../../platform/db/schema.ts';
import { enterScope, type Tx } from '../../platform/db/tenant.ts';
import { parseOr400 } from '../../platform/http/errors.ts';
import { translator } from '../../platform/i18n/index.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { sendMail } from '../../platform/mail/mailer.ts';
import { staffRequest } from '../../platform/request/context.ts';
import { StaffMessagePage } from '../../platform/staff/StaffPage.tsx';
import { REFERRALS_DECIDE, REFERRALS_LIST, REFERRALS_OPEN } from './actions.ts';
import {
  decryptDeclineNote,
  decryptReferral,
  encryptDeclineNote,
  reencryptForCentre,
  type CentreKey,
} from './crypto.ts';
import { inboxUrl } from './jobs.ts';
import { observedWording } from './observed.ts';
import { guideVersion } from '../indicators/queries.ts';
import { centreKeyByVersion, currentCentreKey } from './queries/centre-keys.ts';
import {
  appendHistory,
  forwardingTargets,
  historyOf,
  inbox,
  moveToCentre,
  referralById,
  setStatus,
  type ReferralRecord,
} from './queries/inbox.ts';
import {
  declineForm,
  decisionForm,
  detailQuery,
  forwardForm,
  inboxQuery,
  MAX_DECLINE_NOTE,
  referralParams,
} from './schema-staff.ts';
import { InboxPage } from './views/staff/InboxPage.tsx';
import { ReferralPage, type Decisions } from './views/staff/ReferralPage.tsx';

const DAY = 24 * 60 * 60_000;

/** From which statuses each decision may be taken (closed is final). */
const ALLOWED_FROM = {
  accept: ['received', 'forwarded'],
  decline: ['received', 'forwarded'],
  forward: ['received', 'forwarded', 'accepted', 'declined'],
  close: ['received', 'forwarded', 'accepted', 'declined'],
} as const satisfies Record<keyof Decisions, readonly ReferralStatus[]>;

type Decision = keyof Decisions;

function allowed(decision: Decision, status: ReferralStatus): boolean {
  return (ALLOWED_FROM[decision] as readonly ReferralStatus[]).includes(status);
}

/** The first eight hex digits of the random id: enough to name it, nothing about anyone. */
function shortId(id: string): string {
  return id.replace(/-/g, '').slice(0, 8);
}

/** A decision refused for a reason the person should read (rolled back, answered with a page). */
class Refusal extends Error {
  constructor(
    readonly status: 400 | 409,
    readonly key: 'notAllowed' | 'noConsent' | 'badTarget',
  ) {
    super(key);
  }
}

/** The id from the path, lower case; anything that is not a uuid is a plain 404 (nothing to look up). */
function referralId(req: FastifyRequest): string {
  const { id } = referralParams.parse(req.params);
  if (!z.uuid().safeParse(id).success) throw notFound();
  return id.toLowerCase();
}

/** The actor's referral, or a 404 recorded as an access denial (another centre's, or none). */
function ownReferral(actor: Actor, action: typeof REFERRALS_OPEN, r: ReferralRecord | null): ReferralRecord {
  return requireAccess(actor, action, r, { missing: 'refused' });
}

export const referralStaffRoutes: FastifyPluginAsync = async (app) => {
  const kek = () => app.keys.encryption;

  /** The centre's key a referral names (it always exists: the row's foreign key says so). */
  async function keyOf(trx: Tx, r: ReferralRecord): Promise<CentreKey> {
    const key = await centreKeyByVersion(trx, kek(), r.centreId, r.sealed.centreKeyVersion);
    if (!key) throw new Error('A referral names a centre key that does not exist.');
    return key;
  }

  function refusalPage(req: FastifyRequest, reply: FastifyReply, r: Refusal, id: string) {
    const t = translator(req.locale, 'referralsStaff');
    return sendPage(
      reply,
      StaffMessagePage({
        ctx: pageContext(req),
        title: t('actions.title'),
        message: t(`problem.${r.key}`),
        next: { href: `/${req.locale}/staff/referrals/${id}`, label: t('detail.title', { id: shortId(id) }) },
      }),
      r.status,
    );
  }

  app.get('/:lang/staff/referrals', { config: { action: REFERRALS_LIST } }, async (req, reply) => {
    const { tx } = staffRequest(req);
    const q = parseOr400(inboxQuery, req.query ?? {}, 'query');
    const now = app.clock.now();
    const rows = await tx(inbox);
    const p = app.config.referrals;
    return sendPage(
      reply,
      InboxPage({
        ctx: pageContext(req),
        model: {
          items: rows.map((r) => ({
            ...r,
            shortId: shortId(r.id),
            ageDays: Math.max(0, Math.floor((now.getTime() - r.createdAt.getTime()) / DAY)),
          })),
          periods: { remind: p.remindAfterDays, autoClose: p.autoCloseAfterDays, delete: p.deleteAfterDays },
          forwarded: q.forwarded !== undefined,
        },
      }),
    );
  });

  app.get('/:lang/staff/referrals/:id', { config: { action: REFERRALS_OPEN } }, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const id = referralId(req);
    const q = parseOr400(detailQuery, req.query ?? {}, 'query');
    // Refused before re-authentication is asked: another centre's id never learns more than a 404.
    ownReferral(actor, REFERRALS_OPEN, await tx((trx) => referralById(trx, id)));
    if (!requireRecentAuth(req, reply)) return reply;
    const now = app.clock.now();
    const opened = await tx(async (trx) => {
      const r = ownReferral(actor, REFERRALS_OPEN, await referralById(trx, id));
      let content = null;
      let note = null;
      try {
        const key = await keyOf(trx, r);
        content = decryptReferral(r.sealed, key, r.id);
        note = decryptDeclineNote(r.sealed, key, r.id);
      } catch (err) {
        // A damaged row or a missing key: say so on the page; the log names the error class only.
        req.log.warn({ err: (err as Error).name, referral: r.id }, 'referral could not be decrypted');
      }
      if (content)
        await audit(
          trx,
          app.keys.audit,
          {
            event: 'referral.opened_done',
            actorId: actor.userId,
            centreId: actor.centreId,
            objectType: 'referral',
            objectId: r.id,
          },
          now,
        );
      const decisions: Decisions = {
        accept: allowed('accept', r.status),
        decline: allowed('decline', r.status),
        forward: r.forwardingConsent && allowed('forward', r.status),
        close: allowed('close', r.status),
      };
      const history = await historyOf(trx, r.id);
      const targets = decisions.forward ? (await forwardingTargets(trx, r.centreId)).centres : [];
      // The indicators in the guide's words; published versions are readable in any scope.
      const wording = content?.guide
        ? observedWording(await guideVersion(trx, content.guide.versionId), content.guide.observed, req.locale)
        : null;
      return { r, content, note, wording, history, decisions, targets };
    });
    const { r, decisions, targets } = opened;
    reply.header('cache-control', 'no-store');
    return sendPage(
      reply,
      ReferralPage({
        ctx: pageContext(req),
        model: {
          id: r.id,
          shortId: shortId(r.id),
          status: r.status,
          urgency: r.urgency,
          createdAt: r.createdAt,
          forwardingConsent: r.forwardingConsent,
          content: opened.content,
          observed: opened.wording,
          declineReason: r.declineReason,
          declineNote: opened.note,
          history: opened.history,
          decisions,
          targets,
          csrf: csrfToken(req),
          done: q.done ?? null,
          deleteAfterDays: app.config.referrals.deleteAfterDays,
          maxNote: MAX_DECLINE_NOTE,
        },
      }),
    );
  });

  /**
   * A decision's common steps: the id, the form, the referral (404 and
   * recorded when not the actor's), re-authentication (back to the
   * referral's page), then `decide` in the centre's transaction, audited.
   */
  function decisionRoute<S extends z.ZodType>(
    path: Decision,
    schema: S,
    decide: (
      trx: Tx,
      r: ReferralRecord,
      form: z.infer<S>,
      at: { now: Date; locale: string },
    ) => Promise<{ event: string; details?: Record<string, string | boolean>; next: string }>,
  ) {
    app.post(`/:lang/staff/referrals/:id/${path}`, { config: { action: REFERRALS_DECIDE } }, async (req, reply) => {
      const { actor, locale, tx } = staffRequest(req);
      const id = referralId(req);
      const form = parseOr400(schema, req.body ?? {}, 'form');
      ownReferral(actor, REFERRALS_DECIDE, await tx((trx) => referralById(trx, id)));
      if (!requireRecentAuth(req, reply, undefined, `/${locale}/staff/referrals/${id}`)) return reply;
      const now = app.clock.now();
      try {
        const next = await tx(async (trx) => {
          const r = ownReferral(actor, REFERRALS_DECIDE, await referralById(trx, id));
          if (!allowed(path, r.status)) throw new Refusal(409, 'notAllowed');
          const done = await decide(trx, r, form, { now, locale });
          await audit(
            trx,
            app.keys.audit,
            {
              event: done.event,
              actorId: actor.userId,
              centreId: r.centreId,
              objectType: 'referral',
              objectId: r.id,
              ...(done.details ? { details: done.details } : {}),
            },
            now,
          );
          return done.next;
        });
        return reply.redirect(next, 303);
      } catch (err) {
        if (err instanceof Refusal) return refusalPage(req, reply, err, id);
        throw err;
      }
    });
  }

  /** A status change inside the centre: history row first, then the row (only if still where it was). */
  async function changeStatus(
    trx: Tx,
    r: ReferralRecord,
    change: Parameters<typeof setStatus>[2],
    decision: Decision,
  ): Promise<void> {
    await appendHistory(trx, { id: randomUUID(), referralId: r.id, status: change.status, at: change.at });
    if (!(await setStatus(trx, r.id, change, ALLOWED_FROM[decision]))) throw new Refusal(409, 'notAllowed');
  }

  const detail = (locale: string, id: string, done: string) => `/${locale}/staff/referrals/${id}?done=${done}`;

  decisionRoute('accept', decisionForm, async (trx, r, _form, { now, locale }) => {
    await changeStatus(trx, r, { status: 'accepted', at: now }, 'accept');
    return { event: 'referral.accepted_done', next: detail(locale, r.id, 'accepted') };
  });

  decisionRoute('decline', declineForm, async (trx, r, form, { now, locale }) => {
    // The note is sealed under the referral's own data key, or not stored at all.
    const note = form.note === '' ? null : encryptDeclineNote(form.note, r.sealed, await keyOf(trx, r), r.id);
    await changeStatus(trx, r, { status: 'declined', at: now, reason: form.reason, note }, 'decline');
    return {
      event: 'referral.declined_done',
      details: { reason: form.reason, note: note !== null },
      next: detail(locale, r.id, 'declined'),
    };
  });

  decisionRoute('close', decisionForm, async (trx, r, _form, { now, locale }) => {
    await changeStatus(trx, r, { status: 'closed', at: now }, 'close');
    return { event: 'referral.closed_done', next: detail(locale, r.id, 'closed') };
  });

  decisionRoute('forward', forwardForm, async (trx, r, form, { now, locale }) => {
    if (!r.forwardingConsent) throw new Refusal(409, 'noConsent');
    if (form.centre === r.centreId) throw new Refusal(400, 'badTarget');
    // Read before anything is written: the receiving centre must have an active member, and they are whom the mail goes to.
    const { centres, recipients } = await forwardingTargets(trx, r.centreId, form.centre);
    const to = centres.find((c) => c.id === form.centre);
    if (!to) throw new Refusal(400, 'badTarget');
    // While the referral is still the centre's: the history row may only be added to one's own referral.
    await appendHistory(trx, { id: randomUUID(), referralId: r.id, status: 'forwarded', at: now });
    // The one transaction that may hand this referral over names it (migrations/0023), and only
    // such a transaction may read the receiving centre's key (migrations/0024).
    await enterScope(trx, { kind: 'centre', centreId: r.centreId, forwarding: r.id });
    const sealed = reencryptForCentre(
      r.sealed,
      await keyOf(trx, r),
      await currentCentreKey(trx, kek(), to.id, now),
      r.id,
    );
    const moved = await moveToCentre(
      trx,
      r.id,
      { fromCentreId: r.centreId, toCentreId: to.id, sealed: { ...sealed, declineNote: null }, at: now },
      ALLOWED_FROM.forward,
    );
    if (!moved) throw new Refusal(409, 'notAllowed');
    // The receiving centre's active members learn that something waits, and nothing else.
    const t = translator('de', 'referralsStaff');
    for (const address of recipients)
      await sendMail({ config: app.config, log: app.log }, trx, {
        to: address,
        subject: t('mail.waitingSubject'),
        text: t('mail.waitingBody', { url: inboxUrl(app.config.publicOrigin) }),
      });
    return {
      event: 'referral.forwarded_done',
      details: { to_centre: to.id },
      next: `/${locale}/staff/referrals?forwarded=1`,
    };
  });
};
