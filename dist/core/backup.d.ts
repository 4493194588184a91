import { type Logger, type ProgressCallback } from './logger.js';
import { type Codec, type Manifest } from './manifest.js';
import { type PortabilityMode } from './portability.js';
import type { Store } from '../storage/store.js';
export interface BackupOptions {
    source: string;
    store: Store;
    /** Series name; defaults to one derived from the source directory's name. */
    series?: string;
    codec?: Codec;
    level?: number;
    portability?: PortabilityMode;
    followLinks?: boolean;
    /** Re-read the stored snapshot and check every digest before reporting success (default true). */
    verify?: boolean;
    /** Uncompressed file bytes per pack before a new pack is started (default 1 GiB). */
    packBytes?: number;
    /** Wait this long for another backup or restore of the same directory (default: fail at once). */
    lockWaitMs?: number;
    logger?: Logger;
    onProgress?: ProgressCallback;
}
export interface BackupResult {
    id: string;
    series: string;
    kind: 'full' | 'incremental' | 'unchanged';
    files: number;
    dirs: number;
    symlinks: number;
    /** Source bytes (sum of file sizes). */
    bytes: number;
    /** Compressed bytes this snapshot added to the store. */
    storedBytes: number;
    packs: number;
    verified: boolean;
    durationMs: number;
    manifest: Manifest;
}
export declare const DEFAULT_PACK_BYTES: number;
export declare function checkLevel(codec: Codec, level: number): number;
/**
 * Takes a full snapshot of a directory into a store. Packs are published under their final
 * names only when complete, then verified, and only then is the manifest written: a snapshot is
 * visible exactly when everything it needs is stored and checked.
 */
export declare function backup(options: BackupOptions): Promise<BackupResult>;
