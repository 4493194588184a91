import { type Logger } from '../core/logger.js';
import { type GetOptions, type LocalCopy, type PutOptions, type Store, type StoreObject } from './store.js';
export interface GitHubCacheStoreOptions {
    /** Prefix of every cache key (default `index-vault`). */
    keyPrefix?: string;
    /** Variables to read instead of process.env (the cache client itself always reads process.env). */
    env?: Record<string, string | undefined>;
    logger?: Logger;
}
/**
 * Snapshots in the GitHub Actions cache: every store object (manifest, pack) is one immutable
 * cache entry keyed `<prefix>/<key>`.
 *
 * The cache cannot enumerate or delete entries. `list(prefix)` returns the newest entry under
 * the prefix (the service's restore-key lookup), which is what finding the latest snapshot
 * needs; `prune` and `delete` are not supported (entries expire after 7 days unused, or are
 * deleted with `gh cache delete`). An existing key is "already stored" when its content is
 * identical and a conflict otherwise, since entries cannot be replaced.
 */
export declare class GitHubCacheStore implements Store {
    readonly description: string;
    private readonly prefix;
    private readonly workspace;
    private readonly env;
    private readonly logger;
    private readonly serial;
    private cache?;
    constructor(options?: GitHubCacheStoreOptions);
    private cacheKey;
    private client;
    /** The client reads paths against the cwd and tars with -C GITHUB_WORKSPACE: both must agree. */
    private inWorkspace;
    /** Downloads the entry for `key` to a private temp file; undefined when there is none. */
    private fetchEntry;
    private lookup;
    put(key: string, body: AsyncIterable<Uint8Array>, options?: PutOptions): Promise<StoreObject>;
    get(key: string, options?: GetOptions): Promise<AsyncIterable<Buffer>>;
    download(key: string): Promise<LocalCopy>;
    exists(key: string): Promise<boolean>;
    /** The newest entry under the prefix only: the cache cannot enumerate (see the class comment). */
    list(prefix: string): Promise<StoreObject[]>;
    delete(key: string): Promise<void>;
}
