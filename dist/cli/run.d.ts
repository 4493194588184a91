import { type ErrorCode } from '../shared/errors.js';
/** Exit codes by error code: scripts can tell "nothing to restore" from "the store is damaged". */
export declare const EXIT_CODES: Record<ErrorCode, number>;
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
/** Runs the CLI and returns its exit code; all output goes through `io`. */
export declare function runCli(argv: string[], io: CliIo): Promise<number>;
