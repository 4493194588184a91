import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { absPathOf, scanTree } from '../src/engine/backup/scan.js';
import { restore } from '../src/engine/restore/restore.js';
import { cacheFileFor, HashCache, RACY_NS, type FileStamp } from '../src/fs-safety/hash-cache.js';
import { encodeCacheTable, fitsInt64 } from '../src/fs-safety/hash-cache-file.js';
import { StampTable } from '../src/fs-safety/stamp-table.js';
import type { FileEntry } from '../src/snapshot/manifest.js';
import { LocalStore } from '../src/storage/local-store.js';
import { describeTree, silent, tempDir, writeTree } from './support/fixtures.js';

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const settle = () => new Promise((r) => setTimeout(r, Number(RACY_NS / 1_000_000n) + 50));
const NFD_DIR = 'cafe\u0301';
const NFD_FILE = 'e\u0301t\u00e9.txt'; // partly decomposed: NFC differs

describe('scan: entries without their own disk path or stamp objects', () => {
  it('keeps the disk path of entries at and below names that are not NFC, and the exact stamp of every file', async () => {
    const root = await tempDir();
    const src = path.join(root, 'src');
    await writeTree(src, { 'a.txt': 'a', [`${NFD_DIR}/x.txt`]: 'x', [`${NFD_DIR}/sub/y.txt`]: 'y', [NFD_FILE]: 'z', 'plain/b.txt': 'b' });
    const scan = await scanTree(src);
    const byPath = new Map([...scan.entries].map((e) => [e.path, e]));
    for (const [i, e] of [...scan.entries].entries()) {
      const onDisk = absPathOf(scan.root, scan.entries, i);
      // Every entry's disk path is one lstat finds, and is the same entry.
      const st = await fs.lstat(onDisk, { bigint: true });
      if (e.type === 'file') {
        const stamp = scan.stamps.get(e.stamp);
        expect(stamp).toEqual({ size: st.size, mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs, ino: st.ino });
      }
      expect(e.absPath !== undefined, e.path).toBe(e.path.startsWith('caf\u00e9') || e.path === 'e\u0301t\u00e9.txt'.normalize('NFC'));
    }
    expect(byPath.get('a.txt')!.absPath).toBeUndefined();
    expect(byPath.get('caf\u00e9/sub/y.txt')!.absPath).toBe(path.join(src, NFD_DIR, 'sub', 'y.txt'));
  });

  it('backs up, hashes, caches and restores files under names that are not NFC, and reads again only the one that changed', async () => {
    const root = await tempDir();
    const src = path.join(root, 'src');
    const cacheDir = path.join(root, 'cache');
    await writeTree(src, { 'a.txt': 'a', [`${NFD_DIR}/x.txt`]: 'x', [`${NFD_DIR}/sub/y.txt`]: 'y', [NFD_FILE]: 'z' });
    await settle();
    const store = new LocalStore(path.join(root, 'store'));
    await backup({ source: src, store, cacheDir, logger: silent, portability: 'off' });
    expect(await backup({ source: src, store, cacheDir, logger: silent, portability: 'off' })).toMatchObject({
      kind: 'unchanged',
      hashedFiles: 0,
      cachedHashes: 4,
    });
    await fs.writeFile(path.join(src, NFD_DIR, 'sub', 'y.txt'), 'y changed');
    const inc = await backup({ source: src, store, cacheDir, logger: silent, portability: 'off' });
    expect(inc).toMatchObject({ kind: 'incremental', hashedFiles: 1, cachedHashes: 3 });
    expect((inc.manifest!.entries.find((e) => e.path === 'caf\u00e9/sub/y.txt') as FileEntry).sha256).toBe(sha('y changed'));
    const out = path.join(root, 'out');
    await restore({ target: out, store, cacheDir, series: 'src', logger: silent });
    const restored = await describeTree(out);
    expect(restored['caf\u00e9/sub/y.txt'] ?? restored[`${NFD_DIR}/sub/y.txt`]).toBeDefined();
    expect(Object.keys(restored).length).toBe(Object.keys(await describeTree(src)).length);
  });

  it('a file dated past 2262 (ns beyond 64 bits) is stored and checked with its exact stamp, and read again rather than cached', async () => {
    const root = await tempDir();
    const src = path.join(root, 'src');
    const cacheDir = path.join(root, 'cache');
    await writeTree(src, { 'far.txt': 'far', 'near.txt': 'near' });
    const far = path.join(src, 'far.txt');
    await fs.utimes(far, 10_400_000_000, 10_400_000_000); // the year 2299
    const st = await fs.lstat(far, { bigint: true });
    expect(fitsInt64(st.mtimeNs)).toBe(false);
    const scan = await scanTree(src);
    const e = [...scan.entries].find((x) => x.path === 'far.txt')!;
    expect(e.type === 'file' && scan.stamps.get(e.stamp)).toEqual({ size: st.size, mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs, ino: st.ino });
    await settle();
    const store = new LocalStore(path.join(root, 'store'));
    const full = await backup({ source: src, store, cacheDir, logger: silent, mode: 'full' });
    expect((full.manifest!.entries.find((x) => x.path === 'far.txt') as FileEntry).sha256).toBe(sha('far'));
    expect(await backup({ source: src, store, cacheDir, logger: silent })).toMatchObject({
      kind: 'unchanged',
      hashedFiles: 1,
      cachedHashes: 1,
    });
  });
});

describe('stamp table: word comparison against the trust rule', () => {
  const ns = fc.oneof(
    fc.bigInt({ min: 1_600_000_000_000_000_000n, max: 1_800_000_000_000_000_000n }),
    // Whole seconds: the two-second window.
    fc.bigInt({ min: 1_600_000_000n, max: 1_800_000_000n }).map((s) => s * 1_000_000_000n),
    fc.constantFrom(0n, 1n, -1n, 2n ** 32n, 2n ** 32n - 1n, 2n ** 63n - 1n, -(2n ** 63n), 2n ** 63n, 2n ** 64n + 1n),
  );
  const stamp = fc.record({ size: fc.bigInt({ min: 0n, max: 2n ** 40n }), mtimeNs: ns, ctimeNs: ns, ino: ns });

  it('lookupRow answers as lookup does with the stamp the row holds, for every stamp (kept aside or not)', async () => {
    const dir = await tempDir('iv-stamps-');
    const root = path.join(dir, 'root');
    await fs.mkdir(root);
    const cases = fc.sample(
      fc.record({ recorded: stamp, other: stamp, how: fc.integer({ min: 0, max: 9 }), late: fc.bigInt({ min: 0n, max: 3_000_000_000n }) }),
      { numRuns: 800, seed: 3 },
    );
    const recorded = cases.filter((c) => [c.recorded.size, c.recorded.mtimeNs, c.recorded.ctimeNs, c.recorded.ino].every(fitsInt64));
    const n = recorded.length;
    const nums = new BigInt64Array(5 * n);
    const at = (c: (typeof cases)[number]) => c.recorded.ctimeNs + c.late;
    recorded.forEach((c, i) => {
      const s = c.recorded;
      [s.size, s.mtimeNs, s.ctimeNs, s.ino, fitsInt64(at(c)) ? at(c) : 0n].forEach((v, col) => (nums[col * n + i] = v));
    });
    const paths = recorded.map((_, i) => `f${i}`);
    await fs.writeFile(
      cacheFileFor(root, dir),
      encodeCacheTable(root, { paths, nums, sha256: Buffer.from(paths.map((p) => sha(p)).join(''), 'hex') }),
    );
    const byRow = await HashCache.open(root, silent, dir);
    const byStamp = await HashCache.open(root, silent, dir);
    const table = new StampTable();
    let hits = 0;
    recorded.forEach((c, i) => {
      const flip = c.how < 5 ? 0n : [1n, 2n ** 32n, 2n ** 31n, 2n ** 63n + 5n][c.how - 5];
      const field = (['size', 'mtimeNs', 'ctimeNs', 'ino'] as const)[c.how % 4]!;
      const current: FileStamp = flip === undefined ? c.other : { ...c.recorded, [field]: c.recorded[field] + flip };
      const row = table.add(current.size, current.mtimeNs, current.ctimeNs, current.ino);
      expect(table.get(row)).toEqual(current);
      const expected = byStamp.lookup(`f${i}`, current);
      if (expected !== undefined) hits++;
      expect(byRow.lookupRow(`f${i}`, table, row)).toBe(expected);
    });
    expect(hits).toBeGreaterThan(50);
    expect(hits).toBeLessThan(n - 50);
  });
});
