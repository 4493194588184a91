import type { Codec } from './manifest.js';
export declare const CODECS: readonly Codec[];
export declare const DEFAULT_LEVEL: Record<Codec, number>;
export declare const LEVEL_RANGE: Record<Codec, [number, number]>;
/** Uncompressed bytes per frame: small enough to spread over cores, large enough to compress well. */
export declare const FRAME_BYTES: number;
/** The most one frame may decode to (ours hold 1 MiB): bounds memory against hostile frames. */
export declare const MAX_FRAME_RAW: number;
/**
 * Frames compressed or decoded at once: one per core (two at least, four at most: libuv's pool
 * has four threads, and reads and writes need some too). Each frame in flight holds its input,
 * its output and a zstd context, so more than the cores can run only costs memory.
 */
export declare const CODEC_CONCURRENCY: number;
export declare function packExtension(codec: Codec): string;
/**
 * Whether a frame looks like random bytes (encrypted, already compressed, quantized noise): a
 * chi-square test of byte frequencies over three 4 KiB samples. Uniform bytes score near 255;
 * anything a compressor could use scores far higher.
 */
export declare function looksIncompressible(raw: Buffer): boolean;
/** Compresses one frame into a self-contained zstd frame or gzip member. */
export declare function compressFrame(codec: Codec, level: number, raw: Buffer): Promise<Buffer>;
/**
 * Compresses frames on long-lived zstd streams, each frame ended with ZSTD_e_end so it stands
 * alone. A one-shot call per frame builds and tears down a compression context each time (its
 * tables are megabytes, zeroed page by page by the kernel): reusing contexts cut a backup's CPU
 * by about a tenth and its system time by half. At most `concurrency` frames are in flight; each
 * runs on libuv's thread pool, so two cores compress at once.
 */
export declare class FrameCompressor {
    private readonly codec;
    private readonly level;
    private readonly idle;
    private readonly all;
    private readonly outputs;
    constructor(codec: Codec, level: number);
    /** One frame, as the buffers it came out in (concatenating them would cost a copy). */
    compress(raw: Buffer): Promise<Buffer[]>;
    /** The reader of a part `compress` returned is done with it: its memory may be written again (see CompressOutputs). */
    release(part: Uint8Array): void;
    private open;
    /** Frees every context; the compressor is not used again. */
    close(): void;
}
/**
 * Decodes whole zstd frames on long-lived streams (a fresh context per frame costs a
 * window's worth of newly faulted memory each time), one frame per stream at a time. A frame that
 * decodes to more than MAX_FRAME_RAW is refused as it grows, not after.
 */
export declare class FrameDecompressor {
    private readonly idle;
    private readonly all;
    decompress(frame: Buffer[]): Promise<Buffer[]>;
    private open;
    close(): void;
}
/**
 * Decodes a compressed pack (or a range of whole frames of one) into raw tar bytes.
 * `maxRaw` caps what is decoded in total: the manifest says how much there is, so a
 * decompression bomb stops at that count instead of filling the disk.
 */
export declare function decodeFrames(codec: Codec, compressed: AsyncIterable<Buffer>, maxRaw: number): AsyncGenerator<Buffer>;
