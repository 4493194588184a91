import type { IndexFormat } from './index-format.js';
/**
 * The formats index-vault knows, in the order `auto` tries them: a Tantivy index is recognized
 * by its meta.json before a directory is searched for LanceDB tables.
 */
export declare const BUILT_IN_FORMATS: readonly IndexFormat[];
/** The format that wrote a manifest's `source.format`, or undefined (a plain directory, or one not in `formats`). */
export declare function formatNamed(name: string, formats?: readonly IndexFormat[]): IndexFormat | undefined;
