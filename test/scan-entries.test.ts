import { describe, expect, it } from 'vitest';
import { ScanBuilder, ScanEntries, type ScannedEntry } from '../src/engine/backup/scan-entries.js';
import { comparePaths } from '../src/snapshot/entry-path.js';

/** Deterministic randomness, so that a failure reproduces. */
function rng(seed: number): () => number {
  let x = seed >>> 0 || 1;
  return () => {
    x ^= x << 13;
    x >>>= 0;
    x ^= x >>> 17;
    x ^= x << 5;
    x >>>= 0;
    return x / 2 ** 32;
  };
}

const PARTS = ['a', 'b', 'a.b', 'a/b', 'é', 'e\u0301', '\u{1F600}', '\uFFFF', 'z'];

function randomEntry(r: () => number, i: number): ScannedEntry {
  const path = `${PARTS[Math.floor(r() * PARTS.length)]}${i}/${PARTS[Math.floor(r() * PARTS.length)]}`;
  const absPath = r() < 0.2 ? `/elsewhere/${i}` : undefined;
  const own = absPath === undefined ? {} : { absPath };
  const mtimeMs = Math.floor(r() * 2 ** 41) - 2 ** 20;
  const kind = r();
  if (kind < 0.2) return { type: 'dir', path, ...own, mtimeMs, mode: Math.floor(r() * 0o1000) };
  if (kind < 0.4) return { type: 'symlink', path, ...own, target: `t${i}`, mtimeMs };
  const mode = Math.floor(r() * 0o1000);
  return { type: 'file', path, ...own, size: Math.floor(r() * 2 ** 40), mtimeMs, exec: (mode & 0o111) !== 0, mode, stamp: i };
}

describe('scan entries as columns', () => {
  it('gives back every entry as pushed, sorted as objects sorted by path would be (own disk paths and targets moving with their entry)', () => {
    const r = rng(20261201);
    for (let round = 0; round < 50; round++) {
      const entries = Array.from({ length: Math.floor(r() * 200) }, (_, i) => randomEntry(r, i));
      const b = new ScanBuilder();
      for (const e of entries) b.push(e);
      const sorted = b.sorted();
      const want = [...entries].sort((x, y) => comparePaths(x.path, y.path));
      expect([...sorted]).toEqual(want);
      expect(sorted.length).toBe(want.length);
      want.forEach((e, i) => {
        expect(sorted.path(i)).toBe(e.path);
        expect(sorted.type(i)).toBe(e.type);
        expect(sorted.isFile(i)).toBe(e.type === 'file');
        expect(sorted.ownAbsPath(i)).toBe(e.absPath);
        expect(sorted.mtimeMs(i)).toBe(e.mtimeMs);
        if (e.type === 'symlink') expect(sorted.target(i)).toBe(e.target);
        if (e.type === 'file')
          expect([sorted.size(i), sorted.stamp(i), sorted.exec(i), sorted.mode(i)]).toEqual([e.size, e.stamp, e.exec, e.mode]);
      });
      expect([...ScanEntries.of(entries)]).toEqual(entries);
      // The builder starts again empty once its entries are handed out.
      expect(b.length).toBe(0);
    }
  });
});
