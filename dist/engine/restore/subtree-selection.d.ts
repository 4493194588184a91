import type { IndexFormat } from '../../formats/index-format.js';
import type { EntryTable } from '../../snapshot/entry-table.js';
import type { Manifest } from '../../snapshot/manifest.js';
/** What a partial restore replaces: the topmost selected paths, and every entry at or below them. */
export interface SubtreeSelection {
    /** Paths of the snapshot, none inside another; '' means the whole tree. */
    roots: string[];
    /** The rows of `table` at or below them, in order; none when the whole tree is selected. */
    rows?: Int32Array;
}
/**
 * Resolves `--only` selectors (paths or globs on snapshot paths; a directory means its subtree)
 * and `--table` names (through the snapshot's format) to the subtrees to restore. A selector
 * that matches nothing is refused with E_NOT_FOUND, before anything is touched.
 */
export declare function selectSubtrees(manifest: Manifest, table: EntryTable, only: readonly string[], tables: readonly string[], format: IndexFormat | undefined): SubtreeSelection;
