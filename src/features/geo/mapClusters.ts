/**
 * Markers that would overlap on a phone are drawn as one cluster.
 *
 * The map is about 340 CSS px wide on a 360 px phone, about 0.56 px per
 * viewBox unit. A target needs 24 × 24 px (WCAG 2.2, 2.5.8): a hit circle of
 * 22 units (about 25 px across at that scale). Two such circles do not
 * overlap when their centres are at least 44 units apart, so every marker
 * closer than that to an earlier one joins it.
 *
 * One pass in the caller's order (the results' order: the nearest first):
 * each new cluster centre is at least {@link CLUSTER_DISTANCE} from every
 * earlier centre, so all centres are, and a grid of that cell size finds the
 * candidates in constant time — the home page draws every centre of the
 * directory, which may be thousands.
 */
import { project, type MapPoint } from './projection.ts';

/** Radius of a marker's hit area in viewBox units. */
export const HIT_RADIUS = 22;
/** The least distance between two drawn markers or clusters, in viewBox units. */
export const CLUSTER_DISTANCE = 2 * HIT_RADIUS;

export type Clustered<M> = { at: MapPoint; members: M[] };

export function clusterMarkers<M extends { lat: number; lon: number }>(markers: readonly M[]): Clustered<M>[] {
  const out: Clustered<M>[] = [];
  const grid = new Map<string, Clustered<M>[]>();
  const cellOf = (v: number) => Math.floor(v / CLUSTER_DISTANCE);
  for (const m of markers) {
    if (!Number.isFinite(m.lat) || !Number.isFinite(m.lon)) continue;
    const p = project(m.lat, m.lon);
    const cx = cellOf(p.x);
    const cy = cellOf(p.y);
    let home: Clustered<M> | undefined;
    let best = CLUSTER_DISTANCE * CLUSTER_DISTANCE;
    for (let dx = -1; dx <= 1; dx++) {
      for (let dy = -1; dy <= 1; dy++) {
        for (const c of grid.get(`${cx + dx},${cy + dy}`) ?? []) {
          const d = (c.at.x - p.x) ** 2 + (c.at.y - p.y) ** 2;
          if (d < best) {
            best = d;
            home = c;
          }
        }
      }
    }
    if (home) {
      home.members.push(m);
      continue;
    }
    const c: Clustered<M> = { at: p, members: [m] };
    out.push(c);
    const key = `${cx},${cy}`;
    const cell = grid.get(key);
    if (cell) cell.push(c);
    else grid.set(key, [c]);
  }
  return out;
}
