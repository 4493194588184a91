/** Where a content is in the chain: the location of the first file holding it, and its size. */
export interface StoredLocation {
    loc: {
        length: number;
        offset: number;
        pack: number;
        raw: number;
        skip: number;
        span: number;
    };
    size: number;
}
/**
 * The seven numbers of where each content of a parent is (pack, offset, length, raw, skip, span,
 * size), by row: offset, raw and size as doubles, pack, length, skip and span — a pack's index,
 * and lengths within one frame's reach — as 32-bit integers, 40 bytes a row instead of 56 (a
 * million contents: 42 MB instead of 59, held while an incremental hashes). A row with any of
 * the four that is not such an integer is kept whole beside, so every number comes back exactly.
 */
export declare class ContentLocations {
    private wide;
    private narrow;
    private odd;
    constructor(rows: number);
    set(row: number, pack: number, offset: number, length: number, raw: number, skip: number, span: number, size: number): void;
    get(row: number): StoredLocation;
    pack(row: number): number;
    /**
     * Keeps the rows `remap` gives a new number (>= 0; never above the old one, in order) and lets
     * go of the rest; with `shrink`, the columns are cut to the `kept` rows.
     */
    keep(remap: Int32Array, kept: number, shrink: boolean): void;
    private grow;
}
