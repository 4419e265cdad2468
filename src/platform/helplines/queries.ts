/**
 * Reading the `helpline` table: no scope needed, the table is public like the
 * directory. The office's writes are in src/features/helplines/queries.ts.
 */
import type { Kysely, Selectable, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Helpline, HelplineTranslation } from './helplines.ts';

type Db = Kysely<DB> | Transaction<DB>;
type Row = Selectable<DB['helpline']>;
type Translations = Record<string, HelplineTranslation>;

export function toHelpline(r: Row, translations: Readonly<Translations> = {}): Helpline {
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
    translations,
  };
}

/** The translations of the helplines `ids` (every helpline's when not given), by helpline and locale. */
export async function helplineTranslations(db: Db, ids?: readonly string[]): Promise<Map<string, Translations>> {
  let q = db.selectFrom('helpline_translation').select(['helpline_id', 'locale', 'name', 'description']);
  if (ids) {
    if (ids.length === 0) return new Map();
    q = q.where('helpline_id', 'in', ids);
  }
  const out = new Map<string, Translations>();
  for (const t of await q.orderBy('locale').execute()) {
    const of = out.get(t.helpline_id) ?? {};
    of[t.locale] = { name: t.name, description: t.description };
    out.set(t.helpline_id, of);
  }
  return out;
}

/** Every helpline, in display order. */
export async function allHelplines(db: Db): Promise<Helpline[]> {
  const rows = await db.selectFrom('helpline').selectAll().orderBy('sort_order').orderBy('name_de').execute();
  const translations = await helplineTranslations(db);
  return rows.map((r) => toHelpline(r, translations.get(r.id)));
}
