import type { ParseArgsConfig } from 'node:util';
import type { Logger } from '../shared/logger.js';

export interface CliIo {
  stdout: { write(s: string): unknown };
  stderr: { write(s: string): unknown; isTTY?: boolean; columns?: number };
  env: Record<string, string | undefined>;
}

export type OptionValues = Record<string, string | boolean | undefined>;

/** A command line, parsed and checked against its command's options: what the command runs on. */
export interface Invocation {
  command: string;
  usage: string;
  values: OptionValues;
  positionals: string[];
  /** guard: everything after `--`. */
  guarded: string[];
  io: CliIo;
  logger: Logger;
  json: boolean;
}

/** One command: its help, the options and positional arguments it takes, and what it does. */
export interface CommandSpec {
  usage: string;
  about: string;
  options: NonNullable<ParseArgsConfig['options']>;
  /** How many positional arguments it takes: exactly `positionals`, or from `minPositionals` up to it. */
  positionals: number;
  minPositionals?: number;
  run(inv: Invocation): Promise<number>;
}

/** Options every command that opens a store takes. */
export const COMMON = {
  store: { type: 'string' },
  backend: { type: 'string' },
  'github-token': { type: 'string' },
  'run-id': { type: 'string' },
  'retention-days': { type: 'string' },
  's3-endpoint': { type: 'string' },
  's3-region': { type: 'string' },
  's3-path-style': { type: 'boolean' },
  name: { type: 'string' },
  json: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  verbose: { type: 'boolean', short: 'v' },
  help: { type: 'boolean', short: 'h' },
} as const;
