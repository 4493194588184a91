/**
 * One restore lane: a worker thread that decodes a stretch of a pack's zstd frames, checks every
 * tar record in it against the manifest, hashes each wanted file and writes it into staging.
 * Several lanes work on different stretches of a pack at once, so decoding, hashing and writing
 * use every core instead of queueing behind one thread.
 *
 * `laneMain` is the worker's whole program: its source text is what the worker runs, so it
 * imports nothing and reaches built-in modules through `process.getBuiltinModule` (a bundle then
 * needs no file of its own beside it). Errors travel back as plain data (`LaneError`); the main
 * thread turns them into the project's error classes.
 */
import type { MemberExpectation } from '../snapshot/member-expectation.js';
/** Where a wanted file goes: the first destination is written, the others are copies of it. */
export interface LaneDest {
    path: string;
    rel: string;
    /** Mode to give the file once written (it is created owner-only). */
    mode: number;
    mtimeMs: number;
}
/** What the manifest says about one member of the stretch (`raw`: where a file's record starts). */
export interface LaneMember extends Pick<MemberExpectation, 'member' | 'type' | 'size' | 'sha256' | 'target' | 'raw'> {
    /** Set for files to restore: they are hashed, checked and written. */
    dests?: LaneDest[];
    /** Hash and check the file without writing it (verify). Files with neither are skipped unhashed. */
    hash?: boolean;
}
/** A raw byte range [start, end) of tar records; `first` is the member whose record starts it. */
export interface LaneWindow {
    start: number;
    end: number;
    first: string | null;
}
/**
 * A stretch the lane reads itself from a local file holding the pack: compressed bytes
 * [offset, end), frames starting after `lastFrameStart` left to the next stretch, and a frame
 * required to start at `nextFrame` (when not -1).
 */
export interface LaneFile {
    path: string;
    offset: number;
    end: number;
    lastFrameStart: number;
    nextFrame: number;
    packSize: number;
    maxFrameBytes: number;
}
export interface LaneSegment {
    id: number;
    /** Read the frames from this file instead of receiving them. */
    file?: LaneFile;
    packName: string;
    /** Raw position at which the first frame sent for this segment starts. */
    frameRaw: number;
    windows: LaneWindow[];
    /** The stretch runs to the end of the pack: it must decode to exactly `rawSize`. */
    last: boolean;
    rawSize: number;
    /** Every member must be listed (the pack was written by the snapshot being restored). */
    strict: boolean;
    members: LaneMember[];
    metaPattern: string;
    maxMeta: number;
    maxFrameRaw: number;
    /** Output buffer size: one buffer holds a whole frame of the usual size, with no copying. */
    outputChunk: number;
    holeMin: number;
    writeFlags: number;
}
export type LaneError = {
    kind: 'integrity' | 'unsafe';
    message: string;
    hint?: string;
    path?: string;
} | {
    kind: 'io';
    action: string;
    file: string;
    rel: string;
    code?: string;
    message: string;
    syscall?: string;
};
/** A frame is either in shared slot `slot` or handed over as `data`; `n` is its length. */
export type LaneRequest = {
    op: 'begin';
    seg: LaneSegment;
} | {
    op: 'frame';
    seg: number;
    slot?: number;
    data?: Uint8Array;
    n: number;
} | {
    op: 'end';
    seg: number;
};
export type LaneReply = {
    op: 'ack';
    seg: number;
    slot?: number;
    n: number;
    bytes: number;
    files: number;
} | {
    op: 'done';
    seg: number;
    names: string[];
    written: string[];
} | {
    op: 'error';
    seg: number;
    error: LaneError;
};
export declare function laneMain(typeNames: Record<string, string>): void;
/** The worker's program: `laneMain` as source text, called with what it needs from this module. */
export declare const LANE_SOURCE: string;
