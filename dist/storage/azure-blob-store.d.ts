import type { StorageSharedKeyCredential } from '@azure/storage-blob';
import { type Logger } from '../shared/logger.js';
import { type GetOptions, type PutOptions, type Store, type StoreObject } from './store.js';
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
    account?: {
        url: string;
        credential: StorageSharedKeyCredential;
    };
}
/**
 * Snapshots in an Azure Blob Storage container. A blob becomes visible only when its block list
 * is committed, so an interrupted upload leaves nothing; manifests are committed with
 * If-None-Match: * so two writers cannot replace each other's snapshot. Large blobs are read as
 * parallel ranges.
 */
export declare class AzureBlobStore implements Store {
    readonly description: string;
    private readonly open;
    private container?;
    private readonly prefix;
    private readonly blockSize;
    private readonly concurrency;
    private readonly logger;
    constructor(options: AzureBlobStoreOptions);
    private client;
    private blob;
    private failure;
    put(key: string, body: AsyncIterable<Uint8Array>, options?: PutOptions): Promise<StoreObject>;
    get(key: string, options?: GetOptions): Promise<AsyncIterable<Buffer>>;
    list(prefix: string): Promise<StoreObject[]>;
    delete(key: string): Promise<void>;
    exists(key: string): Promise<boolean>;
}
