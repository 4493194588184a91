import fs from 'node:fs/promises';
import path from 'node:path';
import { ioError, isIndexVaultError, RollbackError } from '../shared/errors.js';
import { acquireLock } from '../fs-safety/lock.js';
import { silentLogger } from '../shared/logger.js';
import { BackupManager } from './backup-manager.js';
/**
 * Takes a backup of `target`, runs `operation`, and on success discards the backup (a failure
 * to discard it is only a warning). If the operation throws, the target is put back and the
 * operation's own error is rethrown; if putting it back fails too, a RollbackError carries both
 * and the backup is kept for a manual restore.
 */
export async function withBackup(target, operation, options = {}) {
    const logger = options.logger ?? silentLogger;
    const lock = await lockGuarded(target, 'withBackup', logger);
    try {
        const manager = new BackupManager({
            target,
            backupDir: options.backupDir,
            strategy: options.strategy,
            logger,
            heldLock: lock,
            cacheDir: options.cacheDir,
        });
        const taken = await manager.createBackup();
        let result;
        try {
            result = await operation();
        }
        catch (operationError) {
            await rollback(manager, taken.id, operationError, logger);
            throw operationError;
        }
        await discard(manager, taken.id, logger);
        return result;
    }
    finally {
        await lock.release();
    }
}
/**
 * Takes the guarded target's lock for the whole operation: backup, operation and rollback. No
 * other index-vault backup or restore of it can interleave with them. The parent is created
 * first, as a restore does, since the lock file lives there.
 */
export async function lockGuarded(target, operation, logger) {
    const parent = path.dirname(path.resolve(target));
    await fs.mkdir(parent, { recursive: true }).catch((err) => {
        throw ioError(err, 'cannot create', parent);
    });
    return acquireLock(target, { operation, logger });
}
/** Logs at error level, or as a warning through a logger that has no error level. */
export function logError(logger, message) {
    if (logger.error)
        logger.error(message);
    else
        logger.warn(message);
}
/** Restores the backup after a failed operation; used by withBackup and the guard command. */
export async function rollback(manager, id, operationError, logger) {
    try {
        await manager.restoreBackup(id);
    }
    catch (rollbackError) {
        const what = (e) => (isIndexVaultError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e));
        const kept = path.join(manager.backupDir, id);
        logError(logger, `rolling ${manager.target} back failed (${what(rollbackError)}); the backup is kept in ${kept}`);
        throw new RollbackError(`the operation failed (${what(operationError)}) and rolling ${manager.target} back failed too (${what(rollbackError)}); the backup is kept in ${kept}`, operationError, rollbackError, {
            hint: `restore it with new BackupManager({ target: ${JSON.stringify(manager.target)}, backupDir: ${JSON.stringify(manager.backupDir)} }).restoreBackup("${id}") once the cause is fixed`,
            details: { backupId: id, backupDir: manager.backupDir, backupPath: kept, target: manager.target },
        });
    }
    logger.warn(`the operation failed; ${manager.target} was rolled back to backup ${id}`);
    await discard(manager, id, logger);
}
export async function discard(manager, id, logger) {
    await manager.cleanupBackup(id).catch((err) => {
        logger.warn(`could not remove backup ${id} from ${manager.backupDir}: ${err instanceof Error ? err.message : String(err)}`);
    });
}
