import { describe, expect, it } from 'vitest';
import { fromBerlinLocal, publicState, toBerlinLocal } from './schedule.ts';

describe('publishing times in Berlin', () => {
  it('reads winter and summer times with their offsets', () => {
    expect(fromBerlinLocal('2026-01-15T09:30')?.toISOString()).toBe('2026-01-15T08:30:00.000Z');
    expect(fromBerlinLocal('2026-07-15T09:30')?.toISOString()).toBe('2026-07-15T07:30:00.000Z');
  });

  it('round-trips through the form value', () => {
    for (const v of ['2026-03-29T03:30', '2026-10-25T12:00', '2026-12-31T23:59'])
      expect(toBerlinLocal(fromBerlinLocal(v)!)).toBe(v);
  });

  it('refuses what is no time', () => {
    for (const v of ['2026-02-30T10:00', '2026-01-01T24:00', '2026-01-01', 'morgen', '2026-01-01T10:00Z'])
      expect(fromBerlinLocal(v)).toBeNull();
  });
});

describe('what the public sees', () => {
  const now = new Date('2026-05-01T10:00:00Z');
  it('shows a post from its publishing time on, never a draft or a withdrawn one', () => {
    expect(publicState({ publishedRevision: null, publishAt: null }, now)).toBe('draft');
    expect(publicState({ publishedRevision: null, publishAt: null, withdrawnAt: now }, now)).toBe('withdrawn');
    expect(publicState({ publishedRevision: 'r', publishAt: new Date('2026-05-01T10:00:01Z') }, now)).toBe('scheduled');
    expect(publicState({ publishedRevision: 'r', publishAt: now }, now)).toBe('published');
  });
});
