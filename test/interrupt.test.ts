import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { readLock } from '../src/fs-safety/lock.js';
import { prune } from '../src/engine/prune.js';
import { LocalStore } from '../src/storage/local-store.js';
import { describeTree, seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';

const CLI = path.resolve(__dirname, '..', 'dist', 'cli', 'main.js');

async function bigTree(dir: string, seed: number, files = 48, size = 512 * 1024): Promise<void> {
  const spec: Record<string, Buffer> = {};
  for (let i = 0; i < files; i++) spec[`part-${String(i).padStart(3, '0')}.bin`] = seededBytes(seed * 1000 + i, size);
  await writeTree(dir, spec);
}

/** Every file below `dir`, as relative paths (dot files included). */
async function allFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  for (const e of await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (e.isFile()) out.push(path.relative(dir, path.join(e.parentPath, e.name)));
  }
  return out.sort();
}

/** Runs the CLI, sends `signal` once `ready()` holds, and returns how it ended. */
async function interruptWhen(args: string[], ready: () => Promise<boolean>, signal: NodeJS.Signals) {
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d) => (stdout += d));
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  let finished = false;
  void exited.then(() => (finished = true));
  while (!finished && !(await ready())) await new Promise((r) => setTimeout(r, 2));
  const sent = !finished && child.kill(signal);
  const code = await exited;
  return { sent, code, stdout, stderr };
}

describe('a stopped CLI cleans up after itself', () => {
  for (const [signal, exitCode] of [
    ['SIGINT', 130],
    ['SIGTERM', 143],
  ] as const) {
    it(`a backup stopped by ${signal} mid-pack exits ${exitCode} with one line, leaving no temporary file, pack or lock`, async () => {
      const root = await tempDir();
      const src = path.join(root, 'idx');
      await bigTree(src, 1);
      const storeDir = path.join(root, 'store');
      // A pack already published and the next one being written: both must go.
      const midPack = async () => {
        const files = await allFiles(storeDir);
        return files.some((f) => f.includes('.tmp-')) && files.some((f) => f.endsWith('.tar.zst'));
      };
      const r = await interruptWhen(['backup', src, '--store', storeDir, '--pack-size', '4M', '--quiet'], midPack, signal);
      expect(r.sent, 'the backup finished before a pack was being written').toBe(true);
      expect(r.code).toBe(exitCode);
      expect(r.stderr).toBe(`index-vault: interrupted by ${signal}; what this run had not finished was removed\n`);
      expect(r.stdout).toBe('');
      expect(await allFiles(storeDir)).toEqual([]);
      expect(await readLock(src)).toBeUndefined();
      expect((await fs.readdir(root)).sort()).toEqual(['idx', 'store']);
      // And the next backup runs as if nothing had happened.
      const next = await backup({ source: src, store: new LocalStore(storeDir), logger: silent });
      expect(next.kind).toBe('full');
    });
  }

  it('a restore stopped by SIGINT removes its staging directory and leaves the target as it was', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await bigTree(src, 2);
    const store = new LocalStore(path.join(root, 'store'));
    await backup({ source: src, store, logger: silent });
    const snapshot = await describeTree(src);
    const target = path.join(root, 'target');
    const staging = async () => {
      for (const n of await fs.readdir(root))
        if (n.includes('index-vault-staging-') && (await fs.readdir(path.join(root, n)).catch(() => [])).length > 2) return true;
      return false;
    };
    // On a busy machine the signal can land after the swap began, which is finished first: then
    // the target is the whole snapshot, never a mix. Each try must end in one of the two states;
    // at least one must be stopped before the swap and show the cleanup.
    let stoppedBeforeSwap = false;
    for (let attempt = 0; attempt < 3 && !stoppedBeforeSwap; attempt++) {
      await fs.rm(target, { recursive: true, force: true });
      await bigTree(target, 3, 4);
      const before = await describeTree(target);
      const r = await interruptWhen(['restore', target, '--store', store.root, '--name', 'idx', '--force', '--quiet'], staging, 'SIGINT');
      if (!r.sent || r.code === 0) {
        // Finished before the signal reached it: a whole restore, which proves nothing here.
        expect(await describeTree(target)).toEqual(snapshot);
        continue;
      }
      expect(r.code).toBe(130);
      expect(r.stderr).toBe('index-vault: interrupted by SIGINT; what this run had not finished was removed\n');
      const after = await describeTree(target);
      expect([before, snapshot]).toContainEqual(after);
      stoppedBeforeSwap = JSON.stringify(after) === JSON.stringify(before);
      expect((await fs.readdir(root)).sort()).toEqual(['idx', 'store', 'target']);
      expect(await readLock(target)).toBeUndefined();
    }
    expect(stoppedBeforeSwap, 'no try was stopped before the swap').toBe(true);
  });
});

describe('temporary objects of killed writers', () => {
  it('are removed by the next backup and by prune once an hour old; a fresh one is kept', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, { 'a.txt': 'alpha' });
    const store = new LocalStore(path.join(root, 'store'));
    const packs = path.join(store.root, 'idx', 'packs');
    await fs.mkdir(packs, { recursive: true });
    const plant = async (name: string, ageMs: number) => {
      const file = path.join(packs, name);
      await fs.writeFile(file, seededBytes(5, 1000));
      const t = new Date(Date.now() - ageMs);
      await fs.utimes(file, t, t);
    };
    const old = '.20260101T000000000Z-0badc0de-000.tar.zst.tmp-4242-0123abcd';
    const fresh = '.20260101T000000000Z-0badc0de-001.tar.zst.tmp-4242-4567ef01';
    await plant(old, 2 * 3_600_000);
    await plant(fresh, 10 * 60_000);
    await backup({ source: src, store, logger: silent });
    let left = await fs.readdir(packs);
    expect(left).not.toContain(old);
    expect(left).toContain(fresh);

    await plant(old, 2 * 3_600_000);
    await prune({ store, series: 'idx', keepLast: 1, logger: silent });
    left = await fs.readdir(packs);
    expect(left).not.toContain(old);
    expect(left).toContain(fresh);
    // A dry run removes nothing.
    await plant(old, 2 * 3_600_000);
    await prune({ store, series: 'idx', keepLast: 1, dryRun: true, logger: silent });
    expect(await fs.readdir(packs)).toContain(old);
  });
});
