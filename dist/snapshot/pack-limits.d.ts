/**
 * Sizes of a pack's own metadata members (its descriptor and its listing), shared by the writer,
 * which cuts packs so that they stay under them, and by every reader, which refuses a larger one.
 */
/** The largest metadata member a reader accepts. */
export declare const MAX_META: number;
/**
 * Where the writer starts a new pack, by the estimated size of the pack's listing: well below
 * MAX_META, so an estimate that is off (or a future field) never yields a pack readers refuse.
 */
export declare const LISTING_BUDGET: number;
/** The listing's own fields (format, snapshot id, pack name), rounded up. */
export declare const LISTING_FRAME = 1024;
/** An upper bound on the bytes one file adds to its pack's listing. */
export declare function listingBytes(filePath: string): number;
