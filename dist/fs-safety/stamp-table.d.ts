import type { FileStamp } from './hash-cache.js';
/**
 * The stamps (size, mtime and ctime in ns, inode) of a scan's files, four signed 64-bit words per
 * file in one growing array: no object and no BigInt per file stays alive, where a FileStamp
 * each kept five. A stamp with a number past 64 bits (a time after 2262, say) is kept aside as it
 * is, and marked so that no word comparison is ever made with it.
 */
export declare class StampTable {
    private nums;
    private view;
    private count;
    private readonly wide;
    private released;
    /** Room for `rows` stamps, when known: made once, never copied to grow. */
    constructor(rows?: number);
    /** Rows added so far. */
    get length(): number;
    /** Adds a stamp; its row. */
    add(size: bigint, mtimeNs: bigint, ctimeNs: bigint, ino: bigint): number;
    /** `add` for a stamp given as four 64-bit integers in `values` from `from`: copied as they are, no BigInt made. */
    addFrom(values: BigInt64Array, from: number): number;
    private next;
    /**
     * Lets go of every row (a backup, once its files are read and the hash cache is saved, needs no
     * stamp while it makes the manifest); a row asked for after is an error, not a wrong answer.
     */
    release(): void;
    /** The stamp of a row, exact. */
    get(row: number): FileStamp;
    /** Whether the row's stamp is kept aside (see `get`): then it has no words. */
    isWide(row: number): boolean;
    /** Every row as eight 32-bit words (size, mtime, ctime, inode, two each) from 8 × row; valid until the next `add`. */
    get words(): Uint32Array;
}
