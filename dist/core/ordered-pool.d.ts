/**
 * Maps an async iterable through an async function with up to `concurrency` calls in flight,
 * yielding results in input order. This is how frames get compressed on every core (zlib's
 * async calls run on libuv's thread pool) while the pack stays in order and memory stays bounded.
 */
export declare function orderedMap<T, R>(source: AsyncIterable<T> | Iterable<T>, concurrency: number, fn: (item: T) => Promise<R>): AsyncGenerator<R>;
