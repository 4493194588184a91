import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import { ioError } from '../shared/errors.js';

const CHUNK = 4 * 1024 * 1024;

/** sha256 and size of a file, read in large chunks into one reused buffer. */
export async function hashFile(file: string, buffer: Buffer = Buffer.allocUnsafe(CHUNK)): Promise<{ sha256: string; size: number }> {
  let fh;
  try {
    fh = await fs.open(file, 'r');
  } catch (err) {
    throw ioError(err, 'cannot open', file);
  }
  try {
    const hash = createHash('sha256');
    let size = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) break;
      hash.update(buffer.subarray(0, bytesRead));
      size += bytesRead;
    }
    return { sha256: hash.digest('hex'), size };
  } catch (err) {
    throw ioError(err, 'cannot read', file);
  } finally {
    await fh.close();
  }
}

/**
 * Hashes many files, two at a time, so that one file's read is in flight while the other's
 * bytes are hashed. Results come back in input order.
 */
export async function hashFiles(files: readonly string[], onBytes?: (n: number) => void): Promise<Array<{ sha256: string; size: number }>> {
  const out = new Array<{ sha256: string; size: number }>(files.length);
  let next = 0;
  const worker = async () => {
    const buffer = Buffer.allocUnsafe(CHUNK);
    while (next < files.length) {
      const i = next++;
      out[i] = await hashFile(files[i]!, buffer);
      onBytes?.(out[i].size);
    }
  };
  await Promise.all([worker(), worker()]);
  return out;
}
