import { ValidationError } from '../shared/errors.js';
import { detectLance, selectLance } from './lancedb.js';
import type { IndexFormat, IndexSelection, LanceVersionMode } from './selection.js';
import { readTantivyMeta, selectTantivy } from './tantivy.js';

/**
 * Decides what to store for a directory: a LanceDB database or table, a Tantivy index, or (for
 * `dir`, or `auto` when neither is recognized) every file — then undefined is returned.
 */
export async function selectIndexFiles(dir: string, format: IndexFormat, lanceVersions: LanceVersionMode = 'tagged'): Promise<IndexSelection | undefined> {
  if (format === 'dir') return undefined;
  if (format === 'auto' || format === 'tantivy') {
    const meta = await readTantivyMeta(dir);
    if (meta) return selectTantivy(dir, meta);
    if (format === 'tantivy') throw new ValidationError(`${dir} has no Tantivy meta.json`, { hint: 'point at the index directory, or use --format auto' });
  }
  const tables = await detectLance(dir);
  if (tables) return selectLance(dir, tables, lanceVersions);
  if (format === 'lancedb') throw new ValidationError(`${dir} holds no LanceDB table (no *.lance directory with _versions/)`, { hint: 'point at the database directory or a table directory, or use --format auto' });
  return undefined;
}
