/**
 * Reading the `helpline` table: no scope needed, the table is public like the
 * directory. The office's writes are in src/features/helplines/queries.ts.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Helpline } from './helplines.ts';

type Db = Kysely<DB> | Transaction<DB>;
type Row = Selectable<DB['helpline']>;

export function toHelpline(r: Row): Helpline {
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
