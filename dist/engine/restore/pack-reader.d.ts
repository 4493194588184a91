import type { MemberExpectation } from '../../snapshot/member-expectation.js';
import { MAX_META } from '../../snapshot/pack-limits.js';
import { type PackInfo } from '../../snapshot/manifest.js';
import type { Store } from '../../storage/store.js';
export type { MemberExpectation };
/** Receives a wanted file member's bytes; `abort` is called instead of `close` on any failure. */
export interface MemberWriter {
    write(chunk: Buffer): Promise<void>;
    close(): Promise<void>;
    abort(): Promise<void>;
}
export interface ReadPackOptions {
    store: Store;
    key: string;
    pack: PackInfo;
    /** Members the manifest knows in this pack (by member name, without trailing slash). */
    expected: Map<string, MemberExpectation>;
    /**
     * True when the pack was written by the snapshot being read: then every member must be
     * expected and every expected member present. Packs from older snapshots of a chain may hold
     * members the current snapshot no longer has; those are skipped, never written.
     */
    strict: boolean;
    /**
     * Read only these members, as one ranged read of whole frames, instead of the whole pack.
     * They must share the pack and be sorted by raw position.
     */
    only?: {
        offset: number;
        length: number;
        base: number;
        windows: Array<[number, number]>;
    };
    /** Opens a writer for a wanted file member; undefined means hash and discard. */
    open?: (exp: MemberExpectation) => Promise<MemberWriter | undefined>;
    onBytes?: (n: number) => void;
    /**
     * Hash each file member against its manifest sha256 (default true). A backup checking the
     * packs it has just written turns this off: it hashed those very bytes as it fed them to the
     * compressor, and each zstd frame's checksum (gzip's CRC) proves they decode unchanged.
     */
    checkContent?: boolean;
    /** Hash on a worker thread when the pack is large (default true). */
    offloadHash?: boolean;
    /** Raw bytes from which a pack counts as large for `offloadHash` (default 32 MiB). */
    offloadBytes?: number;
    /**
     * Check the whole pack's sha256 when it is read whole (default true). A restore turns it off:
     * it hashes every file it writes, and every zstd frame (gzip member) carries a checksum of its
     * content, so the pack digest would only re-prove bytes that are never written — the
     * descriptor, the listing, tar padding — at the cost of hashing the whole pack again. Its size
     * is still checked.
     */
    checkDigest?: boolean;
}
export declare const META_MEMBER: RegExp;
export { MAX_META };
/**
 * Reads a pack (or a range of it) and checks every member against the manifest as it streams:
 * path shape, type, size, link target, sha256, no duplicates, nothing unlisted. The pack's own
 * sha256 and size are checked when it is read whole. Bytes reach `open`'s writers only after
 * their header passed these checks; their hash is checked before `close`.
 */
export declare function readPack(opts: ReadPackOptions): Promise<Set<string>>;
