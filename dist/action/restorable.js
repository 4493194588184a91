import { isIndexVaultError, NotFoundError } from '../shared/errors.js';
import { assertPacksPresent, listSnapshotIds, loadManifest } from '../engine/series.js';
/** How many snapshots a fallback looks at before it gives up. */
const MAX_CANDIDATES = 50;
/**
 * The snapshot a restore takes: the one named, or else the newest whose whole chain is in the
 * store. Caches are evicted and artifacts expire, so a newer snapshot whose pack is gone is passed
 * over for an older one, never restored in part. Ancestors are candidates too, since a cache
 * lists only its newest entry. A named snapshot is never swapped for another.
 */
export async function findRestorable(store, series, named) {
    if (named) {
        const manifest = await loadManifest(store, series, named);
        await assertPacksPresent(store, manifest);
        return { id: named, manifest, skipped: [] };
    }
    const queue = (await listSnapshotIds(store, series)).reverse();
    if (queue.length === 0)
        throw new NotFoundError(`no snapshots of series ${series} in ${store.description}`, { details: { series } });
    const seen = new Set(queue);
    const skipped = [];
    let last;
    let newest;
    for (let i = 0; i < queue.length && i < MAX_CANDIDATES; i++) {
        const id = queue[i];
        let manifest;
        try {
            manifest = await loadManifest(store, series, id);
            await assertPacksPresent(store, manifest);
            return { id, manifest, skipped };
        }
        catch (err) {
            // Damage is not a miss: only absence lets an older snapshot stand in.
            if (!isIndexVaultError(err, 'E_NOT_FOUND'))
                throw err;
            last = err;
            newest ??= err.details;
            const d = err.details;
            skipped.push({
                id,
                reason: manifest ? `${id} needs pack ${d.pack} (written by ${d.origin}), which is gone` : `${id}: its manifest is gone`,
            });
            const parent = manifest?.parent?.id;
            if (parent && !seen.has(parent)) {
                // Ids sort by time and a parent is older than everything looked at so far: order holds.
                seen.add(parent);
                queue.push(parent);
                queue.sort((a, b) => (a < b ? 1 : a > b ? -1 : 0));
            }
        }
    }
    throw new NotFoundError(`none of the ${skipped.length} newest snapshot(s) has all its packs: ${skipped.map((s) => s.reason).join('; ')}`, {
        cause: last,
        details: { ...newest, series, skipped: skipped.map((s) => s.id) },
    });
}
