/** Limits that bound the work a hostile manifest can cause. */
export declare const MAX_PATH_BYTES = 4096;
export declare const MAX_PATH_DEPTH = 256;
/**
 * Checks a path as it appears in a manifest or a tar header: relative, POSIX separators, NFC,
 * no empty, `.` or `..` segments, no drive letters, UNC or device prefixes, no backslashes or NUL.
 * The raw string is checked before any normalization, because normalizing first is what let
 * `C:../x` and `////x` through in other extractors. Returns the path unchanged or throws.
 */
export declare function assertSafeRelativePath(path: string, what?: string): string;
/** Parent path of a relative POSIX path, or '' for top-level entries. */
export declare function parentOf(path: string): string;
/**
 * Resolves a symlink target against the link's own location and says whether it stays inside
 * the tree. Absolute targets and targets that climb above the root are outside.
 */
export declare function linkStaysInside(linkPath: string, target: string): boolean;
/** Byte-wise comparison of UTF-8 paths: the order is the same on every OS and locale. */
export declare function comparePaths(a: string, b: string): number;
