import { spawn } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { restore } from '../src/engine/restore/restore.js';
import { listSnapshotIds } from '../src/engine/series.js';
import { verifySeries } from '../src/engine/verify/verify.js';
import { LocalStore } from '../src/storage/local-store.js';
import { describeTree, seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';

const CLI = path.resolve(__dirname, '..', 'dist', 'cli', 'main.js');

async function bigTree(dir: string, seed: number, files = 60, size = 512 * 1024): Promise<void> {
  const spec: Record<string, Buffer> = {};
  for (let i = 0; i < files; i++) spec[`part-${String(i).padStart(3, '0')}.bin`] = seededBytes(seed * 1000 + i, size);
  await writeTree(dir, spec);
}

/** Starts the CLI and SIGKILLs it once `ready()` says so (or after maxMs). Returns whether it was killed before finishing. */
async function killWhen(args: string[], ready: () => Promise<boolean>, extraDelayMs: number): Promise<boolean> {
  const child = spawn(process.execPath, [CLI, ...args, '--quiet'], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr!.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
  let finished = false;
  void exited.then(() => (finished = true));
  const deadline = Date.now() + 20_000;
  while (!finished && Date.now() < deadline && !(await ready())) await new Promise((r) => setTimeout(r, 2));
  if (extraDelayMs > 0) await new Promise((r) => setTimeout(r, extraDelayMs));
  const killed = !finished && child.kill('SIGKILL');
  const code = await exited;
  if (!killed && code !== 0) throw new Error(`index-vault ${args[0]} failed (${code}): ${stderr}`);
  return killed;
}

describe('crash consistency', () => {
  it('a restore killed at any point leaves the old tree, and the next restore cleans up and succeeds', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await bigTree(src, 1);
    const store = new LocalStore(path.join(root, 'store'));
    await backup({ source: src, store, logger: silent });
    const target = path.join(root, 'target');
    await bigTree(target, 2, 20);
    const oldTree = await describeTree(target);
    const newTree = await describeTree(src);

    const stagingHasFiles = async () => {
      for (const n of await fs.readdir(root)) {
        if (n.includes('index-vault-staging-') && (await fs.readdir(path.join(root, n)).catch(() => [])).length > 3) return true;
      }
      return false;
    };
    let kills = 0;
    let leftovers = 0;
    for (const delay of [0, 5, 20, 60, 120, 250]) {
      const killed = await killWhen(['restore', target, '--store', store.root, '--name', 'idx', '--force'], stagingHasFiles, delay);
      const now = await describeTree(target).catch(() => ({}));
      if (killed) {
        kills++;
        if ((await fs.readdir(root)).some((n) => n.includes('index-vault-staging-'))) leftovers++;
        // Killed: the target is the complete old tree, or (if the kill hit the final rename) the complete new one.
        expect([oldTree, newTree]).toContainEqual(now);
      } else expect(now).toEqual(newTree);
      if (JSON.stringify(now) === JSON.stringify(newTree)) {
        // Put the old tree back for the next round.
        await fs.rm(target, { recursive: true });
        await bigTree(target, 2, 20);
      }
    }
    expect(kills).toBeGreaterThan(2);
    expect(leftovers).toBeGreaterThan(0); // kills mid-way left staging directories behind
    const r = await restore({ target, store, series: 'idx', force: true, logger: silent });
    expect(r.files).toBe(60);
    expect(await describeTree(target)).toEqual(newTree);
    expect((await fs.readdir(root)).sort()).toEqual(['idx', 'store', 'target']);
  });

  it('finishes a swap that was cut between its two renames', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await writeTree(src, { 'a.txt': 'new' });
    const store = new LocalStore(path.join(root, 'store'));
    await backup({ source: src, store, logger: silent });
    // The state a kill between "target -> old" and "staging -> target" leaves behind.
    await writeTree(path.join(root, '.target.index-vault-staging-aaaaaaaaaaaa'), { 'a.txt': 'new' });
    await writeTree(path.join(root, '.target.index-vault-old-bbbbbbbbbbbb'), { 'a.txt': 'old' });
    await fs.writeFile(
      path.join(root, '.target.index-vault-swap.json'),
      JSON.stringify({ staging: '.target.index-vault-staging-aaaaaaaaaaaa', old: '.target.index-vault-old-bbbbbbbbbbbb' }),
    );
    const warnings: string[] = [];
    // Restoring again (same snapshot) first completes the interrupted swap, then proceeds normally.
    await restore({
      target: path.join(root, 'target'),
      store,
      series: 'idx',
      force: true,
      logger: { ...silent, warn: (m) => warnings.push(m) },
    });
    expect(warnings.join('\n')).toContain('interrupted');
    expect(await fs.readFile(path.join(root, 'target', 'a.txt'), 'utf8')).toBe('new');
    expect((await fs.readdir(root)).sort()).toEqual(['idx', 'store', 'target']);
  });

  it('a backup killed at any point publishes no snapshot that fails verify, and the next backup succeeds', async () => {
    const root = await tempDir();
    const src = path.join(root, 'idx');
    await bigTree(src, 3, 40);
    const store = new LocalStore(path.join(root, 'store'));
    const started = async () => true;
    let kills = 0;
    for (const delay of [10, 40, 80, 150, 300, 600]) {
      if (await killWhen(['backup', src, '--store', store.root], started, delay)) kills++;
      for (const report of await verifySeries(store, 'idx', undefined)) expect(report.ok).toBe(true);
    }
    expect(kills).toBeGreaterThan(2);
    const before = (await listSnapshotIds(store, 'idx')).length;
    const snap = await backup({ source: src, store, logger: silent, mode: 'full' });
    expect((await listSnapshotIds(store, 'idx')).length).toBe(before + 1);
    const out = path.join(root, 'out');
    await restore({ target: out, store, series: 'idx', snapshot: snap.id, logger: silent });
    expect(await describeTree(out)).toEqual(await describeTree(src));
  });
});
