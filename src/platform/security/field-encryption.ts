/**
 * Envelope encryption of sensitive fields (OWASP Cryptographic Storage Cheat
 * Sheet; ASVS 11.3.2/3, 11.2.2).
 *
 * - Each tenant has random 256-bit data keys (versions `d1`, `d2`, …). They are
 *   stored only wrapped — encrypted with AES-256-GCM under a key-encryption key
 *   (KEK) that lives outside the database (keys.ts). A database dump without the
 *   KEK reveals nothing; rotating the KEK re-wraps a few data keys instead of
 *   re-encrypting every field.
 * - Field values are AES-256-GCM with a fresh random 96-bit IV and
 *   AAD = `tenant|table|column|rowId|dataKeyVersion`, so a ciphertext copied to
 *   another row, column, table or tenant fails to decrypt instead of silently
 *   showing the wrong person's data.
 * - Serialised as `v1.<keyId>.<iv>.<ciphertext>.<tag>` (base64url), where keyId
 *   is the data-key version for fields and the KEK id for wrapped keys.
 *
 * Random IVs are safe up to about 2^32 encryptions per key (NIST SP 800-38D);
 * per-tenant data keys and versioning keep every key far below that.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { currentKey, isValidKeyId, type KeyRing } from './keys.ts';

const FORMAT = 'v1';
const KEY_BYTES = 32;
const IV_BYTES = 12;
const TAG_BYTES = 16;
const B64URL = /^[A-Za-z0-9_-]*$/;

/** Where a field value lives; all four parts are bound into the ciphertext. */
export type FieldContext = { tenantId: string; table: string; column: string; rowId: string };

/**
 * Any failure to decrypt: malformed input, unknown key, or — most importantly —
 * failed authentication (tampering, or a value moved to another place). The
 * message never contains key material or plaintext.
 */
export class DecryptionError extends Error {
  constructor(public readonly reason: 'malformed' | 'unknown_key' | 'authentication_failed') {
    super(`Decryption failed (${reason}).`);
    this.name = 'DecryptionError';
  }
}

/** A new random 256-bit data key. Store it only via `wrapDataKey`. */
export function generateDataKey(): Buffer {
  return randomBytes(KEY_BYTES);
}

function aadPart(value: string, what: string): string {
  // `|` separates AAD parts; allowing it inside one would let two different
  // places produce the same AAD ("a|b" + "c" vs "a" + "b|c").
  if (typeof value !== 'string' || value === '' || value.includes('|')) {
    throw new TypeError(`${what} must be a non-empty string without "|".`);
  }
  return value;
}

function fieldAad(ctx: FieldContext, version: string): Buffer {
  const parts = [
    aadPart(ctx.tenantId, 'tenantId'),
    aadPart(ctx.table, 'table'),
    aadPart(ctx.column, 'column'),
    aadPart(ctx.rowId, 'rowId'),
    version,
  ];
  return Buffer.from(parts.join('|'), 'utf8');
}

function wrapAad(ctx: { tenantId: string; dataKeyVersion: string }, kekId: string): Buffer {
  // Prefix keeps a wrapped key and a field value from ever sharing an AAD.
  const parts = ['dek', aadPart(ctx.tenantId, 'tenantId'), aadPart(ctx.dataKeyVersion, 'dataKeyVersion'), kekId];
  return Buffer.from(parts.join('|'), 'utf8');
}

function seal(key: Buffer, keyId: string, plaintext: Buffer, aad: Buffer): string {
  if (key.length !== KEY_BYTES)
    throw new TypeError(`AES-256 keys are ${KEY_BYTES} bytes (key "${keyId}" has ${key.length}).`);
  if (!isValidKeyId(keyId)) throw new TypeError('Invalid key id.');
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aad);
  const ciphertext = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  const tag = cipher.getAuthTag();
  return [FORMAT, keyId, iv.toString('base64url'), ciphertext.toString('base64url'), tag.toString('base64url')].join(
    '.',
  );
}

type Parsed = { keyId: string; iv: Buffer; ciphertext: Buffer; tag: Buffer };

function parse(serialised: string): Parsed {
  if (typeof serialised !== 'string') throw new DecryptionError('malformed');
  const parts = serialised.split('.');
  if (parts.length !== 5) throw new DecryptionError('malformed');
  const [format, keyId, iv, ciphertext, tag] = parts as [string, string, string, string, string];
  // Node's base64 decoder skips characters it does not know; check first so a
  // mangled value is reported as malformed, not decoded into something else.
  if (format !== FORMAT || !isValidKeyId(keyId) || ![iv, ciphertext, tag].every((p) => B64URL.test(p))) {
    throw new DecryptionError('malformed');
  }
  const parsed = {
    keyId,
    iv: Buffer.from(iv, 'base64url'),
    ciphertext: Buffer.from(ciphertext, 'base64url'),
    tag: Buffer.from(tag, 'base64url'),
  };
  // An explicit tag length matters: GCM would otherwise accept a truncated tag,
  // making forgeries far cheaper.
  if (parsed.iv.length !== IV_BYTES || parsed.tag.length !== TAG_BYTES) throw new DecryptionError('malformed');
  return parsed;
}

function open(p: Parsed, key: Buffer, aad: Buffer): Buffer {
  if (key.length !== KEY_BYTES) throw new DecryptionError('unknown_key');
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, p.iv, { authTagLength: TAG_BYTES });
    decipher.setAAD(aad);
    decipher.setAuthTag(p.tag);
    return Buffer.concat([decipher.update(p.ciphertext), decipher.final()]);
  } catch {
    throw new DecryptionError('authentication_failed');
  }
}

/** The key id a serialised value names (data-key version or KEK id), e.g. to find values a rotation has not reached yet. */
export function keyIdOf(serialised: string): string {
  return parse(serialised).keyId;
}

/**
 * Encrypt a field value with the tenant's current data key.
 * @param dataKeys the tenant's unwrapped data keys by version; `currentId` encrypts
 * @returns `v1.<dataKeyVersion>.<iv>.<ciphertext>.<tag>`
 */
export function encryptField(plaintext: string, dataKeys: KeyRing, ctx: FieldContext): string {
  const { keyId, key } = currentKey(dataKeys);
  return seal(key, keyId, Buffer.from(plaintext, 'utf8'), fieldAad(ctx, keyId));
}

/**
 * Decrypt a field value; `ctx` must name the exact place it was encrypted for.
 * Older data-key versions decrypt as long as they are in `dataKeys`.
 * @throws DecryptionError on any tampering, a moved value, or an unknown key version
 */
export function decryptField(serialised: string, dataKeys: KeyRing, ctx: FieldContext): string {
  const p = parse(serialised);
  const key = dataKeys.keys.get(p.keyId);
  if (!key) throw new DecryptionError('unknown_key');
  return open(p, key, fieldAad(ctx, p.keyId)).toString('utf8');
}

/**
 * Wrap (encrypt) a tenant's data key under the current KEK. The tenant and the
 * data-key version are bound in, so a wrapped key cannot be moved to another
 * tenant or version.
 * @returns `v1.<kekId>.<iv>.<wrapped key>.<tag>`
 */
export function wrapDataKey(dataKey: Buffer, kek: KeyRing, ctx: { tenantId: string; dataKeyVersion: string }): string {
  if (dataKey.length !== KEY_BYTES) throw new TypeError(`Data keys are ${KEY_BYTES} bytes.`);
  if (!isValidKeyId(ctx.dataKeyVersion)) throw new TypeError('Invalid data key version.');
  const { keyId, key } = currentKey(kek);
  return seal(key, keyId, dataKey, wrapAad(ctx, keyId));
}

/**
 * Unwrap a data key with whichever KEK of the ring it names.
 * @throws DecryptionError if tampered, moved, or the KEK id is not in the ring
 */
export function unwrapDataKey(
  wrapped: string,
  kek: KeyRing,
  ctx: { tenantId: string; dataKeyVersion: string },
): Buffer {
  const p = parse(wrapped);
  const key = kek.keys.get(p.keyId);
  if (!key) throw new DecryptionError('unknown_key');
  const dataKey = open(p, key, wrapAad(ctx, p.keyId));
  if (dataKey.length !== KEY_BYTES) throw new DecryptionError('malformed');
  return dataKey;
}

function keyWrapAad(purpose: string, context: readonly string[], wrappingKeyId: string): Buffer {
  // The 'key' prefix and a purpose keep these apart from field values (tenant
  // first) and tenant data keys ('dek'), and keys of one purpose from another's.
  const parts = [
    'key',
    aadPart(purpose, 'purpose'),
    ...context.map((c, i) => aadPart(c, `context[${i}]`)),
    wrappingKeyId,
  ];
  return Buffer.from(parts.join('|'), 'utf8');
}

/**
 * Wrap a 256-bit key under the current key of `wrapping` (a KEK ring, or a
 * ring holding another wrapped-then-unwrapped key), for key hierarchies
 * deeper than tenant data keys. `purpose` and `context` (e.g. owner ids and
 * versions) are bound in as AAD: the wrapped key opens only for exactly the
 * same purpose and context, so it cannot be moved to another row or owner.
 * @returns `v1.<wrapping key id>.<iv>.<wrapped key>.<tag>`
 */
export function wrapKey(key: Buffer, wrapping: KeyRing, purpose: string, context: readonly string[]): string {
  if (key.length !== KEY_BYTES) throw new TypeError(`Wrapped keys are ${KEY_BYTES} bytes.`);
  const { keyId, key: wrappingKey } = currentKey(wrapping);
  return seal(wrappingKey, keyId, key, keyWrapAad(purpose, context, keyId));
}

/**
 * Unwrap a key wrapped by `wrapKey` with whichever key of `wrapping` it names.
 * @throws DecryptionError if tampered with, moved (other purpose or context), or its key is not in the ring
 */
export function unwrapKey(wrapped: string, wrapping: KeyRing, purpose: string, context: readonly string[]): Buffer {
  const p = parse(wrapped);
  const wrappingKey = wrapping.keys.get(p.keyId);
  if (!wrappingKey) throw new DecryptionError('unknown_key');
  const key = open(p, wrappingKey, keyWrapAad(purpose, context, p.keyId));
  if (key.length !== KEY_BYTES) throw new DecryptionError('malformed');
  return key;
}

/**
 * KEK rotation: unwrap with the (old) KEK the value names and wrap again under
 * the ring's current KEK. Field ciphertexts are untouched because the data key
 * itself does not change. Once every wrapped key names the new KEK, the old one
 * can leave the ring.
 */
export function rewrapDataKey(
  wrapped: string,
  kek: KeyRing,
  ctx: { tenantId: string; dataKeyVersion: string },
): string {
  return wrapDataKey(unwrapDataKey(wrapped, kek, ctx), kek, ctx);
}
