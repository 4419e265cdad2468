/**
 * Checklist #23, "log … authz failures": a signed-in person refused a route
 * (policy) or an object (another centre's) gets the usual 404, and the
 * refusal lands in the audit log as `access.denied` — in their own chain,
 * with the route pattern and method only, once per minute and route at most,
 * surviving the refused request's rollback — and the chains still verify.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp, type App } from '../../app.ts';
import { appForFile, TEST_KEYS } from '../../../test/support/app.ts';
import { createCentre, createUser, fakeClock, postAs, signIn } from '../../../test/support/auth.ts';
import type { Session, TestUser } from '../../../test/support/auth.ts';
import { markRecentAuth } from '../../../test/support/security.ts';
import { testDatabase } from '../../../test/support/db.ts';
import { verifyAuditLog } from '../audit/verify.ts';
import { loadConfig } from '../config/index.ts';
import { withScope } from '../db/tenant.ts';
import { AccessDenied, ACCESS_DENIED_INTERVAL_MS } from './access-denied.ts';
import { ACCOUNT_MANAGE } from './policy.ts';

const clock = fakeClock();
let centreA: string;
let centreB: string;
let counsellorA: TestUser;
let leadA: TestUser;
let leadB: TestUser;
let coordination: TestUser;
const s = {} as Record<'counsellorA' | 'leadA' | 'coordination', Session>;

const t = appForFile({}, { clock });
beforeAll(async () => {
  centreA = await createCentre(t.app, 'Beratungsstelle A');
  centreB = await createCentre(t.app, 'Beratungsstelle B');
  counsellorA = await createUser(t.app, { role: 'counsellor', centreId: centreA });
  leadA = await createUser(t.app, { role: 'centre_lead', centreId: centreA });
  leadB = await createUser(t.app, { role: 'centre_lead', centreId: centreB });
  coordination = await createUser(t.app, { role: 'coordination' });
  s.counsellorA = await signIn(t.app, counsellorA);
  s.leadA = await signIn(t.app, leadA);
  s.coordination = await signIn(t.app, coordination);
}, 60_000);

type Row = {
  chain: string;
  centre_id: string | null;
  actor_id: string | null;
  object_type: string | null;
  object_id: string | null;
  details: unknown;
  at: Date;
};

async function deniedRows(app: App, actorId: string): Promise<Row[]> {
  return withScope(app.database.db, { kind: 'admin' }, (trx) =>
    trx
      .selectFrom('audit_log')
      .select(['chain', 'centre_id', 'actor_id', 'object_type', 'object_id', 'details', 'at'])
      .where('event', '=', 'access.denied')
      .where('actor_id', '=', actorId)
      .orderBy('at')
      .orderBy('seq')
      .execute(),
  );
}

const get = (session: Session, url: string) =>
  t.app.inject({ method: 'GET', url, headers: { cookie: session.cookie } });

describe('a refused route (policy)', () => {
  it('a counsellor opening the coordination office’s review queue: 404 and one access.denied row in the centre’s chain', async () => {
    const res = await get(s.counsellorA, '/de/staff/review?seite=2&suche=geheimer-suchbegriff');
    expect(res.statusCode).toBe(404);
    // The same page as for anything that does not exist.
    expect(res.body).toContain('Seite nicht gefunden');
    const rows = await deniedRows(t.app, counsellorA.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      chain: centreA,
      centre_id: centreA,
      actor_id: counsellorA.id,
      object_type: null,
      object_id: null,
      details: { route: '/:lang/staff/review', http_method: 'GET', reason: 'role' },
    });
    // The pattern only: neither the language, nor the query, nor anything typed.
    expect(JSON.stringify(rows[0])).not.toMatch(/geheimer|seite|\/de\//);
  });

  it('a refused POST is recorded with its method, before its body is even read', async () => {
    const res = await postAs(t.app, s.counsellorA, '/de/staff/users/invite', {
      email: 'jemand@example.org',
      role: 'counsellor',
    });
    expect(res.statusCode).toBe(404);
    const rows = await deniedRows(t.app, counsellorA.id);
    expect(rows.map((r) => r.details)).toContainEqual({
      route: '/:lang/staff/users/invite',
      http_method: 'POST',
      reason: 'role',
    });
    expect(JSON.stringify(rows)).not.toContain('example.org');
  });

  it('a flood of refusals leaves one row per actor, method and route and minute', async () => {
    const before = (await deniedRows(t.app, counsellorA.id)).length;
    for (let i = 0; i < 5; i++)
      expect((await get(s.counsellorA, `/de/staff/review?versuch=${i}`)).statusCode).toBe(404);
    expect((await deniedRows(t.app, counsellorA.id)).length).toBe(before);
    // Another refused route is recorded on its own.
    expect((await get(s.counsellorA, '/de/staff/outbox')).statusCode).toBe(404);
    expect((await deniedRows(t.app, counsellorA.id)).length).toBe(before + 1);
    // After the minute the same route is recorded again.
    clock.advance(ACCESS_DENIED_INTERVAL_MS + 1000);
    expect((await get(s.counsellorA, '/de/staff/review')).statusCode).toBe(404);
    expect((await deniedRows(t.app, counsellorA.id)).length).toBe(before + 2);
  });

  it('an allowed request and an ordinary 404 are not refusals', async () => {
    const before = (await deniedRows(t.app, coordination.id)).length;
    expect((await get(s.coordination, '/de/staff/review')).statusCode).toBe(200);
    // A malformed draft id is simply unknown, not a refusal of an existing object.
    expect((await get(s.coordination, '/de/staff/review/kein-entwurf')).statusCode).toBe(404);
    expect((await deniedRows(t.app, coordination.id)).length).toBe(before);
  });
});

describe('a refused object (another centre’s)', () => {
  it('a centre-A lead asking for centre B’s audit chain: 404 and a row in A’s chain, nothing in B’s', async () => {
    const res = await get(s.leadA, `/de/staff/audit?chain=${centreB}`);
    expect(res.statusCode).toBe(404);
    const rows = await deniedRows(t.app, leadA.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      chain: centreA,
      centre_id: centreA,
      details: { route: '/:lang/staff/audit', http_method: 'GET', reason: 'object' },
    });
    // B's id was asked for, but the row does not repeat it.
    expect(JSON.stringify(rows[0])).not.toContain(centreB);
    const inB = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx
        .selectFrom('audit_log')
        .select('seq')
        .where('chain', '=', centreB)
        .where('event', '=', 'access.denied')
        .execute(),
    );
    expect(inB).toEqual([]);
  });

  it('a centre-A lead removing a centre-B lead’s passkey: 404, the passkey stays, and the refusal is recorded', async () => {
    const passkeyId = 'cGFzc2tleS12b24tYg';
    await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx
        .insertInto('webauthn_credential')
        .values({
          id: passkeyId,
          user_id: leadB.id,
          centre_id: centreB,
          public_key: Buffer.from([1]),
          counter: 0,
          name: 'B',
        })
        .execute(),
    );
    await markRecentAuth(t.app, s.leadA);
    const res = await postAs(t.app, s.leadA, '/de/staff/account/passkeys/remove', { id: passkeyId });
    expect(res.statusCode).toBe(404);
    const still = await withScope(t.app.database.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('webauthn_credential').select('id').where('id', '=', passkeyId).execute(),
    );
    expect(still).toHaveLength(1);
    const rows = await deniedRows(t.app, leadA.id);
    expect(rows.map((r) => r.details)).toContainEqual({
      route: '/:lang/staff/account/passkeys/remove',
      http_method: 'POST',
      reason: 'object',
    });
    expect(JSON.stringify(rows)).not.toContain(passkeyId);
  });

  it('the network roles’ refusals go to the network chain', async () => {
    expect((await get(s.coordination, '/de/staff/entry')).statusCode).toBe(404);
    const rows = await deniedRows(t.app, coordination.id);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({
      chain: 'network',
      centre_id: null,
      details: { route: '/:lang/staff/entry', reason: 'role' },
    });
  });

  it('every chain still verifies', async () => {
    const results = await verifyAuditLog(t.app.database.db, t.app.keys.audit);
    expect(results.filter((r) => !r.ok)).toEqual([]);
    expect(results.map((r) => r.chain)).toEqual(expect.arrayContaining([centreA, 'network']));
  });
});

describe('a refusal inside a transaction that rolls back', () => {
  let app: App;
  let close: () => Promise<void>;
  let user: TestUser;
  let session: Session;

  beforeAll(async () => {
    const database = await testDatabase();
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEARCH_INDEX_TTL_MS: '0', ...TEST_KEYS });
    app = await buildApp({ config, database });
    // A handler that writes, then refuses inside the same transaction.
    await app.register(async (scoped: FastifyInstance) => {
      scoped.post('/:lang/staff/test-refusal', { config: { action: ACCOUNT_MANAGE } }, async (req) => {
        await withScope(app.database.db, { kind: 'admin' }, async (trx) => {
          await trx
            .updateTable('app_user')
            .set({ display_name: 'Vor der Ablehnung' })
            .where('id', '=', req.actor!.userId)
            .execute();
          throw new AccessDenied('object');
        });
      });
    });
    await app.ready();
    close = async () => {
      await app.close();
      await database.close();
    };
    user = await createUser(app, { role: 'coordination', displayName: 'Unverändert' });
    session = await signIn(app, user);
  }, 60_000);
  afterAll(() => close?.());

  it('the handler’s write is rolled back, the access.denied row is kept', async () => {
    const res = await postAs(app, session, '/de/staff/test-refusal');
    expect(res.statusCode).toBe(404);
    const name = await withScope(app.database.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('app_user').select('display_name').where('id', '=', user.id).executeTakeFirstOrThrow(),
    );
    expect(name.display_name).toBe('Unverändert');
    const rows = await deniedRows(app, user.id);
    expect(rows.map((r) => r.details)).toEqual([
      { route: '/:lang/staff/test-refusal', http_method: 'POST', reason: 'object' },
    ]);
    const verified = await verifyAuditLog(app.database.db, app.keys.audit);
    expect(verified.every((r) => r.ok)).toBe(true);
  });
});
