import type { Progress, ProgressCallback } from '../shared/logger.js';
export interface ProgressOutput {
    write(text: string): unknown;
    isTTY?: boolean;
    columns?: number;
}
export interface ProgressReporter {
    report: ProgressCallback;
    /** Ends the display. `finished`: the operation succeeded, so the last line shows every file and byte done. */
    done(finished?: boolean): void;
}
/**
 * Draws progress for people and for logs: on a terminal a bar redrawn in place (at most ten
 * times a second) that never exceeds the terminal's width, since a line that wraps cannot be
 * redrawn and leaves a trail; elsewhere, as in CI logs, one plain line every `intervalMs`.
 */
export declare function createProgressReporter(out: ProgressOutput, intervalMs?: number): ProgressReporter;
/** The pieces of a progress line, most important first. */
export declare function progressParts(p: Progress, elapsedMs: number): string[];
/**
 * A bar and as much of the text as fits in `columns - 1` characters (the last column would make
 * some terminals wrap): rate and ETA go first, then the bar, then the file count.
 */
export declare function fitLine(p: Progress, elapsedMs: number, columns?: number): string;
