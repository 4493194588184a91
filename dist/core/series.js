import { IntegrityError, isIndexVaultError, NotFoundError } from './errors.js';
import { MAX_MANIFEST_BYTES, parseManifest, serializeManifest } from './manifest.js';
import { isSnapshotId } from './snapshot-id.js';
/**
 * Where a series lives in a store:
 *   <series>/snapshots/<id>.json   the manifest; written last, so its presence is the commit
 *   <series>/packs/<pack name>     packs, immutable once written
 */
export function manifestKey(series, id) {
    return `${series}/snapshots/${id}.json`;
}
export function packKey(series, packName) {
    return `${series}/packs/${packName}`;
}
export async function readAll(source, limit = 1024 * 1024 * 1024) {
    const parts = [];
    let n = 0;
    for await (const c of source) {
        n += c.length;
        if (n > limit)
            throw new IntegrityError(`object larger than ${limit} bytes`);
        parts.push(c);
    }
    return Buffer.concat(parts, n);
}
/** Snapshot ids of a series, oldest first (ids sort by time). */
export async function listSnapshotIds(store, series) {
    const prefix = `${series}/snapshots/`;
    const objects = await store.list(prefix);
    return objects
        .map((o) => o.key.slice(prefix.length))
        .filter((k) => k.endsWith('.json') && isSnapshotId(k.slice(0, -5)))
        .map((k) => k.slice(0, -5))
        .sort();
}
/** Series names present in a store. */
export async function listSeries(store) {
    const objects = await store.list('');
    const names = new Set();
    for (const o of objects) {
        const m = /^([^/]+)\/snapshots\/[^/]+\.json$/.exec(o.key);
        if (m)
            names.add(m[1]);
    }
    return [...names].sort();
}
export async function loadManifest(store, series, id) {
    let bytes;
    try {
        bytes = await readAll(await store.get(manifestKey(series, id)), MAX_MANIFEST_BYTES);
    }
    catch (err) {
        if (isIndexVaultError(err, 'E_NOT_FOUND')) {
            throw new NotFoundError(`snapshot ${id} of series ${series} is not in ${store.description}`, {
                hint: 'run `index-vault list` to see the snapshots there',
                details: { id, series },
            });
        }
        throw err;
    }
    const m = parseManifest(bytes, `manifest of snapshot ${id}`);
    if (m.id !== id || m.series !== series) {
        throw new IntegrityError(`manifest stored as ${series}/${id} describes ${m.series}/${m.id}`, { hint: 'the store was tampered with or damaged' });
    }
    return m;
}
/** The snapshot a restore means when it names none: the newest of the series. */
export async function resolveSnapshotId(store, series, id) {
    if (id)
        return id;
    const ids = await listSnapshotIds(store, series);
    const latest = ids[ids.length - 1];
    if (!latest) {
        throw new NotFoundError(`no snapshots of series ${series} in ${store.description}`, {
            hint: 'check --store and --name (`index-vault list --store …` shows what is there)',
            details: { series },
        });
    }
    return latest;
}
export async function putManifest(store, manifest) {
    const bytes = serializeManifest(manifest);
    await store.put(manifestKey(manifest.series, manifest.id), (async function* () {
        yield bytes;
    })(), { ifNoneMatch: true });
}
/** Fails with E_NOT_FOUND naming the pack and the snapshot that wrote it if any pack a snapshot needs is gone. */
export async function assertPacksPresent(store, manifest) {
    for (const p of manifest.packs) {
        if (!(await store.exists(packKey(manifest.series, p.name)))) {
            throw new NotFoundError(`snapshot ${manifest.id} needs pack ${p.name} (written by snapshot ${p.origin}), which is missing from the store`, {
                hint: 'the chain is broken; restore another snapshot, or take a full snapshot (--mode full)',
                details: { id: manifest.id, pack: p.name, origin: p.origin },
            });
        }
    }
}
