import { lancedbFormat } from './lancedb-format.js';
import { tantivyFormat } from './tantivy-format.js';
/**
 * The formats index-vault knows, in the order `auto` tries them: a Tantivy index is recognized
 * by its meta.json before a directory is searched for LanceDB tables.
 */
export const BUILT_IN_FORMATS = [tantivyFormat, lancedbFormat];
/** The format that wrote a manifest's `source.format`, or undefined (a plain directory, or one not in `formats`). */
export function formatNamed(name, formats = BUILT_IN_FORMATS) {
    return formats.find((f) => f.name === name);
}
