import { describe, expect, it } from 'vitest';
import { auditQuerySchema, berlinDayEnd, berlinDayStart, encodeCursor } from './filters.ts';

describe('German calendar days', () => {
  it('starts a winter day at 23:00 UTC and a summer day at 22:00 UTC', () => {
    expect(berlinDayStart('2024-01-10').toISOString()).toBe('2024-01-09T23:00:00.000Z');
    expect(berlinDayStart('2024-07-10').toISOString()).toBe('2024-07-09T22:00:00.000Z');
  });
  it('handles the days of the clock changes and month/year ends', () => {
    // 31 March 2024: clocks go forward at 02:00, the day starts in winter time.
    expect(berlinDayStart('2024-03-31').toISOString()).toBe('2024-03-30T23:00:00.000Z');
    expect(berlinDayEnd('2024-03-31').toISOString()).toBe('2024-03-31T22:00:00.000Z');
    expect(berlinDayEnd('2024-10-27').toISOString()).toBe('2024-10-27T23:00:00.000Z');
    expect(berlinDayEnd('2024-12-31').toISOString()).toBe('2024-12-31T23:00:00.000Z');
  });
});

describe('auditQuerySchema', () => {
  it('treats blank fields as no filter and lower-cases ids', () => {
    const q = auditQuerySchema.parse({
      chain: '',
      actor: 'AAAAAAAA-BBBB-4CCC-8DDD-EEEEEEEEEEEE',
      event: '',
      from: '',
      to: '',
    });
    expect(q).toEqual({
      chain: undefined,
      actor: 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee',
      event: undefined,
      from: undefined,
      to: undefined,
      before: undefined,
    });
  });
  it('round-trips a cursor', () => {
    const c = { at: new Date('2024-05-01T00:01:02.345Z'), chain: 'network', seq: 17 };
    expect(auditQuerySchema.parse({ before: encodeCursor(c) }).before).toEqual(c);
  });
  it.each([{ from: '2024-02-30' }, { to: '1999-12-31' }, { before: 'x' }, { chain: ['network'] }, { page: '2' }])(
    'refuses %j',
    (input) => {
      expect(auditQuerySchema.safeParse(input).success).toBe(false);
    },
  );
});
