import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { IntegrityError, ioError, NotFoundError, ValidationError } from '../shared/errors.js';
import type { DirectoryLock } from '../fs-safety/lock.js';
import { silentLogger, type Logger } from '../shared/logger.js';
import { assertApart } from '../fs-safety/placement.js';
import { directoryCopy } from './directory-copy.js';
import { lanceVersion } from './lance-version.js';
import { STRATEGIES, type Strategy, type StrategyContext, type StrategyName } from './strategy.js';

const IMPLEMENTATIONS: Record<StrategyName, Strategy> = { 'directory-copy': directoryCopy, 'lance-version': lanceVersion };
const ID = /^backup_\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z(?:_\d+)?$/;
const RECORD = 'backup.json';

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

interface BackupRecord extends Omit<BackupInfo, 'path'> {
  state: Record<string, unknown>;
}

/**
 * `INDEX_VAULT_BACKUP_DIR`, else `index-vault/backups` in the per-user data directory
 * (`%LOCALAPPDATA%`, `$XDG_DATA_HOME`, `~/.local/share`). Not the temp directory: a backup kept
 * after a failed rollback is needed most after a crash and reboot, when temp may be wiped.
 */
export function defaultBackupDir(env: Record<string, string | undefined> = process.env): string {
  if (env.INDEX_VAULT_BACKUP_DIR) return path.resolve(env.INDEX_VAULT_BACKUP_DIR);
  if (process.platform === 'win32' && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, 'index-vault', 'backups');
  if (env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME)) return path.join(env.XDG_DATA_HOME, 'index-vault', 'backups');
  let home = '';
  try {
    home = os.homedir();
  } catch {
    // No home directory (a bare service account): the temp directory is all there is.
  }
  return home ? path.join(home, '.local', 'share', 'index-vault', 'backups') : path.join(os.tmpdir(), 'index-vault-backups');
}

/** The default backup directory as it was when this module loaded; `defaultBackupDir()` reads the environment afresh. */
export const DEFAULT_BACKUP_DIR = defaultBackupDir();

export function assertStrategy(value: string): StrategyName {
  if (!(STRATEGIES as readonly string[]).includes(value)) {
    throw new ValidationError(`invalid strategy ${JSON.stringify(value)}`, { hint: `valid values: ${STRATEGIES.join(', ')}` });
  }
  return value as StrategyName;
}

/**
 * Takes, restores and discards backups of one directory, each named `backup_<timestamp>` and
 * kept in its own folder of the backup directory with a record of how to restore it, so a
 * backup taken by one process can be restored by another.
 */
export class BackupManager {
  readonly target: string;
  readonly backupDir: string;
  readonly strategy: StrategyName;
  private readonly logger: Logger;
  private readonly heldLock: DirectoryLock | undefined;
  private readonly cacheDir: string | undefined;

  constructor(options: BackupManagerOptions) {
    if (!options.target) throw new ValidationError('BackupManager needs a target directory');
    this.target = path.resolve(options.target);
    this.backupDir = path.resolve(options.backupDir ?? defaultBackupDir());
    this.strategy = assertStrategy(options.strategy ?? 'directory-copy');
    this.logger = options.logger ?? silentLogger;
    this.heldLock = options.heldLock;
    this.cacheDir = options.cacheDir;
    // A rollback makes the target exactly the backup: backups kept inside it would erase themselves.
    assertApart({ path: this.target, role: 'the guarded directory' }, { path: this.backupDir, role: 'the backup directory' });
  }

  async createBackup(strategy: StrategyName = this.strategy): Promise<BackupInfo> {
    const impl = IMPLEMENTATIONS[assertStrategy(strategy)];
    const { id, dir } = await this.claimId();
    const ctx = this.context(id, dir);
    try {
      const createdAt = new Date().toISOString();
      const state = await impl.create(ctx);
      const record: BackupRecord = { id, strategy, target: this.target, createdAt, state };
      // Written whole then renamed: a record that exists is a backup that is complete.
      await fs.writeFile(path.join(dir, `${RECORD}.tmp`), `${JSON.stringify(record, null, 2)}\n`);
      await fs.rename(path.join(dir, `${RECORD}.tmp`), path.join(dir, RECORD));
      this.logger.info(`backup ${id} of ${this.target} taken (${strategy})`);
      return { id, strategy, target: this.target, createdAt, path: dir };
    } catch (err) {
      await fs.rm(dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => {});
      throw err;
    }
  }

  /** Puts the target back as it was when the backup was taken. The backup is kept. */
  async restoreBackup(id: string): Promise<void> {
    const record = await this.read(id);
    await IMPLEMENTATIONS[record.strategy].restore(this.context(id, this.folder(id)), record.state);
    this.logger.info(`restored ${this.target} from backup ${id} (${record.strategy})`);
  }

  /** Discards a backup: releases what it pins (tags) and removes its files. */
  async cleanupBackup(id: string): Promise<void> {
    const record = await this.read(id);
    await IMPLEMENTATIONS[record.strategy].cleanup(this.context(id, this.folder(id)), record.state);
    await fs.rm(this.folder(id), { recursive: true, force: true, maxRetries: 3 }).catch((err) => {
      throw ioError(err, 'cannot remove backup', this.folder(id));
    });
    this.logger.debug(`backup ${id} removed`);
  }

  /** Backups of this target, oldest first. */
  async listBackups(): Promise<BackupInfo[]> {
    const names = await fs.readdir(this.backupDir).catch(() => [] as string[]);
    const out: BackupInfo[] = [];
    for (const n of names.filter((x) => ID.test(x)).sort()) {
      const r = await this.read(n).catch(() => undefined);
      if (r && r.target === this.target)
        out.push({ id: r.id, strategy: r.strategy, target: r.target, createdAt: r.createdAt, path: this.folder(n) });
    }
    return out;
  }

  private context(id: string, dir: string): StrategyContext {
    return { target: this.target, id, dir, logger: this.logger, heldLock: this.heldLock, cacheDir: this.cacheDir };
  }

  private folder(id: string): string {
    if (!ID.test(id))
      throw new ValidationError(`invalid backup id ${JSON.stringify(id)}`, {
        hint: 'backup ids look like backup_2026-01-31T12-00-00-000Z',
      });
    return path.join(this.backupDir, id);
  }

  /**
   * The record of a backup, checked before anything acts on it: a missing backup is E_NOT_FOUND,
   * a record that is missing, unreadable or malformed is E_INTEGRITY naming the file.
   */
  private async read(id: string): Promise<BackupRecord> {
    const folder = this.folder(id);
    const file = path.join(folder, RECORD);
    const damaged = (why: string, cause?: unknown) =>
      new IntegrityError(`the backup record ${file} ${why}`, {
        cause,
        hint: `the backup ${id} cannot be trusted; remove ${folder}`,
        details: { id, path: file },
      });
    let text: string;
    try {
      text = await fs.readFile(file, 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'ENOENT') throw ioError(err, 'cannot read', file);
      if (
        await fs.stat(folder).then(
          () => false,
          () => true,
        )
      ) {
        throw new NotFoundError(`no backup ${id} in ${this.backupDir}`, { hint: 'listBackups() shows the backups there', details: { id } });
      }
      throw damaged('is missing (the backup was never completed, or its record was deleted)', err);
    }
    let record: BackupRecord;
    try {
      record = JSON.parse(text) as BackupRecord;
    } catch (err) {
      throw damaged('is not JSON', err);
    }
    const problem = recordProblem(record, id);
    if (problem) throw damaged(problem);
    if (record.target !== this.target) {
      throw new ValidationError(`backup ${id} was taken of ${record.target}, not of ${this.target}`, {
        hint: 'use a BackupManager for that directory',
      });
    }
    return record;
  }

  /** A fresh `backup_<timestamp>` folder, claimed with an exclusive mkdir so two processes never share one. */
  private async claimId(): Promise<{ id: string; dir: string }> {
    await fs.mkdir(this.backupDir, { recursive: true }).catch((err) => {
      throw ioError(err, 'cannot create backup directory', this.backupDir);
    });
    const stamp = new Date().toISOString().replace(/[:.]/g, '-');
    for (let n = 1; ; n++) {
      const id = n === 1 ? `backup_${stamp}` : `backup_${stamp}_${n}`;
      const dir = path.join(this.backupDir, id);
      try {
        await fs.mkdir(dir);
        return { id, dir };
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw ioError(err, 'cannot create', dir);
      }
    }
  }
}

/** Says what is wrong with a parsed record, or undefined when it is complete. */
function recordProblem(r: unknown, id: string): string | undefined {
  if (typeof r !== 'object' || r === null || Array.isArray(r)) return 'is not an object';
  const o = r as Record<string, unknown>;
  if (o.id !== id) return `names backup ${JSON.stringify(o.id)}, not ${id}`;
  if (typeof o.strategy !== 'string' || !(STRATEGIES as readonly string[]).includes(o.strategy))
    return `names an unknown strategy ${JSON.stringify(o.strategy)}`;
  if (typeof o.target !== 'string' || !path.isAbsolute(o.target)) return 'names no absolute target';
  if (typeof o.createdAt !== 'string') return 'has no creation time';
  if (typeof o.state !== 'object' || o.state === null || Array.isArray(o.state)) return 'has no state';
  const bad = IMPLEMENTATIONS[o.strategy as StrategyName].checkState(o.state as Record<string, unknown>, o.target);
  return bad ? `is malformed: ${bad}` : undefined;
}
