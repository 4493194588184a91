import type { EntryTable } from '../../snapshot/entry-table.js';
import type { ManifestHead } from '../../snapshot/manifest-stream.js';
import type { Store } from '../../storage/store.js';
import { StampTable } from '../../fs-safety/stamp-table.js';
export interface FetchOptions {
    store: Store;
    staging: string;
    umask: number;
    writeFlags: number;
    /** The mode a file's row is restored with. */
    modeOf: (row: number) => number;
    segmentBytes?: number;
    progress: (n: number, f?: number) => void;
    /** Keep the stamps the lanes take of the files they write (for the hash cache). */
    stamps: boolean;
}
export interface Fetched {
    fetchedBytes: number;
    stretches: number;
    laneCount: number;
    /** The stamps the lanes took, and each row's in it (-1: none), when asked for. */
    stamps?: StampTable;
    stampRows?: Int32Array;
}
/**
 * Restores every file of `fileRows` not `done` already from its pack, all packs through the same
 * lanes, each read whole or in the runs of frames holding wanted files; every wanted file must be
 * found. A pack's expectations and wanted members are made when the lanes reach it and let go of
 * once it is read: by rows of the table, so a million files hold no object each.
 */
export declare function fetchFromPacks(head: ManifestHead, table: EntryTable, fileRows: Int32Array, done: Uint8Array, how: FetchOptions): Promise<Fetched>;
