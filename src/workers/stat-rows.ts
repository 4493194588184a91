import fs, { type BigIntStats } from 'node:fs';

/**
 * The lstat of a directory's names, shared by the walk and its helper thread (stat-helper.ts):
 * both claim names a few at a time from one cursor and write each one's row, so the helper takes
 * whatever the walk has not reached yet, and the walk never waits on a row no one has begun.
 * One implementation runs on both threads.
 */

/** Control words (Int32): the next name to claim, and how many names have their row. */
export const CURSOR = 0;
export const DONE = 1;
export const CONTROL_WORDS = 2;

/** Fields of a name's row (BigInt64). */
const STATUS = 0;
const KIND = 1;
const DEV = 2;
const INO = 3;
const MODE = 4;
const NLINK = 5;
const SIZE = 6;
const MTIME_NS = 7;
const CTIME_NS = 8;
const MTIME_MS = 9;
export const ROW = 10;

/** A row's status: its stat, the name gone since it was listed, or a failure the walk raises itself. */
export const STAT_OK = 1n;
export const STAT_GONE = 2n;
export const STAT_FAILED = 3n;

/** Names claimed at a time: few, so the last claims of a directory end close together. */
const CLAIM = 8;

export interface StatBatch {
  ctrl: Int32Array;
  rows: BigInt64Array;
  /** The directory's path with its separator: a name's path is prefix + name. */
  prefix: string;
  names: readonly string[];
}

/** Claims names and writes their rows until none is left (on either thread, or both at once). */
export function statClaims(b: StatBatch): void {
  while (claimBlock(b));
}

/**
 * Claims the next few names and writes their rows; false when none was left. A claim always
 * ends counted, each row written or marked for the walk to stat itself, so no one waits on a
 * row that will not come. A row's status is stored last, atomically: once it reads as set, the
 * rest of the row is there.
 */
export function claimBlock(b: StatBatch): boolean {
  const n = b.names.length;
  const start = Atomics.add(b.ctrl, CURSOR, CLAIM);
  if (start >= n) return false;
  const end = Math.min(n, start + CLAIM);
  let i = start;
  try {
    for (; i < end; i++) writeRow(b.rows, i, b.prefix + b.names[i]!);
  } finally {
    for (; i < end; i++) Atomics.store(b.rows, i * ROW + STATUS, STAT_FAILED);
    Atomics.add(b.ctrl, DONE, end - start);
    Atomics.notify(b.ctrl, DONE);
  }
  return true;
}

const KINDS = ['other', 'symlink', 'dir', 'file', 'fifo', 'socket', 'char', 'block'] as const;

/** The kind as Node's own stat methods tell it (so the row says exactly what they would). */
function kindOf(st: BigIntStats): number {
  if (st.isSymbolicLink()) return 1;
  if (st.isDirectory()) return 2;
  if (st.isFile()) return 3;
  if (st.isFIFO()) return 4;
  if (st.isSocket()) return 5;
  if (st.isCharacterDevice()) return 6;
  if (st.isBlockDevice()) return 7;
  return 0;
}

function writeRow(rows: BigInt64Array, i: number, abs: string): void {
  const at = i * ROW;
  let st: BigIntStats | undefined;
  try {
    st = fs.lstatSync(abs, { bigint: true, throwIfNoEntry: false });
  } catch {
    Atomics.store(rows, at + STATUS, STAT_FAILED); // the walk stats it again, and raises what it gets
    return;
  }
  if (!st) {
    Atomics.store(rows, at + STATUS, STAT_GONE);
    return;
  }
  rows[at + KIND] = BigInt(kindOf(st));
  rows[at + DEV] = st.dev;
  rows[at + INO] = st.ino;
  rows[at + MODE] = st.mode;
  rows[at + NLINK] = st.nlink;
  rows[at + SIZE] = st.size;
  rows[at + MTIME_NS] = st.mtimeNs;
  rows[at + CTIME_NS] = st.ctimeNs;
  rows[at + MTIME_MS] = st.mtimeMs;
  Atomics.store(rows, at + STATUS, STAT_OK);
}

/** The part of a BigIntStats the walk reads. */
export type EntryStat = Pick<
  BigIntStats,
  | 'dev'
  | 'ino'
  | 'mode'
  | 'nlink'
  | 'size'
  | 'mtimeNs'
  | 'ctimeNs'
  | 'mtimeMs'
  | 'isSymbolicLink'
  | 'isDirectory'
  | 'isFile'
  | 'isFIFO'
  | 'isSocket'
  | 'isCharacterDevice'
  | 'isBlockDevice'
>;

/** A row as the stat it was written from. */
export class RowStat implements EntryStat {
  readonly dev: bigint;
  readonly ino: bigint;
  readonly mode: bigint;
  readonly nlink: bigint;
  readonly size: bigint;
  readonly mtimeNs: bigint;
  readonly ctimeNs: bigint;
  readonly mtimeMs: bigint;
  private readonly kind: (typeof KINDS)[number];

  constructor(rows: BigInt64Array, i: number) {
    const at = i * ROW;
    this.kind = KINDS[Number(rows[at + KIND])]!;
    this.dev = rows[at + DEV]!;
    this.ino = rows[at + INO]!;
    this.mode = rows[at + MODE]!;
    this.nlink = rows[at + NLINK]!;
    this.size = rows[at + SIZE]!;
    this.mtimeNs = rows[at + MTIME_NS]!;
    this.ctimeNs = rows[at + CTIME_NS]!;
    this.mtimeMs = rows[at + MTIME_MS]!;
  }

  isSymbolicLink(): boolean {
    return this.kind === 'symlink';
  }
  isDirectory(): boolean {
    return this.kind === 'dir';
  }
  isFile(): boolean {
    return this.kind === 'file';
  }
  isFIFO(): boolean {
    return this.kind === 'fifo';
  }
  isSocket(): boolean {
    return this.kind === 'socket';
  }
  isCharacterDevice(): boolean {
    return this.kind === 'char';
  }
  isBlockDevice(): boolean {
    return this.kind === 'block';
  }
}

/** Row `i`'s status (0n: not written yet). */
export function rowStatus(rows: BigInt64Array, i: number): bigint {
  return Atomics.load(rows, i * ROW + STATUS);
}
