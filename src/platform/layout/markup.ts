/**
 * Escaping for markup a view builds as a string: parts of a page that are the
 * same on every request are made once and inserted whole, and what goes into
 * them must be escaped as preact would escape it.
 */

/** Text content: &, < and > as entities. */
export const escapeText = (v: string): string => v.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A double-quoted attribute value: the text escapes and the quote. */
export const escapeAttr = (v: string): string => escapeText(v).replace(/"/g, '&quot;');
