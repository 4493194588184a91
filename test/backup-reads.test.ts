import { createHash } from 'node:crypto';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { cacheFileFor, RACY_NS } from '../src/fs-safety/hash-cache.js';
import { decodeCacheFile } from '../src/fs-safety/hash-cache-file.js';
import { listSnapshotIds } from '../src/engine/series.js';
import { restore } from '../src/engine/restore/restore.js';
import type { FileEntry } from '../src/snapshot/manifest.js';
import { LocalStore } from '../src/storage/local-store.js';
import { describeTree, seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';

/** A whole second, so that fs.utimes can put exactly the same mtime back after a rewrite. */
const T = new Date('2024-01-02T03:04:05Z');
const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');
const shaOf = (m: { entries: ReadonlyArray<{ path: string; type: string }> }, p: string) =>
  (m.entries.find((e) => e.path === p) as FileEntry).sha256;
/** Lets the racy window pass, so that what was just written can be recorded as clean. */
const settle = () => new Promise((r) => setTimeout(r, Number(RACY_NS / 1_000_000n) + 50));

let cacheDir: string;
beforeEach(async () => {
  cacheDir = await tempDir('iv-backup-reads-cache-');
});

/** Rewrites a file in place with other bytes of the same size and puts its mtime back: only ctime tells. */
async function rewriteKeepingMtime(file: string, content: Buffer): Promise<void> {
  await fs.writeFile(file, content);
  await fs.utimes(file, T, T);
}

/** Every entry of the saved hash cache whose stamp is the file's stat now must hold the hash of what the file holds now. */
async function expectNoHiddenChange(src: string): Promise<number> {
  // No cache file (nothing was recorded) hides nothing.
  const bytes = await fs.readFile(cacheFileFor(src, cacheDir)).catch(() => undefined);
  const saved = bytes ? decodeCacheFile(bytes, path.resolve(src)) : { paths: [], nums: new BigInt64Array(0), sha256: Buffer.alloc(0) };
  const n = saved.paths.length;
  let matching = 0;
  for (const [i, rel] of [...saved.paths].entries()) {
    const [size, mtimeNs, ctimeNs, ino] = [0, 1, 2, 3].map((c) => saved.nums[c * n + i]!);
    const hash = saved.sha256.toString('hex', 32 * i, 32 * i + 32);
    const st = await fs.lstat(path.join(src, rel), { bigint: true });
    if (size !== st.size || mtimeNs !== st.mtimeNs || ctimeNs !== st.ctimeNs || ino !== st.ino) continue;
    matching++;
    expect(hash, rel).toBe(sha(await fs.readFile(path.join(src, rel))));
  }
  return matching;
}

describe('backup: what the hash cache learns from the pack writer', () => {
  it('a file rewritten after the pack writer read it (same size and mtime) gets no cache entry that hides the change from the next incremental', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    const files = ['a.bin', 'b.bin', 'sub/c.bin'];
    await writeTree(src, Object.fromEntries(files.map((f, i) => [f, seededBytes(i + 1, 4096)])));
    for (const f of files) await fs.utimes(path.join(src, f), T, T);
    await settle();
    const store = new LocalStore(path.join(root, 'store'));

    // The first progress report of the packing comes once a.bin has been read (and proven
    // unchanged while read); every file is rewritten then: a.bin after its read, the others before theirs.
    let rewritten = false;
    const next = files.map((_, i) => seededBytes(100 + i, 4096));
    const full = await backup({
      source: src,
      store,
      cacheDir,
      logger: silent,
      mode: 'full',
      onProgress: (p) => {
        if (p.phase !== 'backup' || rewritten) return;
        rewritten = true;
        // Synchronous on purpose: the read of the next file starts when this returns.
        for (const [i, f] of files.entries()) {
          fsSync.writeFileSync(path.join(src, f), next[i]!);
          fsSync.utimesSync(path.join(src, f), T, T);
        }
      },
    });
    expect(rewritten).toBe(true);
    expect(full.kind).toBe('full');
    // a.bin went in as it was; the others as they were rewritten.
    expect(shaOf(full.manifest!, 'a.bin')).toBe(sha(seededBytes(1, 4096)));
    expect(shaOf(full.manifest!, 'b.bin')).toBe(sha(next[1]!));
    await expectNoHiddenChange(src);

    const inc = await backup({ source: src, store, cacheDir, logger: silent });
    expect(inc.kind).toBe('incremental');
    expect(inc.hashedFiles).toBe(files.length); // no entry was trusted: every file was read again
    for (const [i, f] of files.entries()) expect(shaOf(inc.manifest!, f), f).toBe(sha(next[i]!));
    const out = path.join(root, 'out');
    await restore({ target: out, store, cacheDir, series: 'idx', logger: silent });
    expect(await describeTree(out)).toEqual(await describeTree(src));
    await expectNoHiddenChange(src);
  });

  it('a full backup records every file it read unchanged, so the incremental after it reads none', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, { 'a.txt': 'alpha\n', 'big.bin': seededBytes(7, 3 * 1024 * 1024 + 5), 'd/e.txt': 'e' });
    await settle();
    const store = new LocalStore(path.join(root, 'store'));
    await backup({ source: src, store, cacheDir, logger: silent });
    expect(await expectNoHiddenChange(src)).toBe(3);
    const again = await backup({ source: src, store, cacheDir, logger: silent });
    expect(again).toMatchObject({ kind: 'unchanged', hashedFiles: 0, cachedHashes: 3 });
  });
});

describe('backup: a file that changes while it is read', () => {
  it('a large file that grows while it is streamed into the pack is refused (E_CHANGED), and no snapshot is published', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    const big = path.join(src, 'big.bin');
    await writeTree(src, { 'a.txt': 'alpha\n', 'big.bin': seededBytes(3, 5 * 1024 * 1024) });
    const store = new LocalStore(path.join(root, 'store'));
    let grown = false;
    const run = backup({
      source: src,
      store,
      cacheDir,
      logger: silent,
      onProgress: (p) => {
        // Reported as each piece of the large file comes in: the file is being read right now.
        if (p.phase !== 'backup' || grown || p.bytesDone < 2 * 1024 * 1024) return;
        grown = true;
        fsSync.appendFileSync(big, 'more');
      },
    });
    await expect(run).rejects.toMatchObject({
      code: 'E_CHANGED',
      message: expect.stringContaining('big.bin changed while it was being read'),
    });
    expect(grown).toBe(true);
    expect(await listSnapshotIds(store, 'idx')).toEqual([]);
    // Nothing of the refused snapshot is left in the store.
    expect(await store.list('')).toEqual([]);
  });

  it('a small file whose content no longer has the hash it was read with is read again, then refused (E_CHANGED) after the last try', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, { 'a.txt': 'alpha\n' });
    const store = new LocalStore(path.join(root, 'store'));
    const full = await backup({ source: src, store, cacheDir, logger: silent, hashCache: false });
    await rewriteKeepingMtime(path.join(src, 'a.txt'), Buffer.from('ALPHA\n'));
    // The incremental hashes a.txt (its only file); rewritten right after, the packing reads other bytes.
    let rewritten = false;
    const run = backup({
      source: src,
      store,
      cacheDir,
      logger: silent,
      hashCache: false,
      onProgress: (p) => {
        if (p.phase !== 'scan' || rewritten) return;
        rewritten = true;
        fsSync.writeFileSync(path.join(src, 'a.txt'), 'Alpha\n');
      },
    });
    await expect(run).rejects.toMatchObject({
      code: 'E_CHANGED',
      message: expect.stringContaining('a.txt kept changing while it was being read'),
    });
    expect(await listSnapshotIds(store, 'idx')).toEqual([full.id]);
  });
});

describe('backup: what the hash cache learns from the hashing threads', () => {
  it('records every file the threads proved unchanged while they read it, and hides no rewrite made while they hash the tree', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    // More files than the threads take over from the main thread (2,048), in batches of 64.
    const names = Array.from({ length: 2200 }, (_, i) => `d${i % 11}/f${String(i).padStart(4, '0')}.bin`);
    await writeTree(src, Object.fromEntries(names.map((f, i) => [f, seededBytes(i + 1, 64)])));
    for (const f of names) await fs.utimes(path.join(src, f), T, T);
    const store = new LocalStore(path.join(root, 'store'));
    // A snapshot taken elsewhere: this machine's cache knows none of the files.
    await backup({ source: src, store, cacheDir, logger: silent, mode: 'full', hashCache: false });
    await settle();

    // Once the first files come back hashed, the first file of the tree (in the first batch, most
    // often read by then) and one far after it (most often not yet) are rewritten, with the same
    // size and mtime (only ctime tells): whichever the threads read first, nothing may hide.
    const early = names[0]!;
    const late = names.at(-1)!;
    let rewritten = false;
    const inc = await backup({
      source: src,
      store,
      cacheDir,
      logger: silent,
      onProgress: (p) => {
        if (p.phase !== 'scan' || p.bytesDone === 0 || rewritten) return;
        rewritten = true;
        for (const f of [early, late]) {
          fsSync.writeFileSync(path.join(src, f), Buffer.alloc(64, 7));
          fsSync.utimesSync(path.join(src, f), T, T);
        }
      },
    });
    expect(rewritten).toBe(true);
    expect(inc.hashedFiles).toBe(names.length);
    // Every recorded stamp that is a file's stat now holds that file's content now.
    expect(await expectNoHiddenChange(src)).toBeGreaterThanOrEqual(names.length - 2);
    await settle();

    // The next backup trusts the proven records, and reads again (and stores) only what changed.
    const next = await backup({ source: src, store, cacheDir, logger: silent });
    expect(next.cachedHashes).toBeGreaterThanOrEqual(names.length - 2);
    // Stored as they are now, whether the last snapshot or this one took them.
    const latest = next.manifest ?? inc.manifest!;
    for (const f of [early, late]) expect(shaOf(latest, f), f).toBe(sha(Buffer.alloc(64, 7)));
    const out = path.join(root, 'out');
    await restore({ target: out, store, cacheDir, series: 'idx', logger: silent });
    expect(await describeTree(out)).toEqual(await describeTree(src));
  }, 60_000);
});
