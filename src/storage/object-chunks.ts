import fs from 'node:fs/promises';
import { StorageError } from '../shared/errors.js';
import type { Store } from './store.js';

/**
 * An object's bytes as chunks for a reader that keeps none of them: for a store that keeps
 * objects as files here, read through one reused buffer of `bufferSize` bytes; else the store's
 * stream. A stream's fresh buffer per chunk costs, on first touch, as much as the whole read of a
 * manifest, and on a pack of hundreds of MiB it leaves ~64 MB of dead buffers waiting for the
 * collector, which counts memory outside its heap only in such steps.
 */
export async function objectChunks(store: Store, key: string, bufferSize = 64 * 1024): Promise<AsyncIterable<Buffer>> {
  if (store.localRoot === undefined || !store.download) return store.get(key);
  const copy = await store.download(key);
  let handle: fs.FileHandle;
  try {
    handle = await fs.open(copy.path, 'r');
  } catch {
    await copy.release();
    return store.get(key);
  }
  return (async function* () {
    try {
      const buffer = Buffer.allocUnsafe(bufferSize);
      for (;;) {
        let n: number;
        try {
          n = (await handle.read(buffer, 0, buffer.length, null)).bytesRead;
        } catch (err) {
          throw new StorageError(`cannot read ${key} from ${store.description}: ${(err as Error).message}`, { cause: err });
        }
        if (n === 0) return;
        yield buffer.subarray(0, n);
      }
    } finally {
      await handle.close();
      await copy.release();
    }
  })();
}
