/**
 * `schutznetz migrate`: the operator's half of start-up. Applies the pending
 * migrations as the owner role, so the application itself can log in as the
 * restricted role with MIGRATE_ON_START=false (docs/security.md, section 9).
 */
import { loadConfig, type Config } from '../../platform/config/index.ts';
import type { KeyRing } from '../../platform/security/keys.ts';
import { MissingKeysError, openServerKeys } from '../../platform/security/server-keys.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { seedDemoIfWanted } from '../../features/demo/seed.ts';
import { withDatabase } from '../database.ts';
import { EXIT, UsageError, type Command } from '../types.ts';

/** The audit ring when the installation has keys; null when it has none yet (the migration needs none). */
function demoAuditRing(config: Config): KeyRing | null {
  try {
    return openServerKeys(config).keys.audit;
  } catch (err) {
    if (err instanceof MissingKeysError) return null;
    throw err;
  }
}

export const migrateCommand: Command = {
  name: 'migrate',
  summary: 'Apply pending database migrations (as the owner role)',
  usage: '',
  help: [
    '  Applies the migrations of this version that the database lacks, each in its own transaction,',
    '  under a lock (running it twice, or next to a starting server, is safe). Run it with a',
    '  DATABASE_URL that logs in as the owner role before starting a new version whose',
    '  instances run as schutznetz_app with MIGRATE_ON_START=false.',
    '  With DEMO_CONTENT=true it then loads the demo content, which also needs the owner.',
  ].join('\n'),
  options: {},
  async run({ positionals }, io) {
    if (positionals.length > 0) throw new UsageError('migrate takes no arguments');
    const config = loadConfig(io.env, io.cwd);
    return withDatabase(
      io,
      async (database) => {
        const applied = await migrate(database.db);
        io.out(
          applied.length === 0
            ? 'The database is up to date; no migration was pending.\n'
            : applied.map((name) => `applied ${name}\n`).join(''),
        );
        if (config.demoContent === 'always') {
          // The demo's statistics are published, and publishing is audited: only with the server's keys.
          const auditRing = demoAuditRing(config);
          if (await seedDemoIfWanted(database, 'always', auditRing ? { auditRing } : {}))
            io.out(
              auditRing
                ? 'Demo content loaded.\n'
                : 'Demo content loaded, without the demo statistics: they need the server keys (schutznetz keys init).\n',
            );
        }
        return EXIT.ok;
      },
      { startupMigrations: false },
    );
  },
};
