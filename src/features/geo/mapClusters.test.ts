import { describe, expect, it } from 'vitest';
import { CLUSTER_DISTANCE, clusterMarkers } from './mapClusters.ts';
import { project } from './projection.ts';

const at = (id: string, lat: number, lon: number) => ({ id, lat, lon });

describe('clusterMarkers', () => {
  it('keeps markers far apart as single markers, in the given order', () => {
    const out = clusterMarkers([at('berlin', 52.52, 13.405), at('munich', 48.137, 11.575), at('cologne', 50.94, 6.96)]);
    expect(out.map((c) => c.members.map((m) => m.id))).toEqual([['berlin'], ['munich'], ['cologne']]);
    expect(out[0]!.at).toEqual(project(52.52, 13.405));
  });

  it('joins markers in one city into a cluster centred on the first', () => {
    const out = clusterMarkers([
      at('mitte', 52.52, 13.405),
      at('neukoelln', 52.48, 13.43),
      at('spandau', 52.535, 13.2),
    ]);
    expect(out).toHaveLength(1);
    expect(out[0]!.members.map((m) => m.id)).toEqual(['mitte', 'neukoelln', 'spandau']);
    expect(out[0]!.at).toEqual(project(52.52, 13.405));
  });

  it('leaves no two drawn targets closer than their hit areas allow, for thousands of random markers', () => {
    let seed = 7;
    const rnd = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const many = Array.from({ length: 5000 }, (_, i) => at(String(i), 47.4 + rnd() * 7.5, 6 + rnd() * 8.9));
    const out = clusterMarkers(many);
    expect(out.reduce((n, c) => n + c.members.length, 0)).toBe(5000);
    for (let i = 0; i < out.length; i++) {
      for (let j = i + 1; j < out.length; j++) {
        const d = Math.hypot(out[i]!.at.x - out[j]!.at.x, out[i]!.at.y - out[j]!.at.y);
        expect(d).toBeGreaterThanOrEqual(CLUSTER_DISTANCE);
      }
    }
    // Every member is within reach of the centre it was drawn at.
    for (const c of out) {
      for (const m of c.members) {
        const p = project(m.lat, m.lon);
        expect(Math.hypot(p.x - c.at.x, p.y - c.at.y)).toBeLessThan(CLUSTER_DISTANCE);
      }
    }
  });

  it('skips markers without a usable position', () => {
    expect(clusterMarkers([at('x', Number.NaN, 10), at('y', 50, Number.POSITIVE_INFINITY)])).toEqual([]);
  });
});
