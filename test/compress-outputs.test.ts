import fs from 'node:fs/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { FRAME_BYTES, FrameCompressor } from '../src/snapshot/codec.js';
import { CompressOutputs } from '../src/snapshot/compress-outputs.js';
import { LocalStore } from '../src/storage/local-store.js';
import { backup } from '../src/engine/backup/backup.js';
import type { PutOptions, StoreObject } from '../src/storage/store.js';
import { seededBytes, silent, tempDir, writeTree } from './support/fixtures.js';
import { WrappedStore } from './support/wrapped-store.js';

/** Frames of every kind a pack holds: text that compresses, random bytes that do not, zeros, short ones. */
function frames(n: number): Buffer[] {
  return Array.from({ length: n }, (_, i) => {
    if (i % 4 === 0) return seededBytes(i + 1, FRAME_BYTES);
    if (i % 4 === 1) return Buffer.from(`line ${i} of some text that repeats\n`.repeat(FRAME_BYTES / 32)).subarray(0, FRAME_BYTES);
    if (i % 4 === 2) return Buffer.alloc(FRAME_BYTES);
    return seededBytes(i + 1, 1 + ((i * 7919) % 5000));
  });
}

describe('compression output memory used again', () => {
  it('writes no part over before it is released, and reuses memory once parts are', async () => {
    const compressor = new FrameCompressor('zstd', 3);
    const raws = frames(40);
    const held: Array<{ parts: Buffer[]; copy: Buffer }> = [];
    const buffers = new Set<ArrayBufferLike>();
    try {
      for (const [i, raw] of raws.entries()) {
        const parts = await compressor.compress(raw);
        for (const p of parts) buffers.add(p.buffer);
        held.push({ parts, copy: Buffer.concat(parts) });
        // Released three frames late (a store with writes in flight); every fifth frame's parts never.
        const old = held[i - 3];
        if (old && (i - 3) % 5 !== 0) {
          for (const p of old.parts) compressor.release(p);
          // Released again, and a part that is not the compressor's: both ignored.
          compressor.release(old.parts[0]!);
          compressor.release(Buffer.alloc(10));
        }
      }
    } finally {
      compressor.close();
    }
    held.forEach(({ parts, copy }, i) => {
      // Each frame stands alone and decodes to its input; what is never released is still intact.
      expect(zlib.zstdDecompressSync(copy).equals(raws[i]!), `frame ${i}`).toBe(true);
      if (i >= 37 || i % 5 === 0) expect(Buffer.concat(parts).equals(copy), `held frame ${i}`).toBe(true);
    });
    // Without release each stream makes a new ~1 MB buffer every few frames; with it, a handful serve all 40.
    expect(buffers.size).toBeLessThan(14);
  });

  it('stops giving its own memory to a reader that never releases, after a bounded number of buffers', async () => {
    const compressor = new FrameCompressor('zstd', 3);
    const buffers = new Set<ArrayBufferLike>();
    const raws = frames(80);
    try {
      for (const raw of raws) for (const p of await compressor.compress(raw)) buffers.add(p.buffer);
    } finally {
      compressor.close();
    }
    // 16 of its own, one per frame, then the stream's own again (one per few frames); never one per frame throughout.
    expect(buffers.size).toBeGreaterThanOrEqual(16);
    expect(buffers.size).toBeLessThan(16 + 64 / 2);
  });

  it('leaves a stream whose fields are not as expected alone', () => {
    const outputs = new CompressOutputs(1024);
    expect(outputs.give({})).toBeUndefined();
    expect(outputs.give({ _outBuffer: Buffer.alloc(8), _outOffset: 0, _chunkSize: 4096 })).toBeUndefined(); // larger than ours
    const stream = { _outBuffer: Buffer.alloc(8), _outOffset: 5, _chunkSize: 1024 };
    const buf = outputs.give(stream)!;
    expect(stream._outBuffer).toBe(buf);
    expect(stream._outOffset).toBe(0);
    // A buffer with two parts out is free only when both are released, once each.
    const [a, b] = [buf.subarray(0, 10), buf.subarray(10, 20)];
    outputs.handOut(buf, [a, b]);
    outputs.release(a);
    outputs.release(a);
    expect(outputs.give({ _outBuffer: Buffer.alloc(8), _outOffset: 0, _chunkSize: 1024 })).not.toBe(buf);
    outputs.release(b);
    expect(outputs.give({ _outBuffer: Buffer.alloc(8), _outOffset: 0, _chunkSize: 1024 })).toBe(buf);
  });

  it('the local store releases each part once, only after it is written and read back', async () => {
    for (const readBack of [false, true]) {
      const dir = await tempDir();
      const store = new LocalStore(path.join(dir, 'store'));
      const copies: Buffer[] = [];
      const released = new Map<Uint8Array, number>();
      const body = (async function* () {
        for (let i = 0; i < 30; i++) {
          const part = seededBytes(100 + i, 70_000 + i * 1000);
          copies.push(Buffer.from(part));
          yield part;
        }
      })();
      const stored = await store.put('packs/p', body, {
        readBack,
        // Whoever gets the memory back writes over it at once: a release before the write (or the read-back) ended would show.
        release: (part) => {
          released.set(part, (released.get(part) ?? 0) + 1);
          (part as Buffer).fill(0xee);
        },
      });
      expect(stored.readBack === true).toBe(readBack);
      expect(released.size).toBe(30);
      expect([...released.values()].every((n) => n === 1)).toBe(true);
      expect((await fs.readFile(path.join(dir, 'store', 'packs', 'p'))).equals(Buffer.concat(copies))).toBe(true);
    }
  });

  it('a store that passes its options on to another gets no release, so parts it holds stay as they were', async () => {
    // A wrapper that keeps every part it is given (as a tee to a second place would) and passes the put on.
    class HoldingStore extends WrappedStore {
      held: Array<{ part: Uint8Array; copy: Buffer }> = [];
      override put(key: string, body: AsyncIterable<Uint8Array>, options?: PutOptions): Promise<StoreObject> {
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
    const dir = await tempDir();
    const src = path.join(dir, 'src');
    // Forty frames or so, most of them random (they fill whole output buffers).
    await writeTree(src, Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`f${i}.bin`, seededBytes(i + 1, 1_100_000)])));
    const store = new HoldingStore(new LocalStore(path.join(dir, 'store')));
    await backup({ source: src, store, series: 's', logger: silent, hashCache: false });
    expect(store.held.length).toBeGreaterThan(30);
    expect(store.held.every(({ part, copy }) => Buffer.from(part).equals(copy))).toBe(true);
  });
});
