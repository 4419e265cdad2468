/**
 * Checklist #14 (object-level authorisation, IDOR) and #15 (tenant isolation
 * by row-level security), as a property: fast-check builds random networks
 * of 2–4 centres with leads and counsellors, each centre with a pending
 * draft, an open invitation, a passkey, a second session and audit rows.
 * Then every centre user tries every object-id route with every other
 * centre's ids. Those answer 404 (or, where the id only selects among the
 * user's own objects, do nothing), the pages a user can open show nothing
 * of another centre, and the other centre's rows are byte-for-byte
 * unchanged afterwards. The same holds in the database itself: a centre
 * scope sees and updates none of another centre's rows (the public
 * directory it may read, but not change).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { createInvitation } from '../../src/platform/auth/queries/invitations.ts';
import { demoNetworkCentres } from '../../src/features/demo/network.ts';
import { withScope } from '../../src/platform/db/tenant.ts';
import { appForFile } from '../support/app.ts';
import { createCentre, createUser, fakeClock, postAs, signIn, type Session, type TestUser } from '../support/auth.ts';
import { giveCentreAnEntry } from '../support/entries.ts';
import { directSession, markRecentAuth } from '../support/security.ts';
import { sendReferral } from '../../src/features/referrals/test-fixtures.ts';
import { completeRecord } from '../../src/features/case-records/test-fixtures.ts';

const t = appForFile({}, { clock: fakeClock() });
beforeAll(async () => {}, 60_000);

/**
 * Every staff route, and how this test covers it. A route that is added
 * later fails the first test until someone decides here whether it takes
 * an object id (and adds the attack) or not.
 */
const COVERAGE: Record<string, string> = {
  'POST /:lang/staff/entry/withdraw': 'attack: another centre’s draft id → 404',
  'GET /:lang/staff/review/:id': 'attack: another centre’s draft id → 404 (centre roles may not review at all)',
  'POST /:lang/staff/review/:id/accept': 'attack: another centre’s draft id → 404',
  'POST /:lang/staff/review/:id/return': 'attack: another centre’s draft id → 404',
  'GET /:lang/staff/audit': 'attack: ?chain= and ?actor= of another centre → 404 / nothing of theirs shown',
  'GET /:lang/staff/users': 'attack: the list shows nothing of another centre',
  'POST /:lang/staff/users/invite': 'attack: centre_id of another centre → 404, no invitation written',
  'GET /:lang/staff/users/:id': 'attack: every account id of another centre → 404',
  'POST /:lang/staff/users/:id/disable': 'attack: every account id of another centre → 404, nothing disabled or ended',
  'POST /:lang/staff/users/:id/role': 'attack: every account id of another centre → 404 (administrators only)',
  'POST /:lang/staff/sessions/end': 'attack: another centre’s session id → nothing ended',
  'POST /:lang/staff/account/passkeys/remove': 'attack: another centre’s passkey id → 404',
  'GET /:lang/staff/entry': 'attack: the page shows nothing of another centre',
  'GET /:lang/staff/entry/edit': 'attack: the form shows nothing of another centre',
  'GET /:lang/staff/sessions': 'attack: the page shows nothing of another centre',
  'GET /:lang/staff/account': 'attack: the page shows nothing of another centre',
  'GET /:lang/staff': 'attack: the page shows nothing of another centre',
  'POST /:lang/staff/entry/edit': 'no object id: the centre comes from the session only',
  'GET /:lang/staff/users/invite': 'no object id (lists centres for admins only)',
  'GET /:lang/staff/outbox': 'no object id; administrators only (route matrix)',
  'GET /:lang/staff/review': 'no object id; coordination office only (route matrix)',
  'GET /:lang/staff/reports': 'attack: the list shows none of another centre’s error reports',
  'POST /:lang/staff/reports/:id/handled': 'attack: another centre’s error report id → 404, still open',
  'GET /:lang/staff/referrals': 'attack: the inbox lists none of another centre’s referrals',
  'GET /:lang/staff/referrals/:id': 'attack: another centre’s referral id → 404, nothing decrypted',
  'POST /:lang/staff/referrals/:id/accept': 'attack: another centre’s referral id → 404, unchanged',
  'POST /:lang/staff/referrals/:id/decline': 'attack: another centre’s referral id → 404, unchanged',
  'POST /:lang/staff/referrals/:id/forward':
    'attack: another centre’s referral id (even to the attacker’s own centre) → 404, unchanged',
  'POST /:lang/staff/referrals/:id/close': 'attack: another centre’s referral id → 404, unchanged',
  'GET /:lang/staff/news': 'network content, no centre: centre roles refused by role (route matrix)',
  'GET /:lang/staff/news/new': 'no object id; the office and administrators only (route matrix)',
  'POST /:lang/staff/news/new': 'no object id; the office and administrators only (route matrix)',
  'GET /:lang/staff/news/:id':
    'network content, no centre: centre roles refused by role (route matrix, site-content routes.test.ts)',
  'POST /:lang/staff/news/:id':
    'network content, no centre: centre roles refused by role (route matrix, site-content routes.test.ts)',
  'GET /:lang/staff/news/:id/revisions/:rev':
    'network content, no centre: a revision of another post → 404 (route matrix)',
  'GET /:lang/staff/pages': 'network content, no centre: centre roles refused by role (route matrix)',
  'GET /:lang/staff/pages/contact-details': 'the office’s one contact row, no centre (route matrix)',
  'POST /:lang/staff/pages/contact-details': 'the office’s one contact row, no centre (route matrix)',
  'GET /:lang/staff/pages/:key/:locale':
    'network content by a fixed key, no centre (route matrix, site-content routes.test.ts)',
  'POST /:lang/staff/pages/:key/:locale':
    'network content by a fixed key, no centre (route matrix, site-content routes.test.ts)',
  'GET /:lang/staff/pages/:key/:locale/revisions/:rev': 'network content by a fixed key, no centre (route matrix)',
  'GET /:lang/staff/contact': 'network inbox, no centre: the office only, centre roles 404 (route matrix)',
  'GET /:lang/staff/contact/:id':
    'a contact message belongs to no centre: the office only, centre roles 404 (route matrix, contact.test.ts)',
  'POST /:lang/staff/contact/:id/handled':
    'a contact message belongs to no centre: the office only, centre roles 404, unchanged (contact.test.ts)',
  'GET /:lang/staff/reporting-years': 'no object id; the coordination office only (route matrix)',
  'POST /:lang/staff/reporting-years':
    'no object id: a year belongs to the network; coordination office only (route matrix)',
  'GET /:lang/staff/reporting-years/:year':
    'network object, no centre: per-centre counts only, centre roles refused by role (route matrix, reporting-years routes.test.ts)',
  'POST /:lang/staff/reporting-years/:year/close':
    'network object, no centre: centre roles refused by role (route matrix, reporting-years routes.test.ts)',
  'POST /:lang/staff/reporting-years/:year/reopen':
    'network object, no centre: centre roles refused by role (route matrix, reporting-years routes.test.ts)',
  'GET /:lang/staff/cases': 'attack: the list shows none of another centre’s case records',
  'GET /:lang/staff/cases/new': 'no object id: the form shows nothing of another centre',
  'POST /:lang/staff/cases/new': 'no object id: the centre comes from the session only',
  'POST /:lang/staff/cases/release-year': 'attack: releases the own centre’s records only (theirs unchanged)',
  'GET /:lang/staff/cases/:id': 'attack: another centre’s case record id → 404, nothing shown',
  'POST /:lang/staff/cases/:id': 'attack: another centre’s case record id → 404, unchanged',
  'POST /:lang/staff/cases/:id/release': 'attack: another centre’s case record id → 404, not released',
  'POST /:lang/staff/cases/:id/withdraw': 'attack: another centre’s case record id → 404, still released',
  'GET /:lang/staff/cases/:id/delete': 'attack: another centre’s case record id → 404',
  'POST /:lang/staff/cases/:id/delete': 'attack: another centre’s case record id → 404, not deleted',
  'GET /:lang/staff/cases/files': 'no object id: the centre comes from the session only',
  'GET /:lang/staff/cases/files/template': 'no object id: an empty file',
  'POST /:lang/staff/cases/files/import':
    'ids inside the file: another centre’s record id is unknown, nothing changed (case-records io/routes.test.ts)',
  'GET /:lang/staff/cases/files/export':
    'no object id: the session’s centre only, another centre’s records never in it (case-records io/routes.test.ts)',
  'GET /:lang/staff/review/overdue': 'no object id; coordination office only (route matrix)',
  'GET /:lang/staff/recommendations':
    'no object id; network content, coordination office and administrators only (route matrix)',
  'GET /:lang/staff/recommendations/new': 'no object id (route matrix)',
  'POST /:lang/staff/recommendations/new':
    'no object id: recommendations belong to the network, not to a centre (route matrix)',
  'GET /:lang/staff/recommendations/:id':
    'network object, no centre: centre roles refused by role (route matrix, recommendations routes.test.ts)',
  'POST /:lang/staff/recommendations/:id':
    'network object, no centre: centre roles refused by role (route matrix, recommendations routes.test.ts)',
  'POST /:lang/staff/recommendations/:id/sources':
    'network object, no centre: centre roles refused by role (route matrix, recommendations routes.test.ts)',
  'POST /:lang/staff/recommendations/:id/statuses':
    'network object, no centre: centre roles refused by role (route matrix, recommendations routes.test.ts)',
  'POST /:lang/staff/recommendations/:id/evidence':
    'network object, no centre: centre roles refused by role (route matrix, recommendations routes.test.ts)',
  'POST /:lang/staff/recommendations/:id/evidence/remove':
    'network object, no centre: centre roles refused by role (route matrix, recommendations routes.test.ts)',
  'POST /:lang/staff/recommendations/:id/publish':
    'network object, no centre: centre roles refused by role (route matrix, recommendations routes.test.ts)',
  'POST /:lang/staff/recommendations/:id/unpublish':
    'network object, no centre: centre roles refused by role (route matrix, recommendations routes.test.ts)',
  'POST /:lang/staff/recommendations/:id/merge':
    'network object, no centre: centre roles refused by role (route matrix, recommendations routes.test.ts)',
  'GET /:lang/staff/helplines':
    'no object id; network data, coordination office and administrators only (route matrix)',
  'GET /:lang/staff/helplines/new': 'no object id (route matrix)',
  'POST /:lang/staff/helplines/new': 'no object id: helplines belong to the network, not to a centre (route matrix)',
  'GET /:lang/staff/helplines/:id':
    'network object, no centre: centre roles refused by role (route matrix, helplines routes.test.ts)',
  'POST /:lang/staff/helplines/:id':
    'network object, no centre: centre roles refused by role (route matrix, helplines routes.test.ts)',
  'GET /:lang/staff/helplines/:id/translations':
    'network object, no centre: centre roles refused by role (route matrix, helplines translations.test.ts)',
  'POST /:lang/staff/helplines/:id/translations':
    'network object, no centre: centre roles refused by role (route matrix, helplines translations.test.ts)',
  'POST /:lang/staff/helplines/:id/delete':
    'network object, no centre: centre roles refused by role (route matrix, helplines routes.test.ts)',
  'GET /:lang/staff/indicators': 'no object id; network data, coordination office only (route matrix)',
  'GET /:lang/staff/statistics': 'no object id; network aggregates, coordination office only (route matrix)',
  'POST /:lang/staff/statistics/publish':
    'no object id: publications belong to the network, coordination office only (route matrix, statistics staff-routes.test.ts)',
  'GET /:lang/staff/statistics/publications/:id/tables.csv':
    'network object, no centre: centre roles refused by role (route matrix, statistics staff-routes.test.ts)',
  'GET /:lang/staff/statistics/publications/:id/tables.xlsx':
    'network object, no centre: centre roles refused by role (route matrix, statistics staff-routes.test.ts)',
  'GET /:lang/staff/statistics/publications/:id/report.pdf':
    'network object, no centre: centre roles refused by role (route matrix, statistics staff-routes.test.ts)',
  'GET /:lang/staff/publications': 'no object id; the library belongs to the network, not to a centre',
  'GET /:lang/staff/publications/:id':
    'network object, no centre: every member reads published works; drafts the office only (publications queries.test.ts)',
  'GET /:lang/staff/publications/files/:id':
    'network object, no centre: members-only files for signed-in members only, never anonymous (publications routes.test.ts)',
  'POST /:lang/staff/publications': 'no object id: publications belong to the network; office only (route matrix)',
  'POST /:lang/staff/publications/:id/editions':
    'network object, no centre: centre roles refused by role (route matrix)',
  'POST /:lang/staff/publications/:id/status': 'network object, no centre: centre roles refused by role (route matrix)',
  'POST /:lang/staff/publications/:id/project':
    'network object, no centre: centre roles refused by role (route matrix)',
  'POST /:lang/staff/publications/editions/:id/versions':
    'network object, no centre: centre roles refused by role (route matrix)',
  'POST /:lang/staff/publications/editions/:id/visibility':
    'network object, no centre: centre roles refused by role (route matrix)',
  'GET /:lang/staff/publications/editions/:id/edit':
    'network object, no centre: centre roles refused by role (route matrix, publications edit-schedule.test.ts)',
  'POST /:lang/staff/publications/editions/:id/edit':
    'network object, no centre: centre roles refused by role (route matrix, publications edit-schedule.test.ts)',
  'POST /:lang/staff/publications/:id/schedule':
    'network object, no centre: centre roles refused by role (route matrix, publications edit-schedule.test.ts)',
  'GET /:lang/staff/statistics/centre':
    'no object id: the centre comes from the session only; the own records only (statistics staff-routes.test.ts)',
  'POST /:lang/staff/indicators/drafts':
    'no object id: indicator sets belong to the network, not to a centre (route matrix)',
  'GET /:lang/staff/indicators/:id':
    'network object, no centre: coordination office only, centre roles refused by role (route matrix, indicators routes.test.ts)',
  'POST /:lang/staff/indicators/:id':
    'network object, no centre: coordination office only, centre roles refused by role (route matrix, indicators routes.test.ts)',
  'POST /:lang/staff/indicators/:id/submit':
    'network object, no centre: coordination office only, centre roles refused by role (route matrix, indicators routes.test.ts)',
  'POST /:lang/staff/indicators/:id/discard':
    'network object, no centre: coordination office only, centre roles refused by role (route matrix, indicators routes.test.ts)',
  'POST /:lang/staff/indicators/:id/approve':
    'network object, no centre: coordination office only, centre roles refused by role (route matrix, indicators routes.test.ts)',
  'POST /:lang/staff/indicators/:id/return':
    'network object, no centre: coordination office only, centre roles refused by role (route matrix, indicators routes.test.ts)',
  'POST /:lang/staff/indicators/:id/publish':
    'network object, no centre: coordination office only, centre roles refused by role (route matrix, indicators routes.test.ts)',
  'GET /:lang/staff/measures': 'attack: the list shows none of another centre’s measures',
  'GET /:lang/staff/measures/new': 'no object id: the form shows nothing of another centre',
  'POST /:lang/staff/measures/new': 'no object id: the centre comes from the session only',
  'GET /:lang/staff/measures/:id': 'attack: another centre’s measure id → 404, nothing shown',
  'POST /:lang/staff/measures/:id': 'attack: another centre’s measure id → 404, unchanged',
  'POST /:lang/staff/measures/:id/withdraw': 'attack: another centre’s measure id → 404, not withdrawn',
  'GET /:lang/staff/measure-review': 'no object id; coordination office only (route matrix)',
  'GET /:lang/staff/measure-review/:id':
    'attack: another centre’s measure id → 404 (centre roles may not review at all: route matrix, projects routes.test.ts)',
  'POST /:lang/staff/measure-review/:id':
    'attack: another centre’s measure id → 404, unchanged (centre roles may not review at all)',
  'GET /:lang/staff/projects': 'no object id; network data, coordination office and administrators only (route matrix)',
  'GET /:lang/staff/projects/new': 'no object id (route matrix)',
  'POST /:lang/staff/projects/new': 'no object id: projects belong to the network, not to a centre (route matrix)',
  'GET /:lang/staff/projects/:id': 'network object, no centre: centre roles refused by role (route matrix)',
  'POST /:lang/staff/projects/:id': 'network object, no centre: centre roles refused by role (route matrix)',
  'GET /:lang/staff/funders/new': 'no object id (route matrix)',
  'POST /:lang/staff/funders/new': 'no object id: funders belong to the network, not to a centre (route matrix)',
  'GET /:lang/staff/funders/:id': 'network object, no centre: centre roles refused by role (route matrix)',
  'POST /:lang/staff/funders/:id': 'network object, no centre: centre roles refused by role (route matrix)',
  'POST /:lang/staff/funders/:id/logo':
    'network object, no centre: centre roles refused by role (route matrix, projects routes.test.ts)',
  'POST /:lang/staff/sessions/end-others': 'no object id: own sessions only',
  'POST /:lang/staff/sign-out': 'no object id: the current session',
  'GET /:lang/staff/reauth': 'no object id',
  'POST /:lang/staff/reauth': 'no object id: the current user',
  'POST /:lang/staff/reauth/passkey/options': 'no object id: the current user',
  'POST /:lang/staff/reauth/passkey': 'no object id: the current user (the challenge binds the session)',
  'POST /:lang/staff/account/password': 'no object id: the current user',
  'POST /:lang/staff/account/recovery-codes': 'no object id: the current user',
  'POST /:lang/staff/account/passkeys/options': 'no object id: the current user',
  'POST /:lang/staff/account/passkeys': 'no object id: the current user',
  'GET /:lang/staff/account/totp': 'no object id: the current user',
  'POST /:lang/staff/account/totp': 'no object id: the current user (the sealed state is bound to user and session)',
  'GET /:lang/staff/account/email': 'no object id: the current user',
  'POST /:lang/staff/account/email': 'no object id: the current user',
  'GET /:lang/staff/email-change/:token': 'bearer token (256 bits), not an enumerable id',
  'POST /:lang/staff/email-change/:token': 'bearer token (256 bits), not an enumerable id',
  'GET /:lang/staff/sign-in': 'sign-in flow, before any session',
  'POST /:lang/staff/sign-in': 'sign-in flow, before any session',
  'GET /:lang/staff/second-factor': 'sign-in flow: the pending session’s own user',
  'POST /:lang/staff/second-factor': 'sign-in flow: the pending session’s own user',
  'POST /:lang/staff/passkey/options': 'sign-in flow: the pending session’s own user',
  'POST /:lang/staff/passkey/verify': 'sign-in flow: the pending session’s own user',
  'GET /:lang/staff/passkey-setup': 'no object id: the restricted session’s own user',
  'POST /:lang/staff/passkey-setup/options': 'no object id: the restricted session’s own user',
  'POST /:lang/staff/passkey-setup': 'no object id: the restricted session’s own user',
  'POST /:lang/staff/passkey-setup/sign-out': 'no object id: the current session',
  'GET /:lang/staff/invitation/:token': 'bearer token (256 bits), not an enumerable id',
  'POST /:lang/staff/invitation/:token': 'bearer token (256 bits), not an enumerable id',
  'POST /:lang/staff/invitation/:token/totp': 'bearer token (256 bits), not an enumerable id',
  'GET /:lang/staff/password-reset': 'no object id',
  'POST /:lang/staff/password-reset': 'no object id (answer identical for every address)',
  'GET /:lang/staff/password-reset/:token': 'bearer token (256 bits), not an enumerable id',
  'POST /:lang/staff/password-reset/:token': 'bearer token (256 bits), not an enumerable id',
};

describe('tenant isolation through every route', () => {
  it('every staff route is classified (object-id routes are attacked below)', () => {
    const staff = [
      ...new Set(t.app.routeTable.filter((r) => !r.public && r.method !== 'HEAD').map((r) => `${r.method} ${r.url}`)),
    ].sort();
    expect(staff).toEqual(Object.keys(COVERAGE).sort());
  });

  it('no user of one centre reads or changes anything of another centre', async () => {
    const demoPool = demoNetworkCentres();
    let demoUsed = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.record({ demo: fc.boolean(), counsellor: fc.boolean(), secondLead: fc.boolean() }), {
          minLength: 2,
          maxLength: 4,
        }),
        async (shapes) => {
          const centres: Centre[] = [];
          for (const shape of shapes) {
            const demo = shape.demo && demoUsed < demoPool.length ? demoPool[demoUsed++] : undefined;
            const name = `Beratungsstelle ${randomBytes(3).toString('hex')}`;
            const id = demo?.id ?? (await createCentre(t.app, name));
            const serviceId = demo?.serviceId ?? (await giveCentreAnEntry(t.app.database, id, name));
            centres.push(await populate(id, serviceId, shape));
          }
          for (const victim of centres) {
            const before = await rowsOf(victim.id);
            for (const attacker of centres.filter((c) => c !== victim)) {
              for (const person of attacker.people) {
                const problems = await attack(person, victim);
                expect(problems, `${person.user.role} of centre ${attacker.id} against centre ${victim.id}`).toEqual(
                  [],
                );
              }
            }
            expect(await rowsOf(victim.id), `rows of centre ${victim.id} after the attacks`).toEqual(before);
          }
          await databaseIsolation(centres);
        },
      ),
      { numRuns: 3, endOnFailure: true },
    );
    // Random networks of 2–4 centres, each person signing in (argon2id) and
    // attacking every other centre: seconds per run, more on a loaded CI box.
  }, 300_000);
});

type Person = { user: TestUser; session: Session };
type Centre = {
  id: string;
  people: Person[];
  lead: Person;
  draftId: string;
  passkeyId: string;
  /** The public id of the lead's second session, as the sessions page shows it. */
  sessionId: string;
  /** The centre's own directory entry, and a reader's error report about it. */
  serviceId: string;
  reportId: string;
  /** A referral the centre received, encrypted for it. */
  referralId: string;
  /** Two of the centre's case records: one complete and consented (not released), one released. */
  caseRecordIds: [string, string];
  /** A measure the centre registered (submitted, awaiting review). */
  measureId: string;
  /** Strings that must never appear on another centre's pages. */
  markers: string[];
};

async function person(centreId: string, role: 'centre_lead' | 'counsellor', tag: string): Promise<Person> {
  const user = await createUser(t.app, {
    role,
    centreId,
    displayName: `Person ${tag} ${randomBytes(4).toString('hex')}`,
  });
  return { user, session: await signIn(t.app, user) };
}

/** Staff and objects of one centre, written the way the application writes them (or directly where no route exists yet). */
async function populate(
  centreId: string,
  serviceId: string,
  shape: { counsellor: boolean; secondLead: boolean },
): Promise<Centre> {
  const lead = await person(centreId, 'centre_lead', 'Leitung');
  const people = [lead];
  if (shape.counsellor) people.push(await person(centreId, 'counsellor', 'Beratung'));
  if (shape.secondLead) people.push(await person(centreId, 'centre_lead', 'Leitung2'));
  const now = t.app.clock.now();
  const draftId = randomUUID();
  const passkeyId = randomBytes(16).toString('base64url');
  // A well-formed proposal for the centre's own entry (the only one a draft may name).
  const sample = (await t.app.directory.get()).entries[0]!;
  const invitation = await withScope(t.app.database.db, { kind: 'admin' }, async (trx) => {
    await trx
      .insertInto('directory_draft')
      .values({
        id: draftId,
        centre_id: centreId,
        service_id: serviceId,
        entry: JSON.stringify(sample),
        status: 'pending',
        submitted_by: lead.user.id,
        submitted_at: now,
      })
      .execute();
    await trx
      .insertInto('webauthn_credential')
      .values({
        id: passkeyId,
        user_id: lead.user.id,
        centre_id: centreId,
        public_key: randomBytes(77),
        counter: 0,
        transports: null,
        name: 'Schlüssel',
      })
      .execute();
    return createInvitation(
      trx,
      {
        email: `eingeladen.${randomBytes(4).toString('hex')}@example.org`,
        role: 'counsellor',
        centreId,
        invitedBy: lead.user.id,
      },
      now,
    );
  });
  // A reader's error report about the centre's entry, written the way the public form writes it.
  const reportId = randomUUID();
  const reportText = `Meldung ${randomBytes(4).toString('hex')}`;
  await withScope(t.app.database.db, { kind: 'auth' }, (trx) =>
    trx
      .insertInto('entry_report')
      .values({
        id: reportId,
        service_id: serviceId,
        kind: 'phone',
        message: reportText,
        locale: 'de',
        created_at: now,
      })
      .execute(),
  );
  // A referral received through the public intake, encrypted for this centre.
  const referral = await sendReferral(t.app, centreId);
  // Case records: one waiting for its release, one released (the year before this one, still open).
  const year = now.getUTCFullYear() - 1;
  const records = [completeRecord(centreId, year), completeRecord(centreId, year, { released_at: now })];
  await withScope(t.app.database.db, { kind: 'centre', centreId }, (trx) =>
    trx.insertInto('case_record').values(records).execute(),
  );
  // A measure of the centre's own, awaiting the office's review.
  const measureId = randomUUID();
  const measureTitle = `Maßnahme ${randomBytes(4).toString('hex')}`;
  await withScope(t.app.database.db, { kind: 'centre', centreId }, (trx) =>
    trx
      .insertInto('measure')
      .values({
        id: measureId,
        centre_id: centreId,
        title: measureTitle,
        description: 'Sprechstunde in einer Unterkunft.',
        kind: 'outreach_accommodation',
        region: 'DE',
        starts_on: '2026-01-01',
        updated_at: now,
      })
      .execute(),
  );
  // A second session, so the lead's sessions page offers one to end.
  await directSession(t.app, lead.user);
  const page = await t.app.inject({
    method: 'GET',
    url: '/de/staff/sessions',
    headers: { cookie: lead.session.cookie },
  });
  const sessionId = /name="session" value="([0-9a-f]{32})"/.exec(page.body)?.[1];
  if (!sessionId) throw new Error('no session to end on the sessions page');
  const markers = [
    centreId,
    draftId,
    passkeyId,
    invitation.id,
    sessionId,
    reportId,
    reportText,
    referral.id,
    referral.payload.message,
    referral.payload.sender.name,
    records[0]!.id!,
    records[1]!.id!,
    measureId,
    measureTitle,
    ...people.flatMap((p) => [p.user.id, p.user.email]),
  ];
  return {
    id: centreId,
    people,
    lead,
    draftId,
    passkeyId,
    sessionId,
    serviceId,
    reportId,
    referralId: referral.id,
    caseRecordIds: [records[0]!.id!, records[1]!.id!],
    measureId,
    markers,
  };
}

/** Every object-id route with the victim's ids, as `p`. Returns what went wrong. */
async function attack(p: Person, victim: Centre): Promise<string[]> {
  const problems: string[] = [];
  const isLead = p.user.role === 'centre_lead';
  const get = (url: string) => t.app.inject({ method: 'GET', url, headers: { cookie: p.session.cookie } });
  const expectStatus = (what: string, got: number, want: number) => {
    if (got !== want) problems.push(`${what}: expected ${want}, got ${got}`);
  };
  /** Nothing of the victim on a page, except the id the attacker typed in themself. */
  const expectClean = (what: string, body: string, typed: string[] = []) => {
    const leaked = victim.markers.filter((m) => !typed.includes(m) && body.includes(m));
    if (leaked.length) problems.push(`${what} shows another centre's data: ${leaked.join(', ')}`);
  };

  expectStatus(
    'withdraw their draft',
    (await postAs(t.app, p.session, '/de/staff/entry/withdraw', { draft: victim.draftId })).statusCode,
    404,
  );
  expectStatus('open their draft for review', (await get(`/de/staff/review/${victim.draftId}`)).statusCode, 404);
  expectStatus(
    'accept their draft',
    (await postAs(t.app, p.session, `/de/staff/review/${victim.draftId}/accept`)).statusCode,
    404,
  );
  expectStatus(
    'return their draft',
    (await postAs(t.app, p.session, `/de/staff/review/${victim.draftId}/return`, { comment: 'abgelehnt' })).statusCode,
    404,
  );
  expectStatus('read their audit chain', (await get(`/de/staff/audit?chain=${victim.id}`)).statusCode, 404);
  expectStatus(
    'invite a counsellor into their centre',
    (
      await postAs(t.app, p.session, '/de/staff/users/invite', {
        email: `x.${randomBytes(3).toString('hex')}@example.org`,
        role: 'counsellor',
        centre_id: victim.id,
      })
    ).statusCode,
    404,
  );

  // Their counsellor where they have one: the account a lead could disable in their own centre.
  const target = (victim.people.find((v) => v.user.role === 'counsellor') ?? victim.lead).user;
  expectStatus(`open their ${target.role}'s account page`, (await get(`/de/staff/users/${target.id}`)).statusCode, 404);
  expectStatus(
    `disable their ${target.role}`,
    (await postAs(t.app, p.session, `/de/staff/users/${target.id}/disable`, { confirm: 'yes' })).statusCode,
    404,
  );
  expectStatus(
    'change their lead’s role',
    (await postAs(t.app, p.session, `/de/staff/users/${victim.lead.user.id}/role`, { role: 'counsellor' })).statusCode,
    404,
  );

  const end = await postAs(t.app, p.session, '/de/staff/sessions/end', { session: victim.sessionId });
  if (end.statusCode !== 303 || !String(end.headers.location).endsWith('ended=0'))
    problems.push(`end their session: expected "0 ended", got ${end.statusCode} ${String(end.headers.location)}`);

  await markRecentAuth(t.app, p.session);
  expectStatus(
    'remove their passkey',
    (await postAs(t.app, p.session, '/de/staff/account/passkeys/remove', { id: victim.passkeyId })).statusCode,
    404,
  );

  expectStatus(
    'mark their error report handled',
    (await postAs(t.app, p.session, `/de/staff/reports/${victim.reportId}/handled`)).statusCode,
    404,
  );
  const report = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
    trx.selectFrom('entry_report').select('handled_at').where('id', '=', victim.reportId).executeTakeFirst(),
  );
  if (report?.handled_at !== null) problems.push('their error report is no longer open');

  // Their referral: not opened, not decided, not moved — not even to the attacker's own centre.
  const opened = await get(`/de/staff/referrals/${victim.referralId}`);
  expectStatus('open their referral', opened.statusCode, 404);
  expectClean('their referral', opened.body, [victim.referralId]);
  for (const [decision, fields] of [
    ['accept', {}],
    ['decline', { reason: 'no_capacity', note: 'x' }],
    ['forward', { centre: p.user.centreId ?? '' }],
    ['close', {}],
  ] as const)
    expectStatus(
      `${decision} their referral`,
      (await postAs(t.app, p.session, `/de/staff/referrals/${victim.referralId}/${decision}`, fields)).statusCode,
      404,
    );

  // Their case records: not shown, not changed, not released or withdrawn, not deleted.
  const [waiting, released] = victim.caseRecordIds;
  for (const id of victim.caseRecordIds) {
    const page = await get(`/de/staff/cases/${id}`);
    expectStatus('open their case record', page.statusCode, 404);
    expectClean('their case record', page.body, [id]);
    expectStatus('open the deletion of their case record', (await get(`/de/staff/cases/${id}/delete`)).statusCode, 404);
    expectStatus(
      'change their case record',
      (await postAs(t.app, p.session, `/de/staff/cases/${id}`, { intent: 'draft', gender: 'male' })).statusCode,
      404,
    );
    expectStatus(
      'delete their case record',
      (await postAs(t.app, p.session, `/de/staff/cases/${id}/delete`)).statusCode,
      404,
    );
  }
  expectStatus(
    'release their case record',
    (await postAs(t.app, p.session, `/de/staff/cases/${waiting}/release`)).statusCode,
    404,
  );
  expectStatus(
    'withdraw their release',
    (await postAs(t.app, p.session, `/de/staff/cases/${released}/withdraw`)).statusCode,
    404,
  );
  const releaseAll = await postAs(t.app, p.session, '/de/staff/cases/release-year', {
    year: String(t.app.clock.now().getUTCFullYear() - 1),
  });
  expectStatus('release all of a year (the own centre’s only)', releaseAll.statusCode, 303);

  // Their measure: not shown, not changed, not withdrawn, not reviewed.
  const measure = await get(`/de/staff/measures/${victim.measureId}`);
  expectStatus('open their measure', measure.statusCode, 404);
  expectClean('their measure', measure.body, [victim.measureId]);
  expectStatus(
    'change their measure',
    (
      await postAs(t.app, p.session, `/de/staff/measures/${victim.measureId}`, {
        title: 'übernommen',
        description: 'x',
        kind: 'training',
        region: 'DE',
        starts_on: '2026-01-01',
      })
    ).statusCode,
    404,
  );
  expectStatus(
    'withdraw their measure',
    (await postAs(t.app, p.session, `/de/staff/measures/${victim.measureId}/withdraw`)).statusCode,
    404,
  );
  expectStatus(
    'review their measure',
    (await postAs(t.app, p.session, `/de/staff/measure-review/${victim.measureId}`, { decision: 'accepted' }))
      .statusCode,
    404,
  );

  const byActor = await get(`/de/staff/audit?actor=${victim.lead.user.id}`);
  expectStatus('filter the audit log by their lead', byActor.statusCode, isLead ? 200 : 404);
  expectClean('the audit log filtered by their lead', byActor.body, [victim.lead.user.id]);

  const pages = [
    '/de/staff',
    '/de/staff/account',
    '/de/staff/sessions',
    '/de/staff/referrals',
    '/de/staff/cases',
    `/de/staff/cases?year=${t.app.clock.now().getUTCFullYear() - 1}`,
    '/de/staff/cases/new',
    '/de/staff/measures',
    '/de/staff/measures/new',
    ...(isLead
      ? [
          '/de/staff/audit',
          '/de/staff/users',
          '/de/staff/users/invite',
          '/de/staff/entry',
          '/de/staff/entry/edit',
          '/de/staff/reports',
        ]
      : []),
  ];
  for (const url of pages) {
    const res = await get(url);
    if (res.statusCode >= 400) problems.push(`${url}: ${res.statusCode}`);
    expectClean(url, res.body);
  }
  return problems;
}

type TenantTable = { name: string; key: string; update: boolean; public: boolean };

async function tenantTables(): Promise<TenantTable[]> {
  // `public`: the directory, which everyone may read but no centre may write (ADR 021).
  const r = await sql<TenantTable>`
    SELECT c.relname AS name,
           CASE WHEN c.relname = 'centre' THEN 'id' ELSE 'centre_id' END AS key,
           has_table_privilege('schutznetz_app', c.oid, 'UPDATE') AS update,
           EXISTS (SELECT 1 FROM pg_policies p WHERE p.schemaname = 'public' AND p.tablename = c.relname
                     AND p.cmd = 'SELECT' AND p.qual = 'true') AS public
    FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
    WHERE n.nspname = 'public' AND c.relkind = 'r'
      AND (c.relname = 'centre' OR EXISTS (SELECT 1 FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'centre_id' AND NOT a.attisdropped))
    ORDER BY 1`.execute(t.app.database.db);
  return r.rows;
}

/** Every row of the centre in every tenant table, as text (read as the owner: nothing hidden). */
async function rowsOf(centreId: string): Promise<Record<string, string[]>> {
  const out: Record<string, string[]> = {};
  for (const tb of await tenantTables()) {
    const r = await sql<{
      row: string;
    }>`SELECT t::text AS row FROM ${sql.table(tb.name)} t WHERE ${sql.ref(`t.${tb.key}`)} = ${centreId} ORDER BY 1`.execute(
      t.app.database.db,
    );
    out[tb.name] = r.rows.map((x) => x.row);
  }
  return out;
}

/** In the database itself: a centre's scope neither sees nor updates another centre's rows. */
async function databaseIsolation(centres: Centre[]): Promise<void> {
  const tables = await tenantTables();
  for (const a of centres) {
    for (const b of centres.filter((c) => c !== a)) {
      await withScope(t.app.database.db, { kind: 'centre', centreId: a.id }, async (trx) => {
        for (const tb of tables) {
          const seen = await sql<{
            n: string;
          }>`SELECT count(*)::text AS n FROM ${sql.table(tb.name)} WHERE ${sql.ref(tb.key)} = ${b.id}`.execute(trx);
          if (!tb.public)
            expect({ table: tb.name, visible: seen.rows[0]?.n }).toEqual({ table: tb.name, visible: '0' });
          if (tb.update) {
            const upd =
              await sql`UPDATE ${sql.table(tb.name)} SET ${sql.ref(tb.key)} = ${sql.ref(tb.key)} WHERE ${sql.ref(tb.key)} = ${b.id}`.execute(
                trx,
              );
            expect({ table: tb.name, updated: Number(upd.numAffectedRows ?? 0n) }).toEqual({
              table: tb.name,
              updated: 0,
            });
          }
        }
        // Error reports belong to whoever maintains the entry they are about (no centre column).
        const reports = await trx
          .selectFrom('entry_report')
          .select('id')
          .where('service_id', '=', b.serviceId)
          .execute();
        expect({ table: 'entry_report', visible: reports.length }).toEqual({ table: 'entry_report', visible: 0 });
        const handled = await trx
          .updateTable('entry_report')
          .set({ handled_at: t.app.clock.now() })
          .where('service_id', '=', b.serviceId)
          .executeTakeFirst();
        expect({ table: 'entry_report', updated: Number(handled.numUpdatedRows) }).toEqual({
          table: 'entry_report',
          updated: 0,
        });
      });
    }
  }
}
