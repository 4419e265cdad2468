import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

/** A round trip to the database, nothing read. */
export async function ping(db: Kysely<DB>): Promise<void> {
  await sql`SELECT 1`.execute(db);
}
