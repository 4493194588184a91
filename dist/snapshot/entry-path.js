import { UnsafeEntryError } from '../shared/errors.js';
/** Limits that bound the work a hostile manifest can cause; the backup refuses trees past them too. */
export const MAX_PATH_BYTES = 4096;
export const MAX_PATH_DEPTH = 256;
/** The most Linux and macOS allow in one name. */
export const MAX_NAME_BYTES = 255;
/** The most a symlink target may hold (Linux's PATH_MAX less the NUL). */
export const MAX_LINK_TARGET_BYTES = 4095;
/**
 * Why a path may not appear in a snapshot, or undefined when it may. `portable` marks the rules
 * that only some systems impose. Checked on the raw string before any normalization, because
 * normalizing first is what let `C:../x` and `////x` through in other extractors. Linear in the
 * path's length.
 */
export function pathProblem(path) {
    if (typeof path !== 'string' || path.length === 0)
        return { why: 'empty path' };
    if (Buffer.byteLength(path) > MAX_PATH_BYTES)
        return { why: `longer than ${MAX_PATH_BYTES} bytes` };
    if (path.includes('\0'))
        return { why: 'contains a NUL byte' };
    if (path.includes('\\'))
        return { why: 'contains a backslash (a separator on Windows)' };
    if (path.startsWith('/'))
        return { why: 'absolute path' };
    if (/^[A-Za-z]:/.test(path))
        return { why: 'starts with a drive letter' };
    if (path !== path.normalize('NFC'))
        return { why: 'not in Unicode NFC form' };
    const parts = path.split('/');
    if (parts.length > MAX_PATH_DEPTH)
        return { why: `deeper than ${MAX_PATH_DEPTH} levels` };
    for (const part of parts) {
        if (part === '')
            return { why: 'empty path segment (leading, trailing or doubled "/")' };
        if (part === '.' || part === '..')
            return { why: `"${part}" segment` };
        if (Buffer.byteLength(part) > MAX_NAME_BYTES)
            return { why: `has a name longer than ${MAX_NAME_BYTES} bytes`, portable: true };
    }
    return undefined;
}
/**
 * Checks a path as it appears in a manifest or a tar header: relative, POSIX separators, NFC,
 * no empty, `.` or `..` segments, no drive letters, UNC or device prefixes, no backslashes or NUL,
 * within the limits above. Returns the path unchanged or throws.
 */
export function assertSafeRelativePath(path, what = 'entry') {
    const problem = pathProblem(path);
    if (problem)
        throw new UnsafeEntryError(`refusing ${what} ${JSON.stringify(path)}: ${problem.why}`, { details: { path } });
    return path;
}
/** Parent path of a relative POSIX path, or '' for top-level entries. */
export function parentOf(path) {
    const i = path.lastIndexOf('/');
    return i < 0 ? '' : path.slice(0, i);
}
/**
 * Resolves a symlink target against the link's own location and says whether it stays inside
 * the tree. Absolute targets and targets that climb above the root are outside.
 */
export function linkStaysInside(linkPath, target) {
    if (target.length === 0 || target.includes('\0'))
        return false;
    if (target.startsWith('/') || target.includes('\\') || /^[A-Za-z]:/.test(target))
        return false;
    const stack = parentOf(linkPath)
        .split('/')
        .filter((s) => s.length > 0);
    for (const seg of target.split('/')) {
        if (seg === '' || seg === '.')
            continue;
        if (seg === '..') {
            if (stack.length === 0)
                return false;
            stack.pop();
        }
        else
            stack.push(seg);
    }
    return true;
}
/** Byte-wise comparison of UTF-8 paths: the order is the same on every OS and locale. */
export function comparePaths(a, b) {
    return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
