export class IndexVaultError extends Error {
    code;
    hint;
    details;
    constructor(code, message, options = {}) {
        super(message, options.cause === undefined ? undefined : { cause: options.cause });
        this.name = new.target.name;
        this.code = code;
        this.hint = options.hint;
        this.details = options.details ?? {};
    }
}
/** Bad input from the user: a flag, a name, a path. */
export class ValidationError extends IndexVaultError {
    constructor(message, options) {
        super('E_VALIDATION', message, options);
    }
}
/** A snapshot, series or store object does not exist. */
export class NotFoundError extends IndexVaultError {
    constructor(message, options) {
        super('E_NOT_FOUND', message, options);
    }
}
/** Stored bytes do not match their recorded digest, or a manifest is malformed. */
export class IntegrityError extends IndexVaultError {
    constructor(message, options) {
        super('E_INTEGRITY', message, options);
    }
}
/** An archive entry that would escape the target, clobber something or is not in the manifest. */
export class UnsafeEntryError extends IndexVaultError {
    constructor(message, options) {
        super('E_UNSAFE_ENTRY', message, options);
    }
}
/** Another process holds the lock on the directory. */
export class LockedError extends IndexVaultError {
    constructor(message, options) {
        super('E_LOCKED', message, options);
    }
}
/** The local filesystem failed (permission, disk full, …). */
export class IoError extends IndexVaultError {
    constructor(message, options) {
        super('E_IO', message, options);
    }
}
/** Names in the tree that cannot be restored on another OS. */
export class PortabilityError extends IndexVaultError {
    constructor(message, options) {
        super('E_PORTABILITY', message, options);
    }
}
/** The store failed to put, get, list or delete. */
export class StorageError extends IndexVaultError {
    constructor(message, options) {
        super('E_STORAGE', message, options);
    }
}
/** Source files kept changing while they were read. */
export class ChangedError extends IndexVaultError {
    constructor(message, options) {
        super('E_CHANGED', message, options);
    }
}
/** Restore would replace a non-empty directory and --force was not given. */
export class TargetNotEmptyError extends IndexVaultError {
    constructor(message, options) {
        super('E_TARGET_NOT_EMPTY', message, options);
    }
}
/** Something this version cannot do: a newer format, an unknown codec, a file type. */
export class UnsupportedError extends IndexVaultError {
    constructor(message, options) {
        super('E_UNSUPPORTED', message, options);
    }
}
/**
 * A guarded operation failed and putting the target back failed too. Carries both errors; the
 * backup it could not restore is kept so the user can restore it by hand.
 */
export class RollbackError extends IndexVaultError {
    operationError;
    rollbackError;
    constructor(message, operationError, rollbackError, options) {
        super('E_ROLLBACK', message, { cause: operationError, ...options });
        this.operationError = operationError;
        this.rollbackError = rollbackError;
    }
}
/** LanceDB refused or failed an operation (a damaged table, a rejected write); `cause` is its own error. */
export class LanceError extends IndexVaultError {
    constructor(message, options) {
        super('E_LANCE', message, options);
    }
}
/** A snapshot is unsigned, or its signature does not verify under the configured keys. */
export class SignatureError extends IndexVaultError {
    constructor(message, options) {
        super('E_SIGNATURE', message, options);
    }
}
export function isIndexVaultError(err, code) {
    if (typeof err !== 'object' || err === null)
        return false;
    const c = err.code;
    if (typeof c !== 'string' || !c.startsWith('E_') || !(err instanceof Error))
        return false;
    return code === undefined || c === code;
}
/** Turns a Node fs error into an IoError that names the path and says what to check. */
export function ioError(err, action, path) {
    if (isIndexVaultError(err))
        return err;
    const e = err;
    const code = e?.code ?? 'EUNKNOWN';
    const hints = {
        ENOSPC: 'free disk space on that filesystem and run again',
        EDQUOT: 'the disk quota is exhausted; free space and run again',
        EFBIG: 'the file size limit (ulimit -f) was reached; raise it and run again',
        EACCES: 'check the permissions of that path',
        EPERM: 'check the permissions of that path (on Windows, whether a program holds the file open)',
        EROFS: 'the filesystem is read-only',
        ENOENT: 'the path does not exist',
        EMFILE: 'too many open files; raise the limit (ulimit -n)',
    };
    return new IoError(`${action} ${path}: ${code}${e?.message ? ` (${e.message})` : ''}`, {
        hint: hints[code],
        cause: err,
        details: { path, errno: code },
    });
}
/** EEXIST while restoring a path that the snapshot holds once: another of its paths took the name. */
export function collisionError(err, rel) {
    if (err?.code !== 'EEXIST')
        return undefined;
    return new UnsafeEntryError(`${JSON.stringify(rel)} collides with another path of the snapshot on this filesystem`, {
        hint: 'the filesystem is case-insensitive or normalizes Unicode; restore on a case-sensitive filesystem or rename the files at the source',
        cause: err,
        details: { path: rel },
    });
}
