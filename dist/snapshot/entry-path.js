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
 * path's length. An ASCII path (NFC by definition, one byte a character) is checked in one pass;
 * any other goes through the reference rule, which the fast pass must answer exactly as.
 */
export function pathProblem(path) {
    if (typeof path !== 'string' || path.length === 0)
        return { why: 'empty path' };
    const n = path.length;
    if (n > MAX_PATH_BYTES)
        return { why: `longer than ${MAX_PATH_BYTES} bytes` }; // never fewer bytes than characters
    let nul = false;
    let backslash = false;
    let parts = 1;
    let start = 0;
    // The first bad segment: 1 empty, 2 ".", 3 "..", 4 too long.
    let segment = 0;
    for (let i = 0; i <= n; i++) {
        const c = i < n ? path.charCodeAt(i) : 0x2f;
        if (c >= 0x80)
            return referencePathProblem(path);
        if (c === 0x2f) {
            if (i < n)
                parts++;
            if (segment === 0) {
                const len = i - start;
                if (len === 0)
                    segment = 1;
                else if (len <= 2 && path.charCodeAt(start) === 0x2e && (len === 1 || path.charCodeAt(start + 1) === 0x2e))
                    segment = len + 1;
                else if (len > MAX_NAME_BYTES)
                    segment = 4;
            }
            start = i + 1;
        }
        else if (c === 0)
            nul = true;
        else if (c === 0x5c)
            backslash = true;
    }
    if (nul)
        return { why: 'contains a NUL byte' };
    if (backslash)
        return { why: 'contains a backslash (a separator on Windows)' };
    if (path.charCodeAt(0) === 0x2f)
        return { why: 'absolute path' };
    const first = path.charCodeAt(0) | 0x20;
    if (first >= 0x61 && first <= 0x7a && path.charCodeAt(1) === 0x3a)
        return { why: 'starts with a drive letter' };
    if (parts > MAX_PATH_DEPTH)
        return { why: `deeper than ${MAX_PATH_DEPTH} levels` };
    if (segment === 1)
        return { why: 'empty path segment (leading, trailing or doubled "/")' };
    if (segment === 2 || segment === 3)
        return { why: `"${segment === 2 ? '.' : '..'}" segment` };
    if (segment === 4)
        return { why: `has a name longer than ${MAX_NAME_BYTES} bytes`, portable: true };
    return undefined;
}
/** The rule written out plainly, for any string: what pathProblem's ASCII pass must equal. */
export function referencePathProblem(path) {
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
/**
 * Byte-wise comparison of UTF-8 paths: the order is the same on every OS and locale. UTF-16 code
 * units sort as UTF-8 bytes do except where a surrogate is involved, so the strings are compared
 * directly unless one is at the first difference (or ends a prefix); those go through the bytes.
 */
export function comparePaths(a, b) {
    const n = Math.min(a.length, b.length);
    let i = 0;
    while (i < n && a.charCodeAt(i) === b.charCodeAt(i))
        i++;
    if (i < n) {
        const x = a.charCodeAt(i);
        const y = b.charCodeAt(i);
        if ((x < 0xd800 || x > 0xdfff) && (y < 0xd800 || y > 0xdfff))
            return x < y ? -1 : 1;
    }
    else {
        const last = i === 0 ? 0 : a.charCodeAt(i - 1);
        if (last < 0xd800 || last > 0xdbff)
            return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
    }
    return referenceComparePaths(a, b);
}
/** The order written out plainly: what comparePaths must equal. */
export function referenceComparePaths(a, b) {
    return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
