import { UnsafeEntryError } from './errors.js';
/** Limits that bound the work a hostile manifest can cause. */
export const MAX_PATH_BYTES = 4096;
export const MAX_PATH_DEPTH = 256;
/**
 * Checks a path as it appears in a manifest or a tar header: relative, POSIX separators, NFC,
 * no empty, `.` or `..` segments, no drive letters, UNC or device prefixes, no backslashes or NUL.
 * The raw string is checked before any normalization, because normalizing first is what let
 * `C:../x` and `////x` through in other extractors. Returns the path unchanged or throws.
 */
export function assertSafeRelativePath(path, what = 'entry') {
    const fail = (why) => {
        throw new UnsafeEntryError(`refusing ${what} ${JSON.stringify(path)}: ${why}`, { details: { path } });
    };
    if (typeof path !== 'string' || path.length === 0)
        fail('empty path');
    if (Buffer.byteLength(path) > MAX_PATH_BYTES)
        fail(`longer than ${MAX_PATH_BYTES} bytes`);
    if (path.includes('\0'))
        fail('contains a NUL byte');
    if (path.includes('\\'))
        fail('contains a backslash (a separator on Windows)');
    if (path.startsWith('/'))
        fail('absolute path');
    if (/^[A-Za-z]:/.test(path))
        fail('starts with a drive letter');
    if (path !== path.normalize('NFC'))
        fail('not in Unicode NFC form');
    const parts = path.split('/');
    if (parts.length > MAX_PATH_DEPTH)
        fail(`deeper than ${MAX_PATH_DEPTH} levels`);
    for (const part of parts) {
        if (part === '')
            fail('empty path segment (leading, trailing or doubled "/")');
        if (part === '.' || part === '..')
            fail(`"${part}" segment`);
    }
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
    const stack = parentOf(linkPath).split('/').filter((s) => s.length > 0);
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
