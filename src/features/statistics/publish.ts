/**
 * Publishing a closed reporting year, for the public (threshold 10) or the
 * network (threshold 5): the coordination office's form and the operator's
 * demo content both come through here.
 *
 * 1. In the coordination scope: the year must exist and be closed; read
 *    when it was closed, what the audience's readers have seen of the year
 *    (its earlier versions of this audience, and for the internal tables
 *    every public version: the office reads both) and the year's counts
 *    through `case_statistics`.
 * 2. Outside any transaction (the LP audit takes seconds, no connection
 *    should wait on it): protect against what was seen, audit.
 * 3. In the coordination scope again, holding the year's row: refuse if the
 *    year is no longer closed, if it was closed anew since step 1 (reopened
 *    and closed again: the counts of step 1 may no longer be the year's),
 *    or if a version of either audience was stored meanwhile (it was not
 *    protected against); else store the publication as the version after
 *    the ones protected against, and audit it. The
 *    database itself refuses the insert as well if the year is open, if the
 *    version is not the next one, or if the audit summary is not a pass
 *    (0027).
 *
 * A refused publication writes nothing but its audit row.
 */
import { randomUUID } from 'node:crypto';
import type { Kysely } from 'kysely';
import { audit } from '../../platform/audit/audit.ts';
import type { DB } from '../../platform/db/schema.ts';
import { withScope, type Tx } from '../../platform/db/tenant.ts';
import type { KeyRing } from '../../platform/security/keys.ts';
import { protectYear, type Seen, type StatisticsEngine } from './compute.ts';
import { INTERNAL_THRESHOLD, PUBLIC_THRESHOLD } from './engine/types.ts';
import { networkRows } from './queries/counts.ts';
import { ALSO_SEEN, insertPublication, seenOf, versionCount, type Audience } from './queries/publications.ts';
import { reportingYear, reportingYearLocked } from './queries/years.ts';
import { storedTables } from './stored.ts';

export const THRESHOLD: Record<Audience, number> = { public: PUBLIC_THRESHOLD, internal: INTERNAL_THRESHOLD };

export type PublishOutcome =
  | { kind: 'published'; id: string; version: number; suppressed: number }
  | { kind: 'refused'; reason: 'noYear' | 'yearOpen' | 'reopened' | 'empty' | 'concurrent' }
  | { kind: 'refused'; reason: 'auditFailed'; failing: number; threshold: number };

export type PublishRequest = {
  year: number;
  audience: Audience;
  /** Who publishes; null for the operator's command line. */
  actorId: string | null;
  now: Date;
};

const COORDINATION = { kind: 'coordination' } as const;

async function auditRefusal(trx: Tx, ring: KeyRing, req: PublishRequest, reason: string): Promise<void> {
  await audit(
    trx,
    ring,
    {
      event: 'statistics.publish_refused',
      actorId: req.actorId,
      centreId: null,
      objectType: 'reporting_year',
      objectId: String(req.year),
      details: { year: req.year, audience: req.audience, reason },
    },
    req.now,
  );
}

/** The SQLSTATE of a database error (PostgreSQL and PGlite both carry it). */
function sqlState(err: unknown): unknown {
  return typeof err === 'object' && err !== null ? (err as { code?: unknown }).code : undefined;
}

/** What the database's refusal of the insert means (0027), or undefined for any other error. */
function refusalOf(err: unknown): 'concurrent' | 'yearOpen' | undefined {
  // unique_violation: that version was stored first; check_violation: the year is no longer closed.
  if (sqlState(err) === '23505') return 'concurrent';
  if (sqlState(err) === '23514') return 'yearOpen';
  return undefined;
}

/**
 * Why the protected result of step 2 may not be stored any more, or
 * undefined: the year as step 1 saw it and what its readers had seen then,
 * against the year now (held until the transaction ends).
 */
async function staleness(
  trx: Tx,
  req: PublishRequest,
  then: { closedAt: Date | null; seen: Seen },
): Promise<'yearOpen' | 'reopened' | 'concurrent' | undefined> {
  const now = await reportingYearLocked(trx, req.year);
  if (!now || now.status !== 'closed') return 'yearOpen';
  if (now.closedAt?.getTime() !== then.closedAt?.getTime()) return 'reopened';
  if ((await versionCount(trx, req.year, req.audience)) !== then.seen.earlier.length) return 'concurrent';
  const other = ALSO_SEEN[req.audience];
  if (other && (await versionCount(trx, req.year, other)) !== then.seen.alsoSeen.length) return 'concurrent';
  return undefined;
}

export async function publishYear(
  db: Kysely<DB>,
  ring: KeyRing,
  engine: StatisticsEngine,
  req: PublishRequest,
): Promise<PublishOutcome> {
  const threshold = THRESHOLD[req.audience];
  const input = await withScope(db, COORDINATION, async (trx) => {
    const y = await reportingYear(trx, req.year);
    if (!y || y.status !== 'closed') {
      const reason = y ? ('yearOpen' as const) : ('noYear' as const);
      await auditRefusal(trx, ring, req, reason);
      return { kind: 'refused' as const, reason };
    }
    return {
      kind: 'ready' as const,
      closedAt: y.closedAt,
      seen: await seenOf(trx, req.year, req.audience),
      rows: await networkRows(trx, req.year),
    };
  });
  if (input.kind === 'refused') return input;

  const result = await protectYear(engine, input.rows, threshold, input.seen);
  if (result.kind !== 'passed') {
    const reason = result.kind === 'empty' ? 'empty' : 'auditFailed';
    await withScope(db, COORDINATION, (trx) => auditRefusal(trx, ring, req, reason));
    return result.kind === 'empty'
      ? { kind: 'refused', reason: 'empty' }
      : { kind: 'refused', reason: 'auditFailed', failing: result.failing, threshold };
  }

  const id = randomUUID();
  const version = input.seen.earlier.length + 1;
  try {
    const refused = await withScope(db, COORDINATION, async (trx) => {
      const reason = await staleness(trx, req, input);
      if (reason) {
        await auditRefusal(trx, ring, req, reason);
        return reason;
      }
      await insertPublication(trx, {
        id,
        year: req.year,
        audience: req.audience,
        version,
        threshold,
        tables: storedTables(result.protected),
        audit: result.summary,
        publishedBy: req.actorId,
        publishedAt: req.now,
      });
      await audit(
        trx,
        ring,
        {
          event: 'statistics.published_done',
          actorId: req.actorId,
          centreId: null,
          objectType: 'statistics_publication',
          objectId: id,
          details: {
            year: req.year,
            audience: req.audience,
            version,
            threshold,
            count: result.summary.suppressed,
          },
        },
        req.now,
      );
      return undefined;
    });
    if (refused) return { kind: 'refused', reason: refused };
  } catch (err) {
    const reason = refusalOf(err);
    if (!reason) throw err;
    await withScope(db, COORDINATION, (trx) => auditRefusal(trx, ring, req, reason));
    return { kind: 'refused', reason };
  }
  return { kind: 'published', id, version, suppressed: result.summary.suppressed };
}
