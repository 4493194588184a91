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
