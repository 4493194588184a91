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
export function isScannedFile(opened: { ino: bigint; isFile?: () => boolean }, scanned: { ino: bigint }): boolean {
  if (opened.ino < 0n || opened.isFile?.() === false) return false;
  return scanned.ino === 0n || opened.ino === scanned.ino;
}

/** The refusal of a file that is no longer the one the scan found (`rel`: its path in the tree). */
export function replacedError(rel: string): ChangedError {
  return new ChangedError(
    `${rel} was replaced after the scan (another file, a link or a directory took its name): it is not read in its place`,
    {
      hint: 'run the backup again once nothing replaces files in the directory',
      details: { path: rel, replaced: true },
    },
  );
}
