import { describe, expect, it } from 'vitest';
import { STATES, STATE_CODES, isStateCode, stateByCode, stateBySlug } from './states.ts';

describe('states', () => {
  it('lists the 16 states once each, in STATE_CODES order', () => {
    expect(STATES.map((s) => s.code)).toEqual([...STATE_CODES]);
    expect(new Set(STATES.map((s) => s.ars)).size).toBe(16);
    expect(new Set(STATES.map((s) => s.slug)).size).toBe(16);
  });

  it('has ASCII slugs derived from the German names', () => {
    for (const s of STATES) expect(s.slug).toMatch(/^[a-z]+(?:-[a-z]+)*$/);
    expect(stateByCode('DE-BW')?.slug).toBe('baden-wuerttemberg');
    expect(stateByCode('DE-TH')?.slug).toBe('thueringen');
    expect(stateByCode('DE-NW')?.slug).toBe('nordrhein-westfalen');
  });

  it('finds states by code and slug, and nothing for anything else', () => {
    expect(stateByCode('DE-BY')?.nameEn).toBe('Bavaria');
    expect(stateBySlug('bayern')?.code).toBe('DE-BY');
    expect(stateByCode('de-by')).toBeUndefined();
    expect(stateByCode('BY')).toBeUndefined();
    expect(stateBySlug('Bayern')).toBeUndefined();
    expect(stateBySlug('__proto__')).toBeUndefined();
    expect(isStateCode('DE-HB')).toBe(true);
    expect(isStateCode('DE-XX')).toBe(false);
  });
});
