import { type Logger } from '../shared/logger.js';
import type { Store } from '../storage/store.js';
/**
 * Holds a lease on a whole series in the store itself — an object created with If-None-Match, so
 * exactly one writer gets it on any store — for operations that delete (prune). A lease whose
 * holder died expires after `ttlMs` and is then taken over.
 */
export declare function withSeriesLease<T>(store: Store, series: string, operation: string, fn: () => Promise<T>, options?: {
    ttlMs?: number;
    logger?: Logger;
}): Promise<T>;
