import { cacheDirFromEnv } from '../fs-safety/hash-cache.js';
import { spawn } from 'node:child_process';
import { constants as osConstants } from 'node:os';
import { ValidationError } from '../shared/errors.js';
import type { DirectoryLock } from '../fs-safety/lock.js';
import type { Logger } from '../shared/logger.js';
import { assertStrategy, BackupManager, defaultBackupDir } from '../guard/backup-manager.js';
import type { StrategyName } from '../guard/strategy.js';
import { discard, lockGuarded, rollback } from '../guard/with-backup.js';
import { COMMON, type CommandSpec, type Invocation } from './command.js';

export const guardCommand: CommandSpec = {
  usage: 'index-vault guard <dir> [--strategy directory-copy|lance-version] [--backup-dir DIR] -- <command> [args…]',
  about: 'Back up a directory, run a command, and roll the directory back if the command fails.',
  options: {
    quiet: COMMON.quiet,
    verbose: COMMON.verbose,
    help: COMMON.help,
    strategy: { type: 'string' },
    'backup-dir': { type: 'string' },
  },
  positionals: 1,
  run: runGuardCommand,
};

async function runGuardCommand({ values, positionals, guarded, io, logger }: Invocation): Promise<number> {
  const strategy = values.strategy === undefined ? undefined : assertStrategy(values.strategy as string);
  // guard speaks for itself; what backup and restore log inside it is detail, for --verbose.
  const guardLogger = {
    ...logger,
    info: (m: string) =>
      void (values.quiet ? undefined : m.startsWith('index-vault guard:') || values.verbose ? io.stderr.write(`${m}\n`) : undefined),
  };
  return await runGuard({
    dir: positionals[0]!,
    command: guarded,
    strategy,
    backupDir: (values['backup-dir'] as string | undefined) ?? defaultBackupDir(io.env),
    logger: guardLogger,
    cacheDir: cacheDirFromEnv(io.env),
  });
}

export interface GuardOptions {
  dir: string;
  command: string[];
  strategy?: StrategyName;
  backupDir?: string;
  logger: Logger;
  cacheDir?: string;
}

/**
 * Backs up `dir`, runs the command with the terminal's stdio, and rolls `dir` back when the
 * command fails. Returns the command's exit code (128 + signal number when it was killed), so a
 * CI step wrapped in `guard` fails exactly when the command does.
 */
export async function runGuard(options: GuardOptions): Promise<number> {
  const [file, ...args] = options.command;
  if (file === undefined)
    throw new ValidationError('guard needs a command after --', { hint: 'usage: index-vault guard <dir> -- <command> [args…]' });
  // Held until the rollback (if any) is done: no other backup or restore of dir runs meanwhile.
  const lock = await lockGuarded(options.dir, 'guard', options.logger);
  try {
    return await guardUnderLock(options, file, args, lock);
  } finally {
    await lock.release();
  }
}

async function guardUnderLock(options: GuardOptions, file: string, args: string[], lock: DirectoryLock): Promise<number> {
  const manager = new BackupManager({
    target: options.dir,
    backupDir: options.backupDir,
    strategy: options.strategy,
    logger: options.logger,
    heldLock: lock,
    cacheDir: options.cacheDir,
  });
  const taken = await manager.createBackup();
  options.logger.info(
    `index-vault guard: backup ${taken.id} of ${manager.target} (${taken.strategy}) in ${taken.path}; running ${options.command.join(' ')}`,
  );

  let code: number;
  try {
    code = await runChild(file, args);
  } catch (err) {
    // The command never started: nothing changed, so the backup only has to go.
    await discard(manager, taken.id, options.logger);
    throw err;
  }
  if (code === 0) {
    await discard(manager, taken.id, options.logger);
    options.logger.info(`index-vault guard: command succeeded; backup ${taken.id} discarded`);
    return 0;
  }
  await rollback(manager, taken.id, new Error(`command exited with code ${code}`), options.logger);
  return code;
}

function runChild(file: string, args: string[]): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { stdio: 'inherit' });
    // A CI runner cancelling the job signals us; the command must get the signal and stop first.
    const forward = (signal: NodeJS.Signals) => child.kill(signal);
    const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];
    for (const s of signals) process.on(s, forward);
    const done = () => {
      for (const s of signals) process.off(s, forward);
    };
    child.once('error', (err: NodeJS.ErrnoException) => {
      done();
      reject(
        err.code === 'ENOENT'
          ? new ValidationError(`command not found: ${file}`, {
              hint: 'give the program and its arguments after --, e.g. -- npm run build-index',
            })
          : err,
      );
    });
    child.once('exit', (code, signal) => {
      done();
      resolve(code ?? 128 + (signal ? (osConstants.signals[signal] ?? 0) : 0));
    });
  });
}
