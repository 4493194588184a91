import type { Logger } from '../shared/logger.js';
export interface LockOwner {
    pid: number;
    host: string;
    operation: string;
    startedAt: string;
    token: string;
    tool: string;
}
export interface LockOptions {
    operation: string;
    logger?: Logger;
    /** Poll for this long before giving up (default 0: fail at once). */
    waitMs?: number;
    /** A lock whose heartbeat is older than this is stale, on any host (default 2 min). */
    staleMs?: number;
    /** How often the holder refreshes the lock file's mtime (default 10 s). */
    heartbeatMs?: number;
}
export interface DirectoryLock {
    /** The locked directory, symlinks resolved. */
    readonly directory: string;
    readonly path: string;
    readonly owner: LockOwner;
    release(): Promise<void>;
}
/**
 * The lock sits beside the directory: it must exist before a restore creates the directory, and
 * must not be backed up. Symlinks are resolved first, so every spelling of a directory gets one lock.
 */
export declare function lockPathFor(dir: string): string;
export declare function readLock(dir: string): Promise<LockOwner | undefined>;
/**
 * Takes the lock on a directory, so that two index-vault processes never back up or restore the
 * same directory at once. A lock whose holder died (same host and no such pid, or no heartbeat
 * for `staleMs`) is taken over.
 */
export declare function acquireLock(dir: string, options: LockOptions): Promise<DirectoryLock>;
/**
 * Takes the directory's lock, or uses one the caller already holds on it (a guarded command holds
 * its directory's lock while the backup and rollback inside it run). Only a lock taken here is
 * released by the returned function.
 */
export declare function acquireOrUse(dir: string, held: DirectoryLock | undefined, options: LockOptions): Promise<() => Promise<void>>;
