import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Database } from '../../platform/db/index.ts';
import { testDatabase } from '../../../test/support/db.ts';
import { CATALOGUE_TAXONOMIES, CATALOGUE_TERMS } from './catalogue.ts';

let database: Database;
beforeAll(async () => {
  database = await testDatabase();
});
afterAll(() => database.close());

it('matches the taxonomy and taxonomy_term tables exactly', async () => {
  const taxonomies = await database.db.selectFrom('taxonomy').selectAll().orderBy('id').execute();
  expect(taxonomies).toEqual(
    [...CATALOGUE_TAXONOMIES].sort((a, b) => a.id.localeCompare(b.id)).map(({ key: _key, ...t }) => t),
  );
  const terms = await database.db.selectFrom('taxonomy_term').selectAll().orderBy('id').execute();
  expect(terms).toEqual(
    [...CATALOGUE_TERMS].sort((a, b) => a.id.localeCompare(b.id)).map(({ taxonomy: _t, ...t }) => t),
  );
});
