import type { DirectoryLock } from '../fs-safety/lock.js';
import { type Logger } from '../shared/logger.js';
import { type StrategyName } from './strategy.js';
export interface BackupManagerOptions {
    /** What to guard: any directory or single file, a LanceDB database or table, a Tantivy index. */
    target: string;
    /** Where backups are kept (default: `defaultBackupDir()`, a per-user data directory that survives a reboot). */
    backupDir?: string;
    /** Strategy used when `createBackup` names none (default `directory-copy`). */
    strategy?: StrategyName;
    logger?: Logger;
    /** The target's lock, when the caller holds it for the whole guarded operation (see withBackup and the guard command). */
    heldLock?: DirectoryLock;
    /** Where this machine keeps hash caches, for the directory-copy strategy's backup (default: `defaultCacheDir()`). */
    cacheDir?: string;
}
/** What `createBackup` returns and `listBackups` lists. */
export interface BackupInfo {
    id: string;
    strategy: StrategyName;
    target: string;
    createdAt: string;
    /** The backup's own directory inside the backup directory. */
    path: string;
}
/**
 * `INDEX_VAULT_BACKUP_DIR`, else `index-vault/backups` in the per-user data directory
 * (`%LOCALAPPDATA%`, `$XDG_DATA_HOME`, `~/.local/share`). Not the temp directory: a backup kept
 * after a failed rollback is needed most after a crash and reboot, when temp may be wiped.
 */
export declare function defaultBackupDir(env?: Record<string, string | undefined>): string;
/** The default backup directory as it was when this module loaded; `defaultBackupDir()` reads the environment afresh. */
export declare const DEFAULT_BACKUP_DIR: string;
export declare function assertStrategy(value: string): StrategyName;
/**
 * Takes, restores and discards backups of one directory, each named `backup_<timestamp>` and
 * kept in its own folder of the backup directory with a record of how to restore it, so a
 * backup taken by one process can be restored by another.
 */
export declare class BackupManager {
    readonly target: string;
    readonly backupDir: string;
    readonly strategy: StrategyName;
    private readonly logger;
    private readonly heldLock;
    private readonly cacheDir;
    constructor(options: BackupManagerOptions);
    createBackup(strategy?: StrategyName): Promise<BackupInfo>;
    /** Puts the target back as it was when the backup was taken. The backup is kept. */
    restoreBackup(id: string): Promise<void>;
    /** Discards a backup: releases what it pins (tags) and removes its files. */
    cleanupBackup(id: string): Promise<void>;
    /** Backups of this target, oldest first. */
    listBackups(): Promise<BackupInfo[]>;
    private context;
    private folder;
    /**
     * The record of a backup, checked before anything acts on it: a missing backup is E_NOT_FOUND,
     * a record that is missing, unreadable or malformed is E_INTEGRITY naming the file.
     */
    private read;
    /** A fresh `backup_<timestamp>` folder, claimed with an exclusive mkdir so two processes never share one. */
    private claimId;
}
