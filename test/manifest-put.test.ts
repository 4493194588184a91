import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { loadManifest, manifestKey } from '../src/engine/series.js';
import { LocalStore } from '../src/storage/local-store.js';
import type { PutOptions, StoreObject } from '../src/storage/store.js';
import { silent, tempDir, writeTree } from './support/fixtures.js';
import { WrappedStore } from './support/wrapped-store.js';

/** Keeps every part of a manifest put, with a copy of it as it was handed over, and passes the put on. */
class HoldingStore extends WrappedStore {
  held: Array<{ part: Uint8Array; copy: Buffer }> = [];
  override put(key: string, body: AsyncIterable<Uint8Array>, options?: PutOptions): Promise<StoreObject> {
    if (!key.includes('/snapshots/')) return this.inner.put(key, body, options);
    const held = this.held;
    return this.inner.put(
      key,
      (async function* () {
        for await (const part of body) {
          held.push({ part, copy: Buffer.from(part) });
          yield part;
        }
      })(),
      options,
    );
  }
}

describe('a manifest of several MiB is stored as sealed', () => {
  // 12,000 files: a manifest of ~3 MB, held compressed in pieces of a MiB whose memory is reused.
  const tree = async (dir: string) => {
    const src = path.join(dir, 'src');
    await writeTree(src, Object.fromEntries(Array.from({ length: 12_000 }, (_, i) => [`d${i % 40}/file-${i}.txt`, `content ${i}\n`])));
    return src;
  };

  it('by the local store (parts written in flight, then released): the stored text reads back with its digest', async () => {
    const dir = await tempDir();
    const store = new LocalStore(path.join(dir, 'store'));
    const manifest = (await backup({ source: await tree(dir), store, series: 's', logger: silent, hashCache: false })).manifest!;
    const stored = await fs.readFile(path.join(dir, 'store', ...manifestKey('s', manifest.id).split('/')));
    expect(stored.length).toBeGreaterThan(3 * 1024 * 1024);
    const read = await loadManifest(store, 's', manifest.id);
    expect(read.digest).toBe(manifest.digest);
    expect(read.entries.filter((e) => e.type === 'file')).toHaveLength(12_000);
  });

  it('by a store that keeps the parts it is given: none changes after it is handed over', async () => {
    const dir = await tempDir();
    const store = new HoldingStore(new LocalStore(path.join(dir, 'store')));
    const manifest = (await backup({ source: await tree(dir), store, series: 's', logger: silent, hashCache: false })).manifest!;
    expect(store.held.length).toBeGreaterThan(3);
    expect(store.held.every(({ part, copy }) => Buffer.from(part).equals(copy))).toBe(true);
    const stored = await fs.readFile(path.join(dir, 'store', ...manifestKey('s', manifest.id).split('/')));
    expect(Buffer.concat(store.held.map((h) => h.copy)).equals(stored)).toBe(true);
    expect((await loadManifest(store, 's', manifest.id)).digest).toBe(manifest.digest);
  });
});
