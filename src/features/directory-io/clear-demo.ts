/**
 * Removing the demo directory once real data is in: every service marked
 * is_demo, the locations only they used, and demo organisations left
 * without services. A demo organisation that somebody gave a real service is
 * kept (deleting it would take the real service with it) and reported.
 */
import { sql, type Kysely } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';

export type ClearDemoResult = { services: number; organizations: number; keptOrganizations: { id: string; name: string }[] };

/** Delete the demo content in one transaction. */
export async function clearDemo(db: Kysely<DB>): Promise<ClearDemoResult> {
  return db.transaction().execute(async (trx) => {
    const services = await trx.deleteFrom('service').where('is_demo', '=', true).executeTakeFirst();
    await trx
      .deleteFrom('location')
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('service_at_location').select(sql.lit(1).as('one')).whereRef('service_at_location.location_id', '=', 'location.id'))),
      )
      .execute();
    const orgs = await trx
      .deleteFrom('organization')
      .where('is_demo', '=', true)
      .where(({ not, exists, selectFrom }) =>
        not(exists(selectFrom('service').select(sql.lit(1).as('one')).whereRef('service.organization_id', '=', 'organization.id'))),
      )
      .executeTakeFirst();
    const kept = await trx.selectFrom('organization').select(['id', 'name']).where('is_demo', '=', true).orderBy('name').execute();
    return { services: Number(services.numDeletedRows), organizations: Number(orgs.numDeletedRows), keptOrganizations: kept };
  });
}
