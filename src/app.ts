/**
 * Builds the Fastify application from its parts. Used by main.ts, the tests
 * (through fastify.inject) and the benchmarks, so all three exercise the same
 * wiring.
 */
import compress from '@fastify/compress';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Config } from './platform/config/index.ts';
import type { Database } from './platform/db/index.ts';
import { loadAssets, registerAssets, type Assets } from './platform/http/assets.ts';
import { registerErrorHandling } from './platform/http/errors.ts';
import { registerInputGuard } from './platform/http/input-guard.ts';
import { loggerOptions } from './platform/http/logging.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { addMessages } from './platform/i18n/index.ts';
import { pageContext } from './platform/layout/context.ts';
import { ErrorPage } from './platform/layout/ErrorPage.tsx';
import { layoutMessages } from './platform/layout/messages.ts';
import { renderDocument } from './platform/layout/render.ts';
import { loadServerKeys, type ServerKeys } from './platform/security/server-keys.ts';
import { DirectoryIndex } from './features/directory/directory-index.ts';
import { finderRoutes } from './features/finder/routes.ts';
import { healthRoutes } from './features/health/routes.ts';
import { hsdsRoutes } from './features/hsds-api/routes.ts';
import { pagesRoutes } from './features/pages/routes.ts';
import { authPlugin } from './platform/auth/plugin.ts';
import { authRoutes } from './features/auth/routes.ts';
import { centreEntryRoutes } from './features/centre-entry/routes.ts';
import { reviewRoutes } from './features/review/routes.ts';
import { auditLogRoutes } from './features/audit-log/routes.ts';
import { accountRoutes } from './features/account/routes.ts';
import { userAdminRoutes } from './features/user-admin/routes.ts';

export type AppDeps = {
  config: Config;
  database: Database;
  /** Override the logger (tests capture log lines to check for personal data). */
  logger?: Fastify.FastifyBaseLogger | boolean | object;
  assets?: Assets;
  /** Time source; tests pass a fake clock to exercise session timeouts. */
  clock?: Clock;
  keys?: ServerKeys;
};

export type Clock = { now(): Date };

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    clock: Clock;
    keys: ServerKeys;
  }
}

export type App = FastifyInstance & { directory: DirectoryIndex };

addMessages('layout', layoutMessages);

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database } = deps;
  const app = Fastify({
    logger: deps.logger ?? loggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }) as unknown as App;

  app.decorate('config', config);
  app.decorate('database', database);
  app.decorate('clock', deps.clock ?? { now: () => new Date() });
  app.decorate('keys', deps.keys ?? loadServerKeys(config));

  const directory = new DirectoryIndex(database.db, config.searchIndexTtlMs);
  await directory.get();
  app.decorate('directory', directory);

  const assets = deps.assets ?? loadAssets();
  app.decorate('platform', {
    assets,
    quickExitUrl: config.quickExitUrl,
    isDemo: () => directory.current()?.hasDemo ?? false,
  });

  registerSecurityHeaders(app);
  registerErrorHandling(app, (req, locale, status, message) =>
    renderDocument(ErrorPage({ ctx: pageContext(req, locale), status, message })),
  );
  registerInputGuard(app);
  await app.register(compress, { global: true, threshold: 1024, encodings: ['gzip', 'identity'] });
  // Before every route: it checks each route's access rule as it is added.
  await app.register(authPlugin);
  registerAssets(app, assets);

  await app.register(healthRoutes, { database });
  await app.register(finderRoutes, { directory });
  await app.register(pagesRoutes);
  await app.register(hsdsRoutes, { directory, config });
  await app.register(authRoutes);
  await app.register(centreEntryRoutes, { directory });
  await app.register(reviewRoutes, { directory });
  await app.register(auditLogRoutes);
  await app.register(accountRoutes);
  await app.register(userAdminRoutes);
  return app;
}
