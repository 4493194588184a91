import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup, type BackupOptions, type BackupResult } from '../src/engine/backup/backup.js';
import { contentsFileFor } from '../src/engine/contents-index.js';
import { restore } from '../src/engine/restore/restore.js';
import { loadManifest, manifestKey } from '../src/engine/series.js';
import { cacheFileFor, RACY_NS } from '../src/fs-safety/hash-cache.js';
import { sealManifest, serializeManifest, type Manifest } from '../src/snapshot/manifest.js';
import type { Store } from '../src/storage/store.js';
import { LocalStore } from '../src/storage/local-store.js';
import { describeTree, seededBytes, silent, tempDir, writeTree, type TreeSpec } from './support/fixtures.js';

/** The debug line of a backup that took its parent's contents from this machine's index. */
const INDEXED = /its contents are taken from/;
const settle = () => new Promise((r) => setTimeout(r, Number(RACY_NS / 1_000_000n) + 50));
let taken = 0;

const TREE: TreeSpec = {
  'a.txt': 'alpha',
  'data/b.bin': seededBytes(1, 50_000),
  'data/c.bin': seededBytes(2, 30_000),
  'data/same.bin': seededBytes(1, 50_000),
  'tool.sh': { exec: '#!/bin/sh\necho hi\n' },
  'link-to-a': { link: 'a.txt' },
  'empty/': { dir: true },
  'deep/x/y/z.txt': 'zed',
};

interface Env {
  root: string;
  src: string;
  store: Store;
  storeDir: string;
  cacheDir: string;
  index: string;
}

async function setup(first: Partial<BackupOptions> = {}): Promise<Env & { full: BackupResult }> {
  const root = await tempDir('iv-idx-');
  const src = path.join(root, 'idx');
  await writeTree(src, TREE);
  const storeDir = path.join(root, 'store');
  const store = new LocalStore(storeDir);
  const cacheDir = path.join(root, 'cache');
  await settle();
  const full = await backup({ source: src, store, cacheDir, logger: silent, ...first });
  return { root, src, store, storeDir, cacheDir, index: contentsFileFor(cacheFileFor(src, cacheDir)), full };
}

/** Changes of every kind an incremental meets: an edit, a new file, a removal, a copy of content the chain holds, a rename. */
async function change(env: Env): Promise<void> {
  await fs.writeFile(path.join(env.src, 'a.txt'), 'alpha, edited');
  await fs.writeFile(path.join(env.src, 'data/new.bin'), seededBytes(9, 20_000));
  await fs.rm(path.join(env.src, 'data/c.bin'));
  await fs.writeFile(path.join(env.src, 'copy-of-b.bin'), seededBytes(1, 50_000));
  await fs.rename(path.join(env.src, 'deep/x/y/z.txt'), path.join(env.src, 'deep/z-moved.txt'));
  await settle();
}

interface Outcome {
  result?: BackupResult;
  error?: { code: unknown; message: string };
  indexed: boolean;
  debug: string[];
}

async function run(env: Env, options: Partial<BackupOptions> = {}): Promise<Outcome> {
  const debug: string[] = [];
  const logger = { debug: (m: string) => void debug.push(m), info() {}, warn() {} };
  try {
    const result = await backup({ source: env.src, store: env.store, cacheDir: env.cacheDir, logger, ...options });
    return { result, indexed: debug.some((m) => INDEXED.test(m)), debug };
  } catch (err) {
    const e = err as { code?: unknown; message: string };
    return { error: { code: e.code, message: e.message }, indexed: debug.some((m) => INDEXED.test(m)), debug };
  }
}

async function filesUnder(dir: string): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  for (const e of await fs.readdir(dir, { recursive: true, withFileTypes: true }).catch(() => [])) {
    if (e.isFile()) out.set(path.join(e.parentPath, e.name), await fs.readFile(path.join(e.parentPath, e.name)));
  }
  return out;
}

/**
 * The same incremental twice from the same state (same id and time): as it is, then with the
 * index of contents removed, which is the route that reads the parent's manifest. Both must store
 * the very same manifest bytes.
 */
async function withAndWithoutIndex(
  env: Env,
  options: Partial<BackupOptions> = {},
  undo = false,
): Promise<{ withIndex: Outcome; without: Outcome }> {
  const storeBefore = new Set((await filesUnder(env.storeDir)).keys());
  const cacheBefore = await filesUnder(env.cacheDir);
  const createdAt = new Date(Date.UTC(2099, 0, 1) + ++taken * 60_000);
  const same = { snapshotId: `${createdAt.toISOString().replace(/[-:.]/g, '')}-0000abcd`, createdAt, ...options };
  const withIndex = await run(env, same);
  const storedWith = await filesUnder(env.storeDir);
  for (const f of storedWith.keys()) if (!storeBefore.has(f)) await fs.rm(f);
  for (const f of (await filesUnder(env.cacheDir)).keys()) if (!cacheBefore.has(f)) await fs.rm(f);
  for (const [f, bytes] of cacheBefore) await fs.writeFile(f, bytes);
  await fs.rm(env.index, { force: true });
  const without = await run(env, same);
  expect(without.indexed).toBe(false);
  expect(without.error).toEqual(withIndex.error);
  // Every object of the store, manifest and packs, is the same byte for byte.
  const storedWithout = await filesUnder(env.storeDir);
  expect([...storedWithout.keys()].sort()).toEqual([...storedWith.keys()].sort());
  for (const [f, bytes] of storedWith) expect(storedWithout.get(f)?.equals(bytes), f).toBe(true);
  // `undo`: back to the state before both runs, for another from the same state.
  if (undo) {
    for (const f of storedWithout.keys()) if (!storeBefore.has(f)) await fs.rm(f);
    for (const f of (await filesUnder(env.cacheDir)).keys()) if (!cacheBefore.has(f)) await fs.rm(f);
    for (const [f, bytes] of cacheBefore) await fs.writeFile(f, bytes);
  }
  return { withIndex, without };
}

describe('the index of the last snapshot’s contents', () => {
  it('stands for the parent’s manifest: an incremental stores the same bytes as one that reads it, and restores exactly', async () => {
    const env = await setup();
    expect((await fs.stat(env.index)).mode & 0o777).toBe(0o600);
    await change(env);
    const { withIndex } = await withAndWithoutIndex(env);
    expect(withIndex.indexed).toBe(true);
    expect(withIndex.result).toMatchObject({ kind: 'incremental', parent: env.full.id });
    // The chain of indexes goes on: the next incremental builds on this one's index.
    await fs.writeFile(path.join(env.src, 'a.txt'), 'alpha, edited again');
    await settle();
    const next = await run(env);
    expect(next.indexed).toBe(true);
    expect(next.result).toMatchObject({ kind: 'incremental', parent: withIndex.result!.id });
    const out = path.join(env.root, 'out');
    await restore({ target: out, store: env.store, cacheDir: env.cacheDir, series: 'idx', snapshot: next.result!.id, logger: silent });
    expect(await describeTree(out)).toEqual(await describeTree(env.src));
  });

  it('is ignored, and the manifest read, when any byte of it is damaged', async () => {
    const env = await setup();
    await change(env);
    const intact = await fs.readFile(env.index);
    // A byte of a hash, of a location, of a name, of the trailer, and the end cut off.
    for (const damage of [0, 40, 100, intact.length - 20, -1]) {
      const bytes = Buffer.from(intact);
      const damaged = damage < 0 ? bytes.subarray(0, bytes.length - 3) : bytes;
      if (damage >= 0) damaged[damage] = damaged[damage]! ^ 0x01;
      await fs.writeFile(env.index, damaged);
      const { withIndex } = await withAndWithoutIndex(env, {}, true);
      expect(withIndex.indexed, `damage at ${damage}`).toBe(false);
      expect(withIndex.result).toMatchObject({ kind: 'incremental', parent: env.full.id });
      await fs.writeFile(env.index, intact);
    }
  });

  it('is ignored when it is the index of another snapshot, or the store’s manifest is not the one it was made from', async () => {
    const env = await setup();
    const first = await fs.readFile(env.index);
    await change(env);
    const inc = await run(env);
    expect(inc.indexed).toBe(true);
    // The index of the first snapshot beside the record of the second.
    await fs.writeFile(env.index, first);
    await fs.writeFile(path.join(env.src, 'a.txt'), 'third');
    await settle();
    const stale = await withAndWithoutIndex(env);
    expect(stale.withIndex.indexed).toBe(false);
    expect(stale.withIndex.debug.join('\n')).toMatch(/index of another snapshot/);
    expect(stale.withIndex.result).toMatchObject({ kind: 'incremental', parent: inc.result!.id });
    // A forger who can write the store swaps a hash in the newest manifest, every digest recomputed, same size.
    await fs.writeFile(path.join(env.src, 'a.txt'), 'third, again');
    await settle();
    const again = await run(env);
    expect(again.indexed).toBe(true);
    const id = again.result!.id;
    const m = await loadManifest(env.store, 'idx', id);
    const b = m.entries.find((e) => e.path === 'data/b.bin')!;
    const entries = m.entries.map((e) =>
      e.path === 'data/new.bin' && e.type === 'file' && b.type === 'file' ? { ...e, sha256: b.sha256 } : e,
    );
    const { digest: _d, ...body } = m;
    const forged = serializeManifest(sealManifest({ ...body, entries }) as Manifest);
    const file = path.join(env.storeDir, ...manifestKey('idx', id).split('/'));
    expect(forged.length).toBe((await fs.stat(file)).size);
    await fs.writeFile(file, forged);
    await fs.writeFile(path.join(env.src, 'a.txt'), 'fourth');
    await settle();
    const forgedRun = await run(env);
    expect(forgedRun.indexed).toBe(false);
  });

  it('unreadable when it is read, sends the backup to the manifest, which must still be the one recorded', async () => {
    const env = await setup();
    await change(env);
    // Damaged after the backup chose its parent (the index is read only once the hash cache is saved).
    const intact = await fs.readFile(env.index);
    intact[40] = intact[40]! ^ 0x01;
    await fs.writeFile(env.index, intact);
    const id = env.full.id;
    const key = manifestKey('idx', id);
    const file = path.join(env.storeDir, ...key.split('/'));
    const m = await loadManifest(env.store, 'idx', id);
    const { digest: _d, ...body } = m;
    const forged = serializeManifest(
      sealManifest({ ...body, entries: m.entries.map((e) => (e.type === 'file' ? { ...e, mtimeMs: e.mtimeMs + 1 } : e)) }) as Manifest,
    );
    // A writer of the store swaps the manifest between the backup's check of it and its read of the entries.
    let reads = 0;
    const store = new Proxy(env.store, {
      get(target, prop, receiver) {
        const value = Reflect.get(target, prop, receiver) as unknown;
        if ((prop !== 'get' && prop !== 'download') || typeof value !== 'function') return value;
        return async (k: string, ...rest: unknown[]) => {
          if (k === key && ++reads === 2) await fs.writeFile(file, forged);
          return (value as (...a: unknown[]) => unknown).call(target, k, ...rest);
        };
      },
    });
    const manifestsBefore = await fs.readdir(path.dirname(file));
    const out = await run({ ...env, store });
    expect(reads).toBe(2);
    expect(out.error).toMatchObject({ code: 'E_INTEGRITY', message: expect.stringMatching(/changed while this backup read it/) });
    expect(await fs.readdir(path.dirname(file))).toEqual(manifestsBefore);
    // With the recorded manifest back, the same backup reads it and builds on it.
    await fs.writeFile(file, serializeManifest(m));
    const again = await run(env);
    expect(again.indexed).toBe(false);
    expect(again.result).toMatchObject({ kind: 'incremental', parent: id });
  });

  it('is not used when mtimes are trusted (which needs the parent’s files by path), nor left behind by a backup that fails', async () => {
    const env = await setup();
    await change(env);
    const trusting = await withAndWithoutIndex(env, { trustMtime: true });
    expect(trusting.withIndex.indexed).toBe(false);
    // A store that refuses the manifest: nothing is published, the index of the parent stays as it was, no temporary is left.
    const before = await fs.readFile(env.index);
    const failing: Store = Object.assign(Object.create(env.store) as Store, {
      put: (key: string, ...rest: unknown[]) =>
        key.includes('/snapshots/')
          ? Promise.reject(Object.assign(new Error('refused by the test'), { code: 'EACCES' }))
          : (env.store.put as (...a: unknown[]) => Promise<unknown>).call(env.store, key, ...rest),
    });
    await fs.writeFile(path.join(env.src, 'a.txt'), 'never stored');
    await settle();
    const failed = await run({ ...env, store: failing });
    expect(failed.error).toBeDefined();
    expect((await fs.readFile(env.index)).equals(before)).toBe(true);
    expect((await fs.readdir(env.cacheDir)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('is left, with the record, by a restore of a whole snapshot: the backup of the restored tree after it reads no manifest', async () => {
    const env = await setup();
    const out = path.join(env.root, 'out');
    await restore({ target: out, store: env.store, cacheDir: env.cacheDir, series: 'idx', logger: silent });
    await settle();
    const restored: Env = { ...env, src: out, index: contentsFileFor(cacheFileFor(out, env.cacheDir)) };
    // Unchanged: answered from the record the restore left (the manifest is hashed, not read), for
    // a backup that gives the default versions of a LanceDB table as the action does, or leaves them out.
    const same = await run(restored, { series: 'idx', lanceVersions: 'tagged' });
    expect(same.result).toMatchObject({ kind: 'unchanged', id: env.full.id, hashedFiles: 0 });
    expect(same.debug.join('\n')).toMatch(/its manifest is not read/);
    // Changed: the parent's contents from the index the restore left; the same bytes as reading the manifest.
    await change(restored);
    const { withIndex } = await withAndWithoutIndex(restored, { series: 'idx' });
    expect(withIndex.indexed).toBe(true);
    expect(withIndex.result).toMatchObject({ kind: 'incremental', parent: env.full.id });
    const again = path.join(env.root, 'again');
    await restore({
      target: again,
      store: env.store,
      cacheDir: env.cacheDir,
      series: 'idx',
      snapshot: withIndex.result!.id,
      logger: silent,
    });
    expect(await describeTree(again)).toEqual(await describeTree(out));
    // A partial restore leaves neither: its tree is not the snapshot's.
    const part = path.join(env.root, 'part');
    await restore({ target: part, store: env.store, cacheDir: env.cacheDir, series: 'idx', only: ['data'], logger: silent });
    await expect(fs.stat(contentsFileFor(cacheFileFor(part, env.cacheDir)))).rejects.toThrow();
  });
});
