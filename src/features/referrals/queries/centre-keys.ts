/**
 * The centres' referral keys (referral_centre_key, level 2 of ADR 032): read
 * and, on first need, created by the public intake and by a centre that
 * forwards (migrations/0023). Rows are never changed or deleted here.
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
