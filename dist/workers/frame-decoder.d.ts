import type { Codec } from '../snapshot/manifest.js';
/** Output past a piece's cap: the caller says which limit that broke. */
export declare class OverCap extends Error {
}
/**
 * The one decoder of pack bytes, for both codecs, each on one long-lived zlib context (a fresh
 * context per frame costs a window's worth of newly faulted memory each time). zstd input comes
 * as whole frames, each decoded synchronously; gzip input as any pieces of the member stream,
 * through zlib's stream. Output is handed to `onRaw` in order as it comes out, in buffers of
 * `chunk` bytes at most, valid only during the call.
 */
export declare class FrameDecoder {
    private readonly codec;
    private readonly chunk;
    private readonly internals;
    private stream;
    /** zstd through zlib's handle; false where this Node.js lacks what that needs. */
    private zstd;
    private out;
    constructor(codec: Codec, chunk: number, internals?: boolean);
    /**
     * Decodes one piece; resolves once all it decodes to went through `onRaw`. More than `cap`
     * bytes out rejects with OverCap as soon as it shows; anything `onRaw` throws rejects too.
     */
    decode(input: Uint8Array, cap: number, onRaw: (raw: Buffer) => void): Promise<void>;
    /** `decode` of one whole zstd frame, returning once all of it went through `onRaw` (or throwing). */
    decodeZstdSync(input: Uint8Array, cap: number, onRaw: (raw: Buffer) => void): void;
    /**
     * One zstd frame, synchronously: through zlib's own handle, as zlib's sync functions drive it
     * inside, with one context and one output buffer for every frame (no allocation, no page
     * faults per frame: this halved a restore's CPU against the public one-shot call, which makes
     * a new context and new buffers each time). The one-shot call remains where a Node.js version
     * lacks these internals, or when `internals` is off (tests).
     */
    private zstdFrame;
    private handle;
    private resetZstd;
    /** The input has ended: what a gzip stream still holds comes out, and a cut member fails. */
    end(onRaw: (raw: Buffer) => void): Promise<void>;
    private open;
    /** Forgets the stream (after a failure, or between stretches that may have stopped mid-way). */
    reset(): void;
    private through;
}
