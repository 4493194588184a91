import type { Logger } from '../shared/logger.js';
import type { StrategyName } from '../guard/strategy.js';
import { type CommandSpec } from './command.js';
export declare const guardCommand: CommandSpec;
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
export declare function runGuard(options: GuardOptions): Promise<number>;
