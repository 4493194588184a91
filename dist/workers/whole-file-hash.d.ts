/**
 * How a backup opens a file its scan found, to read it: never waiting on a FIFO or device that took
 * the file's name since (O_NONBLOCK, which changes nothing for a regular file; none on Windows). What
 * was opened is then refused by its stat (fs-safety/scanned-file.ts), without a read that never ends.
 */
export declare const SCANNED_READ_FLAGS: number;
/**
 * A whole file's sha256 and size, read with plain system calls into `buf`; its stat once read (of
 * the open file, after the last byte) is appended to `stamps`: size, mtime and ctime in ns, inode.
 * Equal to the scan's, that stat proves the hash is of the content the scan saw (hash-cache.ts):
 * a hashing thread and the main thread both take the proof here.
 */
export declare function hashWholeFile(file: string, buf: Buffer, stamps: bigint[]): {
    sha256: string;
    size: number;
};
