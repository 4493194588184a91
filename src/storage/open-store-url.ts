import { ValidationError } from '../shared/errors.js';
import type { Logger } from '../shared/logger.js';
import { LocalStore } from './local-store.js';
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
export async function openStoreUrl(location: string, options: StoreUrlOptions): Promise<Store> {
  const m = /^(s3|azure):\/\/([^/]+)\/?(.*)$/.exec(location);
  if (!m) {
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location) && !/^[A-Za-z]:[\\/]/.test(location)) {
      throw new ValidationError(`unknown store URL ${JSON.stringify(location)}`, {
        hint: 'use a directory, s3://bucket/prefix or azure://container/prefix',
      });
    }
    return new LocalStore(location);
  }
  const [, scheme, name, prefix] = m;
  const env = options.env;
  if (scheme === 's3') {
    const endpoint = options.s3Endpoint ?? env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
    const { S3Store } = await import('./s3-store.js');
    return new S3Store({
      bucket: name!,
      prefix,
      endpoint,
      region: options.s3Region,
      forcePathStyle: options.s3PathStyle ?? (env.INDEX_VAULT_S3_PATH_STYLE === 'true' || endpoint !== undefined),
      logger: options.logger,
    });
  }
  const { AzureBlobStore } = await import('./azure-blob-store.js');
  return new AzureBlobStore({
    container: name!,
    prefix,
    connectionString: env.AZURE_STORAGE_CONNECTION_STRING,
    containerSasUrl: env.AZURE_STORAGE_SAS_URL,
    logger: options.logger,
  });
}
