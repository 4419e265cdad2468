/**
 * `schutznetz keys init`: the keys for an installation that is not the
 * embedded demo. A start on PostgreSQL without keys is refused; after
 * `keys init` (files, or the variables it prints with --env) the same start
 * is accepted and the keys work — TOTP secrets, throttle counters and the
 * audit chain. Existing keys are never replaced.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.ts';
import { loadConfig } from '../../platform/config/index.ts';
import { keyFilePath } from '../../platform/security/keys.ts';
import { MissingKeysError, openServerKeys } from '../../platform/security/server-keys.ts';
import { createUser, signIn } from '../../../test/support/auth.ts';
import { testDatabase } from '../../../test/support/db.ts';
import { runCollecting } from '../test-support.ts';

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'schutznetz-keys-init-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** A PostgreSQL installation's configuration (keys init and the key check never connect to it). */
const PG = {
  DATABASE_URL: 'postgres://schutznetz_app@db.example/schutznetz',
  NODE_ENV: 'test',
  LOG_LEVEL: 'silent',
  SEARCH_INDEX_TTL_MS: '0',
};
const RINGS = ['server', 'audit', 'encryption'];
const contents = (dir: string) => fs.readdirSync(dir, { recursive: true }).map(String).sort();
const cli = (env: Record<string, string>, cwd: string, ...argv: string[]) => runCollecting(argv, { env, cwd });

/** Start the application as `npm start` would with `env` in `cwd` — on this run's test database — and sign someone in. */
async function startAndSignIn(env: Record<string, string>, cwd: string) {
  const database = await testDatabase();
  try {
    const app = await buildApp({ config: loadConfig(env, cwd), database });
    try {
      await app.ready();
      await signIn(app, await createUser(app, { role: 'counsellor' }));
      // The audit rows of that sign-in verify under the same keys.
      const verify = await runCollecting(['audit', 'verify'], { env, cwd, database });
      return { auditKeyId: app.keys.audit.currentId, verified: verify.code };
    } finally {
      await app.close();
    }
  } finally {
    await database.close();
  }
}

describe('schutznetz keys init', () => {
  it('writes the key files a PostgreSQL start reads; the start refused before is accepted after', async () => {
    const cwd = tmp();
    expect(() => openServerKeys(loadConfig(PG, cwd))).toThrow(MissingKeysError);
    const r = await cli(PG, cwd, 'keys', 'init');
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain(`Created the server keys in ${path.join(cwd, '.data-keys', 'schutznetz-secrets')}`);
    for (const name of RINGS) {
      const file = keyFilePath(path.join(cwd, '.data-keys'), name);
      expect(fs.readFileSync(file, 'utf8')).toMatch(/^k1:[A-Za-z0-9+/]{43}=\n$/);
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    }
    expect(await startAndSignIn(PG, cwd)).toEqual({ auditKeyId: 'k1', verified: 0 });
  });

  it('never replaces keys: a second run, or one with a key variable set, changes nothing', async () => {
    const cwd = tmp();
    expect((await cli(PG, cwd, 'keys', 'init')).code).toBe(0);
    const before = RINGS.map((name) => fs.readFileSync(keyFilePath(path.join(cwd, '.data-keys'), name), 'utf8'));
    const again = await cli(PG, cwd, 'keys', 'init');
    expect(again.code).toBe(1);
    expect(again.err).toContain('Keys exist already');
    expect(again.err).toContain('server.keys exists');
    expect(again.err).toContain('append a new entry');
    expect((await cli(PG, cwd, 'keys', 'init', '--env')).code).toBe(1);
    expect(RINGS.map((name) => fs.readFileSync(keyFilePath(path.join(cwd, '.data-keys'), name), 'utf8'))).toEqual(
      before,
    );

    const other = tmp();
    const withVariable = await cli(
      { ...PG, AUDIT_KEYS: `k1:${Buffer.alloc(32, 7).toString('base64')}` },
      other,
      'keys',
      'init',
    );
    expect(withVariable.code).toBe(1);
    expect(withVariable.err).toContain('AUDIT_KEYS is set');
    expect(contents(other)).toEqual([]);
  });

  it('--env prints the three variables, writes nothing, and a start with them is accepted', async () => {
    const cwd = tmp();
    const r = await cli(PG, cwd, 'keys', 'init', '--env');
    expect(r.code).toBe(0);
    const lines = r.out.trim().split('\n');
    expect(lines.map((l) => l.split('=')[0])).toEqual(['SERVER_KEYS', 'AUDIT_KEYS', 'ENCRYPTION_KEYS']);
    expect(r.err).toContain('secret store');
    expect(contents(cwd)).toEqual([]);
    const variables = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf('=')), l.slice(l.indexOf('=') + 1)]));
    const env = { ...PG, ...variables, NODE_ENV: 'production' };
    expect(openServerKeys(loadConfig(env, cwd)).source).toEqual({ from: 'environment' });
    expect(await startAndSignIn({ ...env, NODE_ENV: 'test' }, cwd)).toEqual({ auditKeyId: 'k1', verified: 0 });
    expect(contents(cwd)).toEqual([]);
  });

  it('in production writes no key files (they would not be read) and points to --env', async () => {
    const cwd = tmp();
    const r = await cli({ ...PG, NODE_ENV: 'production' }, cwd, 'keys', 'init');
    expect(r.code).toBe(1);
    expect(r.err).toContain('schutznetz keys init --env');
    expect(contents(cwd)).toEqual([]);
  });

  it('writes beside the data folder of an embedded database that is not the demo', async () => {
    const cwd = tmp();
    const env = { DATA_DIR: 'centre', NODE_ENV: 'test' };
    expect(() => openServerKeys(loadConfig(env, cwd))).toThrow(/schutznetz keys init/);
    expect((await cli(env, cwd, 'keys', 'init')).code).toBe(0);
    expect(fs.existsSync(keyFilePath(path.join(cwd, 'centre-keys'), 'encryption'))).toBe(true);
    expect(openServerKeys(loadConfig(env, cwd)).source).toEqual({
      from: 'files',
      dir: path.join(cwd, 'centre-keys'),
      created: false,
    });
  });
});
