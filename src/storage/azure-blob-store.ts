import { Readable } from 'node:stream';
import type { ContainerClient, StorageSharedKeyCredential } from '@azure/storage-blob';
import { loadOptional } from './optional-sdk.js';
import { isIndexVaultError, NotFoundError, StorageError, ValidationError } from '../shared/errors.js';
import { alreadyExists } from './already-exists.js';
import { onStop } from '../shared/interrupt.js';
import { silentLogger, type Logger } from '../shared/logger.js';
import { readRanges } from './ranged-download.js';
import { normalizePrefix } from './store-prefix.js';
import { isValidKey, type GetOptions, type PutOptions, type Store, type StoreObject } from './store.js';

export interface AzureBlobStoreOptions {
  container: string;
  prefix?: string;
  /** `DefaultEndpointsProtocol=…;AccountName=…;AccountKey=…` (or with SharedAccessSignature=…). */
  connectionString?: string;
  /** A container URL carrying a SAS token: `https://acct.blob.core.windows.net/container?sv=…`. */
  containerSasUrl?: string;
  /** Block size for uploads (default 8 MiB). */
  blockSize?: number;
  /** Blocks uploaded, and ranges downloaded, at once (default 4). */
  concurrency?: number;
  logger?: Logger;
  /** For tests: an account URL and key instead of a connection string. */
  account?: { url: string; credential: StorageSharedKeyCredential };
}

const statusOf = (err: unknown) => (err as { statusCode?: number })?.statusCode;
const codeOf = (err: unknown) =>
  (err as { code?: string; details?: { errorCode?: string } })?.details?.errorCode ?? (err as { code?: string })?.code;

/**
 * Snapshots in an Azure Blob Storage container. A blob becomes visible only when its block list
 * is committed, so an interrupted upload leaves nothing; manifests are committed with
 * If-None-Match: * so two writers cannot replace each other's snapshot. Large blobs are read as
 * parallel ranges.
 */
export class AzureBlobStore implements Store {
  readonly description: string;
  private readonly open: () => Promise<ContainerClient>;
  private container?: Promise<ContainerClient>;
  private readonly prefix: string;
  private readonly blockSize: number;
  private readonly concurrency: number;
  private readonly logger: Logger;

  constructor(options: AzureBlobStoreOptions) {
    if (!/^[a-z0-9](?!.*--)[a-z0-9-]{1,61}[a-z0-9]$/.test(options.container)) {
      throw new ValidationError(`invalid Azure container name ${JSON.stringify(options.container)}`, {
        hint: 'container names are 3–63 characters: a–z, 0–9 and single hyphens',
      });
    }
    this.prefix = normalizePrefix(options.prefix);
    this.blockSize = options.blockSize ?? 8 * 1024 * 1024;
    this.concurrency = options.concurrency ?? 4;
    this.logger = options.logger ?? silentLogger;
    // The SDK loads on first use: importing this module must not cost its load time, nor need it installed.
    const sdk = () => loadOptional('azure', () => import('@azure/storage-blob'));
    const { containerSasUrl, connectionString, account } = options;
    if (containerSasUrl) this.open = async () => new (await sdk()).ContainerClient(containerSasUrl);
    else if (connectionString)
      this.open = async () => (await sdk()).BlobServiceClient.fromConnectionString(connectionString).getContainerClient(options.container);
    else if (account)
      this.open = async () => new (await sdk()).BlobServiceClient(account.url, account.credential).getContainerClient(options.container);
    else {
      throw new ValidationError('the azure store needs credentials', {
        hint: 'set AZURE_STORAGE_CONNECTION_STRING, or AZURE_STORAGE_SAS_URL (a container URL with a SAS token)',
      });
    }
    this.description = `azure://${options.container}/${this.prefix}`;
  }

  private client(): Promise<ContainerClient> {
    return (this.container ??= this.open());
  }

  private async blob(key: string) {
    if (!isValidKey(key)) throw new ValidationError(`invalid store key ${JSON.stringify(key)}`);
    return (await this.client()).getBlockBlobClient(this.prefix + key);
  }

  private failure(what: string, key: string, err: unknown): Error {
    if (isIndexVaultError(err)) return err;
    const status = statusOf(err);
    const code = codeOf(err);
    const hint =
      status === 403 || code === 'AuthenticationFailed' || code === 'AuthorizationFailure'
        ? 'check the connection string or SAS token (its permissions and expiry)'
        : code === 'ContainerNotFound'
          ? 'create the container first, or fix the store URL'
          : 'the service failed after retries; run again';
    return new StorageError(
      `cannot ${what} ${this.prefix}${key}: ${code ?? 'error'}${status ? ` (HTTP ${status})` : ''}: ${(err as Error).message?.split('\n')[0]}`,
      { cause: err, hint, details: { key, status } },
    );
  }

  async put(key: string, body: AsyncIterable<Uint8Array>, options: PutOptions = {}): Promise<StoreObject> {
    const client = await this.blob(key);
    let size = 0;
    const counted = Readable.from(
      (async function* () {
        for await (const c of body) {
          size += c.length;
          yield Buffer.from(c);
        }
      })(),
    );
    // Stopped by a signal: the upload stops. Its uncommitted blocks are never visible, and the
    // service discards them within a week by itself: there is nothing for a sweep to remove.
    const stop = new AbortController();
    const forget = onStop(() => stop.abort());
    try {
      await client.uploadStream(counted, this.blockSize, this.concurrency, {
        conditions: options.ifNoneMatch ? { ifNoneMatch: '*' } : undefined,
        abortSignal: stop.signal,
      });
    } catch (err) {
      if (statusOf(err) === 409 || statusOf(err) === 412) {
        throw alreadyExists(`${this.prefix}${key}`, key);
      }
      throw this.failure('upload', key, err);
    } finally {
      forget();
    }
    return { key, size };
  }

  async get(key: string, options: GetOptions = {}): Promise<AsyncIterable<Buffer>> {
    const client = await this.blob(key);
    let size: number;
    try {
      size = Number((await client.getProperties()).contentLength ?? 0);
    } catch (err) {
      if (statusOf(err) === 404)
        throw new NotFoundError(`no blob ${this.prefix}${key} in ${this.description}`, {
          hint: 'check the store URL and the series name',
          details: { key },
        });
      throw this.failure('read', key, err);
    }
    const read = async (offset: number, length: number) => (await client.download(offset, length)).readableStreamBody!;
    return readRanges(size, read, `${this.prefix}${key}`, options, this.concurrency, (err) => this.failure('read', key, err));
  }

  async list(prefix: string): Promise<StoreObject[]> {
    const out: StoreObject[] = [];
    try {
      for await (const b of (await this.client()).listBlobsFlat({ prefix: this.prefix + prefix })) {
        const key = b.name.slice(this.prefix.length);
        if (isValidKey(key)) out.push({ key, size: Number(b.properties.contentLength ?? 0), modified: b.properties.lastModified });
      }
    } catch (err) {
      throw this.failure('list', prefix, err);
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    try {
      await (await this.blob(key)).deleteIfExists();
    } catch (err) {
      throw this.failure('delete', key, err);
    }
    this.logger.debug(`deleted ${this.prefix}${key}`);
  }

  async exists(key: string): Promise<boolean> {
    try {
      return await (await this.blob(key)).exists();
    } catch (err) {
      throw this.failure('check', key, err);
    }
  }
}
