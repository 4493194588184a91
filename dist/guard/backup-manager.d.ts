import { type Logger } from '../core/logger.js';
import { type StrategyName } from './strategy.js';
export interface BackupManagerOptions {
    /** The directory to guard: any directory, a LanceDB database or table, a Tantivy index. */
    target: string;
    /** Where backups are kept (default: `index-vault-backups` in the system temp directory). */
    backupDir?: string;
    /** Strategy used when `createBackup` names none (default `directory-copy`). */
    strategy?: StrategyName;
    logger?: Logger;
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
    private read;
    /** A fresh `backup_<timestamp>` folder, claimed with an exclusive mkdir so two processes never share one. */
    private claimId;
}
