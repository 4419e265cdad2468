/**
 * HSDS location (with its address) and service_at_location objects.
 *
 * Protected addresses (shelter-like centres) publish the city only: the
 * street line is left out entirely, and so is the way there, which would
 * point to the house just as well. Their stored coordinates are already the
 * postcode's centre. Like every empty field, both are absent rather than
 * null (HSDS types them as strings).
 */
import { derivedId } from '../../directory/derived-id.ts';
import type { DirectoryEntry } from '../../directory/entry.ts';
import { EXT, withoutEmpty } from './common.ts';

type Location = NonNullable<DirectoryEntry['location']>;

type HsdsAddress = {
  id: string;
  location_id: string;
  /** Absent for protected addresses. */
  address_1?: string;
  city: string;
  state_province: string;
  postal_code: string;
  country: 'DE';
  address_type: 'physical';
};

type HsdsAccessibility = { id: string; location_id: string; description: string };

export type HsdsLocation = {
  id: string;
  location_type: 'physical';
  organization_id: string;
  name?: string;
  latitude: number;
  longitude: number;
  transportation?: string;
  addresses: HsdsAddress[];
  accessibility: HsdsAccessibility[];
  [EXT]: { address_protected: boolean };
};

export type HsdsServiceAtLocation = {
  id: string;
  service_id: string;
  location_id: string;
  location: HsdsLocation;
};

/** Id of the service_at_location row (the same derivation writeEntries stores). */
export function serviceAtLocationId(serviceId: string, locationId: string): string {
  return derivedId(`${serviceId}/${locationId}`, 'service_at_location');
}

/** The location of an entry as HSDS publishes it. */
function presentLocation(l: Location, organizationId: string): HsdsLocation {
  const isProtected = l.address_protected;
  const address: HsdsAddress = {
    id: derivedId(l.id, 'address'),
    location_id: l.id,
    ...(isProtected ? {} : withoutEmpty({ address_1: l.address.address_1 })),
    city: l.address.city,
    state_province: l.address.state_province,
    postal_code: l.address.postal_code,
    country: 'DE',
    address_type: 'physical',
  };
  return {
    id: l.id,
    location_type: 'physical',
    organization_id: organizationId,
    ...withoutEmpty({ name: l.name }),
    latitude: l.latitude,
    longitude: l.longitude,
    ...(isProtected ? {} : withoutEmpty({ transportation: l.transportation })),
    addresses: [address],
    accessibility: l.accessibility
      ? [{ id: derivedId(l.id, 'accessibility'), location_id: l.id, description: l.accessibility }]
      : [],
    [EXT]: { address_protected: isProtected },
  };
}

/** The entry's service_at_location list: one item for a centre with a place, none for online-only services. */
export function presentServiceAtLocations(e: DirectoryEntry): HsdsServiceAtLocation[] {
  if (!e.location) return [];
  return [
    {
      id: serviceAtLocationId(e.service.id, e.location.id),
      service_id: e.service.id,
      location_id: e.location.id,
      location: presentLocation(e.location, e.organization.id),
    },
  ];
}
