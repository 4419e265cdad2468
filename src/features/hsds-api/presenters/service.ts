/**
 * HSDS service objects. Besides the service's own fields (SERVICE_FIELDS,
 * public by definition), every field is listed by hand: a field added to the
 * DirectoryEntry later stays private until someone decides to publish it here.
 */
import { derivedId } from '../../directory/derived-id.ts';
import {
  isMessenger,
  pickFields,
  SERVICE_FIELDS,
  type DirectoryEntry,
  type HSDS_PHONE_TYPES,
  type MessengerType,
} from '../../directory/entry.ts';
import type { TaxonomyName } from '../../directory/taxonomies.ts';
import { stateByCode } from '../../geo/states.ts';
import { termFor } from '../catalogue.ts';
import { EXT, languageName, withoutEmpty, type Published } from './common.ts';
import { presentServiceAtLocations, type HsdsServiceAtLocation } from './location.ts';
import { presentOrganization, type HsdsOrganization } from './organization.ts';
import { presentTerm, type HsdsTaxonomyTerm } from './taxonomy.ts';

type HsdsLanguage = { id: string; service_id?: string; phone_id?: string; code: string; name: string };

/**
 * A phone or messenger contact. `type` stays an HSDS (RFC 6350) type, which
 * every HSDS consumer understands: a messenger contact is `text` (written
 * messages) and names its messenger in our extension, so a consumer that
 * does not know the extension still sees a way to write, not a line to call.
 */
type HsdsPhone = {
  id: string;
  service_id: string;
  number: string;
  type: (typeof HSDS_PHONE_TYPES)[number];
  description?: string;
  languages: HsdsLanguage[];
  [EXT]?: { messenger: MessengerType };
};

type HsdsSchedule = {
  id: string;
  service_id: string;
  freq: 'WEEKLY';
  byday: string;
  opens_at: string;
  closes_at: string;
  description?: string;
};

type HsdsServiceArea = {
  id: string;
  service_id: string;
  name: string;
  extent: string;
  extent_type: 'iso3166-2';
};

type HsdsAttribute = {
  id: string;
  link_id: string;
  link_entity: 'service';
  taxonomy_term_id: string;
  taxonomy_term: HsdsTaxonomyTerm;
};

/** The one-to-one fields of a service (those with a value) plus our extension. */
export type HsdsServiceBase = { id: string; organization_id: string; name: string } & Published<
  Pick<DirectoryEntry['service'], (typeof SERVICE_FIELDS)[number]>
> & { status: DirectoryEntry['service']['status']; [EXT]: { is_demo: boolean } };

/** A service with everything that belongs to it except its places (as nested in a service_at_location). */
export type HsdsServiceDetails = HsdsServiceBase & {
  organization: HsdsOrganization;
  phones: HsdsPhone[];
  languages: HsdsLanguage[];
  schedules: HsdsSchedule[];
  service_areas: HsdsServiceArea[];
  attributes: HsdsAttribute[];
};

/** The fully nested service of GET /services/{id}, the list and the JSON export. */
export type HsdsService = HsdsServiceDetails & { service_at_locations: HsdsServiceAtLocation[] };

/** The one-to-one fields of an entry's service. */
export function presentServiceBase(e: DirectoryEntry): HsdsServiceBase {
  const s = e.service;
  return {
    id: s.id,
    organization_id: e.organization.id,
    ...withoutEmpty(pickFields(s, SERVICE_FIELDS)),
    name: s.name,
    status: s.status,
    [EXT]: { is_demo: s.is_demo },
  };
}

function attributes(e: DirectoryEntry): HsdsAttribute[] {
  const groups: [TaxonomyName, readonly string[]][] = [
    ['target_group', e.targetGroups],
    ['exploitation', e.exploitation],
    ['accessibility', e.accessibility],
  ];
  return groups.flatMap(([taxonomy, codes]) =>
    codes.map((code) => {
      const term = termFor(taxonomy, code);
      return {
        id: derivedId(e.service.id, `attribute:${term.id}`),
        link_id: e.service.id,
        link_entity: 'service' as const,
        taxonomy_term_id: term.id,
        taxonomy_term: presentTerm(term),
      };
    }),
  );
}

/** Everything of a service but its places. */
export function presentServiceDetails(e: DirectoryEntry): HsdsServiceDetails {
  const sid = e.service.id;
  return {
    ...presentServiceBase(e),
    organization: presentOrganization(e.organization),
    phones: e.phones.map((p): HsdsPhone => ({
      id: p.id,
      service_id: sid,
      number: p.number,
      type: isMessenger(p.type) ? 'text' : p.type,
      ...withoutEmpty({ description: p.description }),
      languages: p.languages.map((code) => ({
        id: derivedId(p.id, `language:${code}`),
        phone_id: p.id,
        code,
        name: languageName(code),
      })),
      ...(isMessenger(p.type) ? { [EXT]: { messenger: p.type } } : {}),
    })),
    languages: e.languages.map((code) => ({
      id: derivedId(sid, `language:${code}`),
      service_id: sid,
      code,
      name: languageName(code),
    })),
    schedules: e.schedules.map((x) => ({
      id: x.id,
      service_id: sid,
      freq: 'WEEKLY' as const,
      byday: x.byday.join(','),
      opens_at: x.opens_at,
      closes_at: x.closes_at,
      ...withoutEmpty({ description: x.description }),
    })),
    service_areas: e.areas.map((a) => ({
      id: derivedId(sid, `area:${a}`),
      service_id: sid,
      name: a === 'DE' ? 'Deutschland' : (stateByCode(a)?.nameDe ?? a),
      extent: a,
      extent_type: 'iso3166-2' as const,
    })),
    attributes: attributes(e),
  };
}

/** The fully nested HSDS service. */
export function presentService(e: DirectoryEntry): HsdsService {
  return { ...presentServiceDetails(e), service_at_locations: presentServiceAtLocations(e) };
}
