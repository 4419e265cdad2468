/**
 * The helplines held in memory: every public page shows them, so reading the
 * table per request would put the database in the path of every page. The
 * list is a handful of rows, reloaded whole at most every `ttlMs` (other
 * instances' edits show within that time) and at once after this instance's
 * own edits (`invalidate`), like the directory index (ADR 004, ADR 024).
 */
import type { Kysely } from 'kysely';
import type { DB } from '../db/schema.ts';
import type { Helpline } from './helplines.ts';
import { RefreshingValue } from '../http/refreshing.ts';
import { allHelplines } from './queries.ts';

export class HelplineCache extends RefreshingValue<readonly Helpline[]> {
  constructor(db: Kysely<DB>, ttlMs: number, now?: () => number) {
    super(async () => Object.freeze(await allHelplines(db)), [], ttlMs, now);
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The helplines for the public pages (app.ts loads them at start-up). */
    helplines: HelplineCache;
  }
}
