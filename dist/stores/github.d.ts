/** `index-vault/github`: snapshots in GitHub Actions' cache or as workflow artifacts, inside a workflow job. */
import '../shared/require-node.js';
export { GitHubCacheStore, type GitHubCacheStoreOptions } from '../storage/github-cache-store.js';
export { GitHubArtifactStore, type GitHubArtifactStoreOptions } from '../storage/github-artifact-store.js';
