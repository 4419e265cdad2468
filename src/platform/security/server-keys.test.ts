/**
 * Where the server's keys come from, and that only the embedded demo makes
 * up its own: a start on PostgreSQL, on another data folder or in
 * production without keys refuses with the command that creates them and
 * writes nothing.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadConfig } from '../config/index.ts';
import { createKeyFile, currentKey, keyFilePath } from './keys.ts';
import { MissingKeysError, openServerKeys } from './server-keys.ts';

const ring = (fill: number) => `t1:${Buffer.alloc(32, fill).toString('base64')}`;
const TEST_KEYS = { SERVER_KEYS: ring(1), AUDIT_KEYS: ring(2), ENCRYPTION_KEYS: ring(3) };

const dirs: string[] = [];
const tmp = () => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'schutznetz-server-keys-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

/** Every file and folder under `dir`, relative. */
const contents = (dir: string) => fs.readdirSync(dir, { recursive: true }).map(String).sort();

function refusal(env: Record<string, string>, cwd: string): MissingKeysError {
  try {
    openServerKeys(loadConfig(env, cwd));
  } catch (err) {
    if (err instanceof MissingKeysError) return err;
    throw err;
  }
  throw new Error('the keys were not refused');
}

describe('a start without keys', () => {
  it('on PostgreSQL refuses, names `schutznetz keys init` and writes nothing', () => {
    const cwd = tmp();
    const err = refusal({ DATABASE_URL: 'postgres://app@db.example/schutznetz' }, cwd);
    expect(err.message).toContain('SERVER_KEYS, AUDIT_KEYS, ENCRYPTION_KEYS are not set');
    expect(err.message).toContain('schutznetz keys init');
    expect(err.message).toContain('schutznetz keys init --env');
    expect(err.message).toContain(path.join(cwd, '.data-keys'));
    expect(contents(cwd)).toEqual([]);
  });

  it('on an embedded database outside the default data folder refuses and writes nothing', () => {
    const cwd = tmp();
    const err = refusal({ DATA_DIR: path.join(cwd, 'centre-data') }, cwd);
    expect(err.message).toContain('schutznetz keys init');
    expect(contents(cwd)).toEqual([]);
  });

  it('in production refuses even the demo folder, and key files do not count there', () => {
    const cwd = tmp();
    expect(refusal({ NODE_ENV: 'production' }, cwd).message).toMatch(
      /SERVER_KEYS, AUDIT_KEYS, ENCRYPTION_KEYS must be set in production[\s\S]*schutznetz keys init --env/,
    );
    expect(contents(cwd)).toEqual([]);
    for (const name of ['server', 'audit', 'encryption']) createKeyFile(path.join(cwd, '.data-keys'), name, 'k1');
    expect(refusal({ NODE_ENV: 'production', DATABASE_URL: 'postgres://app@db/x' }, cwd)).toBeInstanceOf(
      MissingKeysError,
    );
  });

  it('names only the rings that are missing', () => {
    const cwd = tmp();
    const err = refusal({ DATABASE_URL: 'postgres://app@db/x', SERVER_KEYS: TEST_KEYS.SERVER_KEYS }, cwd);
    expect(err.missing).toEqual(['AUDIT_KEYS', 'ENCRYPTION_KEYS']);
  });
});

describe('the embedded demo', () => {
  it('creates its keys beside the default data folder once, says so, and reads the same keys afterwards', () => {
    const cwd = tmp();
    const first = openServerKeys(loadConfig({}, cwd));
    expect(first.source).toEqual({ from: 'files', dir: path.join(cwd, '.data-keys'), created: true });
    for (const name of ['server', 'audit', 'encryption'])
      expect(fs.statSync(keyFilePath(path.join(cwd, '.data-keys'), name)).mode & 0o777).toBe(0o600);
    const again = openServerKeys(loadConfig({}, cwd));
    expect(again.source).toEqual({ from: 'files', dir: path.join(cwd, '.data-keys'), created: false });
    expect(currentKey(again.keys.audit).key.equals(currentKey(first.keys.audit).key)).toBe(true);
    expect(currentKey(again.keys.server).key.equals(currentKey(again.keys.audit).key)).toBe(false);
  });
});

describe('keys that exist', () => {
  it('come from the environment first, and then nothing is read or written', () => {
    const cwd = tmp();
    const { keys, source } = openServerKeys(loadConfig({ DATABASE_URL: 'postgres://app@db/x', ...TEST_KEYS }, cwd));
    expect(source).toEqual({ from: 'environment' });
    expect(keys.server.currentId).toBe('t1');
    expect(contents(cwd)).toEqual([]);
  });

  it('come from the key files `keys init` wrote, on PostgreSQL and on any data folder', () => {
    const cwd = tmp();
    for (const name of ['server', 'audit', 'encryption']) createKeyFile(path.join(cwd, '.data-keys'), name, 'k1');
    const written = contents(cwd);
    const pg = openServerKeys(loadConfig({ DATABASE_URL: 'postgres://app@db/x' }, cwd));
    expect(pg.source).toEqual({ from: 'files', dir: path.join(cwd, '.data-keys'), created: false });
    expect(pg.keys.encryption.currentId).toBe('k1');
    expect(contents(cwd)).toEqual(written);
    for (const name of ['server', 'audit', 'encryption']) createKeyFile(path.join(cwd, 'centre-keys'), name, 'k1');
    expect(openServerKeys(loadConfig({ DATA_DIR: 'centre' }, cwd)).source).toMatchObject({ created: false });
  });
});
