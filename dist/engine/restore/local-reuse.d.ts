import type { EntryTable } from '../../snapshot/entry-table.js';
/** A directory whose files may stand in for fetched ones, and which of them may be hard-linked rather than copied. */
export interface LocalSource {
    root: string;
    mayLink: (rel: string) => boolean;
}
/**
 * Files already in the target (or a seed) with the right content (at the same path, or
 * elsewhere, as after a rename) are linked or copied instead of fetched and decompressed: the
 * files (`fileRows[k]` of `table`) so provided are marked in the answer, with their count. The
 * target is searched first, then each seed in order.
 */
export declare function reuseLocal(sources: readonly LocalSource[], table: EntryTable, fileRows: Int32Array, at: (rel: string) => string, modeOf: (row: number) => number, progress: (n: number, f?: number) => void): Promise<{
    done: Uint8Array;
    count: number;
    bytes: number;
}>;
