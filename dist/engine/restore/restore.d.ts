import { type DirectoryLock } from '../../fs-safety/lock.js';
import { type Logger, type ProgressCallback } from '../../shared/logger.js';
import type { Manifest } from '../../snapshot/manifest.js';
import type { Store } from '../../storage/store.js';
export interface RestoreOptions {
    target: string;
    store: Store;
    series?: string;
    /** Snapshot id; the newest of the series when omitted. */
    snapshot?: string;
    /** Replace a target directory that exists and is not empty. */
    force?: boolean;
    /** Open restored LanceDB tables with LanceDB and compare version and row count before swapping them in. */
    deepVerify?: boolean;
    /** Take unchanged files from the current target instead of the store (default true). */
    reuse?: boolean;
    /** Record the restored files in the local hash cache, so the next incremental backup of the target reads only what changed (default true). */
    hashCache?: boolean;
    lockWaitMs?: number;
    /** The target's lock, already held by the caller (a guarded command): used instead of taking it, and not released. */
    heldLock?: DirectoryLock;
    logger?: Logger;
    onProgress?: ProgressCallback;
}
export interface RestoreResult {
    id: string;
    series: string;
    kind: Manifest['kind'];
    files: number;
    dirs: number;
    symlinks: number;
    bytes: number;
    /** Files taken from the existing target instead of the store. */
    reusedFiles: number;
    /** Compressed bytes read from the store. */
    fetchedBytes: number;
    durationMs: number;
}
/**
 * Makes `target` exactly the snapshot, or leaves it as it was. Everything is written into a
 * fresh staging directory beside the target and checked (every header against the manifest,
 * every file's sha256, every whole pack's digest) before one rename swaps it in.
 */
export declare function restore(options: RestoreOptions): Promise<RestoreResult>;
