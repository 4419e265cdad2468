/**
 * The list of common/breached passwords checked at registration and password
 * change (ASVS 6.2.12 [2.1.7]). It ships with the project through a maintained
 * npm package — the "passwords-common" dictionary of zxcvbn-ts (≈49,000 entries
 * ranked by frequency in real breach corpora) — so no request leaves the server
 * and the list updates with ordinary dependency upgrades.
 */
import { dictionary } from '@zxcvbn-ts/language-common';

let common: ReadonlySet<string> | undefined;

/** The list as a Set, built on first use: the package decompresses it at import, the Set is ours. */
function commonPasswords(): ReadonlySet<string> {
  common ??= new Set(dictionary['passwords-common'].map(normaliseForList));
  return common;
}

/** NFC then lower case: the list is lower case, and "Password1234" is as weak as "password1234". */
function normaliseForList(pw: string): string {
  return pw.normalize('NFC').toLowerCase();
}

/** True when `password` (case-insensitively, after NFC) is in the shipped common-password list. */
export function isCommonPassword(password: string): boolean {
  return commonPasswords().has(normaliseForList(password));
}

/** How many distinct entries the list has, for documentation and tests. */
export function commonPasswordCount(): number {
  return commonPasswords().size;
}
