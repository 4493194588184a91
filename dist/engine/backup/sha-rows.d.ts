/**
 * A set of sha256 values, each with the row it was added as (0, 1, 2…): 32 bytes and a few slots
 * of an open-addressed table per value, where a Map keyed by the hex text holds a 64-character
 * string and an entry each. The slot is found from all 32 bytes mixed with a seed chosen per
 * table; values that still crowd one place (a forged manifest's hashes, written to collide) make
 * a probe longer than `maxProbe`, and the table then becomes a Map: never slow, only larger.
 * Each row's value stays in `shas` either way (`shaOf`).
 */
export declare class ShaRows {
    private readonly maxProbe;
    private byHex;
    private shas;
    /** Row + 1 per slot, 0 for an empty one; at most half full. */
    private slots;
    private rows;
    private readonly seed;
    private readonly key;
    /** `expected`: how many values will be added, when known (room is made once). */
    constructor(maxProbe?: number, expected?: number);
    get size(): number;
    /** The row of `sha256` (64 lowercase hex digits, as a manifest holds them), if it was added. */
    get(sha256: string): number | undefined;
    /** `get` for a sha256 given as its 32 bytes, `bytes[at, at + 32)`. */
    getBytes(bytes: Uint8Array, at: number): number | undefined;
    /** Adds `sha256` unless it is there: its row either way, and whether it was new. */
    add(sha256: string): {
        row: number;
        added: boolean;
    };
    /** `add` for a sha256 given as its 32 bytes, `bytes[at, at + 32)`. */
    addBytes(bytes: Uint8Array, at: number): {
        row: number;
        added: boolean;
    };
    /** Adds the value in `key` (`hex`: as text, when the caller has it). */
    private addKey;
    /** The value of row `row`, as hex text. */
    shaOf(row: number): string;
    /**
     * The values of the rows `remap` keeps (row r becomes `remap[r]` when >= 0; kept rows keep their
     * order), 32 bytes each, moved down in place: the table is of no more use after. When at most
     * half are kept, they are copied out so the rest can be let go of.
     */
    keepRows(remap: Int32Array, kept: number): Buffer;
    /** Keeps the value in `key` as the next row. */
    private keep;
    /** Puts the bytes of a hex sha256 in `key`; false if it is not 64 hex digits. */
    private load;
    /**
     * The slot holding the value `bytes[at, at + 32)`, or the empty slot where it would go; -1 when
     * that took more than `maxProbe` steps, after which the values are kept in a Map instead.
     */
    private find;
    /** FNV-1a over the 32 bytes from the table's seed, then mixed (murmur3's finalizer) so every bit reaches the low ones. */
    private hash;
    private grow;
    private toMap;
}
