/** 128 + the signal's number, as shells report a process a signal ended. */
export declare const SIGNAL_EXIT_CODES: {
    readonly SIGINT: 130;
    readonly SIGTERM: 143;
};
/**
 * Makes SIGINT and SIGTERM stop the CLI cleanly: what this run wrote and did not publish is
 * removed, its lock released, one line printed, and the exit code is 130 or 143. A second signal
 * exits at once. Output of the interrupted work is muted meanwhile (see `mutedWhileStopping`).
 */
export declare function exitOnSignals(stderr: {
    write(s: string): unknown;
}): void;
/** A stream that says nothing once a stop has begun: the work being undone fails, and must not say so. */
export declare function mutedWhileStopping<T extends {
    write(s: string): unknown;
}>(stream: T): T;
