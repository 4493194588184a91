import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParentContents } from '../src/engine/backup/parent-contents.js';
import { manifestTreeDigest } from '../src/engine/tree-digest.js';
import { comparePaths } from '../src/snapshot/entry-path.js';
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
      fc.property(
        fc.array(entry, { maxLength: 20 }),
        fc.array(entry, { maxLength: 5 }),
        fc.boolean(),
        fc.option(
          fc.tuple(fc.array(fc.boolean(), { maxLength: 40 }), fc.array(fc.string({ unit: 'binary', maxLength: 6 }), { maxLength: 6 })),
          {
            nil: undefined,
          },
        ),
        (entries, dropped, trust, scan) => {
          // A new scan (sorted, unique paths): some of the entries' paths and members, some others.
          const names = scan
            ? [
                ...new Set(
                  [
                    ...entries.flatMap((e) => [e.path, ...(e.type === 'file' && e.loc.member !== undefined ? [e.loc.member] : [])]),
                    ...scan[1],
                  ].filter((_, i) => scan[0][i % Math.max(1, scan[0].length)] !== false),
                ),
              ].sort(comparePaths)
            : undefined;
          const scanned = names && { length: names.length, path: (i: number) => names[i]! };
          const contents = new ParentContents(trust, undefined, undefined, scanned);
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
            expect(contents.memberAt(row)).toBe(member ?? first!.path);
            // Told by row only where the scan's path is the member itself.
            for (let i = 0; i < (names?.length ?? 3); i++)
              if (contents.memberIsScanned(row, i)) expect(names![i]).toBe(member ?? first!.path);
          }
          expect(contents.treeDigestOf()).toBe(manifestTreeDigest(entries));
          for (const e of [...dropped, ...entries]) {
            if (e.type !== 'file') continue;
            const last = files.findLast((f) => f.path === e.path);
            expect(contents.previous(e.path)).toStrictEqual(
              trust && last ? { size: last.size, mtimeMs: last.mtimeMs, exec: last.exec, sha256: last.sha256 } : undefined,
            );
          }
        },
      ),
      { numRuns: 500 },
    );
  });

  it('names a member by its row in the new scan when a scanned path is that name, and keeps it otherwise', () => {
    const file = (path: string, sha: string, member?: string): FileEntry => ({
      type: 'file',
      path,
      size: 1,
      mtimeMs: 1,
      exec: false,
      sha256: sha,
      loc: { pack: 0, offset: 0, length: 1, raw: 0, skip: 0, span: 1024, ...(member === undefined ? {} : { member }) },
    });
    const names = ['a', 'b', 'c/d', 'e', 'z'];
    const contents = new ParentContents(false, undefined, undefined, { length: names.length, path: (i) => names[i]! });
    // In path order, as a manifest gives them: 'b' is scanned, 'bb' (a file since deleted) is not,
    // 'q' is an explicit member out of that order, 'e' comes after it.
    contents.entry(file('b', SHAS[0]!));
    contents.entry(file('bb', SHAS[1]!));
    contents.entry(file('c/x', SHAS[2]!, 'q'));
    contents.entry(file('e', SHAS[3]!));
    expect([0, 1, 2, 3].map((r) => contents.memberAt(r))).toEqual(['b', 'bb', 'q', 'e']);
    expect(contents.memberIsScanned(0, 1)).toBe(true);
    expect(contents.memberIsScanned(1, 2)).toBe(false);
    expect(contents.memberIsScanned(2, 4)).toBe(false);
    // 'e' came after 'q' in the walk, so it is kept by name; it is still told right.
    expect(contents.memberIsScanned(3, 3)).toBe(false);
    expect(contents.memberAt(3)).toBe('e');
    // Two names UTF-8 makes one (lone surrogates both become U+FFFD): equal in path order, never taken for each other.
    const odd = ['\ud800'];
    const lone = new ParentContents(false, undefined, undefined, { length: 1, path: () => odd[0]! });
    lone.entry(file('\udfff', SHAS[0]!));
    expect(lone.memberAt(0)).toBe('\udfff');
    expect(lone.memberIsScanned(0, 0)).toBe(false);
    // Kept by row: 4 bytes, not the name's.
    const rows = (contents as unknown as { others: { length: number } }).others.length;
    expect(rows).toBe(3);
  });

  it('keeps only the contents a plan refers to, renumbered in order, each where it was, and looks up nothing after', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[0-9a-f]{64}$/), { minLength: 1, maxLength: 60 }),
        fc.array(fc.integer({ min: -3, max: 80 }), { maxLength: 120 }),
        (shas, refs) => {
          const names = shas.map((_, r) => `f${String(r).padStart(3, '0')}`);
          const contents = new ParentContents(true, undefined, 4, { length: names.length, path: (i) => names[i]! });
          shas.forEach((sha256, r) =>
            contents.entry({
              type: 'file',
              path: r % 5 === 4 ? `x/${names[r]!}` : names[r]!,
              size: r,
              mtimeMs: r,
              exec: false,
              sha256,
              loc: { pack: r % 3, offset: 10 * r, length: r + 1, raw: 100 * r, skip: r % 2, span: 512 * (r + 1) },
            }),
          );
          const before = shas.map((_, r) => ({ content: contents.contentAt(r), sha: contents.shaAt(r) }));
          // A plan's sources: a parent's row, or a negative number (stored in the new packs), kept as they are.
          const sources = Int32Array.from(refs, (x) => (x >= 0 ? x % shas.length : x));
          const planned = Array.from(sources);
          contents.keepOnly(sources);
          const used = [...new Set(planned.filter((x) => x >= 0))].sort((a, b) => a - b);
          planned.forEach((x, i) => {
            if (x < 0) return expect(sources[i]).toBe(x);
            // Renumbered in the order of the old rows; each answers as its old row did.
            expect(sources[i]).toBe(used.indexOf(x));
            expect(contents.contentAt(sources[i]!)).toStrictEqual(before[x]!.content);
            expect(contents.shaAt(sources[i]!)).toBe(before[x]!.sha);
            expect(contents.packAt(sources[i]!)).toBe(x % 3);
          });
          expect(() => contents.rowOf(shas[0]!)).toThrow(/looked up/);
          expect(() => contents.rowOfBytes(Buffer.from(shas[0]!, 'hex'))).toThrow(/looked up/);
          expect(contents.previous(names[0]!)).toBeUndefined();
        },
      ),
      { numRuns: 200 },
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
