import type { Logger } from '../shared/logger.js';
import { GitHubArtifactStore } from '../storage/github-artifact-store.js';
import { GitHubCacheStore } from '../storage/github-cache-store.js';
import { LocalStore } from '../storage/local-store.js';
import { openStoreUrl } from '../storage/open-store-url.js';
import type { Store } from '../storage/store.js';
import type { ActionInputs } from './inputs.js';

/** The store the inputs name. */
export async function openStore(inputs: ActionInputs, env: Record<string, string | undefined>, logger: Logger): Promise<Store> {
  switch (inputs.backend) {
    case 'local':
      return new LocalStore(inputs.store!);
    case 'cache':
      return new GitHubCacheStore({ env, logger });
    case 's3':
    case 'azure':
      return openStoreUrl(inputs.store!, {
        env,
        logger,
        s3Endpoint: inputs.s3Endpoint,
        s3Region: inputs.s3Region,
        s3PathStyle: inputs.s3PathStyle,
      });
    case 'artifact':
      return new GitHubArtifactStore({ env, logger, token: inputs.githubToken, runId: inputs.runId, retentionDays: inputs.retentionDays });
  }
}
