import type { MemberExpectation } from '../../snapshot/member-expectation.js';
import type { MemberExpectations } from '../../snapshot/member-table.js';
import { type LanePool } from '../../workers/lane-pool.js';
import type { PackInfo } from '../../snapshot/manifest.js';
import type { LaneDest, LaneSegment } from '../../workers/lane-protocol.js';
import type { LocalCopy, Store } from '../../storage/store.js';
/** A pack is cut into stretches of at least this many raw bytes, each restored by one lane. */
export declare const SEGMENT_RAW: number;
/** Stretches read from files that wait on a lane behind the one it reads (see readPacksInLanes). */
export declare const STRETCHES_AHEAD = 2;
/** Whole frames [offset, offset + length) holding the records in `windows` (raw positions). */
export interface PackRun {
    offset: number;
    length: number;
    base: number;
    windows: Array<[number, number]>;
}
export interface LaneReadOptions {
    store: Store;
    key: string;
    pack: PackInfo;
    expected: MemberExpectations;
    /** Every member must be listed (the pack was written by the snapshot being restored). Read whole, any pack must hold every listed one. */
    strict: boolean;
    /** Where a member is restored to, or undefined to check it and skip it. */
    dests: (member: string) => LaneDest[] | undefined;
    /** Hash every file member against the manifest, written or not (verify). */
    hashAll?: boolean;
    /** The pack as a local file, already fetched by the caller (who releases it). */
    copy?: LocalCopy;
    /** Read only these runs of the pack (not strict); the whole pack when omitted. */
    runs?: PackRun[];
    /** Raw bytes a stretch holds at least (default SEGMENT_RAW); tests cut packs finer to put stretch boundaries everywhere. */
    segmentBytes?: number;
    lanes: LanePool;
    writeFlags: number;
    /** The directory `dests` lie in, and the umask to create files under (see restored-file.ts); unused when nothing is written. */
    root?: string;
    umask?: number;
    /** Each member a lane wrote (to all of its `dests`), once, as its stretch finishes. */
    onWritten?: (member: string) => void;
    /** The stamps of the files a stretch wrote (see LaneReply): four numbers for each of `stamped`, in order, as each stretch finishes. */
    onStamps?: (stamped: readonly LaneDest[], stamps: BigInt64Array) => void;
    /** Every stretch of the pack was read and checked; nothing more of it is asked for. */
    onDone?: () => void;
    onBytes?: (n: number) => void;
    onFiles?: (n: number) => void;
    /**
     * Also compute the sha256 of the whole compressed pack (verify): from its local copy beside the
     * lanes, or, where the store has none, from the bytes as they are read (one stretch then).
     */
    digest?: boolean;
    /** With `digest`: the pack's digest if it was taken already (OwnPackDigests); undefined, or a failure, takes it here. */
    wholeDigest?: Promise<{
        sha256: string;
        size: number;
    } | undefined>;
}
export interface Planned {
    /** The stretch, without its members: those are made from `bucket` only when it is handed to a lane. */
    seg: LaneSegment;
    /** What the manifest says of the members the stretch holds. */
    bucket: MemberExpectation[];
    /** Compressed range to read. */
    offset: number;
    end: number;
    /** Frames starting after this offset belong to the next segment only. */
    lastFrameStart: number;
    /** Offset at which a frame must start (the next segment's first frame), or -1. */
    nextFrame: number;
}
/**
 * Restores or verifies a pack (or runs of one) on several lanes at once: the one reading path.
 * A zstd pack is cut at file records whose position the manifest gives; each stretch is read with
 * its own ranged read and decoded, checked, hashed and written by one lane, while the other lanes
 * do the same with the next stretches. A gzip pack (whose members cannot be found without
 * decoding) is one stretch when read whole. Every byte of a whole pack is parsed by exactly one
 * lane, so the checks are those of a sequential read: every member listed, in place, once, of the
 * listed type, size and content. Returns the members seen, the compressed bytes read,
 * the number of stretches and, when asked, the pack's sha256.
 */
export declare function readPackInLanes(opts: LaneReadOptions): Promise<PackLaneResult>;
export interface PackLaneResult {
    fetched: number;
    segments: number;
    /** The whole compressed pack's sha256 and size, with `digest`. */
    whole?: {
        sha256: string;
        size: number;
    };
}
/**
 * Several packs through the same lanes, as one queue of stretches: a lane that finishes the last
 * stretch of one pack starts on the next pack while the others finish theirs. The packs are
 * taken from `list` one at a time, as the lanes reach them, and let go of once read: a caller
 * that makes each pack's options as they are asked for (a generator) holds a pack's
 * expectations only while it is read. A pack's local copy is fetched when its first stretch
 * starts and released after its last; a whole pack's listed members are checked present then.
 */
export declare function readPacksInLanes(list: Iterable<LaneReadOptions>): Promise<PackLaneResult[]>;
/**
 * Cuts a whole pack at file records at least SEGMENT_RAW apart. A cut needs the record's frame
 * to start after the previous cut's; where the manifest's positions do not allow that (or a
 * pack is small) the pack stays one stretch, read by one lane like a plain sequential read.
 */
export declare function planWhole(opts: LaneReadOptions, oneStretch: boolean): Planned[];
/** The last of `cuts` (raw positions strictly increasing from 0) at or before `raw`; 0 when none is. */
export declare function lastCutAtOrBefore(cuts: ReadonlyArray<{
    raw: number;
}>, raw: number): number;
