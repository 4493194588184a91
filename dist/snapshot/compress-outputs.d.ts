export declare class CompressOutputs {
    private readonly bytes;
    private readonly free;
    /** Buffers with parts out, and which parts (released once each, whatever the caller does). */
    private readonly out;
    /** `bytes`: at least the stream's chunk size, so a frame's output fits one buffer. */
    constructor(bytes: number);
    /**
     * Points `stream`'s output at a free buffer; that buffer, or undefined if the stream is not as
     * expected or `MAX_OUT` buffers are out already (a reader that never releases, such as a store
     * that cannot say when it is done, then costs no more than the stream's own buffers would).
     */
    give(stream: object): Buffer | undefined;
    /** After a frame written into `buf` (from `give`): its parts that lie there are out until released; a buffer none lies in is free again. */
    handOut(buf: Buffer, parts: readonly Uint8Array[]): void;
    /** The reader is done with `part`: its buffer is free once all of its parts are. Anything else is ignored. */
    release(part: Uint8Array): void;
}
