import { type Manifest } from './manifest.js';
export type StreamedManifest = {
    manifest: Manifest;
} | {
    fallback: string;
};
/**
 * The stream route alone: the manifest, or why it fell back. Errors of the source itself (a
 * failed read) are thrown as they are, as a whole read would throw them. No chunk is kept once
 * the next is asked for: a source may read each into the same memory.
 */
export declare function streamManifest(chunks: AsyncIterable<Buffer> | Iterable<Buffer>, what: string, batchBytes?: number): Promise<StreamedManifest>;
/**
 * A stored manifest, read as a stream (no whole text, no whole bytes held), with exactly the
 * decisions of parseManifest: any text the stream route does not accept is read again whole by
 * `reread` and parseManifest decides on what that read returns.
 */
export declare function readManifest(chunks: AsyncIterable<Buffer> | Iterable<Buffer>, what: string, reread: () => Promise<Buffer> | Buffer, batchBytes?: number): Promise<Manifest>;
/** The subarrays of a buffer held whole, as chunks for readManifest (no copy). */
export declare function chunksOf(bytes: Buffer, size?: number): Generator<Buffer>;
