/** Largest compressed frame a reader accepts; our writer's frames are a few MiB. */
export declare const MAX_FRAME_BYTES: number;
/**
 * Cuts a stream of compressed chunks into whole zstd frames. Incremental: each input byte is
 * looked at once and each frame is copied once, however the chunks fall.
 */
export declare function splitZstdFrames(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer>;
