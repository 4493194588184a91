import { type EntryStat, type StatBatch } from './stat-rows.js';
/**
 * A second thread for a walk's lstat calls, which dominate a scan of many small files and which
 * the walk otherwise makes one after another on one core. The walk hands it each big
 * directory's names and takes their stats in order (StatRows), stat'ing those the helper has
 * not reached: were the helper slow to start or busy, the walk simply does it all.
 */
export declare class StatHelper {
    private readonly startAfter;
    private worker;
    private listed;
    private closed;
    /**
     * Row buffers of directories done with, every claim on them ended. Reused: a buffer per
     * directory, freed outside V8's heap, left the process ~5 MB larger at a million files.
     */
    private readonly spare;
    /** `startAfter`: names listed before the helper thread is started. */
    constructor(startAfter?: number);
    /**
     * The lstat of prefix + name for each name, row by row as the walk asks (StatRows), the helper
     * working ahead of it; undefined when the directory is left to the caller.
     */
    statNames(prefix: string, names: readonly string[]): StatRows | undefined;
    close(): void;
    /** Takes back a directory's rows once every claim on them has ended (no thread writes them again). */
    recycle(batch: StatBatch): void;
    /** A zeroed buffer of at least `bytes` (a row's status 0 is "not written yet"). */
    private buffer;
}
/**
 * A directory's rows as the walk takes them, in order: a row the helper has written is read;
 * otherwise the walk claims the next names and stats them itself (the row it wants among them,
 * or rows after it while the helper finishes that one), and waits only when none is left to
 * claim, a few lstat calls at most. So the helper stats ahead while the walk does the rest of its
 * work on each entry, and the walk never sleeps while there is work.
 */
export declare class StatRows {
    private readonly batch;
    private readonly helper;
    private givenUp;
    constructor(batch: StatBatch, helper: StatHelper);
    /** Name `i`'s lstat: a stat, `null` when it is gone since it was listed, `undefined` for the caller to stat (and raise) itself. */
    get(i: number): EntryStat | null | undefined;
    /** The walk is done with the directory: its rows may serve another once no claim on them is left. */
    release(): void;
}
