/**
 * A small structural checker for the JSON Schemas in openapi-schemas.ts:
 * types (with null), required properties, no undocumented properties,
 * enums/consts, patterns, array items and local $refs. Enough to hold the
 * presenters to the published contract in tests without a validator
 * dependency; formats and numeric ranges beyond `minimum`/`maximum` are not checked.
 */
import type { JsonSchema } from './openapi-schemas.ts';

type Components = Record<string, JsonSchema>;

function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  return typeof v;
}

function resolve(schema: JsonSchema, components: Components): JsonSchema {
  let s = schema;
  for (let i = 0; s.$ref && i < 10; i++) {
    const name = s.$ref.replace('#/components/schemas/', '');
    const target = components[name];
    if (!target) throw new Error(`unresolvable $ref ${s.$ref}`);
    s = target;
  }
  return s;
}

/** Every way `value` breaks `schema`, as "path: problem" lines (empty when it fits). */
export function checkSchema(value: unknown, schema: JsonSchema, components: Components, path = '$'): string[] {
  const s = resolve(schema, components);
  const errors: string[] = [];
  const actual = typeOf(value);
  if (s.type) {
    const allowed = Array.isArray(s.type) ? s.type : [s.type];
    const ok = (allowed as readonly string[]).includes(actual) || (actual === 'integer' && allowed.includes('number'));
    if (!ok) return [`${path}: expected ${allowed.join('|')}, got ${actual}`];
  }
  if (s.const !== undefined && value !== s.const) errors.push(`${path}: expected ${JSON.stringify(s.const)}`);
  if (s.enum && !(s.enum as readonly unknown[]).includes(value))
    errors.push(`${path}: ${JSON.stringify(value)} not in enum`);
  if (typeof value === 'string' && s.pattern && !new RegExp(s.pattern, 'u').test(value))
    errors.push(`${path}: ${JSON.stringify(value)} does not match ${s.pattern}`);
  if (typeof value === 'number') {
    if (s.minimum !== undefined && value < s.minimum) errors.push(`${path}: below ${s.minimum}`);
    if (s.maximum !== undefined && value > s.maximum) errors.push(`${path}: above ${s.maximum}`);
  }
  if (Array.isArray(value)) {
    if (s.maxItems !== undefined && value.length > s.maxItems) errors.push(`${path}: more than ${s.maxItems} items`);
    if (s.items) value.forEach((v, i) => errors.push(...checkSchema(v, s.items!, components, `${path}[${i}]`)));
  }
  if (actual === 'object') {
    const obj = value as Record<string, unknown>;
    for (const key of s.required ?? []) if (!(key in obj)) errors.push(`${path}: missing required ${key}`);
    for (const [key, v] of Object.entries(obj)) {
      const prop = s.properties?.[key];
      if (prop) errors.push(...checkSchema(v, prop, components, `${path}.${key}`));
      else if (s.additionalProperties === false) errors.push(`${path}: undocumented property ${key}`);
    }
  }
  return errors;
}
