/**
 * Reading the audit log for the web page. Every function runs inside the
 * reader's `withScope` transaction: row-level security limits a centre lead
 * to their centre's chain and to the accounts of their centre, so the
 * display names joined here are exactly the ones the reader may see.
 */
import { sql } from 'kysely';
import { NETWORK_CHAIN } from '../../platform/audit/entry.ts';
import type { Tx } from '../../platform/db/tenant.ts';
import { berlinDayEnd, berlinDayStart, type AuditQuery, type Cursor } from './filters.ts';

const PAGE_SIZE = 50;

export type AuditRow = {
  chain: string;
  seq: number;
  centreId: string | null;
  at: Date;
  actorId: string | null;
  /** Null when there is no actor or the account is outside the reader's scope. */
  actorName: string | null;
  event: string;
  objectType: string | null;
  objectId: string | null;
  details: unknown;
};

export type AuditPageData = { rows: AuditRow[]; next: Cursor | null };

/** One page of entries, newest first, matching the filters. */
export async function auditPage(trx: Tx, q: AuditQuery): Promise<AuditPageData> {
  let query = trx
    .selectFrom('audit_log as l')
    .leftJoin('app_user as u', 'u.id', 'l.actor_id')
    .select([
      'l.chain',
      'l.seq',
      'l.centre_id',
      'l.at',
      'l.actor_id',
      'u.display_name',
      'l.event',
      'l.object_type',
      'l.object_id',
      'l.details',
    ]);
  if (q.chain) {
    // The centre column says the same as the chain; filtering on it too lets
    // PostgreSQL walk the (centre_id, at) index newest first.
    const centreId = q.chain === NETWORK_CHAIN ? null : q.chain;
    query = query.where('l.chain', '=', q.chain).where('l.centre_id', centreId === null ? 'is' : '=', centreId);
  }
  if (q.actor) query = query.where('l.actor_id', '=', q.actor);
  if (q.event) query = query.where('l.event', '=', q.event);
  if (q.from) query = query.where('l.at', '>=', berlinDayStart(q.from));
  if (q.to) query = query.where('l.at', '<', berlinDayEnd(q.to));
  if (q.before) {
    const b = q.before;
    query = query.where(sql<boolean>`(l.at, l.chain, l.seq) < (${b.at}, ${b.chain}, ${b.seq})`);
  }
  const found = await query
    .orderBy('l.at', 'desc')
    .orderBy('l.chain', 'desc')
    .orderBy('l.seq', 'desc')
    .limit(PAGE_SIZE + 1)
    .execute();
  const rows = found.slice(0, PAGE_SIZE).map((r): AuditRow => ({
    chain: r.chain,
    seq: Number(r.seq),
    centreId: r.centre_id,
    at: r.at,
    actorId: r.actor_id,
    actorName: r.display_name,
    event: r.event,
    objectType: r.object_type,
    objectId: r.object_id,
    details: r.details,
  }));
  const last = rows.at(-1);
  return { rows, next: found.length > PAGE_SIZE && last ? { at: last.at, chain: last.chain, seq: last.seq } : null };
}

export type Option = { id: string; name: string };

/** The people the reader may filter by: the accounts visible in scope. */
export function visiblePeople(trx: Tx): Promise<Option[]> {
  return trx
    .selectFrom('app_user')
    .select(['id', 'display_name as name'])
    .orderBy('display_name')
    .orderBy('id')
    .execute();
}

/** The centres visible in scope (every centre for network roles). */
export function visibleCentres(trx: Tx): Promise<Option[]> {
  return trx.selectFrom('centre').select(['id', 'name']).orderBy('name').orderBy('id').execute();
}
