/**
 * The operator's re-wrap of the centres' referral keys after a rotation of
 * the key-encryption keys (`schutznetz keys rewrap`, ADR 032): every centre
 * key that names a KEK other than the ring's current one is unwrapped with
 * the KEK it names and wrapped again under the current one. The referrals'
 * data keys and payloads are not touched: they are wrapped by the centre
 * key, which does not change. One transaction: either every row names the
 * current KEK afterwards, or nothing changed.
 */
import type { Kysely } from 'kysely';
import { audit } from '../../platform/audit/audit.ts';
import { totpSecretKekIds } from '../../platform/auth/queries/users.ts';
import type { DB } from '../../platform/db/schema.ts';
import { enterScope, withScope } from '../../platform/db/tenant.ts';
import type { KeyRing } from '../../platform/security/keys.ts';
import { centreKeyKekId, rewrapCentreKey } from './crypto.ts';
import { centreKeyRowsForRewrap, storeRewrappedCentreKey } from './queries/centre-keys.ts';

export type RewrapReport = {
  /** The ring's current KEK id, which every centre key names afterwards. */
  currentKekId: string;
  /** Centre keys re-wrapped now. */
  rewrapped: number;
  /** Centre keys that named the current KEK already. */
  alreadyCurrent: number;
  /** The KEK ids still named, per place: an entry may leave the ring only when no place names it. */
  referenced: { centreKeys: string[]; totpSecrets: string[] };
};

/**
 * @throws DecryptionError when a centre key names a KEK that is no longer in
 *   the ring (or a row was tampered with); nothing is changed then
 */
export async function rewrapCentreKeys(
  db: Kysely<DB>,
  kek: KeyRing,
  auditRing: KeyRing,
  now: Date,
): Promise<RewrapReport> {
  return withScope(db, { kind: 'keys' }, async (trx) => {
    let rewrapped = 0;
    let alreadyCurrent = 0;
    for (const row of await centreKeyRowsForRewrap(trx)) {
      if (centreKeyKekId(row.wrappedKey) === kek.currentId) {
        alreadyCurrent += 1;
      } else {
        const fresh = rewrapCentreKey(kek, row.centreId, row.version, row.wrappedKey);
        if (!(await storeRewrappedCentreKey(trx, row.centreId, row.version, fresh)))
          throw new Error('A centre key could not be re-wrapped.');
        rewrapped += 1;
      }
    }
    // Read back what the rows name now, rather than assume it.
    const centreKeys = [
      ...new Set((await centreKeyRowsForRewrap(trx)).map((r) => centreKeyKekId(r.wrappedKey))),
    ].sort();
    // The operator's commands read accounts and write the network chain as administrators.
    await enterScope(trx, { kind: 'admin' });
    const totpSecrets = await totpSecretKekIds(trx);
    await audit(
      trx,
      auditRing,
      {
        centreId: null,
        actorId: null,
        event: 'keys.rewrapped_done',
        details: { rewrapped, already_current: alreadyCurrent },
      },
      now,
    );
    return {
      currentKekId: kek.currentId,
      rewrapped,
      alreadyCurrent,
      referenced: { centreKeys, totpSecrets },
    };
  });
}
