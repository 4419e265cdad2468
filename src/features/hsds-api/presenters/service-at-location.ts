/** The items of GET /service_at_locations: a service at its place, with the distance searched from. */
import type { DirectoryEntry } from '../../directory/entry.ts';
import { EXT } from './common.ts';
import { presentServiceAtLocations, type HsdsLocation } from './location.ts';
import { presentServiceDetails, type HsdsServiceDetails } from './service.ts';

export type HsdsServiceAtLocationItem = {
  id: string;
  service_id: string;
  location_id: string;
  service: HsdsServiceDetails;
  location: HsdsLocation;
  /** Metres from the searched postcode's centre; absent without a postcode. */
  distance?: number;
  [EXT]: { covers_area: boolean };
};

/**
 * The service at its place, or undefined for a service without a place.
 * The distance is rounded to whole metres: more digits would only suggest a
 * precision the postcode centre does not have.
 */
export function presentServiceAtLocationItem(
  e: DirectoryEntry,
  distanceKm: number | null,
  coversArea: boolean,
): HsdsServiceAtLocationItem | undefined {
  const [sal] = presentServiceAtLocations(e);
  if (!sal) return undefined;
  return {
    id: sal.id,
    service_id: sal.service_id,
    location_id: sal.location_id,
    service: presentServiceDetails(e),
    location: sal.location,
    ...(distanceKm === null ? {} : { distance: Math.round(distanceKm * 1000) }),
    [EXT]: { covers_area: coversArea },
  };
}
