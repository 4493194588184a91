/**
 * Every failure index-vault reports is an IndexVaultError with a stable `code`.
 * Callers branch on `code` (it survives bundling, realms and serialization), not only on `instanceof`.
 */
export type ErrorCode = 'E_VALIDATION' | 'E_NOT_FOUND' | 'E_INTEGRITY' | 'E_UNSAFE_ENTRY' | 'E_LOCKED' | 'E_IO' | 'E_PORTABILITY' | 'E_STORAGE' | 'E_CHANGED' | 'E_TARGET_NOT_EMPTY' | 'E_UNSUPPORTED' | 'E_ROLLBACK' | 'E_LANCE' | 'E_SIGNATURE';
export interface ErrorOptions {
    /** What the user can do about it; printed after the message. */
    hint?: string;
    cause?: unknown;
    /** Paths, keys or ids the error is about, for programmatic use. */
    details?: Record<string, unknown>;
}
export declare class IndexVaultError extends Error {
    readonly code: ErrorCode;
    readonly hint: string | undefined;
    readonly details: Record<string, unknown>;
    constructor(code: ErrorCode, message: string, options?: ErrorOptions);
}
/** Bad input from the user: a flag, a name, a path. */
export declare class ValidationError extends IndexVaultError {
    constructor(message: string, options?: ErrorOptions);
}
/** A snapshot, series or store object does not exist. */
export declare class NotFoundError extends IndexVaultError {
    constructor(message: string, options?: ErrorOptions);
}
/** Stored bytes do not match their recorded digest, or a manifest is malformed. */
export declare class IntegrityError extends IndexVaultError {
    constructor(message: string, options?: ErrorOptions);
}
/** An archive entry that would escape the target, clobber something or is not in the manifest. */
export declare class UnsafeEntryError extends IndexVaultError {
    constructor(message: string, options?: ErrorOptions);
}
/** Another process holds the lock on the directory. */
export declare class LockedError extends IndexVaultError {
    constructor(message: string, options?: ErrorOptions);
}
/** The local filesystem failed (permission, disk full, …). */
export declare class IoError extends IndexVaultError {
    constructor(message: string, options?: ErrorOptions);
}
/** Names in the tree that cannot be restored on another OS. */
export declare class PortabilityError extends IndexVaultError {
    constructor(message: string, options?: ErrorOptions);
}
/** The store failed to put, get, list or delete. */
export declare class StorageError extends IndexVaultError {
    constructor(message: string, options?: ErrorOptions);
}
/** Source files kept changing while they were read. */
export declare class ChangedError extends IndexVaultError {
    constructor(message: string, options?: ErrorOptions);
}
/** Restore would replace a non-empty directory and --force was not given. */
export declare class TargetNotEmptyError extends IndexVaultError {
    constructor(message: string, options?: ErrorOptions);
}
/** Something this version cannot do: a newer format, an unknown codec, a file type. */
export declare class UnsupportedError extends IndexVaultError {
    constructor(message: string, options?: ErrorOptions);
}
/**
 * A guarded operation failed and putting the target back failed too. Carries both errors; the
 * backup it could not restore is kept so the user can restore it by hand.
 */
export declare class RollbackError extends IndexVaultError {
    readonly operationError: unknown;
    readonly rollbackError: unknown;
    constructor(message: string, operationError: unknown, rollbackError: unknown, options?: ErrorOptions);
}
/** LanceDB refused or failed an operation (a damaged table, a rejected write); `cause` is its own error. */
export declare class LanceError extends IndexVaultError {
    constructor(message: string, options?: ErrorOptions);
}
/** A snapshot is unsigned, or its signature does not verify under the configured keys. */
export declare class SignatureError extends IndexVaultError {
    constructor(message: string, options?: ErrorOptions);
}
export declare function isIndexVaultError(err: unknown, code?: ErrorCode): err is IndexVaultError;
/** Turns a Node fs error into an IoError that names the path and says what to check. */
export declare function ioError(err: unknown, action: string, path: string): IndexVaultError;
/** EEXIST while restoring a path that the snapshot holds once: another of its paths took the name. */
export declare function collisionError(err: unknown, rel: string): UnsafeEntryError | undefined;
