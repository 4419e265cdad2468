import { describe, expect, it } from 'vitest';
import { distanceKm } from './distance.ts';

describe('distanceKm', () => {
  it('measures Berlin–Munich as about 504 km', () => {
    // Berlin Brandenburger Tor, Munich Marienplatz.
    expect(distanceKm(52.5163, 13.3777, 48.1374, 11.5755)).toBeGreaterThan(499);
    expect(distanceKm(52.5163, 13.3777, 48.1374, 11.5755)).toBeLessThan(509);
  });

  it('is zero for a point, symmetric, and one degree of latitude is ~111 km', () => {
    expect(distanceKm(50, 8, 50, 8)).toBe(0);
    expect(distanceKm(50, 8, 51, 9)).toBeCloseTo(distanceKm(51, 9, 50, 8), 9);
    expect(distanceKm(50, 8, 51, 8)).toBeCloseTo(111.2, 0);
  });

  it('stays finite for antipodes', () => {
    expect(distanceKm(0, 0, 0, 180)).toBeCloseTo(Math.PI * 6371.0088, 3);
  });
});
