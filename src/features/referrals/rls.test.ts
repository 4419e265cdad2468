/**
 * The walls around referrals (migrations/0023), on both databases: only the
 * receiving centre's members read a referral; the administrators and the
 * coordination office see no row at all; the public intake writes one but
 * reads none; the status page reads only the referral whose receipt-code
 * hash it holds; a referral leaves its centre only as a consented
 * forwarding; nobody but the retention jobs deletes.
 */
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../platform/db/index.ts';
import { withScope, type Scope, type Tx } from '../../platform/db/tenant.ts';
import type { KeyRing } from '../../platform/security/keys.ts';
import { decryptReferral, encryptReferral, reencryptForCentre } from './crypto.ts';
import { centreKeyByVersion, currentCentreKey } from './queries/centre-keys.ts';
import { DECLINE_REASONS, type ReferralPayload } from './schema.ts';

let database: Database;
const kek: KeyRing = { currentId: 'k1', keys: new Map([['k1', randomBytes(32)]]) };
const org = randomUUID();
const centreA = randomUUID();
const centreB = randomUUID();
const centreC = randomUUID();
const leadA = randomUUID();
const counsellorB = randomUUID();
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

const hashOf = (s: string) => createHash('sha256').update(s).digest('hex');
const centre = (centreId: string): Scope => ({ kind: 'centre', centreId });
const REQUEST_SCOPES: Scope[] = [
  { kind: 'admin' },
  { kind: 'coordination' },
  centre(centreB),
  { kind: 'intake' },
  { kind: 'auth' },
  { kind: 'account', userId: leadA },
  { kind: 'import' },
];

/** A new referral for `centreId`, written as the public form writes it. */
async function intake(centreId: string, opts: { consent?: boolean; receipt?: string } = {}) {
  const id = randomUUID();
  const receipt = opts.receipt ?? randomUUID();
  await withScope(database.db, { kind: 'intake' }, async (trx) => {
    const key = await currentCentreKey(trx, kek, centreId, now);
    const sealed = encryptReferral(payload, key, id);
    await trx
      .insertInto('referral')
      .values({
        id,
        centre_id: centreId,
        status: 'received',
        urgency: 'days',
        forwarding_consent: opts.consent ?? false,
        payload: sealed.payload,
        wrapped_key: sealed.wrappedKey,
        centre_key_version: sealed.centreKeyVersion,
        receipt_hash: hashOf(receipt),
        created_at: now,
        status_changed_at: now,
      })
      .execute();
    await trx
      .insertInto('referral_status_event')
      .values({ id: randomUUID(), referral_id: id, status: 'received', at: now })
      .execute();
  });
  return { id, receipt };
}

const ids = (trx: Tx) => trx.selectFrom('referral').select('id').execute();

beforeAll(async () => {
  database = await testDatabase();
  await sql`INSERT INTO member_organization (id, name) VALUES (${org}, 'Org') ON CONFLICT DO NOTHING`.execute(
    database.db,
  );
  await withScope(database.db, { kind: 'admin' }, async (trx) => {
    await trx
      .insertInto('centre')
      .values([centreA, centreB, centreC].map((id, i) => ({ id, member_organization_id: org, name: `Centre ${i}` })))
      .execute();
    const user = (id: string, role: 'centre_lead' | 'counsellor', centreId: string, enrolled: boolean) => ({
      id,
      email: `${id}@example.org`,
      display_name: 'Staff',
      role,
      centre_id: centreId,
      mfa_enrolled_at: enrolled ? now : null,
    });
    await trx
      .insertInto('app_user')
      .values([
        user(leadA, 'centre_lead', centreA, true),
        user(counsellorB, 'counsellor', centreB, true),
        // Centre C's only member has not finished enrolling: C takes no referrals.
        user(randomUUID(), 'counsellor', centreC, false),
      ])
      .execute();
  });
});
afterAll(() => database.close());

describe('referral row-level security', () => {
  it('the intake writes a referral for any centre but reads none, not even its own', async () => {
    const { id } = await intake(centreA);
    const seen = await withScope(database.db, { kind: 'intake' }, async (trx) => ({
      referrals: await ids(trx),
      events: await trx.selectFrom('referral_status_event').select('id').execute(),
    }));
    expect(seen).toEqual({ referrals: [], events: [] });
    const own = await withScope(database.db, centre(centreA), ids);
    expect(own.map((r) => r.id)).toContain(id);
  });

  it('only the receiving centre sees a referral; other centres, administrators and coordination see no row', async () => {
    const { id } = await intake(centreA);
    for (const scope of REQUEST_SCOPES) {
      const seen = await withScope(database.db, scope, async (trx) => ({
        referrals: (await ids(trx)).map((r) => r.id),
        events: (await trx.selectFrom('referral_status_event').select('referral_id').execute()).map(
          (r) => r.referral_id,
        ),
      }));
      expect(seen.referrals, scope.kind).not.toContain(id);
      expect(seen.events, scope.kind).not.toContain(id);
    }
    const events = await withScope(database.db, centre(centreA), (trx) =>
      trx.selectFrom('referral_status_event').select('status').where('referral_id', '=', id).execute(),
    );
    expect(events).toEqual([{ status: 'received' }]);
  });

  it('another centre cannot change a referral; the intake cannot change or accept one', async () => {
    const { id } = await intake(centreA);
    const byB = await withScope(database.db, centre(centreB), (trx) =>
      trx
        .updateTable('referral')
        .set({ status: 'accepted', status_changed_at: now })
        .where('id', '=', id)
        .executeTakeFirst(),
    );
    expect(Number(byB.numUpdatedRows)).toBe(0);
    for (const scope of [{ kind: 'intake' }, { kind: 'admin' }, { kind: 'coordination' }] as Scope[]) {
      const r = await withScope(database.db, scope, (trx) =>
        trx
          .updateTable('referral')
          .set({ status: 'accepted', status_changed_at: now })
          .where('id', '=', id)
          .executeTakeFirst(),
      );
      expect(Number(r.numUpdatedRows), scope.kind).toBe(0);
    }
    // History: another centre and the intake cannot add a step to it.
    await expect(
      withScope(database.db, centre(centreB), (trx) =>
        trx
          .insertInto('referral_status_event')
          .values({ id: randomUUID(), referral_id: id, status: 'accepted', at: now })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      withScope(database.db, { kind: 'intake' }, (trx) =>
        trx
          .insertInto('referral_status_event')
          .values({ id: randomUUID(), referral_id: id, status: 'accepted', at: now })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    // The intake cannot write a referral that is already accepted.
    await expect(
      withScope(database.db, { kind: 'intake' }, async (trx) => {
        const key = await currentCentreKey(trx, kek, centreA, now);
        const rid = randomUUID();
        const s = encryptReferral(payload, key, rid);
        await trx
          .insertInto('referral')
          .values({
            id: rid,
            centre_id: centreA,
            status: 'accepted',
            urgency: 'days',
            forwarding_consent: true,
            payload: s.payload,
            wrapped_key: s.wrappedKey,
            centre_key_version: s.centreKeyVersion,
            receipt_hash: hashOf(rid),
            created_at: now,
            status_changed_at: now,
          })
          .execute();
      }),
    ).rejects.toThrow(/row-level security/);
  });

  it('the centre accepts its own referral and adds it to the history', async () => {
    const { id } = await intake(centreA);
    await withScope(database.db, centre(centreA), async (trx) => {
      const r = await trx
        .updateTable('referral')
        .set({ status: 'accepted', status_changed_at: now })
        .where('id', '=', id)
        .executeTakeFirst();
      expect(Number(r.numUpdatedRows)).toBe(1);
      await trx
        .insertInto('referral_status_event')
        .values({ id: randomUUID(), referral_id: id, status: 'accepted', at: now })
        .execute();
    });
  });

  it('the decline reasons the code offers are exactly those the database takes', async () => {
    const { id } = await intake(centreA);
    const decline = (reason: string) =>
      withScope(database.db, centre(centreA), (trx) =>
        trx
          .updateTable('referral')
          .set({ status: 'declined', decline_reason: reason as (typeof DECLINE_REASONS)[number] })
          .where('id', '=', id)
          .execute(),
      );
    for (const reason of DECLINE_REASONS) await decline(reason);
    await expect(decline('because')).rejects.toThrow(/check constraint/);
  });

  it('forwarding: refused without the person’s consent or outside a forwarding transaction; re-encrypted with both', async () => {
    const forward = (id: string, scope: Scope, set: Record<string, unknown> = {}) =>
      withScope(database.db, scope, (trx) =>
        trx
          .updateTable('referral')
          .set({ centre_id: centreB, forwarded_from: centreA, status: 'forwarded', ...set })
          .where('id', '=', id)
          .execute(),
      );
    const refused = await intake(centreA, { consent: false });
    await expect(forward(refused.id, { kind: 'centre', centreId: centreA, forwarding: refused.id })).rejects.toThrow(
      /row-level security/,
    );
    const { id } = await intake(centreA, { consent: true });
    // Not in a transaction that does not name it, not as a plain move, not claiming another sender.
    await expect(forward(id, centre(centreA))).rejects.toThrow(/row-level security/);
    await expect(forward(id, { kind: 'centre', centreId: centreA, forwarding: randomUUID() })).rejects.toThrow(
      /row-level security/,
    );
    await expect(
      forward(id, { kind: 'centre', centreId: centreA, forwarding: id }, { status: 'received' }),
    ).rejects.toThrow(/row-level security/);
    await expect(
      forward(id, { kind: 'centre', centreId: centreA, forwarding: id }, { forwarded_from: centreC }),
    ).rejects.toThrow(/row-level security/);
    // Another centre cannot pull it over by naming it.
    const pulled = await withScope(database.db, { kind: 'centre', centreId: centreB, forwarding: id }, (trx) =>
      trx
        .updateTable('referral')
        .set({ centre_id: centreB, forwarded_from: centreB, status: 'forwarded' })
        .where('id', '=', id)
        .executeTakeFirst(),
    );
    expect(Number(pulled.numUpdatedRows)).toBe(0);

    await withScope(database.db, { kind: 'centre', centreId: centreA, forwarding: id }, async (trx) => {
      const row = await trx.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const from = (await centreKeyByVersion(trx, kek, centreA, row.centre_key_version))!;
      const to = await currentCentreKey(trx, kek, centreB, now);
      const sealed = reencryptForCentre(
        {
          payload: row.payload,
          wrappedKey: row.wrapped_key,
          centreKeyVersion: row.centre_key_version,
          declineNote: null,
        },
        from,
        to,
        id,
      );
      await trx
        .insertInto('referral_status_event')
        .values({ id: randomUUID(), referral_id: id, status: 'forwarded', at: now })
        .execute();
      await trx
        .updateTable('referral')
        .set({
          centre_id: centreB,
          forwarded_from: centreA,
          status: 'forwarded',
          status_changed_at: now,
          payload: sealed.payload,
          wrapped_key: sealed.wrappedKey,
          centre_key_version: sealed.centreKeyVersion,
        })
        .where('id', '=', id)
        .execute();
    });
    // Afterwards the old centre sees nothing of it, also when naming it again.
    expect((await withScope(database.db, centre(centreA), ids)).map((r) => r.id)).not.toContain(id);
    // Once the new centre has acted on it, not even a transaction naming it shows it to the old one.
    await withScope(database.db, centre(centreB), (trx) =>
      trx.updateTable('referral').set({ status: 'accepted' }).where('id', '=', id).execute(),
    );
    expect(
      (await withScope(database.db, { kind: 'centre', centreId: centreA, forwarding: id }, ids)).map((r) => r.id),
    ).not.toContain(id);
    const atB = await withScope(database.db, centre(centreB), async (trx) => {
      const row = await trx.selectFrom('referral').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
      const key = (await centreKeyByVersion(trx, kek, centreB, row.centre_key_version))!;
      return decryptReferral(
        {
          payload: row.payload,
          wrappedKey: row.wrapped_key,
          centreKeyVersion: row.centre_key_version,
          declineNote: null,
        },
        key,
        id,
      );
    });
    expect(atB).toEqual(payload);
  });

  it('the status scope reads only the referral of the presented receipt hash, and its history', async () => {
    const mine = await intake(centreA);
    const other = await intake(centreA);
    const seen = await withScope(
      database.db,
      { kind: 'receipt', receiptHashes: [hashOf(mine.receipt)] },
      async (trx) => ({
        referrals: (await ids(trx)).map((r) => r.id),
        events: (await trx.selectFrom('referral_status_event').select('referral_id').execute()).map(
          (r) => r.referral_id,
        ),
        centres: (await trx.selectFrom('centre').select('id').execute()).map((r) => r.id),
        keys: await trx.selectFrom('referral_centre_key').select('centre_id').execute(),
      }),
    );
    expect(seen).toEqual({ referrals: [mine.id], events: [mine.id], centres: [centreA], keys: [] });
    expect(seen.referrals).not.toContain(other.id);
    const changed = await withScope(database.db, { kind: 'receipt', receiptHashes: [hashOf(mine.receipt)] }, (trx) =>
      trx.updateTable('referral').set({ status: 'closed', closed_at: now }).executeTakeFirst(),
    );
    expect(Number(changed.numUpdatedRows)).toBe(0);
  });

  it('no request scope deletes a referral or its history; the retention scope does', async () => {
    const { id } = await intake(centreA);
    for (const scope of [...REQUEST_SCOPES, centre(centreA)]) {
      const r = await withScope(database.db, scope, async (trx) => ({
        referral: Number((await trx.deleteFrom('referral').where('id', '=', id).executeTakeFirst()).numDeletedRows),
        events: Number(
          (await trx.deleteFrom('referral_status_event').where('referral_id', '=', id).executeTakeFirst())
            .numDeletedRows,
        ),
      }));
      expect(r, scope.kind).toEqual({ referral: 0, events: 0 });
    }
    const r = await withScope(database.db, { kind: 'retention' }, (trx) =>
      trx.deleteFrom('referral').where('id', '=', id).executeTakeFirst(),
    );
    expect(Number(r.numDeletedRows)).toBe(1);
  });

  it('recipients: the intake sees the active members’ addresses and centres, and no account row', async () => {
    const seen = await withScope(database.db, { kind: 'intake' }, async (trx) => ({
      recipients: await trx
        .selectFrom('referral_recipient')
        .select(['user_id', 'centre_id'])
        .orderBy('email')
        .execute(),
      users: await trx.selectFrom('app_user').select('id').execute(),
      centres: (await trx.selectFrom('centre').select('id').execute()).map((r) => r.id).sort(),
    }));
    expect(seen.recipients).toEqual(
      expect.arrayContaining([
        { user_id: leadA, centre_id: centreA },
        { user_id: counsellorB, centre_id: centreB },
      ]),
    );
    expect(seen.recipients.map((r) => r.centre_id)).not.toContain(centreC);
    expect(seen.users).toEqual([]);
    expect(seen.centres).toEqual([centreA, centreB].sort());
  });

  it('recipients follow the account: disabled leaves, re-enabled returns, a forged row is refused', async () => {
    const recipients = () =>
      withScope(database.db, { kind: 'intake' }, (trx) =>
        trx.selectFrom('referral_recipient').select('user_id').where('centre_id', '=', centreB).execute(),
      );
    await withScope(database.db, { kind: 'admin' }, (trx) =>
      trx.updateTable('app_user').set({ disabled_at: now }).where('id', '=', counsellorB).execute(),
    );
    expect(await recipients()).toEqual([]);
    await withScope(database.db, { kind: 'admin' }, (trx) =>
      trx.updateTable('app_user').set({ disabled_at: null }).where('id', '=', counsellorB).execute(),
    );
    expect(await recipients()).toEqual([{ user_id: counsellorB }]);
    // A centre cannot add an address of its choosing for a colleague, nor one for another centre's member.
    await withScope(database.db, centre(centreA), (trx) =>
      trx.deleteFrom('referral_recipient').where('user_id', '=', leadA).execute(),
    );
    await expect(
      withScope(database.db, centre(centreA), (trx) =>
        trx
          .insertInto('referral_recipient')
          .values({ user_id: leadA, centre_id: centreA, email: 'attacker@example.org' })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    await expect(
      withScope(database.db, { kind: 'intake' }, (trx) =>
        trx
          .insertInto('referral_recipient')
          .values({ user_id: counsellorB, centre_id: centreB, email: `${counsellorB}@example.org` })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security|duplicate key/);
    // Put back as it was (an update of the account rewrites its row).
    await withScope(database.db, { kind: 'admin' }, (trx) =>
      trx.updateTable('app_user').set({ disabled_at: null }).where('id', '=', leadA).execute(),
    );
  });
});
