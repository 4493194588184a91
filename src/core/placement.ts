import fs from 'node:fs';
import path from 'node:path';
import { ValidationError } from './errors.js';

/** A directory and what it is to the user, for the message: "the store", "the source directory". */
export interface Place {
  path: string;
  role: string;
}

/**
 * The real path of `p`: symlinks and `..` resolved. A path that does not exist yet (a restore
 * target) is its nearest existing ancestor's real path with the missing names appended.
 */
export function realPathOf(p: string): string {
  const missing: string[] = [];
  let at = path.resolve(p);
  for (;;) {
    try {
      return path.join(fs.realpathSync.native(at), ...missing.reverse());
    } catch {
      const up = path.dirname(at);
      if (up === at) return path.join(at, ...missing.reverse());
      missing.push(path.basename(at));
      at = up;
    }
  }
}

/** Windows and macOS usually fold case: there `/A` and `/a` are taken for one directory (refusing a few safe cases, never allowing an unsafe one). */
const FOLDS_CASE = process.platform === 'win32' || process.platform === 'darwin';

/** Whether `inner` is `outer` or lies below it (both real paths). */
export function isWithin(inner: string, outer: string): boolean {
  const a = FOLDS_CASE ? inner.toLowerCase() : inner;
  const b = FOLDS_CASE ? outer.toLowerCase() : outer;
  const rel = path.relative(b, a);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/**
 * The one rule for directories that must not nest: a store, backup directory or cache inside the
 * tree it keeps (or the tree inside it) would be left out of the snapshot and then erased by the
 * restore that makes the tree exactly the snapshot. Refused with E_VALIDATION.
 */
export function assertApart(tree: Place, other: Place): void {
  const t = realPathOf(tree.path);
  const o = realPathOf(other.path);
  const where = isWithin(o, t) ? `${other.role} ${o} is inside ${tree.role} ${t}` : isWithin(t, o) ? `${tree.role} ${t} is inside ${other.role} ${o}` : undefined;
  if (where === undefined) return;
  throw new ValidationError(where, {
    hint: `keep ${other.role} outside ${tree.role} (and ${tree.role} outside it): a restore makes ${tree.role} exactly a snapshot and would erase it`,
    details: { tree: t, other: o },
  });
}
