/**
 * The funder's logo upload, `POST /:lang/staff/funders/:id/logo`: the only
 * route of this plugin, so multipart bodies (one file of at most 1 MB) are
 * taken here and nowhere else. The kind is read from the bytes: PNG and
 * JPEG pass; SVG (renamed or not), PDF, text and everything else are
 * refused with a message in the reader's language, before anything is
 * written.
 */
import type { FastifyPluginAsync } from 'fastify';
import { audit } from '../../platform/audit/audit.ts';
import { notFound, requireAccess } from '../../platform/auth/access.ts';
import { HttpError, parseOr400 } from '../../platform/http/errors.ts';
import { acceptUploads, uploadOf } from '../../platform/http/upload.ts';
import { translator } from '../../platform/i18n/index.ts';
import { staffRequest } from '../../platform/request/context.ts';
import { PROJECTS_MANAGE } from './actions.ts';
import { logoHash, logoKindOf, MAX_LOGO_BYTES } from './logo.ts';
import { funderById, setFunderLogo } from './queries.ts';
import { idOf } from './routes.ts';
import { emptyForm } from './schema.ts';

export const funderLogoRoutes: FastifyPluginAsync = async (app) => {
  await acceptUploads(app, {
    maxBytes: MAX_LOGO_BYTES,
    message: (req, problem) => translator(req.locale, 'projectsStaff')(`upload.${problem}`),
  });

  app.post('/:lang/staff/funders/:id/logo', { config: { action: PROJECTS_MANAGE } }, async (req, reply) => {
    const { actor, tx } = staffRequest(req);
    const id = idOf(req);
    parseOr400(emptyForm, req.body ?? {}, 'form');
    const t = translator(req.locale, 'projectsStaff');
    const file = uploadOf(req);
    if (!file || file.data.length === 0) throw new HttpError(400, t('upload.missing'));
    const kind = await logoKindOf(file.data);
    if (!kind) throw new HttpError(415, t('upload.wrongKind'));
    const at = app.clock.now();
    const hash = logoHash(file.data);
    await tx(async (trx) => {
      requireAccess(actor, PROJECTS_MANAGE, (await funderById(trx, id)) ? { centreId: null } : undefined);
      if (!(await setFunderLogo(trx, id, { data: file.data, kind, hash }, at))) throw notFound();
      await audit(
        trx,
        app.keys.audit,
        {
          event: 'funder.logo_done',
          actorId: actor.userId,
          centreId: null,
          objectType: 'funder',
          objectId: id,
          details: { kind, bytes: file.data.length },
        },
        at,
      );
    });
    return reply.redirect(`/${req.locale}/staff/projects?done=logo`, 303);
  });
};
