import { Readable } from 'node:stream';
import type { S3Client, S3ClientConfig } from '@aws-sdk/client-s3';
import { isIndexVaultError, NotFoundError, StorageError, ValidationError } from '../shared/errors.js';
import { alreadyExists } from './already-exists.js';
import { silentLogger, type Logger } from '../shared/logger.js';
import { onStop } from '../shared/interrupt.js';
import { readRanges } from './ranged-download.js';
import { loadOptional } from './optional-sdk.js';
import { normalizePrefix } from './store-prefix.js';
import { isValidKey, type GetOptions, type PutOptions, type Store, type StoreObject } from './store.js';

export interface S3StoreOptions {
  bucket: string;
  /** Key prefix inside the bucket, e.g. `team/indexes/` (a trailing `/` is added). */
  prefix?: string;
  /** An S3-compatible service (MinIO, R2, Ceph…): its URL. AWS when omitted. */
  endpoint?: string;
  region?: string;
  /** `bucket` in the path instead of the host name: what most S3-compatible services need. */
  forcePathStyle?: boolean;
  /** Explicit keys; the standard AWS chain (env, profile, SSO, instance role…) when omitted. */
  credentials?: S3ClientConfig['credentials'];
  /** Multipart part size (default 16 MiB; S3's minimum is 5 MiB). */
  partSize?: number;
  /** Parts uploaded, and ranges downloaded, at once (default 4). */
  concurrency?: number;
  logger?: Logger;
}

const statusOf = (err: unknown) => (err as { $metadata?: { httpStatusCode?: number } })?.$metadata?.httpStatusCode;
const nameOf = (err: unknown) => (err as { name?: string })?.name;

/**
 * Snapshots in an S3 bucket or an S3-compatible service. Packs stream up as parallel multipart
 * uploads (an interrupted one is aborted, so nothing partial is ever visible) and come down as
 * parallel ranged reads; manifests are written with If-None-Match so two writers cannot replace
 * each other's snapshot. The SDK retries throttling and 5xx with backoff; integrity is ours
 * (sha256 of every pack and file) plus the SDK's transfer checksums.
 */
export class S3Store implements Store {
  readonly description: string;
  private readonly config: S3ClientConfig;
  private loaded?: Promise<{
    sdk: typeof import('@aws-sdk/client-s3');
    Upload: typeof import('@aws-sdk/lib-storage').Upload;
    client: S3Client;
  }>;
  private readonly bucket: string;
  private readonly prefix: string;
  private readonly partSize: number;
  private readonly concurrency: number;
  private readonly logger: Logger;

  constructor(options: S3StoreOptions) {
    if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(options.bucket)) {
      throw new ValidationError(`invalid S3 bucket name ${JSON.stringify(options.bucket)}`, {
        hint: 'bucket names are 3–63 characters: a–z, 0–9, . and -',
      });
    }
    this.bucket = options.bucket;
    this.prefix = normalizePrefix(options.prefix);
    this.partSize = Math.max(5 * 1024 * 1024, options.partSize ?? 16 * 1024 * 1024);
    this.concurrency = options.concurrency ?? 4;
    this.logger = options.logger ?? silentLogger;
    this.config = {
      endpoint: options.endpoint,
      region: options.region ?? process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1',
      forcePathStyle: options.forcePathStyle,
      credentials: options.credentials,
      maxAttempts: 5,
    };
    this.description = `s3://${this.bucket}/${this.prefix}${options.endpoint ? ` at ${new URL(options.endpoint).host}` : ''}`;
  }

  /** The SDK loads on first use: importing this module must not cost its load time, nor need it installed. */
  private s3() {
    return (this.loaded ??= loadOptional('s3', async () => {
      const [sdk, { Upload }] = await Promise.all([import('@aws-sdk/client-s3'), import('@aws-sdk/lib-storage')]);
      return { sdk, Upload, client: new sdk.S3Client(this.config) };
    }));
  }

  private objectKey(key: string): string {
    if (!isValidKey(key)) throw new ValidationError(`invalid store key ${JSON.stringify(key)}`);
    return this.prefix + key;
  }

  private failure(what: string, key: string, err: unknown): Error {
    if (isIndexVaultError(err)) return err;
    const status = statusOf(err);
    const name = nameOf(err);
    const hint =
      status === 403 || name === 'AccessDenied' || name === 'CredentialsProviderError'
        ? 'check the credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, AWS_PROFILE or the instance role) and the bucket policy'
        : name === 'NoSuchBucket'
          ? `create the bucket ${this.bucket} first, or fix the store URL`
          : 'the service failed after retries; run again, or check the endpoint';
    return new StorageError(
      `cannot ${what} ${this.bucket}/${this.prefix}${key}: ${name ?? 'error'}${status ? ` (HTTP ${status})` : ''}: ${(err as Error).message}`,
      { cause: err, hint, details: { key, status } },
    );
  }

  async put(key: string, body: AsyncIterable<Uint8Array>, options: PutOptions = {}): Promise<StoreObject> {
    const Key = this.objectKey(key);
    const { client, Upload } = await this.s3();
    let size = 0;
    const counted = Readable.from(
      (async function* () {
        for await (const c of body) {
          size += c.length;
          yield c;
        }
      })(),
    );
    const upload = new Upload({
      client,
      params: { Bucket: this.bucket, Key, Body: counted, ...(options.ifNoneMatch ? { IfNoneMatch: '*' } : {}) },
      partSize: this.partSize,
      queueSize: this.concurrency,
      // An interrupted multipart upload is aborted: no partial object, no orphaned parts.
      leavePartsOnError: false,
    });
    // Stopped by a signal: the multipart upload is aborted, so its parts do not linger unbilled-for.
    const forget = onStop(() => upload.abort());
    try {
      await upload.done();
    } catch (err) {
      if (statusOf(err) === 412 || nameOf(err) === 'PreconditionFailed' || statusOf(err) === 409) {
        throw alreadyExists(`${this.bucket}/${Key}`, key);
      }
      throw this.failure('upload', key, err);
    } finally {
      forget();
    }
    return { key, size };
  }

  async get(key: string, options: GetOptions = {}): Promise<AsyncIterable<Buffer>> {
    const { client, sdk } = await this.s3();
    const Key = this.objectKey(key);
    let size: number;
    try {
      size = Number((await client.send(new sdk.HeadObjectCommand({ Bucket: this.bucket, Key }))).ContentLength ?? 0);
    } catch (err) {
      if (statusOf(err) === 404 || nameOf(err) === 'NotFound' || nameOf(err) === 'NoSuchKey') {
        throw new NotFoundError(`no object ${this.bucket}/${Key}`, { hint: 'check the store URL and the series name', details: { key } });
      }
      throw this.failure('read', key, err);
    }
    const read = async (offset: number, length: number) =>
      (await client.send(new sdk.GetObjectCommand({ Bucket: this.bucket, Key, Range: `bytes=${offset}-${offset + length - 1}` })))
        .Body as NodeJS.ReadableStream;
    return readRanges(size, read, Key, options, this.concurrency, (err) => this.failure('read', key, err));
  }

  async list(prefix: string): Promise<StoreObject[]> {
    const { client, sdk } = await this.s3();
    const out: StoreObject[] = [];
    let token: string | undefined;
    try {
      do {
        const res = await client.send(
          new sdk.ListObjectsV2Command({ Bucket: this.bucket, Prefix: this.prefix + prefix, ContinuationToken: token }),
        );
        for (const o of res.Contents ?? []) {
          const key = (o.Key ?? '').slice(this.prefix.length);
          if (isValidKey(key)) out.push({ key, size: Number(o.Size ?? 0), modified: o.LastModified });
        }
        token = res.IsTruncated ? res.NextContinuationToken : undefined;
      } while (token);
    } catch (err) {
      throw this.failure('list', prefix, err);
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    const { client, sdk } = await this.s3();
    try {
      await client.send(new sdk.DeleteObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
    } catch (err) {
      if (statusOf(err) === 404) return;
      throw this.failure('delete', key, err);
    }
    this.logger.debug(`deleted ${this.bucket}/${this.prefix}${key}`);
  }

  /** Multipart uploads under the prefix that a killed writer never completed nor aborted, started before `olderThan`. */
  async sweepTemporaries(olderThan: Date): Promise<string[]> {
    const { client, sdk } = await this.s3();
    const removed: string[] = [];
    let keyMarker: string | undefined;
    let uploadIdMarker: string | undefined;
    try {
      do {
        const res = await client.send(
          new sdk.ListMultipartUploadsCommand({
            Bucket: this.bucket,
            Prefix: this.prefix,
            KeyMarker: keyMarker,
            UploadIdMarker: uploadIdMarker,
          }),
        );
        for (const u of res.Uploads ?? []) {
          if (!u.Key || !u.UploadId || !u.Initiated || u.Initiated.getTime() >= olderThan.getTime()) continue;
          await client.send(new sdk.AbortMultipartUploadCommand({ Bucket: this.bucket, Key: u.Key, UploadId: u.UploadId }));
          removed.push(`${u.Key.slice(this.prefix.length)} (upload ${u.UploadId})`);
        }
        keyMarker = res.IsTruncated ? res.NextKeyMarker : undefined;
        uploadIdMarker = res.IsTruncated ? res.NextUploadIdMarker : undefined;
      } while (keyMarker);
    } catch (err) {
      // Services without the call (some S3-compatible ones), or credentials without the right to it: nothing to sweep here.
      if (statusOf(err) === 501 || statusOf(err) === 403 || nameOf(err) === 'NotImplemented') {
        this.logger.debug(
          `cannot list unfinished uploads in ${this.bucket}/${this.prefix} (${nameOf(err) ?? statusOf(err)}); not sweeping them`,
        );
        return removed;
      }
      throw this.failure('list the unfinished uploads of', '', err);
    }
    return removed;
  }

  async exists(key: string): Promise<boolean> {
    const { client, sdk } = await this.s3();
    try {
      await client.send(new sdk.HeadObjectCommand({ Bucket: this.bucket, Key: this.objectKey(key) }));
      return true;
    } catch (err) {
      if (statusOf(err) === 404 || nameOf(err) === 'NotFound') return false;
      throw this.failure('check', key, err);
    }
  }
}
