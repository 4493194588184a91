import type { IndexFormat } from '../../formats/index-format.js';
import { lastSnapshotFile, writeLastSnapshot } from '../../fs-safety/last-snapshot.js';
import type { Logger } from '../../shared/logger.js';
import type { Entry } from '../../snapshot/manifest.js';
import type { ManifestHead } from '../../snapshot/manifest-stream.js';
import type { Store } from '../../storage/store.js';
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

export async function prepareRemembered(o: {
  target: string;
  store: Store;
  head: ManifestHead;
  /** The snapshot's entries, in order (its manifest's, or a table of them). */
  entries: Iterable<Entry>;
  stored: { size: number; sha256: string };
  /** Every file was read from its place in the packs (none taken from the target or a seed): see LastSnapshot.placesChecked. */
  placesChecked: boolean;
  cacheFile: string;
  formats: readonly IndexFormat[];
  logger: Logger;
}): Promise<Remembered> {
  const { head: m, stored, cacheFile, logger } = o;
  const tree = new TreeDigest();
  const index = await ContentsWriter.open(contentsFileFor(cacheFile), logger);
  try {
    for (const e of o.entries) {
      tree.entry(e);
      index.entry(e);
    }
  } catch (err) {
    await index.abort();
    throw err;
  }
  const digest = tree.digest();
  return {
    cacheFile,
    keep: async () => {
      await index.commit({ snapshot: m.id, manifest: stored }, digest);
      await writeLastSnapshot(
        lastSnapshotFile(cacheFile),
        {
          source: o.target,
          store: o.store.description,
          series: m.series,
          options: recordOptionsOf({ formatChoice: 'auto', formats: o.formats }),
          tree: digest,
          namesClean: false,
          manifest: stored,
          placesChecked: o.placesChecked,
          snapshot: { id: m.id, series: m.series, digest: m.digest, depth: m.depth, parent: m.parent, packs: m.packs, totals: m.totals },
        },
        logger,
      );
    },
    drop: () => index.abort(),
  };
}
