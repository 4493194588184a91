import { type Logger } from '../shared/logger.js';
import { type GetOptions, type LocalCopy, type PutOptions, type Store, type StoreObject } from './store.js';
export interface GitHubCacheStoreOptions {
    /** Prefix of every cache key (default `index-vault`). */
    keyPrefix?: string;
    /** Variables to read instead of process.env (the cache client itself always reads process.env). */
    env?: Record<string, string | undefined>;
    logger?: Logger;
    /** `auto` (default): the service directly where it can be (GitHub.com), else `@actions/cache`; the others force one. */
    transport?: 'auto' | 'direct' | 'actions-cache';
}
/**
 * Snapshots in the GitHub Actions cache: every store object (manifest, pack) is one immutable
 * cache entry keyed `<prefix>/<key>`. On GitHub.com the entry is the object's own bytes, sent to
 * the cache service directly (see github-cache-service.ts); where only `@actions/cache` reaches the
 * service (Enterprise Server) it goes through that client's tar archive.
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
    /** The cache service called directly (GitHub.com); undefined where only @actions/cache can reach it (GHES). */
    private readonly service?;
    constructor(options?: GitHubCacheStoreOptions);
    /** ACTIONS_CACHE_MODE as the runner sets it (none, read, write, write-only); unknown means both. */
    private mode;
    private lookupDirect;
    /**
     * A direct put: the object's bytes as the entry, in blocks the blob service checks against
     * their MD5 on receipt, then the committed length checked. That is the read-back, without a
     * second download (the entry is immutable once finalized).
     */
    private putDirect;
    /** An entry with this key exists already: identical content is "already stored", anything else a conflict. */
    private settleExisting;
    private fetchDirect;
    private cacheKey;
    private client;
    /** The client reads paths against the cwd and tars with -C GITHUB_WORKSPACE: both must agree. */
    private inWorkspace;
    /** Downloads the entry for `key` to a private temp file; undefined when there is none. */
    private fetchEntry;
    private lookup;
    put(key: string, body: AsyncIterable<Uint8Array>, options?: PutOptions): Promise<StoreObject>;
    get(key: string, options?: GetOptions): Promise<AsyncIterable<Buffer>>;
    private miss;
    download(key: string): Promise<LocalCopy>;
    exists(key: string): Promise<boolean>;
    /** The newest entry under the prefix only: the cache cannot enumerate (see the class comment). */
    list(prefix: string): Promise<StoreObject[]>;
    delete(key: string): Promise<void>;
}
