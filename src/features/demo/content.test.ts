import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from '../../platform/db/index.ts';
import { withScope } from '../../platform/db/tenant.ts';
import { PAGE_KEYS, publicNews, publicPage } from '../site-content/queries.ts';
import { seedDemoIfWanted } from './seed.ts';

const NOW = new Date('2026-05-04T10:00:00Z');
const FAR = new Date('2100-01-01T00:00:00Z');
let d: Database;
beforeAll(async () => {
  d = await testDatabase();
  await seedDemoIfWanted(d, 'always', { now: NOW });
  // Again: the content is written once, the second run changes nothing.
  await seedDemoIfWanted(d, 'always', { now: NOW });
}, 120_000);
afterAll(() => d.close());

describe('the demo site content', () => {
  it('publishes news in several categories and keeps the scheduled one hidden until its day', async () => {
    // The test database may hold the demo from its own build: take the times from the rows.
    const scheduled = await withScope(d.db, { kind: 'admin' }, (trx) =>
      trx
        .selectFrom('news_post')
        .select('publish_at')
        .where('id', '=', '5e0c7a10-0000-4000-8000-000000000005')
        .executeTakeFirstOrThrow(),
    );
    const day = new Date(scheduled.publish_at!);
    const news = (at: Date) =>
      withScope(d.db, { kind: 'auth' }, (trx) => publicNews(trx, at, { limit: 50, offset: 0 }));
    const before = await news(new Date(day.getTime() - 1));
    expect(before.total).toBe(4);
    expect(before.posts.map((p) => p.slug)).not.toContain('jahresbericht-vorschau');
    expect(new Set(before.posts.map((p) => p.category)).size).toBeGreaterThanOrEqual(3);
    expect((await news(day)).total).toBe(5);
  });

  it('fills every office page, the legal notice marked as demo data', async () => {
    for (const key of PAGE_KEYS) {
      const page = await withScope(d.db, { kind: 'auth' }, (trx) => publicPage(trx, key, 'de', FAR));
      expect(page, key).not.toBeNull();
    }
    const imprint = await withScope(d.db, { kind: 'auth' }, (trx) => publicPage(trx, 'imprint', 'de', FAR));
    expect(imprint!.body).toContain('Demo-Daten');
    const revisions = await withScope(d.db, { kind: 'admin' }, (trx) =>
      trx.selectFrom('office_page_revision').select('id').execute(),
    );
    expect(revisions).toHaveLength(7);
  });
});
