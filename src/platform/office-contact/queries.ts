/** Reading and writing the office's contact details (the one row of `office_contact`). */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

export type OfficeContact = {
  name: string;
  addressLines: readonly string[];
  phone: string | null;
};

type Db = Kysely<DB> | Transaction<DB>;

/** The saved details, or null before the office saved any (the table is public: no scope needed). */
export async function readOfficeContact(db: Db): Promise<OfficeContact | null> {
  const r = await db.selectFrom('office_contact').select(['name', 'address_lines', 'phone']).executeTakeFirst();
  return r ? { name: r.name, addressLines: r.address_lines, phone: r.phone } : null;
}

/** Insert or replace the one row (the caller's scope must be the office's or an administrator's). */
export async function saveOfficeContact(
  trx: Db,
  contact: OfficeContact,
  by: { actorId: string | null; at: Date },
): Promise<void> {
  const values = {
    name: contact.name,
    address_lines: [...contact.addressLines],
    phone: contact.phone,
    updated_at: by.at,
    updated_by: by.actorId,
  };
  await trx
    .insertInto('office_contact')
    .values({ id: 1, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}
