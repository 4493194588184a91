/**
 * index-vault's library API: take, verify, list, restore and prune snapshots of a directory, and
 * guard a directory while a command changes it. Everything here is free of GitHub's toolkit and
 * of the cloud SDKs: the S3, Azure and GitHub stores come from `index-vault/s3`,
 * `index-vault/azure` and `index-vault/github` (and `openStoreUrl` loads the cloud ones when a
 * URL names them).
 */
import './shared/require-node.js';
export {
  backup,
  BACKUP_MODES,
  type BackupMode,
  type BackupOptions,
  type BackupResult,
  type ExcludedPath,
  type VerifiedPacks,
} from './engine/backup/backup.js';
export { restore, type RestoreOptions, type RestoreResult } from './engine/restore/restore.js';
export { verifyManifest, verifySeries, type VerifyOptions, type VerifyReport } from './engine/verify/verify.js';
export { listSeries, listSnapshotIds, loadManifest, loadManifestHead, resolveSeries, type SeriesQuery } from './engine/series.js';
export type { EntrySink, ManifestHead } from './snapshot/manifest-stream.js';
export { prune, type PruneOptions, type PruneResult } from './engine/prune.js';
export { BackupManager, DEFAULT_BACKUP_DIR, defaultBackupDir, type BackupManagerOptions, type BackupInfo } from './guard/backup-manager.js';
export { withBackup, type WithBackupOptions } from './guard/with-backup.js';
export { withTableBackup, addWithBackup, deleteWithBackup, updateWithBackup, type TableGuardOptions } from './guard/lance-operations.js';
export { STRATEGIES, type StrategyName } from './guard/strategy.js';
export { BUILT_IN_FORMATS } from './formats/registry.js';
export { INDEX_FORMATS, LANCE_VERSION_MODES, type FormatChoice, type IndexSelection, type LanceVersionMode } from './formats/selection.js';
export type { FormatOptions, IndexFormat } from './formats/index-format.js';
export { defaultCacheDir } from './fs-safety/hash-cache.js';
export { PORTABILITY_MODES, type PortabilityMode, type PortabilityProblem } from './fs-safety/portability.js';
export {
  parseManifest,
  FORMAT_VERSION,
  type Manifest,
  type Entry,
  type FileEntry,
  type PackInfo,
  type Codec,
} from './snapshot/manifest.js';
export type { Logger, Progress, ProgressCallback } from './shared/logger.js';
export {
  IndexVaultError,
  ValidationError,
  NotFoundError,
  IntegrityError,
  UnsafeEntryError,
  LockedError,
  IoError,
  PortabilityError,
  StorageError,
  ChangedError,
  TargetNotEmptyError,
  UnsupportedError,
  RollbackError,
  LanceError,
  SignatureError,
  isIndexVaultError,
  type ErrorCode,
  type ErrorOptions,
} from './shared/errors.js';
export { REMEDIES, remedyOf, type Remedy } from './shared/remedy.js';
export type { Store, StoreObject, PutOptions, GetOptions, LocalCopy } from './storage/store.js';
export { LocalStore } from './storage/local-store.js';
export { openStoreUrl, type StoreUrlOptions } from './storage/open-store-url.js';
export { TOOL_VERSION } from './shared/version.js';
export { parseSigningKeys, SigningKey, type SigningOptions } from './snapshot/signature.js';
export { diffSnapshots, compareManifests, resolveSnapshotRef, type DiffOptions, type SnapshotDiff, type DiffSide } from './engine/diff.js';
export type { ManifestDiff, PathChange, ChangedPath, RenamedPath } from './snapshot/manifest-diff.js';
