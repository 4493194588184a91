import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { HashCache } from '../src/fs-safety/hash-cache.js';
import { restore } from '../src/engine/restore/restore.js';
import { runCli } from '../src/cli/run.js';
import { BackupManager } from '../src/guard/backup-manager.js';
import { LocalStore } from '../src/storage/local-store.js';
import { describeTree, silent, tempDir, writeTree } from './support/fixtures.js';

function cliIo() {
  let stderr = '';
  return { io: { stdout: { write: () => true }, stderr: { write: (s: string) => (stderr += s) }, env: {} }, stderr: () => stderr };
}

describe('a store never lies inside the tree it keeps, nor the tree inside the store', () => {
  it('refuses backup p --store p/.vault before writing anything', async () => {
    const root = await tempDir();
    const p = path.join(root, 'p');
    await writeTree(p, { 'a.txt': 'alpha' });
    const before = await describeTree(p);
    await expect(backup({ source: p, store: new LocalStore(path.join(p, '.vault')), logger: silent })).rejects.toMatchObject({
      code: 'E_VALIDATION',
      message: expect.stringMatching(/the store .* is inside the source directory/),
    });
    expect(await describeTree(p)).toEqual(before);
  });

  it('refuses restore p --store p/.vault --force, leaving target and store as they were (the CLI exits 2)', async () => {
    const root = await tempDir();
    const p = path.join(root, 'p');
    const outside = path.join(root, 'vault');
    await writeTree(p, { 'a.txt': 'alpha', 'sub/b.txt': 'beta' });
    // A store filled from elsewhere, then moved into the tree: the restore would have erased it.
    await backup({ source: p, store: new LocalStore(outside), logger: silent });
    await fs.rename(outside, path.join(p, '.vault'));
    const before = await describeTree(p);
    await expect(
      restore({ target: p, store: new LocalStore(path.join(p, '.vault')), series: 'p', force: true, logger: silent }),
    ).rejects.toMatchObject({ code: 'E_VALIDATION' });
    // Written as `restore p/sub/.. --store p/./.vault`: `..` and `.` do not hide it.
    const { io, stderr } = cliIo();
    const code = await runCli(['restore', path.join(p, 'sub', '..'), '--store', path.join(p, '.', '.vault'), '--name', 'p', '--force'], io);
    expect(code).toBe(2);
    expect(stderr()).toMatch(/^index-vault: E_VALIDATION: the store .* is inside the target directory/);
    expect(stderr().trim().split('\n')).toHaveLength(1);
    expect(await describeTree(p)).toEqual(before);
  });

  it('refuses a target inside the store, and a store reached through a symlink into the target', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    const storeDir = path.join(root, 'store');
    await writeTree(src, { 'a.txt': 'alpha' });
    const store = new LocalStore(storeDir);
    await backup({ source: src, store, logger: silent });
    await expect(restore({ target: path.join(storeDir, 'idx'), store, series: 'idx', logger: silent })).rejects.toMatchObject({
      code: 'E_VALIDATION',
      message: expect.stringMatching(/the target directory .* is inside the store/),
    });
    // A target that does not exist yet, below a symlink that leads into the store.
    await fs.symlink(storeDir, path.join(root, 'alias'));
    await expect(restore({ target: path.join(root, 'alias', 'new', 'idx'), store, series: 'idx', logger: silent })).rejects.toMatchObject({
      code: 'E_VALIDATION',
    });
    expect(await fs.readdir(storeDir)).toEqual(['idx']);
    // The store named through a symlink that points into the source.
    await fs.mkdir(path.join(src, 'kept'));
    await fs.symlink(path.join(src, 'kept'), path.join(root, 'outside-looking'));
    await expect(
      backup({ source: src, store: new LocalStore(path.join(root, 'outside-looking', 'vault')), logger: silent }),
    ).rejects.toMatchObject({ code: 'E_VALIDATION' });
    await expect(fs.readdir(path.join(src, 'kept'))).resolves.toEqual([]);
  });

  it('guard refuses a backup directory that reaches into the target through a symlink', async () => {
    const root = await tempDir();
    const target = path.join(root, 'target');
    await writeTree(target, { 'a.txt': 'alpha', 'inner/x': 'x' });
    await fs.symlink(path.join(target, 'inner'), path.join(root, 'link'));
    expect(() => new BackupManager({ target, backupDir: path.join(root, 'link', 'bk') })).toThrow(
      expect.objectContaining({ code: 'E_VALIDATION' }),
    );
    // And the target inside the backup directory.
    expect(() => new BackupManager({ target, backupDir: root })).toThrow(expect.objectContaining({ code: 'E_VALIDATION' }));
  });

  it('does not keep the hash cache inside the tree it describes', async () => {
    const root = await tempDir();
    const tree = path.join(root, 'tree');
    await writeTree(tree, { 'a.txt': 'alpha' });
    const warnings: string[] = [];
    const cache = await HashCache.open(tree, { ...silent, warn: (m) => void warnings.push(m) }, path.join(tree, '.cache'));
    const st = await fs.lstat(path.join(tree, 'a.txt'), { bigint: true });
    cache.record(
      'a.txt',
      { size: st.size, mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs - 10_000_000_000n, ino: st.ino },
      'a'.repeat(64),
      st.ctimeNs,
    );
    await cache.save();
    expect(await fs.readdir(tree)).toEqual(['a.txt']);
    expect(warnings.join('\n')).toMatch(/hash cache directory .* is inside/);
  });
});
