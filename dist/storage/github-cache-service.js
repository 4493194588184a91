import { createHash } from 'node:crypto';
import { StorageError } from '../shared/errors.js';
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
export const RAW_VERSION = createHash('sha256').update('index-vault|raw-object|1').digest('hex');
/** Whether the v2 service can be called directly here: GitHub.com (or *.ghe.com), not Enterprise Server. */
export function directCacheAvailable(env) {
    if (!env.ACTIONS_CACHE_SERVICE_V2 || !env.ACTIONS_RESULTS_URL || !env.ACTIONS_RUNTIME_TOKEN)
        return false;
    const host = new URL(env.GITHUB_SERVER_URL || 'https://github.com').hostname.toLowerCase();
    return host === 'github.com' || host.endsWith('.ghe.com') || host.endsWith('.localhost');
}
export class CacheServiceClient {
    options;
    constructor(options) {
        this.options = options;
    }
    async call(method, body, okStatuses = []) {
        const url = `${this.options.baseUrl.replace(/\/$/, '')}/twirp/github.actions.results.api.v1.CacheService/${method}`;
        const tries = this.options.tries ?? 5;
        let last = '';
        for (let i = 0; i < tries; i++) {
            if (i > 0)
                await new Promise((r) => setTimeout(r, Math.min((this.options.retryDelayMs ?? 1000) * 2 ** (i - 1), 20_000)));
            let res;
            try {
                res = await fetch(url, {
                    method: 'POST',
                    headers: { 'content-type': 'application/json', authorization: `Bearer ${this.options.token}` },
                    body: JSON.stringify(body),
                });
            }
            catch (err) {
                last = err.message;
                continue;
            }
            if (res.ok)
                return { status: res.status, body: (await res.json()) };
            if (okStatuses.includes(res.status))
                return { status: res.status };
            const text = await res.text().catch(() => '');
            last = `HTTP ${res.status} ${text.slice(0, 200)}`;
            if (res.status < 500)
                break;
        }
        throw new StorageError(`the cache service failed ${method}: ${last}`, {
            hint: 'the repository cache may be full or the service failing; run the job again',
        });
    }
    /** Reserves `key`; undefined when an entry with this key (and version) exists already. */
    async create(key) {
        const r = await this.call('CreateCacheEntry', { key, version: RAW_VERSION }, [409]);
        if (r.status === 409)
            return undefined;
        const url = r.body?.signed_upload_url ?? r.body?.signedUploadUrl;
        if (!r.body?.ok || !url)
            throw new StorageError(`the cache service did not reserve ${key}`, {
                hint: 'the repository cache may be full, or ACTIONS_CACHE_MODE forbids writes',
            });
        return url;
    }
    async finalize(key, size) {
        const r = await this.call('FinalizeCacheEntryUpload', { key, version: RAW_VERSION, size_bytes: String(size) });
        if (!r.body?.ok)
            throw new StorageError(`the cache service did not finalize ${key}`, { hint: 'run the job again' });
    }
    /** The signed URL of the newest entry whose key is `key` or starts with it, and its key. */
    async lookup(key) {
        const r = await this.call('GetCacheEntryDownloadURL', { key, restore_keys: [], version: RAW_VERSION });
        const url = r.body?.signed_download_url ?? r.body?.signedDownloadUrl;
        const matched = r.body?.matched_key ?? r.body?.matchedKey;
        return r.body?.ok && url && matched ? { url, key: matched } : undefined;
    }
}
