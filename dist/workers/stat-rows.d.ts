import { type BigIntStats } from 'node:fs';
/**
 * The lstat of a directory's names, shared by the walk and its helper thread (stat-helper.ts):
 * both claim names a few at a time from one cursor and write each one's row, so the helper takes
 * whatever the walk has not reached yet, and the walk never waits on a row no one has begun.
 * One implementation runs on both threads.
 */
/** Control words (Int32): the next name to claim, and how many names have their row. */
export declare const CURSOR = 0;
export declare const DONE = 1;
export declare const CONTROL_WORDS = 2;
export declare const ROW = 10;
/** A row's status: its stat, the name gone since it was listed, or a failure the walk raises itself. */
export declare const STAT_OK = 1n;
export declare const STAT_GONE = 2n;
export declare const STAT_FAILED = 3n;
export interface StatBatch {
    ctrl: Int32Array;
    rows: BigInt64Array;
    /** The directory's path with its separator: a name's path is prefix + name. */
    prefix: string;
    names: readonly string[];
}
/** Claims names and writes their rows until none is left (on either thread, or both at once). */
export declare function statClaims(b: StatBatch): void;
/**
 * Claims the next few names and writes their rows; false when none was left. A claim always
 * ends counted, each row written or marked for the walk to stat itself, so no one waits on a
 * row that will not come. A row's status is stored last, atomically: once it reads as set, the
 * rest of the row is there.
 */
export declare function claimBlock(b: StatBatch): boolean;
/** The part of a BigIntStats the walk reads. */
export type EntryStat = Pick<BigIntStats, 'dev' | 'ino' | 'mode' | 'nlink' | 'size' | 'mtimeNs' | 'ctimeNs' | 'mtimeMs' | 'isSymbolicLink' | 'isDirectory' | 'isFile' | 'isFIFO' | 'isSocket' | 'isCharacterDevice' | 'isBlockDevice'>;
/** A row as the stat it was written from. */
export declare class RowStat implements EntryStat {
    readonly dev: bigint;
    readonly ino: bigint;
    readonly mode: bigint;
    readonly nlink: bigint;
    readonly size: bigint;
    readonly mtimeNs: bigint;
    readonly ctimeNs: bigint;
    readonly mtimeMs: bigint;
    private readonly kind;
    constructor(rows: BigInt64Array, i: number);
    isSymbolicLink(): boolean;
    isDirectory(): boolean;
    isFile(): boolean;
    isFIFO(): boolean;
    isSocket(): boolean;
    isCharacterDevice(): boolean;
    isBlockDevice(): boolean;
}
/** Row `i`'s status (0n: not written yet). */
export declare function rowStatus(rows: BigInt64Array, i: number): bigint;
