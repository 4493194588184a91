import fs from 'node:fs';
import type { LaneDest, LaneError } from './lane-protocol.js';
/** A file system call failed on a restored file: travels to the main thread as an `io` LaneError. */
export declare class RestoreIoFailure extends Error {
    readonly info: Extract<LaneError, {
        kind: 'io';
    }>;
    constructor(info: Extract<LaneError, {
        kind: 'io';
    }>);
}
/** Whether every byte is zero, for pieces of any length. */
export declare function allZero(buf: Uint8Array): boolean;
/**
 * Gives a restored file its recorded mode and time: the one step every writer of a restored file
 * ends with (the lanes for files from packs, the restore for files reused from the old tree).
 */
export declare function setModeAndTime(file: string, mode: number, mtimeMs: number): void;
/**
 * What the lanes learn of the files they wrote: each destination's path and the size, mtime,
 * ctime (ns) and inode of its fstat after its last change, or size -1 where there is none to
 * give (a file linked elsewhere). Packed four numbers a file, so that a stretch's stamps cross
 * to the main thread as one buffer.
 */
export declare class StampList {
    readonly stamped: string[];
    private values;
    add(rel: string, st: fs.BigIntStats | undefined): void;
    /** The stamps of `stamped`, in a buffer of their own. */
    stamps(): BigInt64Array;
}
/**
 * The mode to create a file with: its recorded one when the owner may write it and the umask
 * leaves it whole (no fchmod later), else owner-only (a read-only file is written before it is
 * made read-only: some network filesystems refuse writes to a file created read-only). Windows
 * keeps only a read-only attribute: always owner-only there, then the attribute. Either way no
 * one else can read it early: staging is owner-only until the swap.
 */
export declare function createMode(mode: number, umask: number): number;
/**
 * One file being restored into staging: created exclusively (never through a link, never over
 * anything), written at positions with long zero runs left as holes, then sized (only when it
 * ends in a hole), given its mode (only when the create mode was not it already) and time, and
 * copied to the other paths that share its content. Its fstat, taken last, both proves the mode
 * (a default ACL, or a umask changed meanwhile, may have narrowed the create mode: then it is
 * set after all) and is the stamp the hash cache records.
 */
export declare class RestoredFile {
    private readonly dests;
    private readonly root;
    private readonly holeMin;
    private fd;
    private readonly path;
    private readonly mode;
    /** Where the data written so far ends: short of the size, the file ends in a hole. */
    private end;
    constructor(dests: LaneDest[], root: string, flags: number, holeMin: number, umask: number);
    write(piece: Uint8Array, at: number): void;
    /** The content is complete and checked: size (a trailing hole), mode, time, then the copies; each one's stamp goes to `stamps`. */
    finish(size: number, stamps: StampList): void;
    /** Closes the file after a failure; the caller removes staging. */
    abandon(): void;
}
