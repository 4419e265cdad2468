/**
 * `npm run db:types` and `npm run db:snapshot`: migrate a new, empty
 * database and write the generated Kysely types or the schema snapshot from
 * it (ADR 017). The embedded PGlite by default; with DATABASE_URL a
 * temporary database on that server (the role needs CREATEDB), dropped
 * afterwards. Both give the same files; the drift test checks that.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { openDatabase, type Database } from '../../src/platform/db/index.ts';
import { migrate } from '../../src/platform/db/migrate.ts';
import { SNAPSHOT_FILE, schemaSnapshot } from './snapshot.ts';
import { generateTypes, TYPES_FILE } from './types.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');

/** A freshly migrated database that disappears on close. */
async function freshDatabase(): Promise<Database> {
  const url = process.env.DATABASE_URL;
  if (url) {
    const name = `schutznetz_schema_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: url });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    const u = new URL(url);
    u.pathname = `/${name}`;
    const database = await openDatabase({ kind: 'postgres', url: u.toString(), poolSize: 1 });
    const drop = async () => {
      // pg's pool.end() resolves before the server has seen every Terminate; a
      // forced drop would kill a closing connection whose error nobody hears.
      for (let i = 0; i < 100; i++) {
        const left = await admin.query<{ n: number }>(
          'SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = $1',
          [name],
        );
        if (left.rows[0]!.n === 0) break;
        await new Promise((r) => setTimeout(r, 50));
      }
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`).finally(() => admin.end());
    };
    try {
      await migrate(database.db);
    } catch (err) {
      await database.close();
      await drop();
      throw err;
    }
    return {
      ...database,
      close: async () => {
        await database.close();
        await drop();
      },
    };
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'schutznetz-schema-'));
  const database = await openDatabase({ kind: 'pglite', dataDir: path.join(dir, 'data') });
  const close = async () => {
    await database.close();
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await migrate(database.db);
  } catch (err) {
    await close();
    throw err;
  }
  return { ...database, close };
}

const COMMANDS = {
  types: { file: TYPES_FILE, make: generateTypes },
  snapshot: { file: SNAPSHOT_FILE, make: schemaSnapshot },
};

const which = process.argv[2];
if (which !== 'types' && which !== 'snapshot') {
  console.error('usage: db-schema types|snapshot');
  process.exit(2);
}
const { file, make } = COMMANDS[which];
const database = await freshDatabase();
try {
  const text = await make(database.db);
  const target = path.join(ROOT, file);
  const before = fs.existsSync(target) ? fs.readFileSync(target, 'utf8') : null;
  fs.writeFileSync(target, text);
  console.log(`${before === text ? 'unchanged' : 'wrote'} ${file} (from ${database.kind})`);
} finally {
  await database.close();
}
