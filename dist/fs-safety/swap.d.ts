import type { Logger } from '../shared/logger.js';
/**
 * The last step of a restore replaces the target directory with a complete staging directory.
 * Node has no atomic directory exchange, so it is two renames with a journal written first:
 * a process killed between them leaves the journal, and the next run (which holds the same
 * lock) finishes the swap forward, since the staging tree was already fully checked.
 *
 *   .<name>.index-vault-staging-<rand>   the new tree being built
 *   .<name>.index-vault-old-<rand>       the old tree, moved aside during the swap
 *   .<name>.index-vault-swap.json        the journal: which staging and old directory belong together
 */
export declare function stagingName(target: string): string;
export declare function oldName(target: string): string;
export declare function journalPath(target: string): string;
/** Renames with a few retries: on Windows a scanner or indexer may hold a file open for a moment. */
export declare function renameRetry(from: string, to: string): Promise<void>;
export declare function swapIntoPlace(staging: string, target: string, targetExists: boolean, logger: Logger): Promise<void>;
/**
 * Puts the target right after a restore that was killed: finishes a half-done swap and removes
 * staging and old trees that no live process owns (the caller holds the target's lock).
 */
export declare function recoverInterruptedRestore(target: string, logger: Logger): Promise<void>;
/**
 * Removes a tree that may hold directories without write or search permission for the owner (a
 * restored 0o500 or 0o000 directory): those are opened up to the owner first, then removed.
 */
export declare function removeTree(dir: string): Promise<void>;
