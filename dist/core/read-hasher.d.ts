/**
 * Reads and hashes the content of large files on a worker thread, into frame buffers backed by
 * shared memory: the main thread only lays out the tar stream, and the bytes are read once,
 * hashed where they land, and compressed from the same place — never copied between threads.
 * sha256 of a large file is the one step of a backup that cannot be split, so it gets its own
 * core-time instead of queueing behind everything else on the main thread.
 */
export declare class ReadHasher {
    private readonly worker;
    private nextId;
    private readonly pending;
    private failed;
    constructor();
    private call;
    /** A new running sha256, fed by `read` under this id. */
    begin(): number;
    /**
     * Reads up to `length` bytes of `fd` at `position` into `frame` (a Buffer over a
     * SharedArrayBuffer) at `offset`, adding them to hash `hash`; resolves with the count read,
     * which is short only at end of file.
     */
    read(fd: number, frame: Buffer, offset: number, length: number, position: number, hash: number): Promise<number>;
    digest(hash: number): Promise<string>;
    /** Forgets a hash that will not be finished (the file failed). */
    drop(hash: number): Promise<void>;
    close(): Promise<void>;
}
/** A frame-sized buffer the read-hash worker can write into. */
export declare function sharedBuffer(size: number): Buffer;
