import { isIndexVaultError, NotFoundError } from '../shared/errors.js';
import { diffIndexFacts } from '../formats/facts-diff.js';
import { diffManifests } from '../snapshot/manifest-diff.js';
import { isSnapshotId } from '../snapshot/snapshot-id.js';
import { listSnapshotIds, loadManifest } from './series.js';
import { assertSigned } from './signatures.js';
const REF = /^latest(?:~(\d{1,6}))?$/;
/**
 * A snapshot named by id, `latest` or `latest~N` (the Nth before the newest, in the order the
 * series lists them: by creation time). Anything that names no snapshot of the series is E_NOT_FOUND.
 */
export function resolveSnapshotRef(ids, ref, series, where) {
    const notFound = (why) => new NotFoundError(`${why} in series ${series} of ${where}`, {
        hint: 'name a snapshot by its id (`index-vault list`), latest or latest~N',
        details: { series, ref },
    });
    const m = REF.exec(ref);
    if (m) {
        const back = Number(m[1] ?? 0);
        const id = ids[ids.length - 1 - back];
        if (id === undefined)
            throw notFound(ids.length === 0
                ? 'no snapshots'
                : `no snapshot ${ref}: there ${ids.length === 1 ? 'is 1 snapshot' : `are ${ids.length} snapshots`}`);
        return id;
    }
    if (!isSnapshotId(ref) || !ids.includes(ref))
        throw notFound(`no snapshot ${JSON.stringify(ref.slice(0, 100))}`);
    return ref;
}
export function diffSide(m) {
    return { id: m.id, kind: m.kind, createdAt: m.createdAt, files: m.totals.files, bytes: m.totals.bytes };
}
/** Two manifests compared: the tree's files, and the index's own facts through its format module. */
export function compareManifests(from, to) {
    return {
        series: to.series,
        from: from ? diffSide(from) : null,
        to: diffSide(to),
        ...diffManifests(from, to),
        index: diffIndexFacts(from ? { format: from.source.format, facts: from.source.facts } : undefined, {
            format: to.source.format,
            facts: to.source.facts,
        }),
    };
}
/**
 * The snapshot a diff compares `to` with when none is named: its parent while the store still
 * has it, else the snapshot listed before it, else none.
 */
export async function previousManifest(store, to, ids) {
    if (to.parent) {
        try {
            return await loadManifest(store, to.series, to.parent.id);
        }
        catch (err) {
            if (!isIndexVaultError(err, 'E_NOT_FOUND'))
                throw err;
        }
    }
    const all = ids ?? (await listSnapshotIds(store, to.series));
    const before = all.filter((id) => id < to.id).at(-1);
    return before === undefined ? undefined : loadManifest(store, to.series, before);
}
/** What changed from one snapshot of a series to another; reads two manifests, no pack. */
export async function diffSnapshots(options) {
    const { store, series } = options;
    const ids = await listSnapshotIds(store, series);
    const toId = resolveSnapshotRef(ids, options.to ?? 'latest', series, store.description);
    const fromId = options.from === undefined ? undefined : resolveSnapshotRef(ids, options.from, series, store.description);
    const to = await loadManifest(store, series, toId);
    const from = fromId === undefined ? await previousManifest(store, to, ids) : await loadManifest(store, series, fromId);
    await assertSigned(store, to, options.signing, options.logger);
    if (from)
        await assertSigned(store, from, options.signing, options.logger);
    return compareManifests(from, to);
}
