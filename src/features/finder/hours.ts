/**
 * Opening hours as people say them — "Mo–Fr 9–17 Uhr", "Mon–Fri 9 am–5 pm" —
 * and whether a centre is open right now. The schedules are wall-clock times
 * in Germany, so "now" is taken in Europe/Berlin whatever zone the server
 * runs in; Intl knows the daylight-saving changes, the code never adds hours.
 */
import { bidiIsolate, type Locale, type Translate } from '../../platform/i18n/index.ts';
import type { DirectoryEntry, Weekday } from '../directory/entry.ts';

const WEEK: readonly Weekday[] = ['MO', 'TU', 'WE', 'TH', 'FR', 'SA', 'SU'];

type Schedule = DirectoryEntry['schedules'][number];
/** Minutes since midnight, [opens, closes). */
type Interval = { opens: number; closes: number };

/** 'HH:MM' → minutes since midnight. */
function minutesOf(hhmm: string): number {
  const [h, m] = hhmm.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

/**
 * Each weekday's intervals, sorted, with overlapping or touching ones joined
 * (9–12 and 12–17 is 9–17), and the notes of the schedules that day.
 */
function week(schedules: readonly Schedule[]): { intervals: Interval[]; notes: string[] }[] {
  return WEEK.map((day) => {
    const raw = schedules
      .filter((s) => s.byday.includes(day))
      .map((s) => ({ opens: minutesOf(s.opens_at), closes: minutesOf(s.closes_at) }))
      .filter((i) => i.closes > i.opens)
      .sort((a, b) => a.opens - b.opens || a.closes - b.closes);
    const intervals: Interval[] = [];
    for (const i of raw) {
      const last = intervals.at(-1);
      if (last && i.opens <= last.closes) last.closes = Math.max(last.closes, i.closes);
      else intervals.push({ ...i });
    }
    const notes = [
      ...new Set(schedules.filter((s) => s.byday.includes(day) && s.description).map((s) => s.description!)),
    ];
    return { intervals, notes };
  });
}

/** A time of day in the reader's clock: '9', '9:30' (24-hour) or '9 am', '12:30 pm' (12-hour). */
function formatTime(minutes: number, t: Translate<'finder'>): string {
  const h = Math.floor(minutes / 60) % 24;
  const m = minutes % 60;
  const mm = m === 0 ? '' : `:${String(m).padStart(2, '0')}`;
  if (t('opening.clock') !== '12') return `${h}${mm}`;
  const h12 = h % 12 === 0 ? 12 : h % 12;
  return t(h < 12 ? 'opening.am' : 'opening.pm', { time: `${h12}${mm}` });
}

const lists = new Map<string, Intl.ListFormat>();
function andList(items: string[], locale: Locale): string {
  let f = lists.get(locale);
  if (!f) lists.set(locale, (f = new Intl.ListFormat(locale, { type: 'conjunction', style: 'long' })));
  return f.format(items);
}

/** Runs of consecutive weekdays: [0,1,2,4] → [[0,2],[4,4]]. */
function runs(days: number[]): [number, number][] {
  const out: [number, number][] = [];
  for (const d of days) {
    const last = out.at(-1);
    if (last && d === last[1] + 1) last[1] = d;
    else out.push([d, d]);
  }
  return out;
}

/** One line of the opening hours: the days, the times, the centre's own notes for those days. */
export type HoursLine = { days: string; times: string; notes: string[] };

/**
 * The week in as few lines as it takes: days with the same hours (and the
 * same notes) share a line, consecutive days as a range ("Mo–Fr"), others
 * listed ("Mo, Mi"). Lines follow the week from Monday.
 */
export function formatHours(schedules: readonly Schedule[], locale: Locale, t: Translate<'finder'>): HoursLine[] {
  const days = week(schedules);
  const groups = new Map<string, number[]>();
  days.forEach((d, i) => {
    if (d.intervals.length === 0) return;
    const key = JSON.stringify([d.intervals, d.notes]);
    const g = groups.get(key);
    if (g) g.push(i);
    else groups.set(key, [i]);
  });
  const dayName = (i: number) => t(`opening.days.${WEEK[i]!}`);
  return [...groups.values()].map((indices) => {
    const first = days[indices[0]!]!;
    const dayText = runs(indices)
      .map(([a, b]) =>
        a === b
          ? dayName(a)
          : b === a + 1
            ? `${dayName(a)}, ${dayName(b)}`
            : t('opening.dayRange', { from: dayName(a), to: dayName(b) }),
      )
      .join(', ');
    // Isolated on right-to-left pages, so "9–17" is not shown as "17–9".
    const ranges = first.intervals.map((i) =>
      bidiIsolate(locale, t('opening.timeRange', { from: formatTime(i.opens, t), to: formatTime(i.closes, t) })),
    );
    return {
      days: dayText,
      times: t('opening.times', { ranges: andList(ranges, locale) }),
      notes: first.notes,
    };
  });
}

const BERLIN = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Berlin',
  weekday: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const SHORT_DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** The weekday (0 = Monday) and minute of the day at `at` in Germany. */
export function berlinWeekTime(at: Date): { day: number; minute: number } {
  const parts = BERLIN.formatToParts(at);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  return { day: SHORT_DAYS.indexOf(get('weekday')), minute: Number(get('hour')) * 60 + Number(get('minute')) };
}

/** Open now (until when), or closed and when it opens next (days from today: 0 today, 1 tomorrow …). */
export type OpenState = { open: true; closes: number } | { open: false; inDays: number; day: Weekday; opens: number };

/** Whether the schedules say open at `now` (Germany's time); null when the entry has no hours at all. */
export function openState(schedules: readonly Schedule[], now: Date): OpenState | null {
  const days = week(schedules);
  if (days.every((d) => d.intervals.length === 0)) return null;
  const { day, minute } = berlinWeekTime(now);
  const current = days[day]!.intervals.find((i) => i.opens <= minute && minute < i.closes);
  if (current) return { open: true, closes: current.closes };
  // Today's later interval, else the first one of the next day that has any (a week ahead at most).
  for (let inDays = 0; inDays <= 7; inDays++) {
    const d = (day + inDays) % 7;
    const next = days[d]!.intervals.find((i) => inDays > 0 || i.opens > minute);
    if (next) return { open: false, inDays, day: WEEK[d]!, opens: next.opens };
  }
  return null;
}

/** "Open now, until 5 pm" / "Closed now, opens Tue at 9 am" in the reader's language. */
export function openStateText(state: OpenState, t: Translate<'finder'>): string {
  if (state.open) return t('opening.openUntil', { time: formatTime(state.closes, t) });
  const time = formatTime(state.opens, t);
  if (state.inDays === 0) return t('opening.opensToday', { time });
  if (state.inDays === 1) return t('opening.opensTomorrow', { time });
  return t('opening.opensOn', { day: t(`opening.days.${state.day}`), time });
}
