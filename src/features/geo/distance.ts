/** Great-circle distances between WGS84 points. */

/** Mean Earth radius (IUGG), in km: the sphere that minimises the error over all directions. */
const EARTH_RADIUS_KM = 6371.0088;

const rad = (deg: number) => (deg * Math.PI) / 180;

/**
 * Distance in km between two points given in decimal degrees (haversine).
 *
 * A sphere is off by at most ~0.5 % against the ellipsoid: irrelevant for
 * ranking counselling centres, and it needs no dependency.
 */
export function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const dLat = rad(lat2 - lat1);
  const dLon = rad(lon2 - lon1);
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(rad(lat1)) * Math.cos(rad(lat2)) * Math.sin(dLon / 2) ** 2;
  // min() guards against h creeping above 1 by rounding for antipodal points.
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}
