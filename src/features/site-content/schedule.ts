/**
 * Publishing times: the office types a Berlin wall-clock time; the database
 * keeps an instant. A post is public from its publish_at on, decided by the
 * query against the request's time (no job makes it appear).
 */

const BERLIN = 'Europe/Berlin';

/** Berlin's offset from UTC at `at`, in minutes. */
function berlinOffset(at: Date): number {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone: BERLIN,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(at);
  const n = (type: string) => Number(parts.find((p) => p.type === type)!.value);
  const wall = Date.UTC(n('year'), n('month') - 1, n('day'), n('hour'), n('minute'), n('second'));
  return Math.round((wall - Math.floor(at.getTime() / 1000) * 1000) / 60_000);
}

const LOCAL = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/** 'YYYY-MM-DDTHH:MM' in Berlin as an instant, or null when it is no such time. */
export function fromBerlinLocal(value: string): Date | null {
  const m = LOCAL.exec(value);
  if (!m) return null;
  const [y, mo, d, h, mi] = m.slice(1).map(Number) as [number, number, number, number, number];
  const wall = Date.UTC(y, mo - 1, d, h, mi);
  const check = new Date(wall);
  if (check.getUTCMonth() !== mo - 1 || check.getUTCDate() !== d || h > 23 || mi > 59) return null;
  // Two rounds settle the offset on either side of a change of clocks.
  let at = new Date(wall - berlinOffset(new Date(wall)) * 60_000);
  at = new Date(wall - berlinOffset(at) * 60_000);
  return at;
}

/** An instant as 'YYYY-MM-DDTHH:MM' Berlin time (the value of a datetime-local field). */
export function toBerlinLocal(at: Date): string {
  return new Date(at.getTime() + berlinOffset(at) * 60_000).toISOString().slice(0, 16);
}

export type PublicState = 'draft' | 'scheduled' | 'published' | 'withdrawn';

/** What the public sees of an item at `now`. */
export function publicState(
  item: { publishedRevision: string | null; publishAt: Date | null; withdrawnAt?: Date | null },
  now: Date,
): PublicState {
  if (item.publishedRevision === null || item.publishAt === null) return item.withdrawnAt ? 'withdrawn' : 'draft';
  return item.publishAt.getTime() > now.getTime() ? 'scheduled' : 'published';
}
