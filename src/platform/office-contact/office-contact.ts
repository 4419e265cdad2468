/**
 * The coordination office's contact details for the footer of every public
 * page: read like the helplines (a single small row held in memory,
 * reloaded at most every `ttlMs` and at once after this instance's own
 * save), written by the office's staff pages (src/features/site-content).
 * Without a saved row the footer shows no block rather than a placeholder.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../db/schema.ts';

export type OfficeContact = {
  name: string;
  addressLines: readonly string[];
  phone: string | null;
};

type Db = Kysely<DB> | Transaction<DB>;

/** The saved details, or null before the office saved any (the table is public: no scope needed). */
export async function readOfficeContact(db: Db): Promise<OfficeContact | null> {
  const r = await db.selectFrom('office_contact').select(['name', 'address_lines', 'phone']).executeTakeFirst();
  return r ? { name: r.name, addressLines: r.address_lines, phone: r.phone } : null;
}

/** Insert or replace the one row (the caller's scope must be the office's or an administrator's). */
export async function saveOfficeContact(
  trx: Db,
  contact: OfficeContact,
  by: { actorId: string | null; at: Date },
): Promise<void> {
  const values = {
    name: contact.name,
    address_lines: [...contact.addressLines],
    phone: contact.phone,
    updated_at: by.at,
    updated_by: by.actorId,
  };
  await trx
    .insertInto('office_contact')
    .values({ id: 1, ...values })
    .onConflict((oc) => oc.column('id').doUpdateSet(values))
    .execute();
}

export class OfficeContactCache {
  #value: OfficeContact | null = null;
  #loadedAt = -Infinity;
  #pending: Promise<OfficeContact | null> | undefined;

  constructor(
    private readonly db: Kysely<DB>,
    private readonly ttlMs: number,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** The current details, reloading first when they are older than the freshness window. */
  async get(): Promise<OfficeContact | null> {
    if (this.now() - this.#loadedAt < this.ttlMs) return this.#value;
    this.#pending ??= readOfficeContact(this.db)
      .then((v) => {
        this.#value = v;
        this.#loadedAt = this.now();
        return v;
      })
      .finally(() => {
        this.#pending = undefined;
      });
    return this.#pending;
  }

  /** The last loaded details without any I/O. */
  current(): OfficeContact | null {
    return this.#value;
  }

  /** The next get() reloads. Call after own writes. */
  invalidate(): void {
    this.#loadedAt = -Infinity;
  }
}

declare module 'fastify' {
  interface FastifyInstance {
    /** The office's contact details for the public footer (app.ts loads them at start-up). */
    officeContact: OfficeContactCache;
  }
}
