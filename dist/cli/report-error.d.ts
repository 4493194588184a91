import type { CliIo } from './command.js';
/** One line on stderr (and, with --json, one object on stdout) for a failure; returns the exit code. */
export declare function reportError(err: unknown, io: CliIo, json: boolean): number;
