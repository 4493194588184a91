import type { IndexFormat } from '../../formats/index-format.js';
import { type DirectoryLock } from '../../fs-safety/lock.js';
import { type Logger, type ProgressCallback } from '../../shared/logger.js';
import { type Manifest } from '../../snapshot/manifest.js';
import type { Store } from '../../storage/store.js';
import type { SigningOptions } from '../../snapshot/signature.js';
export interface RestoreOptions {
    target: string;
    store: Store;
    series?: string;
    /** Snapshot id; the newest of the series when omitted. */
    snapshot?: string;
    /**
     * The snapshot's manifest, already loaded from this store by the caller (`loadManifest`), so it
     * is not fetched again; it must be the one `series` and `snapshot` name.
     */
    manifest?: Manifest;
    /** Replace a target directory that exists and is not empty. */
    force?: boolean;
    /** Open the restored index with its format's own library and check it against the snapshot's facts before swapping it in. */
    deepVerify?: boolean;
    /** The index formats a snapshot's `source.format` may name (default: the built-in ones, see formats/registry.ts). */
    formats?: readonly IndexFormat[];
    /** Take unchanged files from the current target instead of the store (default true). */
    reuse?: boolean;
    /**
     * Restore only these paths of the snapshot (globs with `*`, `**`, `?`; a directory means its
     * subtree): they are replaced, exactly, and the rest of the target is left as it is.
     */
    only?: readonly string[];
    /** Restore only these tables (or other named parts), resolved to subtrees by the snapshot's format (`IndexFormat.subtreesFor`), as `only` does. */
    tables?: readonly string[];
    /** Other directories (a previous build, a sibling checkout) whose files with the right content are copied instead of fetched. */
    seeds?: readonly string[];
    /** Record the restored files in the local hash cache, so the next incremental backup of the target reads only what changed (default true). */
    hashCache?: boolean;
    /** Where this machine keeps the hash caches (default: `defaultCacheDir()`, `~/.cache/index-vault`). */
    cacheDir?: string;
    lockWaitMs?: number;
    /** See LaneReadOptions.segmentBytes: tests cut packs into many stretches. */
    segmentBytes?: number;
    /** The target's lock, already held by the caller (a guarded command): used instead of taking it, and not released. */
    heldLock?: DirectoryLock;
    /** Keys the snapshot and its ancestors must be signed with (see signatures.ts); none: nothing is checked. */
    signing?: SigningOptions;
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
    /** Files taken from the existing target or a seed instead of the store. */
    reusedFiles: number;
    /** Bytes of those files. */
    reusedBytes: number;
    /** The paths a partial restore replaced (`only`, `tables`); absent for a whole restore. */
    restoredPaths?: string[];
    /** Compressed bytes read from the store. */
    fetchedBytes: number;
    durationMs: number;
    /** The manifest of the snapshot restored. */
    manifest: Manifest;
}
/**
 * Makes `target` exactly the snapshot, or leaves it as it was. Everything is written into a
 * fresh staging directory beside the target and checked (every header against the manifest,
 * every file's sha256, every frame's checksum; the pack digest is verify's) before one rename swaps it in.
 */
export declare function restore(options: RestoreOptions): Promise<RestoreResult>;
