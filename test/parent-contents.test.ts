import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParentContents } from '../src/engine/backup/parent-contents.js';
import { manifestTreeDigest } from '../src/engine/tree-digest.js';
import type { Entry, FileEntry } from '../src/snapshot/manifest.js';

const SHAS = ['a', 'b', 'c', 'd'].map((c) => c.repeat(64));
const count = fc.integer({ min: 0, max: 2 ** 40 });
const file: fc.Arbitrary<FileEntry> = fc.record(
  {
    path: fc.string({ unit: 'binary', minLength: 1, maxLength: 6 }),
    type: fc.constant('file' as const),
    size: count,
    exec: fc.boolean(),
    mode: fc.option(fc.constantFrom(0o644, 0o755, 0), { nil: undefined }),
    mtimeMs: fc.double({ noNaN: true, noDefaultInfinity: true }),
    sha256: fc.constantFrom(...SHAS),
    loc: fc.record(
      {
        pack: fc.integer({ min: 0, max: 9 }),
        offset: count,
        length: count,
        raw: count,
        skip: count,
        span: count,
        member: fc.string({ maxLength: 4 }),
      },
      { requiredKeys: ['pack', 'offset', 'length', 'raw', 'skip', 'span'] },
    ),
  },
  { requiredKeys: ['path', 'type', 'size', 'exec', 'mtimeMs', 'sha256', 'loc'] },
);
const entry: fc.Arbitrary<Entry> = fc.oneof(
  { weight: 4, arbitrary: file },
  { weight: 1, arbitrary: fc.record({ path: fc.string({ maxLength: 4 }), type: fc.constant('dir' as const), mtimeMs: fc.integer() }) },
  {
    weight: 1,
    arbitrary: fc.record({
      path: fc.string({ maxLength: 4 }),
      type: fc.constant('symlink' as const),
      target: fc.string({ maxLength: 4 }),
      mtimeMs: fc.integer(),
    }),
  },
);

describe('what an incremental keeps of its parent', () => {
  it('finds each content where the first file holding it is, as a map of the entries would, and the same tree digest', () => {
    fc.assert(
      fc.property(fc.array(entry, { maxLength: 20 }), fc.array(entry, { maxLength: 5 }), fc.boolean(), (entries, dropped, trust) => {
        const contents = new ParentContents(trust);
        // Entries taken before a restart (the whole route reads the manifest again) are forgotten.
        for (const e of dropped) contents.entry(e);
        contents.restart();
        for (const e of entries) contents.entry(e);
        const files = entries.filter((e): e is FileEntry => e.type === 'file');
        for (const sha of SHAS) {
          const first = files.find((f) => f.sha256 === sha);
          const row = contents.rowOf(sha);
          expect(row === undefined).toBe(first === undefined);
          if (row === undefined) continue;
          expect(contents.shaAt(row)).toBe(sha);
          expect(contents.packAt(row)).toBe(first!.loc.pack);
          const { member, ...loc } = first!.loc;
          expect(contents.contentAt(row)).toStrictEqual({ loc, member: member ?? first!.path, size: first!.size });
          expect(contents.content(sha)).toStrictEqual(contents.contentAt(row));
        }
        expect(contents.treeDigestOf()).toBe(manifestTreeDigest(entries));
        for (const e of [...dropped, ...entries]) {
          if (e.type !== 'file') continue;
          const last = files.findLast((f) => f.path === e.path);
          expect(contents.previous(e.path)).toStrictEqual(
            trust && last ? { size: last.size, mtimeMs: last.mtimeMs, exec: last.exec, sha256: last.sha256 } : undefined,
          );
        }
      }),
      { numRuns: 300 },
    );
  });

  it('answers nothing once released: every question throws rather than say the chain does not hold a content', () => {
    const contents = new ParentContents(true);
    const file = {
      type: 'file',
      path: 'a',
      size: 1,
      mtimeMs: 1,
      exec: false,
      sha256: SHAS[0]!,
      loc: { pack: 0, offset: 0, length: 1, raw: 0, skip: 0, span: 1 },
    } as const;
    contents.entry(file);
    expect(contents.rowOf(SHAS[0]!)).toBe(0);
    contents.release();
    for (const ask of [
      () => contents.rowOf(SHAS[0]!),
      () => contents.rowOf(SHAS[1]!),
      () => contents.content(SHAS[0]!),
      () => contents.packAt(0),
      () => contents.shaAt(0),
      () => contents.contentAt(0),
      () => contents.previous('a'),
      () => contents.treeDigestOf(),
    ])
      expect(ask).toThrow(/released/);
  });
});
