import type { IndexFormat } from './index-format.js';
import { lancedbFormat } from './lancedb-format.js';
import { tantivyFormat } from './tantivy-format.js';

/**
 * The formats index-vault knows, in the order `auto` tries them: a Tantivy index is recognized
 * by its meta.json before a directory is searched for LanceDB tables.
 */
export const BUILT_IN_FORMATS: readonly IndexFormat[] = [tantivyFormat, lancedbFormat];

/** The format that wrote a manifest's `source.format`, or undefined (a plain directory, or one not in `formats`). */
export function formatNamed(name: string, formats: readonly IndexFormat[] = BUILT_IN_FORMATS): IndexFormat | undefined {
  return formats.find((f) => f.name === name);
}
