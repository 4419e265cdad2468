/**
 * Builds the Fastify application from the kernel and the features' manifests.
 * Used by main.ts, the tests (through fastify.inject) and the benchmarks, so
 * all three exercise the same wiring. `FEATURES` is the one list of what the
 * platform consists of; each manifest (src/features/<name>/index.ts) says what
 * the feature brings: routes, message namespaces, staff menu links, actions.
 */
import compress from '@fastify/compress';
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import type { Config } from './platform/config/index.ts';
import type { Database } from './platform/db/index.ts';
import type { Feature } from './platform/feature.ts';
import { loadAssets, registerAssets, type Assets } from './platform/http/assets.ts';
import { registerErrorHandling } from './platform/http/errors.ts';
import { registerInputGuard } from './platform/http/input-guard.ts';
import { loggerOptions } from './platform/http/logging.ts';
import { registerSecurityHeaders } from './platform/http/security-headers.ts';
import { LOCALES, loadCatalogues, type LocaleInfo, type NamespaceCatalogue } from './platform/i18n/index.ts';
import { requestLocalePlugin, unknownLanguagePlugin } from './platform/i18n/request-locale.ts';
import { KERNEL_NAMESPACES } from './platform/messages.ts';
import { renderErrorPage } from './platform/layout/render-error.ts';
import { loadServerKeys, type ServerKeys } from './platform/security/server-keys.ts';
import { authPlugin } from './platform/auth/plugin.ts';
import { KERNEL_ACTIONS, PolicyRegistry } from './platform/auth/policy.ts';
import { staffMenu } from './platform/staff/menu.ts';
import { startPanels } from './platform/staff/start-panels.ts';
import { purgeExpiredSessionsJob } from './platform/auth/session-purge-job.ts';
import { retentionPurgeJob } from './platform/retention/purge-job.ts';
import type { JobDefinition } from './platform/jobs/runner.ts';
import { HelplineCache } from './platform/helplines/cache.ts';
import { OfficeContactCache } from './platform/office-contact/office-contact.ts';
import { DirectoryIndex } from './features/directory/directory-index.ts';
import { accountFeature } from './features/account/index.ts';
import { auditLogFeature } from './features/audit-log/index.ts';
import { authFeature } from './features/auth/index.ts';
import { caseRecordsFeature } from './features/case-records/index.ts';
import { centreEntryFeature } from './features/centre-entry/index.ts';
import { directoryFeature } from './features/directory/index.ts';
import { finderFeature } from './features/finder/index.ts';
import { healthFeature } from './features/health/index.ts';
import { helplinesFeature } from './features/helplines/index.ts';
import { indicatorsFeature } from './features/indicators/index.ts';
import { hsdsApiFeature } from './features/hsds-api/index.ts';
import { pagesFeature } from './features/pages/index.ts';
import { professionalsFeature } from './features/professionals/index.ts';
import { publicationsFeature } from './features/publications/index.ts';
import { entryReportsFeature } from './features/entry-reports/index.ts';
import { referralsFeature } from './features/referrals/index.ts';
import { recommendationsFeature } from './features/recommendations/index.ts';
import { reportingYearsFeature } from './features/reporting-years/index.ts';
import { projectsFeature } from './features/projects/index.ts';
import { statisticsFeature } from './features/statistics/index.ts';
import { reviewFeature } from './features/review/index.ts';
import { siteContentFeature } from './features/site-content/index.ts';
import { userAdminFeature } from './features/user-admin/index.ts';

/** Every feature, in the order its routes are registered. */
export const FEATURES: readonly Feature[] = [
  healthFeature,
  directoryFeature,
  finderFeature,
  pagesFeature,
  professionalsFeature,
  hsdsApiFeature,
  authFeature,
  centreEntryFeature,
  reviewFeature,
  helplinesFeature,
  indicatorsFeature,
  entryReportsFeature,
  referralsFeature,
  reportingYearsFeature,
  statisticsFeature,
  publicationsFeature,
  projectsFeature,
  recommendationsFeature,
  caseRecordsFeature,
  auditLogFeature,
  accountFeature,
  userAdminFeature,
  siteContentFeature,
];

/** The kernel's own scheduled jobs. */
const KERNEL_JOBS: readonly JobDefinition[] = [purgeExpiredSessionsJob, retentionPurgeJob];

/** Every scheduled job of the kernel and of `features`, for the server's runner and `schutznetz jobs`. */
export function scheduledJobs(features: readonly Feature[] = FEATURES): readonly JobDefinition[] {
  return [...KERNEL_JOBS, ...features.flatMap((f) => f.jobs ?? [])];
}

export type AppDeps = {
  config: Config;
  database: Database;
  /** Override the logger (tests capture log lines to check for personal data). */
  logger?: FastifyBaseLogger | boolean | object;
  assets?: Assets;
  /** Time source; tests pass a fake clock to exercise session timeouts. */
  clock?: Clock;
  keys?: ServerKeys;
  /** The features to wire (tests may add one); default FEATURES. */
  features?: readonly Feature[];
  /** The languages to offer; default LOCALES (German and English). */
  locales?: Readonly<Record<string, LocaleInfo>>;
};

export type Clock = { now(): Date };

declare module 'fastify' {
  interface FastifyInstance {
    config: Config;
    database: Database;
    clock: Clock;
    keys: ServerKeys;
    directory: DirectoryIndex;
  }
}

export type App = FastifyInstance;

/**
 * Load the message catalogues of the kernel and of `features` (default: all)
 * in `locales` (default: LOCALES). buildApp calls it once; so may tests that
 * render views without an app. Returns what was read (the completeness test
 * checks it).
 */
export function registerMessages(
  features: readonly Feature[] = FEATURES,
  locales: Readonly<Record<string, LocaleInfo>> = LOCALES,
): NamespaceCatalogue[] {
  return loadCatalogues([...KERNEL_NAMESPACES, ...features.flatMap((f) => f.messages ?? [])], locales);
}

export async function buildApp(deps: AppDeps): Promise<App> {
  const { config, database } = deps;
  const features = deps.features ?? FEATURES;
  const app = Fastify({
    logger: deps.logger ?? loggerOptions(config.logLevel),
    trustProxy: config.trustProxy,
    bodyLimit: 1024 * 1024,
    routerOptions: { ignoreTrailingSlash: true, maxParamLength: 200 },
  }) as unknown as App;

  registerMessages(features, deps.locales);
  app.decorate('config', config);
  app.decorate('database', database);
  app.decorate('clock', deps.clock ?? { now: () => new Date() });
  app.decorate('keys', deps.keys ?? loadServerKeys(config));
  app.decorate('policy', new PolicyRegistry([...KERNEL_ACTIONS, ...features.flatMap((f) => f.actions ?? [])]));
  app.decorate('staffMenu', staffMenu(features.flatMap((f) => f.staffLinks ?? [])));
  app.decorate('staffStartPanels', startPanels(features.flatMap((f) => f.startPanels ?? [])));

  const directory = new DirectoryIndex(database.db, config.searchIndexTtlMs);
  await directory.get();
  app.decorate('directory', directory);
  const helplines = new HelplineCache(database.db, config.searchIndexTtlMs);
  await helplines.get();
  app.decorate('helplines', helplines);
  // Every page's header and footer show the helplines and the office's
  // contact details: keep them fresh (a comparison while they are, one small
  // query when another instance's edit may have aged them) so that pages can
  // read them without waiting.
  const officeContact = new OfficeContactCache(database.db, config.searchIndexTtlMs);
  await officeContact.get();
  app.decorate('officeContact', officeContact);
  app.addHook('onRequest', async () => {
    await helplines.get();
    await officeContact.get();
  });

  const assets = deps.assets ?? loadAssets();
  app.decorate('platform', {
    assets,
    quickExitUrl: config.quickExitUrl,
    isDemo: () => directory.current()?.hasDemo ?? false,
  });

  // First, so every later hook, handler and error page knows the request's language.
  await app.register(requestLocalePlugin);
  registerSecurityHeaders(app);
  registerErrorHandling(app, renderErrorPage);
  registerInputGuard(app);
  await app.register(compress, { global: true, threshold: 1024, encodings: ['gzip', 'identity'] });
  // Before every route: it checks each route's access rule as it is added.
  await app.register(authPlugin);
  // After the authorisation hook, so an unknown language never reveals more than a refusal would.
  await app.register(unknownLanguagePlugin);
  registerAssets(app, assets);

  for (const f of features) if (f.routes) await app.register(f.routes);
  return app;
}
