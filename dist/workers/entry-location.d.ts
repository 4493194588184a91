/**
 * Where entry `rel` of a snapshot lies under the directory `root`: `path.join(root, ...rel.split('/'))`,
 * by concatenation. That is the same string for every path a manifest may hold (checked by
 * pathProblem: no empty, `.` or `..` segment, no backslash) under a resolved root, and costs one
 * string instead of an array, a normalization pass and several copies per file. (The one
 * difference: under a bare Windows drive root Node's join doubles the separator before a device
 * name with a colon, `C:\\CON:`; staging is never a drive root, and Windows forbids such names.)
 */
export declare function entryLocation(root: string, rel: string, sep?: string): string;
