/**
 * Reads and hashes the content of large files on a worker thread, into frame buffers backed by
 * shared memory: the main thread only lays out the tar stream, and the bytes are read once,
 * hashed where they land, and compressed from the same place — never copied between threads.
 * sha256 of a large file is the one step of a backup that cannot be split, so it gets its own
 * core-time instead of queueing behind everything else on the main thread. The thread starts at
 * the first read (or hash) it is asked for: a backup of small files only, which the main thread
 * reads itself, never starts it (a thread and its start-up saved).
 */
export declare class ReadHasher {
    private worker;
    private nextId;
    private nextHash;
    private readonly pending;
    private failed;
    /** Frames made so far, by their number on the worker, and those free for reuse. */
    private readonly frames;
    private readonly spare;
    /** Whether the worker thread has been started. */
    get started(): boolean;
    /** The worker, started at first need and handed every frame made so far. */
    private running;
    private call;
    /**
     * A frame-sized buffer in shared memory that the worker can read into: a recycled one when
     * there is one. The worker holds each frame for good, so frames are made once and reused by
     * every pack of a backup rather than left for two garbage collectors to find.
     */
    frame(size: number): Buffer;
    /** Hands a frame back once nothing reads it any more. */
    recycle(frame: Buffer): void;
    /** A new running sha256, fed by `read` under this id. */
    begin(): number;
    /**
     * Reads up to `length` bytes of `fd` at `position` into `frame` (one made by `frame()`) at
     * `offset`, adding them to hash `hash`; resolves with the count read,
     * which is short only at end of file.
     */
    read(fd: number, frame: Buffer, offset: number, length: number, position: number, hash: number): Promise<number>;
    digest(hash: number): Promise<string>;
    /** Forgets a hash that will not be finished (the file failed). */
    drop(hash: number): Promise<void>;
    close(): Promise<void>;
}
