import path from 'node:path';
import { ValidationError } from '../shared/errors.js';
import { resolvedPath } from './real-path.js';
/** Windows and macOS usually fold case: there `/A` and `/a` are taken for one directory (refusing a few safe cases, never allowing an unsafe one). */
const FOLDS_CASE = process.platform === 'win32' || process.platform === 'darwin';
/** Whether `inner` is `outer` or lies below it (both real paths). */
export function isWithin(inner, outer) {
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
export function assertApart(tree, other) {
    const t = resolvedPath(tree.path);
    const o = resolvedPath(other.path);
    const where = isWithin(o, t)
        ? `${other.role} ${o} is inside ${tree.role} ${t}`
        : isWithin(t, o)
            ? `${tree.role} ${t} is inside ${other.role} ${o}`
            : undefined;
    if (where === undefined)
        return;
    throw new ValidationError(where, {
        hint: `keep ${other.role} outside ${tree.role} (and ${tree.role} outside it): a restore makes ${tree.role} exactly a snapshot and would erase it`,
        details: { tree: t, other: o },
    });
}
