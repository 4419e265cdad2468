/**
 * Re-wrapping the centres' referral keys after a rotation of the
 * key-encryption keys (`schutznetz keys rewrap`, migrations/0025), on both
 * databases: referrals made under KEK k1 stay readable with a ring of k2
 * alone once the command has run, and only then; a second run changes
 * nothing; the command changes nothing when a key names a KEK the ring has
 * lost; and no request scope may change a centre key.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import { runCollecting } from '../../cli/test-support.ts';
import type { Database } from '../../platform/db/index.ts';
import { withScope, type Scope } from '../../platform/db/tenant.ts';
import { DecryptionError, keyIdOf } from '../../platform/security/field-encryption.ts';
import type { KeyRing } from '../../platform/security/keys.ts';
import { decryptReferral, encryptReferral, type SealedReferral } from './crypto.ts';
import { centreKeyByVersion, currentCentreKey } from './queries/centre-keys.ts';
import type { ReferralPayload } from './schema.ts';

let database: Database;
const k1 = randomBytes(32);
const k2 = randomBytes(32);
const ring = (entries: [string, Buffer][]): KeyRing => ({
  currentId: entries.at(-1)![0],
  keys: new Map(entries),
});
const ringK1 = ring([['k1', k1]]);
const ringK2 = ring([['k2', k2]]);
const variable = (entries: [string, Buffer][]) => entries.map(([id, k]) => `${id}:${k.toString('base64')}`).join(',');
const env = (encryption: [string, Buffer][]) => ({
  DATABASE_URL: 'postgres://schutznetz_app@db.example/schutznetz',
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  SERVER_KEYS: variable([['k1', Buffer.alloc(32, 1)]]),
  AUDIT_KEYS: variable([['k1', Buffer.alloc(32, 2)]]),
  ENCRYPTION_KEYS: variable(encryption),
});
const rewrap = (encryption: [string, Buffer][]) =>
  runCollecting(['keys', 'rewrap'], { env: env(encryption), cwd: process.cwd(), database });

const org = randomUUID();
const centreA = randomUUID();
const centreB = randomUUID();
const now = new Date('2026-03-02T09:00:00Z');
const payload: ReferralPayload = {
  sender: {
    name: 'Erika',
    organisation: 'Jugendamt',
    organisationType: 'jugendamt',
    phone: null,
    email: 'e@example.org',
  },
  person: { languages: ['ar'], consent: 'confidential', noConsentReason: null },
  guide: null,
  message: 'Bitte melden.',
  locale: 'de',
};
const referrals: { id: string; centreId: string }[] = [];

/** A referral for `centreId`, written as the public form writes it, under `kek`. */
async function intake(centreId: string, kek: KeyRing) {
  const id = randomUUID();
  await withScope(database.db, { kind: 'intake' }, async (trx) => {
    const sealed = encryptReferral(payload, await currentCentreKey(trx, kek, centreId, now), id);
    await trx
      .insertInto('referral')
      .values({
        id,
        centre_id: centreId,
        status: 'received',
        urgency: 'days',
        forwarding_consent: false,
        payload: sealed.payload,
        wrapped_key: sealed.wrappedKey,
        centre_key_version: sealed.centreKeyVersion,
        receipt_hash: randomBytes(32).toString('hex'),
        created_at: now,
        status_changed_at: now,
      })
      .execute();
  });
  referrals.push({ id, centreId });
}

/** The referral as its centre opens it with `kek` (throws what opening throws), and what its row stores. */
async function open(r: { id: string; centreId: string }, kek: KeyRing) {
  return withScope(database.db, { kind: 'centre', centreId: r.centreId }, async (trx) => {
    const row = await trx
      .selectFrom('referral')
      .select(['payload', 'wrapped_key', 'centre_key_version', 'decline_note'])
      .where('id', '=', r.id)
      .executeTakeFirstOrThrow();
    const sealed: SealedReferral = {
      payload: row.payload,
      wrappedKey: row.wrapped_key,
      centreKeyVersion: row.centre_key_version,
      declineNote: row.decline_note,
    };
    const key = await centreKeyByVersion(trx, kek, r.centreId, sealed.centreKeyVersion);
    if (!key) throw new Error('no centre key');
    return { payload: decryptReferral(sealed, key, r.id), stored: sealed };
  });
}

const centreKeyRows = () =>
  withScope(database.db, { kind: 'keys' }, (trx) =>
    trx.selectFrom('referral_centre_key').select(['centre_id', 'version', 'wrapped_key', 'created_at']).execute(),
  );
const kekIds = async () => [...new Set((await centreKeyRows()).map((r) => keyIdOf(r.wrapped_key)))];
const rewrapAudits = () =>
  withScope(database.db, { kind: 'admin' }, (trx) =>
    trx
      .selectFrom('audit_log')
      .select(['centre_id', 'actor_id', 'object_id', 'details'])
      .where('event', '=', 'keys.rewrapped_done')
      .orderBy('seq')
      .execute(),
  );

async function unknownKeyError(fn: () => Promise<unknown>): Promise<string> {
  try {
    await fn();
  } catch (err) {
    if (err instanceof DecryptionError) return err.reason;
    throw err;
  }
  return 'opened';
}

beforeAll(async () => {
  database = await testDatabase();
  await sql`INSERT INTO member_organization (id, name) VALUES (${org}, 'Org') ON CONFLICT DO NOTHING`.execute(
    database.db,
  );
  await withScope(database.db, { kind: 'admin' }, (trx) =>
    trx
      .insertInto('centre')
      .values([centreA, centreB].map((id, i) => ({ id, member_organization_id: org, name: `Centre ${i}` })))
      .execute(),
  );
  await intake(centreA, ringK1);
  await intake(centreA, ringK1);
  await intake(centreB, ringK1);
});
afterAll(() => database.close());

describe('schutznetz keys rewrap', () => {
  it('re-wraps every centre key under the new KEK; afterwards a ring of k2 alone opens every referral', async () => {
    const keyRowsBefore = await centreKeyRows();
    expect(keyRowsBefore).toHaveLength(2);
    expect(await kekIds()).toEqual(['k1']);
    const before = await Promise.all(referrals.map((r) => open(r, ringK1)));

    // Without the re-wrap, removing k1 from the ring makes every referral unreadable.
    for (const r of referrals) expect(await unknownKeyError(() => open(r, ringK2))).toBe('unknown_key');
    // And a re-wrap with k1 already gone refuses, changing nothing.
    const lost = await rewrap([['k2', k2]]);
    expect(lost.code).toBe(1);
    expect(lost.err).toContain('unknown_key');
    expect(lost.err).toContain('nothing was changed');
    expect(await centreKeyRows()).toEqual(keyRowsBefore);
    expect(await rewrapAudits()).toEqual([]);

    // The rotation: k2 appended, then the command.
    const run = await rewrap([
      ['k1', k1],
      ['k2', k2],
    ]);
    expect(run.err).toBe('');
    expect(run.code).toBe(0);
    expect(run.out).toContain('Centre keys re-wrapped under k2: 2; already under it: 0.');
    expect(run.out).toContain('still named: centre keys k2;');
    expect(await kekIds()).toEqual(['k2']);

    for (const [i, r] of referrals.entries()) {
      const after = await open(r, ringK2);
      expect(after.payload).toEqual(payload);
      // Envelope encryption: the referral's own columns are exactly what they were.
      expect(after.stored).toEqual(before[i]!.stored);
    }
    // Only wrapped_key changed on the key rows.
    const keyRowsAfter = await centreKeyRows();
    const strip = (rows: typeof keyRowsAfter) =>
      rows.map(({ wrapped_key: _w, ...rest }) => rest).sort((a, b) => a.centre_id.localeCompare(b.centre_id));
    expect(strip(keyRowsAfter)).toEqual(strip(keyRowsBefore));
    expect(await rewrapAudits()).toEqual([
      { centre_id: null, actor_id: null, object_id: null, details: { rewrapped: 2, already_current: 0 } },
    ]);
  });

  it('is idempotent: a second run re-wraps nothing and changes no row', async () => {
    const keyRows = await centreKeyRows();
    const again = await rewrap([
      ['k1', k1],
      ['k2', k2],
    ]);
    expect(again.code).toBe(0);
    expect(again.out).toContain('Centre keys re-wrapped under k2: 0; already under it: 2.');
    expect(await centreKeyRows()).toEqual(keyRows);
    expect((await rewrapAudits()).at(-1)?.details).toEqual({ rewrapped: 0, already_current: 2 });
    // With k1 removed from the ring, the command still runs: nothing names it.
    expect((await rewrap([['k2', k2]])).code).toBe(0);
  });

  it('no other scope may change a centre key; the keys scope may change wrapped_key only and delete nothing', async () => {
    const keyRows = await centreKeyRows();
    const scopes: Scope[] = [
      { kind: 'centre', centreId: centreA },
      { kind: 'intake' },
      { kind: 'coordination' },
      { kind: 'admin' },
      { kind: 'retention' },
      { kind: 'auth' },
      { kind: 'import' },
    ];
    for (const scope of scopes) {
      const changed = await withScope(database.db, scope, (trx) =>
        trx.updateTable('referral_centre_key').set({ wrapped_key: 'v1.k2.AAAA.AAAA.AAAA' }).executeTakeFirst(),
      );
      expect(Number(changed.numUpdatedRows), scope.kind).toBe(0);
      const gone = await withScope(database.db, scope, (trx) =>
        trx.deleteFrom('referral_centre_key').executeTakeFirst(),
      ).catch(() => ({ numDeletedRows: 0n }));
      expect(Number(gone.numDeletedRows), scope.kind).toBe(0);
    }
    // The column grant: not even the keys scope moves a key to another centre or version.
    await expect(
      withScope(database.db, { kind: 'keys' }, (trx) =>
        trx.updateTable('referral_centre_key').set({ centre_id: centreB }).execute(),
      ),
    ).rejects.toThrow(/permission denied/);
    await expect(
      withScope(database.db, { kind: 'keys' }, (trx) => trx.deleteFrom('referral_centre_key').execute()),
    ).rejects.toThrow(/permission denied/);
    // Nor does the keys scope see a referral.
    expect(
      await withScope(database.db, { kind: 'keys' }, (trx) => trx.selectFrom('referral').select('id').execute()),
    ).toEqual([]);
    expect(await centreKeyRows()).toEqual(keyRows);
  });
});
