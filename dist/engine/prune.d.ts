import { type Logger } from '../shared/logger.js';
import type { Store } from '../storage/store.js';
export interface PruneOptions {
    store: Store;
    series: string;
    /** Keep the newest K snapshots (at least 1: the newest is what the next incremental builds on). */
    keepLast: number;
    /** Also keep every snapshot younger than this. */
    keepWithinMs?: number;
    dryRun?: boolean;
    /** Packs that no snapshot lists (a killed backup) are removed only once this old (default 1 h), so a running backup keeps its packs. */
    orphanGraceMs?: number;
    logger?: Logger;
    now?: Date;
}
export interface PruneResult {
    series: string;
    kept: string[];
    deleted: string[];
    packsDeleted: string[];
    bytesFreed: number;
    dryRun: boolean;
}
/** Creation time encoded in a snapshot id (`20261122T143501123Z-…`). */
export declare function snapshotTime(id: string): number;
/**
 * Deletes old snapshots of a series and the packs only they needed. Every manifest lists all the
 * packs its snapshot needs (its own and those of the chain it builds on), so a pack is deleted
 * only when no kept manifest lists it: a kept snapshot always stays restorable. Manifests go
 * first, so a snapshot disappears whole before any of its packs do.
 */
export declare function prune(options: PruneOptions): Promise<PruneResult>;
/** Parses `30m`, `12h`, `7d`, `2w` (or plain seconds) into milliseconds. */
export declare function parseDuration(text: string): number | undefined;
