import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WrittenFiles } from '../src/engine/backup/written-files.js';
import type { FileEntry } from '../src/snapshot/manifest.js';

const count = fc.integer({ min: 0, max: Number.MAX_SAFE_INTEGER });
const file: fc.Arbitrary<FileEntry> = fc.record(
  {
    exec: fc.boolean(),
    loc: fc.record({ length: count, offset: count, pack: fc.constant(-1), raw: count, skip: count, span: count }),
    mode: fc.integer({ min: 0, max: 0o777 }),
    mtimeMs: fc.oneof(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constant(-0)),
    path: fc.string({ unit: 'binary', minLength: 1 }),
    sha256: fc.stringMatching(/^[0-9a-f]{64}$/),
    size: count,
    type: fc.constant('file' as const),
  },
  { requiredKeys: ['exec', 'loc', 'mtimeMs', 'path', 'sha256', 'size', 'type'] },
);

describe('the files a backup wrote, kept as numbers', () => {
  it('gives back each file as its writer reported it, in the key order of a manifest entry, at its new pack', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(file, fc.integer({ min: 0, max: 5 }), fc.boolean()), { maxLength: 12 }), (files) => {
        // Rows written in another order than the scan's, into room for just them.
        const rows = files.map((_, i) => 3 + files.length - 1 - i);
        const written = new WrittenFiles(files.length + 3, files.length);
        files.forEach(([f, pack, proven], i) => written.add(rows[i]!, pack, f, proven));
        expect(written.size).toBe(files.length);
        files.forEach(([f, pack, proven], i) => {
          const row = rows[i]!;
          const back = written.entry(row, f.path);
          const want = { ...f, loc: { ...f.loc, pack } };
          expect(back).toStrictEqual(want);
          // The same text: a manifest written from it is the one written from the writer's entry.
          expect(JSON.stringify(back)).toBe(JSON.stringify(want));
          expect(Object.is(back.mtimeMs, f.mtimeMs)).toBe(true);
          expect(written.has(row)).toBe(true);
          expect(written.proven(row)).toBe(proven);
          expect(written.sha256Of(row)).toBe(f.sha256);
        });
        for (let row = 0; row < 3; row++) expect([written.has(row), written.proven(row)]).toEqual([false, false]);
        if (files.length > 0) expect(() => written.add(0, 0, files[0]![0], false)).toThrow(/room/);
      }),
      { numRuns: 200 },
    );
  });
});
