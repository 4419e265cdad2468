import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { testDatabase } from '../../../test/support/db.ts';
import type { Database } from './index.ts';
import { migrate, MIGRATIONS_DIR } from './migrate.ts';

let database: Database;
beforeEach(async () => {
  database = await testDatabase();
});
afterEach(async () => {
  await database.close();
});

describe('migrate', () => {
  it('applies nothing twice', async () => {
    expect(await migrate(database.db)).toEqual([]);
  });

  it('refuses an applied migration whose file was changed', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schutznetz-mig-'));
    for (const f of fs.readdirSync(MIGRATIONS_DIR)) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
    fs.appendFileSync(path.join(dir, '0001_directory.sql'), '\n-- edited\n');
    await expect(migrate(database.db, dir)).rejects.toThrow(/0001_directory.sql was changed/);
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it('applies a new migration and rolls back entirely when it fails', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schutznetz-mig-'));
    for (const f of fs.readdirSync(MIGRATIONS_DIR)) fs.copyFileSync(path.join(MIGRATIONS_DIR, f), path.join(dir, f));
    fs.writeFileSync(path.join(dir, '9998_ok.sql'), 'CREATE TABLE t_ok (x int);');
    fs.writeFileSync(path.join(dir, '9999_broken.sql'), 'CREATE TABLE t_broken (x int); SELECT no_such_function();');
    await expect(migrate(database.db, dir)).rejects.toThrow();
    const tables = await database.db.selectFrom('schema_migration').select('name').execute();
    expect(tables.map((t) => t.name)).not.toContain('9998_ok.sql');
    fs.rmSync(path.join(dir, '9999_broken.sql'));
    expect(await migrate(database.db, dir)).toEqual(['9998_ok.sql']);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
