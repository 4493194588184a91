import type { Logger } from '../shared/logger.js';
import type { CliIo, OptionValues } from './command.js';
/** Warnings and errors always reach stderr; detail only with --verbose (never mixed into --json), and nothing more with --quiet. */
export declare function cliLogger(values: OptionValues, io: CliIo, json: boolean): Logger;
