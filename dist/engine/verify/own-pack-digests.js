import { HashPool } from '../../workers/hash-workers.js';
import { packKey } from '../series.js';
/**
 * The digests of the packs a snapshot wrote itself (`<id>-<number>.…`), taken on one worker
 * thread while its manifest is read: verify's lanes can start only once the manifest is, and on
 * the core the manifest's reading leaves idle the packs' sha256 costs no wall time, where beside
 * the lanes it does. Only for a store that keeps objects as files here. The names come from the
 * store's listing and mean nothing until the manifest names them; a pack not hashed here, or
 * whose hashing failed, is hashed as it always was.
 */
export class OwnPackDigests {
    pool = new HashPool(1);
    digests = new Map();
    /** Settled once the hashing is asked for (or found not worth it), not once it is done. */
    begun;
    closed = false;
    constructor(store, series, id) {
        this.begun = this.begin(store, series, id).catch(() => { });
    }
    async begin(store, series, id) {
        if (store.localRoot === undefined || !store.download)
            return;
        const prefix = packKey(series, '');
        const own = new RegExp(`^${id.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}-[0-9]+\\.`);
        const listed = (await store.list(packKey(series, `${id}-`))).filter((o) => own.test(o.key.slice(prefix.length)));
        const copies = await Promise.all(listed.map((o) => store.download(o.key)));
        if (this.closed || copies.length === 0)
            return;
        const all = this.pool.hash(copies.map((c) => c.path));
        // A failure only means the lanes take the digests themselves.
        all.catch(() => { });
        listed.forEach((o, i) => this.digests.set(o.key.slice(prefix.length), all.then((d) => d[i], () => undefined)));
    }
    /** The digest of pack `name` if it is taken here; undefined: take it as before. */
    async of(name) {
        await this.begun;
        return this.digests.get(name);
    }
    /** Ends the thread (a digest still being taken is dropped: after a failure no one waits for it). */
    async close() {
        this.closed = true;
        await this.begun;
        await this.pool.close();
    }
}
