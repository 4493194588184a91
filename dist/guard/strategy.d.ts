import type { DirectoryLock } from '../fs-safety/lock.js';
import type { Logger } from '../shared/logger.js';
/** How a backup taken before a risky operation is kept. */
export type StrategyName = 'directory-copy' | 'lance-version';
export declare const STRATEGIES: readonly StrategyName[];
/** What a strategy needs to know about one backup. */
export interface StrategyContext {
    /** Absolute path of the guarded directory or file, as the user named it (symlinks not resolved). */
    target: string;
    /** The backup's id (`backup_<timestamp>`). */
    id: string;
    /** A private directory for this backup's files. */
    dir: string;
    logger: Logger;
    /** The target's lock, held by the guarded operation: the strategy's own backup and restore run under it. */
    heldLock?: DirectoryLock;
    /** Where this machine keeps hash caches, for the directory-copy strategy's backup (default: `defaultCacheDir()`). */
    cacheDir?: string;
}
/**
 * One way of taking, restoring and discarding a backup. `create` returns plain JSON that is
 * stored with the backup and handed back to `restore` and `cleanup`, possibly in another process.
 */
export interface Strategy {
    /** Says what is wrong with a state read back from disk for `target`, or undefined when `restore` can use it. */
    checkState(state: Record<string, unknown>, target: string): string | undefined;
    create(ctx: StrategyContext): Promise<Record<string, unknown>>;
    restore(ctx: StrategyContext, state: Record<string, unknown>): Promise<void>;
    cleanup(ctx: StrategyContext, state: Record<string, unknown>): Promise<void>;
}
