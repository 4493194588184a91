import type { LaneError, LaneSegment } from './lane-protocol.js';
/** Progress of a segment: file bytes hashed or written, files finished, compressed bytes taken. */
export type OnAck = (bytes: number, files: number, compressed: number) => void;
/** See LaneReply's `done`. */
export interface SegmentResult {
    met: Int32Array;
    others: string[];
    written: Int32Array;
    stamps: BigInt64Array;
}
/** A segment failed inside its lane; `error` says how, as plain data. */
export declare class LaneFailure extends Error {
    readonly error: LaneError;
    constructor(error: LaneError);
}
/** One worker thread, running one segment at a time. */
declare class Lane {
    private readonly worker;
    private readonly slots;
    private free;
    private queued;
    private room;
    private current;
    private dead;
    constructor();
    private reply;
    /**
     * Runs a segment: `frames` yields its input in order (whole zstd frames, or pieces of a gzip
     * stream, each as the pieces of the chunks it was read in) and is stopped as soon as the lane
     * has all it needs.
     */
    run(seg: LaneSegment, frames: AsyncIterable<Buffer[]>, onAck: OnAck): Promise<SegmentResult>;
    private feed;
    /** Runs a segment whose frames the lane reads itself from `seg.file`. */
    runFile(seg: LaneSegment, onAck: OnAck): Promise<SegmentResult>;
    private post;
    close(): Promise<void>;
}
/**
 * Worker threads that restore stretches of packs side by side, one per core (at most four).
 * Closing the pool stops every lane before it returns, so nothing writes into a staging
 * directory after a failed restore has begun to remove it.
 */
export declare class LanePool {
    private readonly lanes;
    readonly size: number;
    constructor(size?: number);
    lane(i: number): Lane;
    close(): Promise<void>;
}
export {};
