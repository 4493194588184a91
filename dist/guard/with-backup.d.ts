import { type DirectoryLock } from '../fs-safety/lock.js';
import { type Logger } from '../shared/logger.js';
import { BackupManager } from './backup-manager.js';
import type { StrategyName } from './strategy.js';
export interface WithBackupOptions {
    strategy?: StrategyName;
    backupDir?: string;
    logger?: Logger;
    /** Where this machine keeps hash caches, for the directory-copy strategy's backup (default: `defaultCacheDir()`). */
    cacheDir?: string;
}
/**
 * Takes a backup of `target`, runs `operation`, and on success discards the backup (a failure
 * to discard it is only a warning). If the operation throws, the target is put back and the
 * operation's own error is rethrown; if putting it back fails too, a RollbackError carries both
 * and the backup is kept for a manual restore.
 */
export declare function withBackup<T>(target: string, operation: () => T | Promise<T>, options?: WithBackupOptions): Promise<T>;
/**
 * Takes the guarded target's lock for the whole operation: backup, operation and rollback. No
 * other index-vault backup or restore of it can interleave with them. The parent is created
 * first, as a restore does, since the lock file lives there.
 */
export declare function lockGuarded(target: string, operation: string, logger: Logger): Promise<DirectoryLock>;
/** Logs at error level, or as a warning through a logger that has no error level. */
export declare function logError(logger: Logger, message: string): void;
/** Restores the backup after a failed operation; used by withBackup and the guard command. */
export declare function rollback(manager: BackupManager, id: string, operationError: unknown, logger: Logger): Promise<void>;
export declare function discard(manager: BackupManager, id: string, logger: Logger): Promise<void>;
