import type { ChunkSink } from '../snapshot/manifest.js';
/**
 * Bytes made once and read a few times (a new manifest's text, until it is stored), held
 * zstd-compressed in pieces of a MiB: a fifth of the memory, for ~2 ms of CPU per MiB. Reading
 * makes no garbage either: each piece is decoded into one buffer that the next one reuses (a
 * fresh buffer per piece waits for a GC that V8 puts off until ~64 MB of them pile up). A hole is
 * a place kept for bytes known only later (the digest of what follows it), held as given.
 */
export declare class PackedChunks implements ChunkSink, Iterable<Buffer> {
    private readonly tap?;
    private readonly parts;
    private readonly stage;
    private staged;
    private total;
    private decoder;
    /** `tap`: told of each piece as it is sealed, and of each hole as it is kept (a reader following the writer). */
    constructor(tap?: {
        sealed(z: Buffer): void;
        hole(): void;
    } | undefined);
    /** Raw bytes per compressed piece (a tap's reader decodes into that much). */
    static readonly pieceBytes: number;
    /** Bytes held (uncompressed). */
    get size(): number;
    /**
     * Appends a text's UTF-8 bytes, written straight into the piece being filled (no buffer made
     * per text); returns them, valid until the next append.
     */
    text(text: string): Buffer;
    /** Appends bytes (copied: the caller may reuse them). */
    push(bytes: Uint8Array): void;
    /** Keeps a place here for bytes given later to `fill`; its number. */
    hole(): number;
    fill(hole: number, bytes: Buffer): void;
    /**
     * The bytes in order, a piece at a time. A piece is valid only until the next is asked for
     * (its memory is reused): a reader that keeps bytes copies them.
     */
    [Symbol.iterator](): Generator<Buffer>;
    /** Seals the piece being filled (a tap then has every piece but the holes' bytes). */
    sealStaged(): void;
    /** All the bytes in one new buffer. */
    bytes(): Buffer;
    private seal;
}
