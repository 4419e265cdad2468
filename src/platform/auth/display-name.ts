/**
 * What a person's display name may be. Names appear in the user list, the
 * audit log and the command line's output: control characters could rewrite
 * a terminal line (ESC sequences) and bidirectional overrides could make one
 * name read like another, so both are refused rather than silently removed.
 */
export const DISPLAY_NAME_MAX = 200;

// C0/C1 controls (includes ESC, CR, LF, DEL) and the bidi embedding,
// override and isolate characters.
const UNSAFE = /[\p{Cc}\u202A-\u202E\u2066-\u2069]/u;

/** Normalised form of a submitted name (NFC, trimmed). */
export function normaliseDisplayName(raw: string): string {
  return raw.normalize('NFC').trim();
}

/** Is this (normalised) name acceptable? Empty is for the caller to decide. */
export function isSafeDisplayName(name: string): boolean {
  return name.length <= DISPLAY_NAME_MAX && !UNSAFE.test(name);
}
