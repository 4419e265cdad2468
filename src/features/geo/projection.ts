/**
 * Projection of WGS84 coordinates onto the map of Germany, with the
 * parameters the vendoring script used for the state outlines, so a centre's
 * marker lands on the same spot as the outline around it.
 */
import { loadMapFile } from './mapData.ts';

/** A point in viewBox units: x to the east, y to the south. */
export type MapPoint = { x: number; y: number };

const { projection, viewBox } = loadMapFile();

/** The map's SVG viewBox attribute value, e.g. "0 0 600 807". */
export const MAP_VIEWBOX: string = viewBox.join(' ');

/** Width and height of the viewBox, for bounds checks and sizing. */
export const MAP_SIZE: { width: number; height: number } = { width: viewBox[2], height: viewBox[3] };

/**
 * Projects a WGS84 point to viewBox units, rounded to 0.1: finer than any
 * screen shows, and it keeps the markup short.
 */
export function project(lat: number, lon: number): MapPoint {
  const round = (v: number) => Math.round(v * 10) / 10;
  return { x: round((lon - projection.west) * projection.kx), y: round((projection.north - lat) * projection.ky) };
}
