import { describe, expect, it } from 'vitest';
import { loadMapFile } from './mapData.ts';
import { MAP_SIZE, MAP_VIEWBOX, project } from './projection.ts';
import { lookupPostcode } from './postcodes.ts';

const inside = ({ x, y }: { x: number; y: number }) => x >= 0 && y >= 0 && x <= MAP_SIZE.width && y <= MAP_SIZE.height;

describe('project', () => {
  const berlin = project(52.52, 13.405);
  const cologne = project(50.9375, 6.9603);
  const munich = project(48.1374, 11.5755);
  const hamburg = project(53.5511, 9.9937);

  it('puts Berlin east of Cologne and Munich south of Hamburg', () => {
    expect(berlin.x).toBeGreaterThan(cologne.x);
    expect(munich.y).toBeGreaterThan(hamburg.y);
  });

  it('keeps distances in proportion (equal scale at 51° N)', () => {
    // Berlin–Cologne ≈ 477 km, Hamburg–Munich ≈ 612 km.
    const d = (a: { x: number; y: number }, b: { x: number; y: number }) => Math.hypot(a.x - b.x, a.y - b.y);
    expect(d(berlin, cologne) / d(hamburg, munich)).toBeCloseTo(477 / 612, 1);
  });

  it('maps Germany into the viewBox: corners, all postcodes, all label points', () => {
    expect(MAP_VIEWBOX).toBe(`0 0 ${MAP_SIZE.width} ${MAP_SIZE.height}`);
    expect(MAP_SIZE.width).toBe(600);
    // List (Sylt), Oberstdorf, Selfkant, Görlitz.
    for (const [lat, lon] of [
      [55.05, 8.41],
      [47.27, 10.18],
      [51.05, 5.87],
      [51.15, 15.04],
    ] as const)
      expect(inside(project(lat, lon)), `${lat},${lon}`).toBe(true);
    for (const s of loadMapFile().states) expect(inside({ x: s.label[0], y: s.label[1] }), s.code).toBe(true);
    for (const plz of [
      '01067',
      '10115',
      '18055',
      '24937',
      '26548',
      '52062',
      '66111',
      '80331',
      '87491',
      '94032',
      '99084',
    ])
      expect(inside(project(lookupPostcode(plz)!.lat, lookupPostcode(plz)!.lon)), plz).toBe(true);
  });

  it('puts a city near the label point of its city-state', () => {
    const label = (code: string) => loadMapFile().states.find((s) => s.code === code)!.label;
    for (const [code, p] of [
      ['DE-BE', berlin],
      ['DE-HH', hamburg],
    ] as const) {
      const [lx, ly] = label(code);
      expect(Math.hypot(p.x - lx, p.y - ly), code).toBeLessThan(20);
    }
  });
});
