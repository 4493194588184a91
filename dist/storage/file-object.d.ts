import type { GetOptions, LocalCopy } from './store.js';
/** Writes a stream to a file, returning its size and sha256. */
export declare function spoolToFile(body: AsyncIterable<Uint8Array>, file: string): Promise<{
    size: number;
    sha256: string;
}>;
export declare function sha256OfFile(file: string): Promise<string>;
/**
 * Streams a downloaded file (or a byte range of it) and removes it once read or abandoned, so
 * backends that can only download whole objects to disk still serve `get` as a stream.
 */
export declare function streamAndRemove(file: string, options?: GetOptions): AsyncGenerator<Buffer>;
/** Serves `get` from a whole-object download: streams the copy (or a range of it), then releases it. */
export declare function streamCopy(copy: LocalCopy, options?: GetOptions): AsyncGenerator<Buffer>;
/** Renames, or copies then removes when the two paths are on different filesystems. */
export declare function moveFile(from: string, to: string): Promise<void>;
