import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CanonicalJsonError, canonicalJson, type JsonValue } from './canonical-json.ts';

const fromHex = (hex: string) => Buffer.from(hex, 'hex').readDoubleBE(0);

describe('canonicalJson — RFC 8785 test vectors', () => {
  it('§3.2.2: whitespace, literals, numbers and string escaping', () => {
    const input = String.raw`{
      "numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001],
      "string": "\u20ac$\u000F\u000aA'\u0042\u0022\u005c\\\"\/",
      "literals": [null, true, false]
    }`;
    const expected = String.raw`{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\u000f\nA'B\"\\\\\"/"}`;
    expect(canonicalJson(JSON.parse(input))).toBe(expected);
    // The UTF-8 bytes of the RFC's example.
    expect(Buffer.from(canonicalJson(JSON.parse(input)), 'utf8').toString('hex')).toBe(
      [
        '7b 22 6c 69 74 65 72 61 6c 73 22 3a 5b 6e 75 6c 6c 2c 74 72',
        '75 65 2c 66 61 6c 73 65 5d 2c 22 6e 75 6d 62 65 72 73 22 3a',
        '5b 33 33 33 33 33 33 33 33 33 2e 33 33 33 33 33 33 33 2c 31',
        '65 2b 33 30 2c 34 2e 35 2c 30 2e 30 30 32 2c 31 65 2d 32 37',
        '5d 2c 22 73 74 72 69 6e 67 22 3a 22 e2 82 ac 24 5c 75 30 30',
        '30 66 5c 6e 41 27 42 5c 22 5c 5c 5c 5c 5c 22 2f 22 7d',
      ]
        .join(' ')
        .replaceAll(' ', ''),
    );
  });

  it('§3.2.3: properties sorted by UTF-16 code units, not code points', () => {
    const input = String.raw`{
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis"
    }`;
    const out = canonicalJson(JSON.parse(input));
    // Compared as text: JSON.parse would move the integer-like key "1" first again.
    const expected = [
      String.raw`"\r":"Carriage Return"`,
      '"1":"One"',
      '"\u0080":"Control"',
      '"\u00f6":"Latin Small Letter O With Diaeresis"',
      '"\u20ac":"Euro Sign"',
      '"\ud83d\ude00":"Emoji: Grinning Face"', // U+1F600 sorts before U+FB33: its first code unit is 0xD83D
      '"\ufb33":"Hebrew Letter Dalet With Dagesh"',
    ];
    expect(out).toBe(`{${expected.join(',')}}`);
  });

  it('Appendix B: IEEE-754 number serialisation', () => {
    const vectors: [string, string][] = [
      ['0000000000000000', '0'],
      ['8000000000000000', '0'],
      ['0000000000000001', '5e-324'],
      ['8000000000000001', '-5e-324'],
      ['7fefffffffffffff', '1.7976931348623157e+308'],
      ['ffefffffffffffff', '-1.7976931348623157e+308'],
      ['4340000000000000', '9007199254740992'],
      ['c340000000000000', '-9007199254740992'],
      ['4430000000000000', '295147905179352830000'],
      ['44b52d02c7e14af5', '9.999999999999997e+22'],
      ['44b52d02c7e14af6', '1e+23'],
      ['44b52d02c7e14af7', '1.0000000000000001e+23'],
      ['444b1ae4d6e2ef4e', '999999999999999700000'],
      ['444b1ae4d6e2ef4f', '999999999999999900000'],
      ['444b1ae4d6e2ef50', '1e+21'],
      ['3eb0c6f7a0b5ed8c', '9.999999999999997e-7'],
      ['3eb0c6f7a0b5ed8d', '0.000001'],
      ['41b3de4355555553', '333333333.3333332'],
      ['41b3de4355555554', '333333333.33333325'],
      ['41b3de4355555555', '333333333.3333333'],
      ['41b3de4355555556', '333333333.3333334'],
      ['41b3de4355555557', '333333333.33333343'],
      ['becbf647612f3696', '-0.0000033333333333333333'],
      ['43143ff3c1cb0959', '1424953923781206.2'],
    ];
    for (const [hex, expected] of vectors) expect(canonicalJson(fromHex(hex)), hex).toBe(expected);
    expect(() => canonicalJson(fromHex('7fffffffffffffff'))).toThrow(CanonicalJsonError); // NaN
    expect(() => canonicalJson(fromHex('7ff0000000000000'))).toThrow(CanonicalJsonError); // Infinity
  });
});

describe('canonicalJson — input fence', () => {
  it('sorts nested objects, keeps array order, omits undefined members', () => {
    expect(canonicalJson({ b: [3, { d: 1, c: 2 }], a: undefined, c: null })).toBe('{"b":[3,{"c":2,"d":1}],"c":null}');
    expect(canonicalJson(Object.assign(Object.create(null) as object, { z: 1, y: 2 }) as JsonValue)).toBe(
      '{"y":2,"z":1}',
    );
  });

  it('refuses values without one JSON meaning', () => {
    const bad: unknown[] = [
      Number.NaN,
      -Infinity,
      10n,
      () => 1,
      Symbol('x'),
      undefined,
      [undefined],
      new Date(0),
      new Map(),
      Buffer.from('x'),
      { nested: { when: new Date(0) } },
      '\uD800',
      { ['\uDC00']: 1 },
    ];
    for (const v of bad) expect(() => canonicalJson(v as JsonValue), String(v)).toThrow(CanonicalJsonError);
    const circular: Record<string, unknown> = {};
    circular.self = circular;
    expect(() => canonicalJson(circular as JsonValue)).toThrow(/Circular/);
  });

  it('names the path of the offending value', () => {
    expect(() => canonicalJson({ a: [1, { b: Number.NaN }] })).toThrow(/\$\.a\[1\]\.b/);
  });

  it('allows the same object twice when it is not circular', () => {
    const shared = { x: 1 };
    expect(canonicalJson({ a: shared, b: shared })).toBe('{"a":{"x":1},"b":{"x":1}}');
  });

  it('property: canonical form is stable under parse/re-serialise and key order', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (value) => {
        const c = canonicalJson(value);
        const reordered = JSON.parse(JSON.stringify(value), (_k, v: unknown) =>
          v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).reverse()) : v,
        ) as JsonValue;
        return canonicalJson(JSON.parse(c) as JsonValue) === c && canonicalJson(reordered) === c;
      }),
      { numRuns: 300 },
    );
  });
});
