import type { FileHandle } from 'node:fs/promises';
import type { ReadHasher } from '../../workers/read-hasher.js';
/**
 * Cuts a pack's tar stream into raw frames of exactly FRAME_BYTES. Frames live in shared memory,
 * so the read-hash worker can fill them in place, and are recycled once compressed: a backup then
 * allocates a handful of frame buffers, not one per frame.
 */
export declare class FrameCutter {
    private readonly reader;
    private readonly onBytes?;
    private frame;
    private fill;
    /** Frames filled by `put` and not yet taken by `drain`, in stream order. */
    private readonly ready;
    /** Raw bytes of the tar stream so far: where the next record starts. */
    rawPos: number;
    constructor(reader: ReadHasher, onBytes?: ((n: number) => void) | undefined);
    private newFrame;
    /**
     * Copies `buf` into the stream; frames it fills wait for `drain`. A plain call, not a
     * generator: most records of small files fill no frame, and a generator (wrapped in a promise
     * per step by the async generator that delegates to it) would cost more than the copy.
     */
    put(buf: Buffer): void;
    /** Whether `put` has filled frames that `drain` has not yet handed out. */
    get hasReady(): boolean;
    /** The frames `put` filled, in order. */
    drain(): Generator<Buffer>;
    /** Everything not handed out yet, ending with the last, partly filled frame. */
    end(): Generator<Buffer>;
    /**
     * Reads a large file straight into frames on the read-hash worker: one read feeds both the
     * hash and the compressor, and neither the bytes nor the hashing pass through this thread.
     */
    streamLarge(fh: FileHandle, size: number, hash: number, path: string, changedHint: (path: string) => {
        hint: string;
        details: Record<string, unknown>;
    }): AsyncGenerator<Buffer>;
}
