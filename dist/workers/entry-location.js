import path from 'node:path';
/**
 * Where entry `rel` of a snapshot lies under the directory `root`: `path.join(root, ...rel.split('/'))`,
 * by concatenation. That is the same string for every path a manifest may hold (checked by
 * pathProblem: no empty, `.` or `..` segment, no backslash) under a resolved root, and costs one
 * string instead of an array, a normalization pass and several copies per file. (The one
 * difference: under a bare Windows drive root Node's join doubles the separator before a device
 * name with a colon, `C:\\CON:`; staging is never a drive root, and Windows forbids such names.)
 */
export function entryLocation(root, rel, sep = path.sep) {
    const under = sep === '/' ? rel : rel.replaceAll('/', sep);
    // A filesystem root ends with its separator already.
    return root.endsWith(sep) ? root + under : root + sep + under;
}
