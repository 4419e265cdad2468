/**
 * The demo's recommendations: several published ones with both status
 * tracks, sources, evidence and history, one merged pair and one draft,
 * all visible as the public pages read them; seeding twice adds nothing.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../platform/db/index.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { filtered } from '../recommendations/present.ts';
import { allRecommendations } from '../recommendations/queries.ts';
import { currentOf } from '../recommendations/status.ts';
import { writeDemoRecommendations } from './recommendations.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
  const now = new Date('2026-12-07T10:00:00Z');
  for (let i = 0; i < 2; i++)
    await database.db.transaction().execute((trx) => writeDemoRecommendations(trx, now, 2025));
});
afterAll(() => database.close());

describe('the demo recommendations', () => {
  it('shows several published ones with both statuses, sources, evidence and history; a merged pair; a draft', async () => {
    const seen = await withScope(database.db, { kind: 'auth' }, (trx) => allRecommendations(trx));
    const list = filtered(seen, {});
    expect(list.length).toBeGreaterThanOrEqual(5);
    const full = list.filter(
      (r) =>
        currentOf(r.statuses, 'addressee') &&
        currentOf(r.statuses, 'assessment') &&
        r.evidence.length > 0 &&
        r.statuses.length >= 3,
    );
    expect(full.length).toBeGreaterThanOrEqual(3);
    const merged = seen.filter((r) => r.mergedInto !== null);
    expect(merged).toHaveLength(1);
    const kept = seen.find((r) => r.id === merged[0]!.mergedInto)!;
    expect(new Set(kept.sources.map((s) => s.strength))).toEqual(new Set(['urge', 'invite', 'consider']));
    expect(list.some((r) => r.evidence.some((e) => e.kind === 'statistics_table' && e.statisticsYear === 2025))).toBe(
      true,
    );
    // The draft is not public, but the office has it.
    const office = await withScope(database.db, { kind: 'coordination' }, (trx) => allRecommendations(trx));
    expect(office.length).toBe(seen.length + 1);
    expect(office.length).toBe(7);
  });
});
