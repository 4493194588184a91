/**
 * How much V8 lets the old generation grow past what the last full collection left, in percent.
 * V8 otherwise picks a factor of up to 4× for a heap that allocates fast, which every pass over a
 * large manifest does: the heap then holds that pass's garbage (and a worker's its own) for
 * seconds, and peak RSS follows. Measured on 100,000 files (2 cores): restore 233-235 -> 199-204
 * MB, a full backup 202-210 -> 194-198 MB; on 1,000,000 files verify 478 -> 375 MB; for the same
 * wall time within the noise (npm run bench shows CPU too).
 */
export declare const HEAP_GROWING_PERCENT = 30;
/**
 * Keeps V8's heap small for this process and its workers (V8's flags are per process):
 *  - the young generation at its starting size: V8 grows it (to 64 MB here) whenever many
 *    objects survive a scavenge, which a pass over 100,000 manifest entries always does, and that
 *    memory is then touched and held for the rest of the run (50-90 MB of peak RSS at 100,000
 *    files, for no CPU saved);
 *  - the old generation within HEAP_GROWING_PERCENT of what the last full collection kept.
 * Both are sizing heuristics, read whenever V8 decides to grow a space, so setting them after
 * start is sound. Called by the CLI and action entries only: a program that imports the library
 * keeps its own heap.
 */
export declare function keepHeapSmall(): void;
