import { describe, expect, it } from 'vitest';
import { registerMessages } from '../../app.ts';
import { translator } from '../../platform/i18n/index.ts';
import type { DirectoryEntry, Weekday } from '../directory/entry.ts';
import { berlinWeekTime, formatHours, openState, openStateText } from './hours.ts';

registerMessages();

type Schedule = DirectoryEntry['schedules'][number];
let n = 0;
const s = (byday: Weekday[], opens_at: string, closes_at: string, description: string | null = null): Schedule => ({
  id: `s${++n}`,
  byday,
  opens_at,
  closes_at,
  description,
});

const de = translator('de', 'finder');
const en = translator('en', 'finder');
const lines = (schedules: Schedule[], locale: 'de' | 'en') =>
  formatHours(schedules, locale, locale === 'de' ? de : en).map(
    (l) => `${l.days} ${l.times}${l.notes.length ? ` (${l.notes.join('; ')})` : ''}`,
  );

const WORKDAYS: Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR'];

describe('opening hours as people say them', () => {
  it('groups consecutive days with the same hours and leaves out :00', () => {
    const week = [s(WORKDAYS, '09:00', '17:00')];
    expect(lines(week, 'de')).toEqual(['Mo–Fr 9–17 Uhr']);
    expect(lines(week, 'en')).toEqual(['Mon–Fri 9 am–5 pm']);
  });

  it('shows minutes only when they are not :00, and noon and midnight in the 12-hour clock', () => {
    const week = [s(['SA'], '09:30', '12:00'), s(['SU'], '00:15', '12:45')];
    expect(lines(week, 'de')).toEqual(['Sa 9:30–12 Uhr', 'So 0:15–12:45 Uhr']);
    expect(lines(week, 'en')).toEqual(['Sat 9:30 am–12 pm', 'Sun 12:15 am–12:45 pm']);
  });

  it('supports several intervals a day, in order, and joins touching ones', () => {
    const week = [s(WORKDAYS, '13:00', '17:00'), s(WORKDAYS, '09:00', '12:00'), s(['SA'], '10:00', '12:00')];
    week.push(s(['SA'], '12:00', '14:00'));
    expect(lines(week, 'de')).toEqual(['Mo–Fr 9–12 und 13–17 Uhr', 'Sa 10–14 Uhr']);
    expect(lines(week, 'en')).toEqual([
      'Mon–Fri 9 am–12 pm and 1–5 pm'.replace('1–5 pm', '1 pm–5 pm'),
      'Sat 10 am–2 pm',
    ]);
  });

  it('lists days that are not consecutive, two neighbours without a dash, and keeps the week order', () => {
    const week = [
      s(['MO', 'WE', 'TH', 'FR'], '09:00', '15:00'),
      s(['TU'], '14:00', '18:00'),
      s(['SA', 'SU'], '10:00', '12:00'),
    ];
    expect(lines(week, 'de')).toEqual(['Mo, Mi–Fr 9–15 Uhr', 'Di 14–18 Uhr', 'Sa, So 10–12 Uhr']);
  });

  it('keeps the centre’s notes with the days they belong to', () => {
    const week = [s(['MO', 'TU'], '09:00', '12:00'), s(['WE'], '09:00', '12:00', 'nur nach Vereinbarung')];
    expect(lines(week, 'de')).toEqual(['Mo, Di 9–12 Uhr', 'Mi 9–12 Uhr (nur nach Vereinbarung)']);
  });

  it('has no lines without schedules', () => {
    expect(lines([], 'de')).toEqual([]);
  });
});

describe('open now, in German time', () => {
  const week = [s(WORKDAYS, '09:00', '12:00'), s(WORKDAYS, '13:00', '17:00')];
  const at = (iso: string) => openState(week, new Date(iso));

  it('reads the weekday and time in Europe/Berlin, whatever the server’s zone', () => {
    // Monday 2026-01-05 23:30 UTC is Tuesday 00:30 in Berlin (CET, UTC+1).
    expect(berlinWeekTime(new Date('2026-01-05T23:30:00Z'))).toEqual({ day: 1, minute: 30 });
    // In summer (CEST, UTC+2) 22:30 UTC is already the next day.
    expect(berlinWeekTime(new Date('2026-07-06T22:30:00Z'))).toEqual({ day: 1, minute: 30 });
  });

  it('is open inside an interval and says until when', () => {
    const state = at('2026-01-07T08:30:00Z'); // Wednesday 9:30 CET
    expect(state).toEqual({ open: true, closes: 12 * 60 });
    expect(openStateText(state!, de)).toBe('Jetzt geöffnet, bis 12 Uhr');
    expect(openStateText(state!, en)).toBe('Open now, until 12 pm');
  });

  it('is closed over lunch and opens again today', () => {
    const state = at('2026-01-07T11:30:00Z'); // Wednesday 12:30 CET
    expect(state).toEqual({ open: false, inDays: 0, day: 'WE', opens: 13 * 60 });
    expect(openStateText(state!, de)).toBe('Jetzt geschlossen, öffnet heute um 13 Uhr');
  });

  it('opens at the minute it opens and closes at the minute it closes', () => {
    expect(at('2026-01-07T08:00:00Z')).toMatchObject({ open: true });
    expect(at('2026-01-07T07:59:00Z')).toMatchObject({ open: false, inDays: 0 });
    expect(at('2026-01-07T16:00:00Z')).toMatchObject({ open: false, inDays: 1 });
  });

  it('after Friday closing time opens on Monday, named by its day', () => {
    const state = at('2026-01-09T17:00:00Z'); // Friday 18:00 CET
    expect(state).toEqual({ open: false, inDays: 3, day: 'MO', opens: 9 * 60 });
    expect(openStateText(state!, de)).toBe('Jetzt geschlossen, öffnet Mo um 9 Uhr');
    expect(openStateText(state!, en)).toBe('Closed now, opens Mon at 9 am');
  });

  it('says tomorrow the evening before', () => {
    const state = at('2026-01-05T19:00:00Z'); // Monday 20:00 CET
    expect(openStateText(state!, de)).toBe('Jetzt geschlossen, öffnet morgen um 9 Uhr');
    expect(openStateText(state!, en)).toBe('Closed now, opens tomorrow at 9 am');
  });

  it('follows the change to summer time (last Sunday of March)', () => {
    const monday = [s(['MO'], '09:00', '17:00'), s(['SU'], '02:00', '04:00')];
    // Sunday 2026-03-29: clocks go from 02:00 CET to 03:00 CEST. 01:30 UTC is 03:30 CEST.
    expect(berlinWeekTime(new Date('2026-03-29T01:30:00Z'))).toEqual({ day: 6, minute: 3 * 60 + 30 });
    expect(openState(monday, new Date('2026-03-29T01:30:00Z'))).toEqual({ open: true, closes: 4 * 60 });
    // Monday after the change: 07:00 UTC is 09:00 CEST — open; a week earlier 07:00 UTC was 08:00 CET — closed.
    expect(openState(monday, new Date('2026-03-30T07:00:00Z'))).toMatchObject({ open: true });
    expect(openState(monday, new Date('2026-03-23T07:00:00Z'))).toMatchObject({ open: false, inDays: 0 });
  });

  it('follows the change back to winter time (last Sunday of October)', () => {
    const monday = [s(['MO'], '09:00', '17:00')];
    // Sunday 2026-10-25: 03:00 CEST becomes 02:00 CET. Monday 08:00 UTC is 09:00 CET — open.
    expect(openState(monday, new Date('2026-10-26T08:00:00Z'))).toMatchObject({ open: true });
    // The Monday before, 08:00 UTC was 10:00 CEST; 07:30 UTC was 09:30 CEST — both open; 06:30 UTC closed.
    expect(openState(monday, new Date('2026-10-19T07:30:00Z'))).toMatchObject({ open: true });
    expect(openState(monday, new Date('2026-10-19T06:30:00Z'))).toMatchObject({ open: false, inDays: 0 });
    // 16:30 UTC on the Monday after the change is 17:30 CET: closed, next Monday.
    expect(openState(monday, new Date('2026-10-26T16:30:00Z'))).toEqual({
      open: false,
      inDays: 7,
      day: 'MO',
      opens: 9 * 60,
    });
  });

  it('gives no hint without hours', () => {
    expect(openState([], new Date('2026-01-07T08:30:00Z'))).toBeNull();
  });
});
