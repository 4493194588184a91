import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ /* webpack/runtime/compat */
/******/ 
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = new URL('.', import.meta.url).pathname.slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: external "node:buffer"
const external_node_buffer_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");
;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: ./.bundle-in/snapshot/canonical-text.js
/** Deepest nesting the matcher follows; deeper, it answers "no" and the reference decides. */
const MATCH_DEPTH = 64;
/** What JSON.stringify escapes in a string: `"`, `\`, control characters and (lone) surrogates. */
// eslint-disable-next-line no-control-regex -- control characters are exactly what this looks for
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
/**
 * Whether `text` is exactly the canonical JSON of `value` (manifest.ts's `canonicalJson`)
 * followed by one `\n`, found by walking value and text together, without writing the text
 * again: each key and string compared in place, each number against its own shortest form.
 * Undefined for anything else, including values not in canonical shape or nested deeper than
 * MATCH_DEPTH: the caller then decides the long way. `value` is usually JSON.parse(text).
 */
function canonical_text_matchCanonicalText(text, value) {
    const found = { protoKey: false };
    const end = matchValue(text, 0, value, 0, found);
    return end >= 0 && end === text.length - 1 && text.charCodeAt(end) === 0x0a ? found : undefined;
}
/**
 * Whether `text` is exactly the canonical JSON of `value` where it sits `depth` containers deep
 * in a larger text (a piece of a manifest read as a stream): the same answer as the walk of
 * matchCanonicalText, with the same depth bound counted from the top, and no newline after it.
 * A value already in canonical shape is compared with what JSON.stringify writes of it, which is
 * then its canonical JSON (a third of the walk's time); anything else, or a text that may hold a
 * `__proto__` key, is walked.
 */
function matchCanonicalPiece(text, value, depth) {
    if (!canonical_text_toJsonInherited() && canonical_text_inCanonicalShape(value, depth, MATCH_DEPTH - 1) && !text.includes(PROTO_KEY))
        return JSON.stringify(value) === text ? { protoKey: false } : undefined;
    const found = { protoKey: false };
    return matchValue(text, 0, value, depth, found) === text.length ? found : undefined;
}
/** How an own `__proto__` key is written in canonical JSON (other text may hold it too: then the walk decides). */
const PROTO_KEY = '"__proto__":';
/** Whether JSON.stringify would call an inherited toJSON (a polluted prototype), which the canonical form never does. */
function canonical_text_toJsonInherited() {
    return 'toJSON' in Object.prototype || 'toJSON' in Array.prototype;
}
/** Deeper than this, the reference writer decides (and JSON.stringify's native recursion is never asked). */
const SHAPE_DEPTH = 64;
/**
 * Whether JSON.stringify writes `value` exactly as the reference does: only plain objects and
 * arrays (no holes, no undefined element), finite numbers, strings, booleans and null, and every
 * object's defined keys already in code-unit order, with no container deeper than `maxDepth`
 * (counted from `depth`). Anything else answers false, never throws.
 */
function canonical_text_inCanonicalShape(value, depth, maxDepth = SHAPE_DEPTH) {
    if (value === null)
        return true;
    const t = typeof value;
    if (t === 'string' || t === 'boolean')
        return true;
    if (t === 'number')
        return Number.isFinite(value);
    if (t !== 'object' || depth > maxDepth)
        return false;
    if (Array.isArray(value)) {
        if (Object.getPrototypeOf(value) !== Array.prototype)
            return false;
        for (let i = 0; i < value.length; i++) {
            if (!(i in value) || value[i] === undefined || !canonical_text_inCanonicalShape(value[i], depth + 1, maxDepth))
                return false;
        }
        return true;
    }
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null)
        return false;
    const obj = value;
    let last;
    for (const k in obj) {
        if (!Object.prototype.hasOwnProperty.call(obj, k))
            return false;
        const v = obj[k];
        if (v === undefined)
            continue;
        if (last !== undefined && !(last < k))
            return false;
        if (!canonical_text_inCanonicalShape(v, depth + 1, maxDepth))
            return false;
        last = k;
    }
    return true;
}
/** Where the canonical JSON of `v` at `at` ends in `text`, or -1. */
function matchValue(text, at, v, depth, found) {
    if (v === null)
        return text.startsWith('null', at) ? at + 4 : -1;
    switch (typeof v) {
        case 'string':
            return matchString(text, at, v);
        case 'number': {
            if (!Number.isFinite(v))
                return -1;
            const s = String(v);
            return text.startsWith(s, at) ? at + s.length : -1;
        }
        case 'boolean':
            return v ? (text.startsWith('true', at) ? at + 4 : -1) : text.startsWith('false', at) ? at + 5 : -1;
        case 'object':
            if (depth >= MATCH_DEPTH)
                return -1;
            return Array.isArray(v) ? matchArray(text, at, v, depth, found) : matchObject(text, at, v, depth, found);
        default:
            return -1;
    }
}
function matchString(text, at, s) {
    if (NEEDS_ESCAPE.test(s)) {
        const written = JSON.stringify(s);
        return text.startsWith(written, at) ? at + written.length : -1;
    }
    const close = at + 1 + s.length;
    return text.charCodeAt(at) === 0x22 && text.charCodeAt(close) === 0x22 && text.startsWith(s, at + 1) ? close + 1 : -1;
}
function matchArray(text, at, v, depth, found) {
    if (Object.getPrototypeOf(v) !== Array.prototype || text.charCodeAt(at) !== 0x5b)
        return -1;
    at++;
    for (let i = 0; i < v.length; i++) {
        if (i > 0) {
            if (text.charCodeAt(at) !== 0x2c)
                return -1;
            at++;
        }
        // A hole or an undefined element: JSON.stringify would write null, the reference refuses.
        if (!(i in v) || v[i] === undefined)
            return -1;
        at = matchValue(text, at, v[i], depth + 1, found);
        if (at < 0)
            return -1;
    }
    return text.charCodeAt(at) === 0x5d ? at + 1 : -1;
}
function matchObject(text, at, v, depth, found) {
    const proto = Object.getPrototypeOf(v);
    if ((proto !== Object.prototype && proto !== null) || text.charCodeAt(at) !== 0x7b)
        return -1;
    at++;
    const obj = v;
    let last;
    for (const k in obj) {
        if (!Object.prototype.hasOwnProperty.call(obj, k))
            return -1;
        const x = obj[k];
        // An undefined property is left out, as the reference does.
        if (x === undefined)
            continue;
        if (last !== undefined) {
            if (!(last < k) || text.charCodeAt(at) !== 0x2c)
                return -1;
            at++;
        }
        last = k;
        if (k === '__proto__')
            found.protoKey = true;
        const start = at;
        at = matchString(text, at, k);
        if (at < 0 || text.charCodeAt(at) !== 0x3a)
            return -1;
        at = matchValue(text, at + 1, x, depth + 1, found);
        if (at < 0)
            return -1;
        if (depth === 0 && k === 'digest')
            found.digestAt = [start, at];
    }
    return text.charCodeAt(at) === 0x7d ? at + 1 : -1;
}

;// CONCATENATED MODULE: ./.bundle-in/snapshot/entry-scan.js

/**
 * A piece of a manifest's entries read straight from its bytes, for the shapes index-vault
 * writes: a file, a directory or a symlink entry whose keys, numbers and strings are each in the
 * one spelling the canonical form allows and that needs no escape. What it returns is what
 * JSON.parse makes of the same bytes (the same keys, in the same order, the same values), and it
 * returns only for a text the canonical match accepts: each byte is checked against the one
 * canonical spelling of the value it makes. Anything else — an escape in a string, a number with
 * a fraction or more than 15 digits, another key or order, a shared member name — answers
 * undefined, and the piece is parsed and matched the general way (manifest-stream.ts). It spares
 * the general way's text, its parse tree and its walk of both: a third of a reader's time at
 * 100,000 entries.
 */
function scanEntries(buf, from, to) {
    if (buf[from] !== 0x5b || buf[to - 1] !== 0x5d)
        return undefined;
    const s = new EntryScanner(buf, from + 1, to - 1);
    const out = [];
    for (;;) {
        const e = s.entry();
        if (e === undefined)
            return undefined;
        out.push(e);
        if (s.at === s.end)
            return out;
        if (buf[s.at++] !== 0x2c)
            return undefined;
    }
}
const lit = (s) => Buffer.from(s, 'latin1');
const OPEN = 0x7b;
const K_EXEC = lit('"exec":');
const K_LOC = lit(',"loc":{"length":');
const K_OFFSET = lit(',"offset":');
const K_PACK = lit(',"pack":');
const K_RAW = lit(',"raw":');
const K_SKIP = lit(',"skip":');
const K_SPAN = lit(',"span":');
/** What follows each of a location's numbers: the next key, then the end of the location. */
const LOC_NEXT = [K_OFFSET, K_PACK, K_RAW, K_SKIP, K_SPAN, lit('},')];
const K_MODE = lit('"mode":');
const K_MTIME = lit('"mtimeMs":');
const K_PATH = lit(',"path":');
const K_SHA = lit(',"sha256":');
const K_SIZE = lit(',"size":');
const K_TARGET = lit(',"target":');
const T_FILE = lit(',"type":"file"}');
const T_DIR = lit(',"type":"dir"}');
const T_LINK = lit(',"type":"symlink"}');
const TRUE = lit('true');
const FALSE = lit('false');
/** Digits a number may have here: every integer of up to 15 digits is a double exactly, written back the same. */
const MAX_DIGITS = 15;
class EntryScanner {
    b;
    end;
    at;
    /** A file's location as it is read: length, offset, pack, raw, skip, span. */
    loc = [0, 0, 0, 0, 0, 0];
    /** What modeTimePath read last. */
    mode;
    mtimeMs = 0;
    path = '';
    constructor(b, from, end) {
        this.b = b;
        this.end = end;
        this.at = from;
    }
    /** One entry from `at`, or undefined (where it stops then does not matter). */
    entry() {
        if (this.b[this.at++] !== OPEN)
            return undefined;
        if (this.take(K_EXEC))
            return this.file();
        if (!this.modeTimePath())
            return undefined;
        const { mode, mtimeMs, path } = this;
        if (this.take(T_DIR))
            return mode === undefined ? { mtimeMs, path, type: 'dir' } : { mode, mtimeMs, path, type: 'dir' };
        if (mode !== undefined || !this.take(K_TARGET))
            return undefined;
        const target = this.string();
        if (target === undefined || !this.take(T_LINK))
            return undefined;
        return { mtimeMs, path, target, type: 'symlink' };
    }
    /** A file entry, after `{"exec":`. */
    file() {
        let exec;
        if (this.take(TRUE))
            exec = true;
        else if (this.take(FALSE))
            exec = false;
        else
            return undefined;
        // The location's six numbers, each followed by the next one's key, the last by `},`.
        if (!this.take(K_LOC))
            return undefined;
        const n = this.loc;
        for (let i = 0; i < LOC_NEXT.length; i++) {
            const v = this.number();
            if (v === undefined || !this.take(LOC_NEXT[i]))
                return undefined;
            n[i] = v;
        }
        if (!this.modeTimePath() || !this.take(K_SHA))
            return undefined;
        const { mode, mtimeMs, path } = this;
        const sha256 = this.string();
        if (sha256 === undefined || !this.take(K_SIZE))
            return undefined;
        const size = this.number();
        if (size === undefined || !this.take(T_FILE))
            return undefined;
        const loc = { length: n[0], offset: n[1], pack: n[2], raw: n[3], skip: n[4], span: n[5] };
        return mode === undefined
            ? { exec, loc, mtimeMs, path, sha256, size, type: 'file' }
            : { exec, loc, mode, mtimeMs, path, sha256, size, type: 'file' };
    }
    /** `"mode":N,` where there is one, then `"mtimeMs":N,"path":S`, into `mode`, `mtimeMs` and `path`; false if not so spelled. */
    modeTimePath() {
        this.mode = undefined;
        if (this.take(K_MODE)) {
            this.mode = this.number();
            if (this.mode === undefined || this.b[this.at++] !== 0x2c)
                return false;
        }
        if (!this.take(K_MTIME))
            return false;
        const mtimeMs = this.number();
        if (mtimeMs === undefined || !this.take(K_PATH))
            return false;
        const path = this.string();
        if (path === undefined)
            return false;
        this.mtimeMs = mtimeMs;
        this.path = path;
        return true;
    }
    /** Whether the bytes at `at` are `lit` (and steps over them if so). */
    take(lit) {
        const b = this.b;
        const at = this.at;
        if (at + lit.length > this.end)
            return false;
        for (let i = 0; i < lit.length; i++)
            if (b[at + i] !== lit[i])
                return false;
        this.at = at + lit.length;
        return true;
    }
    /** An integer in its canonical spelling (no leading zero, no `-0`, at most MAX_DIGITS digits). */
    number() {
        const b = this.b;
        let at = this.at;
        const negative = b[at] === 0x2d;
        if (negative)
            at++;
        const start = at;
        let v = 0;
        while (at < this.end) {
            const d = b[at] - 0x30;
            if (d < 0 || d > 9)
                break;
            v = v * 10 + d;
            at++;
        }
        const digits = at - start;
        if (digits === 0 || digits > MAX_DIGITS || (b[start] === 0x30 && (digits > 1 || negative)))
            return undefined;
        // A fraction or an exponent is another spelling: left to the general way.
        const next = b[at];
        if (next === 0x2e || next === 0x65 || next === 0x45)
            return undefined;
        this.at = at;
        return negative ? -v : v;
    }
    /** A string that needs no escape: printable ASCII, or valid UTF-8 (which holds no surrogate). */
    string() {
        const b = this.b;
        if (b[this.at] !== 0x22)
            return undefined;
        const start = this.at + 1;
        let at = start;
        let ascii = true;
        for (;;) {
            if (at >= this.end)
                return undefined;
            const c = b[at];
            if (c === 0x22)
                break;
            if (c === 0x5c || c < 0x20)
                return undefined;
            if (c >= 0x80)
                ascii = false;
            at++;
        }
        this.at = at + 1;
        if (ascii)
            return b.toString('latin1', start, at);
        return (0,external_node_buffer_namespaceObject.isUtf8)(b.subarray(start, at)) ? b.toString('utf8', start, at) : undefined;
    }
}

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
class errors_ValidationError extends IndexVaultError {
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
class errors_PortabilityError extends IndexVaultError {
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

;// CONCATENATED MODULE: ./.bundle-in/shared/bounded-json.js

/** Nesting no object index-vault writes comes near; deeper input is refused. */
const MAX_JSON_DEPTH = 64;
/**
 * JSON.parse for bytes read from a store or a shared directory, refusing input larger than
 * `maxBytes` or nested deeper than MAX_JSON_DEPTH with E_INTEGRITY naming `what`, so nothing that
 * later walks the value recursively (canonical JSON, checks, JSON.stringify) can overflow the
 * stack. V8's JSON.parse does not recurse, so the value is parsed first and its depth measured
 * on the value (a walk of its containers only); the text is scanned only when that walk cannot
 * show the bound, which for valid JSON is exactly when the text breaks it.
 */
function parseBoundedJson(input, what, maxBytes) {
    const text = bounded_json_decodeBoundedJson(input, what, maxBytes);
    const value = bounded_json_parseJsonText(text, what);
    if (!depthWithin(value, MAX_JSON_DEPTH))
        bounded_json_assertJsonDepth(text, what);
    return value;
}
/** Whether a parsed value nests at most `limit` arrays and objects deep (the depth jsonDepth finds in its text). */
function depthWithin(value, limit) {
    if (value === null || typeof value !== 'object')
        return true;
    if (limit <= 0)
        return false;
    if (Array.isArray(value)) {
        for (let i = 0; i < value.length; i++) {
            const v = value[i];
            if (v !== null && typeof v === 'object' && !depthWithin(v, limit - 1))
                return false;
        }
        return true;
    }
    for (const k in value) {
        const v = value[k];
        if (v !== null && typeof v === 'object' && !depthWithin(v, limit - 1))
            return false;
    }
    return true;
}
/**
 * The first step of parseBoundedJson: refuses input larger than `maxBytes`; decodes bytes as UTF-8.
 */
function bounded_json_decodeBoundedJson(input, what, maxBytes) {
    const size = typeof input === 'string' ? Buffer.byteLength(input) : input.length;
    if (size > maxBytes)
        throw new IntegrityError(`${what} is larger than ${maxBytes} bytes`, {
            hint: 'the stored object is damaged or was not written by index-vault',
        });
    return typeof input === 'string' ? input : input.toString('utf8');
}
/** Refuses a text nested deeper than MAX_JSON_DEPTH, as parseBoundedJson does. */
function bounded_json_assertJsonDepth(text, what) {
    if (jsonDepth(text) > MAX_JSON_DEPTH)
        throw new IntegrityError(`${what} is nested more than ${MAX_JSON_DEPTH} levels deep`, {
            hint: 'the stored object is damaged or was not written by index-vault',
        });
}
/**
 * JSON.parse with parseBoundedJson's errors, for a caller that proves the depth bound on the
 * value it walks anyway: V8's JSON.parse does not recurse, so parsing first is safe, and text
 * that does not parse is measured here, so a too-deep one is refused as too deep, as before.
 */
function bounded_json_parseJsonText(text, what) {
    try {
        return JSON.parse(text);
    }
    catch (err) {
        bounded_json_assertJsonDepth(text, what);
        throw new IntegrityError(`${what} is not valid JSON`, { cause: err, hint: 'the stored object is damaged; restore an older snapshot' });
    }
}
/** Deepest nesting of `[` and `{` outside strings; stops counting once past the limit. */
function jsonDepth(text) {
    let depth = 0;
    let deepest = 0;
    for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c === 0x22) {
            // Skip the string, escapes included.
            for (i++; i < text.length; i++) {
                const d = text.charCodeAt(i);
                if (d === 0x5c)
                    i++;
                else if (d === 0x22)
                    break;
            }
        }
        else if (c === 0x5b || c === 0x7b) {
            if (++depth > deepest)
                deepest = depth;
            if (deepest > MAX_JSON_DEPTH)
                return deepest;
        }
        else if (c === 0x5d || c === 0x7d)
            depth--;
    }
    return deepest;
}

;// CONCATENATED MODULE: ./.bundle-in/shared/json-pieces.js
/** Elements written per JSON.stringify call: a piece of a few dozen KB for manifest entries. */
const PIECE_ELEMENTS = 128;
/**
 * JSON.stringify(array) as pieces that join to exactly that text, written a slice at a time. One
 * call over 100,000 entries grows a 27 MB result through fresh memory (~0.5 s on a VM where a
 * first touch is slow); slices of a few dozen KB cost a tenth of that. JSON.stringify of an array
 * is its elements' texts joined by commas, so slicing changes no byte. A generator, so that a
 * caller can encode each piece and let its text go before the next is written.
 */
function* json_pieces_jsonArrayPieces(array) {
    if (array.length <= PIECE_ELEMENTS) {
        yield JSON.stringify(array);
        return;
    }
    yield* json_pieces_jsonElementPieces(array, (slice) => JSON.stringify(slice));
}
/**
 * jsonArrayPieces of elements made one at a time (an iterator, not an array): only a slice of
 * them is alive at once. `write` gives a slice's JSON array text, so a caller chooses how it is
 * written and checked.
 */
function* json_pieces_jsonElementPieces(elements, write) {
    let slice = [];
    let first = true;
    const text = () => {
        // `[a,b` then `,c,d`: each slice's elements without its brackets, joined by a comma.
        const t = write(slice).slice(1, -1);
        const piece = first ? t : `,${t}`;
        first = false;
        slice = [];
        return piece;
    };
    yield '[';
    for (const e of elements) {
        slice.push(e);
        if (slice.length === PIECE_ELEMENTS)
            yield text();
    }
    if (slice.length > 0)
        yield text();
    yield ']';
}
/** UTF-8 bytes of a text; an ASCII one (JSON of ASCII paths is) is copied as it is, without the encoder. */
function json_pieces_utf8Bytes(text) {
    return Buffer.byteLength(text) === text.length ? Buffer.from(text, 'latin1') : Buffer.from(text);
}
/** The UTF-8 bytes of pieces of text (in groups, one after the other), each piece encoded as it comes. */
function bufferedPieces(...groups) {
    return groups.flatMap((pieces) => Array.from(pieces, json_pieces_utf8Bytes));
}

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

;// CONCATENATED MODULE: ./.bundle-in/snapshot/snapshot-id.js


/**
 * Snapshot ids sort by creation time as plain strings: `20261122T143501123Z-1a2b3c4d`.
 * No ':' so they are valid file names and cache keys on every OS; the random tail keeps two
 * snapshots taken in the same millisecond apart.
 */
function newSnapshotId(now = new Date()) {
    const iso = now.toISOString(); // 2026-11-22T14:35:01.123Z
    const stamp = iso.slice(0, 19).replace(/[-:]/g, '') + iso.slice(20, 23) + 'Z';
    return `${stamp}-${randomBytes(4).toString('hex')}`;
}
const ID_RE = /^\d{8}T\d{9}Z-[0-9a-f]{8}$/;
function isSnapshotId(value) {
    return ID_RE.test(value);
}
function assertSnapshotId(value) {
    if (!isSnapshotId(value)) {
        throw new ValidationError(`not a snapshot id: ${JSON.stringify(value)}`, {
            hint: 'ids look like 20261122T143501123Z-1a2b3c4d; listing the store shows them',
        });
    }
    return value;
}
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** Series names become store key prefixes and cache keys: keep them to a safe alphabet. */
function assertSeriesName(name) {
    if (!NAME_RE.test(name) || name.includes('..')) {
        throw new ValidationError(`invalid series name ${JSON.stringify(name)}`, {
            hint: 'use 1–100 characters from A–Z a–z 0–9 . _ - starting with a letter or digit',
        });
    }
    return name;
}
/** Derives a series name from a directory name: `My Index (v2)` → `My-Index-v2`. */
function seriesNameFor(dirName) {
    const cleaned = dirName
        .normalize('NFKD')
        .replace(/[^A-Za-z0-9._-]+/g, '-')
        .replace(/^[^A-Za-z0-9]+/, '')
        .replace(/-+$/, '')
        .replace(/\.\.+/g, '.')
        .slice(0, 100);
    return cleaned.length > 0 ? cleaned : 'index';
}

;// CONCATENATED MODULE: ./.bundle-in/shared/utf8-list.js
/** Strings per stretch whose start is kept: a lookup adds up at most this many lengths. */
const STRETCH = 64;
/** A length that means "kept aside as a string". */
const ASIDE = 0xffff;
/**
 * An append-only list of strings held as their UTF-8 bytes in one growing buffer, with a 16-bit
 * length each and the start of every STRETCH-th: about a string's UTF-8 length plus 2 bytes,
 * where a string kept as such costs ~40 bytes more (its header and an array's slot) — tens of MB
 * for the million names some readers hold. A string UTF-8 cannot hold exactly (a lone surrogate,
 * which a forged manifest may carry) is kept as it is, aside, so no two different strings ever
 * come back as one; so is one of 64 KiB or more.
 */
class Utf8List {
    bytes;
    used = 0;
    lengths;
    starts;
    count = 0;
    aside = new Map();
    /** The last string read and where its bytes start: a reader going in order adds one length, not up to STRETCH. */
    cursor = -1;
    cursorAt = 0;
    /** Room for `count` strings of `bytes` UTF-8 bytes in all, when known: made once, never copied to grow. */
    constructor(count = 1024, bytes = 64 * 1024) {
        const room = Math.max(STRETCH, Math.ceil(count / STRETCH) * STRETCH);
        this.lengths = new Uint16Array(room);
        this.starts = new Float64Array(room / STRETCH);
        this.bytes = Buffer.allocUnsafe(Math.max(1024, bytes));
    }
    get length() {
        return this.count;
    }
    push(s) {
        const i = this.count++;
        if (i === this.lengths.length) {
            const more = new Uint16Array(2 * i);
            more.set(this.lengths);
            this.lengths = more;
            const starts = new Float64Array((2 * i) / STRETCH);
            starts.set(this.starts);
            this.starts = starts;
        }
        if (i % STRETCH === 0)
            this.starts[i / STRETCH] = this.used;
        if (s.length >= ASIDE / 3 || !s.isWellFormed()) {
            this.aside.set(i, s);
            this.lengths[i] = ASIDE;
            return;
        }
        if (this.used + 3 * s.length > this.bytes.length) {
            const more = Buffer.allocUnsafe(Math.max(2 * this.bytes.length, this.used + 3 * s.length));
            this.bytes.copy(more, 0, 0, this.used);
            this.bytes = more;
        }
        const n = this.bytes.write(s, this.used, 'utf8');
        this.used += n;
        this.lengths[i] = n;
    }
    /** Lets go of the room no string uses yet (a list filled once, then read): more strings may still come. */
    trim() {
        const room = Math.max(STRETCH, Math.ceil(this.count / STRETCH) * STRETCH);
        if (room < this.lengths.length) {
            this.lengths = this.lengths.slice(0, room);
            this.starts = this.starts.slice(0, room / STRETCH);
        }
        if (this.used < this.bytes.length) {
            const exact = Buffer.allocUnsafe(Math.max(1024, this.used));
            this.bytes.copy(exact, 0, 0, this.used);
            this.bytes = exact;
        }
    }
    get(i) {
        if (i >>> 0 !== i || i >= this.count)
            throw new RangeError(`no string ${i} of ${this.count}`);
        const { lengths } = this;
        const n = lengths[i];
        if (n === ASIDE)
            return this.aside.get(i);
        let at;
        if (i === this.cursor + 1 && this.cursor >= 0) {
            const before = lengths[this.cursor];
            at = this.cursorAt + (before === ASIDE ? 0 : before);
        }
        else {
            at = this.starts[Math.floor(i / STRETCH)];
            for (let j = i - (i % STRETCH); j < i; j++)
                if (lengths[j] !== ASIDE)
                    at += lengths[j];
        }
        this.cursor = i;
        this.cursorAt = at;
        return this.bytes.toString('utf8', at, at + n);
    }
}

;// CONCATENATED MODULE: ./.bundle-in/snapshot/tree-rules.js



/** Upper bound on entries, so a hostile manifest cannot make us allocate without limit. */
const MAX_ENTRIES = 20_000_000;
/** Links one lookup may pass through, as Linux counts them (macOS stops at 32, Windows at 63). */
const MAX_LINK_HOPS = 40;
/** Tree-level limits, one object for writer and readers; tests lower `maxEntries` to reach it. */
const TREE_LIMITS = { maxEntries: MAX_ENTRIES };
/** One entry of the tree; every field set at construction, so all nodes share one shape. */
class Node {
    type;
    parent;
    depth;
    children;
    target = undefined;
    /** True while its target is being resolved. */
    busy = false;
    final = undefined;
    hops = 1;
    constructor(type, parent, depth) {
        this.type = type;
        this.parent = parent;
        this.depth = depth;
        this.children = type === 'dir' ? new Map() : undefined;
    }
}
/**
 * The rules every snapshot tree obeys, checked in one place by the backup (before anything is
 * stored), by every manifest read (restore, verify, incremental parents) and by scan's link
 * handling: each path safe and within the limits, byte-sorted and unique, nothing under the
 * reserved directory, every parent a listed directory, and every symlink staying inside the tree
 * when resolved the way the OS will resolve it — through the tree's own links, `..` after a link
 * taken from where the link leads. Stops after `max` problems. Linear in the total size of paths
 * and targets: each link is resolved once and remembered.
 */
function treeProblems(entries, options = {}) {
    const check = new TreeCheck(options);
    // Known before any entry is read: reported first, as a reader that counts as it goes cannot.
    if (entries.length > TREE_LIMITS.maxEntries && check.tooMany())
        return check.problems;
    for (const e of entries)
        if (check.add(e))
            return check.problems;
    return check.finish();
}
/**
 * treeProblems one entry at a time, for a reader that does not hold the entries: it keeps the
 * directories, and of every other entry only its path (links are resolved once all are in).
 */
class TreeCheck {
    problems = [];
    max;
    reserved;
    root = new Node('dir', undefined, 0);
    // Only directories can be parents; files and links join the tree (for resolving links) only if there are links.
    dirs = new Map([['', this.root]]);
    /**
     * Every other entry's name and parent, in order: the names as UTF-8 (Utf8List), ~40 bytes an
     * entry less than paths kept as strings, held by every reader until a manifest's last entry.
     */
    otherNames = new Utf8List();
    otherParents = [];
    /** `other`: the link's place among the other entries. */
    links = [];
    count = 0;
    countReported = false;
    prev;
    // The last parent found: sorted siblings share it, so most entries need no lookup.
    lastParentPath = '';
    lastParent = this.root;
    constructor(options = {}) {
        this.max = options.max ?? Infinity;
        this.reserved = options.reserved;
    }
    /** Records a problem; true once `max` are found (the caller stops). */
    report(p) {
        return this.problems.push(p) >= this.max;
    }
    /** Reports that there are more entries than a tree may hold (once); true once `max` problems are found. */
    tooMany() {
        if (this.countReported)
            return false;
        this.countReported = true;
        return this.report({ path: '', rule: 'count', why: `more than ${TREE_LIMITS.maxEntries} entries` });
    }
    /** The next entry, in the tree's order; true once `max` problems are found. */
    add(e) {
        if (++this.count > TREE_LIMITS.maxEntries && this.tooMany())
            return true;
        const bad = pathProblem(e.path);
        if (bad)
            return this.report({ path: String(e.path), rule: 'path', why: bad.why, portable: bad.portable });
        if (this.prev !== undefined && comparePaths(this.prev, e.path) >= 0)
            return this.report({ path: e.path, rule: 'order', why: 'entries not sorted or duplicated' });
        this.prev = e.path;
        const reserved = this.reserved;
        if (reserved !== undefined && (e.path === reserved || e.path.startsWith(`${reserved}/`)))
            return this.report({ path: e.path, rule: 'reserved', why: `${reserved}/ is reserved for pack metadata` });
        // Every parent must be listed as a directory: no implicit directories, nothing under a symlink.
        const slash = e.path.lastIndexOf('/');
        const parentLength = slash < 0 ? 0 : slash;
        let parent;
        if (parentLength === this.lastParentPath.length && e.path.startsWith(this.lastParentPath))
            parent = this.lastParent;
        else {
            this.lastParentPath = slash < 0 ? '' : e.path.slice(0, slash);
            parent = this.lastParent = this.dirs.get(this.lastParentPath);
        }
        if (parent === undefined)
            return this.report({ path: e.path, rule: 'parent', why: 'its parent is not a directory entry of the tree' });
        if (e.type === 'dir') {
            const node = new Node(e.type, parent, parent.depth + 1);
            parent.children.set(slash < 0 ? e.path : e.path.slice(slash + 1), node);
            this.dirs.set(e.path, node);
            return false;
        }
        if (e.type === 'symlink') {
            const target = e.target;
            if (typeof target !== 'string' || target.length === 0 || Buffer.byteLength(target) > MAX_LINK_TARGET_BYTES || target.includes('\0')) {
                this.pushOther(e, parent);
                return this.report({
                    path: e.path,
                    rule: 'link',
                    why: `symlink target is empty, not text, contains NUL or is longer than ${MAX_LINK_TARGET_BYTES} bytes`,
                });
            }
            this.links.push({ path: e.path, target, node: this.root, other: this.otherParents.length });
        }
        this.pushOther(e, parent);
        return false;
    }
    /** Every problem, once all entries are in (resolving the links through the whole tree). */
    finish() {
        const { links, otherNames, otherParents } = this;
        if (links.length > 0) {
            // The rest of the tree, for the links to be resolved through; `links` are in the same order as they appear here.
            let l = 0;
            for (let i = 0; i < otherParents.length; i++) {
                const parent = otherParents[i];
                // Only whether a node is a directory decides how a lookup goes on through it.
                const node = new Node('other', parent, parent.depth + 1);
                parent.children.set(otherNames.get(i), node);
                if (l < links.length && links[l].other === i) {
                    node.target = links[l].target;
                    links[l++].node = node;
                }
            }
        }
        for (const { path, node } of links) {
            const why = linkProblem(path, node);
            if (why && this.report({ path, rule: 'link', why }))
                break;
        }
        return this.problems;
    }
    pushOther(e, parent) {
        this.otherNames.push(e.path.slice(e.path.lastIndexOf('/') + 1));
        this.otherParents.push(parent);
    }
}
/**
 * The backup's refusal of a tree that breaks these rules: one line naming the path and the rule
 * when there is one problem; E_PORTABILITY when every problem is only about other systems.
 */
function refuseTree(problems, source) {
    const show = (p) => (p.length > 120 ? `${p.slice(0, 60)}…${p.slice(-50)} (${Buffer.byteLength(p)} bytes)` : p);
    const lines = problems.slice(0, 20).map((p) => `${JSON.stringify(show(p.path))}: ${p.why}`);
    const text = lines.length === 1 ? lines[0] : `${problems.length} path(s) of ${source}:\n  ${lines.join('\n  ')}`;
    const options = { hint: 'rename or move them: every restore refuses a snapshot that holds them', details: { problems } };
    if (problems.every((p) => p.portable))
        throw new PortabilityError(`cannot snapshot ${text}`, options);
    throw new ValidationError(`cannot snapshot ${text}`, options);
}
/** Why a symlink may not be in the tree, or undefined. */
function linkProblem(path, node) {
    // Read as text first: that alone keeps absolute and climbing targets out, on every OS.
    if (!linkStaysInside(path, node.target))
        return `symlink to ${JSON.stringify(node.target)} points outside the tree`;
    const outcome = resolve(node, 0);
    if (outcome.kind === 'out')
        return `symlink to ${JSON.stringify(node.target)} leads outside the tree through the tree's own links`;
    if (outcome.kind === 'loop')
        return `symlink to ${JSON.stringify(node.target)} goes round a loop of links or through more than ${MAX_LINK_HOPS} links`;
    return undefined;
}
const LOOP = { kind: 'loop' };
const OUT = { kind: 'out' };
const DEEP = { kind: 'deep' };
/** Where a link leads, resolved through the tree's links; remembered per link. */
function resolve(link, stack) {
    if (link.final)
        return link.final;
    if (link.busy)
        return LOOP;
    if (stack > MAX_LINK_HOPS)
        return DEEP;
    link.busy = true;
    const o = follow(link, stack);
    link.busy = false;
    // A result cut short by the recursion bound is only certain for the outermost link.
    if (o === DEEP && stack > 0)
        return o;
    link.final = o === DEEP ? LOOP : o;
    return link.final;
}
/** Walks a link's target from the link's directory; sets link.hops to the links it passed through. */
function follow(link, stack) {
    link.hops = 1;
    let cur = link.parent;
    // Once the path leaves what the tree holds, the rest is followed as text from this depth.
    let lexical = -1;
    let last;
    const target = link.target;
    for (let start = 0; start <= target.length;) {
        let end = target.indexOf('/', start);
        if (end < 0)
            end = target.length;
        const seg = target.slice(start, end);
        start = end + 1;
        if (seg === '' || seg === '.')
            continue;
        last = undefined;
        if (lexical >= 0) {
            if (seg !== '..')
                lexical++;
            else if (--lexical < 0)
                return OUT;
            continue;
        }
        if (seg === '..') {
            // POSIX takes `..` physically: from where the path has actually got to, links included.
            if (cur.parent === undefined)
                return OUT;
            cur = cur.parent;
            continue;
        }
        let child = cur.children?.get(seg);
        if (child === undefined) {
            lexical = cur.depth + 1;
            continue;
        }
        if (child.target !== undefined) {
            const o = resolve(child, stack + 1);
            if (o.kind === 'out' || o.kind === 'loop' || o.kind === 'deep')
                return o;
            link.hops += child.hops;
            if (link.hops > MAX_LINK_HOPS)
                return LOOP;
            if (o.kind === 'dangling') {
                lexical = o.depth;
                continue;
            }
            child = o.node;
        }
        if (child.type === 'dir')
            cur = child;
        else {
            // A file (or anything else) in the middle of a path is a dead end; followed as text after it.
            lexical = child.depth;
            last = child;
        }
    }
    if (lexical >= 0 && last === undefined)
        return { kind: 'dangling', depth: lexical };
    return { kind: 'at', node: last ?? cur };
}

;// CONCATENATED MODULE: ./.bundle-in/snapshot/manifest.js











const MANIFEST_FORMAT = 'index-vault.snapshot';
/** The version writers write; readers also read every earlier one (1: no `mode`, only `exec`). */
const FORMAT_VERSION = 2;
/** Reserved top-level directory inside packs for pack metadata. */
const META_DIR = '.index-vault';
/** Largest manifest read or written: below V8's longest string, which the text must fit in. */
const MAX_MANIFEST_BYTES = 500 * 1024 * 1024;
/**
 * Canonical JSON (RFC 8785, JCS; docs/format.md states the rule): keys sorted by UTF-16 code
 * units, numbers and strings as ECMAScript's JSON.stringify writes them, no whitespace. A lone
 * surrogate is written as its lowercase `\udxxx` escape (JCS would refuse it) so a stored
 * manifest that holds one still hashes as it did; values JSON cannot hold (NaN, ±Infinity,
 * undefined outside an object, functions, bigints, non-plain objects) are refused, not guessed.
 * A value already in canonical shape (every object's keys in sorted order, as a parsed canonical
 * text and every manifest index-vault builds are) is written by JSON.stringify, which then writes
 * exactly that; any other goes through the reference writer below.
 */
function canonicalJson(value) {
    return !toJsonInherited() && inCanonicalShape(value, 0) ? JSON.stringify(value) : referenceCanonicalJson(value);
}
/** The rule written out plainly: sorts every object's keys. Slower; the definition the fast path must equal. */
function referenceCanonicalJson(value) {
    if (Array.isArray(value))
        return `[${Array.from(value, referenceCanonicalJson).join(',')}]`;
    if (value !== null && typeof value === 'object') {
        const proto = Object.getPrototypeOf(value);
        if (proto !== Object.prototype && proto !== null)
            throw new TypeError(`canonical JSON holds plain objects only, not ${Object.prototype.toString.call(value)}`);
        // An undefined property is left out, as JSON.stringify does: optional fields are absent.
        const keys = Object.keys(value)
            .filter((k) => value[k] !== undefined)
            .sort();
        return `{${keys.map((k) => `${JSON.stringify(k)}:${referenceCanonicalJson(value[k])}`).join(',')}}`;
    }
    if (typeof value === 'number' && !Number.isFinite(value))
        throw new TypeError(`canonical JSON has no ${value}`);
    if (value !== null && typeof value !== 'string' && typeof value !== 'number' && typeof value !== 'boolean')
        throw new TypeError(`canonical JSON has no ${typeof value}`);
    return JSON.stringify(value);
}
/**
 * The canonical JSON of a manifest's (or its body's) top-level fields, as [key, value text] in
 * sorted order: joined with or without `digest`, one serialization gives both the text a writer
 * stores and the text its digest is of.
 */
function canonicalMembers(value) {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null)
        throw new TypeError(`canonical JSON holds plain objects only, not ${Object.prototype.toString.call(value)}`);
    const obj = value;
    const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
    return keys.map((k) => [k, canonicalJson(obj[k])]);
}
/** The same as `"key":value` pairs. */
function canonicalPairs(value) {
    return canonicalMembers(value).map(([k, v]) => [k, `${JSON.stringify(k)}:${v}`]);
}
const joinPairs = (pairs, omit) => `{${pairs.flatMap(([k, p]) => (k === omit ? [] : [p])).join(',')}}`;
function sha256Digest(text) {
    return `sha256:${createHash('sha256').update(text).digest('hex')}`;
}
function manifestDigest(body) {
    return sha256Digest(canonicalJson(body));
}
function sealManifest(body) {
    return sealManifestText(body).manifest;
}
/**
 * Seals a manifest and returns the bytes to store with it: its fields serialized and encoded
 * once (sealMembers), with a gap for the digest member; the digest is hashed from the bytes
 * around the gap (which are the body's canonical text, as a reader cuts them out too), then
 * written into it.
 */
function sealManifestText(body) {
    const out = new ChunkArray();
    const digest = sealMembers(canonicalMembersInPieces(body), out);
    return { manifest: { ...body, digest }, bytes: Buffer.concat(out.chunks) };
}
/**
 * sealManifestText for entries made one at a time (an iterator): only a slice of them is alive
 * at once, never the array. `rest` gives the packs and totals, which sort after the entries, once
 * the last entry is made (the entries decide them); the manifest is returned without its entries.
 * The text goes to `out` as it is encoded (never whole in one buffer).
 */
function sealManifestEntries(head, entries, rest, out) {
    let made;
    let entriesDone = false;
    const after = () => {
        if (!entriesDone)
            throw new Error('the packs and totals of a manifest are asked for before its entries are made');
        return (made ??= rest());
    };
    const members = canonicalMembersInPieces(head).filter(([k]) => k !== 'entries' && k !== 'packs' && k !== 'totals');
    members.push([
        'entries',
        function* () {
            yield* jsonElementPieces(entries, canonicalJson);
            entriesDone = true;
        },
    ], ['packs', () => [canonicalJson(after().packs)]], ['totals', () => [canonicalJson(after().totals)]]);
    members.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    const digest = sealMembers(members, out);
    return { ...head, ...after(), digest };
}
/** A ChunkSink that keeps the chunks as they were encoded; iterating gives them in order. */
class ChunkArray {
    chunks = [];
    text(t) {
        const b = json_pieces_utf8Bytes(t);
        this.chunks.push(b);
        return b;
    }
    hole() {
        return this.chunks.push(Buffer.alloc(0)) - 1;
    }
    fill(at, b) {
        this.chunks[at] = b;
    }
    [Symbol.iterator]() {
        return this.chunks[Symbol.iterator]();
    }
}
/**
 * The stored bytes of members in sorted order (each value's text as pieces, made when its turn
 * comes and encoded at once, its text let go), with the digest member hashed from the bytes
 * around it (the body's canonical text, as a reader cuts it out too) and written into its gap
 * (`out.hole`). Returns the digest.
 */
function sealMembers(all, out) {
    const members = all.filter(([k]) => k !== 'digest');
    const count = members.length;
    // Members are sorted: the digest goes after those whose keys sort before it.
    let before = 0;
    while (before < count && members[before][0] < 'digest')
        before++;
    const hash = createHash('sha256');
    const add = (text) => hash.update(out.text(text));
    add('{');
    let gap = -1;
    for (let i = 0; i <= count; i++) {
        if (i === before)
            gap = out.hole(); // `"digest":"sha256:<64 hex>"`, and the comma joining it to a neighbour
        if (i === count)
            break;
        const [k, pieces] = members[i];
        add(`${i > 0 ? ',' : ''}${JSON.stringify(k)}:`);
        for (const piece of pieces())
            add(piece);
    }
    add('}');
    const digest = `sha256:${hash.digest('hex')}`;
    const member = `"digest":${JSON.stringify(digest)}`;
    // The comma follows the member when it comes first, and precedes it otherwise.
    out.fill(gap, Buffer.from(count === 0 ? member : before === 0 ? `${member},` : `,${member}`, 'latin1'));
    out.text('\n');
    return digest;
}
/** canonicalMembers, each value as pieces whose concatenation is its canonical JSON (an array in canonical shape a slice at a time). */
function canonicalMembersInPieces(value) {
    const proto = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null)
        throw new TypeError(`canonical JSON holds plain objects only, not ${Object.prototype.toString.call(value)}`);
    const obj = value;
    const keys = Object.keys(obj)
        .filter((k) => obj[k] !== undefined)
        .sort();
    return keys.map((k) => {
        const v = obj[k];
        return [k, () => canonicalPieces(v)];
    });
}
function canonicalPieces(value) {
    return !toJsonInherited() && Array.isArray(value) && inCanonicalShape(value, 0) ? jsonArrayPieces(value) : [canonicalJson(value)];
}
function serializeManifest(manifest) {
    return utf8Bytes(canonicalJson(manifest) + '\n');
}
const HEX64 = /^[0-9a-f]{64}$/;
const PACK_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;
function isCount(v) {
    return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}
/**
 * canonicalPairs of a parsed manifest. A number too large for a double (`1e400`) parses to
 * Infinity, which no canonical text holds: such bytes are not a manifest's canonical form.
 */
function storedPairs(m, what) {
    try {
        return canonicalPairs(m);
    }
    catch (err) {
        if (!(err instanceof TypeError))
            throw err;
        throw new IntegrityError(`${what} is not in canonical form`, {
            hint: 'the stored manifest is damaged; verify the store and restore another snapshot',
        });
    }
}
/** A location's fields are all counts (each in turn, no array per entry), its length not 0. */
function isLocation(loc) {
    if (typeof loc !== 'object' || loc === null)
        return false;
    const { pack, offset, length, raw, skip, span } = loc;
    return isCount(pack) && isCount(offset) && isCount(length) && isCount(raw) && isCount(skip) && isCount(span) && length !== 0;
}
/**
 * Where a parsed JSON value has an own `__proto__` key (as a path like `source.facts.tags`), or
 * undefined. Other keys are data: `constructor` or `prototype` may be a user's tag or table name,
 * and an own data property of that name changes nothing. Iterative, over a value whose depth
 * and size parseManifest already bounded.
 */
function protoKeyPath(root) {
    const stack = [[root, '(top)']];
    while (stack.length > 0) {
        const [v, at] = stack.pop();
        if (v === null || typeof v !== 'object')
            continue;
        if (Array.isArray(v)) {
            for (let i = v.length - 1; i >= 0; i--)
                stack.push([v[i], `${at}[${i}]`]);
            continue;
        }
        if (Object.prototype.hasOwnProperty.call(v, '__proto__'))
            return at;
        for (const [k, child] of Object.entries(v))
            if (child !== null && typeof child === 'object')
                stack.push([child, at === '(top)' ? k : `${at}.${k}`]);
    }
    return undefined;
}
/** A key spelled `__proto__` appears in the text as such or with a `\\u` escape in it: without either, no walk is needed. */
function mayHoldProtoKey(text) {
    return text.includes('__proto__') || text.includes('\\u');
}
/**
 * The digest of a manifest whose bytes are proven to be its canonical text: the hash of those
 * bytes without the `digest` member (and the comma that joins it), which is the canonical text
 * of the body, hashed as bytes without writing it again.
 */
function bodyDigestOfText(bytes, text, [start, end]) {
    // Valid UTF-8 (checked by the caller) as long as its text is ASCII: offsets are byte offsets.
    const ascii = text.length === bytes.length;
    const byteAt = (i) => (ascii ? i : Buffer.byteLength(text.slice(0, i)));
    const first = text.charCodeAt(start - 1) === 0x7b;
    const cutFrom = byteAt(first ? start : start - 1);
    const cutTo = byteAt(first && text.charCodeAt(end) === 0x2c ? end + 1 : end);
    const hash = createHash('sha256')
        .update(bytes.subarray(0, cutFrom))
        .update(bytes.subarray(cutTo, bytes.length - 1));
    return `sha256:${hash.digest('hex')}`;
}
/**
 * Parses and checks a stored manifest: its digest, its version, and every field a restore will
 * trust. A manifest is input like any other: it may have been written by an attacker who can
 * write the store, so every path, range and count is validated here, once.
 */
function manifest_parseManifest(bytes, what = 'manifest') {
    const text = decodeBoundedJson(bytes, what, MAX_MANIFEST_BYTES);
    const m = parseJsonText(text, what);
    // Stored bytes (valid UTF-8, so that they are the text's own bytes: a byte that is not decodes
    // to U+FFFD, and a text as long as its bytes may still hold one) are usually the canonical text
    // exactly: matched in place, that proves the depth bound and the canonical form, finds any
    // __proto__ key, and locates the digest so that it is computed from the bytes as read.
    const bytesAreText = typeof bytes !== 'string' && isUtf8(bytes);
    const match = bytesAreText ? matchCanonicalText(text, m) : undefined;
    if (!match)
        assertJsonDepth(text, what);
    // An own `__proto__` key (JSON.parse makes one, however it is spelled) would become a prototype
    // change once the object is spread or assigned; no manifest index-vault writes has one.
    const proto = (match ? match.protoKey : mayHoldProtoKey(bytes)) ? protoKeyPath(m) : undefined;
    if (proto !== undefined)
        malformed(what)(`it has a "__proto__" key at ${proto}`);
    checkManifestFormat(m, what);
    const digest = m.digest;
    const fast = match?.digestAt !== undefined && typeof digest === 'string';
    const pairs = fast ? undefined : storedPairs(m, what);
    const computed = fast ? bodyDigestOfText(bytes, text, match.digestAt) : sha256Digest(joinPairs(pairs, 'digest'));
    if (typeof digest !== 'string' || computed !== digest) {
        throw new IntegrityError(`${what} digest does not match its content`, {
            hint: 'the stored manifest is damaged; verify the store and restore another snapshot',
        });
    }
    // Byte-exact: a changed byte anywhere, even insignificant whitespace, is damage.
    if (!fast && typeof bytes !== 'string' && !bytes.equals(Buffer.from(joinPairs(pairs) + '\n'))) {
        throw new IntegrityError(`${what} is not in canonical form`, {
            hint: 'the stored manifest is damaged; verify the store and restore another snapshot',
        });
    }
    checkManifestFields(m, what);
    return m;
}
function malformed(what) {
    return (why) => {
        throw new errors_IntegrityError(`${what} is malformed: ${why}`, { hint: 'the stored object is damaged or was not written by index-vault' });
    };
}
/** parseManifest's checks before the digest: an object, of this format, in a version this reads. */
function checkManifestFormat(m, what) {
    const bad = malformed(what);
    if (m === null || typeof m !== 'object' || Array.isArray(m))
        bad('not an object');
    if (m.format !== MANIFEST_FORMAT)
        bad(`format is ${JSON.stringify(m.format)}, expected ${MANIFEST_FORMAT}`);
    if (!isCount(m.formatVersion) || m.formatVersion < 1 || m.formatVersion > FORMAT_VERSION) {
        if (isCount(m.formatVersion) && m.formatVersion > FORMAT_VERSION) {
            throw new UnsupportedError(`${what} uses snapshot format ${m.formatVersion}; this index-vault reads formats 1 to ${FORMAT_VERSION}`, {
                hint: 'upgrade index-vault to restore it',
            });
        }
        bad(`unknown format version ${JSON.stringify(m.formatVersion)}`);
    }
}
/** parseManifest's checks after the digest and the canonical form: every field a restore will trust. */
function checkManifestFields(m, what) {
    checkManifestHead(m, what);
    // Each entry's own fields first; then what the packs, the version and the totals say of them, and the tree.
    const checks = new EntryChecks(what);
    for (const e of m.entries)
        checks.add(e);
    checks.finish(m);
}
/** checkManifestFields's checks of every member but the entries. */
function checkManifestHead(m, what) {
    const bad = malformed(what);
    if (!isSnapshotId(m.id))
        bad('bad id');
    if (typeof m.series !== 'string')
        bad('bad series');
    if (m.kind !== 'full' && m.kind !== 'incremental')
        bad('bad kind');
    if (!isCount(m.depth) || (m.kind === 'full') !== (m.depth === 0) || (m.kind === 'full') !== (m.parent === null))
        bad('kind, depth and parent disagree');
    if (m.parent !== null && (typeof m.parent !== 'object' || !isSnapshotId(m.parent.id) || typeof m.parent.digest !== 'string'))
        bad('bad parent');
    if (m.parent !== null && m.parent.id === m.id)
        bad('it is its own parent');
    if (typeof m.source !== 'object' || m.source === null || typeof m.source.format !== 'string')
        bad('bad source');
    const t = m.totals;
    if (typeof t !== 'object' || t === null || ![t.files, t.dirs, t.symlinks, t.bytes, t.packedBytes, t.storedBytes].every(isCount))
        bad('bad totals');
    if (!Array.isArray(m.packs) || !Array.isArray(m.entries))
        bad('packs/entries missing');
    checkPacks(m.packs, bad);
}
/**
 * checkManifestFields's checks of the entries, one entry at a time, so that a reader need not
 * hold them: each entry's own fields at once; what the packs, the format version and the totals
 * decide (a manifest's text gives them after the entries) from what is kept: per pack the
 * furthest ends, per format version the first entry whose mode it refuses, the counts, and the
 * tree as tree-rules.ts keeps it. The rules are these, for every reader, whole or streamed.
 */
class EntryChecks {
    bad;
    tree = new TreeCheck({ reserved: META_DIR, max: 1 });
    treeFull = false;
    count = { file: 0, dir: 0, symlink: 0, bytes: 0 };
    reach = new Map();
    /** By format version, the first entry's mode problem under it. */
    modeProblems = [];
    constructor(what) {
        this.bad = malformed(what);
    }
    add(e) {
        const bad = this.bad;
        if (typeof e !== 'object' || e === null || Array.isArray(e) || typeof e.path !== 'string')
            bad('bad entry');
        if (typeof e.mtimeMs !== 'number' || !Number.isFinite(e.mtimeMs))
            bad(`bad mtime for ${e.path}`);
        if (e.type === 'file') {
            if (!isCount(e.size) || typeof e.exec !== 'boolean' || typeof e.sha256 !== 'string' || !HEX64.test(e.sha256))
                bad(`bad file entry ${e.path}`);
            const loc = e.loc;
            if (!isLocation(loc))
                bad(`bad location for ${e.path}`);
            if (loc.skip > loc.raw || loc.span < 512 + e.size)
                bad(`location of ${e.path} is outside its pack`);
            const end = loc.offset + loc.length;
            const rawEnd = loc.raw + loc.span;
            const r = this.reach.get(loc.pack);
            if (r === undefined)
                this.reach.set(loc.pack, { first: e.path, end, endPath: e.path, rawEnd, rawPath: e.path });
            else {
                if (end > r.end)
                    [r.end, r.endPath] = [end, e.path];
                if (rawEnd > r.rawEnd)
                    [r.rawEnd, r.rawPath] = [rawEnd, e.path];
            }
            if (loc.member !== undefined)
                assertSafeRelativePath(loc.member, 'member name');
            this.count.bytes += e.size;
        }
        else if (e.type === 'symlink') {
            if (typeof e.target !== 'string')
                bad(`bad symlink entry ${e.path}`);
        }
        else if (e.type !== 'dir') {
            bad(`unsupported entry type ${JSON.stringify(e.type)}`);
        }
        this.count[e.type]++;
        for (let v = 1; v <= FORMAT_VERSION; v++)
            this.modeProblems[v] ??= modeProblem(v, e);
        if (!this.treeFull)
            this.treeFull = this.tree.add(e);
    }
    /** The checks that needed the rest of the manifest; the tree's last. */
    finish(m) {
        const bad = this.bad;
        for (const [index, r] of this.reach) {
            const pack = m.packs[index];
            if (pack === undefined)
                bad(`location of ${r.first} is outside its pack`);
            if (r.end > pack.size)
                bad(`location of ${r.endPath} is outside its pack`);
            if (r.rawEnd > pack.rawSize)
                bad(`location of ${r.rawPath} is outside its pack`);
        }
        const mode = this.modeProblems[m.formatVersion];
        if (mode !== undefined)
            bad(mode);
        const { count } = this;
        const t = m.totals;
        if (count.file !== t.files || count.dir !== t.dirs || count.symlink !== t.symlinks || count.bytes !== t.bytes)
            bad('totals disagree with the entries');
        const [problem] = this.treeFull ? this.tree.problems : this.tree.finish();
        if (problem) {
            if (problem.rule === 'path')
                throw new UnsafeEntryError(`refusing manifest path ${JSON.stringify(problem.path)}: ${problem.why}`, {
                    details: { path: problem.path },
                });
            bad(`${JSON.stringify(problem.path)}: ${problem.why}`);
        }
    }
}
/**
 * Format 2 records the permission bits of every file and directory (and nothing else: no setuid,
 * setgid or sticky bit), with `exec` saying the same as the mode's execute bits; format 1 has no
 * mode at all. Symlinks never have one.
 */
function modeProblem(version, e) {
    const mode = e.mode;
    if (version < 2 || e.type === 'symlink') {
        if (mode !== undefined)
            return `${JSON.stringify(e.path)} has a mode, which ${e.type === 'symlink' ? 'a symlink' : `format ${version}`} does not record`;
        return undefined;
    }
    if (!isPermissionMode(mode))
        return `bad mode for ${e.path}: ${JSON.stringify(mode)} (expected permission bits 0 to 0o777)`;
    if (e.type === 'file' && e.exec !== ((mode & 0o111) !== 0))
        return `exec and mode of ${e.path} disagree`;
    return undefined;
}
/** Bytes a file takes as a tar member body: its size rounded up to 512. */
function paddedSize(size) {
    return Math.ceil(size / 512) * 512;
}
/** Each pack of a manifest: a name of the pack pattern, listed once, a known codec, sizes, digest and origin. */
function checkPacks(packs, bad) {
    const names = new Set();
    for (const p of packs) {
        if (typeof p !== 'object' || p === null)
            bad('bad pack');
        if (typeof p.name !== 'string' || !PACK_NAME.test(p.name))
            bad(`bad pack name ${JSON.stringify(p.name)}`);
        if (names.has(p.name))
            bad(`pack ${p.name} listed twice`);
        names.add(p.name);
        if (p.codec !== 'zstd' && p.codec !== 'gzip')
            bad(`unknown codec ${JSON.stringify(p.codec)}`);
        if (!isCount(p.size) || !isCount(p.rawSize) || typeof p.sha256 !== 'string' || !HEX64.test(p.sha256))
            bad(`bad pack ${p.name}`);
        if (!isSnapshotId(p.origin))
            bad(`bad pack origin for ${p.name}`);
    }
}

;// CONCATENATED MODULE: ./.bundle-in/snapshot/manifest-stream.js





/** The top-level keys of every manifest index-vault writes, in canonical order; any other text falls back. */
const KEYS = [
    'createdAt',
    'depth',
    'digest',
    'entries',
    'format',
    'formatVersion',
    'id',
    'kind',
    'packs',
    'parent',
    'series',
    'source',
    'tool',
    'totals',
];
/** Each member's opening text: `"key":`, after a comma for all but the first. */
const OPENINGS = KEYS.map((k) => Buffer.from(`${JSON.stringify(k)}:`, 'latin1'));
const ENTRIES = KEYS.indexOf('entries');
/** The digest member is cut from the hashed bytes together with the comma before it (it never comes first). */
const DIGEST = KEYS.indexOf('digest');
/**
 * Entries are parsed this many bytes of text at a time (a whole entry more, at most); tests ask
 * for less. Small enough that each piece's string is made in V8's young generation, whose pages
 * are reused: a string past 128 KiB is put in fresh pages, which cost as much again as decoding it.
 */
const BATCH_BYTES = 64 * 1024;
const manifest_stream_OPEN = 0;
const KEY = 1;
const VALUE = 2;
const ARRAY = 3;
const FIRST_ENTRY = 4;
const ENTRY = 5;
const AFTER_ARRAY = 6;
const NEWLINE = 7;
const DONE = 8;
/** Why the stream route gave up on a text: the whole-object route then decides. */
class Off {
    why;
    constructor(why) {
        this.why = why;
    }
}
function off(why) {
    throw new Off(why);
}
/**
 * Reads a manifest's canonical text chunk by chunk, keeping only what it parses: the top-level
 * members one at a time, the entries in batches of about BATCH_BYTES (each decoded, parsed
 * natively and matched against its own text, then dropped), the digest hashed from the bytes as
 * they pass. It accepts only a text that is valid UTF-8 and exactly canonical with the members a
 * manifest has, in order, and a manifest parseManifest accepts (its own checks, run on the
 * result); for anything else it answers why not, and parseManifest decides on the whole object.
 * So what it returns is what parseManifest would return for the same bytes.
 */
class ManifestStream {
    batchBytes;
    sink;
    digestLater;
    state = manifest_stream_OPEN;
    member = 0;
    openingAt = 0;
    /** Scanner state of a top-level value being read: nesting, and whether inside a string, after a backslash. */
    depth = 0;
    inString = false;
    escaped = false;
    valueParts = [];
    head = new Map();
    /** The entries, unless a sink takes each instead. */
    entries;
    /** The entries' checks as they come (the rest once the members after them are read). */
    checks;
    /** Text of whole entries not yet parsed, after a `[`; grown if one entry is larger. */
    batch;
    batchLength = 0;
    /** No cut was found in the batch before this (a bound on searching one long entry again and again). */
    searchedTo = 0;
    hash = (0,external_node_crypto_namespaceObject.createHash)('sha256');
    hashing = true;
    /** Where hashing resumes in the current chunk. */
    hashFrom = 0;
    total = 0;
    constructor(batchBytes, what, sink, 
    /** The digest member holds a stand-in: the manifest is checked with the digest its bytes give (see DeferredDigestCheck). */
    digestLater = false) {
        this.batchBytes = batchBytes;
        this.sink = sink;
        this.digestLater = digestLater;
        // What a cut leaves, and the next step's bytes.
        this.batch = Buffer.allocUnsafe(2 * batchBytes + 16);
        this.entries = sink ? undefined : [];
        this.checks = new EntryChecks(what);
    }
    push(chunk) {
        this.total += chunk.length;
        if (this.total > MAX_MANIFEST_BYTES)
            off('larger than a manifest may be');
        const n = chunk.length;
        this.hashFrom = 0;
        let i = 0;
        while (i < n) {
            switch (this.state) {
                case manifest_stream_OPEN:
                    if (chunk[i++] !== 0x7b)
                        off('not an object');
                    this.state = KEY;
                    break;
                case KEY: {
                    const opening = OPENINGS[this.member];
                    while (i < n && this.openingAt < opening.length) {
                        if (chunk[i++] !== opening[this.openingAt++])
                            off(`not the member ${KEYS[this.member]} where it belongs`);
                    }
                    if (this.openingAt === opening.length) {
                        this.openingAt = 0;
                        if (this.member === ENTRIES)
                            this.state = ARRAY;
                        else
                            this.startValue(VALUE);
                    }
                    break;
                }
                case VALUE: {
                    const end = this.scanValue(chunk, i, n);
                    // Copied: a caller may reuse a chunk's memory once it is read.
                    if (end > i)
                        this.valueParts.push(Buffer.from(chunk.subarray(i, end)));
                    i = end;
                    if (end < n) {
                        this.endMember(chunk, end);
                        i++;
                    }
                    break;
                }
                case ARRAY:
                    if (chunk[i++] !== 0x5b)
                        off('entries are not an array');
                    this.state = FIRST_ENTRY;
                    break;
                case FIRST_ENTRY:
                    if (chunk[i] === 0x5d) {
                        i++;
                        this.state = AFTER_ARRAY;
                    }
                    else {
                        this.batch[0] = 0x5b;
                        this.batchLength = 1;
                        this.state = ENTRY;
                    }
                    break;
                case ENTRY:
                    i = this.takeEntries(chunk, i, n);
                    break;
                case AFTER_ARRAY:
                    if (chunk[i++] !== 0x2c)
                        off('entries are not followed by a member');
                    this.member++;
                    this.state = KEY;
                    break;
                case NEWLINE:
                    if (chunk[i] !== 0x0a)
                        off('no newline after the object');
                    // The final newline is not hashed.
                    this.hash.update(chunk.subarray(this.hashFrom, i++));
                    this.hashing = false;
                    this.state = DONE;
                    break;
                default:
                    off('bytes after the newline');
            }
        }
        if (this.hashing)
            this.hash.update(this.hashFrom === 0 ? chunk : chunk.subarray(this.hashFrom));
    }
    /** The manifest, whose entries are left out when a sink took them. */
    finish(what) {
        if (this.state !== DONE)
            off('the text ends early');
        const h = this.head;
        // The members in their order, as JSON.parse of the whole text makes them.
        const m = {
            createdAt: h.get('createdAt'),
            depth: h.get('depth'),
            digest: h.get('digest'),
            entries: this.entries ?? [],
            format: h.get('format'),
            formatVersion: h.get('formatVersion'),
            id: h.get('id'),
            kind: h.get('kind'),
            packs: h.get('packs'),
            parent: h.get('parent'),
            series: h.get('series'),
            source: h.get('source'),
            tool: h.get('tool'),
            totals: h.get('totals'),
        };
        const computed = `sha256:${this.hash.digest('hex')}`;
        if (this.digestLater)
            m.digest = computed;
        if (typeof m.digest !== 'string' || m.digest !== computed)
            off('digest differs');
        // parseManifest's own checks, in its order (the `__proto__` walk, the digest and the canonical
        // form are proven above); a refusal is left to it, so that it words it.
        try {
            checkManifestFormat(m, what);
            checkManifestHead(m, what);
            this.checks.finish(m);
        }
        catch (err) {
            off(`refused: ${err.message}`);
        }
        if (this.entries === undefined)
            delete m.entries;
        return m;
    }
    startValue(state) {
        this.state = state;
        this.depth = 0;
        this.inString = false;
        this.escaped = false;
    }
    /** Where the value being read ends in `chunk` (a `,`, `}` or `]` outside strings and containers), or `n`. */
    scanValue(chunk, i, n) {
        let { depth, inString, escaped } = this;
        for (; i < n; i++) {
            const c = chunk[i];
            if (inString) {
                if (escaped)
                    escaped = false;
                else if (c === 0x5c)
                    escaped = true;
                else if (c === 0x22)
                    inString = false;
            }
            else if (c === 0x22)
                inString = true;
            else if (c === 0x7b || c === 0x5b)
                depth++;
            else if (c === 0x7d || c === 0x5d) {
                if (depth === 0)
                    break;
                depth--;
            }
            else if (c === 0x2c && depth === 0)
                break;
        }
        this.depth = depth;
        this.inString = inString;
        this.escaped = escaped;
        return i;
    }
    /** A top-level member's value ended at `chunk[end]`: parse it, and go on to the next member or the end. */
    endMember(chunk, end) {
        const parts = this.valueParts;
        this.valueParts = [];
        const bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts);
        this.head.set(KEYS[this.member], parsePiece(bytes));
        const last = this.member === KEYS.length - 1;
        if (chunk[end] !== (last ? 0x7d : 0x2c))
            off(`the members are not those of a manifest (after ${KEYS[this.member]})`);
        // The comma before the digest member, and the member, are not hashed; the comma after it is.
        if (this.member === DIGEST - 1) {
            this.hash.update(chunk.subarray(this.hashFrom, end));
            this.hashing = false;
        }
        else if (this.member === DIGEST) {
            this.hashing = true;
            this.hashFrom = end;
        }
        if (last)
            this.state = NEWLINE;
        else {
            this.member++;
            this.state = KEY;
        }
    }
    /**
     * Copies entries' text into the batch (at most a batch's worth of the chunk at a time), cuts
     * whole batches off it and parses them, and finds where the array ends; returns where in the
     * chunk to go on. Where the text is cut needs no proof: each piece is proven canonical on its
     * own, and canonical pieces joined by commas are the canonical text of their joined entries,
     * wherever the cuts fell. A cut in the wrong place only makes a piece fail, and the stream fall back.
     */
    takeEntries(chunk, i, n) {
        const to = Math.min(n, i + this.batchBytes);
        const before = this.batchLength;
        this.append(chunk, i, to);
        const view = this.batch.subarray(0, this.batchLength);
        // `],"format":` (a quote after a comma opens a string, so it is outside strings) ends the array.
        const end = view.indexOf(END_OF_ENTRIES, Math.max(1, before - (END_OF_ENTRIES.length - 1)));
        if (end < 0) {
            this.cutBatches(false);
            return to;
        }
        this.batchLength = end;
        this.cutBatches(true);
        if (end + 1 >= before) {
            this.state = AFTER_ARRAY;
            return i + (end + 1 - before);
        }
        // The comma and the start of `"format":` came with earlier chunks: they are matched already.
        this.member = ENTRIES + 1;
        this.openingAt = before - (end + 2);
        this.state = KEY;
        return i;
    }
    append(chunk, from, to) {
        const need = this.batchLength + (to - from) + 1;
        if (need > this.batch.length) {
            const bigger = Buffer.allocUnsafe(Math.max(need, 2 * this.batch.length));
            this.batch.copy(bigger, 0, 0, this.batchLength);
            this.batch = bigger;
        }
        this.batchLength += chunk.copy(this.batch, this.batchLength, from, to);
    }
    /**
     * Parses the batch's text in pieces of about batchBytes, each cut after an entry's `}` where
     * `},{"` is followed by a key's first character (a quote after `{` that is followed by one
     * opens a string, so the cut is between two objects); with `last`, all of it, else it keeps
     * the text after the last cut.
     */
    cutBatches(last) {
        const batch = this.batch;
        const view = batch.subarray(0, this.batchLength);
        let start = 0;
        while (this.batchLength - start > this.batchBytes) {
            const cut = findCut(view, start, start + this.batchBytes, this.searchedTo);
            if (cut < 0) {
                this.searchedTo = Math.max(0, this.batchLength - CUT.length);
                break;
            }
            // The comma after the piece closes it, then opens the next one.
            batch[start] = 0x5b;
            batch[cut + 1] = 0x5d;
            this.parseEntries(start, cut + 2);
            start = cut + 1;
        }
        batch[start] = 0x5b;
        if (last) {
            batch[this.batchLength] = 0x5d;
            this.parseEntries(start, this.batchLength + 1);
            this.batchLength = 1;
            this.searchedTo = 0;
        }
        else if (start > 0) {
            batch.copy(batch, 0, start, this.batchLength);
            this.batchLength -= start;
            this.searchedTo = 0;
        }
    }
    /** Parses `[…]` at batch[from, to) (entries sit one level deep), matches it against its text, keeps its entries. */
    parseEntries(from, to) {
        // `[]` here would be an empty entry between two commas (or after the last).
        if (to - from === 2)
            off('an empty entry');
        // The shapes index-vault writes are read straight from the bytes; any other text the general way.
        const parsed = scanEntries(this.batch, from, to) ?? parsePiece(this.batch.subarray(from, to));
        try {
            for (const e of parsed)
                this.checks.add(e);
        }
        catch (err) {
            off(`refused: ${err.message}`);
        }
        if (this.entries)
            for (const e of parsed)
                this.entries.push(e);
        else
            for (const e of parsed)
                this.sink(e);
    }
}
/** `],"format":`: the end of the entries array in a manifest's canonical text. */
const END_OF_ENTRIES = Buffer.from(`],${OPENINGS[ENTRIES + 1].toString('latin1')}`, 'latin1');
const CUT = Buffer.from('},{"', 'latin1');
/**
 * Where `},{"` + a key's first character is, by preference the last at or before `near`, after
 * `start`; else the first after `near` (and after `searched`, before which there is none); or -1.
 */
function findCut(view, start, near, searched) {
    const ok = (at) => at + CUT.length < view.length && !CLOSERS.has(view[at + CUT.length]);
    for (let at = view.lastIndexOf(CUT, near); at > start; at = at > 0 ? view.lastIndexOf(CUT, at - 1) : -1)
        if (ok(at))
            return at;
    for (let at = view.indexOf(CUT, Math.max(near + 1, searched)); at >= 0; at = view.indexOf(CUT, at + 1))
        if (ok(at))
            return at;
    return -1;
}
/** What may follow a string's closing quote. */
const CLOSERS = new Set([0x2c, 0x3a, 0x7d, 0x5d]);
/** A piece of the text one level deep, parsed, if it is valid UTF-8 and exactly the canonical JSON of what it parses to. */
function parsePiece(bytes) {
    if (!(0,external_node_buffer_namespaceObject.isUtf8)(bytes))
        off('a byte that is not UTF-8');
    const text = bytes.toString('utf8');
    let value;
    try {
        value = JSON.parse(text);
    }
    catch {
        off('not valid JSON');
    }
    const match = matchCanonicalPiece(text, value, 1);
    if (!match)
        off('not in canonical form');
    if (match.protoKey)
        off('a "__proto__" key');
    return value;
}
/**
 * The stream route alone: the manifest, or why it fell back. Errors of the source itself (a
 * failed read) are thrown as they are, as a whole read would throw them. No chunk is kept once
 * the next is asked for: a source may read each into the same memory.
 */
async function streamManifest(chunks, what, batchBytes = BATCH_BYTES) {
    const streamed = await streamWith(chunks, what, batchBytes, undefined);
    return 'head' in streamed ? { manifest: streamed.head } : streamed;
}
async function streamWith(chunks, what, batchBytes, sink) {
    const reader = new ManifestStream(batchBytes, what, sink);
    const fallback = (err) => ({ fallback: why(err) });
    for await (const chunk of chunks) {
        try {
            reader.push(chunk);
        }
        catch (err) {
            // Leaving the loop closes the source: nothing more of it is read.
            return fallback(err);
        }
    }
    try {
        return { head: reader.finish(what) };
    }
    catch (err) {
        return fallback(err);
    }
}
/**
 * A stored manifest, read as a stream (no whole text, no whole bytes held), with exactly the
 * decisions of parseManifest: any text the stream route does not accept is read again whole by
 * `reread` and parseManifest decides on what that read returns.
 */
async function readManifest(chunks, what, reread, batchBytes = BATCH_BYTES) {
    const streamed = await streamManifest(chunks, what, batchBytes);
    if ('manifest' in streamed)
        return streamed.manifest;
    return parseManifest(await reread(), what);
}
/**
 * readManifest without holding the entries: with the same decisions, it hands each to `sink` (or
 * to nothing: a reader that needs only the other members) and returns the rest. On the whole
 * route the sink is restarted and given the entries parseManifest accepted.
 */
async function readManifestHead(chunks, what, reread, sink, batchBytes = BATCH_BYTES) {
    const streamed = await streamWith(chunks, what, batchBytes, sink ? (e) => sink.entry(e) : () => { });
    if ('head' in streamed)
        return streamed.head;
    sink?.restart();
    const { entries, ...head } = parseManifest(await reread(), what);
    if (sink)
        for (const e of entries)
            sink.entry(e);
    return head;
}
/**
 * The stream route for a text whose digest member is not written yet (a writer checking its
 * manifest while sealing it): the member holds a stand-in of the digest's form, and the text is
 * checked as if it held the digest its bytes give, which is returned. The digest member is not
 * hashed, so the text with the real digest in its place passes exactly when the real digest is
 * the one returned. Any text the stream route does not accept answers why: the caller then reads
 * the finished text with readManifestHead, which decides as a reader would.
 */
class DeferredDigestCheck {
    reader;
    failed;
    constructor(what, batchBytes = BATCH_BYTES) {
        this.reader = new ManifestStream(batchBytes, what, () => { }, true);
    }
    /** The text's next bytes (not kept). */
    push(chunk) {
        if (this.failed !== undefined)
            return;
        try {
            this.reader.push(chunk);
        }
        catch (err) {
            this.failed = why(err);
        }
    }
    finish(what) {
        if (this.failed !== undefined)
            return { fallback: this.failed };
        try {
            return { digest: this.reader.finish(what).digest };
        }
        catch (err) {
            return { fallback: why(err) };
        }
    }
}
/** The digest member's stand-in (with the comma before it, as a writer leaves its place): the form of any digest. */
const DIGEST_STAND_IN = (/* unused pure expression or super */ null && (`,"digest":"sha256:${'0'.repeat(64)}"`));
function why(err) {
    return err instanceof Off ? err.why : `unexpected: ${String(err)}`;
}
/** The subarrays of a buffer held whole, as chunks for readManifest (no copy). */
function* chunksOf(bytes, size = 1024 * 1024) {
    for (let at = 0; at < bytes.length; at += size)
        yield bytes.subarray(at, Math.min(bytes.length, at + size));
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

;// CONCATENATED MODULE: ./.bundle-in/workers/manifest-check-worker.js
/**
 * Checks a new manifest as a reader would while the backup is still sealing it, on the other
 * core: the pieces come as they are sealed, the digest member as a stand-in (DeferredDigestCheck).
 * Started by manifest-check.ts; speaks manifest-check-protocol.ts.
 */



const port = external_node_worker_threads_namespaceObject.parentPort;
let check;
let what = '';
let taken;
let decoder;
let pieceBytes = 0;
/** Why the text cannot be told here (a piece that did not decode): the writer then checks the finished text. */
let failed;
port.on('message', (m) => {
    if (m.op === 'start') {
        ({ what, pieceBytes } = m);
        check = new DeferredDigestCheck(what);
        taken = new Int32Array(m.taken);
        decoder = new FrameDecoder('zstd', pieceBytes);
        return;
    }
    if (m.op === 'end') {
        const reply = failed !== undefined ? { fallback: failed } : check.finish(what);
        port.postMessage(reply);
        return;
    }
    try {
        if (failed !== undefined)
            return;
        if (m.op === 'raw')
            check.push(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.length));
        else
            decoder.decodeZstdSync(m.bytes, pieceBytes, (raw) => check.push(raw));
    }
    catch (err) {
        failed = `a piece did not decode: ${err.message}`;
    }
    finally {
        Atomics.add(taken, 0, 1);
        Atomics.notify(taken, 0);
    }
});

