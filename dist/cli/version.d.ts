import type { CliIo } from './command.js';
/** `index-vault --version`: the version alone, for scripts. */
export declare function runVersion(io: CliIo): number;
