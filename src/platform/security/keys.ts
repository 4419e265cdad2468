/**
 * Server secrets (HMAC keys for the audit chain and recovery codes, key-encryption
 * keys for field encryption) come from outside the database: an environment
 * variable or a file the operator provides. Each secret is a key ring so keys can
 * be rotated: new data uses the current key, old data names the key id it was
 * made with and stays verifiable/decryptable while that id remains in the ring.
 */
import fs from 'node:fs';
import path from 'node:path';
import { randomBytes } from 'node:crypto';

/** A set of keys by id; `currentId` is the one used for new data. */
export type KeyRing = {
  readonly currentId: string;
  readonly keys: ReadonlyMap<string, Buffer>;
};

/** Secrets shorter than this are refused: 256 bits is the strength every primitive here targets. */
const MIN_KEY_BYTES = 32;

/**
 * Key ids end up inside serialised values (`v1.<keyId>.…`) and AAD strings
 * (`…|<keyId>`), so they must not contain the separators `.`, `|`, `:` or `,`.
 */
const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;
const BASE64 = /^(?:[A-Za-z0-9+/]+|[A-Za-z0-9_-]+)={0,2}$/;

/** Raised for any unusable key configuration. Messages name the entry, never key material. */
export class KeyRingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'KeyRingError';
  }
}

/** True when `id` can be used as a key id (letters, digits, `_`, `-`; at most 32). */
export function isValidKeyId(id: string): boolean {
  return KEY_ID.test(id);
}

/**
 * Parse a key ring such as `AUDIT_KEYS="k1:<base64>,k2:<base64>"`. The LAST entry
 * is current, so rotation is "append a new entry, restart"; older entries stay
 * for verifying/decrypting what they produced. Entries may be separated by
 * commas and/or whitespace (newlines in a file). Keys are standard or URL-safe
 * base64 of at least 32 random bytes (`openssl rand -base64 32`).
 *
 * @param envValue the raw variable or file content
 * @param opts.name how to call the setting in error messages (e.g. `AUDIT_KEYS`)
 * @param opts.length require exactly this many bytes (AES-256 key-encryption keys need 32)
 * @throws KeyRingError naming the offending entry, never echoing key material
 */
export function loadKeyRing(envValue: string | undefined, opts: { name?: string; length?: number } = {}): KeyRing {
  const name = opts.name ?? 'key ring';
  const entries = (envValue ?? '').split(/[\s,]+/).filter((e) => e !== '');
  if (entries.length === 0) {
    throw new KeyRingError(
      `${name} is not set: expected "id:base64key[,id2:base64key]" with keys of at least ${MIN_KEY_BYTES} random bytes (e.g. \`openssl rand -base64 32\`).`,
    );
  }
  const keys = new Map<string, Buffer>();
  let currentId = '';
  entries.forEach((entry, i) => {
    const where = `${name}, entry ${i + 1}`;
    const colon = entry.indexOf(':');
    if (colon < 0) throw new KeyRingError(`${where}: expected "id:base64key" (no ":" found).`);
    const id = entry.slice(0, colon);
    const encoded = entry.slice(colon + 1);
    if (!KEY_ID.test(id)) throw new KeyRingError(`${where}: key id must be 1–32 letters, digits, "_" or "-".`);
    if (keys.has(id)) throw new KeyRingError(`${where}: key id "${id}" appears twice.`);
    if (!BASE64.test(encoded)) throw new KeyRingError(`${where} ("${id}"): the key is not valid base64.`);
    const key = Buffer.from(encoded, 'base64');
    if (key.length < MIN_KEY_BYTES) {
      throw new KeyRingError(
        `${where} ("${id}"): the key has ${key.length} bytes, at least ${MIN_KEY_BYTES} are required.`,
      );
    }
    if (opts.length !== undefined && key.length !== opts.length) {
      throw new KeyRingError(
        `${where} ("${id}"): the key has ${key.length} bytes, exactly ${opts.length} are required.`,
      );
    }
    keys.set(id, key);
    currentId = id;
  });
  return { currentId, keys };
}

/** The current key of a ring with its id. Throws KeyRingError when the ring is inconsistent. */
export function currentKey(ring: KeyRing): { keyId: string; key: Buffer } {
  const key = ring.keys.get(ring.currentId);
  if (!key) throw new KeyRingError(`The key ring's current id "${ring.currentId}" has no key.`);
  return { keyId: ring.currentId, key };
}

/** A fresh ring entry `id:base64` (`schutznetz keys init`). */
export function generateKeyRingEntry(id: string, bytes = MIN_KEY_BYTES): string {
  if (!KEY_ID.test(id)) throw new KeyRingError('Key id must be 1–32 letters, digits, "_" or "-".');
  if (!Number.isInteger(bytes) || bytes < MIN_KEY_BYTES)
    throw new KeyRingError(`Keys need at least ${MIN_KEY_BYTES} bytes.`);
  return `${id}:${randomBytes(bytes).toString('base64')}`;
}

/** Folder inside the key folder that holds the key files. */
const KEY_FILE_DIR = 'schutznetz-secrets';

/** `<dir>/schutznetz-secrets`: the folder the key files are in. */
export function keyFileFolder(dir: string): string {
  return path.join(path.resolve(dir), KEY_FILE_DIR);
}

/** Key file names: one file per purpose, so purposes never share a key. */
const FILE_NAME = /^[a-z0-9-]{1,32}$/;

/** `<dir>/schutznetz-secrets/<name>.keys`: where a key ring's file lives. */
export function keyFilePath(dir: string, name: string): string {
  if (!FILE_NAME.test(name)) throw new KeyRingError('Key file names use a–z, 0–9 and "-".');
  return path.join(keyFileFolder(dir), `${name}.keys`);
}

/**
 * Read a key ring file (`schutznetz keys init` or the embedded demo wrote
 * it), or null when there is none. The file holds a ring in the variables'
 * format, one entry per line.
 *
 * ⚠️ A key file is only as safe as the folder it is in. Beside the embedded
 * database's data folder it is NOT outside the database's reach: whoever
 * copies the data folder's parent (a backup, a stolen laptop) gets the
 * database AND the keys, which defeats field encryption and lets a tamperer
 * recompute the audit chain. Production takes keys from the environment only.
 *
 * @param dir the key folder (Config.keys.dir)
 * @param name the purpose (`server`, `audit`, `encryption`)
 * @throws KeyRingError when the file is readable by group/others or malformed
 */
export function readKeyFile(dir: string, name: string): KeyRing | null {
  const file = keyFilePath(dir, name);
  if (!fs.existsSync(file)) return null;
  // POSIX modes mean nothing on Windows; elsewhere a widened mode means someone
  // else may have read the key, so refuse rather than silently use it.
  if (process.platform !== 'win32') {
    const mode = fs.statSync(file).mode & 0o777;
    if ((mode & 0o077) !== 0) {
      throw new KeyRingError(
        `${file} is readable by other users (mode ${mode.toString(8)}); run \`chmod 600\` on it, or, if others may have read it, replace the keys (docs/security.md, section 11).`,
      );
    }
  }
  return loadKeyRing(fs.readFileSync(file, 'utf8'), { name: file });
}

/**
 * Create a key ring file with one fresh random key under `keyId` (mode 0600,
 * folder 0700). Never replaces an existing file — not even one that another
 * process creates at the same moment.
 * @returns false when the file existed already (nothing was written)
 */
export function createKeyFile(dir: string, name: string, keyId: string): boolean {
  const file = keyFilePath(dir, name);
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  return createExclusively(file, `${generateKeyRingEntry(keyId)}\n`);
}

/**
 * Write to a temporary file and hard-link it into place: the link fails if the
 * file already exists, so two processes starting at once never overwrite each
 * other's key and nobody ever reads a half-written file.
 */
function createExclusively(file: string, content: string): boolean {
  const tmp = `${file}.${process.pid}.${randomBytes(6).toString('hex')}.tmp`;
  fs.writeFileSync(tmp, content, { mode: 0o600, flag: 'wx' });
  try {
    fs.chmodSync(tmp, 0o600); // a permissive umask must not widen it
    fs.linkSync(tmp, file);
    return true;
  } catch (err) {
    if ((err as { code?: string }).code !== 'EEXIST') throw err;
    return false;
  } finally {
    fs.rmSync(tmp, { force: true });
  }
}
