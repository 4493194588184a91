import { orderedMap } from '../core/ordered-pool.js';
/**
 * Reads a large object as consecutive ranges, several in flight and yielded in order: object
 * stores serve one connection at a fraction of the link's speed, and memory stays bounded at
 * `concurrency` ranges whatever the object's size.
 */
export async function* rangedDownload(size, fetchRange, options) {
    const start = options.offset ?? 0;
    const end = Math.min(size, start + (options.length ?? size - start));
    const ranges = [];
    for (let o = start; o < end; o += options.chunk)
        ranges.push([o, Math.min(options.chunk, end - o)]);
    yield* orderedMap(ranges, options.concurrency, ([o, n]) => fetchRange(o, n));
}
export async function collect(stream) {
    const parts = [];
    for await (const c of stream)
        parts.push(Buffer.from(c));
    return Buffer.concat(parts);
}
