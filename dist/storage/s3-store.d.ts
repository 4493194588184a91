import type { S3ClientConfig } from '@aws-sdk/client-s3';
import { type Logger } from '../shared/logger.js';
import { type GetOptions, type PutOptions, type Store, type StoreObject } from './store.js';
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
/**
 * Snapshots in an S3 bucket or an S3-compatible service. Packs stream up as parallel multipart
 * uploads (an interrupted one is aborted, so nothing partial is ever visible) and come down as
 * parallel ranged reads; manifests are written with If-None-Match so two writers cannot replace
 * each other's snapshot. The SDK retries throttling and 5xx with backoff; integrity is ours
 * (sha256 of every pack and file) plus the SDK's transfer checksums.
 */
export declare class S3Store implements Store {
    readonly description: string;
    private readonly config;
    private loaded?;
    private readonly bucket;
    private readonly prefix;
    private readonly partSize;
    private readonly concurrency;
    private readonly logger;
    constructor(options: S3StoreOptions);
    /** The SDK loads on first use: importing this module must not cost its load time, nor need it installed. */
    private s3;
    private objectKey;
    private failure;
    put(key: string, body: AsyncIterable<Uint8Array>, options?: PutOptions): Promise<StoreObject>;
    get(key: string, options?: GetOptions): Promise<AsyncIterable<Buffer>>;
    list(prefix: string): Promise<StoreObject[]>;
    delete(key: string): Promise<void>;
    /** Multipart uploads under the prefix that a killed writer never completed nor aborted, started before `olderThan`. */
    sweepTemporaries(olderThan: Date): Promise<string[]>;
    exists(key: string): Promise<boolean>;
}
