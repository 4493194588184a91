/**
 * What index-vault needs from a place that keeps snapshots. Keys are `/`-separated relative
 * names made of `[A-Za-z0-9._-]` segments; backends map them to files, cache entries, artifacts
 * or objects and know nothing about indexes, manifests or packs.
 */
export interface StoreObject {
    key: string;
    size: number;
    /** Last modification, when the backend knows it. */
    modified?: Date;
    /** Set by `put` when it read every byte back from the medium and found it equal (see PutOptions.readBack). */
    readBack?: boolean;
    /** With PutOptions.deferDurable: settles once the object would survive a crash. */
    durable?: Promise<void>;
}
export interface PutOptions {
    /** Fail with E_STORAGE (code detail `exists`) instead of replacing an existing object. */
    ifNoneMatch?: boolean;
    /**
     * Read each part back as it is written and compare it with what was sent, failing with
     * E_INTEGRITY on a difference. A backend that can do this more cheaply than a second download
     * does it and says so in the result; the others ignore it and the caller reads the object back.
     */
    readBack?: boolean;
    /**
     * The caller needs the object complete now but durable only later (packs must be on disk
     * before the manifest that names them, not before the next pack starts). A backend that
     * flushes to disk may then return before the flush ends, with `durable` to await.
     */
    deferDurable?: boolean;
    /**
     * Called once with each part of the body when the backend no longer reads it (written, and
     * read back if asked), so the caller may fill that memory again. Given only to a store whose
     * `releasesParts` is true; one that never calls it is correct too (the caller then makes new
     * memory for every part).
     */
    release?: (part: Uint8Array) => void;
}
export interface GetOptions {
    /** Read `length` bytes from `offset` instead of the whole object. */
    range?: {
        offset: number;
        length: number;
    };
}
/** A whole object downloaded to a local file; `release` deletes the file. */
export interface LocalCopy {
    path: string;
    release(): Promise<void>;
}
export interface Store {
    /** Human-readable location, safe to print (no secrets). */
    readonly description: string;
    /**
     * The directory on this machine that holds every object, for stores that are one (the local
     * store): backup and restore keep it apart from the tree they read or replace.
     */
    readonly localRoot?: string;
    /**
     * True for a store that calls PutOptions.release itself, once it has stopped reading a part.
     * A store that hands its body to another (a wrapper that passes its options on) must not say
     * so: the inner store would release parts the wrapper may still hold.
     */
    readonly releasesParts?: boolean;
    /**
     * Streams `body` into `key`. The object becomes visible only once complete: a failed or
     * interrupted put leaves no object (and no partial object) under `key`. A chunk must not be
     * changed once yielded: backends may still be writing it while they take the next.
     */
    put(key: string, body: AsyncIterable<Uint8Array>, options?: PutOptions): Promise<StoreObject>;
    /** Streams an object; E_NOT_FOUND if absent. */
    get(key: string, options?: GetOptions): Promise<AsyncIterable<Buffer>>;
    /**
     * The whole object as a local file, for readers that need many ranges of one object (a restore
     * reading a pack in stretches) or need it twice (verify). Backends that keep objects as files
     * return the file itself; backends whose every `get` transfers the whole object, ranged or
     * not, download it once. Backends with cheap ranged reads of remote objects leave it out.
     */
    download?(key: string): Promise<LocalCopy>;
    /** Objects whose key starts with `prefix`, sorted by key. */
    list(prefix: string): Promise<StoreObject[]>;
    /** Removes an object; removing an absent one is not an error. */
    delete(key: string): Promise<void>;
    exists(key: string): Promise<boolean>;
    /**
     * Removes what interrupted writes left behind and last changed before `olderThan` (temporary
     * files, unfinished multipart uploads) and returns what it removed. Stores whose writes leave
     * nothing, or whose service expires it by itself, leave it out.
     */
    sweepTemporaries?(olderThan: Date): Promise<string[]>;
}
/** Checks a store key's shape, so no backend ever sees `..`, separators or odd characters. */
export declare function isValidKey(key: string): boolean;
