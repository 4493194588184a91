import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseBoundedJson } from '../src/shared/bounded-json.js';
import { IntegrityError } from '../src/shared/errors.js';
import { matchCanonicalPiece, matchCanonicalText } from '../src/snapshot/canonical-text.js';
import { comparePaths } from '../src/snapshot/entry-path.js';
import {
  FORMAT_VERSION,
  MANIFEST_FORMAT,
  MAX_MANIFEST_BYTES,
  parseManifest,
  referenceCanonicalJson,
  sealManifestText,
  type ManifestBody,
} from '../src/snapshot/manifest.js';

const sha = (b: Buffer | string) => `sha256:${createHash('sha256').update(b).digest('hex')}`;

/**
 * The checks parseManifest made before it matched texts in place, written out plainly: parse
 * (size, depth, JSON), `__proto__` keys, shape, format, version, digest of the reference text,
 * byte-exact canonical form. The fast route must throw the same message for every input, and
 * pass exactly what this passes.
 */
function referenceFront(bytes: Buffer, what = 'manifest'): string | undefined {
  try {
    const m = parseBoundedJson(bytes, what, MAX_MANIFEST_BYTES) as Record<string, unknown>;
    const walk = (v: unknown, at: string): string | undefined => {
      if (v === null || typeof v !== 'object') return undefined;
      if (Array.isArray(v)) {
        for (let i = 0; i < v.length; i++) {
          const f = walk(v[i], `${at}[${i}]`);
          if (f) return f;
        }
        return undefined;
      }
      if (Object.prototype.hasOwnProperty.call(v, '__proto__')) return at;
      for (const [k, c] of Object.entries(v)) {
        const f = walk(c, at === '(top)' ? k : `${at}.${k}`);
        if (f) return f;
      }
      return undefined;
    };
    const proto = walk(m, '(top)');
    if (proto) return `${what} is malformed: it has a "__proto__" key at ${proto}`;
    if (m === null || typeof m !== 'object' || Array.isArray(m)) return `${what} is malformed: not an object`;
    if (m.format !== MANIFEST_FORMAT) return `${what} is malformed: format is ${JSON.stringify(m.format)}, expected ${MANIFEST_FORMAT}`;
    const v = m.formatVersion;
    if (!Number.isSafeInteger(v) || (v as number) < 1 || (v as number) > FORMAT_VERSION) return 'version';
    const { digest, ...body } = m;
    // A number past a double's range parses to ±Infinity, which has no canonical text.
    let canonicalBody: string;
    try {
      canonicalBody = referenceCanonicalJson(body);
    } catch {
      return `${what} is not in canonical form`;
    }
    if (typeof digest !== 'string' || sha(canonicalBody) !== digest) return `${what} digest does not match its content`;
    if (!bytes.equals(Buffer.from(referenceCanonicalJson(m) + '\n'))) return `${what} is not in canonical form`;
    return undefined;
  } catch (err) {
    return (err as Error).message;
  }
}

/** parseManifest's answer, cut to what referenceFront decides: later checks (entries, totals) are the same code as before. */
function fastFront(bytes: Buffer): string | undefined {
  try {
    parseManifest(bytes);
    return undefined;
  } catch (err) {
    const message = (err as Error).message;
    if (/snapshot format|unknown format version/.test(message)) return 'version';
    return /is malformed: (it has a "__proto__"|not an object|format is)|digest does not match|not in canonical form|larger than|nested more|not valid JSON/.test(
      message,
    )
      ? message
      : undefined;
  }
}

const id = '20261122T143501123Z-1a2b3c4d';
/** A small valid body; `extra` top-level members exercise keys before and after `digest`, non-ASCII text and odd values. */
function body(paths: string[], extra: Record<string, unknown>): ManifestBody {
  const entries = paths.map((p, i) => ({
    exec: false,
    loc: { length: 1, offset: i, pack: 0, raw: 0, skip: 0, span: 512 + i },
    mode: 0o644,
    mtimeMs: 1_700_000_000_000.5 + i / 3,
    path: p,
    sha256: 'a'.repeat(64),
    size: i,
    type: 'file' as const,
  }));
  return {
    ...extra,
    createdAt: '2026-11-22T14:35:01.123Z',
    depth: 0,
    entries,
    format: MANIFEST_FORMAT,
    formatVersion: 2,
    id,
    kind: 'full',
    packs: [{ codec: 'zstd', name: 'p-000.tar.zst', origin: id, rawSize: 1e9, sha256: 'b'.repeat(64), size: 1e9 }],
    parent: null,
    series: 's',
    source: { format: 'dir', name: 'src', platform: 'linux' },
    tool: 'index-vault test',
    totals: { bytes: entries.reduce((n, e) => n + e.size, 0), dirs: 0, files: entries.length, packedBytes: 1, storedBytes: 1, symlinks: 0 },
  } as ManifestBody;
}

const pathName = fc.constantFrom('a', 'b.txt', 'café', '日本', '\u{1f600}', 'x y', 'q"uote', 'tab\there', 'nl\n', '\u2028', '\x7f');
const oddValue = fc.oneof(
  fc.constantFrom(
    -0,
    1e21,
    1e-7,
    5e-324,
    0.1 + 0.2,
    2 ** 60,
    -1.5e300,
    // Whole numbers matched digit by digit: the edges of that route.
    0,
    9,
    10,
    99,
    100,
    1e15,
    1e16 - 2,
    2 ** 53 - 1,
    2 ** 53,
    -1,
    'é',
    '\ud800',
    '\udfff x',
    '"\\',
    '\u0000\u001f',
    null,
    true,
    false,
  ),
  fc.string({ maxLength: 6 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.maxSafeNat(),
  fc.jsonValue({ maxDepth: 3 }),
);
const extras = fc.dictionary(fc.constantFrom('aaa', 'd', 'dig', 'digest0', 'e', 'zzz', '1', 'é', '__x'), oddValue, { maxKeys: 3 });
const sealed = fc
  .record({ paths: fc.uniqueArray(pathName, { maxLength: 5 }), extra: extras })
  .map(({ paths, extra }) => sealManifestText(body(paths.sort(comparePaths), extra)).bytes);

/** Ways an adversary (or a careless tool) rewrites a manifest so that it parses to the same value, or nearly. */
const mutation = fc.oneof(
  fc.record({
    kind: fc.constant('insert' as const),
    at: fc.nat(),
    text: fc.constantFrom(' ', '\n', '\t', '\r', ',', '0', '"', '\\', 'é', '\ud800'),
  }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), text: fc.constant('') }),
  fc.record({
    kind: fc.constant('replace' as const),
    at: fc.nat(),
    text: fc.constantFrom(
      ['0', '0.0'],
      ['1', '1.0'],
      ['5', '5e0'],
      ['2', '2E0'],
      [':', ': '],
      ['a', '\\u0061'],
      ['/', '\\/'],
      ['é', '\\u00e9'],
      ['\\ud800', '\\uD800'],
      ['"', ' "'],
      ['\\u001f', '\\u001F'],
      ['false', 'false '],
      ['e+21', 'e21'],
      ['e-7', 'E-7'],
      ['\u{1f600}', '\\ud83d\\ude00'],
    ),
  }),
  fc.record({ kind: fc.constant('duplicate' as const), at: fc.nat(), text: fc.constant('') }),
  fc.record({ kind: fc.constant('bytes' as const), at: fc.nat(), text: fc.constantFrom('\xff', '\xc3', '\xed\xa0\x80', '\xf0\x90\x80') }),
);

function mutate(bytes: Buffer, m: { kind: string; at: number; text: string | readonly string[] }): Buffer {
  const text = bytes.toString();
  const at = m.at % (text.length + 1);
  switch (m.kind) {
    case 'insert':
      return Buffer.from(text.slice(0, at) + (m.text as string) + text.slice(at));
    case 'delete':
      return Buffer.from(text.slice(0, at) + text.slice(at + 1));
    case 'replace': {
      const [from, to] = m.text as readonly string[];
      const i = text.indexOf(from!, at);
      const j = i >= 0 ? i : text.indexOf(from!);
      return j < 0 ? bytes : Buffer.from(text.slice(0, j) + to + text.slice(j + from!.length));
    }
    case 'duplicate': {
      // Repeats one member of the top-level object: the same value, written twice.
      const i = text.indexOf(',"', at);
      if (i < 0) return bytes;
      const end = text.indexOf(',"', i + 1);
      return end < 0 ? bytes : Buffer.from(text.slice(0, end) + text.slice(i, end) + text.slice(end));
    }
    default: {
      const b = Buffer.from(bytes);
      const cut = at % (b.length + 1);
      return Buffer.concat([b.subarray(0, cut), Buffer.from(m.text as string, 'latin1'), b.subarray(cut)]);
    }
  }
}

/** What a text parses to (none: not JSON), and whether it is that value's canonical JSON followed by `end`. */
function parsedText(text: string, end: string): { parsed: unknown; canonical: boolean } | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return undefined;
  }
  try {
    return { parsed, canonical: text === referenceCanonicalJson(parsed) + end };
  } catch {
    // A number too large for a double (1e400) parses to Infinity, which has no canonical form.
    return { parsed, canonical: false };
  }
}

describe('reading a manifest: matching the stored text in place', () => {
  it("matches only texts that are the canonical JSON of what they parse to, and every such text in JSON.stringify's order", () => {
    const value = fc.oneof(fc.jsonValue({ maxDepth: 4 }), oddValue, fc.dictionary(fc.string({ maxLength: 3 }), oddValue));
    fc.assert(
      fc.property(value, fc.option(mutation, { nil: undefined }), (v, m) => {
        const canonical = Buffer.from(referenceCanonicalJson(v) + '\n');
        const text = (m ? mutate(canonical, m) : canonical).toString();
        const read = parsedText(text, '\n');
        if (!read) return;
        const { parsed, canonical: canonical_ } = read;
        const matched = matchCanonicalText(text, parsed) !== undefined;
        // Never a match for a text that is not canonical; always one where JSON.stringify's key order is the sorted one
        // (otherwise, e.g. {"":1,"0":2}, whose "0" JSON.parse puts first, the reference decides).
        if (matched) expect(canonical_).toBe(true);
        if (canonical_ && JSON.stringify(parsed) + '\n' === text) expect(matched).toBe(true);
      }),
      { numRuns: 3000 },
    );
    // Values JSON.stringify writes but the canonical form refuses or writes otherwise.
    for (const [text, v] of [
      ['{"b":1,"a":2}\n', { b: 1, a: 2 }],
      ['[null]\n', [undefined]],
      ['{"a":1}\n', Object.assign(Object.create({ z: 1 }) as object, { a: 1 })],
      ['"2026-01-01T00:00:00.000Z"\n', new Date(0)],
      ['1\n', 1n],
    ] as Array<[string, unknown]>) {
      expect(matchCanonicalText(text, v)).toBeUndefined();
    }
  });

  it('matches a piece of a text (as the stream reads entries) exactly when it is the canonical JSON of what it parses to, and finds its __proto__ keys', () => {
    const protoKeyIn = (v: unknown): boolean =>
      v !== null &&
      typeof v === 'object' &&
      ((!Array.isArray(v) && Object.prototype.hasOwnProperty.call(v, '__proto__')) || Object.values(v as object).some(protoKeyIn));
    const keyed = fc.dictionary(fc.constantFrom('__proto__', 'a', 'b', '0', '', 'a"__proto__'), oddValue, { maxKeys: 3 });
    const value = fc.oneof(fc.jsonValue({ maxDepth: 4 }), oddValue, keyed, fc.array(keyed, { maxLength: 3 }));
    const check = (text: string) => {
      const read = parsedText(text, '');
      if (!read) return;
      const { parsed, canonical: canonical_ } = read;
      const match = matchCanonicalPiece(text, parsed, 1);
      if (match) expect(canonical_).toBe(true);
      if (canonical_ && JSON.stringify(parsed) === text) expect(match).toBeDefined();
      if (match) expect(match.protoKey).toBe(protoKeyIn(parsed));
    };
    fc.assert(
      fc.property(value, fc.option(mutation, { nil: undefined }), (v, m) => {
        // Own __proto__ keys as JSON.parse makes them (an object literal's would set the prototype).
        const canonical = referenceCanonicalJson(JSON.parse(JSON.stringify(v) ?? 'null'));
        check(m ? mutate(Buffer.from(canonical), m).toString() : canonical);
      }),
      { numRuns: 3000 },
    );
    for (const text of ['{"b":1,"a":2}', '{"a":1,"a":1}', '[{"__proto__":1}]', '{"a\\"__proto__":1}', '[1.0]', '{"a":1}\n']) check(text);
    // The depth bound counts from where the piece sits: containers 64 deep from the top are left to the reference.
    const nested = (n: number) => '['.repeat(n) + ']'.repeat(n);
    expect(matchCanonicalPiece(nested(63), JSON.parse(nested(63)), 1)).toBeDefined();
    expect(matchCanonicalPiece(nested(64), JSON.parse(nested(64)), 1)).toBeUndefined();
    // A polluted prototype (JSON.stringify would call its toJSON) changes no answer.
    const polluted = Object.prototype as { toJSON?: () => string };
    Object.defineProperty(polluted, 'toJSON', { value: () => 'x', configurable: true, writable: true });
    try {
      expect(matchCanonicalPiece('[{"a":1}]', [{ a: 1 }], 1)).toEqual({ protoKey: false });
      expect(matchCanonicalPiece('"x"', { a: 1 }, 1)).toBeUndefined();
    } finally {
      delete polluted.toJSON;
    }
  });

  it('refuses and accepts every rewritten manifest exactly as the reference checks do, with the same message', () => {
    fc.assert(
      fc.property(sealed, fc.array(mutation, { maxLength: 2 }), (bytes, ms) => {
        const changed = ms.reduce((b: Buffer, m) => mutate(b, m), bytes);
        expect(fastFront(changed)).toBe(referenceFront(changed));
      }),
      { numRuns: 1500 },
    );
  });

  it('accepts every manifest it seals, whatever its text, and hashes the digest from the bytes as stored', () => {
    fc.assert(
      fc.property(sealed, (bytes) => {
        const m = parseManifest(bytes);
        const { digest, ...rest } = m;
        expect(digest).toBe(sha(referenceCanonicalJson(rest)));
        expect(bytes.equals(Buffer.from(referenceCanonicalJson(m) + '\n'))).toBe(true);
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a number too large for a double (it parses to Infinity) as a damaged manifest, not with a raw TypeError', () => {
    const { bytes } = sealManifestText(body(['a'], { zzz: 5 }));
    for (const big of ['5e400', '-1e999', '1' + '0'.repeat(400)]) {
      const forged = Buffer.from(bytes.toString().replace('"zzz":5', `"zzz":${big}`));
      let thrown: unknown;
      try {
        parseManifest(forged);
      } catch (err) {
        thrown = err;
      }
      expect(thrown).toBeInstanceOf(IntegrityError);
      expect((thrown as IntegrityError).code).toBe('E_INTEGRITY');
      expect((thrown as Error).message).toBe('manifest is not in canonical form');
    }
  });

  it('refuses a manifest whose digest was recomputed over a non-canonical text, and one with an own __proto__ key, as before', () => {
    const { bytes } = sealManifestText(body(['a', 'b'], { aaa: 'é' }));
    // An adversary who recomputes the digest over the text as they wrote it, with a space in it.
    const spaced = bytes.toString().replace('"depth":0', '"depth": 0');
    const { digest: _d, ...rest } = JSON.parse(spaced) as Record<string, unknown>;
    const withoutDigest = spaced.replace(/,"digest":"sha256:[0-9a-f]{64}"/, '');
    expect(JSON.parse(withoutDigest)).toEqual(rest);
    const forged = Buffer.from(spaced.replace(/sha256:[0-9a-f]{64}/, sha(withoutDigest.trimEnd())));
    expect(() => parseManifest(forged)).toThrow(/digest does not match its content/);
    const proto = Buffer.from(bytes.toString().replace('"aaa":"é"', '"__proto__":"é"'));
    expect(() => parseManifest(proto)).toThrow(/has a "__proto__" key at \(top\)/);
    expect(fastFront(proto)).toBe(referenceFront(proto));
  });

  it('refuses bytes that are not UTF-8 even where they decode to as many characters as bytes, digest recomputed over them', () => {
    // U+FFFD is three bytes in a canonical text; a lone 0xFF decodes to it as one byte, so the
    // stored bytes are as long as their decoding while not being the canonical text.
    const canonical = sealManifestText(body(['a'], { aaa: 'x\ufffdy' })).bytes;
    const at = canonical.indexOf(Buffer.from('x\ufffdy'));
    const forged0 = Buffer.concat([canonical.subarray(0, at + 1), Buffer.from([0xff]), canonical.subarray(at + 4)]);
    const text = forged0.toString('utf8');
    expect(text.length).toBe(forged0.length);
    // The adversary recomputes the digest over the forged bytes, as the reader hashes them.
    const digestAt = text.indexOf(',"digest":');
    const end = text.indexOf('"', digestAt + ',"digest":"'.length) + 1;
    const digest = sha(Buffer.concat([forged0.subarray(0, digestAt), forged0.subarray(end, forged0.length - 1)]));
    const forged = Buffer.from(text.slice(0, digestAt) + `,"digest":"${digest}"` + text.slice(end), 'latin1');
    forged[at + 1] = 0xff;
    expect(forged.toString('utf8').length).toBe(forged.length);
    expect(() => parseManifest(forged)).toThrow(/digest does not match|not in canonical form/);
    expect(fastFront(forged)).toBe(referenceFront(forged));
  });
});
