import { createHash } from 'node:crypto';
import { IntegrityError } from '../../shared/errors.js';
import { objectChunks } from '../../storage/object-chunks.js';
import type { Store } from '../../storage/store.js';

/**
 * Reads a pack back from a store that could not check it while writing, and proves it is what
 * was written: the same size and the same sha256. A local store's pack is read through one
 * reused buffer, so reading a chain's packs leaves no trail of dead buffers behind.
 */
export async function readBackPack(store: Store, key: string, expected: { size: number; sha256: string }): Promise<void> {
  const hash = createHash('sha256');
  let size = 0;
  for await (const chunk of await objectChunks(store, key, 1024 * 1024)) {
    hash.update(chunk);
    size += chunk.length;
  }
  const sha256 = hash.digest('hex');
  if (size !== expected.size || sha256 !== expected.sha256) {
    throw new IntegrityError(`${key} as stored differs from what was written (${size} bytes read back, ${expected.size} written)`, {
      hint: 'the store altered or truncated the object; check its health and back up again',
      details: { key },
    });
  }
}
