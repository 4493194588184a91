import type { CliIo } from './command.js';
export type { CliIo } from './command.js';
export { EXIT_CODES } from './exit-codes.js';
/** Runs the CLI and returns its exit code; all output goes through `io`. */
export declare function runCli(argv: string[], io: CliIo): Promise<number>;
