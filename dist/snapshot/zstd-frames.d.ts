/** Largest compressed frame a reader accepts; our writer's frames are a few MiB. */
export declare const MAX_FRAME_BYTES: number;
/**
 * The one zstd frame walker: finds where each frame ends from its frame and block headers,
 * without decoding it. Incremental and pure: bytes are fed in any pieces, each looked at once
 * (block bodies are skipped by count). Throws E_INTEGRITY on what cannot be a zstd frame.
 */
export declare class FrameWalker {
    /** Header bytes being gathered (frame header, skippable size, block header). */
    private head;
    private have;
    private want;
    private skip;
    private state;
    private lastBlock;
    private checksum;
    /** Bytes of the current frame walked so far. */
    length: number;
    /**
     * Walks `buf[from, to)`; returns the index just past the end of the current frame when it
     * ends in that range (the walker is then ready for the next frame), or -1 when it does not.
     */
    scan(buf: Uint8Array, from: number, to: number): number;
    /** Whether the walker stands between frames. */
    get between(): boolean;
    private reset;
    private expect;
    /** A header of the current state is complete in `head`. */
    private header;
}
/**
 * Cuts a stream of compressed chunks into whole zstd frames, each given as the pieces of the
 * input chunks it spans (never copied).
 */
export declare function splitZstdFrames(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer[]>;
