import { createHash } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  canonicalJson,
  parseManifest,
  referenceCanonicalJson,
  sealManifest,
  sealManifestText,
  serializeManifest,
  type ManifestBody,
} from '../src/snapshot/manifest.js';

const sha = (text: string) => `sha256:${createHash('sha256').update(text).digest('hex')}`;
const id = (n: number) => `20261122T1435${String(n % 60).padStart(2, '0')}123Z-1a2b3c4d`;
const hex = fc.stringMatching(/^[0-9a-f]{64}$/);
const name = fc.stringMatching(/^[a-z][a-z0-9._-]{0,12}$/);

/** Builds an object with its keys in the order given: sorted, or shuffled as a careless caller would. */
function ordered(pairs: Array<[string, unknown]>, shuffle: boolean): Record<string, unknown> {
  const list = shuffle ? [...pairs].reverse() : [...pairs].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return Object.fromEntries(list);
}

/** Random manifest bodies whose objects have their keys sorted or not, with optional fields present or undefined. */
const manifestBody = fc
  .record({
    shuffle: fc.boolean(),
    files: fc
      .uniqueArray(
        fc.record({
          path: name,
          size: fc.nat({ max: 5000 }),
          sha: hex,
          mode: fc.constantFrom(0o644, 0o755),
          member: fc.option(name, { nil: undefined }),
          mtime: fc.double({ min: 0, max: 2e12, noNaN: true }),
        }),
        { selector: (f) => f.path, maxLength: 8 },
      )
      .map((fs) => fs.sort((a, b) => (a.path < b.path ? -1 : 1))),
    facts: fc.dictionary(
      fc.oneof(fc.string({ maxLength: 6 }), fc.constantFrom('1', '10', '9', '__x', '\ud800')),
      fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.boolean(), fc.constant(null)),
      { maxKeys: 5 },
    ),
    extra: fc.option(fc.constantFrom('aaa', 'dig', 'digest0', 'zzz', 'e'), { nil: undefined }),
  })
  .map(({ shuffle, files, facts, extra }) => {
    const entries = files.map((f, i) =>
      ordered(
        [
          ['path', `d/${f.path}`],
          ['type', 'file'],
          ['size', f.size],
          ['exec', f.mode === 0o755],
          ['mode', f.mode],
          ['mtimeMs', f.mtime],
          ['sha256', f.sha],
          [
            'loc',
            ordered(
              [
                ['pack', 0],
                ['offset', i],
                ['length', 1],
                ['raw', 0],
                ['skip', 0],
                ['span', 512 + f.size],
                ['member', f.member],
              ],
              shuffle,
            ),
          ],
        ],
        shuffle,
      ),
    );
    const body = ordered(
      [
        ['format', 'index-vault.snapshot'],
        ['formatVersion', 2],
        ['tool', 'index-vault test'],
        ['id', id(files.length)],
        ['series', 's'],
        ['kind', 'full'],
        ['parent', null],
        ['depth', 0],
        ['createdAt', '2026-11-22T14:35:01.123Z'],
        [
          'source',
          ordered(
            [
              ['name', 'src'],
              ['format', 'dir'],
              ['platform', 'linux'],
              ['facts', facts],
            ],
            shuffle,
          ),
        ],
        [
          'packs',
          [
            ordered(
              [
                ['name', 'p-000.tar.zst'],
                ['origin', id(0)],
                ['codec', 'zstd'],
                ['size', 100],
                ['sha256', 'a'.repeat(64)],
                ['rawSize', 1e6],
              ],
              shuffle,
            ),
          ],
        ],
        [
          'entries',
          [
            ordered(
              [
                ['path', 'd'],
                ['type', 'dir'],
                ['mode', 0o755],
                ['mtimeMs', 1],
              ],
              shuffle,
            ),
            ...entries,
          ],
        ],
        [
          'totals',
          ordered(
            [
              ['files', files.length],
              ['dirs', 1],
              ['symlinks', 0],
              ['bytes', files.reduce((n, f) => n + f.size, 0)],
              ['packedBytes', 100],
              ['storedBytes', 100],
            ],
            shuffle,
          ),
        ],
        ...(extra === undefined ? [] : [[extra, { b: 1, a: [2] }] as [string, unknown]]),
      ],
      shuffle,
    );
    return body as unknown as ManifestBody;
  });

describe('canonical JSON fast path', () => {
  it('writes every manifest exactly as the reference writer does, sorted or not', () => {
    fc.assert(
      fc.property(manifestBody, (body) => {
        expect(canonicalJson(body)).toBe(referenceCanonicalJson(body));
        const { manifest, bytes } = sealManifestText(body);
        // The digest is of the body's reference text; the stored bytes are the whole manifest's.
        expect(manifest.digest).toBe(sha(referenceCanonicalJson(body)));
        expect(bytes.toString()).toBe(referenceCanonicalJson(manifest) + '\n');
        expect(serializeManifest(manifest).equals(bytes)).toBe(true);
        expect(sealManifest(body)).toEqual(manifest);
      }),
      { numRuns: 200 },
    );
  });

  it('reads back what it seals, and refuses the same text with one byte or one key moved', () => {
    fc.assert(
      fc.property(manifestBody, (body) => {
        const { bytes } = sealManifestText(body);
        expect(serializeManifest(parseManifest(bytes)).equals(bytes)).toBe(true);
        // Whitespace after the first key: same JSON, not the canonical text.
        const spaced = Buffer.from(bytes.toString().replace('":', '": '));
        expect(() => parseManifest(spaced)).toThrow(/not in canonical form/);
      }),
      { numRuns: 100 },
    );
  });

  it('takes the reference path for what JSON.stringify would write differently', () => {
    const cases: unknown[] = [
      { b: 1, a: 2 },
      { '10': 1, '9': 2 },
      { a: 1, b: undefined, c: [1, { y: 1, x: 2 }] },
      Object.assign(Object.create(null) as object, { b: 1, a: 2 }),
      { a: { toJSON: 'not a function' } },
      [{ b: [{ d: 1, c: 1 }], a: 0 }],
    ];
    for (const value of cases) expect(canonicalJson(value)).toBe(referenceCanonicalJson(value));
    // What the reference refuses, the fast path does not write instead (JSON.stringify would write null or call toJSON).
    for (const bad of [
      [1, undefined],
      // eslint-disable-next-line no-sparse-arrays -- a hole is what is being refused
      [1, , 2],
      { a: { toJSON: () => 1 } },
      { a: new Date(0) },
      { a: [NaN] },
      [new Number(1)],
      Object.create({ a: 1 }) as object,
    ]) {
      expect(() => canonicalJson(bad)).toThrow(TypeError);
    }
    // A toJSON added to a prototype changes nothing: JSON.stringify would call it, the rule does not.
    const proto = Object.prototype as { toJSON?: () => unknown };
    Object.defineProperty(proto, 'toJSON', { value: () => 'polluted', configurable: true, enumerable: false, writable: true });
    try {
      expect(canonicalJson({ a: [1, { b: 2 }] })).toBe('{"a":[1,{"b":2}]}');
    } finally {
      delete proto.toJSON;
    }
    let deep: unknown = 1;
    for (let i = 0; i < 200; i++) deep = { a: [deep] };
    expect(canonicalJson(deep)).toBe(referenceCanonicalJson(deep));
  });
});
