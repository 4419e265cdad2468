import { defineConfig } from 'vitest/config';

// End-to-end tests in a real Chromium (playwright-core driving Debian's
// /usr/bin/chromium; no browser is ever downloaded). Each file starts its own
// server on the same test database the unit tests use (PGlite snapshot, or a
// PostgreSQL template clone when DATABASE_URL is set) and one browser.
export default defineConfig({
  test: {
    include: ['test/browser/**/*.browser.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 120_000,
    hookTimeout: 90_000,
    pool: 'forks',
    // Two cores: a Chromium plus a server per worker; more workers only
    // make timing-sensitive checks (Shift×3 within 5 s) flaky.
    maxWorkers: 2,
  },
});
