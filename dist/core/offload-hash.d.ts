/** A running sha256 whose result may arrive later. */
export interface Hasher {
    /** Returns a promise when the caller should wait before sending more (the worker is behind). */
    update(chunk: Uint8Array): void | Promise<void>;
    digest(): Promise<string>;
}
/** Hashes on the calling thread. */
export declare function inlineHasher(): Hasher;
/**
 * Hashes on a worker thread, so a restore's sha256 of every file runs beside the decompression
 * and the writes instead of on the main thread between them. Each new hasher goes to the least
 * busy of up to two workers, so consecutive files are hashed at the same time.
 */
export declare function workerHasher(): Hasher & {
    release(): void;
};
