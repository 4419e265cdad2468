/**
 * What a parser hands to validation: drafts shaped like a DirectoryEntry but
 * with unchecked values, each with the row it came from, plus the problems
 * the parser found itself (syntax, header, cell format).
 */
import type { ImportProblem } from './problems.ts';

/** A DirectoryEntry-shaped object whose values are not checked yet. */
export type Draft = {
  organization: Record<string, unknown>;
  service: Record<string, unknown>;
  location: (Record<string, unknown> & { address: Record<string, unknown> }) | null;
  phones: unknown;
  languages: unknown;
  schedules: unknown;
  areas: unknown;
  targetGroups: unknown;
  exploitation: unknown;
  accessibility: unknown;
};

export type ParsedFile = { drafts: { row: number; draft: Draft }[]; problems: ImportProblem[] };

/** Maps a draft path (as zod reports it) to the field name of the file format, and a prefix for the reason. */
export type FieldMapper = (path: readonly PropertyKey[]) => { field: string; prefix: string };
