/**
 * Maps an async iterable through an async function with up to `concurrency` results started and
 * not yet taken, yielding them in input order. This is how frames get compressed on every core
 * (zlib's async calls run on libuv's thread pool) while the pack stays in order and memory stays
 * bounded. The source is pulled by a pump of its own, not by the consumer: while the consumer
 * writes a result out, the next items are already being read and started.
 */
export declare function orderedMap<T, R>(source: AsyncIterable<T> | Iterable<T>, concurrency: number, fn: (item: T) => Promise<R>): AsyncGenerator<R>;
