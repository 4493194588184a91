import type { IndexFormat } from '../../formats/index-format.js';
import { NotFoundError, ValidationError } from '../../shared/errors.js';
import { pathProblem } from '../../snapshot/entry-path.js';
import type { EntryTable } from '../../snapshot/entry-table.js';
import type { Manifest } from '../../snapshot/manifest.js';
import { globRegExp, isGlob } from '../../snapshot/path-glob.js';

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
export function selectSubtrees(
  manifest: Manifest,
  table: EntryTable,
  only: readonly string[],
  tables: readonly string[],
  format: IndexFormat | undefined,
): SubtreeSelection {
  const picked = new Set<string>();
  for (const raw of only) {
    // A trailing slash names a directory as users type it; the path itself must be a snapshot path.
    const selector = raw.length > 1 && raw.endsWith('/') ? raw.slice(0, -1) : raw;
    const problem = pathProblem(selector);
    if (problem)
      throw new ValidationError(`invalid path to restore ${JSON.stringify(raw)}: ${problem.why}`, {
        hint: 'name a path inside the snapshot, relative and /-separated, e.g. docs/a.txt or "**/*.idx"',
      });
    const re = isGlob(selector) ? globRegExp(selector) : undefined;
    let hits = 0;
    for (let r = 0; r < table.length; r++) {
      const p = table.path(r);
      if (re ? re.test(p) : p === selector) {
        picked.add(p);
        hits++;
      }
    }
    if (hits === 0)
      throw new NotFoundError(`${JSON.stringify(raw)} matches nothing in snapshot ${manifest.id}`, {
        hint: 'check the spelling: paths are relative to the restored directory and /-separated',
      });
  }
  for (const name of tables) {
    if (!format?.subtreesFor)
      throw new ValidationError(
        `table ${JSON.stringify(name)}: snapshot ${manifest.id} holds a ${manifest.source.format} tree, which has no tables`,
        { hint: 'select the paths to restore instead' },
      );
    const found = format.subtreesFor(name, manifest);
    if (found.length === 0)
      throw new NotFoundError(`snapshot ${manifest.id} has no table ${JSON.stringify(name)}`, {
        hint: "name a table the snapshot's index holds",
      });
    for (const p of found) picked.add(p);
  }
  if (picked.has('')) return { roots: [''] };
  // Sorted, a path's ancestors come before it: a root is kept unless a kept root holds it.
  const roots: string[] = [];
  for (const p of [...picked].sort()) if (!roots.some((r) => p.startsWith(`${r}/`))) roots.push(p);
  const inside = (p: string) => roots.some((r) => p === r || p.startsWith(`${r}/`));
  const rows: number[] = [];
  for (let r = 0; r < table.length; r++) if (inside(table.path(r))) rows.push(r);
  return { roots, rows: Int32Array.from(rows) };
}
