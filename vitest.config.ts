import { defineConfig } from 'vitest/config';
import { unitTestSets } from './test/support/test-sets.ts';

// Unit and HTTP tests. Browser tests have their own config (vitest.browser.config.ts).
// Two projects, split by what each file imports (test/support/test-sets.ts, ADR 019):
// `database` opens the database under test and runs on both databases;
// `unit` never does and runs once. `npm test` runs both on PGlite; CI runs
// `--project database` again with DATABASE_URL.
const sets = unitTestSets();

export default defineConfig({
  test: {
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Two cores: more workers only add PGlite instances competing for them.
    maxWorkers: 2,
    // The files a worker runs share one module graph instead of loading and
    // warming up the whole app again for each file: half the CPU time of
    // the database project (ADR 019). Each file still builds its own app,
    // database and clock; what would leak into the next file (module mocks,
    // fake timers left on, process.env writes) the test-set rules refuse,
    // and stubbed variables and globals are undone after every test.
    isolate: false,
    unstubEnvs: true,
    unstubGlobals: true,
    projects: [
      { extends: true, test: { name: 'unit', include: sets.once } },
      {
        extends: true,
        // Only this project builds the test database (migrations + demo content).
        test: { name: 'database', include: sets.database, globalSetup: ['test/support/global-setup.ts'] },
      },
    ],
  },
});
