import { ValidationError } from '../shared/errors.js';
import { GitHubArtifactStore } from '../storage/github-artifact-store.js';
import { GitHubCacheStore } from '../storage/github-cache-store.js';
import { openStoreUrl } from '../storage/open-store-url.js';
import { LocalStore } from '../storage/local-store.js';
import { integer, oneOf } from './option-values.js';
import { assertLocalStoreDir } from './store-location.js';
const CLI_BACKENDS = ['local', 'cache', 'artifact'];
/** `--backend cache|artifact` inside a GitHub Actions job (a run: step with the runtime variables), else the local store. */
export async function openCliStore(values, env, logger, mayCreate) {
    const backend = oneOf(values.backend, CLI_BACKENDS, '--backend') ?? 'local';
    if (backend === 'cache')
        return new GitHubCacheStore({ env, logger });
    if (backend === 'artifact') {
        const token = values['github-token'] ?? env.GITHUB_TOKEN;
        return new GitHubArtifactStore({
            env,
            logger,
            token,
            runId: values['run-id'] === undefined ? undefined : integer(values['run-id'], '--run-id'),
            retentionDays: values['retention-days'] === undefined ? undefined : integer(values['retention-days'], '--retention-days'),
        });
    }
    const storeDir = values.store ?? env.INDEX_VAULT_STORE;
    if (!storeDir)
        throw new ValidationError('no store given', {
            hint: 'pass --store <dir|s3://bucket/prefix|azure://container/prefix> (or set INDEX_VAULT_STORE), or --backend cache|artifact inside a GitHub Actions job',
        });
    const store = await openStoreUrl(storeDir, {
        env,
        logger,
        s3Endpoint: values['s3-endpoint'],
        s3Region: values['s3-region'],
        s3PathStyle: values['s3-path-style'] === true ? true : undefined,
    });
    if (store instanceof LocalStore)
        await assertLocalStoreDir(storeDir, mayCreate);
    return store;
}
