// .bundle-in/shared/errors.js
var IndexVaultError = class extends Error {
	code;
	hint;
	details;
	constructor(code, message, options = {}) {
		super(message, options.cause === void 0 ? void 0 : { cause: options.cause });
		this.name = new.target.name;
		this.code = code;
		this.hint = options.hint;
		this.details = options.details ?? {};
	}
};
/** Bad input from the user: a flag, a name, a path. */
var ValidationError = class extends IndexVaultError {
	constructor(message, options) {
		super("E_VALIDATION", message, options);
	}
};
/** A snapshot, series or store object does not exist. */
var NotFoundError = class extends IndexVaultError {
	constructor(message, options) {
		super("E_NOT_FOUND", message, options);
	}
};
/** Stored bytes do not match their recorded digest, or a manifest is malformed. */
var IntegrityError = class extends IndexVaultError {
	constructor(message, options) {
		super("E_INTEGRITY", message, options);
	}
};
/** An archive entry that would escape the target, clobber something or is not in the manifest. */
var UnsafeEntryError = class extends IndexVaultError {
	constructor(message, options) {
		super("E_UNSAFE_ENTRY", message, options);
	}
};
/** Another process holds the lock on the directory. */
var LockedError = class extends IndexVaultError {
	constructor(message, options) {
		super("E_LOCKED", message, options);
	}
};
/** The local filesystem failed (permission, disk full, …). */
var IoError = class extends IndexVaultError {
	constructor(message, options) {
		super("E_IO", message, options);
	}
};
/** Names in the tree that cannot be restored on another OS. */
var PortabilityError = class extends IndexVaultError {
	constructor(message, options) {
		super("E_PORTABILITY", message, options);
	}
};
/** The store failed to put, get, list or delete. */
var StorageError = class extends IndexVaultError {
	constructor(message, options) {
		super("E_STORAGE", message, options);
	}
};
/** Source files kept changing while they were read. */
var ChangedError = class extends IndexVaultError {
	constructor(message, options) {
		super("E_CHANGED", message, options);
	}
};
/** Restore would replace a non-empty directory and --force was not given. */
var TargetNotEmptyError = class extends IndexVaultError {
	constructor(message, options) {
		super("E_TARGET_NOT_EMPTY", message, options);
	}
};
/** Something this version cannot do: a newer format, an unknown codec, a file type. */
var UnsupportedError = class extends IndexVaultError {
	constructor(message, options) {
		super("E_UNSUPPORTED", message, options);
	}
};
/**
* A guarded operation failed and putting the target back failed too. Carries both errors; the
* backup it could not restore is kept so the user can restore it by hand.
*/
var RollbackError = class extends IndexVaultError {
	operationError;
	rollbackError;
	constructor(message, operationError, rollbackError, options) {
		super("E_ROLLBACK", message, {
			cause: operationError,
			...options
		});
		this.operationError = operationError;
		this.rollbackError = rollbackError;
	}
};
/** LanceDB refused or failed an operation (a damaged table, a rejected write); `cause` is its own error. */
var LanceError = class extends IndexVaultError {
	constructor(message, options) {
		super("E_LANCE", message, options);
	}
};
/** A snapshot is unsigned, or its signature does not verify under the configured keys. */
var SignatureError = class extends IndexVaultError {
	constructor(message, options) {
		super("E_SIGNATURE", message, options);
	}
};
function isIndexVaultError(err, code) {
	if (typeof err !== "object" || err === null) return false;
	const c = err.code;
	if (typeof c !== "string" || !c.startsWith("E_") || !(err instanceof Error)) return false;
	return code === void 0 || c === code;
}
/** Turns a Node fs error into an IoError that names the path and says what to check. */
function ioError(err, action, path) {
	if (isIndexVaultError(err)) return err;
	const e = err;
	const code = e?.code ?? "EUNKNOWN";
	return new IoError(`${action} ${path}: ${code}${e?.message ? ` (${e.message})` : ""}`, {
		hint: {
			ENOSPC: "free disk space on that filesystem and run again",
			EDQUOT: "the disk quota is exhausted; free space and run again",
			EFBIG: "the file size limit (ulimit -f) was reached; raise it and run again",
			EACCES: "check the permissions of that path",
			EPERM: "check the permissions of that path (on Windows, whether a program holds the file open)",
			EROFS: "the filesystem is read-only",
			ENOENT: "the path does not exist",
			EMFILE: "too many open files; raise the limit (ulimit -n)"
		}[code],
		cause: err,
		details: {
			path,
			errno: code
		}
	});
}
/** EEXIST while restoring a path that the snapshot holds once: another of its paths took the name. */
function collisionError(err, rel) {
	if (err?.code !== "EEXIST") return void 0;
	return new UnsafeEntryError(`${JSON.stringify(rel)} collides with another path of the snapshot on this filesystem`, {
		hint: "the filesystem is case-insensitive or normalizes Unicode; restore on a case-sensitive filesystem or rename the files at the source",
		cause: err,
		details: { path: rel }
	});
}
// .bundle-in/shared/ordered-pool.js
/**
* Maps an async iterable through an async function with up to `concurrency` results started and
* not yet taken, yielding them in input order. This is how frames get compressed on every core
* (zlib's async calls run on libuv's thread pool) while the pack stays in order and memory stays
* bounded. The source is pulled by a pump of its own, not by the consumer: while the consumer
* writes a result out, the next items are already being read and started.
*/
async function* orderedMap(source, concurrency, fn) {
	const queue = [];
	let finished = false;
	let stopped = false;
	let failure;
	let wakeConsumer;
	let wakeProducer;
	const wake = (which) => {
		const w = which === "consumer" ? wakeConsumer : wakeProducer;
		if (which === "consumer") wakeConsumer = void 0;
		else wakeProducer = void 0;
		w?.();
	};
	const pump = (async () => {
		try {
			for await (const item of source) {
				while (queue.length >= concurrency && !stopped) await new Promise((r) => wakeProducer = r);
				if (stopped) break;
				const p = fn(item);
				p.catch(() => {});
				queue.push(p);
				wake("consumer");
			}
		} catch (err) {
			failure = { error: err };
		} finally {
			finished = true;
			wake("consumer");
		}
	})();
	try {
		for (;;) {
			const next = queue.shift();
			if (next) {
				wake("producer");
				yield await next;
				continue;
			}
			if (failure) throw failure.error;
			if (finished) break;
			await new Promise((r) => wakeConsumer = r);
		}
	} finally {
		stopped = true;
		wake("producer");
		await pump;
		await Promise.allSettled(queue);
	}
}
// .bundle-in/shared/logger.js
const silentLogger = {
	debug() {},
	info() {},
	warn() {},
	error() {}
};
// .bundle-in/storage/store.js
const SEGMENT = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;
/** Checks a store key's shape, so no backend ever sees `..`, separators or odd characters. */
function isValidKey(key) {
	return key.length > 0 && key.length <= 512 && key.split("/").every((s) => SEGMENT.test(s) && !s.includes(".."));
}
// .bundle-in/storage/optional-sdk.js
/** The optional peer dependencies, with the versions this release is tested with. */
const OPTIONAL_SDKS = {
	s3: {
		packages: ["@aws-sdk/client-s3@^3.1169.0", "@aws-sdk/lib-storage@^3.1169.0"],
		purpose: "s3:// stores"
	},
	azure: {
		packages: ["@azure/storage-blob@^12.32.0"],
		purpose: "azure:// stores"
	},
	artifact: {
		packages: ["@actions/artifact@^6.2.1"],
		purpose: "the GitHub artifact backend"
	},
	cache: {
		packages: ["@actions/cache@^6.3.0", "@azure/storage-blob@^12.32.0"],
		purpose: "the GitHub cache backend"
	}
};
/**
* Loads a cloud client on first use: a CLI that backs up to a local directory installs none of
* them. A missing one is one line naming the exact command that installs it.
*/
async function loadOptional(sdk, load) {
	try {
		return await load();
	} catch (err) {
		const e = err;
		const { packages, purpose } = OPTIONAL_SDKS[sdk];
		const names = packages.map((p) => p.slice(0, p.lastIndexOf("@")));
		if ((e.code === "ERR_MODULE_NOT_FOUND" || e.code === "MODULE_NOT_FOUND") && names.some((n) => e.message.includes(`'${n}`))) throw new UnsupportedError(`${purpose} need ${names.join(" and ")}, which ${names.length > 1 ? "are" : "is"} not installed`, {
			hint: `npm install ${packages.join(" ")}; add -g if index-vault was installed with -g`,
			cause: err,
			details: { packages: names }
		});
		throw err;
	}
}
export { isIndexVaultError as S, UnsafeEntryError as _, ChangedError as a, collisionError as b, IoError as c, NotFoundError as d, PortabilityError as f, TargetNotEmptyError as g, StorageError as h, orderedMap as i, LanceError as l, SignatureError as m, isValidKey as n, IndexVaultError as o, RollbackError as p, silentLogger as r, IntegrityError as s, loadOptional as t, LockedError as u, UnsupportedError as v, ioError as x, ValidationError as y };
