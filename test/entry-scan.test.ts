import { isUtf8 } from 'node:buffer';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchCanonicalPiece } from '../src/snapshot/canonical-text.js';
import { scanEntries } from '../src/snapshot/entry-scan.js';
import { canonicalJson, type Entry } from '../src/snapshot/manifest.js';

/** The general way's answer for a piece: JSON.parse, then the canonical match (manifest-stream.ts's parsePiece). */
function general(bytes: Buffer): unknown {
  if (!isUtf8(bytes)) return undefined;
  const text = bytes.toString('utf8');
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  const m = matchCanonicalPiece(text, value, 1);
  return m && !m.protoKey ? value : undefined;
}

const scan = (bytes: Buffer) => scanEntries(bytes, 0, bytes.length);
/** A piece as a manifest's stream cuts it: entries' canonical text between `[` and `]`. */
const piece = (entries: unknown[]) => Buffer.from(`[${entries.map((e) => canonicalJson(e)).join(',')}]`, 'utf8');
/** Keys in order, at every level: what JSON.parse makes, exactly. */
const shape = (v: unknown): unknown => JSON.stringify(v);

const file = (over: Partial<Record<string, unknown>> = {}, loc: Partial<Record<string, unknown>> = {}) => ({
  exec: false,
  loc: { length: 277913, offset: 0, pack: 0, raw: 216064, skip: 216064, span: 9728, ...loc },
  mode: 0o644,
  mtimeMs: 1796284562606,
  path: 'd000/s000/f0000000.txt',
  sha256: '8f9e918b39f9456a1c4935578dcb7a8450d171d4ad543f83569bc033e4b845b4',
  size: 9073,
  type: 'file',
  ...over,
});

describe('entries read straight from their bytes', () => {
  it('reads the shapes index-vault writes exactly as JSON.parse does, keys in the same order', () => {
    const entries: unknown[] = [
      { mode: 0o755, mtimeMs: 1796284563242, path: 'd000', type: 'dir' },
      { mtimeMs: 0, path: 'old', type: 'dir' },
      file(),
      file({ exec: true, mode: 0o755, path: 'd000/run.sh' }),
      // Format 1: no mode.
      (({ mode: _, ...rest }) => rest)(file({ path: 'd000/v1' })),
      file({ path: 'd000/é ü 日本.txt', mtimeMs: -86400000, size: 0 }, { pack: 3, offset: 999999999999999, span: 512 }),
      { mtimeMs: 1796284562606, path: 'link', target: '../d000/x y', type: 'symlink' },
    ];
    const bytes = piece(entries);
    const got = scan(bytes);
    expect(got).toBeDefined();
    expect(shape(got)).toBe(shape(general(bytes)));
    expect(got).toEqual(entries);
  });

  it('leaves every other spelling and shape to the general way, which decides', () => {
    const leftAlone: unknown[][] = [
      [file({ path: 'a\\b' })], // an escape in a string
      [file({ path: 'tab\there' })],
      [file({ mtimeMs: 1796284562606.25 })], // a fraction
      [file({ size: 1e15 })], // 16 digits
      [file({ mtimeMs: 1e21 })], // exponent notation
      [file({}, { member: 'shared/name' })], // a shared member name
      [{ ...file(), extra: 1 }],
      [{ mode: 0o644, mtimeMs: 1, path: 'l', target: 'x', type: 'symlink' }],
    ];
    for (const entries of leftAlone) {
      const bytes = piece(entries);
      expect(scan(bytes), bytes.toString()).toBeUndefined();
      // Each is still a manifest's canonical text: the general way reads it.
      expect(general(bytes), bytes.toString()).toEqual(entries);
    }
  });

  it('accepts nothing the general way refuses: non-canonical spellings, broken UTF-8, stray bytes', () => {
    const base = piece([file(), { mode: 0o755, mtimeMs: 5, path: 'd', type: 'dir' }]).toString('latin1');
    const variants = [
      base.replace('"size":9073', '"size":09073'),
      base.replace('"size":9073', '"size":9073.0'),
      base.replace('"size":9073', '"size":-0'),
      base.replace('"size":9073', '"size": 9073'),
      base.replace('"size":9073', '"size":+9073'),
      base.replace('"exec":false', '"exec":fals'),
      base.replace('"exec":false', '"exec":0'),
      base.replace('{"exec"', '{ "exec"'),
      base.replace('"d000/s000/f0000000.txt"', '"d000/s000/f000000\\u0030.txt"'),
      base.replace('"mode":493', '"mode":493,"mode":493'),
      base.replace('"type":"dir"}', '"type":"dir"},'),
      base.replace('"type":"dir"}', '"type":"dir"} '),
      base.replace('"type":"dir"}', '"type":"dir"'),
      base.replace(',{"mode"', '{"mode"'),
      base.replace('"path":"d"', '"path":"d\u00ff"'), // one byte 0xff in latin1: not UTF-8
      base.replace('"path":"d"', '"path":"\u00ed\u00a0\u0080"'), // a surrogate's UTF-8 spelling
      base.replace('"mtimeMs":1796284562606', '"mtimeMs":"1796284562606"'),
      base.replace('"type":"file"', '"type":"File"'),
      base.replace('"loc":{"length"', '"loc":{"__proto__":1,"length"'),
      base.slice(0, -1),
      `${base} `,
    ];
    for (const v of variants) {
      const bytes = Buffer.from(v, 'latin1');
      expect(v).not.toBe(base);
      expect(scan(bytes), v).toBeUndefined();
    }
  });

  it('for any bytes it reads, reads what the general way reads (random entries, each byte mutated)', () => {
    const text = fc.oneof(
      fc.stringMatching(/^[a-z0-9/._-]{1,12}$/),
      fc.string({ unit: 'grapheme', maxLength: 6 }),
      fc.string({ maxLength: 4 }),
    );
    const num = fc.oneof(fc.nat(), fc.integer({ min: -1e15 + 1, max: 1e15 - 1 }), fc.constantFrom(0, 1e15, 2 ** 53, 0.5));
    const entry = fc.oneof(
      fc
        .record({
          exec: fc.boolean(),
          loc: fc.record({ length: num, offset: num, pack: num, raw: num, skip: num, span: num }),
          mode: fc.option(num, { nil: undefined }),
          mtimeMs: num,
          path: text,
          sha256: text,
          size: num,
        })
        .map((f) => ({ ...f, type: 'file' })),
      fc.record({ mode: fc.option(num, { nil: undefined }), mtimeMs: num, path: text }).map((d) => ({ ...d, type: 'dir' })),
      fc.record({ mtimeMs: num, path: text, target: text }).map((l) => ({ ...l, type: 'symlink' })),
    );
    const mutation = fc.record({
      at: fc.nat(),
      byte: fc.integer({ min: 0, max: 255 }),
      how: fc.constantFrom('set', 'insert', 'delete', 'none'),
    });
    let read = 0;
    fc.assert(
      fc.property(fc.array(entry, { minLength: 1, maxLength: 4 }), fc.array(mutation, { maxLength: 2 }), (entries, mutations) => {
        let bytes = piece(entries.map((e) => JSON.parse(JSON.stringify(e)) as Entry));
        for (const m of mutations) {
          const at = m.at % (bytes.length + 1);
          if (m.how === 'set' && at < bytes.length) (bytes = Buffer.from(bytes))[at] = m.byte;
          else if (m.how === 'insert') bytes = Buffer.concat([bytes.subarray(0, at), Buffer.from([m.byte]), bytes.subarray(at)]);
          else if (m.how === 'delete') bytes = Buffer.concat([bytes.subarray(0, at), bytes.subarray(at + 1)]);
        }
        const got = scan(bytes);
        if (got === undefined) return;
        read++;
        const reference = general(bytes);
        expect(reference).toBeDefined();
        expect(shape(got)).toBe(shape(reference));
      }),
      { numRuns: 4000 },
    );
    // The fast way was taken often enough for the comparison to mean something.
    expect(read).toBeGreaterThan(400);
  });
});
