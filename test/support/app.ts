/** A fully wired app on a fresh test database, for fastify.inject tests. */
import { buildApp, type App } from '../../src/app.ts';
import { loadConfig, type Config } from '../../src/platform/config/index.ts';
import type { Database } from '../../src/platform/db/index.ts';
import { testDatabase } from './db.ts';

export type TestApp = { app: App; database: Database; config: Config; close(): Promise<void> };

export async function testApp(env: Record<string, string> = {}, opts: { logger?: object } = {}): Promise<TestApp> {
  const database = await testDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEARCH_INDEX_TTL_MS: '0', ...env });
  const app = await buildApp({ config, database, ...(opts.logger ? { logger: opts.logger } : {}) });
  await app.ready();
  return {
    app,
    database,
    config,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}
