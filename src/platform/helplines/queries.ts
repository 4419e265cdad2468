/**
 * Reading and writing the `helpline` table. Reads need no scope (the table is
 * public, like the directory); writes run in a tenant transaction whose scope
 * row-level security checks (coordination office and administrators only).
 */
import type { Insertable, Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Helpline } from './helplines.ts';

type Db = Kysely<DB> | Transaction<DB>;
type Row = Selectable<DB['helpline']>;

/** The editable columns of a helpline (everything but id and updated_at). */
export type HelplineFields = Omit<Insertable<DB['helpline']>, 'id' | 'updated_at'>;

function toHelpline(r: Row): Helpline {
  return {
    id: r.id,
    contact: r.contact,
    kind: r.kind,
    name: { de: r.name_de, en: r.name_en },
    description: { de: r.description_de, en: r.description_en },
    aroundTheClock: r.around_the_clock,
    hours: { de: r.hours_de, en: r.hours_en },
    emergency: r.emergency,
    firstScreen: r.first_screen,
    sortOrder: r.sort_order,
    checkedOn: r.checked_on,
  };
}

/** Every helpline, in display order. */
export async function allHelplines(db: Db): Promise<Helpline[]> {
  const rows = await db.selectFrom('helpline').selectAll().orderBy('sort_order').orderBy('name_de').execute();
  return rows.map(toHelpline);
}

export async function helplineById(db: Db, id: string): Promise<Helpline | undefined> {
  const row = await db.selectFrom('helpline').selectAll().where('id', '=', id).executeTakeFirst();
  return row ? toHelpline(row) : undefined;
}

export async function insertHelpline(trx: Transaction<DB>, id: string, fields: HelplineFields): Promise<void> {
  await trx
    .insertInto('helpline')
    .values({ ...fields, id })
    .execute();
}

/** Updates one helpline; false when there is none with this id (or the scope may not see it). */
export async function updateHelpline(
  trx: Transaction<DB>,
  id: string,
  fields: HelplineFields,
  at: Date,
): Promise<boolean> {
  const r = await trx
    .updateTable('helpline')
    .set({ ...fields, updated_at: at })
    .where('id', '=', id)
    .executeTakeFirst();
  return r.numUpdatedRows > 0n;
}

/** Deletes one helpline; false when there is none with this id. */
export async function deleteHelpline(trx: Transaction<DB>, id: string): Promise<boolean> {
  const r = await trx.deleteFrom('helpline').where('id', '=', id).executeTakeFirst();
  return r.numDeletedRows > 0n;
}
