/**
 * Snapshot ids sort by creation time as plain strings: `20261122T143501123Z-1a2b3c4d`.
 * No ':' so they are valid file names and cache keys on every OS; the random tail keeps two
 * snapshots taken in the same millisecond apart.
 */
export declare function newSnapshotId(now?: Date): string;
export declare function isSnapshotId(value: string): boolean;
export declare function assertSnapshotId(value: string): string;
/** Series names become store key prefixes and cache keys: keep them to a safe alphabet. */
export declare function assertSeriesName(name: string): string;
/** Derives a series name from a directory name: `My Index (v2)` → `My-Index-v2`. */
export declare function seriesNameFor(dirName: string): string;
