/**
 * The application's key rings, one per purpose so no two purposes share a
 * key: `server` (HMACs: CSRF tokens, throttle keys, recovery codes), `audit`
 * (the audit chain) and `encryption` (key-encryption keys for field
 * encryption). Production passes them through the environment; development
 * generates them into a folder next to the data folder (keys.ts explains
 * why that is no protection against someone who has the data folder).
 */
import type { Config } from '../config/index.ts';
import { developmentKeyFile, loadKeyRing, type KeyRing } from './keys.ts';

export type ServerKeys = { server: KeyRing; audit: KeyRing; encryption: KeyRing };

export function loadServerKeys(config: Config): ServerKeys {
  const dir = config.database.kind === 'pglite' ? `${config.database.dataDir}-keys` : '.data-keys';
  const ring = (name: keyof ServerKeys, env: string) => {
    const value = config.keys[name];
    return value ? loadKeyRing(value, { name: env }) : developmentKeyFile(dir, name);
  };
  return {
    server: ring('server', 'SERVER_KEYS'),
    audit: ring('audit', 'AUDIT_KEYS'),
    encryption: ring('encryption', 'ENCRYPTION_KEYS'),
  };
}
