/**
 * The coordination office's contact details for the footer of every public
 * page: read like the helplines (a single small row held in memory,
 * reloaded at most every `ttlMs` and at once after this instance's own
 * save), written by the office's staff pages (src/features/site-content).
 * Without a saved row the footer shows no block rather than a placeholder.
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import { RefreshingValue } from '../http/refreshing.ts';
import { readOfficeContact, type OfficeContact } from './queries.ts';

export type { OfficeContact } from './queries.ts';

export class OfficeContactCache extends RefreshingValue<OfficeContact | null> {
  constructor(db: Kysely<DB>, ttlMs: number, now?: () => number) {
    super(() => readOfficeContact(db), null, ttlMs, now);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The office's contact details for the public footer (app.ts loads them at start-up). */
    officeContact: OfficeContactCache;
  }
}
