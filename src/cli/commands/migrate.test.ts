/**
 * `schutznetz migrate`, and MIGRATE_ON_START for the other commands: with it
 * off they only check and refuse a database that is not up to date. Run on
 * a fresh embedded database in a temporary folder (whatever DATABASE_URL the
 * run has); the same on PostgreSQL, logged in as schutznetz_app, is in
 * test/security/app-role-login.test.ts.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEYS } from '../../../test/support/app.ts';
import { testDatabase } from '../../../test/support/db.ts';
import { readMigrations } from '../../platform/db/migrate.ts';
import { runCollecting } from '../test-support.ts';
import type { CliIo } from '../types.ts';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schutznetz-migrate-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const cli = (env: Record<string, string>, argv: string[], database?: CliIo['database']) =>
  runCollecting(argv, {
    env: { ...TEST_KEYS, LOG_LEVEL: 'silent', DATA_DIR: path.join(dir, 'data'), ...env },
    cwd: dir,
    ...(database ? { database } : {}),
  });

describe('schutznetz migrate', () => {
  it('is listed in the help and takes no arguments', async () => {
    expect((await cli({}, ['help'])).out).toMatch(/\n {2}migrate +Apply pending database migrations/);
    const help = await cli({}, ['help', 'migrate']);
    expect(help.code).toBe(0);
    expect(help.out).toContain('Usage: schutznetz migrate');
    expect(help.out).toContain('MIGRATE_ON_START=false');
    expect((await cli({}, ['migrate', '--help'])).out).toContain('Usage: schutznetz migrate');
    const extra = await cli({}, ['migrate', 'now']);
    expect(extra.code).toBe(2);
    expect(extra.err).toContain('migrate takes no arguments');
  });

  it('says when there is nothing to do', async () => {
    const database = await testDatabase();
    try {
      const res = await cli({}, ['migrate'], database);
      expect(res).toEqual({ code: 0, out: 'The database is up to date; no migration was pending.\n', err: '' });
    } finally {
      await database.close();
    }
  });

  it('with MIGRATE_ON_START=false other commands refuse an unmigrated database; after `migrate` they run', async () => {
    const names = readMigrations().map((m) => m.name);
    const off = { MIGRATE_ON_START: 'false' };
    const refused = await cli(off, ['directory', 'export']);
    expect(refused.code).toBe(1);
    expect(refused.out).toBe('');
    expect(refused.err).toContain(
      `The database is not up to date: migrations ${names.join(', ')} of this version have not been applied.`,
    );
    expect(refused.err).toContain('Run `schutznetz migrate`');

    const migrated = await cli({}, ['migrate']);
    expect(migrated.err).toBe('');
    expect(migrated).toMatchObject({ code: 0, out: names.map((n) => `applied ${n}\n`).join('') });

    const exported = await cli(off, ['directory', 'export']);
    expect(exported.err).toBe('');
    expect(exported.code).toBe(0);
    expect(exported.out.split('\n')[0]).toContain('name');
  }, 120_000);
});
