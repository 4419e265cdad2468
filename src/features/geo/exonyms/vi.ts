/**
 * Vietnamese names of German cities. Vietnamese writes German place names
 * in the German spelling (Berlin, Leipzig, München); the press sometimes
 * uses the English form (Munich, Cologne), which the shared table already
 * holds, and a name typed without its umlauts is found by the loose key.
 * The old Sino-Vietnamese forms (Bá Linh) are no longer in common use, so
 * there is nothing to add.
 */
import type { Exonym } from '../exonyms.ts';

export const EXONYMS_VI: readonly Exonym[] = [];
