/**
 * Helpers for the security suite (test/security/): a small world of signed-in
 * staff, a fingerprint of every table (to prove a request wrote nothing),
 * an HTML tag scanner (to prove output encoding) and a check that an error
 * answer carries a message meant for people. Test-only.
 */
import { randomUUID } from 'node:crypto';
import type { LightMyRequestResponse } from 'fastify';
import { sql } from 'kysely';
import { createSession } from '../../src/platform/auth/queries/sessions.ts';
import { SESSION_COOKIE } from '../../src/platform/auth/cookie.ts';
import { withScope } from '../../src/platform/db/tenant.ts';
import { hashToken } from '../../src/platform/security/tokens.ts';
import { createInvitation } from '../../src/platform/auth/queries/invitations.ts';
import { createLink } from '../../src/platform/auth/queries/one-time-links.ts';
import { demoNetworkCentres } from '../../src/features/demo/network.ts';
import { DEMO_PUBLICATIONS } from '../../src/features/demo/publications.ts';
import { entryBody, publishedEntry, post as postForm } from '../../src/features/centre-entry/testing.ts';
import type { App } from '../../src/app.ts';
import { createUser, enrolAdmin, form, signIn, type Session, type TestUser } from './auth.ts';
import { sendReferral } from '../../src/features/referrals/test-fixtures.ts';
import { publishedTestYear } from '../../src/features/statistics/test-fixtures.ts';
import { completeRecord } from '../../src/features/case-records/test-fixtures.ts';
import { projectWorld, type ProjectWorld } from '../../src/features/projects/test-fixtures.ts';
import {
  addNewsRevision,
  addPageRevision,
  createPost,
  publishPage,
  publishPost,
} from '../../src/features/site-content/queries.ts';

/**
 * Everyone the route matrix distinguishes. 'pending' = passed the password,
 * not yet the second factor; 'restricted' = an administrator signed in with
 * TOTP instead of the required passkey (may only add a passkey).
 */
export const WHO = [
  'anonymous',
  'pending',
  'restricted',
  'admin',
  'coordination',
  'centre_lead',
  'counsellor',
] as const;
export type Who = (typeof WHO)[number];
export type StaffRole = Exclude<Who, 'anonymous' | 'pending' | 'restricted'>;

type Actor = { user: TestUser; session: Session };

export type World = {
  /** Demo centre A (has a published directory entry) and its service. */
  centreA: { id: string; serviceId: string };
  staff: Record<StaffRole, Actor>;
  /** A password-stage session (second factor still missing) of another centre-A lead. */
  pending: Actor;
  /** Another administrator, without a passkey, signed in with TOTP: the restricted session. */
  restricted: Actor;
  /** Pending draft of centre A, proposed through the real form. */
  draftId: string;
  /** Open invitation and password-reset tokens (as in the e-mailed links). */
  invitationToken: string;
  resetToken: string;
  /** The confirmation link's token of a pending change of the counsellor's address. */
  emailChangeToken: string;
  /**
   * A counsellor of centre A that no test signs in with: the account the
   * user pages (/staff/users/:id) act on, so fuzzing may disable it or
   * change its role without ending anyone's session.
   */
  managedUserId: string;
  /** A referral received by centre A, written the way the public intake writes it. */
  referralId: string;
  /** An open reporting year (opened by the coordination office). */
  reportingYear: number;
  /** A closed reporting year with a public statistics publication (its id). */
  statistics: { year: number; publicationId: string };
  /** A complete, consented case record of centre A (in an open year, not released). */
  caseRecordId: string;
  /** A published project with a funder (and its logo) and a submitted measure of centre A. */
  projects: ProjectWorld;
  /** A published news post and a published office page (the legal notice, German), each with its revision. */
  content: { postId: string; slug: string; postRevision: string; pageRevision: string };
  /** A published recommendation with one evidence link, and a draft to merge into it. */
  recommendation: { id: string; slug: string; evidenceId: string; draftId: string };
  /** A message sent through the public contact form (written in its anonymous scope). */
  contactMessageId: string;
};

/**
 * Sign in one person per role through the real pages, plus a pending
 * session, a draft, an invitation and a reset link to fill route parameters.
 */
export async function buildWorld(app: App): Promise<World> {
  const demo = demoNetworkCentres()[0];
  if (!demo) throw new Error('no demo centre');
  const centreA = { id: demo.id, serviceId: demo.serviceId };
  const staff = {} as Record<StaffRole, Actor>;
  for (const role of ['admin', 'coordination', 'centre_lead', 'counsellor'] as const) {
    const user = await createUser(app, {
      role,
      ...(role === 'centre_lead' || role === 'counsellor' ? { centreId: centreA.id } : {}),
    });
    staff[role] = { user, session: await signIn(app, user) };
  }
  const pendingUser = await createUser(app, { role: 'centre_lead', centreId: centreA.id });
  const pending = { user: pendingUser, session: await pendingSession(app, pendingUser) };
  // An administrator between the invitation's code step and the first passkey.
  const restricted = await enrolAdmin(app);

  const published = await publishedEntry(app, centreA.serviceId);
  const lead = staff.centre_lead;
  const res = await postForm(
    app,
    lead,
    '/de/staff/entry/edit',
    entryBody(published, (f) => (f.description = `${f.description} (geändert im Sicherheitstest)`)),
  );
  if (res.statusCode !== 303) throw new Error(`draft submission answered ${res.statusCode}`);
  const draft = await withScope(app.database.db, { kind: 'admin' }, (trx) =>
    trx
      .selectFrom('directory_draft')
      .select('id')
      .where('centre_id', '=', centreA.id)
      .where('status', '=', 'pending')
      .executeTakeFirstOrThrow(),
  );

  const now = app.clock.now();
  const resetUser = await createUser(app, { role: 'coordination' });
  const managed = await createUser(app, { role: 'counsellor', centreId: centreA.id, displayName: 'Verwaltete Person' });
  const counsellor = staff.counsellor.user;
  const tokens = await withScope(app.database.db, { kind: 'admin' }, async (trx) => ({
    invitationToken: (
      await createInvitation(
        trx,
        { email: 'neu.eingeladen@example.org', role: 'coordination', centreId: null, invitedBy: staff.admin.user.id },
        now,
      )
    ).token,
    resetToken: await createLink(trx, { kind: 'password_reset' }, { id: resetUser.id, centreId: null }, now),
    emailChangeToken: await createLink(
      trx,
      { kind: 'email_change', newEmail: 'neue.adresse@example.org' },
      { id: counsellor.id, centreId: counsellor.centreId },
      now,
    ),
  }));
  const referral = await sendReferral(app, centreA.id);
  const caseRecord = completeRecord(centreA.id, now.getUTCFullYear() - 1);
  await withScope(app.database.db, { kind: 'centre', centreId: centreA.id }, (trx) =>
    trx.insertInto('case_record').values(caseRecord).execute(),
  );
  const reportingYear = now.getUTCFullYear() - 1;
  await withScope(app.database.db, { kind: 'coordination' }, (trx) =>
    trx
      .insertInto('reporting_year')
      .values({ year: reportingYear, status: 'open', release_deadline: `${reportingYear + 2}-03-31`, opened_at: now })
      .execute(),
  );
  const statistics = await publishedTestYear(app, 2019);
  const projects = await projectWorld(app, centreA.id);
  const content = await withScope(app.database.db, { kind: 'coordination' }, async (trx) => {
    const who = { actorId: staff.coordination.user.id, at: now };
    const slug = 'sicherheitstest';
    const text = { title: 'Sicherheitstest', summary: 'Ein Beitrag für den Test.', body: 'Text.' };
    const postId = await createPost(trx, { slug, locale: 'de', category: 'netzwerk' }, text, who);
    const postRevision = await addNewsRevision(trx, postId, { ...text, body: 'Text, geändert.' }, who);
    await publishPost(trx, postId, postRevision, now);
    const pageRevision = await addPageRevision(trx, 'imprint', 'de', { title: 'Impressum', body: 'Demo.' }, who);
    await publishPage(trx, 'imprint', 'de', pageRevision, now);
    return { postId, slug, postRevision, pageRevision };
  });
  const recommendation = await testRecommendation(app);
  const contactMessageId = randomUUID();
  await withScope(app.database.db, { kind: 'auth' }, (trx) =>
    trx
      .insertInto('contact_message')
      .values({ id: contactMessageId, received_at: now, subject: 'Sicherheitstest', message: 'Eine Nachricht.' })
      .execute(),
  );
  return {
    projects,
    centreA,
    staff,
    pending,
    restricted,
    draftId: draft.id,
    managedUserId: managed.id,
    referralId: referral.id,
    reportingYear,
    statistics,
    caseRecordId: caseRecord.id!,
    content,
    recommendation,
    contactMessageId,
    ...tokens,
  };
}

/** A published recommendation with an evidence link and a draft beside it, written as the office writes them. */
async function testRecommendation(app: App) {
  const id = randomUUID();
  const draftId = randomUUID();
  const evidenceId = randomUUID();
  const slug = 'sicherheitstest-empfehlung';
  await withScope(app.database.db, { kind: 'coordination' }, async (trx) => {
    const base = {
      challenge: 'Eine Herausforderung.',
      body: 'Eine Empfehlung.',
      addressee_kind: 'legislator' as const,
      addressee_name: 'Bundestag',
    };
    await trx
      .insertInto('recommendation')
      .values([
        { id, slug, title: 'Sicherheitstest', published: true, ...base },
        { id: draftId, slug: 'sicherheitstest-entwurf', title: 'Entwurf', ...base },
      ])
      .execute();
    await trx
      .insertInto('recommendation_evidence')
      .values({ id: evidenceId, recommendation_id: id, kind: 'external', support: 'Stützt.', external_title: 'Quelle' })
      .execute();
  });
  return { id, slug, evidenceId, draftId };
}

/** The password step of the real sign-in only: a session that may open nothing but the second-factor pages. */
async function pendingSession(app: App, user: TestUser): Promise<Session> {
  const first = await app.inject({
    method: 'POST',
    url: '/de/staff/sign-in',
    ...form({ email: user.email, password: user.password }),
  });
  const cookie = cookieFrom(first);
  const page = await app.inject({ method: 'GET', url: '/de/staff/second-factor', headers: { cookie } });
  const m = /name="_csrf" value="([^"]*)"/.exec(page.body);
  if (!m?.[1]) throw new Error(`no CSRF token on the second-factor page (${page.statusCode})`);
  return { cookie, csrf: m[1] };
}

function cookieFrom(res: LightMyRequestResponse): string {
  const raw = res.headers['set-cookie'];
  const line = (Array.isArray(raw) ? raw : raw ? [raw] : []).find(
    (c) => c.startsWith(`${SESSION_COOKIE}=`) && !c.startsWith(`${SESSION_COOKIE}=;`),
  );
  if (!line) throw new Error(`no session cookie (status ${res.statusCode})`);
  return line.split(';')[0]!;
}

/**
 * One more full session for `user`, written straight into the store (no
 * argon2, no TOTP step): for fuzz runs that must not share a session with
 * other tests. `recent` marks it as just re-authenticated. A full session
 * records the factor a real sign-in would have used: the passkey when the
 * user has one, else TOTP (`factor` overrides, e.g. 'totp' for an
 * administrator's restricted session).
 */
export async function directSession(
  app: App,
  user: TestUser,
  opts: { stage?: 'full' | 'password'; recent?: boolean; factor?: 'totp' | 'passkey' | 'enrolment' } = {},
): Promise<Session> {
  const now = app.clock.now();
  const base = { userId: user.id, centreId: user.centreId, now, reauthAt: opts.recent ? now : null };
  const factor = opts.factor ?? (user.passkey ? 'passkey' : 'totp');
  const s = await withScope(app.database.db, { kind: 'account', userId: user.id }, (trx) =>
    createSession(
      trx,
      opts.stage === 'password' ? { ...base, stage: 'password' } : { ...base, stage: 'full', secondFactor: factor },
    ),
  );
  return { cookie: `${SESSION_COOKIE}=${s.token}`, csrf: s.csrfSecret };
}

/** Mark a session as re-authenticated now (what /staff/reauth does after password + second factor). */
export async function markRecentAuth(app: App, session: Session): Promise<void> {
  const token = session.cookie.split('=')[1] ?? '';
  await withScope(app.database.db, { kind: 'admin' }, (trx) =>
    trx
      .updateTable('user_session')
      .set({ reauth_at: app.clock.now() })
      .where('token_hash', '=', hashToken(token))
      .execute(),
  );
}

// ---------------------------------------------------------------------------
// "Nothing was written": a fingerprint of every table.

export type Fingerprint = Record<string, string>;
const tableLists = new WeakMap<object, string[]>();

async function tablesOf(app: App): Promise<string[]> {
  let tables = tableLists.get(app);
  if (!tables) {
    const r = await sql<{ name: string }>`
      SELECT c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 1`.execute(app.database.db);
    tables = r.rows.map((x) => x.name);
    tableLists.set(app, tables);
  }
  return tables;
}

/**
 * Row count and newest row version (max xmin) of every table in the schema,
 * read as the owner (superuser in tests, so row-level security hides
 * nothing). An insert, update or delete changes one of the two; a rolled
 * back write changes neither.
 */
async function fingerprint(app: App): Promise<Fingerprint> {
  const tables = await tablesOf(app);
  const parts = tables.map(
    (t) => `SELECT '${t}' AS t, count(*)::text || '/' || coalesce(max(xmin::text::bigint), 0)::text AS f FROM "${t}"`,
  );
  const r = await sql<{ t: string; f: string }>`${sql.raw(parts.join(' UNION ALL '))}`.execute(app.database.db);
  return Object.fromEntries(r.rows.map((x) => [x.t, x.f]));
}

/** Tables whose fingerprint differs, minus those a request may legitimately write. */
function changedTables(before: Fingerprint, after: Fingerprint, allowed: readonly string[] = []): string[] {
  return Object.keys({ ...before, ...after })
    .filter((t) => before[t] !== after[t] && !allowed.includes(t))
    .sort();
}

/**
 * Watches the database for writes between checks, cheaply: a transaction
 * gets a transaction id only when it writes (or locks rows), and
 * txid_current() takes exactly one itself. So when the counter moved by
 * exactly one since the last look, nothing was written and the costly
 * per-table fingerprint is skipped; otherwise (a write, or another database
 * on a shared PostgreSQL server) the fingerprints are compared.
 */
export class WriteWatcher {
  private xid = 0n;
  private print: Fingerprint = {};
  constructor(private readonly app: App) {}

  private async currentXid(): Promise<bigint> {
    const r = await sql<{ x: string }>`SELECT txid_current()::text AS x`.execute(this.app.database.db);
    return BigInt(r.rows[0]!.x);
  }

  /** Take a new baseline (after setting things up). */
  async reset(): Promise<void> {
    this.print = await fingerprint(this.app);
    this.xid = await this.currentXid();
  }

  /** Tables written since the last reset or check (minus `allowed`); the baseline moves on. */
  async changes(allowed: readonly string[] = []): Promise<string[]> {
    const xid = await this.currentXid();
    const quiet = xid === this.xid + 1n;
    this.xid = xid;
    if (quiet) return [];
    const now = await fingerprint(this.app);
    const changed = changedTables(this.print, now, allowed);
    this.print = now;
    // The fingerprint query took no transaction id; the next check expects exactly one more.
    this.xid = await this.currentXid();
    return changed;
  }
}

/** Tables the audit function writes (the log and its chain heads). */
export const AUDIT_TABLES = ['audit_log', 'audit_chain_head'] as const;

// ---------------------------------------------------------------------------
// Answers meant for people.

const STACK_TRACE = /\n\s+at [^\n]+:\d+:\d+|node_modules|\/src\/|\.ts:\d+/;

/**
 * Why an error answer is not acceptable for a person (null when it is): JSON
 * needs a non-empty `error`, HTML a title and some visible text; neither
 * may carry a stack trace or a source path.
 */
export function messageProblem(res: LightMyRequestResponse): string | null {
  const type = String(res.headers['content-type'] ?? '');
  const body = res.body;
  if (STACK_TRACE.test(body)) return 'the answer contains a stack trace or source path';
  if (type.startsWith('application/json')) {
    try {
      const json = JSON.parse(body) as { error?: unknown };
      return typeof json.error === 'string' && json.error.trim() !== ''
        ? null
        : 'JSON answer without an "error" message';
    } catch {
      return 'answer says JSON but is not';
    }
  }
  if (type.startsWith('text/html')) {
    if (!/<title>[^<]+<\/title>/.test(body)) return 'HTML answer without a title';
    const text = visibleText(body);
    return text.length >= 20 ? null : `HTML answer with almost no text: "${text}"`;
  }
  if (type.startsWith('text/plain')) return body.trim() !== '' ? null : 'empty text answer';
  return `answer of type "${type}" has no readable message`;
}

/** The text a person sees: everything outside tags, whitespace collapsed. */
function visibleText(html: string): string {
  const main = /<main[\s>][\s\S]*<\/main>/.exec(html)?.[0] ?? html;
  return main
    .replace(/<[^>]*>/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

// ---------------------------------------------------------------------------
// Route parameters.

export type RouteIds = {
  serviceId: string;
  organizationId: string;
  serviceAtLocationId: string;
  taxonomyId: string;
  taxonomyTermId: string;
  stateSlug: string;
  assetUrl: string;
};

async function firstId(app: App, list: string): Promise<string> {
  const res = await app.inject({ method: 'GET', url: `/api/hsds/${list}?per_page=1` });
  const id = (JSON.parse(res.body) as { contents?: { id?: string }[] }).contents?.[0]?.id;
  if (!id) throw new Error(`no ${list} in the demo directory`);
  return id;
}

/** Real ids of public objects (from the open-data API), so parameterised routes answer 200. */
export async function routeIds(app: App, world: Pick<World, 'centreA'>): Promise<RouteIds> {
  const asset =
    [...app.platform.assets.all().values()].find((a) => a.url.endsWith('.css')) ??
    [...app.platform.assets.all().values()][0];
  if (!asset) throw new Error('no assets');
  return {
    serviceId: world.centreA.serviceId,
    organizationId: await firstId(app, 'organizations'),
    serviceAtLocationId: await firstId(app, 'service_at_locations'),
    taxonomyId: await firstId(app, 'taxonomies'),
    taxonomyTermId: await firstId(app, 'taxonomy_terms'),
    stateSlug: 'berlin',
    assetUrl: asset.url,
  };
}

/**
 * A concrete URL for a route pattern, with valid-looking ids (centre A's
 * objects where a staff route needs one). Throws for a parameter nobody
 * taught it, so a new parameterised route cannot be skipped silently.
 */
export function concreteUrl(pattern: string, world: World, ids: RouteIds, lang = 'de'): string {
  if (pattern === '/assets/:file') return ids.assetUrl;
  if (pattern === '/media/funders/:file') return world.projects.logoUrl;
  const byPrefix: [RegExp, string][] = [
    [/^\/:lang\/centres\/:id(\/report)?$/, ids.serviceId],
    // Any well-formed id: the probes are refused before a report is looked up.
    [/^\/:lang\/staff\/reports\/:id/, '00000000-0000-4000-8000-00000000e220'],
    [/^\/:lang\/staff\/contact\/:id/, world.contactMessageId],
    [/^\/:lang\/states\/:slug$/, ids.stateSlug],
    [/^\/:lang\/staff\/review\/:id/, world.draftId],
    [/^\/:lang\/staff\/users\/:id/, world.managedUserId],
    [/^\/:lang\/staff\/referrals\/:id/, world.referralId],
    [/^\/:lang\/staff\/reporting-years\/:year/, String(world.reportingYear)],
    [/^\/:lang\/staff\/statistics\/publications\/:id/, world.statistics.publicationId],
    [/^\/:lang\/statistics\/:year/, String(world.statistics.year)],
    [/^\/:lang\/staff\/cases\/:id/, world.caseRecordId],
    // The demo library (src/features/demo/publications.ts): a members-only file for the staff
    // route, public ones for the public routes, the published dossier and its German edition.
    [/^\/:lang\/staff\/publications\/files\/:id$/, DEMO_PUBLICATIONS.workingAidDeV1],
    [/^\/:lang\/staff\/publications\/editions\/:id/, DEMO_PUBLICATIONS.dossierDe],
    [/^\/:lang\/staff\/publications\/:id/, DEMO_PUBLICATIONS.dossier],
    [/^\/:lang\/publications\/files\/:id$/, DEMO_PUBLICATIONS.dossierDeV2],
    [/^\/:lang\/publications\/:slug$/, 'dossier-gefluechtete-frauen-und-minderjaehrige'],
    [/^\/:lang\/projects\/:slug$/, world.projects.slug],
    [/^\/:lang\/staff\/projects\/:id/, world.projects.projectId],
    [/^\/:lang\/staff\/funders\/:id/, world.projects.funderId],
    [/^\/:lang\/staff\/measures\/:id/, world.projects.measureId],
    [/^\/:lang\/staff\/measure-review\/:id/, world.projects.measureId],
    [/^\/:lang\/staff\/recommendations\/:id/, world.recommendation.id],
    [/^\/:lang\/recommendations\/:slug$/, world.recommendation.slug],
    // The fire service and ambulance (112), seeded by migrations/0018_helplines.sql.
    [/^\/:lang\/staff\/helplines\/:id/, 'e4a8e116-5f96-4147-b8b5-af742b1db4a5'],
    // The published first version of the adults' guide, seeded by migrations/0022_indicator_sets.sql.
    [/^\/:lang\/staff\/indicators\/:id/, '0b7c3f0e-5a41-4d7e-9a4c-1f6e2d8b9a01'],
    [/^\/:lang\/staff\/invitation\/:token/, world.invitationToken],
    [/^\/:lang\/staff\/password-reset\/:token/, world.resetToken],
    [/^\/:lang\/staff\/email-change\/:token/, world.emailChangeToken],
    [/^\/api\/hsds\/services\/:id$/, ids.serviceId],
    [/^\/api\/hsds\/organizations\/:id$/, ids.organizationId],
    [/^\/api\/hsds\/service_at_locations\/:id$/, ids.serviceAtLocationId],
    [/^\/api\/hsds\/taxonomies\/:id$/, ids.taxonomyId],
    [/^\/api\/hsds\/taxonomy_terms\/:id$/, ids.taxonomyTermId],
  ];
  let url = pattern.replace(/^\/:lang(?=\/|$)/, `/${lang}`);
  // The site's content: the world's post and page, and their revisions.
  if (/^\/:lang\/(staff\/)?(news|pages)\//.test(pattern))
    url = url
      .replace(':slug', world.content.slug)
      .replace(':id', world.content.postId)
      .replace(':key/:locale', 'imprint/de')
      .replace(':rev', pattern.includes('/news/') ? world.content.postRevision : world.content.pageRevision);
  const value = byPrefix.find(([re]) => re.test(pattern))?.[1];
  url = url.replace(/:(id|token|slug|year)\b/, () => {
    if (!value)
      throw new Error(`no value for the parameter in ${pattern}: teach concreteUrl (test/support/security.ts)`);
    return value;
  });
  if (url.includes('/:'))
    throw new Error(`unfilled parameter in ${pattern}: teach concreteUrl (test/support/security.ts)`);
  return url;
}
