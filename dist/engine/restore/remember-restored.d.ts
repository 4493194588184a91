import type { IndexFormat } from '../../formats/index-format.js';
import type { Logger } from '../../shared/logger.js';
import type { Entry } from '../../snapshot/manifest.js';
import type { ManifestHead } from '../../snapshot/manifest-stream.js';
import type { Store } from '../../storage/store.js';
/**
 * After a whole snapshot is restored and its files recorded in the hash cache (`cacheFile`):
 * the record of the last snapshot and the index of its contents beside it, as a backup of the
 * target that stored this snapshot would have left them. A backup of the target right after (a
 * CI job that restores, changes the index and backs it up) then answers `unchanged` or takes
 * its parent's contents without reading the manifest — under the same conditions as after a
 * backup: options as a backup with its defaults has them, the newest snapshot of the series
 * still this one, and its manifest still the bytes `stored` names (those the restore parsed).
 * The names are checked again (`namesClean: false`): this machine has not checked them.
 *
 * Both depend on the snapshot alone, so they are made (`prepareRemembered`: the tree's digest,
 * the index written beside, not yet in place) before the restored files are recorded — while the
 * newest of those become old enough to be trusted (the cache's racy wait) — and kept (`keep`)
 * only once the tree is swapped in; `drop` leaves nothing.
 */
export interface Remembered {
    /** The hash cache file the record and the index go beside. */
    readonly cacheFile: string;
    keep(): Promise<void>;
    drop(): Promise<void>;
}
export declare function prepareRemembered(o: {
    target: string;
    store: Store;
    head: ManifestHead;
    /** The snapshot's entries, in order (its manifest's, or a table of them). */
    entries: Iterable<Entry>;
    stored: {
        size: number;
        sha256: string;
    };
    /** Every file was read from its place in the packs (none taken from the target or a seed): see LastSnapshot.placesChecked. */
    placesChecked: boolean;
    cacheFile: string;
    formats: readonly IndexFormat[];
    logger: Logger;
}): Promise<Remembered>;
