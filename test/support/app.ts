/** A fully wired app on a fresh test database, for fastify.inject tests. */
import { afterAll, beforeAll } from 'vitest';
import { buildApp, scheduledJobs, type App, type AppDeps, type Clock } from '../../src/app.ts';
import { createJobRunner, type JobRunner, type JobRunnerDeps } from '../../src/platform/jobs/runner.ts';
import { loadConfig, type Config } from '../../src/platform/config/index.ts';
import type { Database } from '../../src/platform/db/index.ts';
import { testDatabase } from './db.ts';

/** Fixed test keys (never used outside tests): 32 bytes each, base64. */
export const TEST_KEYS = {
  SERVER_KEYS: `t1:${Buffer.alloc(32, 1).toString('base64')}`,
  AUDIT_KEYS: `t1:${Buffer.alloc(32, 2).toString('base64')}`,
  ENCRYPTION_KEYS: `t1:${Buffer.alloc(32, 3).toString('base64')}`,
};

export type TestApp = { app: App; database: Database; config: Config; close(): Promise<void> };

export async function testApp(
  env: Record<string, string> = {},
  opts: {
    logger?: object;
    clock?: Clock;
    locales?: AppDeps['locales'];
    features?: AppDeps['features'];
    beforeReady?: (app: App) => void;
  } = {},
): Promise<TestApp> {
  const database = await testDatabase();
  const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEARCH_INDEX_TTL_MS: '0', ...TEST_KEYS, ...env });
  const app = await buildApp({
    config,
    database,
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(opts.locales ? { locales: opts.locales } : {}),
    ...(opts.features ? { features: opts.features } : {}),
  });
  opts.beforeReady?.(app);
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

/**
 * The app of one test file: built before its first test and closed after
 * its last (the hooks are registered by this call, at the top of the file).
 * The returned object reads through to the app once it is built.
 */
export function appForFile(
  env: Record<string, string> = {},
  opts: Parameters<typeof testApp>[1] = {},
): Omit<TestApp, 'close'> {
  let built: TestApp | undefined;
  beforeAll(async () => {
    built = await testApp(env, opts);
  });
  afterAll(() => built?.close());
  const current = (): TestApp => {
    if (!built) throw new Error('the app is built in beforeAll: use it in a hook or a test');
    return built;
  };
  return {
    get app() {
      return current().app;
    },
    get database() {
      return current().database;
    },
    get config() {
      return current().config;
    },
  };
}

/**
 * A job runner on the app's database, keys, configuration and logger, driven
 * by `clock` (a fake one in tests): what the server runs, without its timer.
 * `jobs` defaults to every feature's scheduled jobs; `extra` overrides any
 * other dependency (another configuration, an instance name).
 */
export function jobRunnerFor(
  app: App,
  clock: JobRunnerDeps['clock'],
  jobs: JobRunnerDeps['jobs'] = scheduledJobs(),
  extra: Partial<JobRunnerDeps> = {},
): JobRunner {
  return createJobRunner({
    db: app.database.db,
    clock,
    keys: app.keys,
    config: app.config,
    logger: app.log,
    jobs,
    ...extra,
  });
}
