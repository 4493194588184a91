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
    /**
     * The segments posted and not yet answered, in order: one fed with frames, or several read
     * from files (the lane takes messages one at a time, so each waits in its queue and starts
     * the moment the one before ends, not once this thread has answered that one).
     */
    private readonly pending;
    private dead;
    constructor();
    private reply;
    /**
     * Runs a segment: `frames` yields its input in order (whole zstd frames, or pieces of a gzip
     * stream, each as the pieces of the chunks it was read in) and is stopped as soon as the lane
     * has all it needs.
     */
    run(seg: LaneSegment, frames: AsyncIterable<Buffer[]>, onAck: OnAck): Promise<SegmentResult>;
    private begin;
    private feed;
    /**
     * Runs a segment whose frames the lane reads itself from `seg.file`; more may be posted while
     * it runs (see `pending`), never beside a segment fed with frames.
     */
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
    private closed;
    readonly size: number;
    constructor(size?: number);
    lane(i: number): Lane;
    close(): Promise<void>;
}
export {};
