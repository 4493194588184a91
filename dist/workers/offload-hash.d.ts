/** A running sha256 whose result may arrive later. */
export interface Hasher {
    /** Returns a promise when the caller should wait before sending more (the worker is behind). */
    update(chunk: Uint8Array): void | Promise<void>;
    digest(): Promise<string>;
}
/** Hashes on the calling thread. */
export declare function inlineHasher(): Hasher;
/**
 * Hashes on a worker thread, so verify's sha256 of every file and pack runs beside the
 * decompression instead of on the main thread between its steps.
 */
export declare function workerHasher(): Hasher & {
    release(): void;
};
