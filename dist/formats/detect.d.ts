import type { IndexFormat, IndexSelection, LanceVersionMode } from './selection.js';
/**
 * Decides what to store for a directory: a LanceDB database or table, a Tantivy index, or (for
 * `dir`, or `auto` when neither is recognized) every file — then undefined is returned.
 */
export declare function selectIndexFiles(dir: string, format: IndexFormat, lanceVersions?: LanceVersionMode): Promise<IndexSelection | undefined>;
