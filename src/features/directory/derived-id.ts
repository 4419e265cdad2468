/**
 * Ids of child rows that have no identity of their own in our model (an
 * address belongs to exactly one location, a language row to one service)
 * are derived from the parent's id. That keeps import ∘ export lossless and
 * re-imports idempotent, without storing extra ids in CSV files.
 */
import { createHash } from 'node:crypto';

export function derivedId(parentId: string, kind: string): string {
  const h = createHash('sha256').update(`${parentId}\u0000${kind}`).digest();
  // RFC 9562 version 8 (custom) with the variant bits set.
  h[6] = (h[6]! & 0x0f) | 0x80;
  h[8] = (h[8]! & 0x3f) | 0x80;
  const hex = h.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}
