/**
 * Reading and writing whole directory entries. Explicit SQL per table; the
 * aggregate is assembled in memory because the whole public directory (a few
 * thousand services at most) is small enough to load at once.
 */
import { sql, type Insertable, type Kysely, type Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import type { StateCode } from '../geo/states.ts';
import { derivedId } from './derived-id.ts';
import { SERVICE_FIELDS, type DirectoryEntry, type Weekday } from './entry.ts';
import { TAXONOMIES, taxonomyDbName, type TaxonomyName } from './taxonomies.ts';

type Db = Kysely<DB> | Transaction<DB>;

export async function directoryRevision(db: Db): Promise<string> {
  const row = await db.selectFrom('directory_revision').select('revision').executeTakeFirstOrThrow();
  return String(row.revision);
}

/** Map of `${taxonomy}:${code}` → taxonomy_term id. */
async function termIds(db: Db): Promise<Map<string, string>> {
  const rows = await db
    .selectFrom('taxonomy_term')
    .innerJoin('taxonomy', 'taxonomy.id', 'taxonomy_term.taxonomy_id')
    .select(['taxonomy.name as taxonomy', 'taxonomy_term.code', 'taxonomy_term.id'])
    .execute();
  return new Map(rows.map((r) => [`${r.taxonomy.replace(/^schutznetz:/, '')}:${r.code}`, r.id]));
}

function groupBy<T, K>(rows: T[], key: (r: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = m.get(k);
    if (list) list.push(r);
    else m.set(k, [r]);
  }
  return m;
}

const hhmm = (t: string) => t.slice(0, 5);

/** Every service with everything that belongs to it, ordered by name. */
export async function loadAllEntries(db: Db): Promise<DirectoryEntry[]> {
  const [orgs, services, locations, addresses, sals, phones, languages, schedules, areas, attrs] = await Promise.all([
    db.selectFrom('organization').selectAll().execute(),
    db.selectFrom('service').selectAll().orderBy('name').orderBy('id').execute(),
    db.selectFrom('location').selectAll().execute(),
    db.selectFrom('address').selectAll().execute(),
    db.selectFrom('service_at_location').select(['service_id', 'location_id']).execute(),
    db.selectFrom('phone').selectAll().where('service_id', 'is not', null).orderBy('id').execute(),
    db.selectFrom('language').selectAll().orderBy('code').execute(),
    db.selectFrom('schedule').selectAll().orderBy('opens_at').orderBy('id').execute(),
    db.selectFrom('service_area').select(['service_id', 'extent']).orderBy('extent').execute(),
    db
      .selectFrom('attribute')
      .innerJoin('taxonomy_term', 'taxonomy_term.id', 'attribute.taxonomy_term_id')
      .innerJoin('taxonomy', 'taxonomy.id', 'taxonomy_term.taxonomy_id')
      .select(['attribute.link_id', 'taxonomy.name as taxonomy', 'taxonomy_term.code'])
      .execute(),
  ]);
  const orgById = new Map(orgs.map((o) => [o.id, o]));
  const locById = new Map(locations.map((l) => [l.id, l]));
  const addrByLoc = new Map(addresses.map((a) => [a.location_id, a]));
  const locBySvc = new Map(sals.map((s) => [s.service_id, s.location_id]));
  const phonesBySvc = groupBy(phones, (p) => p.service_id);
  const langsBySvc = groupBy(
    languages.filter((l) => l.service_id),
    (l) => l.service_id,
  );
  const langsByPhone = groupBy(
    languages.filter((l) => l.phone_id),
    (l) => l.phone_id,
  );
  const schedBySvc = groupBy(schedules, (s) => s.service_id);
  const areasBySvc = groupBy(areas, (a) => a.service_id);
  const attrsBySvc = groupBy(attrs, (a) => a.link_id);

  return services.map((s): DirectoryEntry => {
    const org = orgById.get(s.organization_id)!;
    const locId = locBySvc.get(s.id);
    const loc = locId ? locById.get(locId) : undefined;
    const addr = loc ? addrByLoc.get(loc.id) : undefined;
    const terms = (t: TaxonomyName) =>
      (attrsBySvc.get(s.id) ?? [])
        .filter((a) => a.taxonomy === taxonomyDbName(t))
        .map((a) => a.code)
        .sort(
          (a, b) => (TAXONOMIES[t] as readonly string[]).indexOf(a) - (TAXONOMIES[t] as readonly string[]).indexOf(b),
        );
    return {
      // Written out, not built from the field lists: the search index holds
      // thousands of these, and object literals give every entry one fixed
      // shape, which keeps the search's property reads fast (spreading a
      // dynamically built object cost the search ~25 % more CPU).
      organization: {
        id: org.id,
        name: org.name,
        description: org.description,
        email: org.email,
        website: org.website,
        legal_status: org.legal_status,
        is_demo: org.is_demo,
      },
      service: {
        id: s.id,
        name: s.name,
        description: s.description,
        url: s.url,
        email: s.email,
        status: s.status,
        interpretation_services: s.interpretation_services,
        application_process: s.application_process,
        fees_description: s.fees_description,
        eligibility_description: s.eligibility_description,
        minimum_age: s.minimum_age,
        maximum_age: s.maximum_age,
        assured_date: s.assured_date,
        alert: s.alert,
        is_demo: s.is_demo,
      },
      location:
        loc && addr && loc.latitude !== null && loc.longitude !== null
          ? {
              id: loc.id,
              name: loc.name,
              latitude: loc.latitude,
              longitude: loc.longitude,
              transportation: loc.transportation,
              address_protected: loc.address_protected,
              accessibility: loc.accessibility,
              address: {
                address_1: loc.address_protected ? null : addr.address_1,
                postal_code: addr.postal_code,
                city: addr.city,
                state_province: addr.state_province as StateCode,
                country: 'DE',
              },
            }
          : null,
      phones: (phonesBySvc.get(s.id) ?? []).map((p) => ({
        id: p.id,
        number: p.number,
        type: p.type,
        description: p.description,
        languages: (langsByPhone.get(p.id) ?? []).map((l) => l.code),
      })),
      languages: (langsBySvc.get(s.id) ?? []).map((l) => l.code),
      schedules: (schedBySvc.get(s.id) ?? []).map((x) => ({
        id: x.id,
        byday: x.byday.split(',') as Weekday[],
        opens_at: hhmm(x.opens_at),
        closes_at: hhmm(x.closes_at),
        description: x.description,
      })),
      areas: (areasBySvc.get(s.id) ?? []).map((a) => a.extent as StateCode | 'DE'),
      targetGroups: terms('target_group') as DirectoryEntry['targetGroups'],
      exploitation: terms('exploitation') as DirectoryEntry['exploitation'],
      accessibility: terms('accessibility') as DirectoryEntry['accessibility'],
    };
  });
}

const SERVICE_COLUMNS = ['organization_id', ...SERVICE_FIELDS, 'is_demo'] as const;

/**
 * Insert or replace entries (by service id) inside the caller's transaction.
 * A replaced service loses all its child rows first, so the stored entry is
 * exactly the given one. Organisations are upserted by id, unless
 * `organizations` is false (publishing a centre's draft: the organisation is
 * not the centre's to change, and only the import scope may write it).
 *
 * Row-level security decides which entries the scope may write (ADR 021):
 * the import scope every one, a coordination scope publishing a centre's
 * draft only that centre's. A stored service keeps its owner; the rows below
 * it take the owner from it in the database, the location from here.
 */
export async function writeEntries(
  trx: Transaction<DB>,
  entries: DirectoryEntry[],
  opts: { organizations?: boolean } = {},
): Promise<void> {
  if (entries.length === 0) return;
  const terms = await termIds(trx);
  const orgs = new Map(entries.map((e) => [e.organization.id, e.organization]));
  for (const o of opts.organizations === false ? [] : orgs.values()) {
    await trx
      .insertInto('organization')
      .values(o)
      .onConflict((oc) =>
        oc.column('id').doUpdateSet({
          name: o.name,
          description: o.description,
          email: o.email,
          website: o.website,
          legal_status: o.legal_status,
          is_demo: o.is_demo,
        }),
      )
      .execute();
  }
  const serviceIds = entries.map((e) => e.service.id);
  const owners = await entryOwners(trx, serviceIds);
  // Locations belong to the service in our model; drop the old ones with it.
  const oldLocations = await trx
    .selectFrom('service_at_location')
    .select('location_id')
    .where('service_id', 'in', serviceIds)
    .execute();
  // The service row itself is updated in place, never deleted: other tables
  // (a centre's link to its entry) reference it and must survive a re-import.
  await trx.deleteFrom('service_at_location').where('service_id', 'in', serviceIds).execute();
  await trx.deleteFrom('phone').where('service_id', 'in', serviceIds).execute();
  await trx.deleteFrom('language').where('service_id', 'in', serviceIds).execute();
  await trx.deleteFrom('schedule').where('service_id', 'in', serviceIds).execute();
  await trx.deleteFrom('service_area').where('service_id', 'in', serviceIds).execute();
  await trx.deleteFrom('attribute').where('link_id', 'in', serviceIds).execute();
  if (oldLocations.length > 0) {
    await trx
      .deleteFrom('location')
      .where(
        'id',
        'in',
        oldLocations.map((l) => l.location_id),
      )
      .execute();
  }

  const rows = {
    service: [] as Insertable<DB['service']>[],
    location: [] as Insertable<DB['location']>[],
    address: [] as Insertable<DB['address']>[],
    sal: [] as Insertable<DB['service_at_location']>[],
    phone: [] as Insertable<DB['phone']>[],
    language: [] as Insertable<DB['language']>[],
    schedule: [] as Insertable<DB['schedule']>[],
    area: [] as Insertable<DB['service_area']>[],
    attribute: [] as Insertable<DB['attribute']>[],
  };
  for (const e of entries) {
    const s = e.service;
    // The stored owner again: the update below leaves it as it is, but the
    // database checks the proposed row against the scope's policy first.
    rows.service.push({ ...s, organization_id: e.organization.id, centre_id: owners.get(s.id) ?? null });
    if (e.location) {
      const l = e.location;
      rows.location.push({
        id: l.id,
        organization_id: e.organization.id,
        // A location has no parent to take its owner from: the service's, named here.
        centre_id: owners.get(s.id) ?? null,
        location_type: 'physical',
        name: l.name,
        latitude: l.latitude,
        longitude: l.longitude,
        transportation: l.transportation,
        address_protected: l.address_protected,
        accessibility: l.accessibility,
      });
      rows.address.push({
        id: derivedId(l.id, 'address'),
        location_id: l.id,
        address_1: l.address_protected ? null : l.address.address_1,
        city: l.address.city,
        state_province: l.address.state_province,
        postal_code: l.address.postal_code,
        country: 'DE',
      });
      rows.sal.push({ id: derivedId(`${s.id}/${l.id}`, 'service_at_location'), service_id: s.id, location_id: l.id });
    }
    for (const p of e.phones) {
      rows.phone.push({ id: p.id, service_id: s.id, number: p.number, type: p.type, description: p.description });
      for (const code of p.languages)
        rows.language.push({ id: derivedId(p.id, `language:${code}`), phone_id: p.id, code });
    }
    for (const code of e.languages)
      rows.language.push({ id: derivedId(s.id, `language:${code}`), service_id: s.id, code });
    for (const x of e.schedules) {
      rows.schedule.push({
        id: x.id,
        service_id: s.id,
        freq: 'WEEKLY',
        byday: x.byday.join(','),
        opens_at: x.opens_at,
        closes_at: x.closes_at,
        description: x.description,
      });
    }
    for (const a of e.areas) {
      rows.area.push({
        id: derivedId(s.id, `area:${a}`),
        service_id: s.id,
        name: a,
        extent: a,
        extent_type: 'iso3166-2',
      });
    }
    const attach = (t: TaxonomyName, codes: readonly string[]) => {
      for (const c of codes) {
        const termId = terms.get(`${t}:${c}`);
        if (!termId) throw new Error(`Unknown ${t} term ${c}`);
        rows.attribute.push({ id: derivedId(s.id, `attribute:${termId}`), link_id: s.id, taxonomy_term_id: termId });
      }
    };
    attach('target_group', e.targetGroups);
    attach('exploitation', e.exploitation);
    attach('accessibility', e.accessibility);
  }
  // Batched inserts keep a 5,000-entry import to a few dozen statements.
  const insert = async <T extends keyof DB>(table: T, values: Insertable<DB[T]>[]) => {
    for (let i = 0; i < values.length; i += 500) {
      await trx
        .insertInto(table)
        .values(values.slice(i, i + 500))
        .execute();
    }
  };
  for (let i = 0; i < rows.service.length; i += 500) {
    await trx
      .insertInto('service')
      .values(rows.service.slice(i, i + 500))
      .onConflict((oc) =>
        oc
          .column('id')
          .doUpdateSet((eb) => Object.fromEntries(SERVICE_COLUMNS.map((c) => [c, eb.ref(`excluded.${c}`)]))),
      )
      .execute();
  }
  await insert('location', rows.location);
  await insert('address', rows.address);
  await insert('service_at_location', rows.sal);
  await insert('phone', rows.phone);
  await insert('language', rows.language);
  await insert('schedule', rows.schedule);
  await insert('service_area', rows.area);
  await insert('attribute', rows.attribute);
}

/** The centre that maintains each of these services (absent: none, or not stored yet). */
async function entryOwners(trx: Transaction<DB>, serviceIds: readonly string[]): Promise<Map<string, string>> {
  const rows = await trx
    .selectFrom('service')
    .select(['id', 'centre_id'])
    .where('id', 'in', serviceIds)
    .where('centre_id', 'is not', null)
    .execute();
  return new Map(rows.map((r) => [r.id, r.centre_id!]));
}

/**
 * Make `centreId` the centre that maintains the entry `serviceId` (null: no
 * centre). Everything of the entry follows in the database. Only the import
 * scope may do this; the centre's own link (`centre.service_id`, admin
 * scope) can then point at it.
 */
export async function setEntryOwner(trx: Transaction<DB>, serviceId: string, centreId: string | null): Promise<void> {
  await trx.updateTable('service').set({ centre_id: centreId }).where('id', '=', serviceId).execute();
}

/** Delete the locations no service is offered at any more. */
export async function deleteOrphanLocations(trx: Transaction<DB>, only?: readonly string[]): Promise<void> {
  if (only?.length === 0) return;
  let q = trx
    .deleteFrom('location')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('service_at_location')
            .select(sql.lit(1).as('one'))
            .whereRef('service_at_location.location_id', '=', 'location.id'),
        ),
      ),
    );
  if (only) q = q.where('id', 'in', only);
  await q.execute();
}

/** Delete the organisations left without services (`demoOnly`: only demo ones); returns how many went. */
export async function deleteEmptyOrganizations(
  trx: Transaction<DB>,
  opts: { demoOnly?: boolean } = {},
): Promise<number> {
  let q = trx
    .deleteFrom('organization')
    .where(({ not, exists, selectFrom }) =>
      not(
        exists(
          selectFrom('service')
            .select(sql.lit(1).as('one'))
            .whereRef('service.organization_id', '=', 'organization.id'),
        ),
      ),
    );
  if (opts.demoOnly) q = q.where('is_demo', '=', true);
  return Number((await q.executeTakeFirst()).numDeletedRows);
}

/** The locations these services are offered at. */
export async function locationsOfServices(trx: Transaction<DB>, ids: readonly string[]): Promise<string[]> {
  if (ids.length === 0) return [];
  const rows = await trx
    .selectFrom('service_at_location')
    .select('location_id')
    .where('service_id', 'in', ids)
    .execute();
  return rows.map((r) => r.location_id);
}

/** Remove every service (and organisations left without services) not in `keep`. */
export async function deleteEntriesExcept(trx: Transaction<DB>, keep: string[]): Promise<number> {
  let q = trx.deleteFrom('service');
  if (keep.length > 0) q = q.where('id', 'not in', keep);
  const res = await q.executeTakeFirst();
  await deleteOrphanLocations(trx);
  await deleteEmptyOrganizations(trx);
  return Number(res.numDeletedRows);
}

/** Delete these services (demo clean-up); their locations and empty demo organisations follow. */
export async function deleteDemoServices(trx: Transaction<DB>, ids?: readonly string[]): Promise<number> {
  let q = trx.deleteFrom('service').where('is_demo', '=', true);
  if (ids) {
    if (ids.length === 0) return 0;
    q = q.where('id', 'in', ids);
  }
  const res = await q.executeTakeFirst();
  return Number(res.numDeletedRows);
}

/** Demo services other than `keep` (left behind by an older release's demo content). */
export async function demoServicesExcept(trx: Transaction<DB>, keep: readonly string[]): Promise<string[]> {
  let q = trx.selectFrom('service').select('id').where('is_demo', '=', true);
  if (keep.length > 0) q = q.where('id', 'not in', keep);
  return (await q.execute()).map((r) => r.id);
}

/** Demo organisations still there (kept because they have real services). */
export async function remainingDemoOrganizations(trx: Transaction<DB>): Promise<{ id: string; name: string }[]> {
  return trx.selectFrom('organization').select(['id', 'name']).where('is_demo', '=', true).orderBy('name').execute();
}

/** Is there any service at all? */
export async function anyService(trx: Transaction<DB>): Promise<boolean> {
  return (await trx.selectFrom('service').select('id').limit(1).executeTakeFirst()) !== undefined;
}

/** How many services the directory holds. */
export async function serviceCount(db: Db): Promise<number> {
  const row = await db
    .selectFrom('service')
    .select(({ fn }) => fn.countAll<string>().as('n'))
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** Those of `ids` that exist as services. */
export async function existingServiceIds(trx: Transaction<DB>, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  return new Set((await trx.selectFrom('service').select('id').where('id', 'in', ids).execute()).map((s) => s.id));
}
