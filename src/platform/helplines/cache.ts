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
import { allHelplines } from './queries.ts';

export class HelplineCache {
  #list: readonly Helpline[] | undefined;
  #loadedAt = -Infinity;
  #pending: Promise<readonly Helpline[]> | undefined;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly ttlMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The current list, reloading first when it is older than the freshness window. */
  async get(): Promise<readonly Helpline[]> {
    if (this.#list && this.now() - this.#loadedAt < this.ttlMs) return this.#list;
    // Concurrent requests share one load instead of each querying.
    this.#pending ??= this.#load().finally(() => {
      this.#pending = undefined;
    });
    return this.#pending;
  }

  /** The last loaded list without any I/O (empty before the first load). */
  current(): readonly Helpline[] {
    return this.#list ?? [];
  }

  /** Forget the freshness window: the next get() reloads. Call after own writes. */
  invalidate(): void {
    this.#loadedAt = -Infinity;
  }

  async #load(): Promise<readonly Helpline[]> {
    const list = Object.freeze(await allHelplines(this.db));
    this.#list = list;
    this.#loadedAt = this.now();
    return list;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The helplines for the public pages (app.ts loads them at start-up). */
    helplines: HelplineCache;
  }
}
