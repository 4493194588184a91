import type { FormatOptions, IndexFormat } from '../../formats/index-format.js';
import { type DirectoryLock } from '../../fs-safety/lock.js';
import { type Logger, type ProgressCallback } from '../../shared/logger.js';
import { type Codec, type Manifest } from '../../snapshot/manifest.js';
import { type PortabilityMode } from '../../fs-safety/portability.js';
import type { Store } from '../../storage/store.js';
import type { SigningOptions } from '../../snapshot/signature.js';
/** Options of a backup; those of `FormatOptions` are passed on to the index formats. */
export interface BackupOptions extends FormatOptions {
    source: string;
    store: Store;
    /** Series name; defaults to one derived from the source directory's name. */
    series?: string;
    codec?: Codec;
    level?: number;
    portability?: PortabilityMode;
    followLinks?: boolean;
    /** Read back what was stored (as it is written, where the store can) and check it before reporting success (default true). */
    verify?: boolean;
    /** Uncompressed file bytes per pack before a new pack is started (default 256 MiB). */
    packBytes?: number;
    /** Estimated listing bytes per pack before a new pack is started (default LISTING_BUDGET, see pack-limits.ts); lowered by tests. */
    listingBytes?: number;
    /** `auto` (default): incremental when the series has a healthy latest snapshot and a chain shorter than maxChain. */
    mode?: BackupMode;
    /** Longest chain of snapshots `auto` builds before taking a full one again (default 10). */
    maxChain?: number;
    /** Take the hash of a file whose size, mtime and exec bit equal the parent's from the parent instead of reading it. */
    trustMtime?: boolean;
    /** Keep file hashes by stat in a local cache (see hash-cache.ts), so an incremental reads only files that changed (default true). */
    hashCache?: boolean;
    /** Where this machine keeps the hash caches and the record of checked packs (default: `defaultCacheDir()`, `~/.cache/index-vault`). */
    cacheDir?: string;
    /** What the directory holds: `auto` (default) detects one of `formats`, a format's name asks for it, `dir` stores every file. */
    format?: string;
    /** The index formats `format` may name or detect (default: the built-in ones, see formats/registry.ts). */
    formats?: readonly IndexFormat[];
    /** Wait this long for another backup or restore of the same directory (default: fail at once). */
    lockWaitMs?: number;
    /** The source's lock, already held by the caller (a guarded command): used instead of taking it, and not released. */
    heldLock?: DirectoryLock;
    /**
     * For a reproducible store (the committed known-good fixture): the new snapshot's id, its
     * creation time and the writer named in it, instead of a random id, the clock and this version.
     */
    snapshotId?: string;
    createdAt?: Date;
    tool?: string;
    /** Sign the snapshot with the first key; build only on a parent (and chain) signed with one of them. */
    signing?: SigningOptions;
    logger?: Logger;
    onProgress?: ProgressCallback;
}
/**
 * What a backup did. `manifest` is the new snapshot's; an `unchanged` answer stores none and
 * reads the manifest of the snapshot it names only when this machine has no record of that
 * snapshot (last-snapshot.ts), so it carries none: `loadManifest(store, series, id)` reads it.
 */
export type BackupResult = (BackupFacts & {
    kind: 'full' | 'incremental';
    manifest: Manifest;
}) | (BackupFacts & {
    kind: 'unchanged';
    manifest?: undefined;
});
/** What every backup result says, stored or not. */
export interface BackupFacts {
    /** The new snapshot's id; for `unchanged`, the id of the snapshot that already holds this tree. */
    id: string;
    series: string;
    kind: 'full' | 'incremental' | 'unchanged';
    /** The snapshot an incremental builds on; for `unchanged`, that of the snapshot named by `id` (never `id` itself). */
    parent: string | null;
    files: number;
    dirs: number;
    symlinks: number;
    /** Source bytes (sum of file sizes). */
    bytes: number;
    /** Compressed bytes this snapshot added to the store. */
    storedBytes: number;
    packs: number;
    /** Every pack the snapshot needs was read back and checked (never with verify off). */
    verified: boolean;
    /**
     * What `verified` rests on: packs this run wrote and read back, packs of the chain it builds on
     * that it read whole and checked, and those a record on this machine says were already checked.
     */
    verifiedPacks: VerifiedPacks;
    durationMs: number;
    /** Files an incremental read to hash them (a full backup hashes while packing: 0). */
    hashedFiles: number;
    /** Files whose hash an incremental took from the local hash cache instead of reading them. */
    cachedHashes: number;
    /** Paths in the directory left out as transient or as another version of its index, with why. */
    excluded: ExcludedPath[];
}
export interface VerifiedPacks {
    written: number;
    reused: number;
    reusedFromRecord: number;
}
export interface ExcludedPath {
    path: string;
    reason: string;
}
/** Packs of 256 MiB: one is read back while the next is written, and remote stores move them in parallel. */
export declare const DEFAULT_PACK_BYTES: number;
export type BackupMode = 'auto' | 'full' | 'incremental';
export declare const BACKUP_MODES: readonly BackupMode[];
export declare function checkLevel(codec: Codec, level: number): number;
/**
 * Takes a snapshot of a directory into a store: full, or incremental against the newest snapshot
 * of the series (only content no snapshot of the chain holds is stored). Packs are published under
 * their final names only when complete, then verified, and only then is the manifest written:
 * a snapshot is visible exactly when everything it needs is stored and checked.
 */
export declare function backup(options: BackupOptions): Promise<BackupResult>;
