import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ScanEntries, type ScannedEntry } from '../src/engine/backup/scan-entries.js';
import { WrittenFiles } from '../src/engine/backup/written-files.js';
import { FRAME_BYTES } from '../src/snapshot/codec.js';
import type { FileEntry } from '../src/snapshot/manifest.js';

/** Where [raw, raw + span) is, found by walking the frames one by one (what locationOf computes by division). */
function walkFrames(raw: number, span: number, sizes: readonly number[]): Pick<FileEntry['loc'], 'length' | 'offset' | 'skip'> {
  let offset = 0;
  let length = 0;
  let skip = 0;
  let at = 0;
  let compressed = 0;
  for (const size of sizes) {
    const end = at + FRAME_BYTES;
    if (raw >= at && raw < end) {
      offset = compressed;
      skip = raw - at;
    }
    if (raw < end && raw + span > at) length += size;
    at = end;
    compressed += size;
  }
  return { length, offset, skip };
}

const pack = fc.array(fc.integer({ min: 1, max: 2 ** 21 }), { minLength: 1, maxLength: 6 });
const written = fc.record({
  pack: fc.nat(2),
  at: fc.double({ min: 0, max: 1, noNaN: true }),
  length: fc.double({ min: 0, max: 1, noNaN: true }),
  proven: fc.boolean(),
  /** The writer saw the file otherwise than the scan (it changed in between). */
  changed: fc.option(fc.record({ size: fc.nat(), mtimeMs: fc.integer(), mode: fc.nat(0o777) })),
  sha256: fc.stringMatching(/^[0-9a-f]{64}$/),
});

describe('the files a backup wrote, kept as numbers', () => {
  it("gives back each file as its writer reported it, in a manifest entry's key order, located in its new pack's frames", () => {
    fc.assert(
      fc.property(fc.array(pack, { minLength: 3, maxLength: 3 }), fc.array(written, { maxLength: 12 }), (packs, files) => {
        // A directory first, then the files, written in another order than the scan's.
        const scanned: ScannedEntry[] = [{ type: 'dir', path: 'd', mtimeMs: 5, mode: 0o755 }];
        files.forEach((_, k) => {
          const mode = k % 2 ? 0o755 : 0o640;
          scanned.push({ type: 'file', path: `d/f${k}`, size: k * 1000, mtimeMs: 1e12 + k, exec: k % 2 === 1, mode, stamp: k });
        });
        const entries = ScanEntries.of(scanned);
        const table = new WrittenFiles(entries, files.length);
        packs.forEach((sizes, p) => table.addPack(p, sizes));
        const want: FileEntry[] = [];
        for (let k = files.length - 1; k >= 0; k--) {
          const w = files[k]!;
          const rawLength = packs[w.pack]!.length * FRAME_BYTES;
          const raw = Math.min(rawLength - 1, Math.floor(w.at * rawLength));
          const span = 1 + Math.floor(w.length * (rawLength - raw - 1));
          const scan = scanned[k + 1] as Extract<ScannedEntry, { type: 'file' }>;
          const seen = w.changed ? { ...w.changed, exec: (w.changed.mode & 0o111) !== 0 } : scan;
          const f: FileEntry = {
            exec: seen.exec,
            loc: { ...walkFrames(raw, span, packs[w.pack]!), pack: -1, raw, span },
            mode: seen.mode,
            mtimeMs: seen.mtimeMs,
            path: scan.path,
            sha256: w.sha256,
            size: seen.size,
            type: 'file',
          };
          table.add(k + 1, w.pack, f, w.proven);
          want[k] = f;
        }
        expect(table.size).toBe(files.length);
        files.forEach((w, k) => {
          const back = table.entry(k + 1);
          const { length, offset, raw, skip, span } = want[k]!.loc;
          const expected = { ...want[k]!, loc: { length, offset, pack: w.pack, raw, skip, span } };
          expect(back).toStrictEqual(expected);
          // The same text: a manifest written from it is the one written from the writer's entry.
          expect(JSON.stringify(back)).toBe(JSON.stringify(expected));
          expect([table.has(k + 1), table.proven(k + 1), table.sha256Of(k + 1)]).toEqual([true, w.proven, w.sha256]);
        });
        expect([table.has(0), table.proven(0)]).toEqual([false, false]);
        if (files.length > 0) expect(() => table.add(0, 0, want[0]!, false)).toThrow(/room/);
      }),
      { numRuns: 300 },
    );
  });
});
