import type { Logger } from '../shared/logger.js';
import type { Store } from './store.js';
export interface StoreUrlOptions {
    /** S3-compatible endpoint URL (default: AWS, or AWS_ENDPOINT_URL_S3 / AWS_ENDPOINT_URL). */
    s3Endpoint?: string;
    s3Region?: string;
    s3PathStyle?: boolean;
    env: Record<string, string | undefined>;
    logger?: Logger;
}
/**
 * Opens `s3://bucket/prefix`, `azure://container/prefix` or a local directory. Secrets never sit
 * in the URL: S3 credentials come from the standard AWS chain, Azure's from
 * AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_SAS_URL. The cloud SDKs load only when
 * their scheme is used: together they add a quarter of a second to every start.
 */
export declare function openStoreUrl(location: string, options: StoreUrlOptions): Promise<Store>;
