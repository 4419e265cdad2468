import { defineConfig } from 'vitest/config';
import { browserTestSets } from './test/support/test-sets.ts';

// End-to-end tests in a real Chromium (playwright-core driving Debian's
// /usr/bin/chromium; no browser is ever downloaded). Each file starts its own
// server on the same test database the unit tests use (PGlite snapshot, or a
// PostgreSQL template clone when DATABASE_URL is set) and one browser.
//
// Two projects, split by what each file imports (test/support/test-sets.ts,
// ADR 019): `database` holds the flows that sign in or read and write the
// database themselves (the staff area); `public` drives public pages only,
// which the server answers from the in-memory directory, identical on both
// databases. CI runs everything on PGlite and `--project database` again on
// PostgreSQL.
const sets = browserTestSets();
const globalSetup = ['test/support/global-setup.ts'];

export default defineConfig({
  test: {
    testTimeout: 120_000,
    hookTimeout: 90_000,
    pool: 'forks',
    // Two cores: a Chromium plus a server per worker; more workers only
    // make timing-sensitive checks (Shift×3 within 5 s) flaky.
    maxWorkers: 2,
    // As in vitest.config.ts: files in a worker share the loaded modules.
    isolate: false,
    unstubEnvs: true,
    unstubGlobals: true,
    projects: [
      // Each project builds (or takes from the cache) the test database; see global-setup.ts.
      { extends: true, test: { name: 'public', include: sets.once, globalSetup } },
      { extends: true, test: { name: 'database', include: sets.database, globalSetup } },
    ],
  },
});
