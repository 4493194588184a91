import { type EntryStat } from './stat-rows.js';
/**
 * A second thread for a walk's lstat calls, which dominate a scan of many small files and which
 * the walk otherwise makes one after another on one core. The walk hands it each big
 * directory's names and stats them too (stat-rows.ts): on two cores a directory takes about
 * half the time, and were the helper slow to start or busy, the walk simply does it all.
 */
export declare class StatHelper {
    private readonly startAfter;
    private worker;
    private listed;
    private closed;
    /** `startAfter`: names listed before the helper thread is started. */
    constructor(startAfter?: number);
    /**
     * The lstat of prefix + name for each name, in order: a stat, `null` for a name gone since it
     * was listed, `undefined` for one the caller stats itself (a failure it raises as its own).
     * Undefined as a whole when the directory is left to the caller.
     */
    statNames(prefix: string, names: readonly string[]): Array<EntryStat | null | undefined> | undefined;
    close(): void;
}
