/** Human-readable sizes and durations, for the CLI's and the action's output. */
export declare function formatBytes(n: number): string;
export declare function formatDuration(ms: number): string;
/** Parses `512M`, `1G`, `1.5GiB`, `4096` into bytes; undefined if it is not a size. */
export declare function parseSize(text: string): number | undefined;
