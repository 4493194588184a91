/**
 * The oldest Node.js index-vault runs on (package.json's `engines`, checked by a test): zstd came
 * to node:zlib in 22.15. This file imports nothing, so entry points can check before loading the
 * code that would fail on an older Node with a stack trace instead of a sentence.
 */
export const MIN_NODE_VERSION = '22.15';
/** Why this Node cannot run index-vault (one line), or undefined when it can. */
export function unsupportedNode(found = process.versions.node) {
    const [major = 0, minor = 0] = found.split('.').map(Number);
    const [needMajor = 0, needMinor = 0] = MIN_NODE_VERSION.split('.').map(Number);
    if (major > needMajor || (major === needMajor && minor >= needMinor))
        return undefined;
    return `Node.js >=${MIN_NODE_VERSION} is needed, found v${found}`;
}
