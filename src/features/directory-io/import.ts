/**
 * Importing a directory file: parse, validate every row, and only if nothing
 * at all is wrong write all of it in one transaction. A half-imported
 * directory would show some centres with old data and others with new, and
 * nobody could tell which; so it is all or nothing.
 */
import type { Kysely, Transaction } from 'kysely';
import type { DB } from '../../platform/db/schema.ts';
import { withScope } from '../../platform/db/tenant.ts';
import type { DirectoryEntry } from '../directory/entry.ts';
import { deleteEntriesExcept, loadAllEntries, writeEntries } from '../directory/queries.ts';
import { sameEntry } from './canonical.ts';
import { csvField, parseCsv } from './csv.ts';
import type { FieldMapper } from './draft.ts';
import { hsdsField, parseHsdsJson } from './hsds-json.ts';
import { sortProblems, type ImportFormat, type ImportNote, type ImportProblem } from './problems.ts';
import { validateDrafts, type ValidatedFile } from './validate.ts';

export type ImportOptions = {
  format: ImportFormat;
  /** Delete every service that is not in the file. */
  replace?: boolean;
  /** Check and count, write nothing. */
  dryRun?: boolean;
};

type ImportCounts = { services: number; created: number; updated: number; unchanged: number; deleted: number };

export type ImportReport = {
  format: ImportFormat;
  /** No problems: the file was (or, in a dry run, would be) imported. */
  ok: boolean;
  written: boolean;
  problems: ImportProblem[];
  notes: ImportNote[];
  counts: ImportCounts;
};

const FIELD: Record<ImportFormat, FieldMapper> = { csv: csvField, hsds: hsdsField };

/** Parse and validate a file without touching the database. */
export function readDirectoryFile(text: string, format: ImportFormat): ValidatedFile {
  const parsed = format === 'csv' ? parseCsv(text) : parseHsdsJson(text);
  return validateDrafts(parsed, FIELD[format]);
}

/** Which format a file name suggests: .csv → csv, .json → hsds. */
export function formatFromFileName(name: string): ImportFormat | undefined {
  if (/\.csv$/i.test(name)) return 'csv';
  if (/\.json$/i.test(name)) return 'hsds';
  return undefined;
}

class RolledBack extends Error {
  constructor(readonly report: ImportReport) {
    super('rolled back');
  }
}

/**
 * Child rows (locations, phones, opening times) have ids of their own that
 * are unique across the directory. One the file gives to a different service
 * than the stored one that has it would take that row away from a service
 * the file does not even mention.
 */
function collisions(file: ValidatedFile['entries'], staying: DirectoryEntry[], field: FieldMapper): ImportProblem[] {
  const owner = new Map<string, DirectoryEntry>();
  for (const e of staying) {
    if (e.location) owner.set(`location:${e.location.id}`, e);
    for (const p of e.phones) owner.set(`phone:${p.id}`, e);
    for (const s of e.schedules) owner.set(`schedule:${s.id}`, e);
  }
  const problems: ImportProblem[] = [];
  const check = (row: number, key: string, id: string, path: PropertyKey[]) => {
    const o = owner.get(key);
    if (o)
      problems.push({
        row,
        field: field(path).field,
        reason: `${id} belongs to the stored service "${o.service.name}" (${o.service.id}), which is not in this file`,
      });
  };
  for (const { row, entry: e } of file) {
    if (e.location) check(row, `location:${e.location.id}`, e.location.id, ['location', 'id']);
    e.phones.forEach((p, i) => check(row, `phone:${p.id}`, p.id, ['phones', i, 'id']));
    e.schedules.forEach((s, i) => check(row, `schedule:${s.id}`, s.id, ['schedules', i, 'id']));
  }
  return problems;
}

async function apply(trx: Transaction<DB>, file: ValidatedFile, opts: ImportOptions): Promise<ImportReport> {
  const field = FIELD[opts.format];
  const existing = await loadAllEntries(trx);
  const stored = new Map(existing.map((e) => [e.service.id, e]));
  const inFile = new Set(file.entries.map((x) => x.entry.service.id));
  const leaving = opts.replace ? existing.filter((e) => !inFile.has(e.service.id)) : [];
  const staying = opts.replace ? [] : existing.filter((e) => !inFile.has(e.service.id));
  const changed = file.entries.filter(({ entry }) => {
    const old = stored.get(entry.service.id);
    return !old || !sameEntry(old, entry);
  });
  const created = changed.filter(({ entry }) => !stored.has(entry.service.id)).length;
  const counts: ImportCounts = {
    services: file.entries.length,
    created,
    updated: changed.length - created,
    unchanged: file.entries.length - changed.length,
    deleted: leaving.length,
  };
  const problems = sortProblems(collisions(file.entries, staying, field));
  const report: ImportReport = {
    format: opts.format,
    ok: problems.length === 0,
    written: false,
    problems,
    notes: file.notes,
    counts,
  };
  if (!report.ok || opts.dryRun) throw new RolledBack(report);
  // Delete first: ids of services that leave may be reused by the file.
  if (opts.replace) await deleteEntriesExcept(trx, [...inFile]);
  await writeEntries(
    trx,
    changed.map((x) => x.entry),
  );
  return { ...report, written: true };
}

/**
 * Import `text` (CSV or HSDS JSON). Writes only when every row is valid, all
 * in one transaction; otherwise returns every problem and writes nothing.
 * Unchanged entries are not rewritten, so a re-import of the same file does
 * not even bump the directory revision.
 */
export async function importDirectory(db: Kysely<DB>, text: string, opts: ImportOptions): Promise<ImportReport> {
  const file = readDirectoryFile(text, opts.format);
  const empty: ImportCounts = { services: file.entries.length, created: 0, updated: 0, unchanged: 0, deleted: 0 };
  if (file.problems.length > 0) {
    return {
      format: opts.format,
      ok: false,
      written: false,
      problems: file.problems,
      notes: file.notes,
      counts: empty,
    };
  }
  if (opts.replace && file.entries.length === 0) {
    const problems = [
      {
        row: opts.format === 'csv' ? 1 : 0,
        field: '(file)',
        reason: 'contains no services: refusing to replace the directory with nothing',
      },
    ];
    return { format: opts.format, ok: false, written: false, problems, notes: [], counts: empty };
  }
  try {
    // The operator's bulk write: the import scope may write every directory row (ADR 021).
    return await withScope(db, { kind: 'import' }, (trx) => apply(trx, file, opts));
  } catch (err) {
    if (err instanceof RolledBack) return err.report;
    throw err;
  }
}
