import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { backup } from '../src/engine/backup/backup.js';
import { isIndexVaultError } from '../src/shared/errors.js';
import { orderedMap } from '../src/shared/ordered-pool.js';
import { restore } from '../src/engine/restore/restore.js';
import { listSnapshotIds } from '../src/engine/series.js';
import { LocalStore } from '../src/storage/local-store.js';
import type { GetOptions, PutOptions, Store, StoreObject } from '../src/storage/store.js';
import { describeTree, seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';
import { WrappedStore } from './support/wrapped-store.js';

/** A store that cannot check while writing, and that damages packs in one of two ways. */
class LossyStore extends WrappedStore {
  override readonly description = 'lossy';
  constructor(
    inner: Store,
    readonly fault: 'none' | 'flip-on-read' | 'drop-tail-on-write',
  ) {
    super(inner);
  }

  override async put(key: string, body: AsyncIterable<Uint8Array>, options?: PutOptions): Promise<StoreObject> {
    const fault = this.fault;
    const chunks = (async function* () {
      const all: Buffer[] = [];
      for await (const c of body) all.push(Buffer.from(c));
      const whole = Buffer.concat(all);
      // Silently keeps all but the last bytes of a pack, as a store that lost the end of an upload.
      yield fault === 'drop-tail-on-write' && key.includes('/packs/') ? whole.subarray(0, whole.length - 7) : whole;
    })();
    const { readBack: _ignored, ...rest } = options ?? {};
    const stored = await this.inner.put(key, chunks, rest);
    return { key: stored.key, size: stored.size };
  }

  override async get(key: string, options?: GetOptions): Promise<AsyncIterable<Buffer>> {
    const source = await this.inner.get(key, options);
    if (this.fault !== 'flip-on-read' || !key.includes('/packs/')) return source;
    return (async function* () {
      let first = true;
      for await (const c of source) {
        const copy = Buffer.from(c);
        if (first && copy.length > 100) copy[copy.length >> 1]! ^= 0x40;
        first = false;
        yield copy;
      }
    })();
  }
}

async function sourceTree(): Promise<string> {
  const src = await tempDir();
  await writeTree(src, { 'a.bin': seededBytes(1, 3_000_000), 'b/c.txt': 'hello\n'.repeat(5000), 'b/d.bin': seededBytes(2, 9_000_000) });
  return src;
}

describe('read-back after writing', () => {
  it('a store that reads back other bytes than it was given fails the backup with E_INTEGRITY and publishes nothing', async () => {
    const src = await sourceTree();
    const dir = await tempDir();
    const store = new LossyStore(new LocalStore(dir), 'flip-on-read');
    const err = await backup({ source: src, store, logger: silent }).catch((e: unknown) => e);
    expect(isIndexVaultError(err, 'E_INTEGRITY')).toBe(true);
    expect(await listSnapshotIds(store, path.basename(src))).toEqual([]);
    expect(await store.list('')).toEqual([]);
  });

  it('a store that silently loses the end of a pack fails the backup with E_INTEGRITY and publishes nothing', async () => {
    const src = await sourceTree();
    const dir = await tempDir();
    const store = new LossyStore(new LocalStore(dir), 'drop-tail-on-write');
    const err = await backup({ source: src, store, logger: silent, packBytes: 4_000_000 }).catch((e: unknown) => e);
    expect(isIndexVaultError(err, 'E_INTEGRITY')).toBe(true);
    expect(await store.list('')).toEqual([]);
  });

  it('a store without its own check is read back whole, and the snapshot restores exactly', async () => {
    const src = await sourceTree();
    const store = new LossyStore(new LocalStore(await tempDir()), 'none');
    const res = await backup({ source: src, store, logger: silent, packBytes: 4_000_000 });
    expect(res.verified).toBe(true);
    expect(res.packs).toBeGreaterThan(1);
    const out = path.join(await tempDir(), 'out');
    await restore({ target: out, store, series: res.series, logger: silent });
    expect(await describeTree(out)).toEqual(await describeTree(src));
  });

  it('the local store reads each part back as it writes it, when asked, and says so', async () => {
    const dir = await tempDir();
    const store = new LocalStore(dir);
    const parts = [seededBytes(3, 2_500_000), seededBytes(4, 10), seededBytes(5, 1_100_000)];
    const checked = await store.put(
      's/packs/x',
      (async function* () {
        yield* parts;
      })(),
      { readBack: true },
    );
    expect(checked).toMatchObject({ size: 3_600_010, readBack: true });
    expect(Buffer.compare(await fs.readFile(path.join(dir, 's', 'packs', 'x')), Buffer.concat(parts))).toBe(0);
    const unchecked = await store.put(
      's/packs/y',
      (async function* () {
        yield parts[1]!;
      })(),
    );
    expect(unchecked.readBack).toBe(false);
  });
});

describe('deferred durability', () => {
  it('the local store publishes at once and flushes in the background when asked, and a backup waits for it', async () => {
    const dir = await tempDir();
    const store = new LocalStore(dir);
    const res = await store.put(
      's/packs/z',
      (async function* () {
        yield seededBytes(6, 300_000);
      })(),
      { deferDurable: true },
    );
    // Windows flushes before the rename, so there the object comes back already durable.
    if (process.platform === 'win32') expect(res.durable).toBeUndefined();
    else expect(res.durable).toBeInstanceOf(Promise);
    expect(await store.exists('s/packs/z')).toBe(true);
    await res.durable;
    expect((await fs.stat(path.join(dir, 's', 'packs', 'z'))).size).toBe(300_000);
    expect((await store.list('s/')).map((o) => o.key)).toEqual(['s/packs/z']);
    const plain = await store.put(
      's/packs/w',
      (async function* () {
        yield seededBytes(7, 10);
      })(),
    );
    expect(plain.durable).toBeUndefined();
  });

  it('a pack whose flush fails keeps the manifest from being written', async () => {
    const src = await sourceTree();
    const inner = new LocalStore(await tempDir());
    const store = new (class extends WrappedStore {
      override async put(key: string, body: AsyncIterable<Uint8Array>, options?: PutOptions): Promise<StoreObject> {
        const r = await inner.put(key, body, options);
        if (!key.includes('/packs/')) return r;
        const failing = Promise.reject(Object.assign(new Error('injected: fsync failed'), { code: 'EIO' }));
        failing.catch(() => {});
        return { ...r, durable: failing };
      }
    })(inner);
    await expect(backup({ source: src, store, logger: silent })).rejects.toThrow(/fsync failed/);
    expect(await listSnapshotIds(inner, path.basename(src))).toEqual([]);
    expect(await inner.list('')).toEqual([]);
  });
});

describe('the manifest waits for the packs', () => {
  /** A store whose packs become durable (or fail to) only some time after their put returned. */
  function lateDurability(inner: LocalStore, fail: boolean, events: string[]): Store {
    return new (class extends WrappedStore {
      override async put(key: string, body: AsyncIterable<Uint8Array>, options?: PutOptions): Promise<StoreObject> {
        const r = await inner.put(key, body, options);
        if (!key.includes('/packs/')) {
          events.push(`put ${key.split('/')[1]}`);
          return r;
        }
        const durable = (async () => {
          await r.durable;
          await new Promise((resolve) => setTimeout(resolve, 150));
          events.push('pack settled');
          if (fail) throw Object.assign(new Error('injected: late fsync failure'), { code: 'EIO' });
        })();
        durable.catch(() => {});
        return { ...r, durable };
      }
    })(inner);
  }

  it('is written only after every pack has settled, though it is built and checked before', async () => {
    const src = await sourceTree();
    const inner = new LocalStore(await tempDir());
    const events: string[] = [];
    const res = await backup({ source: src, store: lateDurability(inner, false, events), logger: silent });
    expect(events.at(-1)).toBe('put snapshots');
    expect(events.filter((e) => e === 'pack settled')).toHaveLength(res.packs);
    expect(await listSnapshotIds(inner, path.basename(src))).toEqual([res.id]);
  });

  it('is never written when a pack fails to settle after the manifest was built, and the packs are removed', async () => {
    const src = await sourceTree();
    const inner = new LocalStore(await tempDir());
    const events: string[] = [];
    await expect(backup({ source: src, store: lateDurability(inner, true, events), logger: silent })).rejects.toThrow(/late fsync failure/);
    expect(events).not.toContain('put snapshots');
    expect(await inner.list('')).toEqual([]);
  });
});

describe('orderedMap', () => {
  const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

  it('yields results in input order with at most `concurrency` started and not yet taken', async () => {
    let inFlight = 0;
    let most = 0;
    const out: number[] = [];
    for await (const v of orderedMap([5, 1, 4, 2, 3, 0, 6], 3, async (x) => {
      most = Math.max(most, ++inFlight);
      await sleep(x);
      return x * 10;
    })) {
      out.push(v);
      inFlight--;
      await sleep(2); // a slow consumer: the pump must not run further ahead than allowed
    }
    expect(out).toEqual([50, 10, 40, 20, 30, 0, 60]);
    // Three queued, plus the one the consumer holds.
    expect(most).toBeLessThanOrEqual(4);
    expect(most).toBeGreaterThan(1);
  });

  it('stops pulling the source when the consumer stops, and closes it', async () => {
    let pulled = 0;
    let closed = false;
    async function* source() {
      try {
        for (let i = 0; i < 1000; i++) {
          pulled++;
          yield i;
        }
      } finally {
        closed = true;
      }
    }
    for await (const v of orderedMap(source(), 2, async (x) => x)) {
      if (v === 3) break;
    }
    expect(closed).toBe(true);
    expect(pulled).toBeLessThanOrEqual(4 + 2 + 1);
  });

  it('delivers what was started before the source failed, then the failure', async () => {
    async function* source() {
      yield 1;
      yield 2;
      throw new Error('source broke');
    }
    const got: number[] = [];
    const err = await (async () => {
      for await (const v of orderedMap(source(), 4, async (x) => x)) got.push(v);
    })().catch((e: Error) => e);
    expect(got).toEqual([1, 2]);
    expect((err as Error).message).toBe('source broke');
  });

  it('passes on a failing call in its place', async () => {
    const got: number[] = [];
    const err = await (async () => {
      for await (const v of orderedMap([1, 2, 3], 2, async (x) => {
        if (x === 2) throw new Error('call 2 failed');
        return x;
      }))
        got.push(v);
    })().catch((e: Error) => e);
    expect(got).toEqual([1]);
    expect((err as Error).message).toBe('call 2 failed');
  });
});
