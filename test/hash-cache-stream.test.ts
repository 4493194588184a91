import fs from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cacheFileFor, HashCache, type FileStamp, type ReadFiles } from '../src/fs-safety/hash-cache.js';
import { StampTable } from '../src/fs-safety/stamp-table.js';
import { cacheFilePieces, COLUMNS, encodeCacheFile, encodeCacheTable, type CacheRows } from '../src/fs-safety/hash-cache-file.js';
import { comparePaths } from '../src/snapshot/entry-path.js';
import { silent, tempDir } from './support/fixtures.js';

const sha = (n: number) => n.toString(16).padStart(64, '0');
/** Names whose order by code unit and by UTF-8 bytes differ, a lone surrogate (no cache can keep it), plain ones. */
const NAMES = ['a', 'b', 'B', 'é', '\uffff', '\u{1f600}', '\u{10000}x', 'a/b', 'z'.repeat(30), '日本', '\ud800'];
const old = 1_600_000_000_000_000_000n;
const recordedAt = old + 10_000_000_000n;
const stampOf = (i: number): FileStamp => ({ size: BigInt(i), mtimeNs: old + BigInt(i), ctimeNs: old + BigInt(i), ino: BigInt(1000 + i) });

describe('hash cache file: written as a stream', () => {
  it('gives byte for byte the file encodeCacheFile builds, for any piece size and root length', () => {
    const samples = fc.sample(
      fc.record({
        root: fc.string({ maxLength: 20 }).map((s) => `/r${s.replace(/\0/g, '')}`),
        paths: fc.uniqueArray(
          fc.array(fc.constantFrom(...NAMES.slice(0, -1)), { minLength: 1, maxLength: 3 }).map((p) => p.join('')),
          {
            maxLength: 60,
          },
        ),
        piece: fc.constantFrom(256, 264, 512, 4096),
      }),
      { numRuns: 200, seed: 5 },
    );
    for (const { root, paths, piece } of samples) {
      const n = paths.length;
      const num = (i: number, c: number) => BigInt.asIntN(64, BigInt(i) * 0x1_0000_0001n + BigInt(c) * 2n ** 40n - 7n);
      const want = encodeCacheFile(root, paths, (t) => {
        for (let c = 0; c < COLUMNS; c++) for (let i = 0; i < n; i++) t.nums[c * n + i] = num(i, c);
        for (let i = 0; i < n; i++) t.sha256.write(sha(i), 32 * i, 'hex');
      });
      const one = new BigInt64Array(1);
      const oneWords = new Uint32Array(one.buffer);
      const rows: CacheRows = {
        count: n,
        pathBytes: paths.reduce((k, p) => k + Buffer.byteLength(p) + 1, 0),
        pathRoom: (i) => 3 * paths[i]!.length + 1,
        writePath: (i, out, at) => {
          const k = out.write(paths[i]!, at, 'utf8');
          out[at + k] = 0;
          return k + 1;
        },
        column: (i, c, words, w) => {
          one[0] = num(i, c);
          words[w] = oneWords[0]!;
          words[w + 1] = oneWords[1]!;
        },
        sha256: (i, out, at) => void out.write(sha(i), at, 'hex'),
      };
      // Each piece copied as it comes: its memory is the next one's.
      const pieces = Array.from(cacheFilePieces(root, rows, piece), (b) => Buffer.from(b));
      expect(pieces.every((b) => b.length <= Math.max(piece, 24 + Buffer.byteLength(root)))).toBe(true);
      expect(Buffer.concat(pieces).equals(want)).toBe(true);
    }
  });

  it('refuses to write paths that take other than the bytes the header gives', () => {
    const rows: CacheRows = {
      count: 1,
      pathBytes: 5,
      pathRoom: () => 4,
      writePath: (_, out, at) => (out.write('abc\0', at), 4),
      column: () => {},
      sha256: () => {},
    };
    expect(() => [...cacheFilePieces('/r', rows)]).toThrow(/took 4 bytes, not the 5/);
  });
});

describe('hash cache: a full backup saves what it read without recording it first', () => {
  /** A cache file of `paths` (row i: stampOf(i), sha(i)) in the order given. */
  async function cacheOf(paths: string[]) {
    const dir = await tempDir('iv-hcs2-');
    const root = path.join(dir, 'root');
    await fs.mkdir(root);
    const n = paths.length;
    const nums = new BigInt64Array(5 * n);
    paths.forEach((_, i) => {
      const s = stampOf(i);
      [s.size, s.mtimeNs, s.ctimeNs, s.ino, recordedAt].forEach((v, c) => (nums[c * n + i] = v));
    });
    const sha256 = Buffer.from(paths.map((_, i) => sha(i)).join(''), 'hex');
    await fs.mkdir(path.dirname(cacheFileFor(root, dir)), { recursive: true });
    await fs.writeFile(cacheFileFor(root, dir), encodeCacheTable(root, { paths, nums, sha256 }));
    return { root, dir };
  }

  it('writes byte for byte the file that recording each file and saving writes (differential)', async () => {
    const path_ = fc.array(fc.constantFrom(...NAMES), { minLength: 1, maxLength: 3 }).map((p) => p.join(''));
    const samples = fc.sample(
      fc.record({
        loaded: fc.uniqueArray(path_, { maxLength: 25 }),
        inOrder: fc.boolean(),
        keep: fc.array(fc.boolean(), { minLength: 25, maxLength: 25 }),
        read: fc.uniqueArray(fc.record({ path: path_, proven: fc.boolean(), racy: fc.nat(9), wide: fc.nat(19) }), {
          maxLength: 30,
          selector: (r) => r.path,
        }),
        recordedBefore: fc.nat(4),
        seed: fc.integer(),
      }),
      { numRuns: 150, seed: 17 },
    );
    let streamed = 0;
    let merged = 0;
    for (const s of samples) {
      const file = s.inOrder ? [...s.loaded].sort(comparePaths) : s.loaded;
      const { root, dir } = await cacheOf(file);
      // A second cache directory of its own (so the suite's cleanup removes it too).
      const dirB = path.join(await tempDir('iv-hcs2b-'), 'cache');
      await fs.cp(dir, dirB, { recursive: true });
      const [a, b] = [await HashCache.open(root, silent, dir), await HashCache.open(root, silent, dirB)];
      for (const cache of [a, b]) {
        file.forEach((p, row) => s.keep[row] && cache.lookup(p, stampOf(row)));
        // Sometimes a record before (the stream then gives way to recording each file).
        if (s.recordedBefore === 0) cache.record('zz-before', stampOf(77), sha(77), recordedAt);
      }
      // The files read, in the tree's order: some racy, some not proven, some too wide to keep.
      const read = [...s.read].sort((x, y) => comparePaths(x.path, y.path));
      const table = new StampTable();
      const rows = read.map((r, i) => {
        const st = stampOf(200 + i);
        const mtime = r.racy === 0 ? recordedAt - 1n : st.mtimeNs;
        return table.add(st.size, mtime, st.ctimeNs, r.wide === 0 ? 2n ** 64n : st.ino);
      });
      const digest = (i: number) => (read[i]!.proven ? Buffer.from(sha(200 + i), 'hex') : undefined);
      for (const [i, r] of read.entries()) {
        const d = digest(i);
        if (d) a.recordRow(r.path, table, rows[i]!, d, recordedAt);
      }
      await a.save();
      const files: ReadFiles = {
        count: read.length,
        table: () => table,
        path: (i) => read[i]!.path,
        stampRow: (i) => rows[i]!,
        sha256: digest,
      };
      await b.saveRead(files, recordedAt);
      const [wantFile, gotFile] = [cacheFileFor(root, dir), cacheFileFor(root, dirB)];
      const want = await fs.readFile(wantFile).catch(() => undefined);
      const got = await fs.readFile(gotFile).catch(() => undefined);
      expect(got?.equals(want ?? Buffer.alloc(0)) ?? want === undefined, JSON.stringify(s)).toBe(true);
      if (s.recordedBefore !== 0 && (s.inOrder || !s.keep.some((k, i) => k && i < file.length))) streamed++;
      if (s.recordedBefore !== 0 && s.inOrder && s.keep.some((k, i) => k && i < file.length) && read.length > 2) merged++;
    }
    expect(streamed).toBeGreaterThan(60);
    expect(merged).toBeGreaterThan(20);
  });

  it('leaves no temporary file behind when the write fails, and warns', async () => {
    const { root, dir } = await cacheOf([]);
    const warnings: string[] = [];
    const cache = await HashCache.open(root, { ...silent, warn: (m: string) => void warnings.push(m) }, dir);
    const table = new StampTable();
    const row = table.add(1n, old, old, 5n);
    // A directory where the file goes: the rename fails after the pieces were written.
    const file = cacheFileFor(root, dir);
    await fs.rm(file);
    await fs.mkdir(file);
    await fs.writeFile(path.join(file, 'x'), '');
    await cache.saveRead(
      { count: 1, table: () => table, path: () => 'f', stampRow: () => row, sha256: () => Buffer.alloc(32, 1) },
      recordedAt,
    );
    expect(warnings.join('\n')).toMatch(/could not save the hash cache/);
    expect((await fs.readdir(path.dirname(file))).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
