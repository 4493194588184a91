import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalJson, manifestDigest, serializeManifest, type ManifestBody } from '../src/snapshot/manifest.js';

/**
 * RFC 8785 written out again from its text, independently of the code under test: keys compared
 * code unit by code unit, the mandated escapes only, numbers by Number.prototype.toString. One
 * documented difference: a lone surrogate is escaped (`\udxxx`) where JCS would refuse it.
 */
function jcs(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') return Object.is(value, -0) ? '0' : Number.prototype.toString.call(value);
  if (typeof value === 'string') return quote(value);
  if (Array.isArray(value)) return `[${value.map(jcs).join(',')}]`;
  const obj = value as Record<string, unknown>;
  const keys = Object.keys(obj).sort(byCodeUnits);
  return `{${keys.map((k) => `${quote(k)}:${jcs(obj[k])}`).join(',')}}`;
}

function byCodeUnits(a: string, b: string): number {
  for (let i = 0; i < Math.min(a.length, b.length); i++) {
    const d = a.charCodeAt(i) - b.charCodeAt(i);
    if (d !== 0) return d;
  }
  return a.length - b.length;
}

function quote(s: string): string {
  const named: Record<number, string> = { 0x08: '\\b', 0x09: '\\t', 0x0a: '\\n', 0x0c: '\\f', 0x0d: '\\r', 0x22: '\\"', 0x5c: '\\\\' };
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    const high = c >= 0xd800 && c <= 0xdbff;
    const low = c >= 0xdc00 && c <= 0xdfff;
    const paired =
      (high && i + 1 < s.length && s.charCodeAt(i + 1) >= 0xdc00 && s.charCodeAt(i + 1) <= 0xdfff) ||
      (low && i > 0 && s.charCodeAt(i - 1) >= 0xd800 && s.charCodeAt(i - 1) <= 0xdbff);
    if (named[c] !== undefined) out += named[c];
    else if (c < 0x20 || ((high || low) && !paired)) out += `\\u${c.toString(16).padStart(4, '0')}`;
    else out += s[i];
  }
  return `${out}"`;
}

/** Any Unicode scalar value (fast-check's own 'binary' unit takes seconds to set up). */
const codePoint = fc
  .integer({ min: 0, max: 0x10ffff })
  .filter((c) => c < 0xd800 || c > 0xdfff)
  .map((c) => String.fromCodePoint(c));

/** Any string, lone surrogates included. */
const anyString = fc.string({ unit: fc.integer({ min: 0, max: 0xffff }).map((c) => String.fromCharCode(c)), maxLength: 12 });
const jsonValue = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.constant(null),
    fc.boolean(),
    fc.double({ noNaN: true, noDefaultInfinity: true }),
    fc.integer(),
    fc.string({ unit: codePoint, maxLength: 12 }),
    anyString,
    fc.array(tie('value'), { maxLength: 5 }),
    fc.dictionary(fc.oneof(anyString, fc.constantFrom('1', '10', '9', 'a', 'A', '\u20ac', '\ud83d\ude00', '\ufb33')), tie('value'), {
      maxKeys: 6,
    }),
  ),
})).value;

describe('canonical JSON (RFC 8785)', () => {
  it('sorts keys by UTF-16 code units: the RFC 8785 sorting example', () => {
    const input = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    const keys = Object.keys(JSON.parse(canonicalJson(input)) as object);
    // JSON.parse puts the integer-like "1" first whatever the text says: compare the text's order.
    const order = [...canonicalJson(input).matchAll(/"((?:[^"\\]|\\.)*)":/g)].map((m) => JSON.parse(`"${m[1]}"`) as string);
    expect(order).toEqual(['\r', '1', '\u0080', '\u00f6', '\u20ac', '\ud83d\ude00', '\ufb33']);
    expect(new Set(keys)).toEqual(new Set(order));
    // A surrogate pair sorts by its code units (0xd83d), before U+FB33, not by its code point.
    expect(canonicalJson({ '\ufb33': 1, '\u{1f600}': 2 })).toBe('{"\u{1f600}":2,"\ufb33":1}');
    expect(canonicalJson({ '10': 0, '9': 0, b: 0, a: { z: 1, y: [{ d: 1, c: 2 }] } })).toBe(
      '{"10":0,"9":0,"a":{"y":[{"c":2,"d":1}],"z":1},"b":0}',
    );
  });

  it('writes the RFC 8785 main example exactly', () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    ) as unknown;
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });

  it('writes numbers as ECMAScript does: the RFC 8785 number vectors', () => {
    const vectors: Array<[string, string]> = [
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
    for (const [bits, text] of vectors) {
      const n = Buffer.from(bits, 'hex').readDoubleBE(0);
      expect(canonicalJson(n), bits).toBe(text);
      expect(canonicalJson([n]), bits).toBe(`[${text}]`);
    }
    expect(canonicalJson({ a: -0 })).toBe('{"a":0}');
    expect(canonicalJson(0.1 + 0.2)).toBe('0.30000000000000004');
    expect(canonicalJson(1e21)).toBe('1e+21');
    expect(canonicalJson(1e20)).toBe('100000000000000000000');
    expect(canonicalJson(1e-7)).toBe('1e-7');
  });

  it('refuses what JSON cannot hold instead of writing null or nothing', () => {
    for (const bad of [
      NaN,
      Infinity,
      -Infinity,
      [1, undefined],
      [() => 1],
      10n,
      Symbol('s'),
      undefined,
      new Date(0),
      new Map(),
      { a: NaN },
      { a: [Infinity] },
    ]) {
      expect(() => canonicalJson(bad), String(typeof bad)).toThrow(TypeError);
    }
    // An undefined property is absent, as an optional field is.
    expect(canonicalJson({ a: undefined, b: 1 })).toBe('{"b":1}');
    expect(canonicalJson(Object.assign(Object.create(null) as object, { b: 1, a: 2 }))).toBe('{"a":2,"b":1}');
  });

  it('escapes only what RFC 8785 mandates, in lowercase hex', () => {
    let all = '';
    for (let c = 0; c < 0x80; c++) all += String.fromCharCode(c);
    const expected =
      '"\\u0000\\u0001\\u0002\\u0003\\u0004\\u0005\\u0006\\u0007\\b\\t\\n\\u000b\\f\\r\\u000e\\u000f' +
      '\\u0010\\u0011\\u0012\\u0013\\u0014\\u0015\\u0016\\u0017\\u0018\\u0019\\u001a\\u001b\\u001c\\u001d\\u001e\\u001f' +
      ' !\\"#$%&\'()*+,-./0123456789:;<=>?@ABCDEFGHIJKLMNOPQRSTUVWXYZ[\\\\]^_`abcdefghijklmnopqrstuvwxyz{|}~\u007f"';
    expect(canonicalJson(all)).toBe(expected);
    // Everything above U+007F is written as itself (UTF-8 in the file), U+2028/2029 included.
    expect(canonicalJson('é€\u2028\u2029\u{1f600}\ufeff')).toBe('"é€\u2028\u2029\u{1f600}\ufeff"');
    // The documented difference from JCS: a lone surrogate (which JCS refuses) is escaped.
    expect(canonicalJson('a\ud800b\udfff')).toBe('"a\\ud800b\\udfff"');
    expect(canonicalJson({ '\udc00': 1 })).toBe('{"\\udc00":1}');
  });

  it('agrees with an independent RFC 8785 serializer, and is a fixed point of parsing (property)', () => {
    fc.assert(
      fc.property(jsonValue, (v) => {
        const text = canonicalJson(v);
        expect(text).toBe(jcs(v));
        expect(canonicalJson(JSON.parse(text))).toBe(text);
      }),
      { numRuns: 500 },
    );
  });

  it('does not depend on the order keys were inserted in (property)', () => {
    fc.assert(
      fc.property(fc.dictionary(anyString, fc.integer(), { maxKeys: 8 }), fc.integer(), (d, seed) => {
        const entries = Object.entries(d);
        const shuffled = entries
          .map((e, i) => [e, (i * 7919 + seed) % 101] as const)
          .sort((a, b) => a[1] - b[1])
          .map(([e]) => e);
        expect(canonicalJson(Object.fromEntries(shuffled))).toBe(canonicalJson(d));
      }),
    );
  });

  it('is what the manifest digest covers: sha256 of the canonical JSON of every field but `digest`', () => {
    const body = {
      format: 'index-vault.snapshot',
      formatVersion: 2,
      tool: 't',
      entries: [],
      source: { name: 'é', format: 'dir', platform: 'linux' },
    } as unknown as ManifestBody;
    const hex = createHash('sha256')
      .update(Buffer.from(canonicalJson(body), 'utf8'))
      .digest('hex');
    expect(manifestDigest(body)).toBe(`sha256:${hex}`);
    const sealed = { ...body, digest: manifestDigest(body) } as unknown as Parameters<typeof serializeManifest>[0];
    expect(serializeManifest(sealed).toString('utf8')).toBe(`${canonicalJson(sealed)}\n`);
    // `digest` sorts between `createdAt`/`depth` and `entries` like any other key.
    expect(serializeManifest(sealed).toString('utf8')).toMatch(/^\{"digest":"sha256:[0-9a-f]{64}","entries":\[\],"format"/);
  });
});
