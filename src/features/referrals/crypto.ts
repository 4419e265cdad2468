/**
 * Envelope encryption of referrals with three key levels (ADR 032):
 *
 * 1. the key-encryption keys (`app.keys.encryption`), outside the database;
 * 2. one random key per receiving centre (table referral_centre_key), stored
 *    wrapped by the KEK, AAD `key|referral-centre-key|<centre>|v<version>|<kek id>`;
 * 3. a fresh random data key per referral, stored wrapped by its centre's
 *    key (referral.wrapped_key), AAD
 *    `key|referral-data-key|<centre>|<referral>|referral|wrapped_key|c<version>`,
 *    which encrypts the one JSON payload (and a free-text decline note), AAD
 *    `<centre>|referral|<column>|<referral>|c<version>`.
 *
 * Every ciphertext and wrapped key is bound to its referral, its centre, its
 * column and the key versions: copied to another row or to another centre's
 * referral, it fails to decrypt instead of showing the wrong person's data.
 * Forwarding re-encrypts under a NEW data key wrapped by the new centre's key,
 * so nothing the old centre's key opens remains on the row.
 *
 * Pure functions: the centre keys come from queries/centre-keys.ts.
 */
import {
  decryptField,
  encryptField,
  generateDataKey,
  keyIdOf,
  unwrapKey,
  wrapKey,
} from '../../platform/security/field-encryption.ts';
import type { KeyRing } from '../../platform/security/keys.ts';
import { referralPayloadSchema, type ReferralPayload } from './schema.ts';

/** A centre's unwrapped referral key of one version. Never stored or logged. */
export type CentreKey = { readonly centreId: string; readonly version: number; readonly key: Buffer };

/** What the referral row stores of the encryption: the columns payload, wrapped_key, centre_key_version, decline_note. */
export type SealedReferral = {
  payload: string;
  wrappedKey: string;
  centreKeyVersion: number;
  declineNote: string | null;
};

const CENTRE_KEY = 'referral-centre-key';
const DATA_KEY = 'referral-data-key';
const TABLE = 'referral';

/** The column a referral ciphertext lives in. */
type ReferralColumn = 'payload' | 'decline_note';

function versionLabel(version: number): string {
  if (!Number.isInteger(version) || version < 1) throw new TypeError('Centre key versions are positive integers.');
  return `c${version}`;
}

/** A ring holding only the centre key, under the id its wrapped data keys name. */
function centreRing(centreKey: CentreKey): KeyRing {
  const id = versionLabel(centreKey.version);
  return { currentId: id, keys: new Map([[id, centreKey.key]]) };
}

/** A fresh centre key of `version`, and its wrapped form for referral_centre_key.wrapped_key. */
export function newCentreKey(kek: KeyRing, centreId: string, version: number): { key: CentreKey; wrapped: string } {
  const key = generateDataKey();
  return {
    key: { centreId, version, key },
    wrapped: wrapKey(key, kek, CENTRE_KEY, [centreId, `v${version}`]),
  };
}

/**
 * Unwrap a centre key row.
 * @throws DecryptionError when the row was tampered with or belongs to another centre or version
 */
export function openCentreKey(kek: KeyRing, centreId: string, version: number, wrapped: string): CentreKey {
  return { centreId, version, key: unwrapKey(wrapped, kek, CENTRE_KEY, [centreId, `v${version}`]) };
}

/** The KEK id a wrapped centre key names (without unwrapping it). */
export function centreKeyKekId(wrapped: string): string {
  return keyIdOf(wrapped);
}

/**
 * KEK rotation: unwrap a centre key row with the KEK it names and wrap the
 * same key again under the ring's current KEK, bound to the same centre and
 * version. The referrals' wrapped data keys and payloads stay valid because
 * the centre key itself does not change.
 * @throws DecryptionError when the row names a KEK no longer in the ring, or was tampered with
 */
export function rewrapCentreKey(kek: KeyRing, centreId: string, version: number, wrapped: string): string {
  const { key } = openCentreKey(kek, centreId, version, wrapped);
  return wrapKey(key, kek, CENTRE_KEY, [centreId, `v${version}`]);
}

function dataKeyContext(centreId: string, referralId: string): string[] {
  return [centreId, referralId, TABLE, 'wrapped_key'];
}

function dataKeyRing(dataKey: Buffer, version: number): KeyRing {
  const id = versionLabel(version);
  return { currentId: id, keys: new Map([[id, dataKey]]) };
}

function fieldContext(centreId: string, referralId: string, column: ReferralColumn) {
  return { tenantId: centreId, table: TABLE, column, rowId: referralId };
}

/** The referral's data key, unwrapped with the centre key the row names. */
function openDataKey(
  sealed: Pick<SealedReferral, 'wrappedKey' | 'centreKeyVersion'>,
  centreKey: CentreKey,
  referralId: string,
): Buffer {
  if (sealed.centreKeyVersion !== centreKey.version)
    throw new TypeError('The centre key has another version than the referral names.');
  return unwrapKey(sealed.wrappedKey, centreRing(centreKey), DATA_KEY, dataKeyContext(centreKey.centreId, referralId));
}

function seal(
  payload: ReferralPayload,
  centreKey: CentreKey,
  referralId: string,
  declineNote: string | null,
): SealedReferral {
  const valid = referralPayloadSchema.parse(payload);
  const dataKey = generateDataKey();
  const ring = dataKeyRing(dataKey, centreKey.version);
  const { centreId } = centreKey;
  return {
    payload: encryptField(JSON.stringify(valid), ring, fieldContext(centreId, referralId, 'payload')),
    wrappedKey: wrapKey(dataKey, centreRing(centreKey), DATA_KEY, dataKeyContext(centreId, referralId)),
    centreKeyVersion: centreKey.version,
    declineNote:
      declineNote === null ? null : encryptField(declineNote, ring, fieldContext(centreId, referralId, 'decline_note')),
  };
}

/**
 * Encrypt a new referral for the centre `centreKey` belongs to, under a fresh
 * data key.
 * @throws ZodError when the payload does not match the schema (nothing is encrypted)
 */
export function encryptReferral(payload: ReferralPayload, centreKey: CentreKey, referralId: string): SealedReferral {
  return seal(payload, centreKey, referralId, null);
}

/**
 * Decrypt a referral's payload with its centre's key (of the version the row names).
 * @throws DecryptionError when anything was tampered with, moved to another row or centre, or the key is wrong
 */
export function decryptReferral(sealed: SealedReferral, centreKey: CentreKey, referralId: string): ReferralPayload {
  const dataKey = openDataKey(sealed, centreKey, referralId);
  const json = decryptField(
    sealed.payload,
    dataKeyRing(dataKey, sealed.centreKeyVersion),
    fieldContext(centreKey.centreId, referralId, 'payload'),
  );
  return referralPayloadSchema.parse(JSON.parse(json));
}

/** Encrypt a free-text decline note under the referral's data key (for referral.decline_note). */
export function encryptDeclineNote(
  note: string,
  sealed: Pick<SealedReferral, 'wrappedKey' | 'centreKeyVersion'>,
  centreKey: CentreKey,
  referralId: string,
): string {
  const dataKey = openDataKey(sealed, centreKey, referralId);
  return encryptField(
    note,
    dataKeyRing(dataKey, sealed.centreKeyVersion),
    fieldContext(centreKey.centreId, referralId, 'decline_note'),
  );
}

/** Decrypt referral.decline_note (null stays null). */
export function decryptDeclineNote(sealed: SealedReferral, centreKey: CentreKey, referralId: string): string | null {
  if (sealed.declineNote === null) return null;
  const dataKey = openDataKey(sealed, centreKey, referralId);
  return decryptField(
    sealed.declineNote,
    dataKeyRing(dataKey, sealed.centreKeyVersion),
    fieldContext(centreKey.centreId, referralId, 'decline_note'),
  );
}

/**
 * Forwarding: decrypt with the current centre's key and encrypt for the
 * receiving centre under a NEW data key wrapped by that centre's key. The
 * result replaces payload, wrapped_key, centre_key_version and decline_note
 * in the same UPDATE that sets centre_id; afterwards the old centre's key
 * opens nothing on the row.
 */
export function reencryptForCentre(
  sealed: SealedReferral,
  from: CentreKey,
  to: CentreKey,
  referralId: string,
): SealedReferral {
  const payload = decryptReferral(sealed, from, referralId);
  const note = decryptDeclineNote(sealed, from, referralId);
  return seal(payload, to, referralId, note);
}
