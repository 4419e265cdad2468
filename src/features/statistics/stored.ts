/**
 * What a publication stores (migrations/0027): the catalogue's tables as
 * published — each table's cells, a count or null for a value kept secret —
 * and a summary of the audit. Never the reason a cell was suppressed, nor
 * the "all X are Y" lines the engine found: both say more than the tables
 * (a "primary" cell is small). Checked by one schema on write and on read.
 */
import { z } from 'zod';
import { CATALOGUE, cellsOfTable } from './engine/catalogue.ts';
import type { CellKey, ProtectedCatalogue } from './engine/types.ts';
import type { Cells } from './present.ts';

/** The catalogue's version the stored tables follow (bump when table ids or categories change). */
export const CATALOGUE_VERSION = 'catalogue-1';

const cellsSchema = z.record(z.string().min(1).max(200), z.number().int().min(0).nullable());

const storedTablesSchema = z.array(z.strictObject({ id: z.string().min(1).max(200), cells: cellsSchema })).max(500);

export type StoredTables = z.infer<typeof storedTablesSchema>;

const auditSummarySchema = z.strictObject({
  ok: z.literal(true),
  threshold: z.number().int().positive(),
  /** How many cells are kept secret. */
  suppressed: z.number().int().min(0),
  /** The narrowest range any secret cell (or the rest of an "all X are Y" line) can be pinned down to; null when none. */
  narrowest: z.number().min(0).nullable(),
  /** The solver that computed the ranges. */
  solver: z.string().min(1).max(40),
});

export type AuditSummary = z.infer<typeof auditSummarySchema>;

/** The stored tables of a protected catalogue: every table of the catalogue with its cells. */
export function storedTables(p: ProtectedCatalogue): StoredTables {
  return CATALOGUE.map((spec) => ({
    id: spec.id,
    cells: Object.fromEntries(
      cellsOfTable(spec).map((k) => {
        const c = p.cells[k];
        if (!c) throw new Error(`the protected catalogue lacks the cell ${k}`);
        return [k, c.status === 'published' ? c.value : null];
      }),
    ),
  }));
}

/** Every cell of stored tables once (a margin stands in several tables with one value). */
export function cellsOf(tables: StoredTables): Cells {
  const out: Record<CellKey, number | null> = {};
  for (const t of tables) Object.assign(out, t.cells);
  return out;
}

/** All cells of a protected catalogue: the published value, null where suppressed. */
export function publishedCells(p: ProtectedCatalogue): Cells {
  return Object.fromEntries(Object.entries(p.cells).map(([k, c]) => [k, c.status === 'published' ? c.value : null]));
}

/** Stored tables as read back from the database (refuses anything else). */
export function parseStoredTables(value: unknown): StoredTables {
  return storedTablesSchema.parse(value);
}

export function parseAuditSummary(value: unknown): AuditSummary {
  return auditSummarySchema.parse(value);
}
