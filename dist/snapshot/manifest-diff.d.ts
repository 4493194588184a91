import type { Manifest } from './manifest.js';
/** A path that is only in one snapshot; `size` is 0 for a symlink. */
export interface PathChange {
    path: string;
    size: number;
}
/** A path in both snapshots whose content, permission bits or link target differ. */
export interface ChangedPath {
    path: string;
    size: number;
    /** The size it had before. */
    sizeBefore: number;
}
/** The same file content under another path (and no longer under the old one). */
export interface RenamedPath {
    from: string;
    to: string;
    size: number;
}
/**
 * What changed between two snapshots of a tree, counted per file and symlink (directories are
 * not counted): the lists in path order, the counts for summaries.
 */
export interface ManifestDiff {
    added: number;
    changed: number;
    removed: number;
    renamed: number;
    unchanged: number;
    /** Bytes of added and changed files (a rename adds no content). */
    changedBytes: number;
    paths: {
        added: PathChange[];
        changed: ChangedPath[];
        removed: PathChange[];
        renamed: RenamedPath[];
    };
}
/**
 * Compares a snapshot with an earlier one (or with nothing: everything is added). A file removed
 * at one path and added at another with the same content is a rename; several removed paths with
 * one content pair up with the added ones in path order.
 */
export declare function diffManifests(parent: Manifest | undefined, child: Manifest): ManifestDiff;
