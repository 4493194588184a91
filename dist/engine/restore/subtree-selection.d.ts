import type { IndexFormat } from '../../formats/index-format.js';
import type { Entry, Manifest } from '../../snapshot/manifest.js';
/** What a partial restore replaces: the topmost selected paths, and every entry at or below them. */
export interface SubtreeSelection {
    /** Paths of the snapshot, none inside another; '' means the whole tree. */
    roots: string[];
    entries: Entry[];
}
/**
 * Resolves `--only` selectors (paths or globs on snapshot paths; a directory means its subtree)
 * and `--table` names (through the snapshot's format) to the subtrees to restore. A selector
 * that matches nothing is refused with E_NOT_FOUND, before anything is touched.
 */
export declare function selectSubtrees(manifest: Manifest, only: readonly string[], tables: readonly string[], format: IndexFormat | undefined): SubtreeSelection;
