/** Exporting the stored directory, every service of every status, in either format. */
import type { Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { loadAllEntries } from '../directory/queries.ts';
import { exportCsv } from './csv.ts';
import { exportHsdsJson } from './hsds-json.ts';
import type { ImportFormat } from './problems.ts';

/** The whole directory as file text; `count` says how many services it holds. */
export async function exportDirectory(db: Kysely<DB>, format: ImportFormat): Promise<{ text: string; count: number }> {
  const entries = await loadAllEntries(db);
  return { text: format === 'csv' ? exportCsv(entries) : exportHsdsJson(entries), count: entries.length };
}
