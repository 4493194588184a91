import { type LanePool } from '../../workers/lane-pool.js';
import type { PackInfo } from '../../snapshot/manifest.js';
import { type MemberExpectation } from './pack-reader.js';
import type { LaneDest, LaneSegment } from '../../workers/tar-lane.js';
import type { LocalCopy, Store } from '../../storage/store.js';
/** A pack is cut into stretches of at least this many raw bytes, each restored by one lane. */
export declare const SEGMENT_RAW: number;
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
    expected: Map<string, MemberExpectation>;
    /** Every member must be listed and present (the pack was written by the snapshot being restored). */
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
    onBytes?: (n: number) => void;
    onFiles?: (n: number) => void;
}
export interface Planned {
    seg: LaneSegment;
    /** Compressed range to read. */
    offset: number;
    end: number;
    /** Frames starting after this offset belong to the next segment only. */
    lastFrameStart: number;
    /** Offset at which a frame must start (the next segment's first frame), or -1. */
    nextFrame: number;
}
/**
 * Restores a zstd pack (or runs of one) on several lanes at once. The pack is cut at file records
 * whose position the manifest gives; each stretch is read with its own ranged read and decoded,
 * checked, hashed and written by one lane, while the other lanes do the same with the next
 * stretches. Every byte of a whole pack is parsed by exactly one lane, so the checks are those of
 * a sequential read: every member listed, in place, once, of the listed type, size and content.
 * Returns the members seen and written, the compressed bytes read and the number of stretches.
 */
export declare function readPackInLanes(opts: LaneReadOptions): Promise<PackLaneResult>;
export interface PackLaneResult {
    seen: Set<string>;
    written: Set<string>;
    fetched: number;
    segments: number;
}
/**
 * Several packs through the same lanes, as one queue of stretches: a lane that finishes the last
 * stretch of one pack starts on the next pack while the others finish theirs. A pack's local
 * copy is fetched when its first stretch starts and released after its last.
 */
export declare function readPacksInLanes(list: LaneReadOptions[]): Promise<PackLaneResult[]>;
/**
 * Cuts a whole pack at file records at least SEGMENT_RAW apart. A cut needs the record's frame
 * to start after the previous cut's; where the manifest's positions do not allow that (or a
 * pack is small) the pack stays one stretch, read by one lane like a plain sequential read.
 */
export declare function planWhole(opts: LaneReadOptions): Planned[];
