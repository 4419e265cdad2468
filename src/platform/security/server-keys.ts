/**
 * The application's key rings, one per purpose so no two purposes share a
 * key: `server` (HMACs: CSRF tokens, throttle keys, recovery codes), `audit`
 * (the audit chain) and `encryption` (key-encryption keys for field
 * encryption).
 *
 * Where they come from, in this order for each ring: its environment
 * variable; else (outside production) its file in the key folder, written
 * by `schutznetz keys init`. Only the embedded demo — PGlite in the default
 * data folder, not production — creates a missing file by itself, and the
 * start-up output says so. Every other start without keys refuses, before
 * it opens the database, with the command that creates them: keys made up
 * silently on a real installation end up wherever the process happened to
 * run, unnoticed and unbacked-up, and everything encrypted or signed with
 * them is lost with them.
 */
import type { Config } from '../config/index.ts';
import { createKeyFile, keyFileFolder, loadKeyRing, readKeyFile, type KeyRing } from './keys.ts';

export type ServerKeys = { server: KeyRing; audit: KeyRing; encryption: KeyRing };

type RingName = keyof ServerKeys;

/** Each ring with its variable, in the order they are named to operators. */
export const KEY_RINGS: readonly { name: RingName; variable: string }[] = [
  { name: 'server', variable: 'SERVER_KEYS' },
  { name: 'audit', variable: 'AUDIT_KEYS' },
  { name: 'encryption', variable: 'ENCRYPTION_KEYS' },
];

/** Key id of the demo's generated keys (`keys init` uses `k1`). */
const DEMO_KEY_ID = 'dev1';

/** Where the keys of this start came from, for the start-up output. */
export type KeySource =
  | { from: 'environment' }
  /** Files in `dir` (some rings may still come from the environment); `created`: the demo made them just now. */
  | { from: 'files'; dir: string; created: boolean };

/** A start without keys (outside the embedded demo): the message names the command that creates them. */
export class MissingKeysError extends Error {
  constructor(
    public readonly missing: readonly string[],
    config: Pick<Config, 'env' | 'keys'>,
  ) {
    const names = missing.join(', ');
    super(
      config.env === 'production'
        ? `Schutznetz has no keys: ${names} must be set in production, from the environment (keys must live ` +
            'outside the database and its backups).\n' +
            'Create them once with:\n\n  schutznetz keys init --env\n\n' +
            'and keep the three lines it prints in your secret store; docs/security.md, section 11.'
        : `Schutznetz has no keys: ${names} ${missing.length === 1 ? 'is' : 'are'} not set, and ` +
            `${keyFileFolder(config.keys.dir)} holds no key file for ` +
            `${missing.length === 1 ? 'it' : 'them'}.\n` +
            'Only the embedded demo (npm start with the default data folder) creates keys by itself.\n' +
            'Create them once — from this folder, with the same DATABASE_URL or DATA_DIR — with:\n\n' +
            `  schutznetz keys init          (writes the key files to ${config.keys.dir})\n` +
            '  schutznetz keys init --env    (prints the variables for your secret store instead)\n\n' +
            '(From a checkout: npm run cli -- keys init.) See docs/security.md, section 11.',
    );
    this.name = 'MissingKeysError';
  }
}

/**
 * The key rings for `config`; in the embedded demo, missing key files are
 * created first. Writes nothing otherwise.
 * @throws MissingKeysError when a ring is neither set nor (outside production) in its file
 * @throws KeyRingError for a malformed ring or a key file others can read
 */
export function openServerKeys(config: Pick<Config, 'env' | 'keys'>): { keys: ServerKeys; source: KeySource } {
  const fromEnv = (name: RingName) => config.keys[name];
  const production = config.env === 'production';
  const unset = KEY_RINGS.filter((r) => !fromEnv(r.name));
  let created = false;
  if (!production && config.keys.createIfMissing)
    // Creates only what is missing; an existing file is never replaced.
    for (const r of unset) created = createKeyFile(config.keys.dir, r.name, DEMO_KEY_ID) || created;
  const rings: Partial<ServerKeys> = {};
  const missing: string[] = [];
  for (const r of KEY_RINGS) {
    const value = fromEnv(r.name);
    const ring = value
      ? loadKeyRing(value, { name: r.variable })
      : production
        ? null
        : readKeyFile(config.keys.dir, r.name);
    if (ring) rings[r.name] = ring;
    else missing.push(r.variable);
  }
  if (missing.length > 0) throw new MissingKeysError(missing, config);
  return {
    keys: rings as ServerKeys,
    source: unset.length === 0 ? { from: 'environment' } : { from: 'files', dir: config.keys.dir, created },
  };
}

/** The key rings for `config` (see openServerKeys). */
export function loadServerKeys(config: Pick<Config, 'env' | 'keys'>): ServerKeys {
  return openServerKeys(config).keys;
}
