/**
 * Sizes of a pack's own metadata members (its descriptor and its listing), shared by the writer,
 * which cuts packs so that they stay under them, and by every reader, which refuses a larger one.
 */

/** The largest metadata member a reader accepts. */
export const MAX_META = 256 * 1024 * 1024;

/**
 * Where the writer starts a new pack, by the estimated size of the pack's listing: well below
 * MAX_META, so an estimate that is off (or a future field) never yields a pack readers refuse.
 */
export const LISTING_BUDGET = 64 * 1024 * 1024;

/**
 * The most one file's record can add to a listing besides its path: the fields and their longest
 * values (size, mode, mtime, sha256), rounded up.
 */
const RECORD_OVERHEAD = 256;
/** The listing's own fields (format, snapshot id, pack name), rounded up. */
export const LISTING_FRAME = 1024;

/** An upper bound on the bytes one file adds to its pack's listing. */
export function listingBytes(filePath: string): number {
  return Buffer.byteLength(JSON.stringify(filePath)) + RECORD_OVERHEAD;
}
