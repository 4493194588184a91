import type { Store } from '../../storage/store.js';
/**
 * Reads a pack back from a store that could not check it while writing, and proves it is what
 * was written: the same size and the same sha256. A local store's pack is read through one
 * reused buffer, so reading a chain's packs leaves no trail of dead buffers behind.
 */
export declare function readBackPack(store: Store, key: string, expected: {
    size: number;
    sha256: string;
}): Promise<void>;
