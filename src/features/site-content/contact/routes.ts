/**
 * The public contact form and the office's inbox.
 *
 * Public (anonymous 'auth' scope, no cookie, no session):
 * - `GET /:lang/contact` — the office's contact page with the form below
 *   it; `?project=<slug>` of a published project says what the message is
 *   about (an unknown slug is simply not named);
 * - `POST /:lang/contact` — validates (400 with the form again, what was
 *   typed kept, nothing written), drops honeypot hits silently, asks again
 *   for a form sent too fast or with a bad signature, counts the sender's
 *   network against its limits (429), stores the message, then
 *   Post/Redirect/Get to `GET /:lang/contact/sent` (no data in the URL).
 *   Nothing of the message is logged.
 *
 * Staff (the coordination office only, CONTACT_READ):
 * - `GET /:lang/staff/contact` — open messages first, then handled ones;
 * - `GET /:lang/staff/contact/:id` — one message;
 * - `POST /:lang/staff/contact/:id/handled` — marks it handled, audited;
 *   the retention job deletes it 90 days later (jobs.ts).
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { audit } from '../../../platform/audit/audit.ts';
import { notFound } from '../../../platform/auth/access.ts';
import { csrfField, csrfToken } from '../../../platform/auth/csrf.ts';
import { parseOr400 } from '../../../platform/http/errors.ts';
import { publicFormGuard } from '../../../platform/http/public-form.ts';
import { translator } from '../../../platform/i18n/index.ts';
import { pageContext } from '../../../platform/layout/context.ts';
import { sendPage } from '../../../platform/layout/render.ts';
import { renderMarkdown } from '../../../platform/content/markdown.ts';
import { anonymousTx, staffRequest } from '../../../platform/request/context.ts';
import { CONTACT_READ } from '../actions.ts';
import { publicPage } from '../queries.ts';
import { OfficePage } from '../views/Public.tsx';
import { CONTACT_KEPT_DAYS } from './jobs.ts';
import { inbox, insertMessage, markHandled, messageById, publishedProject, type ProjectTopic } from './queries.ts';
import { contactFormSchema, HONEYPOT, MAX_MESSAGE, projectSlug } from './schema.ts';
import { ContactForm, ContactSentPage, type ContactFormModel, type ContactProblem } from './views/Public.tsx';
import { InboxPage, MessagePage } from './views/Staff.tsx';

/** Nobody reads the page and writes a message in under five seconds. */
export const CONTACT_MIN_FILL_MS = 5_000;
/** Messages per client network within an hour and within a day. */
export const CONTACT_LIMITS = {
  hour: { max: 5, windowMs: 60 * 60_000 },
  day: { max: 20, windowMs: 24 * 60 * 60_000 },
} as const;

export const contactFormGuard = publicFormGuard({
  domain: 'schutznetz/contact',
  minFillMs: CONTACT_MIN_FILL_MS,
  // A form left open all day is sent again with a fresh signature (what was typed is kept).
  maxAgeMs: 12 * 60 * 60_000,
});

const idParams = z.object({ lang: z.string(), id: z.string().max(100) });
const doneQuery = z.strictObject({ done: z.literal('1').optional() });
const handleBody = z.strictObject({ ...csrfField });

/** Raised inside the storing transaction to roll the count back and answer 429. */
class OverLimit extends Error {}

type Typed = Omit<ContactFormModel, 'stamp' | 'project' | 'problem'>;
const EMPTY: Typed = { name: '', replyTo: '', subject: '', message: '' };

export const contactRoutes: FastifyPluginAsync = async (app) => {
  const pub = { config: { public: true } };
  const read = { config: { action: CONTACT_READ } };

  /** The published project `slug` names, or null (unknown, unpublished or malformed: not named). */
  function topicOf(req: FastifyRequest, slug: unknown): Promise<ProjectTopic | null> {
    const s = projectSlug.safeParse(slug);
    return s.success ? anonymousTx(req, (trx) => publishedProject(trx, s.data)) : Promise.resolve(null);
  }

  async function contactPage(
    req: FastifyRequest,
    reply: FastifyReply,
    project: ProjectTopic | null,
    typed: Typed,
    problem?: ContactProblem,
    status = 200,
  ) {
    const page = await anonymousTx(req, (trx) => publicPage(trx, 'contact', req.locale, app.clock.now()));
    const form: ContactFormModel = {
      ...typed,
      stamp: contactFormGuard.issueStamp(app.keys.server, app.clock.now()),
      project,
      problem,
    };
    return sendPage(
      reply,
      OfficePage({
        ctx: pageContext(req),
        model: page ? { ...page, html: renderMarkdown(page.body) } : null,
        fallbackTitle: translator(req.locale, 'siteContent')('page.contact'),
        children: ContactForm({ ctx: pageContext(req), model: form }),
      }),
      status,
    );
  }

  app.get('/:lang/contact', pub, async (req, reply) => {
    const query = (req.query ?? {}) as Record<string, unknown>;
    return contactPage(req, reply, await topicOf(req, query.project), EMPTY);
  });

  app.get('/:lang/contact/sent', pub, async (req, reply) =>
    sendPage(reply, ContactSentPage({ ctx: pageContext(req) })),
  );

  app.post('/:lang/contact', pub, async (req, reply) => {
    const body = (req.body ?? {}) as Record<string, unknown>;
    // What the person wrote, kept for the form shown again (bounded: it goes back into the page).
    const str = (v: unknown, max: number) => (typeof v === 'string' ? v.slice(0, max) : '');
    const typed: Typed = {
      name: str(body.name, 200),
      replyTo: str(body.reply_to, 254),
      subject: str(body.subject, 200),
      message: str(body.message, MAX_MESSAGE),
    };
    const project = await topicOf(req, body.project);
    const again = (problem: ContactProblem, status: number) => contactPage(req, reply, project, typed, problem, status);

    const parsed = contactFormSchema.safeParse(body);
    if (!parsed.success) {
      const issues = parsed.error.issues;
      const field = (f: string) => issues.some((i) => i.path[0] === f);
      const problem: ContactProblem = issues.some((i) => i.code === 'too_big')
        ? 'tooLong'
        : field('subject') || field('message')
          ? 'required'
          : 'invalid';
      return again(problem, 400);
    }
    const form = parsed.data;
    const sentTo = `/${req.locale}/contact/sent`;
    // A robot filled the field nobody sees: it gets the usual answer, and nothing is kept.
    if (form[HONEYPOT] !== '') return reply.redirect(sentTo, 303);

    const now = app.clock.now();
    const stamp = contactFormGuard.checkStamp(app.keys.server, form.issued, now);
    if (stamp !== 'ok') return again(stamp === 'too_fast' ? 'tooFast' : 'stale', 400);

    try {
      await anonymousTx(req, async (trx) => {
        // Each signed form sends once: a replayed form or a reload stores nothing more.
        if ((await contactFormGuard.countForm(trx, app.keys.server, form.issued, now)) > 1) throw new OverLimit();
        for (const [name, limit] of Object.entries(CONTACT_LIMITS))
          if (
            (await contactFormGuard.countNetwork(trx, app.keys.server, name, req.ip, limit.windowMs, now)) > limit.max
          )
            throw new OverLimit();
        await insertMessage(
          trx,
          {
            name: form.name,
            replyTo: form.reply_to,
            subject: form.subject ?? '',
            message: form.message,
            projectId: project?.id ?? null,
          },
          now,
        );
      });
    } catch (err) {
      if (err instanceof OverLimit) return again('limit', 429);
      throw err;
    }
    return reply.redirect(sentTo, 303);
  });

  // ------------------------------------------------------------ the office's inbox

  app.get('/:lang/staff/contact', read, async (req, reply) => {
    const { tx } = staffRequest(req);
    const { done } = parseOr400(doneQuery, req.query ?? {}, 'query');
    const rows = await tx(inbox);
    return sendPage(
      reply,
      InboxPage({ ctx: pageContext(req), model: { rows, keptDays: CONTACT_KEPT_DAYS, done: !!done } }),
    );
  });

  function messageId(req: FastifyRequest): string {
    const { id } = idParams.parse(req.params);
    if (!z.uuid().safeParse(id).success) throw notFound();
    return id.toLowerCase();
  }

  app.get('/:lang/staff/contact/:id', read, async (req, reply) => {
    const { tx } = staffRequest(req);
    const id = messageId(req);
    const message = await tx((trx) => messageById(trx, id));
    if (!message) throw notFound();
    return sendPage(
      reply,
      MessagePage({ ctx: pageContext(req), model: { message, csrf: csrfToken(req), keptDays: CONTACT_KEPT_DAYS } }),
    );
  });

  app.post('/:lang/staff/contact/:id/handled', read, async (req, reply) => {
    const { actor, locale, tx } = staffRequest(req);
    const id = messageId(req);
    parseOr400(handleBody, req.body ?? {}, 'form');
    const now = app.clock.now();
    await tx(async (trx) => {
      if (!(await messageById(trx, id))) throw notFound();
      if (await markHandled(trx, id, actor.userId, now))
        await audit(
          trx,
          app.keys.audit,
          {
            event: 'contact.handled',
            actorId: actor.userId,
            centreId: null,
            objectType: 'contact_message',
            objectId: id,
          },
          now,
        );
    });
    return reply.redirect(`/${locale}/staff/contact?done=1`, 303);
  });
};
