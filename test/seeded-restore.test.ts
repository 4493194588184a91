import { randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../src/cli/run.js';
import { backup } from '../src/engine/backup/backup.js';
import { restore } from '../src/engine/restore/restore.js';
import { isIndexVaultError } from '../src/shared/errors.js';
import { LocalStore } from '../src/storage/local-store.js';
import { runAction } from './support/action-runner.js';
import { countingStore } from './support/counting-store.js';
import { describeTree, silent, tempDir } from './support/fixtures.js';

/**
 * Incompressible files (40 of 64 KiB unless told): the pack is about their size, so fetched bytes
 * measure what was not seeded, rounded up to whole 1 MiB frames.
 */
async function setup(count = 40, bytes = 64 * 1024) {
  const root = await tempDir();
  const src = path.join(root, 'idx');
  await fs.mkdir(path.join(src, 'data'), { recursive: true });
  for (let i = 0; i < count; i++) await fs.writeFile(path.join(src, 'data', `${name(i)}.bin`), randomBytes(bytes));
  const store = new LocalStore(path.join(root, 'store'));
  const snap = await backup({ source: src, store, logger: silent });
  const packBytes = snap.manifest!.packs.reduce((n, p) => n + p.size, 0);
  return { root, src, store, snap, series: snap.series, packBytes };
}

/** Gives a file the mtime the snapshot records for `rel` (mid-millisecond, so it reads back as that millisecond). */
async function sameTime(file: string, snap: { manifest?: { entries: Array<{ path: string; mtimeMs: number }> } }, rel: string) {
  const m = snap.manifest!.entries.find((e) => e.path === rel)!.mtimeMs;
  await fs.utimes(file, (m + 0.5) / 1000, (m + 0.5) / 1000);
}

const name = (i: number) => String(i).padStart(3, '0');

async function code(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (err) {
    return isIndexVaultError(err) ? err.code : `raw: ${String(err)}`;
  }
  return 'resolved';
}

describe('seeded restore (--seed)', () => {
  it('takes 90% of the content from a seed (copied, never linked) and fetches only the rest', async () => {
    // 200 files of 256 KiB: the 20 not seeded lie together in the pack, so their frames are about 10% of it.
    const { root, src, store, series, packBytes, snap } = await setup(200, 256 * 1024);
    // An older build: 180 of the 200 files, one under another name; 20 files differ.
    const seed = path.join(root, 'previous');
    // Same times and modes as the snapshot's files: only the rule against linking a seed keeps them apart.
    await fs.cp(src, seed, { recursive: true, preserveTimestamps: true });
    for (let i = 0; i < 20; i++) await fs.writeFile(path.join(seed, 'data', `${name(i)}.bin`), 'older content');
    for (let i = 20; i < 200; i++) await sameTime(path.join(seed, 'data', `${name(i)}.bin`), snap, `data/${name(i)}.bin`);
    await fs.rename(path.join(seed, 'data', '100.bin'), path.join(seed, 'renamed.bin'));
    const seedBefore = await describeTree(seed);

    const counting = countingStore(store);
    const target = path.join(root, 'target');
    const r = await restore({ target, store: counting, series, seeds: [seed], logger: silent });
    expect(await describeTree(target)).toEqual(await describeTree(src));
    expect(r.reusedFiles).toBe(180);
    expect(r.reusedBytes).toBe(180 * 256 * 1024);
    expect(counting.fetched).toBeLessThanOrEqual(packBytes * 0.15);
    expect(r.fetchedBytes).toBeLessThanOrEqual(packBytes * 0.15);
    // Not linked: writing to the restored file leaves the seed as it was.
    const a = await fs.stat(path.join(target, 'data', '020.bin'));
    const b = await fs.stat(path.join(seed, 'data', '020.bin'));
    expect(a.ino).not.toBe(b.ino);
    await fs.writeFile(path.join(target, 'data', '020.bin'), 'changed later');
    expect(await describeTree(seed)).toEqual(seedBefore);
  });

  it('does not use a seed file of the right name and size but the wrong content', async () => {
    const { root, src, store, series } = await setup();
    const seed = path.join(root, 'previous');
    await fs.cp(src, seed, { recursive: true });
    for (let i = 0; i < 40; i++) await fs.writeFile(path.join(seed, 'data', `${name(i)}.bin`), randomBytes(64 * 1024));
    const target = path.join(root, 'target');
    const r = await restore({ target, store, series, seeds: [seed], logger: silent });
    expect(r.reusedFiles).toBe(0);
    expect(await describeTree(target)).toEqual(await describeTree(src));
  });

  it('does not follow a symlink in a seed, even one to a file with the right content', async () => {
    const { root, src, store, series } = await setup();
    const outside = path.join(root, 'outside');
    await fs.cp(path.join(src, 'data'), outside, { recursive: true });
    const seed = path.join(root, 'previous');
    await fs.mkdir(path.join(seed, 'data'), { recursive: true });
    for (let i = 0; i < 40; i++) await fs.symlink(path.join(outside, `${name(i)}.bin`), path.join(seed, 'data', `${name(i)}.bin`));
    await fs.symlink(outside, path.join(seed, 'dirlink'));
    const target = path.join(root, 'target');
    const r = await restore({ target, store, series, seeds: [seed], logger: silent });
    expect(r.reusedFiles).toBe(0);
    expect(await describeTree(target)).toEqual(await describeTree(src));
  });

  it('refuses a seed inside the target, the target inside a seed, or a seed holding the store; a missing seed is a warning', async () => {
    const { root, src, store, series } = await setup();
    const target = path.join(root, 'target');
    await fs.cp(src, target, { recursive: true });
    const before = await describeTree(target);
    expect(await code(restore({ target, store, series, seeds: [path.join(target, 'data')], force: true, logger: silent }))).toBe(
      'E_VALIDATION',
    );
    expect(await code(restore({ target, store, series, seeds: [root], force: true, logger: silent }))).toBe('E_VALIDATION');
    expect(
      await code(restore({ target: path.join(root, 'other'), store, series, seeds: [path.join(root, 'store', series)], logger: silent })),
    ).toBe('E_VALIDATION');
    expect(await describeTree(target)).toEqual(before);

    const warnings: string[] = [];
    const fresh = path.join(root, 'fresh');
    const r = await restore({
      target: fresh,
      store,
      series,
      seeds: [path.join(root, 'no-such-dir')],
      logger: { ...silent, warn: (m: string) => warnings.push(m) },
    });
    expect(r.reusedFiles).toBe(0);
    expect(warnings.join('\n')).toMatch(/no-such-dir/);
    expect(await describeTree(fresh)).toEqual(await describeTree(src));
  });

  it('partial restore: a file of the target outside the selection is copied, never linked to the restored one', async () => {
    const { root, src, store, series, snap } = await setup();
    const target = path.join(root, 'target');
    await fs.mkdir(target);
    // The same content as the selected file, under another name that the restore keeps.
    await fs.copyFile(path.join(src, 'data', '007.bin'), path.join(target, 'copy-of-7.bin'));
    await sameTime(path.join(target, 'copy-of-7.bin'), snap, 'data/007.bin');
    const keep = await fs.stat(path.join(target, 'copy-of-7.bin'));
    const r = await restore({ target, store, series, only: ['data/007.bin'], logger: silent });
    expect(r.reusedFiles).toBe(1);
    const restored = await fs.stat(path.join(target, 'data', '007.bin'));
    expect(restored.ino).not.toBe(keep.ino);
    expect((await fs.stat(path.join(target, 'copy-of-7.bin'))).nlink).toBe(1);
  });

  it('through the CLI: --seed, with --json reporting reused and fetched bytes', async () => {
    const { root, src, store, series } = await setup();
    const seed = path.join(root, 'previous');
    await fs.cp(src, seed, { recursive: true });
    const out: string[] = [];
    const err: string[] = [];
    const io = { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) }, env: {} };
    const target = path.join(root, 'target');
    expect(
      await runCli(
        [
          'restore',
          target,
          '--store',
          store.localRoot!,
          '--name',
          series,
          '--seed',
          seed,
          '--seed',
          path.join(root, 'gone'),
          '--json',
          '--quiet',
        ],
        io,
      ),
      err.join(''),
    ).toBe(0);
    const report = JSON.parse(out.join('')) as { reusedFiles: number; reusedBytes: number; fetchedBytes: number };
    expect(report).toMatchObject({ reusedFiles: 40, reusedBytes: 40 * 64 * 1024 });
    expect(report.fetchedBytes).toBeLessThan(64 * 1024);
    expect(await describeTree(target)).toEqual(await describeTree(src));
  });

  it('the action: inputs seed and only (one a line); the summary says bytes reused versus fetched', async () => {
    const { root, src, store, series } = await setup();
    const ws = path.join(root, 'ws');
    await fs.mkdir(path.join(ws, 'data'), { recursive: true });
    await fs.cp(src, path.join(root, 'older'), { recursive: true });
    await fs.writeFile(path.join(ws, 'data', 'mine.txt'), 'kept');
    const run = await runAction(ws, {
      mode: 'restore',
      path: 'data/idx',
      name: series,
      backend: 'local',
      store: store.localRoot!,
      seed: `../older\n\n${path.join(root, 'gone')}\n`,
      only: 'data/001.bin\ndata/002.bin',
    });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(Object.keys(await describeTree(path.join(ws, 'data', 'idx'))).sort()).toEqual(['data', 'data/001.bin', 'data/002.bin']);
    expect(run.summary).toMatch(/reused from the directory or seeds/);
    expect(run.summary).toMatch(/128(\.0)? KiB \(2 files\) reused/);
    expect(run.summary).toContain('`data/001.bin`, `data/002.bin`');
    expect(await fs.readFile(path.join(ws, 'data', 'mine.txt'), 'utf8')).toBe('kept');
  });
});
