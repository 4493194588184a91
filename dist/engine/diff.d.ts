import type { Logger } from '../shared/logger.js';
import { type IndexChange } from '../formats/facts-diff.js';
import type { Manifest } from '../snapshot/manifest.js';
import { type ManifestDiff } from '../snapshot/manifest-diff.js';
import type { SigningOptions } from '../snapshot/signature.js';
import type { Store } from '../storage/store.js';
/** A snapshot as a diff names it. */
export interface DiffSide {
    id: string;
    kind: Manifest['kind'];
    createdAt: string;
    files: number;
    bytes: number;
}
export interface SnapshotDiff extends ManifestDiff {
    series: string;
    /** The earlier snapshot; null when there is none (everything is added). */
    from: DiffSide | null;
    to: DiffSide;
    /** What the index format's own facts say changed (its tables, versions, segments). */
    index?: IndexChange;
}
/**
 * A snapshot named by id, `latest` or `latest~N` (the Nth before the newest, in the order the
 * series lists them: by creation time). Anything that names no snapshot of the series is E_NOT_FOUND.
 */
export declare function resolveSnapshotRef(ids: readonly string[], ref: string, series: string, where: string): string;
export declare function diffSide(m: Manifest): DiffSide;
/** Two manifests compared: the tree's files, and the index's own facts through its format module. */
export declare function compareManifests(from: Manifest | undefined, to: Manifest): SnapshotDiff;
/**
 * The snapshot a diff compares `to` with when none is named: its parent while the store still
 * has it, else the snapshot listed before it, else none.
 */
export declare function previousManifest(store: Store, to: Manifest, ids?: readonly string[]): Promise<Manifest | undefined>;
export interface DiffOptions {
    store: Store;
    series: string;
    /** The earlier snapshot (id, latest, latest~N); default: the parent of `to` (see previousManifest). */
    from?: string;
    /** The later snapshot; default latest. */
    to?: string;
    /** With keys, both snapshots (and their ancestors) must be signed, as for a restore. */
    signing?: SigningOptions;
    logger?: Logger;
}
/** What changed from one snapshot of a series to another; reads two manifests, no pack. */
export declare function diffSnapshots(options: DiffOptions): Promise<SnapshotDiff>;
