/** Largest compressed frame a reader accepts; our writer's frames are a few MiB. */
export declare const MAX_FRAME_BYTES: number;
/**
 * Cuts a stream of compressed chunks into whole zstd frames, each given as the pieces of the
 * input chunks it spans (never copied). Incremental: each input byte is looked at once.
 */
export declare function splitZstdFrames(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer[]>;
