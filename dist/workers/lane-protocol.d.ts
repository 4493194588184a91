/**
 * What the main thread and a restore lane (lane-worker.ts) say to each other. Errors travel as
 * plain data (`LaneError`); the main thread turns them back into the project's error classes.
 */
import type { Codec } from '../snapshot/manifest.js';
import type { MemberExpectation } from '../snapshot/member-expectation.js';
import type { PackedMembers } from './lane-members.js';
/** Where a wanted file goes (`rel` under the segment's `root`): the first destination is written, the others are copies of it. */
export interface LaneDest {
    rel: string;
    /** Mode to give the file once written (it is created with it, or owner-only: see createMode in restored-file.ts). */
    mode: number;
    mtimeMs: number;
    /** The caller's own number for the file, which the lane ignores: the caller finds it again beside the stamp. */
    row?: number;
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
}
export interface LaneSegment {
    id: number;
    codec: Codec;
    /** Read the compressed bytes from this file instead of receiving them. */
    file?: LaneFile;
    packName: string;
    /** Raw position at which the first compressed byte of this segment decodes. */
    frameRaw: number;
    windows: LaneWindow[];
    /** The stretch runs to the end of the pack: it must decode to exactly `rawSize`. */
    last: boolean;
    rawSize: number;
    /** Every member must be listed (the pack was written by the snapshot being restored). */
    strict: boolean;
    /** The members the stretch holds (see lane-members.ts), empty until it is handed to a lane. */
    members: PackedMembers | null;
    maxFrameRaw: number;
    /** Output buffer size: one buffer holds a whole frame of the usual size, with no copying. */
    outputChunk: number;
    holeMin: number;
    writeFlags: number;
    /** The directory the members' destinations lie in (staging). */
    root: string;
    /** The process's umask when the restore began: a file whose mode it leaves whole is created with that mode (see restored-file.ts). */
    umask: number;
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
/**
 * Compressed input: a whole zstd frame, or any piece of a gzip stream, in shared slot `slot` or
 * handed over as `data`; `n` is its length.
 */
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
/**
 * `done` lists the members met, in order, each as its index in the segment's `members` when it
 * is listed there, else as -1 standing for the next name of `others`; the members written (as
 * such indexes); and for each destination of each written member, in that order, the size,
 * mtime, ctime (ns) and inode of its last fstat, four numbers per destination in `stamps` (size
 * -1: none to give), so that the main thread records them without a stat per file. Indexes
 * instead of names: nothing per member is copied back.
 */
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
    met: Int32Array;
    others: string[];
    written: Int32Array;
    stamps: BigInt64Array;
} | {
    op: 'error';
    seg: number;
    error: LaneError;
};
/** What the lane is started with. */
export interface LaneData {
    slots: SharedArrayBuffer;
    slotBytes: number;
}
