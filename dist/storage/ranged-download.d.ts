import type { GetOptions } from './store.js';
/**
 * Reads a large object as consecutive ranges, several in flight and yielded in order: object
 * stores serve one connection at a fraction of the link's speed, and memory stays bounded at
 * `concurrency` ranges whatever the object's size.
 */
export declare function rangedDownload(size: number, fetchRange: (offset: number, length: number) => Promise<Buffer>, options: {
    offset?: number;
    length?: number;
    chunk: number;
    concurrency: number;
}): AsyncGenerator<Buffer>;
export declare function collect(stream: AsyncIterable<Uint8Array> | NodeJS.ReadableStream): Promise<Buffer>;
/**
 * Serves `Store.get` for an object of `size` bytes from a function that reads one byte range as
 * a stream: whole objects as parallel ranges, a requested range likewise; a range that comes
 * back short is an error, never silently truncated data.
 */
export declare function readRanges(size: number, readRange: (offset: number, length: number) => Promise<AsyncIterable<Uint8Array> | NodeJS.ReadableStream>, what: string, options: GetOptions, concurrency: number, wrap: (err: unknown) => Error): AsyncIterable<Buffer>;
