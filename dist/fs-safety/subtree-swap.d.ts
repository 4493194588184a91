import type { Logger } from '../shared/logger.js';
/**
 * Refuses, before anything is written, what a partial restore must not replace: a subtree of the
 * target that is not empty (unless `force`), or one reached through something that is not a
 * directory (a symlink there would carry the swap outside the target).
 */
export declare function checkSubtrees(target: string, roots: readonly string[], force: boolean): Promise<void>;
/**
 * Moves each selected subtree of a complete, checked staging tree into the target, the current
 * one first moved aside; a failure puts back every subtree already moved, so the target is as it
 * was. Nothing outside the subtrees is touched (missing parent directories are created).
 */
export declare function swapSubtreesIntoPlace(staging: string, target: string, roots: readonly string[], logger: Logger): Promise<void>;
