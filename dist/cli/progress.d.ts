import type { ProgressCallback } from '../core/logger.js';
export interface ProgressOutput {
    write(text: string): unknown;
    isTTY?: boolean;
    columns?: number;
}
/**
 * Draws progress for people and for logs: on a terminal a bar redrawn in place (at most ten
 * times a second); elsewhere, as in CI logs, one plain line every `intervalMs`.
 */
export declare function createProgressReporter(out: ProgressOutput, intervalMs?: number): {
    report: ProgressCallback;
    done(): void;
};
