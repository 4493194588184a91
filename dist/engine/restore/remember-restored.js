import { lastSnapshotFile, writeLastSnapshot } from '../../fs-safety/last-snapshot.js';
import { ContentsWriter, contentsFileFor } from '../contents-index.js';
import { recordOptionsOf } from '../record-options.js';
import { TreeDigest } from '../tree-digest.js';
/**
 * After a whole snapshot is restored and its files recorded in the hash cache (`cacheFile`):
 * the record of the last snapshot and the index of its contents beside it, as a backup of the
 * target that stored this snapshot would have left them. A backup of the target right after (a
 * CI job that restores, changes the index and backs it up) then answers `unchanged` or takes
 * its parent's contents without reading the manifest — under the same conditions as after a
 * backup: options as a backup with its defaults has them, the newest snapshot of the series
 * still this one, and its manifest still the bytes `stored` names (those the restore parsed).
 * The names are checked again (`namesClean: false`): this machine has not checked them.
 */
export async function rememberRestored(o) {
    const { head: m, stored, cacheFile, logger } = o;
    const tree = new TreeDigest();
    const index = await ContentsWriter.open(contentsFileFor(cacheFile), logger);
    for (const e of o.entries) {
        tree.entry(e);
        index.entry(e);
    }
    const digest = tree.digest();
    await index.commit({ snapshot: m.id, manifest: stored }, digest);
    await writeLastSnapshot(lastSnapshotFile(cacheFile), {
        source: o.target,
        store: o.store.description,
        series: m.series,
        options: recordOptionsOf({ formatChoice: 'auto', formats: o.formats }),
        tree: digest,
        namesClean: false,
        manifest: stored,
        snapshot: { id: m.id, series: m.series, digest: m.digest, depth: m.depth, parent: m.parent, packs: m.packs, totals: m.totals },
    }, logger);
}
