/**
 * The centres' referral keys (referral_centre_key, level 2 of ADR 032): read
 * and, on first need, created by the public intake and by a centre that
 * forwards (migrations/0023). Rows are never deleted; only the operator's
 * re-wrap after a KEK rotation ('keys' scope, migrations/0025) changes one,
 * and only its wrapped_key.
 */
import type { Tx } from '../../../platform/db/tenant.ts';
import type { KeyRing } from '../../../platform/security/keys.ts';
import { newCentreKey, openCentreKey, type CentreKey } from '../crypto.ts';

/** The centre key of `version`, or null when the centre has none of it. */
export async function centreKeyByVersion(
  trx: Tx,
  kek: KeyRing,
  centreId: string,
  version: number,
): Promise<CentreKey | null> {
  const row = await trx
    .selectFrom('referral_centre_key')
    .select('wrapped_key')
    .where('centre_id', '=', centreId)
    .where('version', '=', version)
    .executeTakeFirst();
  return row ? openCentreKey(kek, centreId, version, row.wrapped_key) : null;
}

/**
 * The centre's newest key, created (version 1) when it has none yet. Two
 * first referrals at once both try to create it; the primary key lets one
 * win and both then use the winner's.
 */
export async function currentCentreKey(trx: Tx, kek: KeyRing, centreId: string, now: Date): Promise<CentreKey> {
  const newest = async () =>
    trx
      .selectFrom('referral_centre_key')
      .select(['version', 'wrapped_key'])
      .where('centre_id', '=', centreId)
      .orderBy('version', 'desc')
      .limit(1)
      .executeTakeFirst();
  let row = await newest();
  if (!row) {
    const fresh = newCentreKey(kek, centreId, 1);
    await trx
      .insertInto('referral_centre_key')
      .values({ centre_id: centreId, version: 1, wrapped_key: fresh.wrapped, created_at: now })
      .onConflict((oc) => oc.doNothing())
      .execute();
    row = await newest();
    if (!row) throw new Error('The centre key could not be created.');
  }
  return openCentreKey(kek, centreId, row.version, row.wrapped_key);
}

/** ('keys' scope) Every centre key row, locked until the re-wrap's transaction ends. */
export async function centreKeyRowsForRewrap(
  trx: Tx,
): Promise<{ centreId: string; version: number; wrappedKey: string }[]> {
  const rows = await trx
    .selectFrom('referral_centre_key')
    .select(['centre_id', 'version', 'wrapped_key'])
    .orderBy('centre_id')
    .orderBy('version')
    .forUpdate()
    .execute();
  return rows.map((r) => ({ centreId: r.centre_id, version: r.version, wrappedKey: r.wrapped_key }));
}

/** ('keys' scope) Replace one centre key row's wrapped form; true when the row was there to change. */
export async function storeRewrappedCentreKey(
  trx: Tx,
  centreId: string,
  version: number,
  wrappedKey: string,
): Promise<boolean> {
  const r = await trx
    .updateTable('referral_centre_key')
    .set({ wrapped_key: wrappedKey })
    .where('centre_id', '=', centreId)
    .where('version', '=', version)
    .executeTakeFirst();
  return Number(r.numUpdatedRows) === 1;
}
