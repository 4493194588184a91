/** A file as hashed: its sha256 and size, and its stat once read (of the open file, after the last byte). */
export interface HashedFile {
    sha256: string;
    size: number;
    stamp: {
        size: bigint;
        mtimeNs: bigint;
        ctimeNs: bigint;
        ino: bigint;
    };
}
/**
 * Hashes files on worker threads, one per core: sha256 is synchronous, so on the main thread it
 * runs on one core however many there are. Worth it for an incremental backup, which must hash
 * every file before it knows what is new. Files go in batches (`sizes`, when given, keeps a
 * batch's bytes bounded), two per thread at once: one message each way per file cost more than a
 * small file's hashing (a million small files took ~55 s on two cores, 28 s in batches). Results
 * come back in input order.
 */
export declare function hashFilesInWorkers(files: readonly string[], onBytes?: (n: number) => void, threads?: number, sizes?: readonly number[]): Promise<HashedFile[]>;
/**
 * hashFilesInWorkers on this thread, for a few small files (an incremental after a small change):
 * plain system calls, as the threads make them, where a thread-pool round trip for each of a
 * file's open, reads, stat and close cost more than the call itself, and no thread to start.
 */
export declare function hashFilesHere(files: readonly string[], onBytes?: (n: number) => void): Promise<HashedFile[]>;
/**
 * hashFilesInWorkers's threads kept for several calls (an incremental hashes a large tree a batch
 * of files at a time): started at the first call, ended by `close`. A call that fails ends them
 * too (answers to its other batches may still be on their way); the next call starts new ones.
 */
export declare class HashPool {
    private readonly threads;
    private readonly here;
    private workers;
    /**
     * `here`: this thread takes batches too, beside `threads` − 1 workers. For a caller that only
     * waits while the files are hashed (an incremental backup): the same cores busy, one thread
     * fewer to start and keep (~22 MB each: a million-file incremental without a hash cache peaks
     * while it hashes). Between two batches it lets the workers' answers in (and sees a stop).
     */
    constructor(threads?: number, here?: boolean);
    hash(files: readonly string[], onBytes?: (n: number) => void, sizes?: readonly number[]): Promise<HashedFile[]>;
    close(): Promise<void>;
}
