import { ChangedError } from '../shared/errors.js';
/**
 * Whether an open file is the one the scan found at its name: the same inode. A backup reads
 * files by path after the scan, so whatever took the name since — another file renamed over
 * it, a symlink (to anywhere, out of the tree too), a directory above it swapped for a link —
 * would be read in its place; its stat, taken on the open file, tells. An inode of 0 tells
 * nothing (a filesystem that keeps none): such a file is taken as the scan's.
 */
export declare function isScannedFile(opened: {
    ino: bigint;
}, scanned: {
    ino: bigint;
}): boolean;
/** The refusal of a file that is no longer the one the scan found (`rel`: its path in the tree). */
export declare function replacedError(rel: string): ChangedError;
