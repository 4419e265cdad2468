/**
 * `schutznetz migrate`: the operator's half of start-up. Applies the pending
 * migrations as the owner role, so the application itself can log in as the
 * restricted role with MIGRATE_ON_START=false (docs/security.md, section 9).
 */
import { loadConfig } from '../../platform/config/index.ts';
import { migrate } from '../../platform/db/migrate.ts';
import { seedDemoIfWanted } from '../../features/demo/seed.ts';
import { withDatabase } from '../database.ts';
import { EXIT, UsageError, type Command } from '../types.ts';

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
        if (config.demoContent === 'always' && (await seedDemoIfWanted(database, 'always')))
          io.out('Demo content loaded.\n');
        return EXIT.ok;
      },
      { startupMigrations: false },
    );
  },
};
