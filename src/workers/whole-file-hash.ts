import { createHash } from 'node:crypto';
import fs from 'node:fs';

/**
 * How a backup opens a file its scan found, to read it: never waiting on a FIFO or device that took
 * the file's name since (O_NONBLOCK, which changes nothing for a regular file; none on Windows). What
 * was opened is then refused by its stat (fs-safety/scanned-file.ts), without a read that never ends.
 */
export const SCANNED_READ_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * A whole file's sha256 and size, read with plain system calls into `buf`; its stat once read (of
 * the open file, after the last byte) is appended to `stamps`: size, mtime and ctime in ns, inode.
 * Equal to the scan's, that stat proves the hash is of the content the scan saw (hash-cache.ts):
 * a hashing thread and the main thread both take the proof here.
 */
export function hashWholeFile(file: string, buf: Buffer, stamps: bigint[]): { sha256: string; size: number } {
  const fd = fs.openSync(file, SCANNED_READ_FLAGS);
  try {
    const h = createHash('sha256');
    let size = 0;
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; size += n) h.update(buf.subarray(0, n));
    const st = fs.fstatSync(fd, { bigint: true });
    // The inode of what is not a regular file (a FIFO that took the name) is given as -1: never the scan's (isScannedFile).
    stamps.push(st.size, st.mtimeNs, st.ctimeNs, st.isFile() ? st.ino : -1n);
    return { sha256: h.digest('hex'), size };
  } finally {
    fs.closeSync(fd);
  }
}
