/**
 * The role × route matrix (checklist #13, ASVS 8.2.1): for every route the
 * router knows, who gets what. Written out by hand ON PURPOSE — it is the
 * second, independent statement of the access rules next to
 * src/platform/auth/policy.ts, and route-matrix.test.ts fails when the two
 * disagree, when a route is missing here, or when a row names a route that
 * does not exist. Adding a route means adding its row: that is the review
 * step.
 *
 * Columns: anonymous (no cookie), pending (password accepted, second factor
 * missing), restricted (an administrator who completed the sign-in with a
 * TOTP code instead of the required passkey), then the four staff roles with
 * complete sessions.
 *
 * Outcomes:
 * - 'public'  answered the same for everyone, no session looked at (a public
 *             POST — a reader's error report — is reachable by everyone and
 *             still refused cross-site by its Origin / Sec-Fetch-Site)
 * - 'flow'    a sign-in flow page anyone may open (sign-in, invitation, reset)
 * - 'ok'      the role may use the route
 * - 'not-found'        signed in without the right: 404, nothing revealed
 * - 'redirect-sign-in' 303 to the sign-in page (HTML) or 401 (JSON)
 * - 'redirect-passkey' 303 to the passkey set-up page (HTML) or 403 (JSON):
 *                      a restricted session reaches nothing else
 * - 'home'             already completely signed in: 303 to the staff start
 *                      page (HTML) or 409 (JSON) — nothing to set up
 */
import type { Who } from '../support/security.ts';

export type Outcome = 'public' | 'flow' | 'ok' | 'not-found' | 'redirect-sign-in' | 'redirect-passkey' | 'home';

export type MatrixRow = {
  method: string;
  url: string;
  /** The route's declared access rule: 'public', 'flow:<authFlow>' or 'action:<policy action>'. */
  access: string;
  /** How the route's body is sent (POST only). */
  body?: 'form' | 'json';
  outcomes: Record<Who, Outcome>;
};

const P = 'public' as const;
const F = 'flow' as const;
const OK = 'ok' as const;
const NF = 'not-found' as const;
const SI = 'redirect-sign-in' as const;
const PK = 'redirect-passkey' as const;
const H = 'home' as const;

type Cells = [
  anonymous: Outcome,
  pending: Outcome,
  restricted: Outcome,
  admin: Outcome,
  coordination: Outcome,
  centre_lead: Outcome,
  counsellor: Outcome,
];

function row(method: string, url: string, access: string, cells: Cells, body?: 'form' | 'json'): MatrixRow {
  const [anonymous, pending, restricted, admin, coordination, centre_lead, counsellor] = cells;
  return {
    method,
    url,
    access,
    ...(body ? { body } : {}),
    outcomes: { anonymous, pending, restricted, admin, coordination, centre_lead, counsellor },
  };
}

const PUB: Cells = [P, P, P, P, P, P, P];
const FLOW: Cells = [F, F, F, F, F, F, F];

// prettier-ignore
export const ROUTE_MATRIX: MatrixRow[] = [
  //  method  url                                        access                           anon pend restr admin coord lead couns
  // Public help finder, pages and open data
  row('GET', '/',                                        'public', PUB),
  row('GET', '/healthz',                                 'public', PUB),
  row('GET', '/assets/:file',                            'public', PUB),
  row('GET', '/:lang',                                   'public', PUB),
  row('GET', '/:lang/search',                            'public', PUB),
  row('GET', '/:lang/centres/:id',                       'public', PUB),
  row('GET', '/:lang/centres/:id/report',                'public', PUB),
  // A reader's error report: public, no session, no cookie (ADR 026); refused cross-site by Origin/Sec-Fetch-Site.
  row('POST', '/:lang/centres/:id/report',               'public', PUB, 'form'),
  // Referrals by professionals (ADR 032): public, no session, no cookie; refused cross-site like the error report.
  row('GET', '/:lang/referral/new',                      'public', PUB),
  // The indicator guide's hand-over: pre-fills the form, stores nothing.
  row('POST', '/:lang/referral/new',                     'public', PUB, 'form'),
  row('POST', '/:lang/referral/send',                    'public', PUB, 'form'),
  row('GET', '/:lang/referral/status',                   'public', PUB),
  // The receipt code is posted so it never stands in a URL.
  row('POST', '/:lang/referral/status',                  'public', PUB, 'form'),
  row('GET', '/:lang/states',                            'public', PUB),
  row('GET', '/:lang/states/:slug',                      'public', PUB),
  row('GET', '/:lang/about',                             'public', PUB),
  row('GET', '/:lang/accessibility',                     'public', PUB),
  row('GET', '/:lang/leichte-sprache',                   'public', PUB),
  row('GET', '/:lang/privacy',                           'public', PUB),
  row('GET', '/:lang/safety',                            'public', PUB),
  // Pages for professionals and the anonymous indicator guides: the evaluation is a public POST that
  // stores nothing (no session, no cookie, no-store), refused cross-site like every POST.
  row('GET', '/:lang/professionals',                     'public', PUB),
  row('GET', '/:lang/professionals/guide/adults',        'public', PUB),
  row('POST', '/:lang/professionals/guide/adults',       'public', PUB, 'form'),
  row('GET', '/:lang/professionals/guide/minors',        'public', PUB),
  row('POST', '/:lang/professionals/guide/minors',       'public', PUB, 'form'),
  // The network's published statistics (closed years only) and their files; each download is audited
  // without an actor (and counted by the flood guard), so these GETs write on purpose.
  row('GET', '/:lang/statistics',                        'public', PUB),
  // The office's news and pages, read by anyone (published and due only)
  row('GET', '/:lang/news',                              'public', PUB),
  row('GET', '/:lang/news/feed.atom',                    'public', PUB),
  row('GET', '/:lang/news/:slug',                        'public', PUB),
  row('GET', '/:lang/network',                           'public', PUB),
  row('GET', '/:lang/contact',                           'public', PUB),
  row('POST', '/:lang/contact',                          'public', PUB, 'form'),
  row('GET', '/:lang/contact/sent',                      'public', PUB),
  row('GET', '/:lang/support',                           'public', PUB),
  row('GET', '/:lang/funders',                           'public', PUB),
  row('GET', '/:lang/imprint',                           'public', PUB),
  row('GET', '/:lang/statistics/:year',                  'public', PUB),
  row('GET', '/:lang/statistics/:year/tables.csv',       'public', PUB),
  row('GET', '/:lang/statistics/:year/tables.xlsx',      'public', PUB),
  row('GET', '/:lang/statistics/:year/report.pdf',       'public', PUB),
  // The network's library: search, feed, a work's page and its public files (published, public editions only)
  row('GET', '/:lang/publications',                      'public', PUB),
  row('GET', '/:lang/publications/feed.atom',            'public', PUB),
  row('GET', '/:lang/publications/:slug',                'public', PUB),
  row('GET', '/:lang/publications/files/:id',            'public', PUB),
  // The recommendations tracker: published recommendations only, their list (filters, CSV) and pages.
  row('GET', '/:lang/recommendations',                   'public', PUB),
  row('GET', '/:lang/recommendations.csv',               'public', PUB),
  row('GET', '/:lang/recommendations/:slug',             'public', PUB),
  row('GET', '/api/hsds/',                               'public', PUB),
  row('GET', '/api/hsds/openapi.json',                   'public', PUB),
  row('GET', '/api/hsds/profile',                        'public', PUB),
  row('GET', '/api/hsds/services',                       'public', PUB),
  row('GET', '/api/hsds/services/:id',                   'public', PUB),
  row('GET', '/api/hsds/service_at_locations',           'public', PUB),
  row('GET', '/api/hsds/service_at_locations/:id',       'public', PUB),
  row('GET', '/api/hsds/organizations',                  'public', PUB),
  row('GET', '/api/hsds/organizations/:id',              'public', PUB),
  row('GET', '/api/hsds/taxonomies',                     'public', PUB),
  row('GET', '/api/hsds/taxonomies/:id',                 'public', PUB),
  row('GET', '/api/hsds/taxonomy_terms',                 'public', PUB),
  row('GET', '/api/hsds/taxonomy_terms/:id',             'public', PUB),

  // Sign-in flow (no complete session needed)
  row('GET',  '/:lang/staff/sign-in',                    'flow:anonymous', FLOW),
  row('POST', '/:lang/staff/sign-in',                    'flow:anonymous', FLOW, 'form'),
  row('GET',  '/:lang/staff/second-factor',              'flow:pending',   [SI, OK, SI, SI, SI, SI, SI]),
  row('POST', '/:lang/staff/second-factor',              'flow:pending',   [SI, OK, SI, SI, SI, SI, SI], 'form'),
  row('POST', '/:lang/staff/passkey/options',            'flow:pending',   [SI, OK, SI, SI, SI, SI, SI], 'json'),
  row('POST', '/:lang/staff/passkey/verify',             'flow:pending',   [SI, OK, SI, SI, SI, SI, SI], 'json'),
  // An administrator's enrolment session adds the first passkey here (and may sign out), nothing else
  row('GET',  '/:lang/staff/passkey-setup',              'flow:passkey_setup', [SI, SI, OK, H, H, H, H]),
  row('POST', '/:lang/staff/passkey-setup/options',      'flow:passkey_setup', [SI, SI, OK, H, H, H, H], 'json'),
  row('POST', '/:lang/staff/passkey-setup',              'flow:passkey_setup', [SI, SI, OK, H, H, H, H], 'json'),
  row('POST', '/:lang/staff/passkey-setup/sign-out',     'flow:passkey_setup', [SI, SI, OK, H, H, H, H], 'form'),
  row('GET',  '/:lang/staff/invitation/:token',          'flow:anonymous', FLOW),
  row('POST', '/:lang/staff/invitation/:token',          'flow:anonymous', FLOW, 'form'),
  row('POST', '/:lang/staff/invitation/:token/totp',     'flow:anonymous', FLOW, 'form'),
  row('GET',  '/:lang/staff/password-reset',             'flow:anonymous', FLOW),
  row('POST', '/:lang/staff/password-reset',             'flow:anonymous', FLOW, 'form'),
  row('GET',  '/:lang/staff/password-reset/:token',      'flow:anonymous', FLOW),
  row('POST', '/:lang/staff/password-reset/:token',      'flow:anonymous', FLOW, 'form'),

  // Every signed-in person: start page, own sessions, own account
  row('GET',  '/:lang/staff',                            'action:staff.home',      [SI, SI, PK, OK, OK, OK, OK]),
  row('POST', '/:lang/staff/sign-out',                   'action:account.manage',  [SI, SI, PK, OK, OK, OK, OK], 'form'),
  row('GET',  '/:lang/staff/sessions',                   'action:account.manage',  [SI, SI, PK, OK, OK, OK, OK]),
  row('POST', '/:lang/staff/sessions/end',               'action:account.manage',  [SI, SI, PK, OK, OK, OK, OK], 'form'),
  row('POST', '/:lang/staff/sessions/end-others',        'action:account.manage',  [SI, SI, PK, OK, OK, OK, OK], 'form'),
  row('GET',  '/:lang/staff/reauth',                     'action:account.manage',  [SI, SI, PK, OK, OK, OK, OK]),
  row('POST', '/:lang/staff/reauth',                     'action:account.manage',  [SI, SI, PK, OK, OK, OK, OK], 'form'),
  row('POST', '/:lang/staff/reauth/passkey/options',     'action:account.manage',  [SI, SI, PK, OK, OK, OK, OK], 'json'),
  row('POST', '/:lang/staff/reauth/passkey',             'action:account.manage',  [SI, SI, PK, OK, OK, OK, OK], 'json'),
  row('GET',  '/:lang/staff/account',                    'action:account.manage',  [SI, SI, PK, OK, OK, OK, OK]),
  row('POST', '/:lang/staff/account/password',           'action:account.manage',  [SI, SI, PK, OK, OK, OK, OK], 'form'),
  row('POST', '/:lang/staff/account/recovery-codes',     'action:account.manage',  [SI, SI, PK, OK, OK, OK, OK], 'form'),
  row('POST', '/:lang/staff/account/passkeys/remove',    'action:account.manage',  [SI, SI, PK, OK, OK, OK, OK], 'form'),
  row('POST', '/:lang/staff/account/passkeys/options',   'action:account.manage',  [SI, SI, PK, OK, OK, OK, OK], 'json'),
  row('POST', '/:lang/staff/account/passkeys',           'action:account.manage',  [SI, SI, PK, OK, OK, OK, OK], 'json'),
  row('GET',  '/:lang/staff/account/totp',               'action:account.manage',  [SI, SI, PK, OK, OK, OK, OK]),
  row('POST', '/:lang/staff/account/totp',               'action:account.manage',  [SI, SI, PK, OK, OK, OK, OK], 'form'),
  row('GET',  '/:lang/staff/account/email',              'action:account.manage',  [SI, SI, PK, OK, OK, OK, OK]),
  row('POST', '/:lang/staff/account/email',              'action:account.manage',  [SI, SI, PK, OK, OK, OK, OK], 'form'),
  row('GET',  '/:lang/staff/email-change/:token',        'flow:anonymous', FLOW),
  row('POST', '/:lang/staff/email-change/:token',        'flow:anonymous', FLOW, 'form'),

  // People and invitations
  row('GET',  '/:lang/staff/users',                      'action:users.list',      [SI, SI, PK, OK, NF, OK, NF]),
  row('GET',  '/:lang/staff/users/invite',               'action:users.invite',    [SI, SI, PK, OK, NF, OK, NF]),
  row('POST', '/:lang/staff/users/invite',               'action:users.invite',    [SI, SI, PK, OK, NF, OK, NF], 'form'),
  row('GET',  '/:lang/staff/users/:id',                  'action:users.list',      [SI, SI, PK, OK, NF, OK, NF]),
  row('POST', '/:lang/staff/users/:id/disable',          'action:users.disable',   [SI, SI, PK, OK, NF, OK, NF], 'form'),
  row('POST', '/:lang/staff/users/:id/role',             'action:users.manage',    [SI, SI, PK, OK, NF, NF, NF], 'form'),
  row('GET',  '/:lang/staff/outbox',                     'action:outbox.read',     [SI, SI, PK, OK, NF, NF, NF]),

  // Audit log
  row('GET',  '/:lang/staff/audit',                      'action:audit.read',      [SI, SI, PK, OK, OK, OK, NF]),

  // A centre keeps its own directory entry
  row('GET',  '/:lang/staff/entry',                      'action:directory.edit_own', [SI, SI, PK, NF, NF, OK, NF]),
  row('GET',  '/:lang/staff/entry/edit',                 'action:directory.edit_own', [SI, SI, PK, NF, NF, OK, NF]),
  row('POST', '/:lang/staff/entry/edit',                 'action:directory.edit_own', [SI, SI, PK, NF, NF, OK, NF], 'form'),
  row('POST', '/:lang/staff/entry/withdraw',             'action:directory.edit_own', [SI, SI, PK, NF, NF, OK, NF], 'form'),

  // The coordination office reviews
  row('GET',  '/:lang/staff/review',                     'action:directory.review', [SI, SI, PK, NF, OK, NF, NF]),
  row('GET',  '/:lang/staff/review/overdue',             'action:directory.review', [SI, SI, PK, NF, OK, NF, NF]),
  row('GET',  '/:lang/staff/review/:id',                 'action:directory.review', [SI, SI, PK, NF, OK, NF, NF]),
  row('POST', '/:lang/staff/review/:id/accept',          'action:directory.review', [SI, SI, PK, NF, OK, NF, NF], 'form'),
  row('POST', '/:lang/staff/review/:id/return',          'action:directory.review', [SI, SI, PK, NF, OK, NF, NF], 'form'),

  // The coordination office (and administrators) keep the helplines
  row('GET',  '/:lang/staff/helplines',                  'action:helplines.edit',  [SI, SI, PK, OK, OK, NF, NF]),
  row('GET',  '/:lang/staff/helplines/new',              'action:helplines.edit',  [SI, SI, PK, OK, OK, NF, NF]),
  row('POST', '/:lang/staff/helplines/new',              'action:helplines.edit',  [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('GET',  '/:lang/staff/helplines/:id',              'action:helplines.edit',  [SI, SI, PK, OK, OK, NF, NF]),
  row('POST', '/:lang/staff/helplines/:id',              'action:helplines.edit',  [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('POST', '/:lang/staff/helplines/:id/delete',       'action:helplines.edit',  [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('GET',  '/:lang/staff/helplines/:id/translations', 'action:helplines.edit',  [SI, SI, PK, OK, OK, NF, NF]),
  row('POST', '/:lang/staff/helplines/:id/translations', 'action:helplines.edit',  [SI, SI, PK, OK, OK, NF, NF], 'form'),
  // The coordination office (and administrators) keep the recommendations tracker
  row('GET',  '/:lang/staff/recommendations',                          'action:recommendations.manage', [SI, SI, PK, OK, OK, NF, NF]),
  row('GET',  '/:lang/staff/recommendations/new',                      'action:recommendations.manage', [SI, SI, PK, OK, OK, NF, NF]),
  row('POST', '/:lang/staff/recommendations/new',                      'action:recommendations.manage', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('GET',  '/:lang/staff/recommendations/:id',                      'action:recommendations.manage', [SI, SI, PK, OK, OK, NF, NF]),
  row('POST', '/:lang/staff/recommendations/:id',                      'action:recommendations.manage', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('POST', '/:lang/staff/recommendations/:id/sources',              'action:recommendations.manage', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('POST', '/:lang/staff/recommendations/:id/statuses',             'action:recommendations.manage', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('POST', '/:lang/staff/recommendations/:id/evidence',             'action:recommendations.manage', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('POST', '/:lang/staff/recommendations/:id/evidence/remove',      'action:recommendations.manage', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('POST', '/:lang/staff/recommendations/:id/publish',              'action:recommendations.manage', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('POST', '/:lang/staff/recommendations/:id/unpublish',            'action:recommendations.manage', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('POST', '/:lang/staff/recommendations/:id/merge',                'action:recommendations.manage', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  // The coordination office alone keeps the indicator sets (not administrators: they run the platform, not its content)
  row('GET',  '/:lang/staff/indicators',                 'action:indicators.edit',    [SI, SI, PK, NF, OK, NF, NF]),
  row('POST', '/:lang/staff/indicators/drafts',          'action:indicators.edit',    [SI, SI, PK, NF, OK, NF, NF], 'form'),
  row('GET',  '/:lang/staff/indicators/:id',             'action:indicators.edit',    [SI, SI, PK, NF, OK, NF, NF]),
  row('POST', '/:lang/staff/indicators/:id',             'action:indicators.edit',    [SI, SI, PK, NF, OK, NF, NF], 'form'),
  row('POST', '/:lang/staff/indicators/:id/submit',      'action:indicators.edit',    [SI, SI, PK, NF, OK, NF, NF], 'form'),
  row('POST', '/:lang/staff/indicators/:id/discard',     'action:indicators.edit',    [SI, SI, PK, NF, OK, NF, NF], 'form'),
  row('POST', '/:lang/staff/indicators/:id/approve',     'action:indicators.review',  [SI, SI, PK, NF, OK, NF, NF], 'form'),
  row('POST', '/:lang/staff/indicators/:id/return',      'action:indicators.review',  [SI, SI, PK, NF, OK, NF, NF], 'form'),
  row('POST', '/:lang/staff/indicators/:id/publish',     'action:indicators.publish', [SI, SI, PK, NF, OK, NF, NF], 'form'),
  // Readers' error reports: the coordination office all, centre leads their own entry's
  row('GET',  '/:lang/staff/reports',                    'action:entry_reports.read',   [SI, SI, PK, NF, OK, OK, NF]),
  row('POST', '/:lang/staff/reports/:id/handled',        'action:entry_reports.handle', [SI, SI, PK, NF, OK, OK, NF], 'form'),
  // Referrals: the receiving centre's members only; the network roles hold none of it (and RLS shows them no row)
  row('GET',  '/:lang/staff/referrals',                  'action:referrals.list',   [SI, SI, PK, NF, NF, OK, OK]),
  row('GET',  '/:lang/staff/referrals/:id',              'action:referrals.open',   [SI, SI, PK, NF, NF, OK, OK]),
  row('POST', '/:lang/staff/referrals/:id/accept',       'action:referrals.decide', [SI, SI, PK, NF, NF, OK, OK], 'form'),
  row('POST', '/:lang/staff/referrals/:id/decline',      'action:referrals.decide', [SI, SI, PK, NF, NF, OK, OK], 'form'),
  row('POST', '/:lang/staff/referrals/:id/forward',      'action:referrals.decide', [SI, SI, PK, NF, NF, OK, OK], 'form'),
  row('POST', '/:lang/staff/referrals/:id/close',        'action:referrals.decide', [SI, SI, PK, NF, NF, OK, OK], 'form'),
  // Reporting years: the coordination office opens, closes and reopens them (administrators run the platform, not the data collection)
  row('GET',  '/:lang/staff/reporting-years',            'action:reporting_years.manage', [SI, SI, PK, NF, OK, NF, NF]),
  row('POST', '/:lang/staff/reporting-years',            'action:reporting_years.manage', [SI, SI, PK, NF, OK, NF, NF], 'form'),
  row('GET',  '/:lang/staff/reporting-years/:year',      'action:reporting_years.manage', [SI, SI, PK, NF, OK, NF, NF]),
  row('POST', '/:lang/staff/reporting-years/:year/close',  'action:reporting_years.manage', [SI, SI, PK, NF, OK, NF, NF], 'form'),
  row('POST', '/:lang/staff/reporting-years/:year/reopen', 'action:reporting_years.manage', [SI, SI, PK, NF, OK, NF, NF], 'form'),
  // Statistics: the coordination office's internal tables, publications and exports; a centre's own figures.
  row('GET',  '/:lang/staff/statistics',                 'action:statistics.network', [SI, SI, PK, NF, OK, NF, NF]),
  row('POST', '/:lang/staff/statistics/publish',         'action:statistics.publish', [SI, SI, PK, NF, OK, NF, NF], 'form'),
  row('GET',  '/:lang/staff/statistics/publications/:id/tables.csv',  'action:statistics.network', [SI, SI, PK, NF, OK, NF, NF]),
  row('GET',  '/:lang/staff/statistics/publications/:id/tables.xlsx', 'action:statistics.network', [SI, SI, PK, NF, OK, NF, NF]),
  row('GET',  '/:lang/staff/statistics/publications/:id/report.pdf',  'action:statistics.network', [SI, SI, PK, NF, OK, NF, NF]),
  row('GET',  '/:lang/staff/statistics/centre',          'action:statistics.centre',  [SI, SI, PK, NF, NF, OK, OK]),
  // The library in the staff area: every member reads (members-only files too), the office manages
  row('GET',  '/:lang/staff/publications',               'action:publications.read',   [SI, SI, PK, OK, OK, OK, OK]),
  row('GET',  '/:lang/staff/publications/:id',           'action:publications.read',   [SI, SI, PK, OK, OK, OK, OK]),
  row('GET',  '/:lang/staff/publications/files/:id',     'action:publications.read',   [SI, SI, PK, OK, OK, OK, OK]),
  row('POST', '/:lang/staff/publications',               'action:publications.manage', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('POST', '/:lang/staff/publications/:id/editions',  'action:publications.manage', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('POST', '/:lang/staff/publications/:id/status',    'action:publications.manage', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('POST', '/:lang/staff/publications/:id/project',   'action:publications.manage', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('POST', '/:lang/staff/publications/editions/:id/versions',   'action:publications.manage', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('POST', '/:lang/staff/publications/editions/:id/visibility', 'action:publications.manage', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('GET',  '/:lang/staff/publications/editions/:id/edit',       'action:publications.manage', [SI, SI, PK, OK, OK, NF, NF]),
  row('POST', '/:lang/staff/publications/editions/:id/edit',       'action:publications.manage', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('POST', '/:lang/staff/publications/:id/schedule',            'action:publications.manage', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  // Case records (ADR 034): the centre's own lead and counsellors only; the network sees counts, never a record
  row('GET',  '/:lang/staff/cases',                      'action:cases.list',       [SI, SI, PK, NF, NF, OK, OK]),
  row('GET',  '/:lang/staff/cases/new',                  'action:cases.edit',       [SI, SI, PK, NF, NF, OK, OK]),
  row('POST', '/:lang/staff/cases/new',                  'action:cases.edit',       [SI, SI, PK, NF, NF, OK, OK], 'form'),
  row('POST', '/:lang/staff/cases/release-year',         'action:cases.release',    [SI, SI, PK, NF, NF, OK, OK], 'form'),
  row('GET',  '/:lang/staff/cases/:id',                  'action:cases.list',       [SI, SI, PK, NF, NF, OK, OK]),
  row('POST', '/:lang/staff/cases/:id',                  'action:cases.edit',       [SI, SI, PK, NF, NF, OK, OK], 'form'),
  row('POST', '/:lang/staff/cases/:id/release',          'action:cases.release',    [SI, SI, PK, NF, NF, OK, OK], 'form'),
  row('POST', '/:lang/staff/cases/:id/withdraw',         'action:cases.release',    [SI, SI, PK, NF, NF, OK, OK], 'form'),
  row('GET',  '/:lang/staff/cases/:id/delete',           'action:cases.edit',       [SI, SI, PK, NF, NF, OK, OK]),
  row('POST', '/:lang/staff/cases/:id/delete',           'action:cases.edit',       [SI, SI, PK, NF, NF, OK, OK], 'form'),
  // Files of a centre's own records: its members only (exports after re-authentication, audited)
  row('GET',  '/:lang/staff/cases/files',                'action:cases.import', [SI, SI, PK, NF, NF, OK, OK]),
  row('GET',  '/:lang/staff/cases/files/template',       'action:cases.import', [SI, SI, PK, NF, NF, OK, OK]),
  row('POST', '/:lang/staff/cases/files/import',         'action:cases.import', [SI, SI, PK, NF, NF, OK, OK], 'form'),
  row('GET',  '/:lang/staff/cases/files/export',         'action:cases.export', [SI, SI, PK, NF, NF, OK, OK]),
  // Projects (public when published) and their funders' logos
  row('GET', '/:lang/projects',                          'public', PUB),
  row('GET', '/:lang/projects/:slug',                    'public', PUB),
  row('GET', '/media/funders/:file',                     'public', PUB),
  // The office keeps projects and funders (administrators too)
  row('GET',  '/:lang/staff/projects',                   'action:projects.manage', [SI, SI, PK, OK, OK, NF, NF]),
  row('GET',  '/:lang/staff/projects/new',               'action:projects.manage', [SI, SI, PK, OK, OK, NF, NF]),
  row('POST', '/:lang/staff/projects/new',               'action:projects.manage', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('GET',  '/:lang/staff/projects/:id',               'action:projects.manage', [SI, SI, PK, OK, OK, NF, NF]),
  row('POST', '/:lang/staff/projects/:id',               'action:projects.manage', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('GET',  '/:lang/staff/funders/new',                'action:projects.manage', [SI, SI, PK, OK, OK, NF, NF]),
  row('POST', '/:lang/staff/funders/new',                'action:projects.manage', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('GET',  '/:lang/staff/funders/:id',                'action:projects.manage', [SI, SI, PK, OK, OK, NF, NF]),
  row('POST', '/:lang/staff/funders/:id',                'action:projects.manage', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('POST', '/:lang/staff/funders/:id/logo',           'action:projects.manage', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  // A centre's own measures; the office reviews them
  row('GET',  '/:lang/staff/measures',                   'action:measures.register', [SI, SI, PK, NF, NF, OK, OK]),
  row('GET',  '/:lang/staff/measures/new',               'action:measures.register', [SI, SI, PK, NF, NF, OK, OK]),
  row('POST', '/:lang/staff/measures/new',               'action:measures.register', [SI, SI, PK, NF, NF, OK, OK], 'form'),
  row('GET',  '/:lang/staff/measures/:id',               'action:measures.register', [SI, SI, PK, NF, NF, OK, OK]),
  row('POST', '/:lang/staff/measures/:id',               'action:measures.register', [SI, SI, PK, NF, NF, OK, OK], 'form'),
  row('POST', '/:lang/staff/measures/:id/withdraw',      'action:measures.register', [SI, SI, PK, NF, NF, OK, OK], 'form'),
  row('GET',  '/:lang/staff/measure-review',             'action:measures.review', [SI, SI, PK, NF, OK, NF, NF]),
  row('GET',  '/:lang/staff/measure-review/:id',         'action:measures.review', [SI, SI, PK, NF, OK, NF, NF]),
  row('POST', '/:lang/staff/measure-review/:id',         'action:measures.review', [SI, SI, PK, NF, OK, NF, NF], 'form'),
  // The site's content: the coordination office and administrators write and publish
  row('GET',  '/:lang/staff/news',                     'action:content.edit', [SI, SI, PK, OK, OK, NF, NF]),
  row('GET',  '/:lang/staff/news/new',                 'action:content.edit', [SI, SI, PK, OK, OK, NF, NF]),
  row('POST', '/:lang/staff/news/new',                 'action:content.edit', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('GET',  '/:lang/staff/news/:id',                 'action:content.edit', [SI, SI, PK, OK, OK, NF, NF]),
  row('POST', '/:lang/staff/news/:id',                 'action:content.edit', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('GET',  '/:lang/staff/news/:id/revisions/:rev',  'action:content.edit', [SI, SI, PK, OK, OK, NF, NF]),
  row('GET',  '/:lang/staff/pages',                    'action:content.edit', [SI, SI, PK, OK, OK, NF, NF]),
  row('GET',  '/:lang/staff/pages/contact-details',     'action:content.edit', [SI, SI, PK, OK, OK, NF, NF]),
  row('POST', '/:lang/staff/pages/contact-details',     'action:content.edit', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('GET',  '/:lang/staff/pages/:key/:locale',       'action:content.edit', [SI, SI, PK, OK, OK, NF, NF]),
  row('POST', '/:lang/staff/pages/:key/:locale',       'action:content.edit', [SI, SI, PK, OK, OK, NF, NF], 'form'),
  row('GET',  '/:lang/staff/pages/:key/:locale/revisions/:rev', 'action:content.edit', [SI, SI, PK, OK, OK, NF, NF]),
  // The contact messages reach the office only (not administrators: RLS gives their scope no read).
  row('GET',  '/:lang/staff/contact',                  'action:contact.read', [SI, SI, PK, NF, OK, NF, NF]),
  row('GET',  '/:lang/staff/contact/:id',              'action:contact.read', [SI, SI, PK, NF, OK, NF, NF]),
  row('POST', '/:lang/staff/contact/:id/handled',      'action:contact.read', [SI, SI, PK, NF, OK, NF, NF], 'form'),
];
