import { lastSnapshotFile, writeLastSnapshot } from '../../fs-safety/last-snapshot.js';
import { ContentsWriter, contentsFileFor } from '../contents-index.js';
import { recordOptionsOf } from '../record-options.js';
import { TreeDigest } from '../tree-digest.js';
export async function prepareRemembered(o) {
    const { head: m, stored, cacheFile, logger } = o;
    const tree = new TreeDigest();
    const index = await ContentsWriter.open(contentsFileFor(cacheFile), logger);
    try {
        for (const e of o.entries) {
            tree.entry(e);
            index.entry(e);
        }
    }
    catch (err) {
        await index.abort();
        throw err;
    }
    const digest = tree.digest();
    return {
        cacheFile,
        keep: async () => {
            await index.commit({ snapshot: m.id, manifest: stored }, digest);
            await writeLastSnapshot(lastSnapshotFile(cacheFile), {
                source: o.target,
                store: o.store.description,
                series: m.series,
                options: recordOptionsOf({ formatChoice: 'auto', formats: o.formats }),
                tree: digest,
                namesClean: false,
                manifest: stored,
                placesChecked: o.placesChecked,
                snapshot: { id: m.id, series: m.series, digest: m.digest, depth: m.depth, parent: m.parent, packs: m.packs, totals: m.totals },
            }, logger);
        },
        drop: () => index.abort(),
    };
}
