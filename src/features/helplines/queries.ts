/**
 * The coordination office's writes to the `helpline` and
 * `helpline_translation` tables, each audited in the network chain in the
 * same transaction. Row-level security admits them in the coordination and
 * admin scopes only (migrations/0018, 0021).
 */
import type { Insertable } from 'kysely';
import { audit } from '../../platform/audit/audit.ts';
import type { DB } from '../../platform/db/schema.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import type { Helpline, HelplineTranslation } from '../../platform/helplines/helplines.ts';
import { helplineTranslations, toHelpline } from '../../platform/helplines/queries.ts';
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

/** A helpline with its translations, for the translation form. */
export async function helplineWithTranslations(trx: Tx, id: string): Promise<Helpline | undefined> {
  const row = await trx.selectFrom('helpline').selectAll().where('id', '=', id).executeTakeFirst();
  if (!row) return undefined;
  return toHelpline(row, (await helplineTranslations(trx, [id])).get(id));
}

/**
 * Stores the translations of the languages given (a language with both texts
 * empty loses its translation; languages not given stay as they are) and
 * audits the change. False when there is no helpline with this id.
 */
export async function saveTranslations(
  trx: Tx,
  ring: KeyRing,
  id: string,
  translations: Readonly<Record<string, HelplineTranslation>>,
  who: Who,
): Promise<boolean> {
  // Locked, so a helpline removed meanwhile is not translated into a row that cannot exist.
  const row = await trx.selectFrom('helpline').select('id').where('id', '=', id).forUpdate().executeTakeFirst();
  if (!row) return false;
  for (const [locale, t] of Object.entries(translations)) {
    if (t.name === '' && t.description === '') {
      await trx.deleteFrom('helpline_translation').where('helpline_id', '=', id).where('locale', '=', locale).execute();
      continue;
    }
    await trx
      .insertInto('helpline_translation')
      .values({ helpline_id: id, locale, name: t.name, description: t.description, updated_at: who.at })
      .onConflict((oc) =>
        oc
          .columns(['helpline_id', 'locale'])
          .doUpdateSet({ name: t.name, description: t.description, updated_at: who.at }),
      )
      .execute();
  }
  await event(trx, ring, 'helplines.translated', id, who);
  return true;
}
