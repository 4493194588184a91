import type { Logger } from '../shared/logger.js';
import type { Store } from '../storage/store.js';

/**
 * How long a temporary object must have been left unchanged to count as abandoned. A live writer
 * changes its temporary object as it writes (a local file's mtime moves with every write), so
 * an hour without a change means its process was killed; a running backup is never touched.
 */
export const STALE_TEMPORARY_MS = 3_600_000;

/** Removes what killed writers left in the store (backup and prune call it). A failure is only a warning. */
export async function sweepStaleTemporaries(store: Store, logger: Logger, now: number = Date.now()): Promise<number> {
  if (!store.sweepTemporaries) return 0;
  try {
    const removed = await store.sweepTemporaries(new Date(now - STALE_TEMPORARY_MS));
    if (removed.length > 0)
      logger.info(`removed ${removed.length} temporary object(s) that interrupted writes left in ${store.description}`);
    return removed.length;
  } catch (err) {
    logger.warn(`could not remove stale temporary objects from ${store.description} (${(err as Error).message})`);
    return 0;
  }
}
