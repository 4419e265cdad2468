/**
 * The audit page's query string: filters and the page cursor, validated with
 * zod (unknown or repeated parameters are a 400, like every other input).
 * Empty form fields mean "no filter", so a submitted filter form with blank
 * fields is valid.
 */
import { z } from 'zod';
import { EVENT_PATTERN, NETWORK_CHAIN } from '../../platform/audit/entry.ts';

const UUID = /^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$/;

/** '' (an untouched form field) → undefined; anything else must match `schema`. */
function blankOr<T extends z.ZodType<string | undefined>>(schema: T) {
  return z
    .union([z.literal(''), schema])
    .optional()
    .transform((v) => (v === '' || v === undefined ? undefined : (v as z.output<T>)));
}

const day = z.iso.date().refine((d) => d >= '2000-01-01' && d <= '2199-12-31', 'date out of range');
const id = z
  .string()
  .regex(UUID, 'must be an id')
  .transform((s) => s.toLowerCase());

/** The position of the last row shown: `<ISO instant>~<chain>~<seq>`. */
const CURSOR =
  /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)~(network|[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})~([1-9]\d{0,14})$/;

export type Cursor = { at: Date; chain: string; seq: number };

const cursor = z
  .string()
  .regex(CURSOR, 'invalid page position')
  .transform((s, ctx) => {
    const [, iso, chain, seq] = CURSOR.exec(s)!;
    const at = new Date(iso!);
    if (Number.isNaN(at.getTime()) || at.toISOString() !== iso) {
      ctx.addIssue({ code: 'custom', message: 'invalid page position' });
      return z.NEVER;
    }
    return { at, chain: chain!, seq: Number(seq) } satisfies Cursor;
  });

export const auditQuerySchema = z
  .strictObject({
    /** Which chain: 'network' or a centre id; none = every chain the reader may see. */
    chain: blankOr(z.union([z.literal(NETWORK_CHAIN), id])),
    actor: blankOr(id),
    event: blankOr(z.string().regex(EVENT_PATTERN, 'unknown event')),
    from: blankOr(day),
    to: blankOr(day),
    before: z
      .union([z.literal(''), cursor])
      .optional()
      .transform((v) => (v === '' ? undefined : v)),
  })
  .refine((q) => !q.from || !q.to || q.from <= q.to, {
    message: 'the "to" date is before the "from" date',
    path: ['to'],
  });

export type AuditQuery = z.output<typeof auditQuerySchema>;

export function encodeCursor(c: Cursor): string {
  return `${c.at.toISOString()}~${c.chain}~${c.seq}`;
}

const BERLIN = new Intl.DateTimeFormat('en-US', {
  timeZone: 'Europe/Berlin',
  hourCycle: 'h23',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
});

/** How far Germany is ahead of UTC at `instant`, in milliseconds (1 or 2 hours). */
function berlinOffsetMs(instant: number): number {
  const p = Object.fromEntries(BERLIN.formatToParts(instant).map((x) => [x.type, x.value]));
  const asUtc = Date.UTC(
    Number(p.year),
    Number(p.month) - 1,
    Number(p.day),
    Number(p.hour),
    Number(p.minute),
    Number(p.second),
  );
  return asUtc - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a German calendar day ('YYYY-MM-DD') begins. Staff think in
 * German days ("everything on 3 March"), whatever zone the server runs in;
 * midnight never falls into a DST gap (Germany switches at 02:00/03:00).
 */
export function berlinDayStart(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const naive = Date.UTC(y, m - 1, d);
  const first = naive - berlinOffsetMs(naive);
  return new Date(naive - berlinOffsetMs(first));
}

/** The instant the German calendar day after `isoDate` begins (exclusive end of a "to" filter). */
export function berlinDayEnd(isoDate: string): Date {
  const [y, m, d] = isoDate.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
  return berlinDayStart(next);
}
