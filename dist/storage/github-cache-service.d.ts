/**
 * GitHub's cache service (v2), called directly: three Twirp methods and signed blob URLs. The
 * npm client (`@actions/cache`) wraps every entry in tar and compresses it again through a
 * temporary archive, and can only prove what it stored by downloading it again. Called directly,
 * an entry is the object's own bytes: each uploaded block carries its MD5, which the blob service
 * checks on receipt, the committed blob's length is checked, and reads can ask for ranges.
 * Documented only through `@actions/cache`'s source: these calls are what it sends.
 */
/**
 * The entry version: what the service matches besides the key. One constant for every OS (no
 * paths, no compression method), so an entry serves Linux, Windows and macOS alike, with no tar or
 * zstd needed on the runner. Entries written through `@actions/cache` have other versions and are
 * never mistaken for these.
 */
export declare const RAW_VERSION: string;
export interface CacheServiceOptions {
    /** ACTIONS_RESULTS_URL. */
    baseUrl: string;
    /** ACTIONS_RUNTIME_TOKEN. */
    token: string;
    /** Tries of a call that fails with 5xx or a network error (default 5, as the npm client). */
    tries?: number;
    retryDelayMs?: number;
}
/** Whether the v2 service can be called directly here: GitHub.com (or *.ghe.com), not Enterprise Server. */
export declare function directCacheAvailable(env: Record<string, string | undefined>): boolean;
export declare class CacheServiceClient {
    private readonly options;
    constructor(options: CacheServiceOptions);
    private call;
    /** Reserves `key`; undefined when an entry with this key (and version) exists already. */
    create(key: string): Promise<string | undefined>;
    finalize(key: string, size: number): Promise<void>;
    /** The signed URL of the newest entry whose key is `key` or starts with it, and its key. */
    lookup(key: string): Promise<{
        url: string;
        key: string;
    } | undefined>;
}
