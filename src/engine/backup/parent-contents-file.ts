import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import type { Logger } from '../../shared/logger.js';
import { MAX_FILE_BYTES, readTrailer, RECORD_HEAD, type ContentsBinding } from '../contents-index.js';
import { ParentContents, type ScannedPaths } from './parent-contents.js';

/**
 * The contents kept at `file`, if it is an intact index of the snapshot and stored manifest
 * `expected` names; otherwise undefined (and the manifest is read). Read a piece at a time, as
 * a manifest is: no buffer of the whole index.
 */
export async function readContentsFile(
  file: string,
  expected: ContentsBinding,
  logger: Logger,
  scanned?: ScannedPaths,
): Promise<ParentContents | undefined> {
  let fh: fs.FileHandle | undefined;
  try {
    fh = await fs.open(file, 'r');
    const { size } = await fh.stat();
    if (size > MAX_FILE_BYTES) throw new Error(`${size} bytes, more than an index can hold`);
    const t = await readTrailer(fh, size);
    if (t.snapshot !== expected.snapshot || t.manifest.size !== expected.manifest.size || t.manifest.sha256 !== expected.manifest.sha256) {
      logger.debug(`${file} is the index of another snapshot: the newest manifest will be read`);
      return undefined;
    }
    const contents = new ParentContents(false, t.tree, t.count, scanned);
    const hash = createHash('sha256');
    const buf = Buffer.allocUnsafe(PIECE_BYTES);
    const view = new DataView(buf.buffer, buf.byteOffset, buf.length);
    let pos = 0; // where in the file buf's first byte is
    let have = 0;
    let count = 0;
    while (pos + have < t.recordsEnd) {
      const want = Math.min(buf.length - have, t.recordsEnd - pos - have);
      const { bytesRead } = await fh.read(buf, have, want, pos + have);
      if (bytesRead === 0) throw new Error('changed while read');
      hash.update(buf.subarray(have, have + bytesRead));
      have += bytesRead;
      let at = 0;
      for (;;) {
        if (at + RECORD_HEAD > have) break;
        const n = view.getUint32(at + RECORD_HEAD - 4, true);
        if (RECORD_HEAD + n > buf.length) throw new Error('a record longer than any name');
        if (at + RECORD_HEAD + n > have) break;
        const from = at + RECORD_HEAD;
        contents.addContentBytes(buf, at, view, at + 32, () => buf.toString('utf8', from, from + n));
        at = from + n;
        count++;
      }
      buf.copyWithin(0, at, have);
      pos += at;
      have -= at;
    }
    if (have !== 0 || count !== t.count) throw new Error('its records are not as many as it says');
    if (hash.digest('hex') !== t.records) throw new Error('its records do not match their digest');
    return contents;
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'ENOENT')
      logger.debug(`ignoring ${file} (${(err as Error).message}): the newest manifest will be read`);
    return undefined;
  } finally {
    await fh?.close();
  }
}

/** The piece an index is read in; more than any one record. */
const PIECE_BYTES = 1024 * 1024;
