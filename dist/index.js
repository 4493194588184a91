/**
 * index-vault's library API: take, verify, list, restore and prune snapshots of a directory, and
 * guard a directory while a command changes it. Everything here is free of GitHub's toolkit and
 * of the cloud SDKs: the S3, Azure and GitHub stores come from `index-vault/s3`,
 * `index-vault/azure` and `index-vault/github` (and `openStoreUrl` loads the cloud ones when a
 * URL names them).
 */
import './shared/require-node.js';
export { backup, BACKUP_MODES, } from './engine/backup/backup.js';
export { restore } from './engine/restore/restore.js';
export { verifyManifest, verifySeries } from './engine/verify/verify.js';
export { listSeries, listSnapshotIds, loadManifest, loadManifestHead, resolveSeries } from './engine/series.js';
export { prune } from './engine/prune.js';
export { BackupManager, DEFAULT_BACKUP_DIR, defaultBackupDir } from './guard/backup-manager.js';
export { withBackup } from './guard/with-backup.js';
export { withTableBackup, addWithBackup, deleteWithBackup, updateWithBackup } from './guard/lance-operations.js';
export { STRATEGIES } from './guard/strategy.js';
export { BUILT_IN_FORMATS } from './formats/registry.js';
export { INDEX_FORMATS, LANCE_VERSION_MODES } from './formats/selection.js';
export { defaultCacheDir } from './fs-safety/hash-cache.js';
export { PORTABILITY_MODES } from './fs-safety/portability.js';
export { parseManifest, FORMAT_VERSION, } from './snapshot/manifest.js';
export { IndexVaultError, ValidationError, NotFoundError, IntegrityError, UnsafeEntryError, LockedError, IoError, PortabilityError, StorageError, ChangedError, TargetNotEmptyError, UnsupportedError, RollbackError, LanceError, SignatureError, isIndexVaultError, } from './shared/errors.js';
export { REMEDIES, remedyOf } from './shared/remedy.js';
export { LocalStore } from './storage/local-store.js';
export { openStoreUrl } from './storage/open-store-url.js';
export { TOOL_VERSION } from './shared/version.js';
export { parseSigningKeys, SigningKey } from './snapshot/signature.js';
export { diffSnapshots, compareManifests, resolveSnapshotRef } from './engine/diff.js';
