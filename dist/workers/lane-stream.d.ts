import type { LaneMember, LaneSegment } from './lane-protocol.js';
import { StampList } from './restored-file.js';
/**
 * The raw tar bytes of one stretch of a pack, as they decode: cut into records, each header
 * checked by member-check.ts before a byte of its body goes anywhere, wanted files hashed and
 * written. Only the stretch's windows are parsed; bytes between them are passed over. Sync and
 * self-contained, so a lane runs it between two decoded pieces.
 */
export declare class LaneStream {
    private readonly seg;
    /** Raw position of the next byte pushed. */
    private pos;
    private w;
    private state;
    private readonly head;
    private headLen;
    private pax;
    private paxLeft;
    private paxAttrs;
    private padLeft;
    private recordStart;
    private windowFresh;
    private cur;
    private readonly ctx;
    private readonly index;
    /** Members met, in order: the index of a listed one in the segment's `members`, or -1 for the next of `others`. */
    readonly met: number[];
    readonly others: string[];
    /** Indexes of the members written. */
    readonly written: number[];
    /** The stamp of every file written (see StampList). */
    readonly stamps: StampList;
    /** File bytes hashed and files finished since the last `takeProgress`. */
    private bytes;
    private files;
    constructor(seg: LaneSegment, members?: readonly LaneMember[]);
    /** Raw bytes decoded so far, counted from the pack's start. */
    get position(): number;
    /** Every window is read: a stretch that is not the pack's last needs nothing more. */
    get complete(): boolean;
    takeProgress(): {
        bytes: number;
        files: number;
    };
    /** The most the next decoded piece may hold: a whole pack's decode is bounded by its declared size. */
    room(): number;
    /** Feeds decoded bytes, in order. */
    push(raw: Buffer): void;
    /** The stretch's input has all arrived: it must have held every window it was meant to. */
    finish(): void;
    /** Closes a file left half-written by a failure. */
    abandon(): void;
    private endWindow;
    /** Feeds raw bytes [off, end) of `raw`, all inside the current window. */
    private consume;
    /** Takes body bytes of the current member from raw[off, end); returns how many. */
    private body;
    /** A whole header block is in `head`; `abs` is its raw position. */
    private header;
    private paxHeader;
    private finishFile;
}
