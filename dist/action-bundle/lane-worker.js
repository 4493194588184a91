import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ /* webpack/runtime/compat */
/******/ 
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = new URL('.', import.meta.url).pathname.slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: ./.bundle-in/shared/errors.js
class IndexVaultError extends Error {
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
class ValidationError extends IndexVaultError {
    constructor(message, options) {
        super('E_VALIDATION', message, options);
    }
}
/** A snapshot, series or store object does not exist. */
class NotFoundError extends IndexVaultError {
    constructor(message, options) {
        super('E_NOT_FOUND', message, options);
    }
}
/** Stored bytes do not match their recorded digest, or a manifest is malformed. */
class errors_IntegrityError extends IndexVaultError {
    constructor(message, options) {
        super('E_INTEGRITY', message, options);
    }
}
/** An archive entry that would escape the target, clobber something or is not in the manifest. */
class UnsafeEntryError extends IndexVaultError {
    constructor(message, options) {
        super('E_UNSAFE_ENTRY', message, options);
    }
}
/** Another process holds the lock on the directory. */
class LockedError extends IndexVaultError {
    constructor(message, options) {
        super('E_LOCKED', message, options);
    }
}
/** The local filesystem failed (permission, disk full, …). */
class IoError extends IndexVaultError {
    constructor(message, options) {
        super('E_IO', message, options);
    }
}
/** Names in the tree that cannot be restored on another OS. */
class PortabilityError extends IndexVaultError {
    constructor(message, options) {
        super('E_PORTABILITY', message, options);
    }
}
/** The store failed to put, get, list or delete. */
class StorageError extends IndexVaultError {
    constructor(message, options) {
        super('E_STORAGE', message, options);
    }
}
/** Source files kept changing while they were read. */
class ChangedError extends IndexVaultError {
    constructor(message, options) {
        super('E_CHANGED', message, options);
    }
}
/** Restore would replace a non-empty directory and --force was not given. */
class TargetNotEmptyError extends IndexVaultError {
    constructor(message, options) {
        super('E_TARGET_NOT_EMPTY', message, options);
    }
}
/** Something this version cannot do: a newer format, an unknown codec, a file type. */
class UnsupportedError extends IndexVaultError {
    constructor(message, options) {
        super('E_UNSUPPORTED', message, options);
    }
}
/**
 * A guarded operation failed and putting the target back failed too. Carries both errors; the
 * backup it could not restore is kept so the user can restore it by hand.
 */
class RollbackError extends IndexVaultError {
    operationError;
    rollbackError;
    constructor(message, operationError, rollbackError, options) {
        super('E_ROLLBACK', message, { cause: operationError, ...options });
        this.operationError = operationError;
        this.rollbackError = rollbackError;
    }
}
/** LanceDB refused or failed an operation (a damaged table, a rejected write); `cause` is its own error. */
class LanceError extends IndexVaultError {
    constructor(message, options) {
        super('E_LANCE', message, options);
    }
}
/** A snapshot is unsigned, or its signature does not verify under the configured keys. */
class SignatureError extends IndexVaultError {
    constructor(message, options) {
        super('E_SIGNATURE', message, options);
    }
}
function isIndexVaultError(err, code) {
    if (typeof err !== 'object' || err === null)
        return false;
    const c = err.code;
    if (typeof c !== 'string' || !c.startsWith('E_') || !(err instanceof Error))
        return false;
    return code === undefined || c === code;
}
/** Turns a Node fs error into an IoError that names the path and says what to check. */
function ioError(err, action, path) {
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
function collisionError(err, rel) {
    if (err?.code !== 'EEXIST')
        return undefined;
    return new UnsafeEntryError(`${JSON.stringify(rel)} collides with another path of the snapshot on this filesystem`, {
        hint: 'the filesystem is case-insensitive or normalizes Unicode; restore on a case-sensitive filesystem or rename the files at the source',
        cause: err,
        details: { path: rel },
    });
}

;// CONCATENATED MODULE: ./.bundle-in/snapshot/zstd-frames.js

const ZSTD_MAGIC = 0xfd2fb528;
/** Largest compressed frame a reader accepts; our writer's frames are a few MiB. */
const MAX_FRAME_BYTES = 64 * 1024 * 1024;
const damaged = (message) => new errors_IntegrityError(message, { hint: 'the pack is damaged' });
/**
 * The one zstd frame walker: finds where each frame ends from its frame and block headers,
 * without decoding it. Incremental and pure: bytes are fed in any pieces, each looked at once
 * (block bodies are skipped by count). Throws E_INTEGRITY on what cannot be a zstd frame.
 */
class FrameWalker {
    /** Header bytes being gathered (frame header, skippable size, block header). */
    head = new Uint8Array(18);
    have = 0;
    want = 5;
    skip = 0;
    state = 'frameHead';
    lastBlock = false;
    checksum = 0;
    /** Bytes of the current frame walked so far. */
    length = 0;
    /**
     * Walks `buf[from, to)`; returns the index just past the end of the current frame when it
     * ends in that range (the walker is then ready for the next frame), or -1 when it does not.
     */
    scan(buf, from, to) {
        let pos = from;
        while (pos < to) {
            if (this.state === 'skip') {
                const k = Math.min(this.skip, to - pos);
                pos += k;
                this.skip -= k;
                this.length += k;
            }
            else {
                const k = Math.min(this.want - this.have, to - pos);
                this.head.set(buf.subarray(pos, pos + k), this.have);
                this.have += k;
                pos += k;
                this.length += k;
                if (this.have < this.want)
                    break;
                this.header();
            }
            if (this.length > MAX_FRAME_BYTES)
                throw damaged(`zstd frame larger than ${MAX_FRAME_BYTES} bytes`);
            if (this.state === 'skip' && this.skip === 0) {
                if (!this.lastBlock)
                    this.expect('blockHead', 3);
                else {
                    this.reset();
                    return pos;
                }
            }
        }
        return -1;
    }
    /** Whether the walker stands between frames. */
    get between() {
        return this.state === 'frameHead' && this.have === 0;
    }
    reset() {
        this.expect('frameHead', 5);
        this.lastBlock = false;
        this.length = 0;
    }
    expect(state, want) {
        this.state = state;
        this.want = want;
        this.have = 0;
    }
    /** A header of the current state is complete in `head`. */
    header() {
        const h = this.head;
        const u32 = (at) => (h[at] | (h[at + 1] << 8) | (h[at + 2] << 16) | (h[at + 3] << 24)) >>> 0;
        if (this.state === 'frameHead') {
            const magic = u32(0);
            if ((magic & 0xfffffff0) === 0x184d2a50) {
                this.want = 8;
                this.state = 'skippableSize';
                return;
            }
            if (magic !== ZSTD_MAGIC)
                throw damaged('not a zstd frame where one should start');
            const fhd = h[4];
            if (fhd & 0x08)
                throw damaged('zstd frame header has the reserved bit set');
            const single = (fhd >> 5) & 1;
            const fcs = fhd >> 6;
            this.checksum = (fhd >> 2) & 1 ? 4 : 0;
            this.want = 5 + (single ? 0 : 1) + [0, 1, 2, 4][fhd & 3] + (fcs === 0 ? single : [0, 2, 4, 8][fcs]);
            this.state = 'frameHeadRest';
            return;
        }
        if (this.state === 'skippableSize') {
            this.skip = u32(4);
            this.lastBlock = true;
            this.state = 'skip';
        }
        else if (this.state === 'frameHeadRest') {
            this.expect('blockHead', 3);
            return;
        }
        else {
            const bh = h[0] | (h[1] << 8) | (h[2] << 16);
            const type = (bh >> 1) & 3;
            if (type === 3)
                throw damaged('zstd block of reserved type');
            this.lastBlock = (bh & 1) === 1;
            this.skip = (type === 1 ? 1 : bh >>> 3) + (this.lastBlock ? this.checksum : 0);
            this.state = 'skip';
        }
        this.have = 0;
    }
}
/**
 * Cuts a stream of compressed chunks into whole zstd frames, each given as the pieces of the
 * input chunks it spans (never copied).
 */
async function* splitZstdFrames(chunks) {
    const walker = new FrameWalker();
    let parts = [];
    for await (const chunk of chunks) {
        let start = 0;
        while (start < chunk.length) {
            const end = walker.scan(chunk, start, chunk.length);
            if (end < 0) {
                parts.push(chunk.subarray(start));
                break;
            }
            parts.push(chunk.subarray(start, end));
            yield parts;
            parts = [];
            start = end;
        }
    }
    if (!walker.between)
        throw new IntegrityError(`pack ends inside a zstd frame (${walker.length} bytes of it read)`, { hint: 'the pack is truncated' });
}

;// CONCATENATED MODULE: external "node:zlib"
const external_node_zlib_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");
;// CONCATENATED MODULE: ./.bundle-in/workers/frame-decoder.js


const undecodable = (err) => new errors_IntegrityError(`a zstd frame does not decode: ${err?.message ?? String(err)}`, { hint: 'the pack is damaged' });
/** Output past a piece's cap: the caller says which limit that broke. */
class OverCap extends Error {
}
/**
 * The one decoder of pack bytes, for both codecs, each on one long-lived zlib context (a fresh
 * context per frame costs a window's worth of newly faulted memory each time). zstd input comes
 * as whole frames, each decoded synchronously; gzip input as any pieces of the member stream,
 * through zlib's stream. Output is handed to `onRaw` in order as it comes out, in buffers of
 * `chunk` bytes at most, valid only during the call.
 */
class FrameDecoder {
    codec;
    chunk;
    internals;
    stream;
    /** zstd through zlib's handle; false where this Node.js lacks what that needs. */
    zstd;
    out;
    constructor(codec, chunk, internals = true) {
        this.codec = codec;
        this.chunk = chunk;
        this.internals = internals;
    }
    /**
     * Decodes one piece; resolves once all it decodes to went through `onRaw`. More than `cap`
     * bytes out rejects with OverCap as soon as it shows; anything `onRaw` throws rejects too.
     */
    decode(input, cap, onRaw) {
        if (this.codec === 'zstd') {
            try {
                this.zstdFrame(input, cap, onRaw);
            }
            catch (err) {
                return Promise.reject(err);
            }
            return Promise.resolve();
        }
        const stream = (this.stream ??= this.open());
        return this.through(stream, cap, onRaw, (done) => {
            stream.write(input);
            stream.flush(done);
        });
    }
    /** `decode` of one whole zstd frame, returning once all of it went through `onRaw` (or throwing). */
    decodeZstdSync(input, cap, onRaw) {
        if (this.codec !== 'zstd')
            throw new Error('decodeZstdSync on a gzip decoder');
        this.zstdFrame(input, cap, onRaw);
    }
    /**
     * One zstd frame, synchronously: through zlib's own handle, as zlib's sync functions drive it
     * inside, with one context and one output buffer for every frame (no allocation, no page
     * faults per frame: this halved a restore's CPU against the public one-shot call, which makes
     * a new context and new buffers each time). The one-shot call remains where a Node.js version
     * lacks these internals, or when `internals` is off (tests).
     */
    zstdFrame(input, cap, onRaw) {
        const d = this.internals ? this.handle() : undefined;
        if (!d) {
            let raw;
            try {
                raw = external_node_zlib_namespaceObject.zstdDecompressSync(input, { maxOutputLength: cap, chunkSize: this.chunk });
            }
            catch (err) {
                if (err.code === 'ERR_BUFFER_TOO_LARGE')
                    throw new OverCap();
                throw undecodable(err);
            }
            return onRaw(raw);
        }
        this.out ??= Buffer.allocUnsafe(this.chunk);
        const out = this.out;
        let inOff = 0;
        let inLen = input.length;
        let total = 0;
        for (;;) {
            d.handle.writeSync(d.flush, input, inOff, inLen, out, 0, out.length);
            const failure = d.stream[d.kError];
            if (!d.stream._handle || failure) {
                this.zstd = undefined; // a failed context is closed; the next frame gets a new one
                throw undecodable(failure ?? new Error('corrupt data'));
            }
            const have = out.length - d.state[0];
            total += have;
            if (total > cap) {
                this.resetZstd();
                throw new OverCap();
            }
            if (have > 0)
                onRaw(out.subarray(0, have));
            inOff += inLen - d.state[1];
            inLen = d.state[1];
            if (d.state[0] !== 0 && inLen === 0)
                return;
        }
    }
    handle() {
        if (this.zstd !== undefined)
            return this.zstd || undefined;
        const stream = external_node_zlib_namespaceObject.createZstdDecompress();
        stream.on('error', () => { }); // reported through the closed handle
        const i = stream;
        const kError = Object.getOwnPropertySymbols(stream).find((x) => x.description === 'kError');
        if (!i._handle ||
            typeof i._handle.writeSync !== 'function' ||
            !(i._writeState instanceof Uint32Array) ||
            typeof i._finishFlushFlag !== 'number' ||
            !kError) {
            stream.destroy();
            this.zstd = false;
            return undefined;
        }
        this.zstd = { stream: i, handle: i._handle, state: i._writeState, flush: i._finishFlushFlag, kError, destroy: () => stream.destroy() };
        return this.zstd;
    }
    resetZstd() {
        if (this.zstd)
            this.zstd.destroy();
        this.zstd = undefined;
    }
    /** The input has ended: what a gzip stream still holds comes out, and a cut member fails. */
    end(onRaw) {
        const stream = this.stream;
        this.stream = undefined;
        if (!stream)
            return Promise.resolve();
        return this.through(stream, Number.POSITIVE_INFINITY, onRaw, (done) => {
            stream.once('end', done);
            stream.end();
        }).finally(() => stream.destroy());
    }
    open() {
        const stream = external_node_zlib_namespaceObject.createGunzip({ chunkSize: this.chunk });
        // Errors are taken per piece, below; one arriving after its piece failed has no one left to tell.
        stream.on('error', () => { });
        return stream;
    }
    /** Forgets the stream (after a failure, or between stretches that may have stopped mid-way). */
    reset() {
        this.stream?.destroy();
        this.stream = undefined;
        this.resetZstd();
    }
    through(stream, cap, onRaw, run) {
        let out = 0;
        let onData;
        let onError;
        return new Promise((resolve, reject) => {
            const fail = (err) => {
                this.reset();
                reject(err);
            };
            onError = (err) => fail(new errors_IntegrityError(`the gzip stream does not decode: ${err.message}`, { hint: 'the pack is damaged' }));
            onData = (b) => {
                out += b.length;
                try {
                    if (out > cap)
                        throw new OverCap();
                    onRaw(b);
                }
                catch (err) {
                    fail(err);
                }
            };
            stream.on('data', onData);
            stream.once('error', onError);
            run(resolve);
        }).finally(() => {
            stream.off('data', onData);
            stream.off('error', onError);
        });
    }
}

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./.bundle-in/snapshot/entry-path.js

/** Limits that bound the work a hostile manifest can cause; the backup refuses trees past them too. */
const MAX_PATH_BYTES = 4096;
const MAX_PATH_DEPTH = 256;
/** The most Linux and macOS allow in one name. */
const MAX_NAME_BYTES = 255;
/** The most a symlink target may hold (Linux's PATH_MAX less the NUL). */
const MAX_LINK_TARGET_BYTES = 4095;
/**
 * Why a path may not appear in a snapshot, or undefined when it may. `portable` marks the rules
 * that only some systems impose. Checked on the raw string before any normalization, because
 * normalizing first is what let `C:../x` and `////x` through in other extractors. Linear in the
 * path's length. An ASCII path (NFC by definition, one byte a character) is checked in one pass;
 * any other goes through the reference rule, which the fast pass must answer exactly as.
 */
function pathProblem(path) {
    if (typeof path !== 'string' || path.length === 0)
        return { why: 'empty path' };
    const n = path.length;
    if (n > MAX_PATH_BYTES)
        return { why: `longer than ${MAX_PATH_BYTES} bytes` }; // never fewer bytes than characters
    let nul = false;
    let backslash = false;
    let parts = 1;
    let start = 0;
    // The first bad segment: 1 empty, 2 ".", 3 "..", 4 too long.
    let segment = 0;
    for (let i = 0; i <= n; i++) {
        const c = i < n ? path.charCodeAt(i) : 0x2f;
        if (c >= 0x80)
            return referencePathProblem(path);
        if (c === 0x2f) {
            if (i < n)
                parts++;
            if (segment === 0) {
                const len = i - start;
                if (len === 0)
                    segment = 1;
                else if (len <= 2 && path.charCodeAt(start) === 0x2e && (len === 1 || path.charCodeAt(start + 1) === 0x2e))
                    segment = len + 1;
                else if (len > MAX_NAME_BYTES)
                    segment = 4;
            }
            start = i + 1;
        }
        else if (c === 0)
            nul = true;
        else if (c === 0x5c)
            backslash = true;
    }
    if (nul)
        return { why: 'contains a NUL byte' };
    if (backslash)
        return { why: 'contains a backslash (a separator on Windows)' };
    if (path.charCodeAt(0) === 0x2f)
        return { why: 'absolute path' };
    const first = path.charCodeAt(0) | 0x20;
    if (first >= 0x61 && first <= 0x7a && path.charCodeAt(1) === 0x3a)
        return { why: 'starts with a drive letter' };
    if (parts > MAX_PATH_DEPTH)
        return { why: `deeper than ${MAX_PATH_DEPTH} levels` };
    if (segment === 1)
        return { why: 'empty path segment (leading, trailing or doubled "/")' };
    if (segment === 2 || segment === 3)
        return { why: `"${segment === 2 ? '.' : '..'}" segment` };
    if (segment === 4)
        return { why: `has a name longer than ${MAX_NAME_BYTES} bytes`, portable: true };
    return undefined;
}
/** The rule written out plainly, for any string: what pathProblem's ASCII pass must equal. */
function referencePathProblem(path) {
    if (typeof path !== 'string' || path.length === 0)
        return { why: 'empty path' };
    if (Buffer.byteLength(path) > MAX_PATH_BYTES)
        return { why: `longer than ${MAX_PATH_BYTES} bytes` };
    if (path.includes('\0'))
        return { why: 'contains a NUL byte' };
    if (path.includes('\\'))
        return { why: 'contains a backslash (a separator on Windows)' };
    if (path.startsWith('/'))
        return { why: 'absolute path' };
    if (/^[A-Za-z]:/.test(path))
        return { why: 'starts with a drive letter' };
    if (path !== path.normalize('NFC'))
        return { why: 'not in Unicode NFC form' };
    const parts = path.split('/');
    if (parts.length > MAX_PATH_DEPTH)
        return { why: `deeper than ${MAX_PATH_DEPTH} levels` };
    for (const part of parts) {
        if (part === '')
            return { why: 'empty path segment (leading, trailing or doubled "/")' };
        if (part === '.' || part === '..')
            return { why: `"${part}" segment` };
        if (Buffer.byteLength(part) > MAX_NAME_BYTES)
            return { why: `has a name longer than ${MAX_NAME_BYTES} bytes`, portable: true };
    }
    return undefined;
}
/**
 * Checks a path as it appears in a manifest or a tar header: relative, POSIX separators, NFC,
 * no empty, `.` or `..` segments, no drive letters, UNC or device prefixes, no backslashes or NUL,
 * within the limits above. Returns the path unchanged or throws.
 */
function assertSafeRelativePath(path, what = 'entry') {
    const problem = pathProblem(path);
    if (problem)
        throw new UnsafeEntryError(`refusing ${what} ${JSON.stringify(path)}: ${problem.why}`, { details: { path } });
    return path;
}
/** Parent path of a relative POSIX path, or '' for top-level entries. */
function parentOf(path) {
    const i = path.lastIndexOf('/');
    return i < 0 ? '' : path.slice(0, i);
}
/**
 * Resolves a symlink target against the link's own location and says whether it stays inside
 * the tree. Absolute targets and targets that climb above the root are outside.
 */
function linkStaysInside(linkPath, target) {
    if (target.length === 0 || target.includes('\0'))
        return false;
    if (target.startsWith('/') || target.includes('\\') || /^[A-Za-z]:/.test(target))
        return false;
    const stack = parentOf(linkPath)
        .split('/')
        .filter((s) => s.length > 0);
    for (const seg of target.split('/')) {
        if (seg === '' || seg === '.')
            continue;
        if (seg === '..') {
            if (stack.length === 0)
                return false;
            stack.pop();
        }
        else
            stack.push(seg);
    }
    return true;
}
/**
 * Byte-wise comparison of UTF-8 paths: the order is the same on every OS and locale. UTF-16 code
 * units sort as UTF-8 bytes do except where a surrogate is involved, so the strings are compared
 * directly unless one is at the first difference (or ends a prefix); those go through the bytes.
 */
function comparePaths(a, b) {
    const n = Math.min(a.length, b.length);
    let i = 0;
    while (i < n && a.charCodeAt(i) === b.charCodeAt(i))
        i++;
    if (i < n) {
        const x = a.charCodeAt(i);
        const y = b.charCodeAt(i);
        if ((x < 0xd800 || x > 0xdfff) && (y < 0xd800 || y > 0xdfff))
            return x < y ? -1 : 1;
    }
    else {
        const last = i === 0 ? 0 : a.charCodeAt(i - 1);
        if (last < 0xd800 || last > 0xdbff)
            return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
    }
    return referenceComparePaths(a, b);
}
/** The order written out plainly: what comparePaths must equal. */
function referenceComparePaths(a, b) {
    return Buffer.compare(Buffer.from(a), Buffer.from(b));
}

;// CONCATENATED MODULE: ./.bundle-in/snapshot/pack-limits.js
/**
 * Sizes of a pack's own metadata members (its descriptor and its listing), shared by the writer,
 * which cuts packs so that they stay under them, and by every reader, which refuses a larger one.
 */
/** The largest metadata member a reader accepts. */
const MAX_META = 256 * 1024 * 1024;
/**
 * Where the writer starts a new pack, by the estimated size of the pack's listing: well below
 * MAX_META, so an estimate that is off (or a future field) never yields a pack readers refuse.
 */
const LISTING_BUDGET = (/* unused pure expression or super */ null && (64 * 1024 * 1024));
/**
 * The most one file's record can add to a listing besides its path: the fields and their longest
 * values (size, mode, mtime, sha256), rounded up.
 */
const RECORD_OVERHEAD = 256;
/** The listing's own fields (format, snapshot id, pack name), rounded up. */
const LISTING_FRAME = 1024;
/** An upper bound on the bytes one file adds to its pack's listing. */
function listingBytes(filePath) {
    return Buffer.byteLength(JSON.stringify(filePath)) + RECORD_OVERHEAD;
}

;// CONCATENATED MODULE: ./.bundle-in/snapshot/tar-header.js
/**
 * The one tar header parser of the reading side: a 512-byte ustar/pax header block into the
 * fields a restore looks at, and pax extended-header bodies into their attributes. Pure, no I/O.
 */
const BLOCK = 512;
/** Names of the refused type flags, for messages. */
const TYPE_NAMES = {
    '1': 'Link',
    '3': 'CharacterDevice',
    '4': 'BlockDevice',
    '6': 'FIFO',
    g: 'GlobalExtendedHeader',
    L: 'NextFileHasLongPath',
    K: 'NextFileHasLongLinkpath',
    V: 'VolumeLabel',
    M: 'MultiVolume',
    S: 'SparseFile',
};
function memberKind(flag) {
    if (flag === '0' || flag === '\0' || flag === '7')
        return 'file';
    if (flag === '5')
        return 'dir';
    if (flag === '2')
        return 'symlink';
    return undefined;
}
function isZeroBlock(block) {
    for (let i = 0; i < BLOCK; i++)
        if (block[i] !== 0)
            return false;
    return true;
}
/**
 * A numeric field: octal text, or base-256 as GNU tar writes sizes beyond the octal field. The
 * usual form (spaces, octal digits, spaces, then a NUL or the field's end) is read from the
 * bytes; anything else goes to `numericFieldReference`, which says the same of the usual form.
 */
function numericField(buf, at, len) {
    if (buf[at] & 0x80)
        return numericFieldReference(buf, at, len);
    const end = at + len;
    let i = at;
    while (i < end && buf[i] === 0x20)
        i++;
    let v = 0;
    const first = i;
    for (let c = buf[i]; i < end && c >= 0x30 && c <= 0x37; c = buf[++i])
        v = v * 8 + (c - 0x30);
    // More than 17 digits could pass 2^53, where parseInt's rounding is the rule.
    if (i - first > 17)
        return numericFieldReference(buf, at, len);
    while (i < end && buf[i] === 0x20)
        i++;
    return i === end || buf[i] === 0 ? v : numericFieldReference(buf, at, len);
}
/** `numericField` by the general route: the text up to the first NUL, trimmed, must be octal digits (or nothing: 0). */
function numericFieldReference(buf, at, len) {
    if (buf[at] & 0x80) {
        let v = 0;
        for (let i = at + 1; i < at + len; i++)
            v = v * 256 + buf[i];
        return v;
    }
    const s = Buffer.from(buf.buffer, buf.byteOffset + at, len)
        .toString('latin1')
        .replace(/\0.*$/s, '')
        .trim();
    if (s === '')
        return 0;
    if (!/^[0-7]+$/.test(s))
        return NaN;
    return parseInt(s, 8);
}
function textField(buf, at, len) {
    const end = buf.indexOf(0, at);
    return buf.toString('utf8', at, end < 0 || end > at + len ? at + len : end);
}
/** Whether the block's checksum field matches its bytes (the field itself counted as spaces). */
function checksumValid(block) {
    let sum = 0;
    for (let i = 0; i < BLOCK; i++)
        sum += i >= 148 && i < 156 ? 32 : block[i];
    return sum === numericField(block, 148, 8);
}
/** Parses a header block whose checksum is valid. */
function parseHeader(block) {
    const buf = Buffer.isBuffer(block) ? block : Buffer.from(block.buffer, block.byteOffset, BLOCK);
    const ustar = buf.toString('latin1', 257, 262) === 'ustar';
    const prefix = ustar ? textField(buf, 345, 155) : '';
    const short = textField(buf, 0, 100);
    return {
        flag: String.fromCharCode(buf[156]),
        name: prefix ? `${prefix}/${short}` : short,
        linkpath: textField(buf, 157, 100),
        size: numericField(buf, 124, 12),
    };
}
/** A header with a pax header's attributes applied (path, linkpath, size). */
function withPax(h, pax) {
    if (!pax)
        return h;
    return {
        flag: h.flag,
        name: pax.path ?? h.name,
        linkpath: pax.linkpath ?? h.linkpath,
        size: pax.size !== undefined ? Number(pax.size) : h.size,
    };
}
/** Attributes of a pax extended header body, or undefined when a record is malformed. */
function parsePax(body) {
    const out = Object.create(null);
    let p = 0;
    while (p < body.length) {
        if (body[p] === 0)
            break;
        const sp = body.indexOf(0x20, p);
        const len = sp < 0 ? NaN : Number(body.toString('latin1', p, sp));
        if (!Number.isInteger(len) || len <= sp - p || p + len > body.length || body[p + len - 1] !== 0x0a)
            return undefined;
        const rec = body.toString('utf8', sp + 1, p + len - 1);
        const eq = rec.indexOf('=');
        if (eq > 0)
            out[rec.slice(0, eq)] = rec.slice(eq + 1);
        p += len;
    }
    return out;
}
/** Bytes of padding after a body of `size` bytes, up to the next block. */
function padding(size) {
    return (BLOCK - (size % BLOCK)) % BLOCK;
}

;// CONCATENATED MODULE: ./.bundle-in/snapshot/member-check.js




/**
 * Every rule a pack member must pass before a byte of it is written, in one place: the lanes
 * that restore and verify packs call these, and nothing else decides. Pure: each returns or
 * throws an E_UNSAFE_ENTRY / E_INTEGRITY error with the one message for that refusal.
 */
/** A pack's own metadata members: its descriptor and its listing. */
const META_MEMBER = /^\.index-vault\/\d{8}T\d{9}Z-[0-9a-f]{8}\/pack-\d{3,6}(\.index)?\.json$/;
const META_PREFIX = '.index-vault/';
const DAMAGED = 'the pack is damaged';
/**
 * Decides about one member from its header (pax attributes applied) and the raw position its
 * record starts at. Bodies of skipped members are never written anywhere.
 */
function checkMember(h, start, ctx) {
    const kind = memberKind(h.flag);
    const name = kind === 'dir' && h.name.endsWith('/') ? h.name.slice(0, -1) : h.name;
    if (kind === undefined) {
        throw new UnsafeEntryError(`refusing ${TYPE_NAMES[h.flag] ?? `type ${JSON.stringify(h.flag)}`} member ${JSON.stringify(name)} in ${ctx.packName}: only files, directories and symlinks are restored`, { details: { path: name } });
    }
    const exp = ctx.expected(name);
    // Listed names passed these rules with the manifest; an unlisted one is checked here, even when skipped.
    if (!exp)
        assertSafeRelativePath(name, `pack member in ${ctx.packName}`);
    checkUnique(ctx.packName, name, ctx.seen);
    if (name.startsWith(META_PREFIX)) {
        if (!META_MEMBER.test(name) || kind !== 'file' || h.size > MAX_META)
            throw new UnsafeEntryError(`unexpected metadata member ${JSON.stringify(name)} in ${ctx.packName}`, { details: { path: name } });
        return { name };
    }
    if (!exp) {
        if (ctx.strict)
            throw new UnsafeEntryError(`member ${JSON.stringify(name)} of ${ctx.packName} is not listed in the manifest`, {
                details: { path: name },
            });
        return { name };
    }
    if (exp.type !== kind)
        throw new UnsafeEntryError(`member ${JSON.stringify(name)} is a ${kind} in the pack but a ${exp.type} in the manifest`, {
            details: { path: name },
        });
    if (kind === 'symlink' && h.linkpath !== exp.target) {
        throw new UnsafeEntryError(`symlink ${JSON.stringify(name)} points to ${JSON.stringify(h.linkpath)} in the pack, ${JSON.stringify(exp.target)} in the manifest`, { details: { path: name } });
    }
    if (kind !== 'file')
        return { name };
    if (exp.raw !== undefined && start !== exp.raw) {
        throw new errors_IntegrityError(`member ${JSON.stringify(name)} starts at byte ${start} of ${ctx.packName}, not at ${exp.raw} as its manifest says`, { hint: DAMAGED, details: { path: name } });
    }
    if (h.size !== exp.size)
        throw new UnsafeEntryError(`member ${JSON.stringify(name)} has ${h.size} bytes in the pack but ${exp.size} in the manifest`, {
            details: { path: name },
        });
    return { name, file: exp };
}
/** A name may appear once in a pack (across its stretches too): `seen` gains it. */
function checkUnique(packName, name, seen) {
    if (seen.has(name))
        throw new UnsafeEntryError(`pack ${packName} holds ${JSON.stringify(name)} twice`, { details: { path: name } });
    seen.add(name);
}
/** The first record of a stretch must be the member the manifest places at the stretch's start. */
function checkPlacement(packName, first, name, start, at) {
    if (first !== null && (name !== first || start !== at)) {
        throw new errors_IntegrityError(`pack ${packName} does not hold ${JSON.stringify(first)} where its manifest places it`, {
            hint: DAMAGED,
            details: { path: first },
        });
    }
}
/** A file's content, as read, against the manifest's sha256. */
function checkContent(name, sha256, exp) {
    if (sha256 !== exp.sha256) {
        throw new errors_IntegrityError(`content of ${JSON.stringify(name)} does not match its sha256 in the manifest`, {
            hint: 'the pack is damaged; verify the stored snapshots and restore another one',
            details: { path: name },
        });
    }
}
/**
 * Every member the manifest lists in a pack read whole and strictly must have been met: as many
 * names met are listed as there are listed names (`seen` holds each once). Counted through
 * `seen`, whose names exist already: listing `expected` by name would make a string per member.
 */
function checkAllPresent(packName, expected, seen) {
    let met = 0;
    for (const name of seen)
        if (expected.has(name))
            met++;
    if (met === expected.size)
        return;
    for (const m of expected.keys())
        if (!seen.has(m))
            throw new IntegrityError(`pack ${packName} lacks ${JSON.stringify(m)}`, { hint: DAMAGED, details: { path: m } });
}

;// CONCATENATED MODULE: ./.bundle-in/workers/lane-members.js
const KINDS = ['file', 'dir', 'symlink'];
function packMembers(members) {
    const n = members.length;
    let destTotal = 0;
    for (const m of members)
        destTotal += m.dests?.length ?? 0;
    const parts = [];
    const lengths = new Uint32Array(n + destTotal);
    const kinds = new Uint8Array(n);
    const sizes = new Float64Array(n);
    const raws = new Float64Array(n);
    const hasSha = new Uint8Array(n);
    const shas = [];
    const targets = [];
    const destCounts = new Uint32Array(n);
    const destModes = new Uint32Array(destTotal);
    const destMtimes = new Float64Array(destTotal);
    const rels = [];
    let d = 0;
    members.forEach((m, i) => {
        parts.push(m.member);
        lengths[i] = m.member.length;
        kinds[i] = KINDS.indexOf(m.type) | (m.hash ? 0x80 : 0);
        sizes[i] = m.size ?? NaN;
        raws[i] = m.raw ?? NaN;
        if (m.sha256 !== undefined) {
            hasSha[i] = 1;
            shas.push(m.sha256);
        }
        if (m.type === 'symlink')
            targets.push(m.target);
        destCounts[i] = m.dests?.length ?? 0;
        for (const dest of m.dests ?? []) {
            rels.push(dest.rel);
            lengths[n + d] = dest.rel.length;
            destModes[d] = dest.mode;
            destMtimes[d++] = dest.mtimeMs;
        }
    });
    // A sha256 that is not 64 characters would shift every later one: each is checked to be one where it is read (parseManifest).
    if (shas.some((s) => s.length !== 64))
        throw new TypeError('a member sha256 is not 64 characters');
    const text = parts.join('') + rels.join('');
    return { count: n, text, lengths, kinds, sizes, raws, sha256: shas.join(''), hasSha, targets, destCounts, destModes, destMtimes };
}
function unpackMembers(p) {
    const out = [];
    let at = 0;
    const next = (k) => p.text.slice(at, (at += p.lengths[k]));
    const names = [];
    for (let i = 0; i < p.count; i++)
        names.push(next(i));
    let d = 0;
    let sha = 0;
    let link = 0;
    for (let i = 0; i < p.count; i++) {
        const type = KINDS[p.kinds[i] & 0x7f];
        const m = { member: names[i], type };
        if (!Number.isNaN(p.sizes[i]))
            m.size = p.sizes[i];
        if (p.hasSha[i])
            m.sha256 = p.sha256.slice(64 * sha, 64 * ++sha);
        if (type === 'symlink')
            m.target = p.targets[link++];
        if (!Number.isNaN(p.raws[i]))
            m.raw = p.raws[i];
        const count = p.destCounts[i];
        if (count > 0) {
            const dests = [];
            for (let j = 0; j < count; j++, d++)
                dests.push({ rel: next(p.count + d), mode: p.destModes[d], mtimeMs: p.destMtimes[d] });
            m.dests = dests;
        }
        if (p.kinds[i] & 0x80)
            m.hash = true;
        out.push(m);
    }
    return out;
}

;// CONCATENATED MODULE: ./.bundle-in/snapshot/entry-mode.js
/** Permission bits a snapshot keeps: read, write and execute for owner, group and others. */
const PERMISSION_BITS = 0o777;
/** setuid, setgid and sticky: never recorded, never restored. */
const SPECIAL_BITS = 0o7000;
/** Mode of a file or directory in staging until its recorded mode is applied: the owner's alone. */
const STAGING_FILE_MODE = 0o600;
const STAGING_DIR_MODE = 0o700;
/** The permission bits of an lstat's mode, as a snapshot records them. */
function permissionBits(statMode) {
    return Number(statMode) & PERMISSION_BITS;
}
function isPermissionMode(v) {
    return typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= PERMISSION_BITS;
}
/**
 * Whether a manifest's modes say exactly who may read and write: from format 2 on, unless the
 * backup ran on Windows, where a file shows only its read-only attribute (Node reports 0o444 or
 * 0o666, never an execute bit) and everything else would be invented.
 */
function modesAreExact(manifest) {
    return manifest.formatVersion >= 2 && manifest.source.platform !== 'win32';
}
/**
 * The mode a restore gives a file or directory. Exact modes are applied as recorded, whatever
 * the umask. Otherwise (format 1, or a Windows source) the umask decides as for a newly created
 * file, from the execute bit, and a read-only file (no owner write bit) stays read-only; a
 * directory's read-only attribute means nothing on Windows and is not carried over.
 */
function restoreMode(manifest, entry, umask) {
    if (modesAreExact(manifest))
        return entry.mode;
    const base = entry.type === 'dir' || entry.exec ? 0o777 : 0o666;
    const readOnly = entry.type === 'file' && entry.mode !== undefined && (entry.mode & 0o200) === 0;
    return base & ~umask & (readOnly ? ~0o222 : PERMISSION_BITS);
}
/** Whether a file on this machine already has `mode`, as far as the platform keeps modes (Windows: read-only or not). */
function hasMode(statMode, mode) {
    if (process.platform === 'win32')
        return ((statMode ^ mode) & 0o200) === 0;
    return permissionBits(statMode) === mode;
}

;// CONCATENATED MODULE: external "node:path"
const external_node_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");
;// CONCATENATED MODULE: ./.bundle-in/workers/entry-location.js

/**
 * Where entry `rel` of a snapshot lies under the directory `root`: `path.join(root, ...rel.split('/'))`,
 * by concatenation. That is the same string for every path a manifest may hold (checked by
 * pathProblem: no empty, `.` or `..` segment, no backslash) under a resolved root, and costs one
 * string instead of an array, a normalization pass and several copies per file. (The one
 * difference: under a bare Windows drive root Node's join doubles the separator before a device
 * name with a colon, `C:\\CON:`; staging is never a drive root, and Windows forbids such names.)
 */
function entryLocation(root, rel, sep = external_node_path_namespaceObject.sep) {
    const under = sep === '/' ? rel : rel.replaceAll('/', sep);
    // A filesystem root ends with its separator already.
    return root.endsWith(sep) ? root + under : root + sep + under;
}

;// CONCATENATED MODULE: ./.bundle-in/workers/restored-file.js



/** A file system call failed on a restored file: travels to the main thread as an `io` LaneError. */
class RestoreIoFailure extends Error {
    info;
    constructor(info) {
        super(info.message);
        this.info = info;
    }
}
function failure(err, action, file, rel) {
    const e = err;
    return new RestoreIoFailure({ kind: 'io', action, file, rel, code: e?.code, message: String(e?.message ?? err), syscall: e?.syscall });
}
const ZEROS = Buffer.alloc(1024 * 1024);
/** Whether every byte is zero, for pieces of any length. */
function allZero(buf) {
    for (let i = 0; i < buf.length; i += ZEROS.length) {
        const part = buf.subarray(i, i + ZEROS.length);
        if (!Buffer.from(part.buffer, part.byteOffset, part.length).equals(ZEROS.subarray(0, part.length)))
            return false;
    }
    return true;
}
/**
 * Gives a restored file its recorded mode and time: the one step every writer of a restored file
 * ends with (the lanes for files from packs, the restore for files reused from the old tree).
 */
function setModeAndTime(file, mode, mtimeMs) {
    external_node_fs_namespaceObject.chmodSync(file, mode);
    external_node_fs_namespaceObject.utimesSync(file, mtimeMs / 1000, mtimeMs / 1000);
}
/**
 * What the lanes learn of the files they wrote: each destination's path and the size, mtime,
 * ctime (ns) and inode of its fstat after its last change, or size -1 where there is none to
 * give (a file linked elsewhere). Packed four numbers a file, so that a stretch's stamps cross
 * to the main thread as one buffer.
 */
class StampList {
    stamped = [];
    values = new BigInt64Array(256);
    add(rel, st) {
        const k = this.stamped.length * 4;
        if (k + 4 > this.values.length) {
            const grown = new BigInt64Array(this.values.length * 2);
            grown.set(this.values);
            this.values = grown;
        }
        this.stamped.push(rel);
        const usable = st !== undefined && st.isFile() && st.nlink === 1n;
        this.values[k] = usable ? st.size : -1n;
        this.values[k + 1] = usable ? st.mtimeNs : 0n;
        this.values[k + 2] = usable ? st.ctimeNs : 0n;
        this.values[k + 3] = usable ? st.ino : 0n;
    }
    /** The stamps of `stamped`, in a buffer of their own. */
    stamps() {
        return this.values.slice(0, this.stamped.length * 4);
    }
}
const onWindows = process.platform === 'win32';
/** A stamp is an optimization only: a file that cannot be stat'ed just goes without. */
function statOrUndefined(file) {
    try {
        return external_node_fs_namespaceObject.lstatSync(file, { bigint: true });
    }
    catch {
        return undefined;
    }
}
/**
 * The mode to create a file with: its recorded one when the owner may write it and the umask
 * leaves it whole (no fchmod later), else owner-only (a read-only file is written before it is
 * made read-only: some network filesystems refuse writes to a file created read-only). Windows
 * keeps only a read-only attribute: always owner-only there, then the attribute. Either way no
 * one else can read it early: staging is owner-only until the swap.
 */
function createMode(mode, umask) {
    return !onWindows && (mode & 0o200) !== 0 && (mode & umask) === 0 ? mode : STAGING_FILE_MODE;
}
/**
 * One file being restored into staging: created exclusively (never through a link, never over
 * anything), written at positions with long zero runs left as holes, then sized (only when it
 * ends in a hole), given its mode (only when the create mode was not it already) and time, and
 * copied to the other paths that share its content. Its fstat, taken last, both proves the mode
 * (a default ACL, or a umask changed meanwhile, may have narrowed the create mode: then it is
 * set after all) and is the stamp the hash cache records.
 */
class RestoredFile {
    dests;
    root;
    holeMin;
    fd;
    path;
    mode;
    /** Where the data written so far ends: short of the size, the file ends in a hole. */
    end = 0;
    constructor(dests, root, flags, holeMin, umask) {
        this.dests = dests;
        this.root = root;
        this.holeMin = holeMin;
        const first = dests[0];
        this.path = entryLocation(root, first.rel);
        this.mode = createMode(first.mode, umask);
        try {
            this.fd = external_node_fs_namespaceObject.openSync(this.path, flags, this.mode);
        }
        catch (err) {
            throw failure(err, 'cannot create', this.path, first.rel);
        }
    }
    write(piece, at) {
        if (piece.length >= this.holeMin && allZero(piece))
            return;
        let done = 0;
        try {
            while (done < piece.length)
                done += external_node_fs_namespaceObject.writeSync(this.fd, piece, done, piece.length - done, at + done);
        }
        catch (err) {
            throw failure(err, 'cannot write', this.path, this.dests[0].rel);
        }
        if (at + done > this.end)
            this.end = at + done;
    }
    /** The content is complete and checked: size (a trailing hole), mode, time, then the copies; each one's stamp goes to `stamps`. */
    finish(size, stamps) {
        const first = this.dests[0];
        const fd = this.fd;
        this.fd = undefined;
        let st;
        try {
            if (this.end !== size)
                external_node_fs_namespaceObject.ftruncateSync(fd, size);
            if (onWindows || this.mode !== first.mode)
                external_node_fs_namespaceObject.fchmodSync(fd, first.mode);
            external_node_fs_namespaceObject.futimesSync(fd, first.mtimeMs / 1000, first.mtimeMs / 1000);
            st = external_node_fs_namespaceObject.fstatSync(fd, { bigint: true });
            if (!onWindows && (Number(st.mode) & 0o7777) !== first.mode) {
                external_node_fs_namespaceObject.fchmodSync(fd, first.mode);
                st = external_node_fs_namespaceObject.fstatSync(fd, { bigint: true });
            }
        }
        catch (err) {
            throw failure(err, 'cannot finish', this.path, first.rel);
        }
        finally {
            external_node_fs_namespaceObject.closeSync(fd);
        }
        stamps.add(first.rel, st);
        for (let i = 1; i < this.dests.length; i++) {
            const other = this.dests[i];
            const to = entryLocation(this.root, other.rel);
            try {
                external_node_fs_namespaceObject.copyFileSync(this.path, to, external_node_fs_namespaceObject.constants.COPYFILE_EXCL | external_node_fs_namespaceObject.constants.COPYFILE_FICLONE);
            }
            catch (err) {
                throw failure(err, 'cannot create', to, other.rel);
            }
            try {
                setModeAndTime(to, other.mode, other.mtimeMs);
            }
            catch (err) {
                throw failure(err, 'cannot finish', to, other.rel);
            }
            stamps.add(other.rel, statOrUndefined(to));
        }
    }
    /** Closes the file after a failure; the caller removes staging. */
    abandon() {
        if (this.fd === undefined)
            return;
        try {
            external_node_fs_namespaceObject.closeSync(this.fd);
        }
        catch {
            // already failing
        }
        this.fd = undefined;
    }
}

;// CONCATENATED MODULE: ./.bundle-in/workers/lane-stream.js






const lane_stream_damaged = (message, path) => {
    throw new errors_IntegrityError(message, { hint: 'the pack is damaged', details: path === undefined ? undefined : { path } });
};
/**
 * The raw tar bytes of one stretch of a pack, as they decode: cut into records, each header
 * checked by member-check.ts before a byte of its body goes anywhere, wanted files hashed and
 * written. Only the stretch's windows are parsed; bytes between them are passed over. Sync and
 * self-contained, so a lane runs it between two decoded pieces.
 */
class LaneStream {
    seg;
    /** Raw position of the next byte pushed. */
    pos;
    w = 0;
    state = 'head';
    head = Buffer.alloc(BLOCK);
    headLen = 0;
    pax = [];
    paxLeft = 0;
    paxAttrs;
    padLeft = 0;
    recordStart = -1;
    windowFresh = true;
    cur;
    ctx;
    index;
    /** Members met, in order: the index of a listed one in the segment's `members`, or -1 for the next of `others`. */
    met = [];
    others = [];
    /** Indexes of the members written. */
    written = [];
    /** The stamp of every file written (see StampList). */
    stamps = new StampList();
    /** File bytes hashed and files finished since the last `takeProgress`. */
    bytes = 0;
    files = 0;
    constructor(seg, members = seg.members ? unpackMembers(seg.members) : []) {
        this.seg = seg;
        this.pos = seg.frameRaw;
        const index = (this.index = new Map());
        members.forEach((x, k) => index.set(x.member, k));
        const at = (n) => index.get(n);
        this.ctx = { packName: seg.packName, strict: seg.strict, expected: (n) => members[at(n) ?? -1], seen: new Set() };
    }
    /** Raw bytes decoded so far, counted from the pack's start. */
    get position() {
        return this.pos;
    }
    /** Every window is read: a stretch that is not the pack's last needs nothing more. */
    get complete() {
        return this.w >= this.seg.windows.length;
    }
    takeProgress() {
        const p = { bytes: this.bytes, files: this.files };
        this.bytes = this.files = 0;
        return p;
    }
    /** The most the next decoded piece may hold: a whole pack's decode is bounded by its declared size. */
    room() {
        return this.seg.last ? this.seg.rawSize - this.pos : Number.POSITIVE_INFINITY;
    }
    /** Feeds decoded bytes, in order. */
    push(raw) {
        const s = this.seg;
        if (s.last && this.pos + raw.length > s.rawSize)
            lane_stream_damaged(`pack ${s.packName} decodes to more than the ${s.rawSize} bytes its manifest declares`);
        let off = 0;
        while (off < raw.length && this.w < s.windows.length) {
            const win = s.windows[this.w];
            const abs = this.pos + off;
            if (abs < win.start) {
                off += Math.min(win.start - abs, raw.length - off);
                continue;
            }
            const end = Math.min(raw.length, off + (win.end - abs));
            this.consume(raw, off, end);
            off = end;
            if (this.pos + off === win.end)
                this.endWindow();
        }
        this.pos += raw.length;
    }
    /** The stretch's input has all arrived: it must have held every window it was meant to. */
    finish() {
        const s = this.seg;
        if (!this.complete)
            lane_stream_damaged(s.last
                ? `pack ${s.packName} ends before its ${s.rawSize} bytes`
                : `a ranged read of ${s.packName} ended before the members it should hold`);
        if (s.last && this.pos !== s.rawSize)
            lane_stream_damaged(`pack ${s.packName} decodes to ${this.pos} bytes, not the ${s.rawSize} its manifest declares`);
    }
    /** Closes a file left half-written by a failure. */
    abandon() {
        this.cur?.file?.abandon();
        this.cur = undefined;
    }
    endWindow() {
        if (this.state !== 'eof' && (this.state !== 'head' || this.headLen !== 0 || this.paxAttrs || this.recordStart >= 0)) {
            lane_stream_damaged(`pack ${this.seg.packName} has a member that crosses the end of the range its manifest gives (byte ${this.seg.windows[this.w].end})`);
        }
        this.w++;
        this.windowFresh = true;
        this.state = 'head';
    }
    /** Feeds raw bytes [off, end) of `raw`, all inside the current window. */
    consume(raw, off, end) {
        while (off < end) {
            const abs = this.pos + off;
            if (this.state === 'head') {
                const k = Math.min(BLOCK - this.headLen, end - off);
                raw.copy(this.head, this.headLen, off, off + k);
                this.headLen += k;
                off += k;
                if (this.headLen === BLOCK) {
                    this.headLen = 0;
                    this.header(abs + k - BLOCK);
                }
            }
            else if (this.state === 'pax') {
                const k = Math.min(this.paxLeft, end - off);
                this.pax.push(Buffer.from(raw.subarray(off, off + k)));
                this.paxLeft -= k;
                off += k;
                if (this.paxLeft === 0) {
                    this.paxAttrs = parsePax(Buffer.concat(this.pax)) ?? lane_stream_damaged(`pack ${this.seg.packName} has a malformed pax header`);
                    this.pax = [];
                    this.state = this.padLeft > 0 ? 'pad' : 'head';
                }
            }
            else if (this.state === 'data') {
                off += this.body(raw, off, end);
            }
            else if (this.state === 'pad') {
                const k = Math.min(this.padLeft, end - off);
                this.padLeft -= k;
                off += k;
                if (this.padLeft === 0)
                    this.state = 'head';
            }
            else {
                // After the end-of-archive blocks only zeros may follow.
                if (!allZero(raw.subarray(off, end)))
                    lane_stream_damaged(`pack ${this.seg.packName} has data after its end-of-archive marker`);
                off = end;
            }
        }
    }
    /** Takes body bytes of the current member from raw[off, end); returns how many. */
    body(raw, off, end) {
        const c = this.cur;
        const k = Math.min(c.left, end - off);
        const piece = raw.subarray(off, off + k);
        if (c.hashed) {
            // Most small files arrive whole in one decoded piece: one call, no hash object for them.
            if (c.at === 0 && k === c.left)
                c.digest = (0,external_node_crypto_namespaceObject.hash)('sha256', piece, 'hex');
            else
                (c.hash ??= (0,external_node_crypto_namespaceObject.createHash)('sha256')).update(piece);
            this.bytes += k;
        }
        c.file?.write(piece, c.at);
        c.at += k;
        c.left -= k;
        if (c.left === 0) {
            if (c.hashed)
                this.finishFile(c);
            this.cur = undefined;
            this.state = this.padLeft > 0 ? 'pad' : 'head';
        }
        return k;
    }
    /** A whole header block is in `head`; `abs` is its raw position. */
    header(abs) {
        const s = this.seg;
        if (isZeroBlock(this.head)) {
            if (!s.last || this.w !== s.windows.length - 1 || this.paxAttrs)
                lane_stream_damaged(`pack ${s.packName} ends its tar stream early, at byte ${abs}`);
            this.state = 'eof';
            return;
        }
        if (!checksumValid(this.head)) {
            lane_stream_damaged(abs === 0
                ? `pack ${s.packName} does not start with a tar header`
                : `pack ${s.packName} is not a valid tar stream: no header at byte ${abs}`);
        }
        if (this.recordStart < 0)
            this.recordStart = abs;
        const raw = parseHeader(this.head);
        if (!Number.isFinite(raw.size))
            lane_stream_damaged(`pack ${s.packName} has a tar header with an invalid size at byte ${abs}`);
        if (raw.flag === 'x')
            return this.paxHeader(raw.size, abs);
        const h = withPax(raw, this.paxAttrs);
        if (!Number.isSafeInteger(h.size) || h.size < 0)
            lane_stream_damaged(`pack ${s.packName} has a tar header with an invalid size at byte ${abs}`);
        this.paxAttrs = undefined;
        const start = this.recordStart;
        this.recordStart = -1;
        if (this.windowFresh) {
            this.windowFresh = false;
            const win = s.windows[this.w];
            checkPlacement(s.packName, win.first, h.name, start, win.start);
        }
        const verdict = checkMember(h, start, this.ctx);
        const k = this.index.get(verdict.name) ?? -1;
        this.met.push(k);
        if (k < 0)
            this.others.push(verdict.name);
        this.padLeft = padding(h.size);
        const m = verdict.file;
        const hashed = m !== undefined && (m.dests !== undefined || m.hash === true);
        this.cur = { name: verdict.name, m, k, left: h.size, at: 0, hashed };
        if (hashed && m.dests)
            this.cur.file = new RestoredFile(m.dests, s.root, s.writeFlags, s.holeMin, s.umask);
        this.state = 'data';
        if (h.size === 0)
            this.body(this.head, 0, 0);
    }
    paxHeader(size, abs) {
        const s = this.seg;
        if (this.paxAttrs)
            lane_stream_damaged(`pack ${s.packName} has two pax headers in a row at byte ${abs}`);
        if (size > 1024 * 1024)
            throw new UnsafeEntryError(`pack ${s.packName} has a pax header of ${size} bytes`);
        this.pax = [];
        this.paxLeft = size;
        this.padLeft = padding(size);
        this.state = size > 0 ? 'pax' : this.padLeft > 0 ? 'pad' : 'head';
        if (size === 0)
            this.paxAttrs = {};
    }
    finishFile(c) {
        const m = c.m;
        checkContent(c.name, c.digest ?? c.hash.digest('hex'), m);
        if (c.file) {
            c.file.finish(m.size, this.stamps);
            this.written.push(c.k);
            this.files += m.dests.length;
        }
        else
            this.files++;
    }
}

;// CONCATENATED MODULE: ./.bundle-in/workers/lane-worker.js
/**
 * A restore lane: a worker thread that decodes a stretch of a pack, checks every tar record in
 * it against the manifest, hashes each wanted file and writes it into staging. Several lanes
 * work on different stretches at once, so decoding, hashing and writing use every core instead
 * of queueing behind one thread. Started by lane-pool.ts; speaks lane-protocol.ts.
 */







const port = external_node_worker_threads_namespaceObject.parentPort;
const { slots: shared, slotBytes } = external_node_worker_threads_namespaceObject.workerData;
const slots = Buffer.from(shared);
/** One decoder per codec, kept from stretch to stretch. */
const decoders = new Map();
const lane_worker_damaged = (message, hint = 'the pack is damaged') => {
    throw new errors_IntegrityError(message, { hint });
};
function toLaneError(err) {
    if (err instanceof RestoreIoFailure)
        return err.info;
    if (isIndexVaultError(err)) {
        const path = err.details.path;
        return {
            kind: err.code === 'E_UNSAFE_ENTRY' ? 'unsafe' : 'integrity',
            message: err.message,
            hint: err.hint,
            path: typeof path === 'string' ? path : undefined,
        };
    }
    return { kind: 'integrity', message: `restore lane failed: ${err?.message ?? String(err)}` };
}
/** One stretch being read: its tar stream, its decoder, and whether it is over. */
class Run {
    seg;
    stream;
    decoder;
    over = false;
    constructor(seg) {
        this.seg = seg;
        this.stream = new LaneStream(seg);
        const key = `${seg.codec}:${seg.outputChunk}`;
        let d = decoders.get(key);
        if (!d)
            decoders.set(key, (d = new FrameDecoder(seg.codec, seg.outputChunk)));
        // A gzip stream carries state from member to member; a zstd stream is clean after each frame.
        if (seg.codec === 'gzip')
            d.reset();
        this.decoder = d;
    }
    /** Decodes one piece of input (a whole zstd frame, any piece of a gzip stream). */
    async input(data) {
        const s = this.seg;
        const cap = s.codec === 'zstd' ? s.maxFrameRaw : Number.POSITIVE_INFINITY;
        try {
            await this.decoder.decode(data, cap, (raw) => this.stream.push(raw));
        }
        catch (err) {
            if (err instanceof OverCap)
                lane_worker_damaged(`a zstd frame of ${s.packName} decodes to more than ${s.maxFrameRaw} bytes`);
            throw err;
        }
    }
    /** No more input: the stretch must be whole. */
    async end() {
        await this.decoder.end((raw) => this.stream.push(raw));
        this.stream.finish();
        this.done();
    }
    ack(n, slot) {
        const { bytes, files } = this.stream.takeProgress();
        port.postMessage({ op: 'ack', seg: this.seg.id, slot, n, bytes, files });
    }
    /** Compressed bytes read from the file and not yet acknowledged. */
    unacked = 0;
    /**
     * Progress of a stretch read from a file: acknowledged every ACK_BYTES, not every frame (a
     * message is a wake-up of the main thread, ~1,100 of them in a verify of 100,000 files).
     */
    read(n) {
        this.unacked += n;
        if (this.unacked >= ACK_BYTES)
            this.flush();
    }
    /** What `read` still holds, acknowledged (before the stretch's answer). */
    flush() {
        if (this.unacked === 0)
            return;
        const n = this.unacked;
        this.unacked = 0;
        this.ack(n);
    }
    /** Whether a stretch before the pack's end has read every window it was meant to. */
    get enough() {
        return !this.seg.last && this.stream.complete;
    }
    done() {
        this.over = true;
        const { others, stamps } = this.stream;
        const met = Int32Array.from(this.stream.met);
        const written = Int32Array.from(this.stream.written);
        const values = stamps.stamps();
        port.postMessage({ op: 'done', seg: this.seg.id, met, others, written, stamps: values }, [
            met.buffer,
            written.buffer,
            values.buffer,
        ]);
    }
    /** Runs a step; a failure ends the stretch and is reported once. */
    async guard(step) {
        try {
            await step();
        }
        catch (err) {
            this.over = true;
            this.stream.abandon();
            this.decoder.reset();
            port.postMessage({ op: 'error', seg: this.seg.id, error: toLaneError(err) });
        }
    }
}
/** The pack's local file cannot be read: an I/O error naming it, not a damaged pack. */
function unreadable(err, f, rel) {
    const e = err;
    return new RestoreIoFailure({
        kind: 'io',
        action: 'cannot read',
        file: f.path,
        rel,
        code: e?.code,
        message: String(e?.message ?? err),
        syscall: e?.syscall,
    });
}
/** Reads a local file's range [at, at + length) into buf[into...]; fewer bytes only at its end. */
function readAt(fd, f, rel, buf, into, length, at) {
    try {
        return external_node_fs_namespaceObject.readSync(fd, buf, into, length, at);
    }
    catch (err) {
        throw unreadable(err, f, rel);
    }
}
/**
 * Reads a stretch's zstd frames from the file straight into one reused buffer, cut by the frame
 * walker; frames starting past `lastFrameStart` are the next stretch's. Returns where it stopped.
 */
async function readZstdFile(run, fd, f, buf) {
    const walker = new FrameWalker();
    let base = f.offset; // file offset of buf[0]
    let start = 0; // the current frame's first byte in buf
    let end = 0; // bytes of buf filled
    let scanned = 0;
    while (base + start < f.end && base + start <= f.lastFrameStart && !run.enough) {
        let stop = walker.scan(buf, scanned, end);
        while (stop < 0) {
            scanned = end;
            if (end === buf.length) {
                // Make room: the frame so far to the front, in a larger buffer when it fills this one.
                const next = start === 0 ? Buffer.allocUnsafe(buf.length * 2) : buf;
                buf.copy(next, 0, start, end);
                [buf, base, end, scanned, start] = [next, base + start, end - start, scanned - start, 0];
            }
            const n = readAt(fd, f, run.seg.packName, buf, end, Math.min(buf.length - end, f.end - (base + end)), base + end);
            if (n === 0)
                lane_worker_damaged(`pack ${run.seg.packName}: it ends inside a zstd frame at byte ${base + start}`);
            end += n;
            stop = walker.scan(buf, scanned, end);
        }
        const at = base + start;
        if (f.nextFrame >= 0 && at < f.nextFrame && base + stop > f.nextFrame)
            lane_worker_damaged(`pack ${run.seg.packName}: no frame starts at byte ${f.nextFrame}, where its manifest places one`);
        await run.input(buf.subarray(start, stop));
        run.read(stop - start);
        start = scanned = stop;
    }
    return { at: base + start, buf };
}
/** Reads a stretch of a gzip pack from the file in pieces; returns where it stopped. */
async function readGzipFile(run, fd, f, buf) {
    let at = f.offset;
    while (at < f.end && !run.enough) {
        const n = readAt(fd, f, run.seg.packName, buf, 0, Math.min(buf.length, f.end - at), at);
        if (n === 0)
            break;
        await run.input(buf.subarray(0, n));
        run.read(n);
        at += n;
    }
    return at;
}
/**
 * Compressed bytes a lane reads per call from a local pack: one of our frames compresses to at
 * most a little over a MiB, so one usually fits, and the buffer doubles for a larger one. 4 MiB
 * kept ~3 MB more resident per lane for no time measured (restore of 100,000 files: 200–204 →
 * 197 MB peak, the same wall and CPU).
 */
let fileBuffer = Buffer.allocUnsafe(1024 * 1024 + 128 * 1024);
/** Compressed bytes a lane reads from a file between two acknowledgements (see Run.read). */
const ACK_BYTES = 4 * 1024 * 1024;
/** A stretch whose compressed bytes the lane reads itself from a local file. */
async function readFile(run, f) {
    let fd;
    try {
        fd = external_node_fs_namespaceObject.openSync(f.path, 'r');
    }
    catch (err) {
        throw unreadable(err, f, run.seg.packName);
    }
    try {
        let at;
        if (run.seg.codec === 'zstd')
            ({ at, buf: fileBuffer } = await readZstdFile(run, fd, f, fileBuffer));
        else
            at = await readGzipFile(run, fd, f, fileBuffer);
        run.flush();
        if (run.enough)
            return run.done();
        if (run.seg.last && at !== f.packSize)
            lane_worker_damaged(`pack ${run.seg.packName} does not match its recorded size`, 'the stored pack is damaged; verify the stored snapshots and restore another one');
        await run.end();
    }
    finally {
        external_node_fs_namespaceObject.closeSync(fd);
    }
}
let run;
async function handle(m) {
    if (m.op === 'begin') {
        run?.stream.abandon();
        const r = (run = new Run(m.seg));
        if (m.seg.file)
            await r.guard(() => readFile(r, m.seg.file));
        return;
    }
    const r = run;
    // Input for a stretch that failed, finished or was abandoned: nothing more to say about it.
    if (!r || m.seg !== r.seg.id || r.over)
        return;
    await r.guard(async () => {
        if (m.op === 'end')
            return r.end();
        await r.input(m.slot !== undefined ? slots.subarray(m.slot * slotBytes, m.slot * slotBytes + m.n) : m.data);
        r.ack(m.n, m.slot);
        if (r.enough)
            r.done();
    });
}
// Messages are handled one after another: each waits for the decoder before the next starts.
let queue = Promise.resolve();
port.on('message', (m) => {
    queue = queue.then(() => handle(m));
});

