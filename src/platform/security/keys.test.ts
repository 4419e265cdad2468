import { afterEach, describe, expect, it } from 'vitest';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import {
  KeyRingError,
  createKeyFile,
  currentKey,
  generateKeyRingEntry,
  keyFilePath,
  loadKeyRing,
  readKeyFile,
} from './keys.ts';

const b64 = (n = 32) => randomBytes(n).toString('base64');

function errorOf(f: () => unknown): Error {
  try {
    f();
  } catch (e) {
    return e as Error;
  }
  throw new Error('expected an error');
}

describe('loadKeyRing', () => {
  it('parses id:base64 entries; the last one is current', () => {
    const [a, b] = [randomBytes(32), randomBytes(48)];
    const ring = loadKeyRing(`k1:${a.toString('base64')},k2:${b.toString('base64url')}`);
    expect(ring.currentId).toBe('k2');
    expect(ring.keys.get('k1')!.equals(a)).toBe(true);
    expect(ring.keys.get('k2')!.equals(b)).toBe(true);
    expect(currentKey(ring)).toEqual({ keyId: 'k2', key: b });
  });

  it('accepts whitespace and newlines between entries', () => {
    const ring = loadKeyRing(`\n  k1:${b64()} ,\n k2:${b64()}\n`);
    expect([...ring.keys.keys()]).toEqual(['k1', 'k2']);
  });

  it('round-trips generateKeyRingEntry', () => {
    expect(loadKeyRing(generateKeyRingEntry('audit-2026')).currentId).toBe('audit-2026');
  });

  it('explains every mistake clearly, without echoing key material', () => {
    const short = b64(31);
    const cases: [string | undefined, RegExp][] = [
      [undefined, /AUDIT_KEYS is not set/],
      ['   ', /is not set/],
      [b64(), /no ":" found/],
      [`k.1:${b64()}`, /key id must be/],
      [`k1:${b64()},k1:${b64()}`, /appears twice/],
      ['k1:@@@@####', /not valid base64/],
      [`k1:${short}`, /31 bytes, at least 32/],
      [`k1:${b64()},k2:${short}`, /entry 2 \("k2"\)/],
    ];
    for (const [value, message] of cases) {
      const err = errorOf(() => loadKeyRing(value, { name: 'AUDIT_KEYS' }));
      expect(err, String(value)).toBeInstanceOf(KeyRingError);
      expect(err.message).toMatch(message);
      if (value?.includes(':')) expect(err.message).not.toContain(value.split(':').at(-1)!.slice(0, 12));
    }
  });

  it('can require an exact length (AES-256 KEKs)', () => {
    expect(() => loadKeyRing(`k1:${b64(48)}`, { length: 32 })).toThrow(/exactly 32/);
    expect(loadKeyRing(`k1:${b64(32)}`, { length: 32 }).currentId).toBe('k1');
  });
});

describe('key files', () => {
  const dirs: string[] = [];
  const tmp = () => {
    const d = fs.mkdtempSync(path.join(os.tmpdir(), 'schutznetz-keys-'));
    dirs.push(d);
    return d;
  };
  afterEach(() => {
    for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
  });

  it('reads nothing where there is no file, and creates nothing by reading', () => {
    const dir = path.join(tmp(), 'not-yet-there');
    expect(readKeyFile(dir, 'audit')).toBeNull();
    expect(fs.existsSync(dir)).toBe(false);
  });

  it('creates a private key file once, never replaces it, and reads the same ring afterwards', () => {
    const dir = path.join(tmp(), 'not-yet-there');
    expect(createKeyFile(dir, 'audit', 'k1')).toBe(true);
    const file = keyFilePath(dir, 'audit');
    const before = fs.readFileSync(file, 'utf8');
    const first = readKeyFile(dir, 'audit')!;
    expect(first.currentId).toBe('k1');
    expect(currentKey(first).key).toHaveLength(32);
    expect(createKeyFile(dir, 'audit', 'k1')).toBe(false);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(readKeyFile(dir, 'audit')!.keys.get('k1')!.equals(currentKey(first).key)).toBe(true);
    createKeyFile(dir, 'kek', 'k1');
    expect(readKeyFile(dir, 'kek')!.keys.get('k1')!.equals(currentKey(first).key)).toBe(false);
    expect(fs.readdirSync(path.dirname(file)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    if (process.platform !== 'win32') {
      expect(fs.statSync(file).mode & 0o777).toBe(0o600);
      expect(fs.statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
    }
  });

  it.skipIf(process.platform === 'win32')('refuses a key file others can read', () => {
    const dir = tmp();
    createKeyFile(dir, 'server', 'k1');
    fs.chmodSync(keyFilePath(dir, 'server'), 0o644);
    expect(() => readKeyFile(dir, 'server')).toThrow(/readable by other users/);
  });

  it('refuses file names that could escape the folder', () => {
    expect(() => createKeyFile(tmp(), '../x', 'k1')).toThrow(KeyRingError);
    expect(() => readKeyFile(tmp(), '../x')).toThrow(KeyRingError);
  });
});
