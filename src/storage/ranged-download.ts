import { StorageError } from '../shared/errors.js';
import { orderedMap } from '../shared/ordered-pool.js';
import type { GetOptions } from './store.js';

const RANGE_BYTES = 8 * 1024 * 1024;

/**
 * Reads a large object as consecutive ranges, several in flight and yielded in order: object
 * stores serve one connection at a fraction of the link's speed, and memory stays bounded at
 * `concurrency` ranges whatever the object's size.
 */
export async function* rangedDownload(
  size: number,
  fetchRange: (offset: number, length: number) => Promise<Buffer>,
  options: { offset?: number; length?: number; chunk: number; concurrency: number },
): AsyncGenerator<Buffer> {
  const start = options.offset ?? 0;
  const end = Math.min(size, start + (options.length ?? size - start));
  const ranges: Array<[number, number]> = [];
  for (let o = start; o < end; o += options.chunk) ranges.push([o, Math.min(options.chunk, end - o)]);
  yield* orderedMap(ranges, options.concurrency, ([o, n]) => fetchRange(o, n));
}

export async function collect(stream: AsyncIterable<Uint8Array> | NodeJS.ReadableStream): Promise<Buffer> {
  const parts: Buffer[] = [];
  for await (const c of stream as AsyncIterable<Uint8Array>) parts.push(Buffer.from(c));
  return Buffer.concat(parts);
}

/**
 * Serves `Store.get` for an object of `size` bytes from a function that reads one byte range as
 * a stream: whole objects as parallel ranges, a requested range likewise; a range that comes
 * back short is an error, never silently truncated data.
 */
export function readRanges(
  size: number,
  readRange: (offset: number, length: number) => Promise<AsyncIterable<Uint8Array> | NodeJS.ReadableStream>,
  what: string,
  options: GetOptions,
  concurrency: number,
  wrap: (err: unknown) => Error,
): AsyncIterable<Buffer> {
  const range = options.range;
  if (range && range.length === 0) return (async function* () {})();
  const fetchRange = async (offset: number, length: number): Promise<Buffer> => {
    try {
      const data = await collect(await readRange(offset, length));
      if (data.length !== length)
        throw new StorageError(`short read of ${what}: ${data.length} of ${length} bytes at ${offset}`, { hint: 'run again' });
      return data;
    } catch (err) {
      throw wrap(err);
    }
  };
  return rangedDownload(size, fetchRange, { offset: range?.offset, length: range?.length, chunk: RANGE_BYTES, concurrency });
}
