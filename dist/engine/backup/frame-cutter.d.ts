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
    /** Raw bytes of the tar stream so far: where the next record starts. */
    rawPos: number;
    constructor(reader: ReadHasher, onBytes?: ((n: number) => void) | undefined);
    private newFrame;
    append(buf: Buffer): Generator<Buffer>;
    /** The last, partly filled frame. */
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
