import type { Store } from '../../storage/store.js';
/**
 * Reads a pack back from a store that could not check it while writing, and proves it is what
 * was written: the same size and the same sha256.
 */
export declare function readBackPack(store: Store, key: string, expected: {
    size: number;
    sha256: string;
}): Promise<void>;
