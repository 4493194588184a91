import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { pipeline } from 'node:stream/promises';
import { Readable } from 'node:stream';
import type { GetOptions, LocalCopy } from './store.js';
import { PRIVATE_FILE_MODE } from '../fs-safety/private-files.js';

/** Writes a stream to a file, returning its size and sha256. */
export async function spoolToFile(body: AsyncIterable<Uint8Array>, file: string): Promise<{ size: number; sha256: string }> {
  const hash = createHash('sha256');
  let size = 0;
  await pipeline(
    Readable.from(
      (async function* () {
        for await (const chunk of body) {
          hash.update(chunk);
          size += chunk.length;
          yield chunk;
        }
      })(),
    ),
    createWriteStream(file, { mode: PRIVATE_FILE_MODE }),
  );
  return { size, sha256: hash.digest('hex') };
}

export async function sha256OfFile(file: string): Promise<string> {
  const hash = createHash('sha256');
  for await (const chunk of createReadStream(file)) hash.update(chunk as Buffer);
  return hash.digest('hex');
}

/**
 * Streams a downloaded file (or a byte range of it) and removes it once read or abandoned, so
 * backends that can only download whole objects to disk still serve `get` as a stream.
 */
export async function* streamAndRemove(file: string, options: GetOptions = {}): AsyncGenerator<Buffer> {
  try {
    const range = options.range;
    const stream = range
      ? range.length === 0
        ? undefined
        : createReadStream(file, { start: range.offset, end: range.offset + range.length - 1 })
      : createReadStream(file);
    if (stream) for await (const chunk of stream) yield chunk as Buffer;
  } finally {
    await fs.rm(file, { force: true });
  }
}

/** Serves `get` from a whole-object download: streams the copy (or a range of it), then releases it. */
export async function* streamCopy(copy: LocalCopy, options: GetOptions = {}): AsyncGenerator<Buffer> {
  try {
    yield* streamAndRemove(copy.path, options);
  } finally {
    await copy.release();
  }
}

/** Renames, or copies then removes when the two paths are on different filesystems. */
export async function moveFile(from: string, to: string): Promise<void> {
  try {
    await fs.rename(from, to);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EXDEV') throw err;
    await fs.copyFile(from, to);
    await fs.rm(from, { force: true });
  }
}
