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
 * Member expectations as columns: names in one byte buffer with an open-addressing index over
 * them, numbers in a Float64Array, each sha256 as its 32 bytes. A Map of objects held ~300 bytes
 * per file (the object, its sha256's 64-character string, the map's entry); this holds ~140, so
 * a verify of 1,000,000 files keeps ~140 MB where it kept ~350. Rows keep the order they were
 * added in, as a Map's entries do; an expectation object is made only when one is asked for.
 */
export declare class MemberTable implements MemberExpectations {
    private count;
    private names;
    private namesUsed;
    private starts;
    private kinds;
    private nums;
    private shas;
    private readonly targets;
    private slots;
    private scratch;
    get size(): number;
    /** Adds an expectation under its member name; or, if that name has one already, changes nothing and returns its row. */
    add(exp: MemberExpectation): number;
    /**
     * Lets go of the room made for rows to come: the columns, names and index made again at their
     * size (a table grows by doubling, so up to half of it was room). For a table that is complete.
     */
    compact(): void;
    /** Whether a row holds the same content (sha256, size and raw position) as `exp`. */
    sameContent(row: number, exp: Pick<MemberExpectation, 'sha256' | 'size' | 'raw'>): boolean;
    get(member: string): MemberExpectation | undefined;
    has(member: string): boolean;
    keys(): Generator<string>;
    values(): Generator<MemberExpectation>;
    entries(): Generator<[string, MemberExpectation]>;
    private nameOf;
    private sha256Of;
    private expectation;
    /** The UTF-8 bytes of a name into the scratch buffer; their length. */
    private encode;
    /** The slot of the name in the scratch buffer: its row's, or the empty one where it would go. */
    private find;
    /** Room for `rows` rows and `nameBytes` more name bytes. */
    private grow;
    /** Doubles the slots when more than half are taken, and puts every row in again; whether it did. */
    private growSlots;
    /** `size` slots (a power of two, at least twice the rows), every row put in again. */
    private rebuildSlots;
}
