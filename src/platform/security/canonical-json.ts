/**
 * RFC 8785 JSON Canonicalization Scheme (JCS): one byte-exact serialisation per
 * JSON value, so a hash or MAC over "the same data" is the same wherever and
 * whenever it is computed (audit chain, signatures). Serialisation is done by
 * the `canonicalize` package, maintained by one of the RFC's authors; this file
 * only fences its input to plain JSON data so nothing is silently coerced.
 */
import canonicalize from 'canonicalize';

/** Plain JSON data. `undefined` object members are allowed and omitted, as in JSON. */
export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue | undefined };

/** Raised for input that has no single JSON meaning. `path` points at the culprit (`$.a[2]`). */
export class CanonicalJsonError extends TypeError {
  constructor(
    message: string,
    public readonly path: string,
  ) {
    super(`${message} at ${path}`);
    this.name = 'CanonicalJsonError';
  }
}

/**
 * Serialise `value` per RFC 8785: object members sorted by UTF-16 code units,
 * no whitespace, ECMAScript number formatting (`4.50` → `4.5`, `1E30` → `1e+30`,
 * `-0` → `0`), minimal string escaping. The result is meant to be UTF-8 encoded.
 *
 * Refused (CanonicalJsonError), because a hash over them would not mean what the
 * caller thinks: NaN/±Infinity, bigint, functions, symbols, `undefined` outside
 * object members, strings with lone surrogates, circular structures, and any
 * object that is not a plain object or array (Date, Map, Buffer, class instances
 * — their JSON form depends on `toJSON` and would not survive a database round
 * trip unchanged). Convert such values to strings first.
 *
 * Numbers are IEEE-754 doubles: integers beyond 2^53 lose precision, so ids and
 * amounts that must stay exact belong in strings.
 */
export function canonicalJson(value: JsonValue): string {
  assertPlainJson(value, '$', new Set());
  const out = canonicalize(value);
  if (typeof out !== 'string') throw new CanonicalJsonError('Value has no JSON form', '$');
  return out;
}

function assertPlainJson(value: unknown, path: string, ancestors: Set<object>): void {
  switch (typeof value) {
    case 'string':
      if (hasLoneSurrogate(value)) throw new CanonicalJsonError('String contains a lone surrogate', path);
      return;
    case 'boolean':
      return;
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(`${value} is not a JSON number`, path);
      return;
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(`${typeof value} is not JSON data`, path);
  }
  if (value === null) return;
  if (ancestors.has(value)) throw new CanonicalJsonError('Circular structure', path);
  ancestors.add(value);
  if (Array.isArray(value)) {
    value.forEach((item, i) => assertPlainJson(item, `${path}[${i}]`, ancestors));
  } else {
    const proto = Object.getPrototypeOf(value) as { constructor?: { name?: string } } | null;
    if (proto !== Object.prototype && proto !== null) {
      throw new CanonicalJsonError(`${proto.constructor?.name ?? 'Object'} is not a plain object`, path);
    }
    for (const [k, v] of Object.entries(value)) {
      if (hasLoneSurrogate(k)) throw new CanonicalJsonError('Member name contains a lone surrogate', path);
      if (v !== undefined) assertPlainJson(v, `${path}.${k}`, ancestors);
    }
  }
  ancestors.delete(value);
}

function hasLoneSurrogate(s: string): boolean {
  // A lone surrogate is the only way a JS string can fail to be valid UTF-16.
  return /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/.test(s);
}
