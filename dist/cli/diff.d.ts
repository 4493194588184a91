import { type SnapshotDiff } from '../engine/diff.js';
import type { Logger } from '../shared/logger.js';
import type { SigningOptions } from '../snapshot/signature.js';
import type { Store } from '../storage/store.js';
import { type CommandSpec } from './command.js';
export declare const diffCommand: CommandSpec;
/**
 * `diff [A] [B]`: no argument compares the newest snapshot with its parent, one compares that
 * snapshot with its parent, two compare A (earlier) with B.
 */
export declare function runDiff(store: Store, series: string, refs: string[], signing: SigningOptions | undefined, logger: Logger): Promise<SnapshotDiff>;
/** The diff for people: a line of counts, then one line per path (`+` added, `~` changed, `-` removed, `>` renamed), then the index's own changes. */
export declare function diffText(d: SnapshotDiff): string;
