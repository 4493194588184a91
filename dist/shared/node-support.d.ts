/**
 * The oldest Node.js index-vault runs on (package.json's `engines`, checked by a test): zstd came
 * to node:zlib in 22.15. This file imports nothing, so entry points can check before loading the
 * code that would fail on an older Node with a stack trace instead of a sentence.
 */
export declare const MIN_NODE_VERSION = "22.15";
/** Why this Node cannot run index-vault (one line), or undefined when it can. */
export declare function unsupportedNode(found?: string): string | undefined;
