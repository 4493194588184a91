import type { SnapshotDiff } from '../engine/diff.js';
/** The diff against the snapshot before: the index's own changes, then the paths (folded). */
export declare function renderDiff(d: SnapshotDiff): string[];
