import type { Logger } from '../shared/logger.js';
import type { Store } from '../storage/store.js';
/**
 * How long a temporary object must have been left unchanged to count as abandoned. A live writer
 * changes its temporary object as it writes (a local file's mtime moves with every write), so
 * an hour without a change means its process was killed; a running backup is never touched.
 */
export declare const STALE_TEMPORARY_MS = 3600000;
/** Removes what killed writers left in the store (backup and prune call it). A failure is only a warning. */
export declare function sweepStaleTemporaries(store: Store, logger: Logger, now?: number): Promise<number>;
