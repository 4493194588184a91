import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import fs from 'node:fs/promises';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import os from 'node:os';
import path from 'node:path';
import { IntegrityError, isIndexVaultError, NotFoundError, StorageError, UnsupportedError, ValidationError } from '../shared/errors.js';
import { silentLogger, type Logger } from '../shared/logger.js';
import { moveFile, sha256OfFile, spoolToFile, streamCopy } from './file-object.js';
import { CacheServiceClient, directCacheAvailable } from './github-cache-service.js';
import { Serial } from './serial.js';
import { isValidKey, type GetOptions, type LocalCopy, type PutOptions, type Store, type StoreObject } from './store.js';
import { makePrivateDir, PRIVATE_FILE_MODE } from '../fs-safety/private-files.js';
import { loadOptional } from './optional-sdk.js';

type CacheModule = typeof import('@actions/cache');

/** Blocks of a direct upload: each is sent with its MD5, which the blob service checks. */
const BLOCK_BYTES = 8 * 1024 * 1024;

/**
 * The path string every entry is saved under. The cache service's "version" hashes the path
 * strings, so one relative string on every OS (plus enableCrossOsArchive) lets an entry saved on
 * Linux restore on Windows and macOS; an absolute path would differ per runner and always miss.
 */
const TRANSFER_DIR = '.index-vault-transfer';
const TRANSFER_PATH = `${TRANSFER_DIR}/object`;

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
export class GitHubCacheStore implements Store {
  readonly description: string;
  private readonly prefix: string;
  private readonly workspace: string;
  private readonly env: Record<string, string | undefined>;
  private readonly logger: Logger;
  private readonly serial = new Serial();
  private cache?: CacheModule;
  /** The cache service called directly (GitHub.com); undefined where only @actions/cache can reach it (GHES). */
  private readonly service?: CacheServiceClient;

  constructor(options: GitHubCacheStoreOptions = {}) {
    this.env = options.env ?? process.env;
    this.prefix = options.keyPrefix ?? 'index-vault';
    if (!/^[A-Za-z0-9._-]+$/.test(this.prefix))
      throw new ValidationError(`invalid cache key prefix ${JSON.stringify(this.prefix)}`, { hint: 'use letters, digits, . _ -' });
    // The client tars with -C $GITHUB_WORKSPACE from its own view of the environment: use the same one.
    const ws = process.env.GITHUB_WORKSPACE;
    if (!ws)
      throw new ValidationError('the cache backend needs GITHUB_WORKSPACE', {
        hint: 'run inside a GitHub Actions job (the runner sets it), or use a local store',
      });
    this.workspace = path.resolve(ws);
    this.logger = options.logger ?? silentLogger;
    this.description = `github-cache:${this.prefix}`;
    const transport = options.transport ?? 'auto';
    if (transport === 'direct' || (transport === 'auto' && directCacheAvailable(this.env)))
      this.service = new CacheServiceClient({
        baseUrl: this.env.ACTIONS_RESULTS_URL!,
        token: this.env.ACTIONS_RUNTIME_TOKEN!,
        retryDelayMs: Number(this.env.INDEX_VAULT_API_RETRY_MS || 1000),
      });
  }

  /** ACTIONS_CACHE_MODE as the runner sets it (none, read, write, write-only); unknown means both. */
  private mode(): { read: boolean; write: boolean } {
    const m = (this.env.ACTIONS_CACHE_MODE ?? '').trim().toLowerCase();
    if (!['none', 'read', 'write', 'write-only'].includes(m)) return { read: true, write: true };
    return { read: m === 'read' || m === 'write', write: m === 'write' || m === 'write-only' };
  }

  private async lookupDirect(key: string): Promise<{ url: string; key: string } | undefined> {
    return this.mode().read ? this.service!.lookup(key) : undefined;
  }

  /**
   * A direct put: the object's bytes as the entry, in blocks the blob service checks against
   * their MD5 on receipt, then the committed length checked. That is the read-back, without a
   * second download (the entry is immutable once finalized).
   */
  private async putDirect(key: string, ckey: string, body: AsyncIterable<Uint8Array>, options: PutOptions): Promise<StoreObject> {
    if (!this.mode().write)
      throw new StorageError(`ACTIONS_CACHE_MODE=${this.env.ACTIONS_CACHE_MODE} does not allow saving ${ckey}`, {
        hint: 'the runner forbids cache writes here (e.g. a pull request from a fork); use backend artifact',
        details: { key },
      });
    const url = await this.service!.create(ckey);
    if (!url) return this.settleExisting(key, ckey, body, options);
    const { BlockBlobClient } = await loadOptional('cache', () => import('@azure/storage-blob'));
    const blob = new BlockBlobClient(url);
    const ids: string[] = [];
    let size = 0;
    const stage = async (block: Buffer) => {
      const id = Buffer.from(String(ids.length).padStart(8, '0')).toString('base64');
      await blob.stageBlock(id, block, block.length, { transactionalContentMD5: createHash('md5').update(block).digest() });
      ids.push(id);
      size += block.length;
    };
    try {
      let parts: Buffer[] = [];
      let pending = 0;
      for await (const chunk of body) {
        let c = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
        while (pending + c.length >= BLOCK_BYTES) {
          const take = BLOCK_BYTES - pending;
          parts.push(c.subarray(0, take));
          await stage(Buffer.concat(parts, BLOCK_BYTES));
          c = c.subarray(take);
          parts = [];
          pending = 0;
        }
        if (c.length > 0) {
          parts.push(Buffer.from(c));
          pending += c.length;
        }
      }
      if (pending > 0 || ids.length === 0) await stage(Buffer.concat(parts, pending));
      await blob.commitBlockList(ids);
      const committed = (await blob.getProperties()).contentLength;
      if (committed !== size) {
        throw new IntegrityError(`cache entry ${ckey} holds ${committed} bytes, ${size} were sent`, {
          hint: 'the service lost part of the upload; back up again',
          details: { key },
        });
      }
      await this.service!.finalize(ckey, size);
    } catch (err) {
      if (isIndexVaultError(err)) throw err;
      const md5 = /Md5Mismatch|MD5/i.test((err as Error).message);
      throw md5
        ? new IntegrityError(`the blob service received other bytes than were sent for ${ckey}`, {
            cause: err,
            hint: 'the upload was damaged in transit; back up again',
            details: { key },
          })
        : new StorageError(`cannot upload ${ckey} to the GitHub Actions cache: ${(err as Error).message}`, {
            cause: err,
            details: { key },
          });
    }
    return { key, size, readBack: options.readBack ? true : undefined };
  }

  /** An entry with this key exists already: identical content is "already stored", anything else a conflict. */
  private async settleExisting(key: string, ckey: string, body: AsyncIterable<Uint8Array>, options: PutOptions): Promise<StoreObject> {
    const hash = createHash('sha256');
    let size = 0;
    for await (const c of body) {
      hash.update(c);
      size += c.length;
    }
    let same = false;
    const existing = await this.download(key).catch(() => undefined);
    if (existing) {
      try {
        same = (await sha256OfFile(existing.path)) === hash.digest('hex');
      } finally {
        await existing.release();
      }
    }
    if (same && !options.ifNoneMatch) return { key, size };
    throw new StorageError(`cache entry ${ckey} already exists${same ? '' : ' with different content'}`, {
      hint: same
        ? 'nothing to do: it was stored before'
        : 'cache entries cannot be replaced: use another series name, or delete the entry (gh cache delete)',
      details: { key, exists: true },
    });
  }

  private async fetchDirect(key: string, range?: { offset: number; length: number }): Promise<Response | undefined> {
    const ckey = this.cacheKey(key);
    const hit = await this.lookupDirect(ckey);
    if (!hit || hit.key !== ckey) return undefined;
    const res = await fetch(hit.url, range ? { headers: { range: `bytes=${range.offset}-${range.offset + range.length - 1}` } } : {});
    if (res.status === 404) return undefined;
    if (!res.ok || !res.body || (range && range.length > 0 && res.status !== 206)) {
      throw new StorageError(`cannot read cache entry ${ckey}: HTTP ${res.status}`, { hint: 'run the job again', details: { key } });
    }
    return res;
  }

  private cacheKey(key: string): string {
    if (!isValidKey(key)) throw new ValidationError(`invalid store key ${JSON.stringify(key)}`);
    return `${this.prefix}/${key}`;
  }

  private async client(): Promise<CacheModule> {
    if (!this.env.ACTIONS_RESULTS_URL && !this.env.ACTIONS_CACHE_URL) {
      throw new UnsupportedError('the GitHub Actions cache is not available here (no ACTIONS_RESULTS_URL)', {
        hint: 'run inside a GitHub Actions job; from a run: step, pass the runtime variables (e.g. with crazy-max/ghaction-github-runtime) or use backend artifact/local',
      });
    }
    this.cache ??= await loadOptional('cache', () => import('@actions/cache'));
    return this.cache;
  }

  /** The client reads paths against the cwd and tars with -C GITHUB_WORKSPACE: both must agree. */
  private async inWorkspace<T>(fn: (transfer: string) => Promise<T>): Promise<T> {
    return this.serial.run(async () => {
      const before = process.cwd();
      const transfer = path.join(this.workspace, TRANSFER_DIR);
      await fs.rm(transfer, { recursive: true, force: true });
      // Inside the workspace, which others on the machine may read: the object passes through owner-only.
      await makePrivateDir(transfer);
      process.chdir(this.workspace);
      try {
        return await fn(transfer);
      } finally {
        process.chdir(before);
        await fs.rm(transfer, { recursive: true, force: true }).catch(() => {});
      }
    });
  }

  /** Downloads the entry for `key` to a private temp file; undefined when there is none. */
  private async fetchEntry(key: string): Promise<string | undefined> {
    const ckey = this.cacheKey(key);
    const cache = await this.client();
    return this.inWorkspace(async (transfer) => {
      const matched = await cache.restoreCache([TRANSFER_PATH], ckey, [], {}, true);
      // The service also matches keys by prefix: only the exact key is this object.
      if (matched !== ckey) return undefined;
      const file = path.join(await fs.mkdtemp(path.join(this.env.RUNNER_TEMP || os.tmpdir(), 'iv-cache-')), 'object');
      await moveFile(path.join(transfer, 'object'), file);
      return file;
    });
  }

  private async lookup(cacheKeyOrPrefix: string): Promise<string | undefined> {
    const cache = await this.client();
    return this.inWorkspace(() => cache.restoreCache([TRANSFER_PATH], cacheKeyOrPrefix, [], { lookupOnly: true }, true));
  }

  async put(key: string, body: AsyncIterable<Uint8Array>, options: PutOptions = {}): Promise<StoreObject> {
    const ckey = this.cacheKey(key);
    if (this.service) return this.putDirect(key, ckey, body, options);
    const cache = await this.client();
    const spoolDir = await fs.mkdtemp(path.join(this.env.RUNNER_TEMP || os.tmpdir(), 'iv-cache-put-'));
    try {
      const spool = path.join(spoolDir, 'object');
      const { size, sha256 } = await spoolToFile(body, spool);
      const settle = async (): Promise<StoreObject | undefined> => {
        if ((await this.lookup(ckey)) !== ckey) return undefined;
        const existing = await this.fetchEntry(key);
        const same = existing !== undefined && (await sha256OfFile(existing)) === sha256;
        if (existing) await fs.rm(path.dirname(existing), { recursive: true, force: true });
        if (same && !options.ifNoneMatch) {
          this.logger.debug(`cache entry ${ckey} already holds this content`);
          return { key, size };
        }
        throw new StorageError(`cache entry ${ckey} already exists${same ? '' : ' with different content'}`, {
          hint: same
            ? 'nothing to do: it was stored before'
            : 'cache entries cannot be replaced: use another series name, or delete the entry (gh cache delete)',
          details: { key, exists: true },
        });
      };
      const already = await settle();
      if (already) return already;
      const id = await this.inWorkspace(async (transfer) => {
        await moveFile(spool, path.join(transfer, 'object'));
        return cache.saveCache([TRANSFER_PATH], ckey, undefined, true);
      });
      if (id === -1 || id === undefined) {
        // Another job may have saved the same key meanwhile (a 409): identical content is fine.
        const raced = await settle();
        if (raced) return raced;
        throw new StorageError(`the cache service did not store ${ckey}`, {
          hint: 'see the warning the cache client printed above: the repository cache may be full, ACTIONS_CACHE_MODE may forbid writes, or the service failed; retry the job',
          details: { key },
        });
      }
      return { key, size };
    } catch (err) {
      if (isIndexVaultError(err)) throw err;
      throw new StorageError(`cannot save ${ckey} to the GitHub Actions cache: ${(err as Error).message}`, {
        cause: err,
        details: { key },
      });
    } finally {
      await fs.rm(spoolDir, { recursive: true, force: true });
    }
  }

  async get(key: string, options: GetOptions = {}): Promise<AsyncIterable<Buffer>> {
    if (this.service) {
      const res = await this.fetchDirect(key, options.range);
      if (!res) throw this.miss(key);
      return Readable.fromWeb(res.body! as import('node:stream/web').ReadableStream<Uint8Array>) as AsyncIterable<Buffer>;
    }
    return streamCopy(await this.download(key), options);
  }

  private miss(key: string): NotFoundError {
    return new NotFoundError(`no cache entry ${this.cacheKey(key)} (cache miss)`, {
      hint: 'caches are scoped to the branch and its base branch and expire after 7 days unused; check the name and that a backup ran on this branch',
      details: { key },
    });
  }

  async download(key: string): Promise<LocalCopy> {
    if (this.service) {
      const res = await this.fetchDirect(key);
      if (!res) throw this.miss(key);
      const dir = await fs.mkdtemp(path.join(this.env.RUNNER_TEMP || os.tmpdir(), 'iv-cache-'));
      const file = path.join(dir, 'object');
      try {
        await pipeline(
          Readable.fromWeb(res.body! as import('node:stream/web').ReadableStream<Uint8Array>),
          createWriteStream(file, { mode: PRIVATE_FILE_MODE }),
        );
      } catch (err) {
        await fs.rm(dir, { recursive: true, force: true });
        throw new StorageError(`cannot download cache entry ${this.cacheKey(key)}: ${(err as Error).message}`, {
          cause: err,
          hint: 'run the job again',
          details: { key },
        });
      }
      return { path: file, release: () => fs.rm(dir, { recursive: true, force: true }) };
    }
    let file: string | undefined;
    try {
      file = await this.fetchEntry(key);
    } catch (err) {
      if (isIndexVaultError(err)) throw err;
      throw new StorageError(`cannot restore ${this.cacheKey(key)} from the GitHub Actions cache: ${(err as Error).message}`, {
        cause: err,
        details: { key },
      });
    }
    if (!file && (await this.exists(key))) {
      // The client turns every download or extraction failure into a warning and a "miss".
      throw new IntegrityError(`cache entry ${this.cacheKey(key)} exists but could not be downloaded and extracted intact`, {
        hint: 'see the warning the cache client printed above; if it persists the entry is damaged: take a new full backup (incremental: false) under another name',
        details: { key },
      });
    }
    if (!file) {
      throw new NotFoundError(`no cache entry ${this.cacheKey(key)} (cache miss)`, {
        hint: 'caches are scoped to the branch and its base branch and expire after 7 days unused; check the name and that a backup ran on this branch',
        details: { key },
      });
    }
    const dir = path.dirname(file);
    return { path: file, release: () => fs.rm(dir, { recursive: true, force: true }) };
  }

  async exists(key: string): Promise<boolean> {
    const ckey = this.cacheKey(key);
    if (this.service) return (await this.lookupDirect(ckey))?.key === ckey;
    return (await this.lookup(ckey)) === ckey;
  }

  /** The newest entry under the prefix only: the cache cannot enumerate (see the class comment). */
  async list(prefix: string): Promise<StoreObject[]> {
    const matched = this.service
      ? (await this.lookupDirect(`${this.prefix}/${prefix}`))?.key
      : await this.lookup(`${this.prefix}/${prefix}`);
    if (!matched || !matched.startsWith(`${this.prefix}/${prefix}`)) return [];
    const key = matched.slice(this.prefix.length + 1);
    return isValidKey(key) ? [{ key, size: 0 }] : [];
  }

  async delete(key: string): Promise<void> {
    throw new UnsupportedError(`cache entry ${this.cacheKey(key)} cannot be deleted from a job`, {
      hint: 'entries expire after 7 days unused; delete them with `gh cache delete`, or use the artifact or local backend to prune',
      details: { key },
    });
  }
}
