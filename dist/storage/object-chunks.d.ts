import type { Store } from './store.js';
/**
 * An object's bytes as chunks for a reader that keeps none of them: for a store that keeps
 * objects as files here, read through one reused buffer of `bufferSize` bytes; else the store's
 * stream. A stream's fresh buffer per chunk costs, on first touch, as much as the whole read of a
 * manifest, and on a pack of hundreds of MiB it leaves ~64 MB of dead buffers waiting for the
 * collector, which counts memory outside its heap only in such steps.
 */
export declare function objectChunks(store: Store, key: string, bufferSize?: number): Promise<AsyncIterable<Buffer>>;
