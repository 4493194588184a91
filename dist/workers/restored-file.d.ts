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
 * One file being restored into staging: created exclusively (never through a link, never over
 * anything), written at positions with long zero runs left as holes, then sized, given its mode
 * and time, and copied to the other paths that share its content.
 */
export declare class RestoredFile {
    private readonly dests;
    private readonly holeMin;
    private fd;
    constructor(dests: LaneDest[], flags: number, holeMin: number);
    write(piece: Uint8Array, at: number): void;
    /** The content is complete and checked: size (a trailing hole), mode, time, then the copies. */
    finish(size: number): void;
    /** Closes the file after a failure; the caller removes staging. */
    abandon(): void;
}
