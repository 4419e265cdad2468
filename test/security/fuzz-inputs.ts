/**
 * What the fuzz suite (fuzz.test.ts) sends: for every POST route the fields
 * its schema knows, and fast-check generators for two kinds of bad input.
 * - malformed: unknown fields, missing fields, repeated fields, oversized
 *   values, wrong or missing content types, bodies over 1 MiB, broken JSON,
 *   wrong JSON types. Must be refused with a 4xx before anything is written.
 * - hostile: the right shape with nasty values (random and binary Unicode,
 *   NUL bytes, markup, SQL, template syntax, bidi overrides, maximum
 *   lengths). Must never cause a 5xx; may write only what the route writes
 *   for a legitimate (failed) attempt.
 */
import fc from 'fast-check';
import { IMPORT_COLUMNS } from '../../src/features/case-records/io/columns.ts';
import { multipartBody, recordCells, recordsCsv } from '../../src/features/case-records/io/test-support.ts';

export type Field =
  | { kind: 'text'; max: number; required?: boolean }
  | { kind: 'enum'; values: readonly string[]; required?: boolean }
  | { kind: 'list'; max: number };

export type BodySpec = {
  type: 'form' | 'json';
  fields: Record<string, Field>;
  /** Only the CSRF token: an empty body is a VALID request (it signs out, ends sessions…), so no "missing field" case. */
  csrfOnly?: boolean;
};

export type Payload = { headers: Record<string, string>; payload: string | Buffer; label: string };

/** Strings people (and attackers) type. */
export const hostileString = (max: number): fc.Arbitrary<string> =>
  fc
    .oneof(
      { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 80 }) },
      { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 80 }) },
      {
        weight: 3,
        arbitrary: fc.constantFrom(
          '<script>alert(1)</script>',
          '"><img src=x onerror=alert(1)>',
          "' onmouseover='alert(1)",
          '</title><script>alert(1)</script>',
          'javascript:alert(1)',
          "' OR '1'='1' --",
          "'); DROP TABLE app_user; --",
          '\u0000',
          'a\u0000b',
          '%00',
          '\u202eevil',
          '\ud800',
          '../../../../etc/passwd',
          '${7*7}{{7*7}}',
          '__proto__',
          'constructor',
          ' ',
          '',
          '🙂👩🏽‍⚕️',
          'ＡＢＣ',
          '\r\nSet-Cookie: x=1',
        ),
      },
      // Control characters inside ordinary text: PostgreSQL text cannot hold U+0000 at all.
      {
        weight: 2,
        arbitrary: fc
          .tuple(
            fc.string({ maxLength: 20 }),
            fc.constantFrom('\u0000', '\u0001', '\u001b', '\u007f', '\ud800', '\uffff', '\u2028', '\ufeff'),
            fc.string({ maxLength: 20 }),
          )
          .map(([a, c, b]) => a + c + b),
      },
      { weight: 1, arbitrary: fc.constant('x'.repeat(max)) },
      {
        weight: 1,
        arbitrary: fc
          .array(fc.constantFrom('<', '>', '"', "'", '&', '\u0000', '\\', 'ä', ' ', '\n'), { maxLength: 40 })
          .map((a) => a.join('')),
      },
    )
    .map((s) => s.slice(0, max));

const b64url = (max: number) => fc.stringMatching(new RegExp(`^[A-Za-z0-9_-]{1,${Math.min(max, 300)}}$`));

/** A value that fits a field's shape (bounded string, enum member or list). */
function fieldValue(f: Field): fc.Arbitrary<string | string[]> {
  if (f.kind === 'enum') return fc.constantFrom(...f.values);
  if (f.kind === 'list') return fc.array(hostileString(100), { maxLength: 4 });
  return hostileString(f.max);
}

/** Every required field plus a random subset of the optional ones, all shape-valid. */
function validShape(spec: BodySpec): fc.Arbitrary<Record<string, string | string[]>> {
  const entries = Object.entries(spec.fields);
  if (entries.length === 0) return fc.constant({});
  const required = Object.fromEntries(
    entries.filter(([, f]) => f.kind !== 'list' && f.required).map(([k, f]) => [k, fieldValue(f)]),
  );
  const optional = Object.fromEntries(
    entries.filter(([, f]) => f.kind === 'list' || !f.required).map(([k, f]) => [k, fieldValue(f)]),
  );
  return fc.record({ ...required, ...optional }, { requiredKeys: Object.keys(required) });
}

export function encodeForm(fields: Record<string, string | string[]>, csrf: string | null): string {
  const p = new URLSearchParams();
  if (csrf !== null) p.append('_csrf', csrf);
  for (const [k, v] of Object.entries(fields)) for (const one of Array.isArray(v) ? v : [v]) p.append(k, one);
  return p.toString();
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

const unknownKey = (spec: BodySpec) =>
  fc
    .oneof(
      fc.stringMatching(/^[a-zA-Z_][a-zA-Z0-9_[\].]{0,20}$/),
      fc.constantFrom(
        '__proto__',
        'constructor',
        'role',
        'centre_id',
        'is_admin',
        'id',
        'user_id',
        'a[b]',
        'verified_at',
      ),
    )
    .filter((k) => !(k in spec.fields) && k !== '_csrf');

/** Bad input that no route may accept. `csrf` goes into the header, so the CSRF check passes and the schema is what refuses. */
export function malformed(spec: BodySpec, csrf: string | null): fc.Arbitrary<Payload> {
  const token: Record<string, string> = csrf ? { 'x-csrf-token': csrf } : {};
  const asBody = (fields: Record<string, unknown>, label: string): Payload =>
    spec.type === 'json'
      ? { headers: { 'content-type': JSON_TYPE, accept: JSON_TYPE, ...token }, payload: JSON.stringify(fields), label }
      : {
          headers: { 'content-type': FORM, ...token },
          payload: encodeForm(fields as Record<string, string | string[]>, csrf),
          label,
        };

  const textFields = Object.entries(spec.fields).filter(([, f]) => f.kind === 'text' || f.kind === 'enum');
  const requiredFields = Object.entries(spec.fields).filter(([, f]) => f.kind !== 'list' && f.required);
  const cases: fc.Arbitrary<Payload>[] = [
    // No mass assignment: one field the form does not have.
    fc
      .tuple(validShape(spec), unknownKey(spec), hostileString(50))
      .map(([v, k, x]) => asBody({ ...v, [k]: x }, `unknown field ${JSON.stringify(k)}`)),
    // Wrong content types.
    fc
      .tuple(
        fc.constantFrom(
          'text/plain',
          'application/xml',
          'multipart/form-data; boundary=x',
          'application/octet-stream',
          'text/html',
          'application/x-www-form-urlencoded; charset=utf-16',
        ),
        hostileString(200).filter((s) => s !== ''),
      )
      .map(
        // Starts with a field no form has, in case a parser makes sense of it anyway.
        ([type, body]) => ({
          headers: { 'content-type': type, ...token },
          payload: `zz_probe=1&${body}`,
          label: `content-type ${type}`,
        }),
      ),
    fc.constant<Payload>({ headers: { ...token }, payload: 'a=1&b=2', label: 'no content-type' }),
    // More than the 1 MiB body limit.
    fc.constant<Payload>({
      headers: { 'content-type': spec.type === 'json' ? JSON_TYPE : FORM, ...token },
      payload: spec.type === 'json' ? JSON.stringify({ x: 'y'.repeat(1_100_000) }) : `x=${'y'.repeat(1_100_000)}`,
      label: 'body over 1 MiB',
    }),
  ];
  if (!spec.csrfOnly && requiredFields.length > 0) {
    cases.push(
      fc.tuple(validShape(spec), fc.constantFrom(...requiredFields.map(([k]) => k))).map(([v, k]) => {
        const rest = { ...v };
        delete rest[k];
        return asBody(rest, `missing ${k}`);
      }),
    );
  }
  if (textFields.length > 0) {
    const pick = fc.constantFrom(...textFields.map(([k]) => k));
    cases.push(
      // An array where one string belongs.
      fc
        .tuple(validShape(spec), pick, fc.array(hostileString(20), { minLength: 2, maxLength: 4 }))
        .map(([v, k, arr]) => asBody({ ...v, [k]: arr }, `${k} repeated`)),
      // Far longer than allowed (up to ~1 MB, below the body limit).
      fc.tuple(validShape(spec), pick, fc.constantFrom(1, 5_000, 300_000, 1_000_000)).map(([v, k, extra]) => {
        const f = spec.fields[k]!;
        const max = f.kind === 'text' ? f.max : 100;
        return asBody({ ...v, [k]: 'z'.repeat(max + extra) }, `${k} ${max + extra} characters`);
      }),
    );
  }
  if (spec.type === 'json') {
    cases.push(
      fc.constantFrom('{', '{"a":}', 'nul', '[1,', '"unterminated', '{"credential": {"id": "a", }}').map((p) => ({
        headers: { 'content-type': JSON_TYPE, accept: JSON_TYPE, ...token },
        payload: p,
        label: `broken JSON ${p}`,
      })),
      fc
        .oneof(
          fc.constant<unknown>([]),
          fc.integer(),
          fc.string(),
          fc.constant(true),
          fc.constant(JSON.parse('{"__proto__": {"polluted": 1}}')),
          fc.constant({ constructor: { prototype: { polluted: 1 } } }),
          fc.record({
            credential: fc.oneof(
              fc.integer(),
              fc.string(),
              fc.constant([]),
              fc.record({ id: fc.integer(), response: fc.constant([]) }),
            ),
          }),
          fc.constant(deepObject(2000)),
        )
        .filter((v) => !(v !== null && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0))
        .map((v) => ({
          headers: { 'content-type': JSON_TYPE, accept: JSON_TYPE, ...token },
          payload: JSON.stringify(v),
          label: `JSON ${JSON.stringify(v).slice(0, 60)}`,
        })),
      // A form body where JSON is expected.
      fc.constant<Payload>({
        headers: { 'content-type': FORM, ...token },
        payload: 'credential=x&name=y',
        label: 'form body for a JSON route',
      }),
    );
  } else {
    cases.push(
      // JSON where a form is expected: never an empty object (that is a valid form for CSRF-only routes).
      fc.tuple(validShape(spec), unknownKey(spec)).map(([v, k]) => ({
        headers: { 'content-type': JSON_TYPE, ...token },
        payload: JSON.stringify({ ...v, [k]: { nested: [1, null] } }),
        label: 'JSON with an unknown field',
      })),
      fc
        .constantFrom('[]', '[1,2]', '"text"', '42', 'true')
        .map((p) => ({ headers: { 'content-type': JSON_TYPE, ...token }, payload: p, label: `JSON ${p}` })),
    );
  }
  return fc.oneof(...cases);
}

function deepObject(depth: number): unknown {
  let v: unknown = 'bottom';
  for (let i = 0; i < depth; i++) v = { a: v };
  return v;
}

/** Shape-valid bodies full of hostile values (form routes). */
export function hostileForm(spec: BodySpec, csrf: string | null): fc.Arbitrary<Payload> {
  return validShape(spec).map((v) => ({
    headers: { 'content-type': FORM },
    payload: encodeForm(v, csrf),
    label: `form ${JSON.stringify(v).slice(0, 200)}`,
  }));
}

/**
 * A legitimate form (`base`) with some fields swapped for hostile values:
 * gets past the first checks and carries the hostile value deeper (into
 * hashing, the database, the rendered page).
 */
export function mixedForm(
  spec: BodySpec,
  base: Record<string, string | string[]>,
  csrf: string | null,
): fc.Arbitrary<Payload> {
  const names = [...new Set([...Object.keys(base), ...Object.keys(spec.fields)])];
  const overrides = Object.fromEntries(
    names.map((k) => {
      const f = spec.fields[k];
      const hostile = f ? fieldValue(f) : hostileString(100);
      return [k, fc.option(hostile, { freq: 2 })];
    }),
  );
  return fc.record(overrides).map((o) => {
    const v: Record<string, string | string[]> = { ...base };
    for (const [k, x] of Object.entries(o)) if (x !== null) v[k] = x;
    return {
      headers: { 'content-type': FORM },
      payload: encodeForm(v, csrf),
      label: `form ${JSON.stringify(o).slice(0, 300)}`,
    };
  });
}

/** WebAuthn JSON responses of the right shape but random content. */
export const fakeAssertion = fc.record(
  {
    credential: fc.record({
      id: b64url(1364),
      rawId: b64url(1364),
      type: fc.constant('public-key'),
      response: fc.record(
        {
          clientDataJSON: b64url(4096),
          authenticatorData: b64url(4096),
          signature: b64url(1024),
          userHandle: b64url(128),
        },
        { requiredKeys: ['clientDataJSON', 'authenticatorData', 'signature'] },
      ),
      clientExtensionResults: fc.constant({}),
    }),
    next: hostileString(512),
  },
  { requiredKeys: ['credential'] },
);

export const fakeRegistration = fc.record({
  name: hostileString(60),
  credential: fc.record({
    id: b64url(1364),
    rawId: b64url(1364),
    type: fc.constant('public-key'),
    response: fc.record(
      {
        clientDataJSON: b64url(4096),
        attestationObject: b64url(16384),
        transports: fc.array(fc.constantFrom('usb', 'nfc', 'internal', 'hybrid'), { maxLength: 3 }),
      },
      { requiredKeys: ['clientDataJSON', 'attestationObject'] },
    ),
    clientExtensionResults: fc.constant({}),
  }),
});

export function hostileJson(arb: fc.Arbitrary<unknown>, csrf: string | null): fc.Arbitrary<Payload> {
  return arb.map((v) => ({
    headers: { 'content-type': JSON_TYPE, accept: JSON_TYPE, ...(csrf ? { 'x-csrf-token': csrf } : {}) },
    payload: JSON.stringify(v),
    label: `JSON ${JSON.stringify(v).slice(0, 200)}`,
  }));
}

/** Query-string names the app's GET routes know, to hit real parameters as well as unknown ones. */
const QUERY_NAMES = [
  'q',
  'state',
  'tg',
  'ex',
  'lang',
  'acc',
  'page',
  'per_page',
  'format',
  'full',
  'full_service',
  'search',
  'taxonomy_term_id',
  'taxonomy_id',
  'organization_id',
  'target_group',
  'exploitation',
  'language',
  'postcode',
  'proximity',
  'done',
  'sent',
  'ended',
  'next',
  'signed_out',
  'chain',
  'actor',
  'event',
  'from',
  'to',
  'before',
  'sort_by',
  'modified_after',
] as const;

/** A random query string: known and unknown names, repeated names, hostile values. */
export const hostileQuery: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.oneof(
        fc.constantFrom(...QUERY_NAMES),
        fc.string({ maxLength: 12 }),
        fc.constantFrom('__proto__', 'constructor', 'a[b]', 'q[]'),
      ),
      fc.oneof(
        hostileString(300),
        fc.constantFrom(
          '0',
          '-1',
          '1e309',
          'NaN',
          '99999999999999999999',
          '2026-02-30',
          'network',
          '00000000-0000-0000-0000-000000000000',
          '//evil.example',
          '/\\evil.example',
          'https://evil.example/',
        ),
        fc.constant('q'.repeat(20_000)),
      ),
    ),
    { maxLength: 6 },
  )
  .map((pairs) => {
    const p = new URLSearchParams();
    for (const [k, v] of pairs) p.append(k, v);
    return p.toString();
  });

/**
 * Uploads of record files (the import's multipart form): random bytes
 * under any name and type, CSV with hostile column names, and CSV rows
 * whose cells are hostile strings (next to good rows). Never a 5xx; a file
 * either stores its records whole or nothing.
 */
export function hostileUpload(csrf: string | null): fc.Arbitrary<Payload> {
  const fields: Record<string, string> = csrf ? { _csrf: csrf } : {};
  const send = (data: Buffer, name: string, type: string, label: string): Payload => {
    const b = multipartBody(fields, [{ name, type, data }]);
    return { headers: b.headers, payload: b.payload, label };
  };
  const names = fc.constantFrom('daten.csv', 'daten.xlsx', '../../etc/passwd', 'a"b.csv', 'bild.png', '');
  const types = fc.constantFrom('text/csv', 'application/octet-stream', 'image/png', 'text/html', '');
  // Escape what would break a CSV cell, so the hostile text reaches the cell itself.
  const cell = hostileString(200).map((v) => `"${v.replaceAll('"', '""')}"`);
  return fc.oneof(
    fc
      .tuple(fc.uint8Array({ maxLength: 4000 }), names, types)
      .map(([bytes, name, type]) => send(Buffer.from(bytes), name, type, `bytes ${bytes.length} as ${name}`)),
    fc
      .array(
        hostileString(60).filter((h) => !h.includes('\n') && !h.includes('\r')),
        { minLength: 1, maxLength: 4 },
      )
      .map((header) =>
        send(
          Buffer.from(`${header.join(',')}\r\n1,2\r\n`),
          'daten.csv',
          'text/csv',
          `header ${JSON.stringify(header)}`,
        ),
      ),
    fc.tuple(fc.constantFrom(...IMPORT_COLUMNS), cell, fc.boolean()).map(([column, value, good]) => {
      const rows = [recordCells(2025), recordCells(2025, { [column]: value })];
      const csv = recordsCsv(good ? [rows[0]!] : rows);
      return send(Buffer.from(csv), 'daten.csv', 'text/csv', `cell ${column}=${value.slice(0, 80)}`);
    }),
  );
}

/** The smallest file whose bytes say PDF (its text cannot be read: stored, and said so). */
const TINY_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');

/**
 * Uploads to the publications library (its multipart forms): random bytes
 * and PDF-looking files under hostile names and types, with hostile values
 * in the edition's fields. Never a 5xx; a refusal writes nothing, a stored
 * PDF writes the work, edition, version and file whole.
 */
export function hostilePdfUpload(edition: boolean) {
  return (csrf: string | null): fc.Arbitrary<Payload> => {
    const names = fc.constantFrom(
      'bericht.pdf',
      '../../etc/passwd',
      'a"b.pdf',
      'x\r\nSet-Cookie: a=1.pdf',
      '',
      'bild.svg',
    );
    const types = fc.constantFrom('application/pdf', 'application/octet-stream', 'image/svg+xml', 'text/html', '');
    const data = fc.oneof(
      fc.uint8Array({ maxLength: 4000 }).map((b) => Buffer.from(b)),
      fc.constant(TINY_PDF),
      fc.uint8Array({ maxLength: 2000 }).map((b) => Buffer.concat([TINY_PDF, Buffer.from(b)])),
    );
    const fields = edition
      ? fc.record({
          type: fc.oneof(fc.constantFrom('dossier', 'report'), hostileString(40)),
          language: fc.oneof(fc.constantFrom('de', 'en', 'de-LS'), hostileString(20)),
          title: hostileString(400),
          summary: hostileString(200),
          authors: hostileString(100),
          issued: fc.oneof(fc.constant('2026-11-30'), hostileString(20)),
          licence: hostileString(120),
          visibility: fc.oneof(fc.constantFrom('public', 'members'), hostileString(20)),
        })
      : fc.constant({});
    return fc.tuple(fields, data, names, types).map(([f, bytes, name, type]) => {
      const b = multipartBody({ ...(csrf ? { _csrf: csrf } : {}), ...(f as Record<string, string>) }, [
        { name, type, data: bytes },
      ]);
      return { headers: b.headers, payload: b.payload, label: `${bytes.length} bytes as ${name} (${type})` };
    });
  };
}
