import type { ParseArgsConfig } from 'node:util';
import type { Logger } from '../shared/logger.js';
export interface CliIo {
    stdout: {
        write(s: string): unknown;
    };
    stderr: {
        write(s: string): unknown;
        isTTY?: boolean;
        columns?: number;
    };
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
export declare const COMMON: {
    readonly store: {
        readonly type: "string";
    };
    readonly backend: {
        readonly type: "string";
    };
    readonly 'github-token': {
        readonly type: "string";
    };
    readonly 'run-id': {
        readonly type: "string";
    };
    readonly 'retention-days': {
        readonly type: "string";
    };
    readonly 's3-endpoint': {
        readonly type: "string";
    };
    readonly 's3-region': {
        readonly type: "string";
    };
    readonly 's3-path-style': {
        readonly type: "boolean";
    };
    readonly name: {
        readonly type: "string";
    };
    readonly json: {
        readonly type: "boolean";
    };
    readonly quiet: {
        readonly type: "boolean";
        readonly short: "q";
    };
    readonly verbose: {
        readonly type: "boolean";
        readonly short: "v";
    };
    readonly help: {
        readonly type: "boolean";
        readonly short: "h";
    };
};
