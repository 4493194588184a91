import { TOOL_VERSION } from '../shared/version.js';
import type { CliIo } from './command.js';

/** `index-vault --version`: the version alone, for scripts. */
export function runVersion(io: CliIo): number {
  io.stdout.write(`${TOOL_VERSION}\n`);
  return 0;
}
