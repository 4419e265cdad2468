/**
 * The vocabulary and the database agree (migrations/0034): every list is
 * exactly the codes its CHECK constraint allows, in the same order; and the
 * current status of a track is its latest entry.
 */
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../platform/db/index.ts';
import { currentOf, daysSince, type StatusEntry } from './status.ts';
import {
  ADDRESSEE_KINDS,
  ADDRESSEE_STATUSES,
  AFFECTED_GROUPS,
  ASSESSMENT_STATUSES,
  EVIDENCE_KINDS,
  SOURCE_KINDS,
  STRENGTHS,
  THEMES,
  TRACKS,
} from './vocabulary.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

/** The quoted codes of the named table's CHECK constraint(s) on `column` (or of the named constraint). */
async function codesOf(table: string, column: string, constraint?: string): Promise<string[]> {
  const r = await sql<{ def: string; name: string }>`
    SELECT pg_get_constraintdef(c.oid) AS def, c.conname AS name FROM pg_constraint c
    JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey)
    WHERE c.conrelid = ${table}::regclass AND c.contype = 'c' AND a.attname = ${column}`.execute(database.db);
  const defs = r.rows.filter((x) => (constraint ? x.name === constraint : !/length|~/.test(x.def)));
  expect(defs, `${table}.${column}`).toHaveLength(1);
  return [...defs[0]!.def.matchAll(/'([^']+)'::text/g)]
    .map((m) => m[1]!)
    .filter((c) => !TRACKS.includes(c as never) || column === 'track');
}

describe('the vocabulary matches the database', () => {
  it('every list, in the same order', async () => {
    expect(await codesOf('recommendation', 'addressee_kind')).toEqual([...ADDRESSEE_KINDS]);
    expect(await codesOf('recommendation', 'themes')).toEqual([...THEMES]);
    expect(await codesOf('recommendation', 'affected_groups')).toEqual([...AFFECTED_GROUPS]);
    expect(await codesOf('recommendation_source', 'source_kind')).toEqual([...SOURCE_KINDS]);
    expect(await codesOf('recommendation_source', 'strength')).toEqual([...STRENGTHS]);
    expect(await codesOf('recommendation_status', 'track', 'recommendation_status_track_check')).toEqual([...TRACKS]);
    expect(await codesOf('recommendation_status', 'status', 'recommendation_status_addressee')).toEqual([
      ...ADDRESSEE_STATUSES,
    ]);
    expect(await codesOf('recommendation_status', 'status', 'recommendation_status_assessment')).toEqual([
      ...ASSESSMENT_STATUSES,
    ]);
    expect(await codesOf('recommendation_evidence', 'kind', 'recommendation_evidence_kind_check')).toEqual([
      ...EVIDENCE_KINDS,
    ]);
  });
});

const entry = (
  track: 'addressee' | 'assessment',
  status: string,
  statedOn: string,
  recordedAt: string,
): StatusEntry => ({
  id: `${track}-${status}-${recordedAt}`,
  track,
  status,
  statedOn,
  source: 'x',
  url: null,
  note: '',
  recordedAt: new Date(recordedAt),
});

describe('the current status of a track', () => {
  it('is the entry stated last, whatever order they were recorded in', () => {
    const h = [
      entry('assessment', 'partly', '2026-02-01', '2026-02-02T10:00:00Z'),
      // Recorded later, but stated earlier: a letter filed late does not overturn a newer assessment.
      entry('assessment', 'not_started', '2025-05-01', '2026-03-01T10:00:00Z'),
      entry('addressee', 'announced', '2026-01-10', '2026-01-11T10:00:00Z'),
    ];
    expect(currentOf(h, 'assessment')?.status).toBe('partly');
    expect(currentOf(h, 'addressee')?.status).toBe('announced');
  });

  it('of two stated the same day, is the one recorded last (a correction)', () => {
    const h = [
      entry('assessment', 'implemented', '2026-02-01', '2026-02-01T09:00:00Z'),
      entry('assessment', 'partly', '2026-02-01', '2026-02-01T15:00:00Z'),
    ];
    expect(currentOf(h, 'assessment')?.status).toBe('partly');
  });

  it('is nothing for a track without entries', () => {
    expect(currentOf([entry('addressee', 'no_response', '2026-01-01', '2026-01-01T00:00:00Z')], 'assessment')).toBe(
      undefined,
    );
    expect(daysSince('2026-01-01', '2026-03-01')).toBe(59);
  });
});
