import { describe, expect, it } from 'vitest';
import { berlinDate, monthsBefore } from './dates.ts';

describe('verification dates', () => {
  it('"today" is the German calendar day, not UTC’s', () => {
    expect(berlinDate(new Date('2026-06-30T22:30:00Z'))).toBe('2026-07-01'); // 00:30 CEST
    expect(berlinDate(new Date('2026-01-31T22:59:00Z'))).toBe('2026-01-31'); // 23:59 CET
  });

  it('goes back whole months, clamping to shorter months', () => {
    expect(monthsBefore('2026-03-15', 12)).toBe('2025-03-15');
    expect(monthsBefore('2024-02-29', 12)).toBe('2023-02-28');
    expect(monthsBefore('2026-03-31', 1)).toBe('2026-02-28');
    expect(monthsBefore('2026-01-10', 1)).toBe('2025-12-10');
  });
});
