import { type GetOptions, type LocalCopy, type PutOptions, type Store, type StoreObject } from './store.js';
/**
 * The embedded default store: a directory. Objects are written to a temporary name beside
 * their final one, fsynced, then renamed (or linked, for ifNoneMatch) into place, so readers
 * never see a partial object and a crash leaves at most a temporary file that `list` ignores.
 */
export declare class LocalStore implements Store {
    readonly root: string;
    readonly description: string;
    /** It releases each part of a put once written and read back, and hands its body to no other store. */
    readonly releasesParts = true;
    get localRoot(): string;
    constructor(root: string);
    private file;
    put(key: string, body: AsyncIterable<Uint8Array>, options?: PutOptions): Promise<StoreObject>;
    /** Moves a complete temporary file to its key: rename, or link for create-only. */
    private publish;
    get(key: string, options?: GetOptions): Promise<AsyncIterable<Buffer>>;
    /** The object's own file: nothing is copied, and releasing it removes nothing. */
    download(key: string): Promise<LocalCopy>;
    list(prefix: string): Promise<StoreObject[]>;
    delete(key: string): Promise<void>;
    /** Temporary files (`.<name>.tmp-<pid>-<rand>`) of puts that were killed, unchanged since `olderThan`. */
    sweepTemporaries(olderThan: Date): Promise<string[]>;
    exists(key: string): Promise<boolean>;
}
