import { HashPool, type HashedFile } from '../../workers/hash-workers.js';
import type { Store } from '../../storage/store.js';
import { packKey } from '../series.js';

/** A pack's sha256 and size, as read whole. */
export type PackDigest = Pick<HashedFile, 'sha256' | 'size'>;

/**
 * The digests of the packs a snapshot wrote itself (`<id>-<number>.…`), taken on one worker
 * thread while its manifest is read: verify's lanes can start only once the manifest is, and on
 * the core the manifest's reading leaves idle the packs' sha256 costs no wall time, where beside
 * the lanes it does. Only for a store that keeps objects as files here. The names come from the
 * store's listing and mean nothing until the manifest names them; a pack not hashed here, or
 * whose hashing failed, is hashed as it always was.
 */
export class OwnPackDigests {
  private readonly pool = new HashPool(1);
  private readonly digests = new Map<string, Promise<PackDigest | undefined>>();
  /** Settled once the hashing is asked for (or found not worth it), not once it is done. */
  private readonly begun: Promise<void>;
  private closed = false;

  constructor(store: Store, series: string, id: string) {
    this.begun = this.begin(store, series, id).catch(() => {});
  }

  private async begin(store: Store, series: string, id: string): Promise<void> {
    if (store.localRoot === undefined || !store.download) return;
    const prefix = packKey(series, '');
    const own = new RegExp(`^${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-[0-9]+\\.`);
    const listed = (await store.list(packKey(series, `${id}-`))).filter((o) => own.test(o.key.slice(prefix.length)));
    const copies = await Promise.all(listed.map((o) => store.download!(o.key)));
    if (this.closed || copies.length === 0) return;
    const all = this.pool.hash(copies.map((c) => c.path));
    // A failure only means the lanes take the digests themselves.
    all.catch(() => {});
    listed.forEach((o, i) =>
      this.digests.set(
        o.key.slice(prefix.length),
        all.then(
          (d) => d[i],
          () => undefined,
        ),
      ),
    );
  }

  /** The digest of pack `name` if it is taken here; undefined: take it as before. */
  async of(name: string): Promise<PackDigest | undefined> {
    await this.begun;
    return this.digests.get(name);
  }

  /** Ends the thread (a digest still being taken is dropped: after a failure no one waits for it). */
  async close(): Promise<void> {
    this.closed = true;
    await this.begun;
    await this.pool.close();
  }
}
