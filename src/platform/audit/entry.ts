/**
 * What an audit entry may contain, checked before anything is written. The
 * audit log is kept for years and read by more people than the data it
 * describes, so it holds pseudonymous ids only: no e-mail addresses, names,
 * passwords, IP addresses or free text typed by users. The schema cannot
 * recognise a name, but it refuses what it can recognise (addresses, IPs,
 * long text, nested objects) so a careless caller fails loudly in tests.
 */
import { isIP } from 'node:net';
import { z } from 'zod';

/** Event names such as `auth.sign_in`. */
export const EVENT_PATTERN = /^[a-z_.]{1,64}$/;
/** Keys of `details` and object types: short snake_case identifiers. */
const IDENT = /^[a-z][a-z0-9_]{0,63}$/;
/** Strings in details are ids, codes or counts, never prose. */
const MAX_STRING = 200;
const MAX_DETAILS = 20;

/** A scalar value of `details`. */
export type DetailValue = string | number | boolean | null;

/** One audit event as callers describe it. */
export type AuditEntry = {
  /** `^[a-z_.]{1,64}$`, e.g. 'auth.sign_in'. */
  event: string;
  actorId: string | null;
  /** The tenant whose chain records the event; null = the network chain. */
  centreId: string | null;
  objectType?: string;
  objectId?: string;
  details?: Record<string, DetailValue>;
};

/**
 * True when `s` contains something that looks like an e-mail address or an
 * IP address. Any `@` counts: pseudonymous ids never contain one, and
 * "almost an address" (a typo, a partial) is still personal data.
 */
export function looksPersonal(s: string): boolean {
  if (s.includes('@') || s.includes('\uFF20')) return true;
  // Dotted quads anywhere ("ip=10.0.0.1:443"), even when not a valid address.
  if (/(?:^|[^\d.])\d{1,3}(?:\.\d{1,3}){3}(?:$|[^\d.])/.test(s)) return true;
  // IPv6 in any of its spellings: let the platform's parser decide per token.
  for (const token of s.split(/[\s,;()<>"'=/]+/)) {
    const bare = token.replace(/^\[/, '').replace(/\](?::\d+)?$/, '');
    if (bare.includes(':') && isIP(bare) === 6) return true;
  }
  return false;
}

/** Strings that end up in the chain: bounded, printable, not personal. */
const safeString = (max: number) =>
  z
    .string()
    .min(1)
    .max(max)
    // jsonb cannot store U+0000 and control characters have no place in ids.
    .refine((s) => !/\p{Cc}/u.test(s), 'must not contain control characters')
    .refine((s) => !looksPersonal(s), 'must not contain an e-mail or IP address (pseudonymous ids only)');

const id = z.guid().transform((s) => s.toLowerCase());

const detailValue = z.union([safeString(MAX_STRING), z.number(), z.boolean(), z.null()]);

export const auditEntrySchema = z
  .object({
    event: z.string().regex(EVENT_PATTERN, 'event must match ^[a-z_.]{1,64}$'),
    // Stored lowercase by PostgreSQL; normalised here so the MAC covers what is stored.
    actorId: id.nullable(),
    centreId: id.nullable(),
    objectType: z.string().regex(IDENT, 'objectType must be a snake_case identifier').optional(),
    objectId: safeString(MAX_STRING).optional(),
    details: z
      .record(z.string().regex(IDENT, 'detail keys must be snake_case identifiers'), detailValue)
      .refine((d) => Object.keys(d).length <= MAX_DETAILS, `at most ${MAX_DETAILS} details`)
      .optional(),
  })
  .strict();

/** The chain an entry belongs to: its centre's, or the network chain. */
export const NETWORK_CHAIN = 'network';
export function chainOf(centreId: string | null): string {
  return centreId ?? NETWORK_CHAIN;
}
