import type { Manifest } from './manifest.js';
/** What changed between two snapshots of a tree, counted per file (directories are not counted). */
export interface ManifestDiff {
    added: number;
    changed: number;
    removed: number;
    unchanged: number;
    /** Bytes of added and changed files. */
    changedBytes: number;
}
/** Compares a snapshot with its parent (or with nothing, for a full snapshot: everything is added). */
export declare function diffManifests(parent: Manifest | undefined, child: Manifest): ManifestDiff;
