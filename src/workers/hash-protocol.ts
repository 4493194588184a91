/** What the hash pool (hash-workers.ts, read-hasher.ts) and hash-worker.ts say to each other. */

export type HashRequest =
  /** Hash whole files, in order: each one's sha256 and size come back (`sums`), or the first failure (`failed` names it). */
  | { op: 'files'; id: number; files: string[] }
  /** Keep a frame of shared memory under number `frame`, for `read`. */
  | { op: 'frame'; frame: number; sab: SharedArrayBuffer }
  /** Read `length` bytes of `fd` at `position` into frame `frame` at `offset`, adding them to hash `hash`. */
  | { op: 'read'; id: number; fd: number; frame: number; offset: number; length: number; position: number; hash: number }
  /** Finish hash `hash` (`digest`), or forget it (`drop`). */
  | { op: 'digest' | 'drop'; id: number; hash: number };

export interface HashReply {
  id: number;
  sha256?: string;
  /**
   * For `files`: per file, in the request's order, its sha256 and size, and its stat (of the
   * open file) once read: size, mtime and ctime in ns and inode, four numbers a file.
   */
  sums?: { sha256: string[]; size: number[]; stamps: bigint[] };
  /** For `files`: which of them failed (`error`). */
  failed?: number;
  got?: number;
  error?: { code?: string; message: string; syscall?: string };
}
