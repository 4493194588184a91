/**
 * index-vault's library API: take, verify, list and restore snapshots of a directory.
 * Everything here is free of GitHub's toolkit; adapters (CLI, action) sit on top of it.
 */
import './shared/require-node.js';
export { backup, BACKUP_MODES, type BackupMode, type BackupOptions, type BackupResult, type ExcludedPath, type VerifiedPacks } from './engine/backup/backup.js';
export { prune, type PruneOptions, type PruneResult } from './engine/prune.js';
export { restore, type RestoreOptions, type RestoreResult } from './engine/restore/restore.js';
export { verifyManifest, verifySeries, type VerifyOptions, type VerifyReport } from './engine/restore/verify.js';
export { listSeries, listSnapshotIds, loadManifest, resolveSeries, type SeriesQuery } from './engine/series.js';
export { checkPortability, formatPortabilityProblems, type PortabilityMode, type PortabilityProblem } from './fs-safety/portability.js';
export { acquireLock, type DirectoryLock, type LockOwner } from './fs-safety/lock.js';
export { parseManifest, FORMAT_VERSION, type Manifest, type Entry, type FileEntry, type PackInfo, type Codec } from './snapshot/manifest.js';
export type { Logger, Progress, ProgressCallback } from './shared/logger.js';
export * from './shared/errors.js';
export type { Store, StoreObject, PutOptions, GetOptions } from './storage/store.js';
export { LocalStore } from './storage/local-store.js';
export { TOOL_VERSION } from './shared/version.js';
export { BackupManager, DEFAULT_BACKUP_DIR, defaultBackupDir, type BackupManagerOptions, type BackupInfo } from './guard/backup-manager.js';
export { withBackup, type WithBackupOptions } from './guard/with-backup.js';
export { withTableBackup, addWithBackup, deleteWithBackup, updateWithBackup, type TableGuardOptions } from './guard/lance-operations.js';
export { STRATEGIES, type StrategyName } from './guard/strategy.js';
export { GitHubCacheStore, type GitHubCacheStoreOptions } from './storage/github-cache-store.js';
export { GitHubArtifactStore, type GitHubArtifactStoreOptions } from './storage/github-artifact-store.js';
export { S3Store, type S3StoreOptions } from './storage/s3-store.js';
export { AzureBlobStore, type AzureBlobStoreOptions } from './storage/azure-blob-store.js';
export { openStoreUrl, type StoreUrlOptions } from './storage/open-store-url.js';
export { withSeriesLease } from './engine/series-lease.js';
export { parseSigningKeys, SigningKey, type SigningOptions } from './snapshot/signature.js';
export { diffSnapshots, compareManifests, resolveSnapshotRef, type DiffOptions, type SnapshotDiff, type DiffSide } from './engine/diff.js';
export type { ManifestDiff, PathChange, ChangedPath, RenamedPath } from './snapshot/manifest-diff.js';
