/**
 * `npm start`: validate configuration, open the database (embedded PGlite by
 * default, PostgreSQL with DATABASE_URL), apply migrations (or, with
 * MIGRATE_ON_START=false, only check that none is pending), load demo content
 * where wanted, serve, run the scheduled jobs, and shut down cleanly on
 * SIGINT/SIGTERM.
 */
import { buildApp, scheduledJobs } from './app.ts';
import { ConfigError, loadConfig } from './platform/config/index.ts';
import { openDatabase } from './platform/db/index.ts';
import { DataDirLockedError } from './platform/db/embedded.ts';
import { MigrationPermissionError, migrateOrCheck, PendingMigrationsError } from './platform/db/migrate.ts';
import { DemoContentNeedsOwnerError, seedDemoIfWanted } from './features/demo/seed.ts';
import { loadPlaceTables } from './features/geo/postcodes.ts';
import { ADMIN_PASSKEY_NOTE, demoAdminSetupLink } from './features/user-admin/demo-admin.ts';
import { createJobRunner } from './platform/jobs/runner.ts';
import { KeyRingError } from './platform/security/keys.ts';
import { MissingKeysError, openServerKeys, type KeySource } from './platform/security/server-keys.ts';

/** The start-up line about the keys: where they came from, and a warning when the demo made them. */
function keysLine(source: KeySource): string[] {
  if (source.from === 'environment') return ['  Keys: from the environment'];
  if (!source.created) return [`  Keys: key files in ${source.dir}`];
  return [
    `  Keys: CREATED just now in ${source.dir} — the embedded demo's own keys, beside its data folder.`,
    '  Fine for trying things out; for real data use keys from the environment (docs/security.md, section 11).',
  ];
}

async function main(): Promise<void> {
  const started = performance.now();
  const config = loadConfig();
  // Before the database is opened: a start without keys changes nothing.
  const { keys, source } = openServerKeys(config);
  const database = await openDatabase(
    config.database.kind === 'pglite' ? { ...config.database, fromSnapshot: true } : config.database,
  );
  await migrateOrCheck(database.db, config.migrateOnStart);
  let publishDemo: (() => Promise<void>) | undefined;
  const seeded = await seedDemoIfWanted(database, config.demoContent, {
    auditRing: keys.audit,
    deferPublishing: (task) => (publishDemo = task),
  });
  const app = await buildApp({ config, database, keys });
  const jobs = createJobRunner({
    db: database.db,
    clock: app.clock,
    keys: app.keys,
    config,
    logger: app.log.child({ component: 'jobs' }),
    jobs: scheduledJobs(),
  });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    app.log.info({ signal }, 'shutting down');
    // Stop accepting, let in-flight requests and a running job finish, then
    // release the database (for PGlite: flush and unlock the data folder). A
    // job cut off by the deadline keeps its lease until another instance, or
    // this one after a restart, takes it over.
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    try {
      await Promise.all([app.close(), jobs.stop()]);
      await database.close();
    } finally {
      process.exit(0);
    }
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  // Before the first request, so no search waits for the place index to be built.
  loadPlaceTables();
  await app.listen({ host: config.host, port: config.port });
  jobs.start();
  // The demo's statistics are published after the first answer is possible: a fresh start stays quick.
  if (publishDemo)
    void publishDemo().then(
      () => app.log.info('demo statistics published'),
      (err: unknown) => app.log.error({ err }, 'publishing the demo statistics failed'),
    );
  const address = `http://${config.host.includes(':') ? `[${config.host}]` : config.host}:${config.port}`;
  const where =
    config.database.kind === 'pglite' ? `embedded database in ${config.database.dataDir}` : 'PostgreSQL (DATABASE_URL)';
  const lines = [
    '',
    `  Schutznetz is running: ${config.host === '127.0.0.1' ? `http://localhost:${config.port}` : address}`,
    `  Database: ${where}`,
    ...keysLine(source),
    `  Ready in ${Math.round(performance.now() - started)} ms`,
  ];
  if (app.platform.isDemo()) {
    lines.push(
      '',
      `  DEMO CONTENT${seeded ? ' (just loaded)' : ''}: the counselling centres shown are fictional examples.`,
      '  Every page says so in a banner. Remove them with: npm run cli -- directory clear-demo',
    );
    // Only on the embedded database, and only while no administrator exists.
    const link = await demoAdminSetupLink(app);
    if (link)
      lines.push('', `  Demo administrator, one-time setup link: ${link}`, ...ADMIN_PASSKEY_NOTE.map((l) => `  ${l}`));
  }
  process.stdout.write(`${lines.join('\n')}\n\n`);
}

main().catch((err: unknown) => {
  const explained = [
    ConfigError,
    MissingKeysError,
    KeyRingError,
    DataDirLockedError,
    PendingMigrationsError,
    MigrationPermissionError,
    DemoContentNeedsOwnerError,
  ];
  if (explained.some((kind) => err instanceof kind)) {
    process.stderr.write(`\n${(err as Error).message}\n\n`);
  } else {
    process.stderr.write(`\nSchutznetz could not start: ${err instanceof Error ? err.message : String(err)}\n\n`);
  }
  process.exit(1);
});
