import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PackedChunks } from '../src/engine/packed-chunks.js';
import {
  ChunkArray,
  parseManifest,
  referenceCanonicalJson,
  sealManifestEntries,
  sealManifestText,
  type Entry,
  type ManifestBody,
} from '../src/snapshot/manifest.js';

/** What sealing means, written plainly: the digest of the body's reference text, then the whole manifest's reference text. */
function referenceSeal(body: object): { digest: string; text: string } {
  const digest = `sha256:${createHash('sha256').update(referenceCanonicalJson(body)).digest('hex')}`;
  return { digest, text: referenceCanonicalJson({ ...body, digest }) + '\n' };
}

/** Strings a careless or hostile source hands a writer: non-ASCII, astral, lone surrogates, NFD, escapes. */
const awkward = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.string({ unit: 'binary', maxLength: 8 }),
  fc.constantFrom('é', 'e\u0301', '😀', '\ud800', '\udfff', 'a\ud83dz', '"', '\\', '\u0000', '\u001f', '\u2028', '€', '\u007f', ''),
);
const scalar = fc.oneof(
  awkward,
  fc.integer(),
  fc.constantFrom(0, -0, 2 ** 53 - 1, 1e21, 1e-7, 5e-324, Number.MAX_VALUE),
  fc.double({ noNaN: true, noDefaultInfinity: true }),
  fc.boolean(),
  fc.constant(null),
);
/** Top-level keys around `digest`, which sealing places by key: before, after, none on one side, escaped ones. */
const topKey = fc.oneof(
  fc.constantFrom('a', 'createdAt', 'depth', 'dig', 'digesa', 'digest0', 'digestz', 'e', 'entries', 'zzz', '"', '\\', 'é', '😀', '\ud800'),
  awkward,
);
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 4 }), fc.dictionary(awkward, scalar, { maxKeys: 4 }));
const body = fc.dictionary(topKey, value, { maxKeys: 8 }).map((o) => {
  delete o.digest; // a body has no digest of its own
  return o;
});

describe('sealing a manifest in one buffer', () => {
  it('writes byte for byte the reference text, and a digest of the body as the reference writes it', () => {
    fc.assert(
      fc.property(body, (b) => {
        const { manifest, bytes } = sealManifestText(b as unknown as ManifestBody);
        const ref = referenceSeal(b);
        expect(manifest.digest).toBe(ref.digest);
        expect(bytes.equals(Buffer.from(ref.text))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('places the digest first, last, alone, and after keys that are prefixes of it or escaped', () => {
    const cases: object[] = [
      {},
      { a: 1 },
      { zzz: 1 },
      { dig: 1, digest0: 2 },
      { '"': 1, '\\': [2], é: { x: '😀' }, '\ud800': '\udfff', e: 'e\u0301' },
      { createdAt: 'x', depth: 0, entries: [{ path: 'é/😀', sha256: 'a'.repeat(64) }], totals: { n: 2 ** 53 - 1 } },
    ];
    for (const b of cases) {
      const { manifest, bytes } = sealManifestText(b as ManifestBody);
      expect(bytes.equals(Buffer.from(referenceSeal(b).text))).toBe(true);
      expect(manifest.digest).toBe(referenceSeal(b).digest);
    }
  });

  it('keeps an own __proto__ key where the reference has it (and a reader then refuses the manifest)', () => {
    const b = JSON.parse('{"createdAt":"x","source":{"facts":{"__proto__":{"a":1}}}}') as object;
    const { bytes } = sealManifestText(b as ManifestBody);
    expect(bytes.equals(Buffer.from(referenceSeal(b).text))).toBe(true);
    expect(() => parseManifest(bytes)).toThrow(/__proto__/);
  });

  it('writes a long array a slice at a time, byte for byte as the reference writes it whole', () => {
    // Lengths around the slice size (128) and its multiples; elements awkward, unsorted keys and
    // undefined ones included, which send that member back to the general writer.
    const element = fc.oneof(
      { weight: 6, arbitrary: fc.record({ path: awkward, sha256: fc.constant('a'.repeat(64)), size: fc.integer({ min: 0 }) }) },
      { weight: 2, arbitrary: scalar },
      { weight: 1, arbitrary: fc.constantFrom({ z: 1, a: 2 }, [1, [2, '\ud800']], { a: undefined, b: 1 }) },
    );
    const length = fc.constantFrom(127, 128, 129, 255, 256, 257, 300, 513);
    fc.assert(
      fc.property(length, fc.array(element, { minLength: 1, maxLength: 8 }), fc.boolean(), (n, seed, late) => {
        const entries: unknown[] = Array.from({ length: n }, (_, i) => seed[i % seed.length]);
        if (late) entries[n - 1] = { z: 1, a: 'unsorted, in the last slice' };
        const b = { createdAt: 'x', entries, totals: { files: n } };
        const { manifest, bytes } = sealManifestText(b as unknown as ManifestBody);
        const ref = referenceSeal(b);
        expect(manifest.digest).toBe(ref.digest);
        expect(bytes.equals(Buffer.from(ref.text))).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('seals entries made one at a time byte for byte as the whole body, packs and totals decided by them once all are made', () => {
    const element = fc.oneof(
      { weight: 6, arbitrary: fc.record({ path: awkward, sha256: fc.constant('a'.repeat(64)), size: fc.integer({ min: 0 }) }) },
      { weight: 1, arbitrary: fc.constantFrom({ z: 1, a: 2 }, { a: undefined, b: 1 }, { path: '\ud800', type: 'dir' }) },
    );
    const length = fc.constantFrom(0, 1, 127, 128, 129, 256, 300);
    fc.assert(
      fc.property(body, length, fc.array(element, { minLength: 1, maxLength: 6 }), fc.boolean(), (head, n, seed, packed) => {
        for (const k of ['entries', 'packs', 'totals']) delete (head as Record<string, unknown>)[k];
        const entries = Array.from({ length: n }, (_, i) => seed[i % seed.length]) as unknown as Entry[];
        let made = 0;
        function* one() {
          for (const e of entries) {
            made++;
            yield e;
          }
        }
        const rest = () => ({ packs: [{ made }], totals: { files: made, last: entries.at(-1) ?? null } });
        // Kept as encoded, or compressed a piece at a time: the same bytes either way.
        const chunks = packed ? new PackedChunks() : new ChunkArray();
        const manifest = sealManifestEntries(head as never, one(), rest as never, chunks);
        const bytes = packed ? (chunks as PackedChunks).bytes() : Buffer.concat([...chunks]);
        const ref = referenceSeal({ ...head, entries, ...rest() });
        expect(made).toBe(n);
        expect(manifest.digest).toBe(ref.digest);
        expect(bytes.equals(Buffer.from(ref.text))).toBe(true);
        expect('entries' in manifest).toBe(false);
        expect(manifest).toMatchObject({ packs: [{ made: n }], totals: { files: n } });
      }),
      { numRuns: 200 },
    );
  });

  it('refuses an entry made undefined or of a shape JSON cannot hold, as the reference does', () => {
    for (const bad of [undefined, { a: 1n }, { f: () => 1 }]) {
      const entries = Array.from({ length: 200 }, (_, i) => (i === 150 ? bad : { i })) as unknown as Entry[];
      const rest = () => ({ packs: [], totals: {} });
      expect(() => sealManifestEntries({} as never, entries, rest as never, new ChunkArray())).toThrow(TypeError);
    }
  });

  it('refuses a long array with a hole or an undefined element, as the reference does', () => {
    const holes = Array.from({ length: 300 }, (_, i) => i);
    delete holes[200];
    const undef = Array.from({ length: 300 }, (_, i) => (i === 250 ? undefined : i));
    for (const entries of [holes, undef]) {
      expect(() => sealManifestText({ entries } as unknown as ManifestBody)).toThrow(TypeError);
      expect(() => referenceCanonicalJson({ entries })).toThrow(TypeError);
    }
  });
});
