/** The vendored data files: attribution present, format current, facts in line with states.ts. */
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { gzipSync } from 'node:zlib';
import { MAP_FILE_URL, MAP_FORMAT, loadMapFile } from './mapData.ts';
import { POSTCODE_FILE_URL, POSTCODE_FORMAT, loadPostcodeFile } from './postcodeData.ts';
import { STATES } from './states.ts';

const postcodeText = fs.readFileSync(POSTCODE_FILE_URL, 'utf8');
const mapText = fs.readFileSync(MAP_FILE_URL, 'utf8');

describe('vendored geodata', () => {
  it('carries the attribution its licence asks for', () => {
    const postcodes = JSON.parse(postcodeText) as { attribution: string; licence: string; format: string };
    expect(postcodes.attribution).toBe('Postcode data © GeoNames (geonames.org), CC BY 4.0');
    expect(postcodes.licence).toContain('CC BY 4.0');
    expect(postcodes.format).toBe(POSTCODE_FORMAT);
    const map = JSON.parse(mapText) as { attribution: string; licence: string; format: string };
    expect(map.attribution).toBe('© GeoBasis-DE / BKG (2021), dl-de/by-2-0');
    expect(map.licence).toContain('dl-de/by-2-0');
    expect(map.format).toBe(MAP_FORMAT);
    const readme = fs.readFileSync(new URL('../../../data/geo/README.md', import.meta.url), 'utf8');
    expect(readme).toContain('GeoNames');
    expect(readme).toContain('GeoBasis-DE / BKG');
  });

  it('has the states of states.ts, each with an outline and a label point', () => {
    const map = loadMapFile();
    expect(map.states.map(({ code, ars, nameDe, nameEn, slug }) => ({ code, ars, nameDe, nameEn, slug }))).toEqual(
      STATES,
    );
    for (const s of map.states) expect(s.d).toMatch(/^M[\d -]+l[\d -]+z/);
  });

  it('keeps the outlines small: under 12 KB gzipped together', () => {
    const paths = loadMapFile()
      .states.map((s) => s.d)
      .join('');
    expect(gzipSync(paths).length).toBeLessThan(12 * 1024);
  });

  it('has every state among the postcodes, and no postcode twice', () => {
    const records = loadPostcodeFile();
    expect(new Set(records.map((r) => r.state)).size).toBe(16);
    expect(new Set(records.map((r) => r.postcode)).size).toBe(records.length);
    expect(records.length).toBeGreaterThan(8000);
  });
});
