/**
 * What a process must undo if it is told to stop (SIGINT, SIGTERM) in the middle of a backup,
 * restore or prune: temporary objects it is writing, packs of a snapshot it has not published,
 * its staging directory, its lock. Each piece of work registers its own undo while it runs; the
 * CLI's signal handler (cli/exit-on-signal.ts) calls `stopAndUndo` and then exits. Steps that must
 * not be cut in two (publishing a manifest, swapping a restored tree in) run as `uninterrupted`:
 * the undo waits for them first. A library caller that never calls `stopAndUndo` sees no change.
 */
type Undo = () => Promise<void> | void;
/** Registers what to undo if the process is stopped now; call the returned function once the work is done or undone by itself. */
export declare function onStop(undo: Undo): () => void;
/** Whether the process is stopping: work must not start anything new (a temporary file, a publish). */
export declare function isStopping(): boolean;
/**
 * Runs a step that must finish once started; a stop waits for it before undoing anything. Once
 * stopping, no such step starts: its inputs (a staging tree, the packs of a manifest) are being
 * undone, and publishing them would swap a half-removed tree in or name packs that are gone.
 */
export declare function uninterrupted<T>(step: () => Promise<T>): Promise<T>;
/** Stops: waits for uninterrupted steps, then undoes all registered work, newest first. Never throws. */
export declare function stopAndUndo(): Promise<void>;
/** What a step that would have started after a stop throws (the CLI reports the signal instead). */
export declare class StoppingError extends Error {
    constructor();
}
/** A turn of the event loop (signals, timers), not just of the microtask queue; a stop begun meanwhile throws StoppingError. */
export declare function yieldTurn(): Promise<void>;
export {};
