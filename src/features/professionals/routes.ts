/**
 * The public pages for professionals: the overview, and per guide (adults,
 * minors) the form (GET) and its evaluation (POST to the same path).
 *
 * The evaluation is computed in memory and forgotten with the response:
 * nothing is stored, nothing about the body reaches the request log (which
 * records the route pattern, method and status only, platform/http/logging.ts),
 * no cookie is set and the answer is `Cache-Control: no-store`. The ticked
 * indicators leave the page only in the body of a form the professional
 * chooses to send (checklist, referral), never in a URL.
 */
import type { FastifyPluginAsync } from 'fastify';
import { HttpError, parseOr400 } from '../../platform/http/errors.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import type { Locale } from '../../platform/i18n/index.ts';
import { centresFor } from './centres.ts';
import { receivingCentres } from '../referrals/queries/intake.ts';
import { intakeTx } from '../../platform/request/context.ts';
import { guideView } from './guide-source.ts';
import { assess, GUIDE_KINDS, type GuideKind } from './result.ts';
import { guideFormSchema } from './schema.ts';
import { ChecklistPage, GuidePage, OverviewPage, ResultPage, textLang } from './views/pages.tsx';

/** Today in German time, as people write dates ("7. Dezember 2026", "7 December 2026"). */
function today(now: Date, lang: Locale): string {
  return new Intl.DateTimeFormat(lang === 'en' ? 'en-GB' : lang, {
    dateStyle: 'long',
    timeZone: 'Europe/Berlin',
  }).format(now);
}

export const professionalsRoutes: FastifyPluginAsync = async (app) => {
  const pub = { config: { public: true } };

  async function publishedOr404(kind: GuideKind, locale: Locale) {
    const guide = await guideView(app.database.db, kind, locale);
    // No published version yet: the guide does not exist for readers.
    if (!guide) throw new HttpError(404, 'Not found');
    return guide;
  }

  app.get('/:lang/professionals', pub, async (req, reply) => sendPage(reply, OverviewPage({ ctx: pageContext(req) })));

  for (const kind of GUIDE_KINDS) {
    const path = `/:lang/professionals/guide/${kind}`;

    app.get(path, pub, async (req, reply) => {
      const guide = await publishedOr404(kind, req.locale);
      return sendPage(reply, GuidePage({ ctx: pageContext(req), model: { guide } }));
    });

    app.post(path, pub, async (req, reply) => {
      const guide = await publishedOr404(kind, req.locale);
      const form = parseOr400(guideFormSchema(guide), req.body ?? {}, 'form');
      const assessment = assess(guide, form.observed);
      reply.header('cache-control', 'no-store');
      const ctx = pageContext(req);
      if (form.view === 'edit') {
        const values = { observed: assessment.keys, place: form.place, form: form.form };
        return sendPage(reply, GuidePage({ ctx, model: { guide, values } }));
      }
      if (form.view === 'checklist') {
        const date = today(app.clock.now(), textLang(req.locale));
        return sendPage(reply, ChecklistPage({ ctx, model: { guide, assessment, date } }));
      }
      const snap = await app.directory.get();
      const centres = centresFor(snap.entries, { place: form.place, form: form.form, guide: kind });
      // Only a centre with an active lead or counsellor can open a referral; the
      // others are offered by phone, so nobody fills in a form that cannot be sent.
      const receiving = await intakeTx(req, (trx) => receivingCentres(trx));
      const referable = new Set<string>(receiving.flatMap((c) => (c.serviceId ? [c.serviceId] : [])));
      return sendPage(
        reply,
        ResultPage({ ctx, model: { guide, assessment, place: form.place, form: form.form, centres, referable } }),
      );
    });
  }
};
