import { TOOL_VERSION } from '../shared/version.js';
/** `index-vault --version`: the version alone, for scripts. */
export function runVersion(io) {
    io.stdout.write(`${TOOL_VERSION}\n`);
    return 0;
}
