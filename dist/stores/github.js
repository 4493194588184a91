/** `index-vault/github`: snapshots in GitHub Actions' cache or as workflow artifacts, inside a workflow job. */
import '../shared/require-node.js';
export { GitHubCacheStore } from '../storage/github-cache-store.js';
export { GitHubArtifactStore } from '../storage/github-artifact-store.js';
