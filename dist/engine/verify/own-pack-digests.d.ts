import { type HashedFile } from '../../workers/hash-workers.js';
import type { Store } from '../../storage/store.js';
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
export declare class OwnPackDigests {
    private readonly pool;
    private readonly digests;
    /** Settled once the hashing is asked for (or found not worth it), not once it is done. */
    private readonly begun;
    private closed;
    constructor(store: Store, series: string, id: string);
    private begin;
    /** The digest of pack `name` if it is taken here; undefined: take it as before. */
    of(name: string): Promise<PackDigest | undefined>;
    /** Ends the thread (a digest still being taken is dropped: after a failure no one waits for it). */
    close(): Promise<void>;
}
