import type { Manifest } from '../snapshot/manifest.js';
import type { Store } from '../storage/store.js';
export interface Restorable {
    id: string;
    manifest: Manifest;
    /** Newer snapshots passed over, and why (a missing pack or manifest). */
    skipped: Array<{
        id: string;
        reason: string;
    }>;
}
/**
 * The snapshot a restore takes: the one named, or else the newest whose whole chain is in the
 * store. Caches are evicted and artifacts expire, so a newer snapshot whose pack is gone is passed
 * over for an older one, never restored in part. Ancestors are candidates too, since a cache
 * lists only its newest entry. A named snapshot is never swapped for another.
 */
export declare function findRestorable(store: Store, series: string, named?: string): Promise<Restorable>;
