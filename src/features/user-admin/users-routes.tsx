/**
 * `/:lang/staff/users` (the accounts an actor may see) and
 * `/:lang/staff/users/invite` (the invitation form).
 *
 * Who may invite whom (policy.ts): administrators invite coordination-office
 * staff and centre leads (users.invite_staff); centre leads invite
 * counsellors into their own centre (users.invite_counsellor). A request for
 * a role the actor may not invite, or for another centre, answers 404 like
 * every refused object. Lists and writes run in the actor's scope, so
 * row-level security enforces the centre boundary a second time.
 */
import type { FastifyPluginAsync, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { auditGuarded } from '../../platform/audit/flood-guard.ts';
import { requireAccess } from '../../platform/auth/access.ts';
import { AccessDenied } from '../../platform/auth/access-denied.ts';
import { csrfField, csrfToken } from '../../platform/auth/csrf.ts';
import { can } from '../../platform/auth/policy.ts';
import type { Actor } from '../../platform/auth/types.ts';
import type { Role } from '../../platform/db/schema.ts';
import { staffRequest } from '../../platform/request/context.ts';
import { hasErrors, type FieldErrors } from '../../platform/staff/forms.tsx';
import { parseOr400 } from '../../platform/http/errors.ts';
import { translator, type Locale, type Translate } from '../../platform/i18n/index.ts';
import { pageContext } from '../../platform/layout/context.ts';
import { sendPage } from '../../platform/layout/render.ts';
import { emailSchema } from '../../platform/auth/email.ts';
import { InvitePage, UsersPage, type InviteFormValues, type UserRow } from './views/UsersPages.tsx';
import { inviteUser, type InviteRequest } from './invite.ts';
import { isSafeDisplayName, normaliseDisplayName } from '../../platform/auth/display-name.ts';
import { listAccountSummaries } from './accounts.ts';
import { USERS_INVITE, USERS_INVITE_COUNSELLOR, USERS_INVITE_STAFF, USERS_LIST } from './actions.ts';
import { centresForInvitation } from './queries.ts';
import { USER_ADMIN_NS } from './messages.ts';

const INVITABLE = ['coordination', 'centre_lead', 'counsellor'] as const satisfies readonly Role[];
type InvitableRole = (typeof INVITABLE)[number];

/** The roles this actor may invite, in display order. */
function invitableRoles(actor: Pick<Actor, 'role' | 'centreId'>): InvitableRole[] {
  const roles: InvitableRole[] = [];
  if (can(actor, USERS_INVITE_STAFF)) roles.push('coordination', 'centre_lead');
  if (can(actor, USERS_INVITE_COUNSELLOR)) roles.push('counsellor');
  return roles;
}

const inviteQuery = z.object({ sent: z.literal('1').optional() }).strict();

const inviteBody = z
  .object({
    ...csrfField,
    email: z.string().max(1000),
    display_name: z.string().max(1000).optional(),
    role: z.string().max(50).optional(),
    centre_id: z.string().max(100).optional(),
  })
  .strict();

/** A refusal (a role or centre that is not the actor's): 404 like an unknown page, and audited. */
const NOT_FOUND = (reason: 'role' | 'object') => new AccessDenied(reason);

async function listCentres(req: FastifyRequest): Promise<{ id: string; name: string }[]> {
  const { actor, tx } = staffRequest(req);
  // Only administrators choose a centre; leads invite into their own.
  if (!can(actor, USERS_INVITE_STAFF)) return [];
  return tx(centresForInvitation);
}

/**
 * The accounts the actor's scope can see (row-level security keeps leads to
 * their centre), by name. The read is recorded (`users.viewed`, flood-guarded).
 */
async function listUsers(req: FastifyRequest): Promise<UserRow[]> {
  const { actor, tx } = staffRequest(req);
  const app = req.server;
  return tx(async (trx) => {
    const users = await listAccountSummaries(trx, 'name');
    await auditGuarded(
      trx,
      app.keys,
      { event: 'users.viewed', actorId: actor.userId, centreId: actor.centreId, details: { count: users.length } },
      app.clock.now(),
      { by: [actor.userId, 'list'] },
    );
    return users;
  });
}

/**
 * Turn the form into an invitation request, or field errors. Throws 404 for
 * a role the actor may not invite or a centre that is not theirs.
 */
async function validateInvite(
  req: FastifyRequest,
  actor: Actor,
  t: Translate<typeof USER_ADMIN_NS>,
  body: z.infer<typeof inviteBody>,
): Promise<{ request: InviteRequest } | { errors: FieldErrors }> {
  const errors: FieldErrors = {};
  const email = emailSchema.safeParse(body.email);
  if (!email.success) errors.email = t('invite.errors.email');
  const name = normaliseDisplayName(body.display_name ?? '');
  if (!isSafeDisplayName(name)) errors.display_name = t('invite.errors.name');

  const role = body.role ?? '';
  if (!(INVITABLE as readonly string[]).includes(role)) {
    // 'admin' is a real role nobody may invite on the web: refused like any other right.
    if (role === 'admin') throw NOT_FOUND('role');
    errors.role = t('invite.errors.role');
    return { errors };
  }
  const wanted = role as InvitableRole;
  if (!invitableRoles(actor).includes(wanted)) throw NOT_FOUND('role');

  const chosen = body.centre_id?.trim() || null;
  let centreId: string | null = null;
  if (wanted === 'coordination') {
    if (chosen) errors.centre_id = t('invite.errors.centreNotAllowed');
  } else if (wanted === 'counsellor') {
    centreId = chosen ?? actor.centreId;
    if (!centreId) throw NOT_FOUND('object');
    requireAccess(actor, USERS_INVITE_COUNSELLOR, { centreId }, { missing: 'refused' });
  } else {
    const known =
      chosen && z.uuid().safeParse(chosen).success ? (await listCentres(req)).some((c) => c.id === chosen) : false;
    if (!known) errors.centre_id = t('invite.errors.centre');
    else centreId = chosen;
  }
  if (hasErrors(errors) || !email.success) return { errors };
  return { request: { email: email.data, role: wanted, centreId, displayName: name || null } };
}

export const usersRoutes: FastifyPluginAsync = async (app) => {
  const render = async (
    req: FastifyRequest,
    locale: Locale,
    actor: Actor,
    extra: { values?: Partial<InviteFormValues>; errors?: FieldErrors; sent?: boolean },
  ) =>
    InvitePage({
      ctx: pageContext(req),
      t: translator(locale, USER_ADMIN_NS),
      csrf: csrfToken(req),
      roles: invitableRoles(actor),
      centres: await listCentres(req),
      network: can(actor, USERS_INVITE_STAFF),
      ...extra,
    });

  app.get('/:lang/staff/users', { config: { action: USERS_LIST } }, async (req, reply) => {
    const { actor, locale } = staffRequest(req);
    const users = await listUsers(req);
    return sendPage(
      reply,
      UsersPage({
        ctx: pageContext(req),
        t: translator(locale, USER_ADMIN_NS),
        users,
        canInvite: invitableRoles(actor).length > 0,
      }),
    );
  });

  app.get('/:lang/staff/users/invite', { config: { action: USERS_INVITE } }, async (req, reply) => {
    const { actor, locale } = staffRequest(req);
    const q = parseOr400(inviteQuery, req.query, 'query');
    return sendPage(reply, await render(req, locale, actor, { sent: q.sent === '1' }));
  });

  app.post('/:lang/staff/users/invite', { config: { action: USERS_INVITE } }, async (req, reply) => {
    const { actor, locale } = staffRequest(req);
    const body = parseOr400(inviteBody, req.body, 'form');
    const t = translator(locale, USER_ADMIN_NS);
    const result = await validateInvite(req, actor, t, body);
    if ('errors' in result) {
      const values = {
        email: body.email,
        display_name: body.display_name ?? '',
        role: body.role ?? '',
        centre_id: body.centre_id ?? '',
      };
      return sendPage(reply, await render(req, locale, actor, { values, errors: result.errors }), 400);
    }
    await inviteUser(app, actor, result.request, locale);
    return reply.redirect(`/${locale}/staff/users/invite?sent=1`, 303);
  });
};
