import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { cacheFileFor, HashCache, nowNs } from '../src/fs-safety/hash-cache.js';
import { restore } from '../src/engine/restore/restore.js';
import { LocalStore } from '../src/storage/local-store.js';
import { silent, tempDir, writeTree } from './support/fixtures.js';

const posix = process.platform !== 'win32';

/** Every directory and file below `dir` (itself excluded), with its permission bits. */
async function modes(dir: string): Promise<Array<{ path: string; dir: boolean; mode: number }>> {
  const out = [];
  for (const e of await fs.readdir(dir, { recursive: true, withFileTypes: true })) {
    const p = path.join(e.parentPath, e.name);
    out.push({ path: path.relative(dir, p), dir: e.isDirectory(), mode: (await fs.stat(p)).mode & 0o777 });
  }
  return out;
}

describe.runIf(posix)('what index-vault keeps for itself is readable by its owner only', () => {
  it('a local store it creates is 0700 and every object in it 0600, whatever the umask allows', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    // A private file: its compressed content must not become readable through the store.
    await writeTree(src, { 'secret.txt': 'the payroll', 'sub/b.txt': 'b' });
    await fs.chmod(path.join(src, 'secret.txt'), 0o600);
    const storeDir = path.join(root, 'made', 'store');
    const store = new LocalStore(storeDir);
    await backup({ source: src, store, series: 'idx', logger: silent });
    await fs.writeFile(path.join(src, 'sub', 'c.txt'), 'c');
    await backup({ source: src, store, series: 'idx', mode: 'incremental', logger: silent });
    expect((await fs.stat(storeDir)).mode & 0o777).toBe(0o700);
    const files = (await modes(storeDir)).filter((e) => !e.dir);
    expect(files.filter((f) => f.path.endsWith('.tar.zst')).length).toBe(2);
    expect(files.filter((f) => f.path.endsWith('.json')).length).toBeGreaterThanOrEqual(2);
    for (const f of files) expect(f.mode, f.path).toBe(0o600);
    // Restored files get the snapshot's modes, not the store's.
    const target = path.join(root, 'target');
    await restore({ target, store, series: 'idx', logger: silent });
    expect((await fs.stat(path.join(target, 'sub', 'c.txt'))).mode & 0o777).toBe(
      (await fs.stat(path.join(src, 'sub', 'c.txt'))).mode & 0o777,
    );
  });

  it('an existing store directory keeps its mode (a team may share it on purpose); objects are still 0600', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, { 'a.txt': 'a' });
    const storeDir = path.join(root, 'shared-store');
    await fs.mkdir(storeDir);
    await fs.chmod(storeDir, 0o775);
    await backup({ source: src, store: new LocalStore(storeDir), series: 'idx', logger: silent });
    expect((await fs.stat(storeDir)).mode & 0o777).toBe(0o775);
    for (const f of (await modes(storeDir)).filter((e) => !e.dir)) expect(f.mode, f.path).toBe(0o600);
  });

  it('the hash cache and the record of checked packs are 0600 in directories it creates 0700', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, { 'a.txt': 'a', 'b.txt': 'b' });
    const store = new LocalStore(path.join(root, 'store'));
    const cache = path.join(root, 'cache', 'nested');
    // A backup and an incremental write the record of checked packs (and a hash cache, when the files are old enough).
    await backup({ source: src, store, series: 'idx', cacheDir: cache, logger: silent });
    await fs.writeFile(path.join(src, 'b.txt'), 'bb');
    await backup({ source: src, store, series: 'idx', mode: 'incremental', cacheDir: cache, logger: silent });
    // A hash cache entry of a file long unchanged: recorded whatever the clock, so the file is written.
    const hashes = await HashCache.open(src, silent, cache);
    expect(hashes.record('a.txt', { size: 1n, mtimeNs: 1n, ctimeNs: 1n, ino: 1n }, 'a'.repeat(64), nowNs())).toBe(true);
    await hashes.save();
    for (const d of [path.join(root, 'cache'), cache]) expect((await fs.stat(d)).mode & 0o777, d).toBe(0o700);
    const files = (await modes(cache)).filter((e) => !e.dir);
    expect(files.map((f) => f.path)).toContain('checked-packs.json');
    expect(files.map((f) => f.path)).toContain(path.basename(cacheFileFor(src, cache)));
    for (const f of files) expect(f.mode, f.path).toBe(0o600);
  });
});
