/**
 * index-vault's library API: take, verify, list and restore snapshots of a directory.
 * Everything here is free of GitHub's toolkit; adapters (CLI, action) sit on top of it.
 */
import './shared/require-node.js';
export { backup, BACKUP_MODES } from './engine/backup/backup.js';
export { prune } from './engine/prune.js';
export { restore } from './engine/restore/restore.js';
export { verifyManifest, verifySeries } from './engine/restore/verify.js';
export { listSeries, listSnapshotIds, loadManifest, resolveSeries } from './engine/series.js';
export { checkPortability, formatPortabilityProblems } from './fs-safety/portability.js';
export { acquireLock } from './fs-safety/lock.js';
export { parseManifest, FORMAT_VERSION } from './snapshot/manifest.js';
export * from './shared/errors.js';
export { LocalStore } from './storage/local-store.js';
export { TOOL_VERSION } from './shared/version.js';
export { BackupManager, DEFAULT_BACKUP_DIR, defaultBackupDir } from './guard/backup-manager.js';
export { withBackup } from './guard/with-backup.js';
export { withTableBackup, addWithBackup, deleteWithBackup, updateWithBackup } from './guard/lance-operations.js';
export { STRATEGIES } from './guard/strategy.js';
export { GitHubCacheStore } from './storage/github-cache-store.js';
export { GitHubArtifactStore } from './storage/github-artifact-store.js';
export { S3Store } from './storage/s3-store.js';
export { AzureBlobStore } from './storage/azure-blob-store.js';
export { openStoreUrl } from './storage/open-store-url.js';
export { withSeriesLease } from './engine/series-lease.js';
