/**
 * The coordination office's writes to the `helpline` table, each audited in
 * the network chain in the same transaction. Row-level security admits them
 * in the coordination and admin scopes only (migrations/0018).
 */
import type { Insertable } from 'kysely';
import { audit } from '../../platform/audit/audit.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import type { Helpline } from '../../platform/helplines/helplines.ts';
import { toHelpline } from '../../platform/helplines/queries.ts';
import type { KeyRing } from '../../platform/security/keys.ts';

/** The editable columns of a helpline (everything but id and updated_at). */
export type HelplineFields = Omit<Insertable<DB['helpline']>, 'id' | 'updated_at'>;

type Who = { actorId: string; at: Date };

export async function helplineById(trx: Tx, id: string): Promise<Helpline | undefined> {
  const row = await trx.selectFrom('helpline').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toHelpline(row) : undefined;
}

const event = (trx: Tx, ring: KeyRing, name: string, id: string, who: Who) =>
  audit(trx, ring, { event: name, actorId: who.actorId, centreId: null, objectType: 'helpline', objectId: id }, who.at);

export async function addHelpline(trx: Tx, ring: KeyRing, id: string, fields: HelplineFields, who: Who) {
  await trx
    .insertInto('helpline')
    .values({ ...fields, id, updated_at: who.at })
    .execute();
  await event(trx, ring, 'helplines.added', id, who);
}

/** False when there is no helpline with this id. */
export async function changeHelpline(
  trx: Tx,
  ring: KeyRing,
  id: string,
  fields: HelplineFields,
  who: Who,
): Promise<boolean> {
  const r = await trx
    .updateTable('helpline')
    .set({ ...fields, updated_at: who.at })
    .where('id', '=', id)
    .executeTakeFirst();
  if (r.numUpdatedRows === 0n) return false;
  await event(trx, ring, 'helplines.changed', id, who);
  return true;
}

/** False when there is no helpline with this id. */
export async function removeHelpline(trx: Tx, ring: KeyRing, id: string, who: Who): Promise<boolean> {
  const r = await trx.deleteFrom('helpline').where('id', '=', id).executeTakeFirst();
  if (r.numDeletedRows === 0n) return false;
  await event(trx, ring, 'helplines.removed', id, who);
  return true;
}
