import type { MemberExpectation } from './member-expectation.js';
/** What readers of a pack ask of the members the manifest expects in it: a Map of them does. */
export interface MemberExpectations {
    readonly size: number;
    get(member: string): MemberExpectation | undefined;
    has(member: string): boolean;
    keys(): Iterable<string>;
    values(): Iterable<MemberExpectation>;
}
/**
 * Member expectations as columns, in blocks of rows that are filled and never copied again (no
 * garbage of outgrown arrays, no room left over but the last block's): names as UTF-8 in blocks
 * of bytes with an open-addressing index over them, numbers in Float64Arrays, each sha256 as its
 * 32 bytes. A Map of objects held ~300 bytes per file (the object, its sha256's 64-character
 * string, the map's entry); this holds ~150, so a verify of 1,000,000 files keeps ~150 MB where
 * it kept ~350. Rows keep the order they were added in, as a Map's entries do; an expectation
 * object is made only when one is asked for.
 */
export declare class MemberTable implements MemberExpectations {
    private count;
    private readonly blocks;
    private readonly nameBlocks;
    /** The name block being filled, and how far. */
    private nameBlock;
    private nameUsed;
    private readonly targets;
    /**
     * Names UTF-8 cannot hold exactly (a lone surrogate becomes U+FFFD, so two of them, or one and a
     * real U+FFFD, would share bytes): kept as strings, by name and by row, out of the byte index.
     * A forged manifest may hold them; a Map keeps them apart, and so must this.
     */
    private readonly oddRows;
    private readonly oddNames;
    private slots;
    private scratch;
    get size(): number;
    /** Adds an expectation under its member name; or, if that name has one already, changes nothing and returns its row. */
    add(exp: MemberExpectation): number;
    /** Whether a row holds the same content (sha256, size and raw position) as `exp`. */
    sameContent(row: number, exp: Pick<MemberExpectation, 'sha256' | 'size' | 'raw'>): boolean;
    get(member: string): MemberExpectation | undefined;
    has(member: string): boolean;
    private rowOf;
    keys(): Generator<string>;
    values(): Generator<MemberExpectation>;
    entries(): Generator<[string, MemberExpectation]>;
    private nameOf;
    private sha256Of;
    private expectation;
    /** The block row `row` goes in, made (or, the first, grown) as needed. */
    private blockFor;
    /** Copies the name in the scratch buffer (`n` bytes) into the name blocks, and notes where for row `i` of `b`. */
    private storeName;
    /** The UTF-8 bytes of a name into the scratch buffer; their length. */
    private encode;
    /** The slot of the name in the scratch buffer: its row's, or the empty one where it would go. */
    private find;
    /** `size` slots (a power of two, more than twice the rows), every row put in again. */
    private rebuildSlots;
}
