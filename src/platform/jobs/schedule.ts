/**
 * When a scheduled job falls due: every fixed interval, or at the times a
 * cron expression names in a time zone. Cron occurrences (day-of-week and
 * day-of-month rules, daylight-saving changes) come from croner rather than
 * from hand-written date arithmetic (ADR 016).
 */
import { Cron } from 'croner';

export type Schedule =
  /**
   * Every `every` milliseconds (at least a minute), counted from the start
   * of the previous run. A job seen for the first time is due at once.
   */
  | { every: number }
  /**
   * A five-field cron expression ("0 3 * * *": daily at 03:00) in `timezone`
   * (an IANA name; default Europe/Berlin, the time the network works in). A
   * job seen for the first time is due at the next matching time.
   */
  | { cron: string; timezone?: string };

const DEFAULT_TIMEZONE = 'Europe/Berlin';
const MIN_INTERVAL_MS = 60_000;

export type CompiledSchedule = {
  /** "every 15m", "cron 0 3 * * * Europe/Berlin": shown by `schutznetz jobs list` and stored to notice a change. */
  text: string;
  /** When a job first seen at `now` is due. */
  first(now: Date): Date;
  /** When the job is due again after a run that started at `startedAt` (always later than `startedAt`). */
  after(startedAt: Date): Date;
};

/** A schedule that cannot work; the message names the problem. Thrown when the runner is created. */
class ScheduleError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'ScheduleError';
  }
}

export function compileSchedule(schedule: Schedule): CompiledSchedule {
  if ('every' in schedule) {
    const every = schedule.every;
    if (!Number.isSafeInteger(every) || every < MIN_INTERVAL_MS)
      throw new ScheduleError(`an interval must be a whole number of milliseconds, at least ${MIN_INTERVAL_MS}`);
    return {
      text: `every ${formatInterval(every)}`,
      first: (now) => now,
      after: (startedAt) => new Date(startedAt.getTime() + every),
    };
  }
  const timezone = schedule.timezone ?? DEFAULT_TIMEZONE;
  const fields = schedule.cron.trim().split(/\s+/);
  // Six fields would add seconds: finer than the runner looks for due jobs.
  if (fields.length !== 5) throw new ScheduleError(`a cron expression has five fields, not "${schedule.cron}"`);
  let cron: Cron;
  try {
    // Without a function croner only computes times; it starts no timer.
    cron = new Cron(fields.join(' '), { timezone });
    if (cron.nextRun(new Date()) === null) throw new ScheduleError('it never matches');
  } catch (err) {
    throw new ScheduleError(`cron "${schedule.cron}" (${timezone}) cannot be used: ${(err as Error).message}`, {
      cause: err,
    });
  }
  const next = (from: Date): Date => {
    const at = cron.nextRun(from);
    if (!at) throw new ScheduleError(`cron "${schedule.cron}" (${timezone}) has no time after ${from.toISOString()}`);
    return at;
  };
  return { text: `cron ${fields.join(' ')} ${timezone}`, first: next, after: next };
}

/** 900000 → "15m", 5400000 → "90m", 86400000 → "1d". */
function formatInterval(ms: number): string {
  const units: [number, string][] = [
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'm'],
    [1000, 's'],
  ];
  for (const [size, unit] of units) if (ms % size === 0) return `${ms / size}${unit}`;
  return `${ms}ms`;
}
