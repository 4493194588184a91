import { execFileSync, spawn } from 'node:child_process';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup, type BackupOptions } from '../src/engine/backup/backup.js';
import { scanTree } from '../src/engine/backup/scan.js';
import { listSnapshotIds } from '../src/engine/series.js';
import { RACY_NS } from '../src/fs-safety/hash-cache.js';
import { LocalStore } from '../src/storage/local-store.js';
import { seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';

/**
 * A backup reads files by path after its scan: whatever takes a file's name in between (a link
 * out of the tree, a directory above swapped for a link, another file renamed over it) must be
 * refused, not read in its place. The swap is made from the progress callback, which a backup
 * calls as each file is read (packing) or hashed (an incremental): after the scan, before the
 * victim's own read. Without the check, every case below stores the outside file's bytes.
 */
const SECRET = Buffer.from('outside the tree: must never reach a snapshot\n');
const settle = () => new Promise((r) => setTimeout(r, Number(RACY_NS / 1_000_000n) + 50));

interface Env {
  root: string;
  src: string;
  outside: string;
  store: LocalStore;
  storeDir: string;
  cacheDir: string;
}

async function setup(files: Record<string, string | Buffer>): Promise<Env> {
  const root = await tempDir();
  const src = path.join(root, 'idx');
  await writeTree(src, files);
  const outside = path.join(root, 'outside');
  await writeTree(outside, { 'secret.txt': SECRET, 'big.bin': Buffer.concat([SECRET, seededBytes(9, 3 * 1024 * 1024)]) });
  const storeDir = path.join(root, 'store');
  return { root, src, outside, store: new LocalStore(storeDir), storeDir, cacheDir: path.join(root, 'cache') };
}

/** A backup that makes `swap` once, at its first progress report of `phase`. */
async function backupSwapping(env: Env, phase: 'backup' | 'scan', swap: () => void, options: Partial<BackupOptions> = {}) {
  let swapped = false;
  const run = backup({
    source: env.src,
    store: env.store,
    cacheDir: env.cacheDir,
    logger: silent,
    ...options,
    onProgress: (p) => {
      if (p.phase !== phase || swapped) return;
      swapped = true;
      swap();
    },
  });
  return { run, swapped: () => swapped };
}

/** Every byte the store holds, packs decompressed or not: the secret's text must be in none (it is stored, if at all, in a zstd frame). */
async function storeHoldsNoSnapshot(env: Env, before: string[] = []): Promise<void> {
  expect(await listSnapshotIds(env.store, 'idx')).toEqual(before);
}

const replaced = (rel: string) => ({
  code: 'E_CHANGED',
  message: expect.stringContaining(`${rel} was replaced after the scan`),
  details: { path: rel, replaced: true },
});

const files = (n: number, size = 64) =>
  Object.fromEntries(Array.from({ length: n }, (_, i) => [`f${String(i).padStart(2, '0')}.txt`, seededBytes(i + 1, size)]));

describe('a file that something else replaced after the scan is refused, never read in its place', () => {
  it('full backup: a small file replaced by a link to a file outside the tree', async () => {
    const env = await setup(files(20));
    const victim = path.join(env.src, 'f15.txt');
    const { run, swapped } = await backupSwapping(env, 'backup', () => {
      fsSync.rmSync(victim);
      fsSync.symlinkSync(path.join(env.outside, 'secret.txt'), victim);
    });
    await expect(run).rejects.toMatchObject(replaced('f15.txt'));
    expect(swapped()).toBe(true);
    await storeHoldsNoSnapshot(env);
  });

  it('full backup: a directory above the file swapped for a link to a directory outside the tree', async () => {
    const env = await setup({ 'a.txt': 'alpha', 'sub/secret.txt': 'the real one' });
    const { run, swapped } = await backupSwapping(env, 'backup', () => {
      fsSync.renameSync(path.join(env.src, 'sub'), path.join(env.root, 'sub-moved'));
      fsSync.symlinkSync(env.outside, path.join(env.src, 'sub'));
    });
    await expect(run).rejects.toMatchObject(replaced('sub/secret.txt'));
    expect(swapped()).toBe(true);
    await storeHoldsNoSnapshot(env);
  });

  it('full backup: a file larger than a frame (streamed) replaced by a link to a large file outside', async () => {
    const env = await setup({ 'a.txt': 'alpha', 'big.bin': seededBytes(3, 3 * 1024 * 1024 + 7) });
    const victim = path.join(env.src, 'big.bin');
    const { run, swapped } = await backupSwapping(env, 'backup', () => {
      fsSync.rmSync(victim);
      fsSync.symlinkSync(path.join(env.outside, 'big.bin'), victim);
    });
    await expect(run).rejects.toMatchObject(replaced('big.bin'));
    expect(swapped()).toBe(true);
    await storeHoldsNoSnapshot(env);
  });

  it('full backup: another regular file renamed over it (its bytes are not the scanned file’s either)', async () => {
    const env = await setup(files(20));
    const { run, swapped } = await backupSwapping(env, 'backup', () => {
      const tmp = path.join(env.src, '..', 'new.tmp');
      fsSync.writeFileSync(tmp, 'a newer version');
      fsSync.renameSync(tmp, path.join(env.src, 'f15.txt'));
    });
    await expect(run).rejects.toMatchObject(replaced('f15.txt'));
    expect(swapped()).toBe(true);
    await storeHoldsNoSnapshot(env);
  });

  it('incremental, a few files hashed on the main thread: a changed file replaced by a link out of the tree', async () => {
    const env = await setup(files(20));
    const full = await backup({ source: env.src, store: env.store, cacheDir: env.cacheDir, logger: silent });
    for (const f of ['f03.txt', 'f15.txt']) await fs.writeFile(path.join(env.src, f), `changed ${f}`);
    await settle();
    const victim = path.join(env.src, 'f15.txt');
    // Progress of phase 'scan' comes as each changed file is hashed: f03's, before f15's.
    const { run, swapped } = await backupSwapping(env, 'scan', () => {
      fsSync.rmSync(victim);
      fsSync.symlinkSync(path.join(env.outside, 'secret.txt'), victim);
    });
    await expect(run).rejects.toMatchObject(replaced('f15.txt'));
    expect(swapped()).toBe(true);
    await storeHoldsNoSnapshot(env, [full.id]);
  });

  it('incremental, many files hashed on the hashing threads: one replaced by a link out of the tree', async () => {
    // More files than the main thread hashes itself (2,048), with no hash cache: every one is hashed on the threads.
    const names = Array.from({ length: 2200 }, (_, i) => `d${i % 11}/f${String(i).padStart(4, '0')}.bin`);
    const env = await setup(Object.fromEntries(names.map((f, i) => [f, seededBytes(i + 1, 64)])));
    const full = await backup({ source: env.src, store: env.store, cacheDir: env.cacheDir, logger: silent, hashCache: false });
    const victim = path.join(env.src, names.at(-1)!);
    const { run, swapped } = await backupSwapping(
      env,
      'scan',
      () => {
        fsSync.rmSync(victim);
        fsSync.symlinkSync(path.join(env.outside, 'secret.txt'), victim);
      },
      { hashCache: false },
    );
    await expect(run).rejects.toMatchObject(replaced(names.at(-1)!));
    expect(swapped()).toBe(true);
    await storeHoldsNoSnapshot(env, [full.id]);
  });

  it('a link out of the tree that the backup follows (followLinks) is still read: the scan stamped what it points to', async () => {
    const env = await setup(files(3));
    await fs.symlink(path.join(env.outside, 'secret.txt'), path.join(env.src, 'followed.txt'));
    const r = await backup({ source: env.src, store: env.store, cacheDir: env.cacheDir, logger: silent, followLinks: true });
    expect(r.manifest!.entries.find((e) => e.path === 'followed.txt')).toMatchObject({ type: 'file', size: SECRET.length });
  });

  it('the scan: a directory swapped for a link to a directory outside while the scan is inside it is refused', async () => {
    const env = await setup({ 'a.txt': 'alpha', 'sub/a.txt': 'one', 'sub/b.txt': 'two', 'sub/c.txt': 'three' });
    await writeTree(env.outside, { 'b.txt': SECRET, 'c.txt': SECRET });
    let swapped = false;
    // The scan asks about each entry once it has stat'ed it: after sub/a.txt, sub/b.txt and sub/c.txt are looked up through the link.
    const scan = scanTree(env.src, {
      exclude: (rel) => {
        if (rel === 'sub/a.txt' && !swapped) {
          swapped = true;
          fsSync.renameSync(path.join(env.src, 'sub'), path.join(env.root, 'sub-moved'));
          fsSync.symlinkSync(env.outside, path.join(env.src, 'sub'));
        }
        return false;
      },
    });
    await expect(scan).rejects.toMatchObject({
      code: 'E_CHANGED',
      message: expect.stringContaining('sub was replaced or removed while the directory was scanned'),
      details: { path: 'sub', replaced: true },
    });
    expect(swapped).toBe(true);
    // Not refused: a root given through a link, and a directory out of the tree reached through a followed link.
    await fs.symlink(env.src, path.join(env.root, 'alias'));
    await fs.rm(path.join(env.src, 'sub'));
    await fs.symlink(env.outside, path.join(env.src, 'out'));
    const ok = await scanTree(path.join(env.root, 'alias'), { followLinks: true });
    expect([...ok.entries.allPaths()]).toEqual(expect.arrayContaining(['a.txt', 'out', 'out/b.txt', 'out/secret.txt']));
  });

  it.skipIf(process.platform === 'win32')(
    'a file replaced by a FIFO is refused without waiting for a writer, in a full backup and an incremental',
    async () => {
      const env = await setup(files(20));
      const victim = path.join(env.src, 'f15.txt');
      const rescued = path.join(env.root, 'rescued');
      // Were the FIFO opened to wait for a writer, the backup would hang: after a while this writer
      // opens it (letting such a read end) and leaves a mark, which the test then finds.
      const rescuer = spawn('sh', ['-c', `sleep 8; exec 3>"${victim}"; touch "${rescued}"`], { stdio: 'ignore' });
      try {
        const toFifo = () => {
          fsSync.rmSync(victim);
          execFileSync('mkfifo', [victim]);
        };
        const full = await backupSwapping(env, 'backup', toFifo);
        await expect(full.run).rejects.toMatchObject(replaced('f15.txt'));
        await storeHoldsNoSnapshot(env);
        // An incremental hashing the changed files on the main thread.
        fsSync.rmSync(victim);
        const first = await backup({ source: env.src, store: env.store, cacheDir: env.cacheDir, logger: silent });
        for (const f of ['f03.txt', 'f15.txt']) await fs.writeFile(path.join(env.src, f), `changed ${f}`);
        await settle();
        const inc = await backupSwapping(env, 'scan', toFifo);
        await expect(inc.run).rejects.toMatchObject(replaced('f15.txt'));
        await storeHoldsNoSnapshot(env, [first.id]);
        expect(fsSync.existsSync(rescued)).toBe(false);
      } finally {
        rescuer.kill('SIGKILL');
      }
    },
  );
});
