import { type Manifest } from '../snapshot/manifest.js';
import { type EntrySink, type ManifestHead } from '../snapshot/manifest-stream.js';
import type { Store } from '../storage/store.js';
/**
 * Where a series lives in a store:
 *   <series>/snapshots/<id>.json   the manifest; written last, so its presence is the commit
 *   <series>/packs/<pack name>     packs, immutable once written
 */
export declare function manifestKey(series: string, id: string): string;
export declare function packKey(series: string, packName: string): string;
/**
 * An object's bytes, at most `limit`. With the size a listing gave (`expected`), they are copied
 * into one buffer as they arrive rather than gathered and joined: a manifest of 30 MB is then
 * allocated once, not twice. An object of another size than expected is read all the same.
 */
export declare function readAll(source: AsyncIterable<Buffer>, limit?: number, expected?: number): Promise<Buffer>;
/** Snapshot ids of a series, oldest first (ids sort by time). */
export declare function listSnapshotIds(store: Store, series: string): Promise<string[]>;
/** Snapshots of a series with the size of their manifests as listed, oldest first. */
export declare function listSnapshots(store: Store, series: string): Promise<Array<{
    id: string;
    size: number;
}>>;
/** Series names present in a store. */
export declare function listSeries(store: Store): Promise<string[]>;
/**
 * A snapshot's manifest, read and checked as a stream (manifest-stream.ts: no whole text or bytes
 * held); a text the stream route leaves to parseManifest is read again whole, and `listedSize`,
 * the size a listing gave, then only saves a copy.
 */
export declare function loadManifest(store: Store, series: string, id: string, listedSize?: number): Promise<Manifest>;
/** `loadManifest`, with the length and sha256 of the very bytes it accepted: what a record of the snapshot binds (last-snapshot.ts). */
export declare function loadManifestHashed(store: Store, series: string, id: string): Promise<{
    manifest: Manifest;
    stored: {
        size: number;
        sha256: string;
    };
}>;
/**
 * loadManifest without holding the entries (manifest-stream.ts, readManifestHead): each is handed
 * to `sink`, or to nothing for a reader that needs only the other members (list, prune). The
 * same checks and the same refusals as loadManifest.
 */
export declare function loadManifestHead(store: Store, series: string, id: string, sink?: EntrySink): Promise<ManifestHead>;
/**
 * `loadManifestHead`, and the sha256 and length of the very bytes it accepted when `hash` is set:
 * what a record of the snapshot binds (see last-snapshot.ts). Hashed as they pass, or, when the
 * stream route leaves the text to parseManifest, from the second read that parseManifest decided on.
 */
export declare function loadManifestHeadHashed(store: Store, series: string, id: string, options: {
    listedSize?: number;
    hash: boolean;
    sink?: EntrySink;
}): Promise<{
    head: ManifestHead;
    sha256: string | undefined;
    size: number;
}>;
/**
 * The sha256 of a stored manifest's bytes, read as a stream (no whole buffer, no text, no parse),
 * or undefined when it is not `size` bytes long. Errors (a manifest gone, a store failing) are
 * the caller's: it falls back to reading the manifest, which reports them.
 */
export declare function storedManifestSha256(store: Store, series: string, id: string, size: number): Promise<string | undefined>;
/** The snapshot a restore means when it names none: the newest of the series. */
export declare function resolveSnapshotId(store: Store, series: string, id?: string): Promise<string>;
/** Stores a manifest: as `bytes` when the caller already holds its canonical text (checked by parseManifest), else serialized here. */
export declare function putManifest(store: Store, manifest: Manifest, bytes?: Buffer | Iterable<Buffer>): Promise<void>;
/** Fails with E_NOT_FOUND naming the pack and the snapshot that wrote it if any pack a snapshot needs is gone. */
export declare function assertPacksPresent(store: Store, manifest: Pick<Manifest, 'id' | 'series' | 'packs'>): Promise<void>;
export interface SeriesQuery {
    /** The series the user named; it must have snapshots in the store. */
    name?: string;
    /** A snapshot id: ids are unique in a store, so it names its series. */
    snapshot?: string;
    /** The series a directory's name maps to (`seriesNameFor`), used if the store holds it. */
    fromTarget?: string;
}
/**
 * The one series a restore or a single-snapshot verify means: `name`; else the series holding
 * `snapshot`; else `fromTarget` if the store has it; else the store's only series. Anything else
 * fails listing the series that are there, so restoring into a differently named directory
 * needs no `--name` when the answer is unambiguous. For stores that list whole (not GitHub's
 * cache and artifacts, which find by key prefix).
 */
export declare function resolveSeries(store: Store, query: SeriesQuery): Promise<string>;
