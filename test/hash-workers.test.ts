import { createHash } from 'node:crypto';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { hashFilesHere, HashPool, hashFilesInWorkers } from '../src/workers/hash-workers.js';
import { seededBytes, tempDir } from './support/fixtures.js';

/** The sums without the stats (checked on their own: `statsOf`). */
const sumsOf = (got: Array<{ sha256: string; size: number }>) => got.map(({ sha256, size }) => ({ size, sha256 }));

/** Each file's stat as the hashing thread gives it: its size, times in ns and inode as a bigint stat has them now. */
function expectStats(got: Array<{ stamp: { size: bigint; mtimeNs: bigint; ctimeNs: bigint; ino: bigint } }>, files: string[]): void {
  got.forEach(({ stamp }, i) => {
    const st = fsSync.statSync(files[i]!, { bigint: true });
    expect(stamp).toEqual({ size: st.size, mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs, ino: st.ino });
  });
}

/** Files of these sizes in `dir` (content seeded from `seed` on), and the sum each must hash to. */
async function seededFiles(dir: string, sizes: number[], seed: number) {
  const files = sizes.map((_, i) => path.join(dir, `f${i}`));
  await Promise.all(files.map((f, i) => fs.writeFile(f, seededBytes(i + seed, sizes[i]!))));
  const want = sizes.map((n, i) => ({
    size: n,
    sha256: createHash('sha256')
      .update(seededBytes(i + seed, n))
      .digest('hex'),
  }));
  return { files, want };
}

describe('hashing on worker threads', () => {
  it('returns each file’s sha256 and size in input order, and names a file it cannot read', async () => {
    const dir = await tempDir();
    const sizes = [0, 1, 4 * 1024 * 1024, 4 * 1024 * 1024 + 1, 9_000_000, 3];
    const files: string[] = [];
    for (const [i, n] of sizes.entries()) {
      const f = path.join(dir, `f${i}`);
      await fs.writeFile(f, seededBytes(i + 1, n));
      files.push(f);
    }
    let bytes = 0;
    const got = await hashFilesInWorkers(files, (n) => (bytes += n), 3);
    expectStats(got, files);
    expect(sumsOf(got)).toEqual(
      sizes.map((n, i) => ({
        size: n,
        sha256: createHash('sha256')
          .update(seededBytes(i + 1, n))
          .digest('hex'),
      })),
    );
    expect(bytes).toBe(sizes.reduce((a, b) => a + b, 0));
    await expect(hashFilesInWorkers([...files, path.join(dir, 'missing')], undefined, 2)).rejects.toMatchObject({
      code: 'E_IO',
      details: { path: path.join(dir, 'missing'), errno: 'ENOENT' },
    });
  });

  it('hashes on this thread (a few small files) exactly as the threads do: sums, stats once read, bytes; and names a file it cannot read', async () => {
    const dir = await tempDir();
    // Around the 1 MiB buffer, and past the 8 MiB between two turns of the event loop.
    const sizes = [0, 1, 1024 * 1024, 1024 * 1024 + 1, 9_000_000, 3, 5000];
    const files = sizes.map((_, i) => path.join(dir, `f${i}`));
    await Promise.all(files.map((f, i) => fs.writeFile(f, seededBytes(i + 21, sizes[i]!))));
    let bytes = 0;
    const here = await hashFilesHere(files, (n) => (bytes += n));
    expect(here).toEqual(await hashFilesInWorkers(files, undefined, 2));
    expectStats(here, files);
    expect(sumsOf(here)[4]).toEqual({ size: 9_000_000, sha256: createHash('sha256').update(seededBytes(25, 9_000_000)).digest('hex') });
    expect(bytes).toBe(sizes.reduce((a, b) => a + b, 0));
    await expect(hashFilesHere([files[0]!, path.join(dir, 'missing'), files[1]!])).rejects.toMatchObject({
      code: 'E_IO',
      message: expect.stringContaining('cannot read'),
      details: { path: path.join(dir, 'missing'), errno: 'ENOENT' },
    });
    await expect(hashFilesHere([dir])).rejects.toMatchObject({ code: 'E_IO', details: { path: dir, errno: 'EISDIR' } });
  });

  it('hashes many small files in batches, by count and by bytes, each in its place; and names the one a batch fails on', async () => {
    const dir = await tempDir();
    // 300 files: batches of 64 files cut by count, and by bytes where the sizes are given (5 MB files alone).
    const sizes = Array.from({ length: 300 }, (_, i) => (i % 97 === 5 ? 5_000_000 : i % 7));
    const { files, want } = await seededFiles(dir, sizes, 11);
    for (const threads of [1, 2, 3])
      for (const given of [undefined, sizes]) {
        let bytes = 0;
        const got = await hashFilesInWorkers(files, (n) => (bytes += n), threads, given);
        expect(sumsOf(got)).toEqual(want);
        expectStats(got, files);
        expect(bytes).toBe(sizes.reduce((a, b) => a + b, 0));
      }
    // A file gone in the middle of a batch (the 150th): that one is named, whichever thread had it.
    const gone = files.with(150, path.join(dir, 'gone'));
    for (const threads of [1, 2])
      await expect(hashFilesInWorkers(gone, undefined, threads)).rejects.toMatchObject({
        code: 'E_IO',
        details: { path: path.join(dir, 'gone'), errno: 'ENOENT' },
      });

    // One pool for several calls: the same threads answer each in order; a failed call ends them, and the next starts new ones.
    const pool = new HashPool(2);
    try {
      expect(sumsOf(await pool.hash(files.slice(0, 100), undefined, sizes.slice(0, 100)))).toEqual(want.slice(0, 100));
      const threads = (pool as unknown as { workers: unknown[] }).workers;
      expect(sumsOf(await pool.hash(files.slice(100)))).toEqual(want.slice(100));
      expect((pool as unknown as { workers: unknown[] }).workers).toBe(threads);
      await expect(pool.hash(gone)).rejects.toMatchObject({ code: 'E_IO', details: { path: path.join(dir, 'gone') } });
      expect((pool as unknown as { workers?: unknown[] }).workers).toBeUndefined();
      expect(sumsOf(await pool.hash(files))).toEqual(want);
    } finally {
      await pool.close();
    }
  });

  it('hashes on this thread too, beside one worker fewer: each file in its place, the one that fails named, whoever had it', async () => {
    const dir = await tempDir();
    const sizes = Array.from({ length: 400 }, (_, i) => (i % 89 === 3 ? 3_000_000 : (i * 37) % 5000));
    const { files, want } = await seededFiles(dir, sizes, 31);
    for (const threads of [1, 2, 3]) {
      const pool = new HashPool(threads, true);
      try {
        let bytes = 0;
        const got = await pool.hash(files, (n) => (bytes += n), sizes);
        expect(sumsOf(got)).toEqual(want);
        expectStats(got, files);
        expect(bytes).toBe(sizes.reduce((a, b) => a + b, 0));
        // One thread in all: this one, and no worker started.
        expect((pool as unknown as { workers: unknown[] }).workers).toHaveLength(threads - 1);
      } finally {
        await pool.close();
      }
    }
    // The worker takes the first two batches, this thread most of the rest: a file gone from a batch
    // of either is named, and the pool can be used again.
    for (const at of [0, 10, 200, 399]) {
      const gone = files.with(at, path.join(dir, 'gone'));
      const pool = new HashPool(2, true);
      try {
        await expect(pool.hash(gone)).rejects.toMatchObject({ code: 'E_IO', details: { path: path.join(dir, 'gone'), errno: 'ENOENT' } });
        expect(sumsOf(await pool.hash(files.slice(0, 50)))).toEqual(want.slice(0, 50));
      } finally {
        await pool.close();
      }
    }
  });
});
