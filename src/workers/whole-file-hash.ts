import { createHash } from 'node:crypto';
import fs from 'node:fs';

/**
 * A whole file's sha256 and size, read with plain system calls into `buf`; its stat once read (of
 * the open file, after the last byte) is appended to `stamps`: size, mtime and ctime in ns, inode.
 * Equal to the scan's, that stat proves the hash is of the content the scan saw (hash-cache.ts):
 * a hashing thread and the main thread both take the proof here.
 */
export function hashWholeFile(file: string, buf: Buffer, stamps: bigint[]): { sha256: string; size: number } {
  const fd = fs.openSync(file, 'r');
  try {
    const h = createHash('sha256');
    let size = 0;
    for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; size += n) h.update(buf.subarray(0, n));
    const st = fs.fstatSync(fd, { bigint: true });
    stamps.push(st.size, st.mtimeNs, st.ctimeNs, st.ino);
    return { sha256: h.digest('hex'), size };
  } finally {
    fs.closeSync(fd);
  }
}
