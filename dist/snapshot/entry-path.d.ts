/** Limits that bound the work a hostile manifest can cause; the backup refuses trees past them too. */
export declare const MAX_PATH_BYTES = 4096;
export declare const MAX_PATH_DEPTH = 256;
/** The most Linux and macOS allow in one name. */
export declare const MAX_NAME_BYTES = 255;
/** The most a symlink target may hold (Linux's PATH_MAX less the NUL). */
export declare const MAX_LINK_TARGET_BYTES = 4095;
/**
 * Why a path may not appear in a snapshot, or undefined when it may. `portable` marks the rules
 * that only some systems impose. Checked on the raw string before any normalization, because
 * normalizing first is what let `C:../x` and `////x` through in other extractors. Linear in the
 * path's length. An ASCII path (NFC by definition, one byte a character) is checked in one pass;
 * any other goes through the reference rule, which the fast pass must answer exactly as.
 */
export declare function pathProblem(path: string): {
    why: string;
    portable?: boolean;
} | undefined;
/** The rule written out plainly, for any string: what pathProblem's ASCII pass must equal. */
export declare function referencePathProblem(path: string): {
    why: string;
    portable?: boolean;
} | undefined;
/**
 * Checks a path as it appears in a manifest or a tar header: relative, POSIX separators, NFC,
 * no empty, `.` or `..` segments, no drive letters, UNC or device prefixes, no backslashes or NUL,
 * within the limits above. Returns the path unchanged or throws.
 */
export declare function assertSafeRelativePath(path: string, what?: string): string;
/** Parent path of a relative POSIX path, or '' for top-level entries. */
export declare function parentOf(path: string): string;
/**
 * Resolves a symlink target against the link's own location and says whether it stays inside
 * the tree. Absolute targets and targets that climb above the root are outside.
 */
export declare function linkStaysInside(linkPath: string, target: string): boolean;
/**
 * Byte-wise comparison of UTF-8 paths: the order is the same on every OS and locale. UTF-16 code
 * units sort as UTF-8 bytes do except where a surrogate is involved, so the strings are compared
 * directly unless one is at the first difference (or ends a prefix); those go through the bytes.
 */
export declare function comparePaths(a: string, b: string): number;
/** The order written out plainly: what comparePaths must equal. */
export declare function referenceComparePaths(a: string, b: string): number;
