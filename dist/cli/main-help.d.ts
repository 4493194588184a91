import type { CommandSpec } from './command.js';
/** `index-vault` alone or `index-vault help`: every command in one line, the common options and the exit codes. */
export declare function mainHelp(commands: Record<string, CommandSpec>): string;
