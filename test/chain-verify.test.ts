import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { restore } from '../src/engine/restore/restore.js';
import { listSnapshotIds, loadManifest, manifestKey, packKey } from '../src/engine/series.js';
import { sealManifest, serializeManifest, type FileEntry } from '../src/snapshot/manifest.js';
import { runCli } from '../src/cli/run.js';
import type { GetOptions, Store } from '../src/storage/store.js';
import { LocalStore } from '../src/storage/local-store.js';
import { describeTree, seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';
import { WrappedStore } from './support/wrapped-store.js';

/** Counts whole reads of each key (what checking a pack costs). */
class CountingStore extends WrappedStore {
  override readonly description: string;
  readonly reads = new Map<string, number>();
  constructor(inner: Store) {
    super(inner);
    this.description = inner.description;
  }
  override get(key: string, options?: GetOptions) {
    this.reads.set(key, (this.reads.get(key) ?? 0) + 1);
    return super.get(key, options);
  }
}

async function fullSnapshot() {
  const root = await tempDir();
  const src = path.join(root, 'idx');
  await writeTree(src, { 'a.bin': seededBytes(1, 200_000), 'b.bin': seededBytes(2, 100_000), 'sub/c.txt': 'gamma' });
  const store = new LocalStore(path.join(root, 'store'));
  const full = await backup({ source: src, store, logger: silent });
  const packFile = path.join(store.root, ...packKey('idx', full.manifest!.packs[0]!.name).split('/'));
  return { root, src, store, full, packFile };
}

/** What a careless disk or an adversary does: one byte of the pack flipped, its recorded digest left as it was. */
async function flipByte(file: string): Promise<void> {
  const bytes = await fs.readFile(file);
  bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
  await fs.writeFile(file, bytes);
}

describe('an incremental is verified only when the packs it builds on are', () => {
  it('falls back to a full snapshot when a parent pack is damaged, and the result restores', async () => {
    const { root, src, store, full, packFile } = await fullSnapshot();
    await flipByte(packFile);
    await fs.writeFile(path.join(src, 'new.txt'), 'new content');
    const warnings: string[] = [];
    const r = await backup({ source: src, store, logger: { ...silent, warn: (m) => void warnings.push(m) } });
    expect(r.kind).toBe('full');
    expect(r.parent).toBeNull();
    expect(r.verified).toBe(true);
    expect(warnings.join('\n')).toContain(full.manifest!.packs[0]!.name);
    const target = path.join(root, 'target');
    await restore({ target, store, series: 'idx', logger: silent });
    expect(await describeTree(target)).toEqual(await describeTree(src));
  });

  it('with --mode incremental fails with E_INTEGRITY naming the pack, and publishes nothing', async () => {
    const { src, store, full, packFile } = await fullSnapshot();
    await flipByte(packFile);
    await fs.writeFile(path.join(src, 'new.txt'), 'new content');
    const err = await backup({ source: src, store, mode: 'incremental', logger: silent }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'E_INTEGRITY', message: expect.stringContaining(full.manifest!.packs[0]!.name) });
    expect(await listSnapshotIds(store, 'idx')).toEqual([full.id]);
    expect((await store.list('idx/packs/')).length).toBe(1);
  });

  it('does not call an unchanged tree verified on a damaged parent, nor with verify off', async () => {
    const { src, store, full, packFile } = await fullSnapshot();
    const off = await backup({ source: src, store, verify: false, logger: silent });
    expect(off).toMatchObject({
      kind: 'unchanged',
      id: full.id,
      verified: false,
      verifiedPacks: { written: 0, reused: 0, reusedFromRecord: 0 },
    });
    await flipByte(packFile);
    const r = await backup({ source: src, store, logger: silent });
    expect(r.kind).toBe('full');
    expect(r.id).not.toBe(full.id);
    expect(r.verified).toBe(true);
  });

  it('reads a parent pack once per machine: a second incremental on an intact chain does not read it again', async () => {
    const { src, store } = await fullSnapshot();
    const counting = new CountingStore(store);
    // Written without the record (--no-hash-cache), a snapshot's packs are unknown to this machine.
    const full = await backup({ source: src, store, mode: 'full', hashCache: false, logger: silent });
    const fullPack = packKey('idx', full.manifest!.packs[0]!.name);
    await fs.writeFile(path.join(src, 'one.txt'), 'one');
    const first = await backup({ source: src, store: counting, logger: silent });
    expect(first).toMatchObject({ kind: 'incremental', verified: true, verifiedPacks: { written: 1, reused: 1, reusedFromRecord: 0 } });
    expect(counting.reads.get(fullPack)).toBe(1);

    // Now both are known: the full pack was read whole by the first incremental, and the first
    // incremental's own pack was read back whole as it was written.
    await fs.writeFile(path.join(src, 'two.txt'), 'two');
    counting.reads.clear();
    const second = await backup({ source: src, store: counting, logger: silent });
    expect(second).toMatchObject({ kind: 'incremental', verified: true, verifiedPacks: { written: 1, reused: 0, reusedFromRecord: 2 } });
    expect(counting.reads.get(fullPack)).toBeUndefined();
    expect((await loadManifest(store, 'idx', second.id)).packs.map((p) => p.name)).toContain(full.manifest!.packs[0]!.name);

    // Without the record (--no-hash-cache), each incremental reads what it builds on; the JSON says so.
    await fs.writeFile(path.join(src, 'three.txt'), 'three');
    let stdout = '';
    const code = await runCli(['backup', src, '--store', store.root, '--no-hash-cache', '--json'], {
      stdout: { write: (s: string) => (stdout += s) },
      stderr: { write: () => true },
      env: {},
    });
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({
      kind: 'incremental',
      verified: true,
      verifiedPacks: { written: 1, reused: 3, reusedFromRecord: 0 },
    });

    // A recorded pack rewritten in place afterwards is read again, and its damage found.
    await flipByte(path.join(store.root, ...fullPack.split('/')));
    await fs.writeFile(path.join(src, 'four.txt'), 'four');
    const after = await backup({ source: src, store, logger: silent });
    expect(after).toMatchObject({ kind: 'full', verified: true });
  });
});

/**
 * A forger rewrites the newest manifest (digest recomputed, packs untouched) so that it places a
 * file where its pack holds no such member: b.bin's content is said to lie inside a.bin's, under
 * a member name the pack lacks.
 */
async function forgePlaces(store: LocalStore, id: string): Promise<void> {
  const m = await loadManifest(store, 'idx', id);
  const a = m.entries.find((e) => e.path === 'a.bin') as FileEntry;
  const { digest: _digest, ...body } = m;
  const forged = sealManifest({
    ...body,
    entries: body.entries.map((e) =>
      e.path === 'b.bin' ? { ...(e as FileEntry), loc: { ...a.loc, raw: a.loc.raw + 1024, skip: a.loc.skip + 1024, member: 'zz' } } : e,
    ),
  });
  await fs.writeFile(path.join(store.root, ...manifestKey('idx', id).split('/')), serializeManifest(forged));
}

describe('an incremental takes over its parent manifest’s places only once they are checked', () => {
  it.each([
    ['with', true],
    ['without', false],
  ])(
    'a forged parent (%s this machine’s record of it) makes auto take a full snapshot that restores, and incremental fail',
    async (_, hashCache) => {
      const { root, src, store, full } = await fullSnapshot();
      await forgePlaces(store, full.id);
      await fs.writeFile(path.join(src, 'sub/c.txt'), 'delta');
      const failed = await backup({ source: src, store, mode: 'incremental', hashCache, logger: silent }).catch((e: unknown) => e);
      expect(failed).toMatchObject({ code: 'E_INTEGRITY', message: expect.stringContaining(`latest snapshot ${full.id}`) });
      expect(await listSnapshotIds(store, 'idx')).toEqual([full.id]);

      const warnings: string[] = [];
      const r = await backup({ source: src, store, hashCache, logger: { ...silent, warn: (m) => void warnings.push(m) } });
      expect(r).toMatchObject({ kind: 'full', verified: true });
      expect(warnings.join('\n')).toMatch(/latest snapshot .* does not match the packs it needs: .*; taking a full snapshot instead/);
      const target = path.join(root, 'target');
      await restore({ target, store, series: 'idx', logger: silent });
      expect(await describeTree(target)).toEqual(await describeTree(src));
    },
  );

  it('builds on a manifest this machine made or restored whole without reading it again, and checks one it restored only in part', async () => {
    const { root, src, store } = await fullSnapshot();
    const counting = new CountingStore(store);
    // Once to find its bytes still the recorded ones; a second time to check its places.
    const manifestReads = () => [...counting.reads].filter(([k]) => k.includes('/snapshots/')).reduce((n, [, c]) => n + c, 0);
    // Made here: its places are this machine's own.
    await fs.writeFile(path.join(src, 'one.txt'), 'one');
    const first = await backup({ source: src, store: counting, logger: silent });
    expect(first).toMatchObject({ kind: 'incremental', verified: true });
    expect(manifestReads()).toBe(1);

    // Restored whole from the packs into an empty directory: every place was read there.
    const target = path.join(root, 'target');
    await restore({ target, store, series: 'idx', cacheDir: path.join(root, 'cache'), logger: silent });
    await fs.writeFile(path.join(target, 'two.txt'), 'two');
    counting.reads.clear();
    const second = await backup({ source: target, series: 'idx', store: counting, cacheDir: path.join(root, 'cache'), logger: silent });
    expect(second).toMatchObject({ kind: 'incremental', verified: true });
    expect(manifestReads()).toBe(1);

    // Restored over a tree that held the files already: their places were never read, so the next backup checks them.
    await fs.rm(path.join(target, 'two.txt'));
    await restore({ target, store, series: 'idx', force: true, cacheDir: path.join(root, 'cache'), logger: silent });
    await fs.writeFile(path.join(target, 'three.txt'), 'three');
    counting.reads.clear();
    const third = await backup({ source: target, series: 'idx', store: counting, cacheDir: path.join(root, 'cache'), logger: silent });
    expect(third).toMatchObject({ kind: 'incremental', verified: true });
    expect(manifestReads()).toBe(2);
  });
});
