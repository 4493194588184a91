import { ChangedError } from '../shared/errors.js';
/**
 * Whether an open file is the one the scan found at its name: a regular file, with the same inode.
 * A backup reads files by path after the scan, so whatever took the name since — another file
 * renamed over it, a symlink (to anywhere, out of the tree too), a directory above it swapped for
 * a link, a FIFO — would be read in its place; its stat, taken on the open file, tells. A stat
 * that says only an inode (hashing's) gives -1 for what is not a regular file. A file deleted and
 * written anew under the same inode number is a file changed in place, as the reads treat it. An
 * inode of 0 tells nothing (a filesystem that keeps none): such a file is taken as the scan's.
 */
export declare function isScannedFile(opened: {
    ino: bigint;
    isFile?: () => boolean;
}, scanned: {
    ino: bigint;
}): boolean;
/** The refusal of a file that is no longer the one the scan found (`rel`: its path in the tree). */
export declare function replacedError(rel: string): ChangedError;
