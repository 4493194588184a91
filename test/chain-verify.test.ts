import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { restore } from '../src/engine/restore/restore.js';
import { listSnapshotIds, loadManifest, packKey } from '../src/engine/series.js';
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
