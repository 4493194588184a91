import { parentPort } from "node:worker_threads";
import { isUtf8 } from "node:buffer";
import { createHash } from "node:crypto";
import zlib from "node:zlib";
// .bundle-in/snapshot/canonical-text.js
/** Deepest nesting the matcher follows; deeper, it answers "no" and the reference decides. */
const MATCH_DEPTH = 64;
/** What JSON.stringify escapes in a string: `"`, `\`, control characters and (lone) surrogates. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
/**
* Whether `text` is exactly the canonical JSON of `value` where it sits `depth` containers deep
* in a larger text (a piece of a manifest read as a stream): the same answer as the walk of
* matchCanonicalText, with the same depth bound counted from the top, and no newline after it.
* A value already in canonical shape is compared with what JSON.stringify writes of it, which is
* then its canonical JSON (a third of the walk's time); anything else, or a text that may hold a
* `__proto__` key, is walked.
*/
function matchCanonicalPiece(text, value, depth) {
	if (!toJsonInherited() && inCanonicalShape(value, depth, 63) && !text.includes(PROTO_KEY)) return JSON.stringify(value) === text ? { protoKey: false } : void 0;
	const found = { protoKey: false };
	return matchValue(text, 0, value, depth, found) === text.length ? found : void 0;
}
/** How an own `__proto__` key is written in canonical JSON (other text may hold it too: then the walk decides). */
const PROTO_KEY = "\"__proto__\":";
/** Whether JSON.stringify would call an inherited toJSON (a polluted prototype), which the canonical form never does. */
function toJsonInherited() {
	return "toJSON" in Object.prototype || "toJSON" in Array.prototype;
}
/** Deeper than this, the reference writer decides (and JSON.stringify's native recursion is never asked). */
const SHAPE_DEPTH = 64;
/**
* Whether JSON.stringify writes `value` exactly as the reference does: only plain objects and
* arrays (no holes, no undefined element), finite numbers, strings, booleans and null, and every
* object's defined keys already in code-unit order, with no container deeper than `maxDepth`
* (counted from `depth`). Anything else answers false, never throws.
*/
function inCanonicalShape(value, depth, maxDepth = SHAPE_DEPTH) {
	if (value === null) return true;
	const t = typeof value;
	if (t === "string" || t === "boolean") return true;
	if (t === "number") return Number.isFinite(value);
	if (t !== "object" || depth > maxDepth) return false;
	if (Array.isArray(value)) {
		if (Object.getPrototypeOf(value) !== Array.prototype) return false;
		for (let i = 0; i < value.length; i++) if (!(i in value) || value[i] === void 0 || !inCanonicalShape(value[i], depth + 1, maxDepth)) return false;
		return true;
	}
	const proto = Object.getPrototypeOf(value);
	if (proto !== Object.prototype && proto !== null) return false;
	const obj = value;
	let last;
	for (const k in obj) {
		if (!Object.prototype.hasOwnProperty.call(obj, k)) return false;
		const v = obj[k];
		if (v === void 0) continue;
		if (last !== void 0 && !(last < k)) return false;
		if (!inCanonicalShape(v, depth + 1, maxDepth)) return false;
		last = k;
	}
	return true;
}
/** Where the canonical JSON of `v` at `at` ends in `text`, or -1. */
function matchValue(text, at, v, depth, found) {
	if (v === null) return text.startsWith("null", at) ? at + 4 : -1;
	switch (typeof v) {
		case "string": return matchString(text, at, v);
		case "number": {
			if (!Number.isFinite(v)) return -1;
			const s = String(v);
			return text.startsWith(s, at) ? at + s.length : -1;
		}
		case "boolean": return v ? text.startsWith("true", at) ? at + 4 : -1 : text.startsWith("false", at) ? at + 5 : -1;
		case "object":
			if (depth >= MATCH_DEPTH) return -1;
			return Array.isArray(v) ? matchArray(text, at, v, depth, found) : matchObject(text, at, v, depth, found);
		default: return -1;
	}
}
function matchString(text, at, s) {
	if (NEEDS_ESCAPE.test(s)) {
		const written = JSON.stringify(s);
		return text.startsWith(written, at) ? at + written.length : -1;
	}
	const close = at + 1 + s.length;
	return text.charCodeAt(at) === 34 && text.charCodeAt(close) === 34 && text.startsWith(s, at + 1) ? close + 1 : -1;
}
function matchArray(text, at, v, depth, found) {
	if (Object.getPrototypeOf(v) !== Array.prototype || text.charCodeAt(at) !== 91) return -1;
	at++;
	for (let i = 0; i < v.length; i++) {
		if (i > 0) {
			if (text.charCodeAt(at) !== 44) return -1;
			at++;
		}
		if (!(i in v) || v[i] === void 0) return -1;
		at = matchValue(text, at, v[i], depth + 1, found);
		if (at < 0) return -1;
	}
	return text.charCodeAt(at) === 93 ? at + 1 : -1;
}
function matchObject(text, at, v, depth, found) {
	const proto = Object.getPrototypeOf(v);
	if (proto !== Object.prototype && proto !== null || text.charCodeAt(at) !== 123) return -1;
	at++;
	const obj = v;
	let last;
	for (const k in obj) {
		if (!Object.prototype.hasOwnProperty.call(obj, k)) return -1;
		const x = obj[k];
		if (x === void 0) continue;
		if (last !== void 0) {
			if (!(last < k) || text.charCodeAt(at) !== 44) return -1;
			at++;
		}
		last = k;
		if (k === "__proto__") found.protoKey = true;
		const start = at;
		at = matchString(text, at, k);
		if (at < 0 || text.charCodeAt(at) !== 58) return -1;
		at = matchValue(text, at + 1, x, depth + 1, found);
		if (at < 0) return -1;
		if (depth === 0 && k === "digest") found.digestAt = [start, at];
	}
	return text.charCodeAt(at) === 125 ? at + 1 : -1;
}
// .bundle-in/snapshot/entry-scan.js
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
	if (buf[from] !== 91 || buf[to - 1] !== 93) return void 0;
	const s = new EntryScanner(buf, from + 1, to - 1);
	const out = [];
	for (;;) {
		const e = s.entry();
		if (e === void 0) return void 0;
		out.push(e);
		if (s.at === s.end) return out;
		if (buf[s.at++] !== 44) return void 0;
	}
}
const lit = (s) => Buffer.from(s, "latin1");
const OPEN$1 = 123;
const K_EXEC = lit("\"exec\":");
const K_LOC = lit(",\"loc\":{\"length\":");
/** What follows each of a location's numbers: the next key, then the end of the location. */
const LOC_NEXT = [
	lit(",\"offset\":"),
	lit(",\"pack\":"),
	lit(",\"raw\":"),
	lit(",\"skip\":"),
	lit(",\"span\":"),
	lit("},")
];
const K_MODE = lit("\"mode\":");
const K_MTIME = lit("\"mtimeMs\":");
const K_PATH = lit(",\"path\":");
const K_SHA = lit(",\"sha256\":");
const K_SIZE = lit(",\"size\":");
const K_TARGET = lit(",\"target\":");
const T_FILE = lit(",\"type\":\"file\"}");
const T_DIR = lit(",\"type\":\"dir\"}");
const T_LINK = lit(",\"type\":\"symlink\"}");
const TRUE = lit("true");
const FALSE = lit("false");
/** Digits a number may have here: every integer of up to 15 digits is a double exactly, written back the same. */
const MAX_DIGITS = 15;
var EntryScanner = class {
	b;
	end;
	at;
	/** A file's location as it is read: length, offset, pack, raw, skip, span. */
	loc = [
		0,
		0,
		0,
		0,
		0,
		0
	];
	/** What modeTimePath read last. */
	mode;
	mtimeMs = 0;
	path = "";
	constructor(b, from, end) {
		this.b = b;
		this.end = end;
		this.at = from;
	}
	/** One entry from `at`, or undefined (where it stops then does not matter). */
	entry() {
		if (this.b[this.at++] !== OPEN$1) return void 0;
		if (this.take(K_EXEC)) return this.file();
		if (!this.modeTimePath()) return void 0;
		const { mode, mtimeMs, path } = this;
		if (this.take(T_DIR)) return mode === void 0 ? {
			mtimeMs,
			path,
			type: "dir"
		} : {
			mode,
			mtimeMs,
			path,
			type: "dir"
		};
		if (mode !== void 0 || !this.take(K_TARGET)) return void 0;
		const target = this.string();
		if (target === void 0 || !this.take(T_LINK)) return void 0;
		return {
			mtimeMs,
			path,
			target,
			type: "symlink"
		};
	}
	/** A file entry, after `{"exec":`. */
	file() {
		let exec;
		if (this.take(TRUE)) exec = true;
		else if (this.take(FALSE)) exec = false;
		else return void 0;
		if (!this.take(K_LOC)) return void 0;
		const n = this.loc;
		for (let i = 0; i < LOC_NEXT.length; i++) {
			const v = this.number();
			if (v === void 0 || !this.take(LOC_NEXT[i])) return void 0;
			n[i] = v;
		}
		if (!this.modeTimePath() || !this.take(K_SHA)) return void 0;
		const { mode, mtimeMs, path } = this;
		const sha256 = this.string();
		if (sha256 === void 0 || !this.take(K_SIZE)) return void 0;
		const size = this.number();
		if (size === void 0 || !this.take(T_FILE)) return void 0;
		const loc = {
			length: n[0],
			offset: n[1],
			pack: n[2],
			raw: n[3],
			skip: n[4],
			span: n[5]
		};
		return mode === void 0 ? {
			exec,
			loc,
			mtimeMs,
			path,
			sha256,
			size,
			type: "file"
		} : {
			exec,
			loc,
			mode,
			mtimeMs,
			path,
			sha256,
			size,
			type: "file"
		};
	}
	/** `"mode":N,` where there is one, then `"mtimeMs":N,"path":S`, into `mode`, `mtimeMs` and `path`; false if not so spelled. */
	modeTimePath() {
		this.mode = void 0;
		if (this.take(K_MODE)) {
			this.mode = this.number();
			if (this.mode === void 0 || this.b[this.at++] !== 44) return false;
		}
		if (!this.take(K_MTIME)) return false;
		const mtimeMs = this.number();
		if (mtimeMs === void 0 || !this.take(K_PATH)) return false;
		const path = this.string();
		if (path === void 0) return false;
		this.mtimeMs = mtimeMs;
		this.path = path;
		return true;
	}
	/** Whether the bytes at `at` are `lit` (and steps over them if so). */
	take(lit) {
		const b = this.b;
		const at = this.at;
		if (at + lit.length > this.end) return false;
		for (let i = 0; i < lit.length; i++) if (b[at + i] !== lit[i]) return false;
		this.at = at + lit.length;
		return true;
	}
	/** An integer in its canonical spelling (no leading zero, no `-0`, at most MAX_DIGITS digits). */
	number() {
		const b = this.b;
		let at = this.at;
		const negative = b[at] === 45;
		if (negative) at++;
		const start = at;
		let v = 0;
		while (at < this.end) {
			const d = b[at] - 48;
			if (d < 0 || d > 9) break;
			v = v * 10 + d;
			at++;
		}
		const digits = at - start;
		if (digits === 0 || digits > MAX_DIGITS || b[start] === 48 && (digits > 1 || negative)) return void 0;
		const next = b[at];
		if (next === 46 || next === 101 || next === 69) return void 0;
		this.at = at;
		return negative ? -v : v;
	}
	/** A string that needs no escape: printable ASCII, or valid UTF-8 (which holds no surrogate). */
	string() {
		const b = this.b;
		if (b[this.at] !== 34) return void 0;
		const start = this.at + 1;
		let at = start;
		let ascii = true;
		for (;;) {
			if (at >= this.end) return void 0;
			const c = b[at];
			if (c === 34) break;
			if (c === 92 || c < 32) return void 0;
			if (c >= 128) ascii = false;
			at++;
		}
		this.at = at + 1;
		if (ascii) return b.toString("latin1", start, at);
		return isUtf8(b.subarray(start, at)) ? b.toString("utf8", start, at) : void 0;
	}
};
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
/** Something this version cannot do: a newer format, an unknown codec, a file type. */
var UnsupportedError = class extends IndexVaultError {
	constructor(message, options) {
		super("E_UNSUPPORTED", message, options);
	}
};
// .bundle-in/snapshot/entry-path.js
/** Limits that bound the work a hostile manifest can cause; the backup refuses trees past them too. */
const MAX_PATH_BYTES = 4096;
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
	if (typeof path !== "string" || path.length === 0) return { why: "empty path" };
	const n = path.length;
	if (n > 4096) return { why: `longer than ${MAX_PATH_BYTES} bytes` };
	let nul = false;
	let backslash = false;
	let parts = 1;
	let start = 0;
	let segment = 0;
	for (let i = 0; i <= n; i++) {
		const c = i < n ? path.charCodeAt(i) : 47;
		if (c >= 128) return referencePathProblem(path);
		if (c === 47) {
			if (i < n) parts++;
			if (segment === 0) {
				const len = i - start;
				if (len === 0) segment = 1;
				else if (len <= 2 && path.charCodeAt(start) === 46 && (len === 1 || path.charCodeAt(start + 1) === 46)) segment = len + 1;
				else if (len > 255) segment = 4;
			}
			start = i + 1;
		} else if (c === 0) nul = true;
		else if (c === 92) backslash = true;
	}
	if (nul) return { why: "contains a NUL byte" };
	if (backslash) return { why: "contains a backslash (a separator on Windows)" };
	if (path.charCodeAt(0) === 47) return { why: "absolute path" };
	const first = path.charCodeAt(0) | 32;
	if (first >= 97 && first <= 122 && path.charCodeAt(1) === 58) return { why: "starts with a drive letter" };
	if (parts > 256) return { why: `deeper than 256 levels` };
	if (segment === 1) return { why: "empty path segment (leading, trailing or doubled \"/\")" };
	if (segment === 2 || segment === 3) return { why: `"${segment === 2 ? "." : ".."}" segment` };
	if (segment === 4) return {
		why: `has a name longer than 255 bytes`,
		portable: true
	};
}
/** The rule written out plainly, for any string: what pathProblem's ASCII pass must equal. */
function referencePathProblem(path) {
	if (typeof path !== "string" || path.length === 0) return { why: "empty path" };
	if (Buffer.byteLength(path) > 4096) return { why: `longer than ${MAX_PATH_BYTES} bytes` };
	if (path.includes("\0")) return { why: "contains a NUL byte" };
	if (path.includes("\\")) return { why: "contains a backslash (a separator on Windows)" };
	if (path.startsWith("/")) return { why: "absolute path" };
	if (/^[A-Za-z]:/.test(path)) return { why: "starts with a drive letter" };
	if (path !== path.normalize("NFC")) return { why: "not in Unicode NFC form" };
	const parts = path.split("/");
	if (parts.length > 256) return { why: `deeper than 256 levels` };
	for (const part of parts) {
		if (part === "") return { why: "empty path segment (leading, trailing or doubled \"/\")" };
		if (part === "." || part === "..") return { why: `"${part}" segment` };
		if (Buffer.byteLength(part) > 255) return {
			why: `has a name longer than 255 bytes`,
			portable: true
		};
	}
}
/**
* Checks a path as it appears in a manifest or a tar header: relative, POSIX separators, NFC,
* no empty, `.` or `..` segments, no drive letters, UNC or device prefixes, no backslashes or NUL,
* within the limits above. Returns the path unchanged or throws.
*/
function assertSafeRelativePath(path, what = "entry") {
	const problem = pathProblem(path);
	if (problem) throw new UnsafeEntryError(`refusing ${what} ${JSON.stringify(path)}: ${problem.why}`, { details: { path } });
	return path;
}
/** Parent path of a relative POSIX path, or '' for top-level entries. */
function parentOf(path) {
	const i = path.lastIndexOf("/");
	return i < 0 ? "" : path.slice(0, i);
}
/**
* Resolves a symlink target against the link's own location and says whether it stays inside
* the tree. Absolute targets and targets that climb above the root are outside.
*/
function linkStaysInside(linkPath, target) {
	if (target.length === 0 || target.includes("\0")) return false;
	if (target.startsWith("/") || target.includes("\\") || /^[A-Za-z]:/.test(target)) return false;
	const stack = parentOf(linkPath).split("/").filter((s) => s.length > 0);
	for (const seg of target.split("/")) {
		if (seg === "" || seg === ".") continue;
		if (seg === "..") {
			if (stack.length === 0) return false;
			stack.pop();
		} else stack.push(seg);
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
	while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
	if (i < n) {
		const x = a.charCodeAt(i);
		const y = b.charCodeAt(i);
		if ((x < 55296 || x > 57343) && (y < 55296 || y > 57343)) return x < y ? -1 : 1;
	} else {
		const last = i === 0 ? 0 : a.charCodeAt(i - 1);
		if (last < 55296 || last > 56319) return a.length === b.length ? 0 : a.length < b.length ? -1 : 1;
	}
	return referenceComparePaths(a, b);
}
/** The order written out plainly: what comparePaths must equal. */
function referenceComparePaths(a, b) {
	return Buffer.compare(Buffer.from(a), Buffer.from(b));
}
function isPermissionMode(v) {
	return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 511;
}
// .bundle-in/snapshot/snapshot-id.js
const ID_RE = /^\d{8}T\d{9}Z-[0-9a-f]{8}$/;
function isSnapshotId(value) {
	return ID_RE.test(value);
}
// .bundle-in/shared/utf8-list.js
/** Strings per stretch whose start is kept: a lookup adds up at most this many lengths. */
const STRETCH = 64;
/** A length that means "kept aside as a string". */
const ASIDE = 65535;
/**
* An append-only list of strings held as their UTF-8 bytes in one growing buffer, with a 16-bit
* length each and the start of every STRETCH-th: about a string's UTF-8 length plus 2 bytes,
* where a string kept as such costs ~40 bytes more (its header and an array's slot) — tens of MB
* for the million names some readers hold. A string UTF-8 cannot hold exactly (a lone surrogate,
* which a forged manifest may carry) is kept as it is, aside, so no two different strings ever
* come back as one; so is one of 64 KiB or more.
*/
var Utf8List = class {
	bytes;
	used = 0;
	lengths;
	starts;
	count = 0;
	aside = /* @__PURE__ */ new Map();
	/** The last string read and where its bytes start: a reader going in order adds one length, not up to STRETCH. */
	cursor = -1;
	cursorAt = 0;
	/** Room for `count` strings of `bytes` UTF-8 bytes in all, when known: made once, never copied to grow. */
	constructor(count = 1024, bytes = 65536) {
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
			const starts = new Float64Array(2 * i / STRETCH);
			starts.set(this.starts);
			this.starts = starts;
		}
		if (i % STRETCH === 0) this.starts[i / STRETCH] = this.used;
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
		const n = this.bytes.write(s, this.used, "utf8");
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
		if (i >>> 0 !== i || i >= this.count) throw new RangeError(`no string ${i} of ${this.count}`);
		const { lengths } = this;
		const n = lengths[i];
		if (n === ASIDE) return this.aside.get(i);
		let at;
		if (i === this.cursor + 1 && this.cursor >= 0) {
			const before = lengths[this.cursor];
			at = this.cursorAt + (before === ASIDE ? 0 : before);
		} else {
			at = this.starts[Math.floor(i / STRETCH)];
			for (let j = i - i % STRETCH; j < i; j++) if (lengths[j] !== ASIDE) at += lengths[j];
		}
		this.cursor = i;
		this.cursorAt = at;
		return this.bytes.toString("utf8", at, at + n);
	}
};
/** Tree-level limits, one object for writer and readers; tests lower `maxEntries` to reach it. */
const TREE_LIMITS = { maxEntries: 2e7 };
/** One entry of the tree; every field set at construction, so all nodes share one shape. */
var Node = class {
	type;
	parent;
	depth;
	children;
	target = void 0;
	/** True while its target is being resolved. */
	busy = false;
	final = void 0;
	hops = 1;
	constructor(type, parent, depth) {
		this.type = type;
		this.parent = parent;
		this.depth = depth;
		this.children = type === "dir" ? /* @__PURE__ */ new Map() : void 0;
	}
};
/**
* treeProblems one entry at a time, for a reader that does not hold the entries: it keeps the
* directories, and of every other entry only its path (links are resolved once all are in).
*/
var TreeCheck = class {
	problems = [];
	max;
	reserved;
	root = new Node("dir", void 0, 0);
	dirs = /* @__PURE__ */ new Map([["", this.root]]);
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
	lastParentPath = "";
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
		if (this.countReported) return false;
		this.countReported = true;
		return this.report({
			path: "",
			rule: "count",
			why: `more than ${TREE_LIMITS.maxEntries} entries`
		});
	}
	/** The next entry, in the tree's order; true once `max` problems are found. */
	add(e) {
		if (++this.count > TREE_LIMITS.maxEntries && this.tooMany()) return true;
		const bad = pathProblem(e.path);
		if (bad) return this.report({
			path: String(e.path),
			rule: "path",
			why: bad.why,
			portable: bad.portable
		});
		if (this.prev !== void 0 && comparePaths(this.prev, e.path) >= 0) return this.report({
			path: e.path,
			rule: "order",
			why: "entries not sorted or duplicated"
		});
		this.prev = e.path;
		const reserved = this.reserved;
		if (reserved !== void 0 && (e.path === reserved || e.path.startsWith(`${reserved}/`))) return this.report({
			path: e.path,
			rule: "reserved",
			why: `${reserved}/ is reserved for pack metadata`
		});
		const slash = e.path.lastIndexOf("/");
		const parentLength = slash < 0 ? 0 : slash;
		let parent;
		if (parentLength === this.lastParentPath.length && e.path.startsWith(this.lastParentPath)) parent = this.lastParent;
		else {
			this.lastParentPath = slash < 0 ? "" : e.path.slice(0, slash);
			parent = this.lastParent = this.dirs.get(this.lastParentPath);
		}
		if (parent === void 0) return this.report({
			path: e.path,
			rule: "parent",
			why: "its parent is not a directory entry of the tree"
		});
		if (e.type === "dir") {
			const node = new Node(e.type, parent, parent.depth + 1);
			parent.children.set(slash < 0 ? e.path : e.path.slice(slash + 1), node);
			this.dirs.set(e.path, node);
			return false;
		}
		if (e.type === "symlink") {
			const target = e.target;
			if (typeof target !== "string" || target.length === 0 || Buffer.byteLength(target) > 4095 || target.includes("\0")) {
				this.pushOther(e, parent);
				return this.report({
					path: e.path,
					rule: "link",
					why: `symlink target is empty, not text, contains NUL or is longer than ${MAX_LINK_TARGET_BYTES} bytes`
				});
			}
			this.links.push({
				path: e.path,
				target,
				node: this.root,
				other: this.otherParents.length
			});
		}
		this.pushOther(e, parent);
		return false;
	}
	/** Every problem, once all entries are in (resolving the links through the whole tree). */
	finish() {
		const { links, otherNames, otherParents } = this;
		if (links.length > 0) {
			let l = 0;
			for (let i = 0; i < otherParents.length; i++) {
				const parent = otherParents[i];
				const node = new Node("other", parent, parent.depth + 1);
				parent.children.set(otherNames.get(i), node);
				if (l < links.length && links[l].other === i) {
					node.target = links[l].target;
					links[l++].node = node;
				}
			}
		}
		for (const { path, node } of links) {
			const why = linkProblem(path, node);
			if (why && this.report({
				path,
				rule: "link",
				why
			})) break;
		}
		return this.problems;
	}
	pushOther(e, parent) {
		this.otherNames.push(e.path.slice(e.path.lastIndexOf("/") + 1));
		this.otherParents.push(parent);
	}
};
/** Why a symlink may not be in the tree, or undefined. */
function linkProblem(path, node) {
	if (!linkStaysInside(path, node.target)) return `symlink to ${JSON.stringify(node.target)} points outside the tree`;
	const outcome = resolve(node, 0);
	if (outcome.kind === "out") return `symlink to ${JSON.stringify(node.target)} leads outside the tree through the tree's own links`;
	if (outcome.kind === "loop") return `symlink to ${JSON.stringify(node.target)} goes round a loop of links or through more than 40 links`;
}
const LOOP = { kind: "loop" };
const OUT = { kind: "out" };
const DEEP = { kind: "deep" };
/** Where a link leads, resolved through the tree's links; remembered per link. */
function resolve(link, stack) {
	if (link.final) return link.final;
	if (link.busy) return LOOP;
	if (stack > 40) return DEEP;
	link.busy = true;
	const o = follow(link, stack);
	link.busy = false;
	if (o === DEEP && stack > 0) return o;
	link.final = o === DEEP ? LOOP : o;
	return link.final;
}
/** Walks a link's target from the link's directory; sets link.hops to the links it passed through. */
function follow(link, stack) {
	link.hops = 1;
	let cur = link.parent;
	let lexical = -1;
	let last;
	const target = link.target;
	for (let start = 0; start <= target.length;) {
		let end = target.indexOf("/", start);
		if (end < 0) end = target.length;
		const seg = target.slice(start, end);
		start = end + 1;
		if (seg === "" || seg === ".") continue;
		last = void 0;
		if (lexical >= 0) {
			if (seg !== "..") lexical++;
			else if (--lexical < 0) return OUT;
			continue;
		}
		if (seg === "..") {
			if (cur.parent === void 0) return OUT;
			cur = cur.parent;
			continue;
		}
		let child = cur.children?.get(seg);
		if (child === void 0) {
			lexical = cur.depth + 1;
			continue;
		}
		if (child.target !== void 0) {
			const o = resolve(child, stack + 1);
			if (o.kind === "out" || o.kind === "loop" || o.kind === "deep") return o;
			link.hops += child.hops;
			if (link.hops > 40) return LOOP;
			if (o.kind === "dangling") {
				lexical = o.depth;
				continue;
			}
			child = o.node;
		}
		if (child.type === "dir") cur = child;
		else {
			lexical = child.depth;
			last = child;
		}
	}
	if (lexical >= 0 && last === void 0) return {
		kind: "dangling",
		depth: lexical
	};
	return {
		kind: "at",
		node: last ?? cur
	};
}
// .bundle-in/snapshot/manifest.js
const MANIFEST_FORMAT = "index-vault.snapshot";
/** Reserved top-level directory inside packs for pack metadata. */
const META_DIR = ".index-vault";
const HEX64 = /^[0-9a-f]{64}$/;
const PACK_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;
function isCount(v) {
	return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}
/** A location's fields are all counts (each in turn, no array per entry), its length not 0. */
function isLocation(loc) {
	if (typeof loc !== "object" || loc === null) return false;
	const { pack, offset, length, raw, skip, span } = loc;
	return isCount(pack) && isCount(offset) && isCount(length) && isCount(raw) && isCount(skip) && isCount(span) && length !== 0;
}
function malformed(what) {
	return (why) => {
		throw new IntegrityError(`${what} is malformed: ${why}`, { hint: "the stored object is damaged or was not written by index-vault" });
	};
}
/** parseManifest's checks before the digest: an object, of this format, in a version this reads. */
function checkManifestFormat(m, what) {
	const bad = malformed(what);
	if (m === null || typeof m !== "object" || Array.isArray(m)) bad("not an object");
	if (m.format !== "index-vault.snapshot") bad(`format is ${JSON.stringify(m.format)}, expected ${MANIFEST_FORMAT}`);
	if (!isCount(m.formatVersion) || m.formatVersion < 1 || m.formatVersion > 2) {
		if (isCount(m.formatVersion) && m.formatVersion > 2) throw new UnsupportedError(`${what} uses snapshot format ${m.formatVersion}; this index-vault reads formats 1 to 2`, { hint: "upgrade index-vault to restore it" });
		bad(`unknown format version ${JSON.stringify(m.formatVersion)}`);
	}
}
/** checkManifestFields's checks of every member but the entries. */
function checkManifestHead(m, what) {
	const bad = malformed(what);
	if (!isSnapshotId(m.id)) bad("bad id");
	if (typeof m.series !== "string") bad("bad series");
	if (m.kind !== "full" && m.kind !== "incremental") bad("bad kind");
	if (!isCount(m.depth) || m.kind === "full" !== (m.depth === 0) || m.kind === "full" !== (m.parent === null)) bad("kind, depth and parent disagree");
	if (m.parent !== null && (typeof m.parent !== "object" || !isSnapshotId(m.parent.id) || typeof m.parent.digest !== "string")) bad("bad parent");
	if (m.parent !== null && m.parent.id === m.id) bad("it is its own parent");
	if (typeof m.source !== "object" || m.source === null || typeof m.source.format !== "string") bad("bad source");
	const t = m.totals;
	if (typeof t !== "object" || t === null || ![
		t.files,
		t.dirs,
		t.symlinks,
		t.bytes,
		t.packedBytes,
		t.storedBytes
	].every(isCount)) bad("bad totals");
	if (!Array.isArray(m.packs) || !Array.isArray(m.entries)) bad("packs/entries missing");
	checkPacks(m.packs, bad);
}
/**
* checkManifestFields's checks of the entries, one entry at a time, so that a reader need not
* hold them: each entry's own fields at once; what the packs, the format version and the totals
* decide (a manifest's text gives them after the entries) from what is kept: per pack the
* furthest ends, per format version the first entry whose mode it refuses, the counts, and the
* tree as tree-rules.ts keeps it. The rules are these, for every reader, whole or streamed.
*/
var EntryChecks = class {
	bad;
	tree = new TreeCheck({
		reserved: META_DIR,
		max: 1
	});
	treeFull = false;
	count = {
		file: 0,
		dir: 0,
		symlink: 0,
		bytes: 0
	};
	reach = /* @__PURE__ */ new Map();
	/** By format version, the first entry's mode problem under it. */
	modeProblems = [];
	constructor(what) {
		this.bad = malformed(what);
	}
	add(e) {
		const bad = this.bad;
		if (typeof e !== "object" || e === null || Array.isArray(e) || typeof e.path !== "string") bad("bad entry");
		if (typeof e.mtimeMs !== "number" || !Number.isFinite(e.mtimeMs)) bad(`bad mtime for ${e.path}`);
		if (e.type === "file") {
			if (!isCount(e.size) || typeof e.exec !== "boolean" || typeof e.sha256 !== "string" || !HEX64.test(e.sha256)) bad(`bad file entry ${e.path}`);
			const loc = e.loc;
			if (!isLocation(loc)) bad(`bad location for ${e.path}`);
			if (loc.skip > loc.raw || loc.span < 512 + e.size) bad(`location of ${e.path} is outside its pack`);
			const end = loc.offset + loc.length;
			const rawEnd = loc.raw + loc.span;
			const r = this.reach.get(loc.pack);
			if (r === void 0) this.reach.set(loc.pack, {
				first: e.path,
				end,
				endPath: e.path,
				rawEnd,
				rawPath: e.path
			});
			else {
				if (end > r.end) [r.end, r.endPath] = [end, e.path];
				if (rawEnd > r.rawEnd) [r.rawEnd, r.rawPath] = [rawEnd, e.path];
			}
			if (loc.member !== void 0) assertSafeRelativePath(loc.member, "member name");
			this.count.bytes += e.size;
		} else if (e.type === "symlink") {
			if (typeof e.target !== "string") bad(`bad symlink entry ${e.path}`);
		} else if (e.type !== "dir") bad(`unsupported entry type ${JSON.stringify(e.type)}`);
		this.count[e.type]++;
		for (let v = 1; v <= 2; v++) this.modeProblems[v] ??= modeProblem(v, e);
		if (!this.treeFull) this.treeFull = this.tree.add(e);
	}
	/** The checks that needed the rest of the manifest; the tree's last. */
	finish(m) {
		const bad = this.bad;
		for (const [index, r] of this.reach) {
			const pack = m.packs[index];
			if (pack === void 0) bad(`location of ${r.first} is outside its pack`);
			if (r.end > pack.size) bad(`location of ${r.endPath} is outside its pack`);
			if (r.rawEnd > pack.rawSize) bad(`location of ${r.rawPath} is outside its pack`);
		}
		const mode = this.modeProblems[m.formatVersion];
		if (mode !== void 0) bad(mode);
		const { count } = this;
		const t = m.totals;
		if (count.file !== t.files || count.dir !== t.dirs || count.symlink !== t.symlinks || count.bytes !== t.bytes) bad("totals disagree with the entries");
		const [problem] = this.treeFull ? this.tree.problems : this.tree.finish();
		if (problem) {
			if (problem.rule === "path") throw new UnsafeEntryError(`refusing manifest path ${JSON.stringify(problem.path)}: ${problem.why}`, { details: { path: problem.path } });
			bad(`${JSON.stringify(problem.path)}: ${problem.why}`);
		}
	}
};
/**
* Format 2 records the permission bits of every file and directory (and nothing else: no setuid,
* setgid or sticky bit), with `exec` saying the same as the mode's execute bits; format 1 has no
* mode at all. Symlinks never have one.
*/
function modeProblem(version, e) {
	const mode = e.mode;
	if (version < 2 || e.type === "symlink") {
		if (mode !== void 0) return `${JSON.stringify(e.path)} has a mode, which ${e.type === "symlink" ? "a symlink" : `format ${version}`} does not record`;
		return;
	}
	if (!isPermissionMode(mode)) return `bad mode for ${e.path}: ${JSON.stringify(mode)} (expected permission bits 0 to 0o777)`;
	if (e.type === "file" && e.exec !== ((mode & 73) !== 0)) return `exec and mode of ${e.path} disagree`;
}
/** Each pack of a manifest: a name of the pack pattern, listed once, a known codec, sizes, digest and origin. */
function checkPacks(packs, bad) {
	const names = /* @__PURE__ */ new Set();
	for (const p of packs) {
		if (typeof p !== "object" || p === null) bad("bad pack");
		if (typeof p.name !== "string" || !PACK_NAME.test(p.name)) bad(`bad pack name ${JSON.stringify(p.name)}`);
		if (names.has(p.name)) bad(`pack ${p.name} listed twice`);
		names.add(p.name);
		if (p.codec !== "zstd" && p.codec !== "gzip") bad(`unknown codec ${JSON.stringify(p.codec)}`);
		if (!isCount(p.size) || !isCount(p.rawSize) || typeof p.sha256 !== "string" || !HEX64.test(p.sha256)) bad(`bad pack ${p.name}`);
		if (!isSnapshotId(p.origin)) bad(`bad pack origin for ${p.name}`);
	}
}
// .bundle-in/snapshot/manifest-stream.js
/** The top-level keys of every manifest index-vault writes, in canonical order; any other text falls back. */
const KEYS = [
	"createdAt",
	"depth",
	"digest",
	"entries",
	"format",
	"formatVersion",
	"id",
	"kind",
	"packs",
	"parent",
	"series",
	"source",
	"tool",
	"totals"
];
/** Each member's opening text: `"key":`, after a comma for all but the first. */
const OPENINGS = KEYS.map((k) => Buffer.from(`${JSON.stringify(k)}:`, "latin1"));
const ENTRIES = KEYS.indexOf("entries");
/** The digest member is cut from the hashed bytes together with the comma before it (it never comes first). */
const DIGEST = KEYS.indexOf("digest");
/**
* Entries are parsed this many bytes of text at a time (a whole entry more, at most); tests ask
* for less. Small enough that each piece's string is made in V8's young generation, whose pages
* are reused: a string past 128 KiB is put in fresh pages, which cost as much again as decoding it.
*/
const BATCH_BYTES = 65536;
const OPEN = 0;
const KEY = 1;
const VALUE = 2;
const ARRAY = 3;
const FIRST_ENTRY = 4;
const ENTRY = 5;
const AFTER_ARRAY = 6;
const NEWLINE = 7;
const DONE = 8;
/** Why the stream route gave up on a text: the whole-object route then decides. */
var Off = class {
	why;
	constructor(why) {
		this.why = why;
	}
};
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
var ManifestStream = class {
	batchBytes;
	sink;
	digestLater;
	state = OPEN;
	member = 0;
	openingAt = 0;
	/** Scanner state of a top-level value being read: nesting, and whether inside a string, after a backslash. */
	depth = 0;
	inString = false;
	escaped = false;
	valueParts = [];
	head = /* @__PURE__ */ new Map();
	/** The entries, unless a sink takes each instead. */
	entries;
	/** The entries' checks as they come (the rest once the members after them are read). */
	checks;
	/** Text of whole entries not yet parsed, after a `[`; grown if one entry is larger. */
	batch;
	batchLength = 0;
	/** No cut was found in the batch before this (a bound on searching one long entry again and again). */
	searchedTo = 0;
	hash = createHash("sha256");
	hashing = true;
	/** Where hashing resumes in the current chunk. */
	hashFrom = 0;
	total = 0;
	constructor(batchBytes, what, sink, digestLater = false) {
		this.batchBytes = batchBytes;
		this.sink = sink;
		this.digestLater = digestLater;
		this.batch = Buffer.allocUnsafe(2 * batchBytes + 16);
		this.entries = sink ? void 0 : [];
		this.checks = new EntryChecks(what);
	}
	push(chunk) {
		this.total += chunk.length;
		if (this.total > 524288e3) off("larger than a manifest may be");
		const n = chunk.length;
		this.hashFrom = 0;
		let i = 0;
		while (i < n) switch (this.state) {
			case OPEN:
				if (chunk[i++] !== 123) off("not an object");
				this.state = KEY;
				break;
			case KEY: {
				const opening = OPENINGS[this.member];
				while (i < n && this.openingAt < opening.length) if (chunk[i++] !== opening[this.openingAt++]) off(`not the member ${KEYS[this.member]} where it belongs`);
				if (this.openingAt === opening.length) {
					this.openingAt = 0;
					if (this.member === ENTRIES) this.state = ARRAY;
					else this.startValue(VALUE);
				}
				break;
			}
			case VALUE: {
				const end = this.scanValue(chunk, i, n);
				if (end > i) this.valueParts.push(Buffer.from(chunk.subarray(i, end)));
				i = end;
				if (end < n) {
					this.endMember(chunk, end);
					i++;
				}
				break;
			}
			case ARRAY:
				if (chunk[i++] !== 91) off("entries are not an array");
				this.state = FIRST_ENTRY;
				break;
			case FIRST_ENTRY:
				if (chunk[i] === 93) {
					i++;
					this.state = AFTER_ARRAY;
				} else {
					this.batch[0] = 91;
					this.batchLength = 1;
					this.state = ENTRY;
				}
				break;
			case ENTRY:
				i = this.takeEntries(chunk, i, n);
				break;
			case AFTER_ARRAY:
				if (chunk[i++] !== 44) off("entries are not followed by a member");
				this.member++;
				this.state = KEY;
				break;
			case NEWLINE:
				if (chunk[i] !== 10) off("no newline after the object");
				this.hash.update(chunk.subarray(this.hashFrom, i++));
				this.hashing = false;
				this.state = DONE;
				break;
			default: off("bytes after the newline");
		}
		if (this.hashing) this.hash.update(this.hashFrom === 0 ? chunk : chunk.subarray(this.hashFrom));
	}
	/** The manifest, whose entries are left out when a sink took them. */
	finish(what) {
		if (this.state !== DONE) off("the text ends early");
		const h = this.head;
		const m = {
			createdAt: h.get("createdAt"),
			depth: h.get("depth"),
			digest: h.get("digest"),
			entries: this.entries ?? [],
			format: h.get("format"),
			formatVersion: h.get("formatVersion"),
			id: h.get("id"),
			kind: h.get("kind"),
			packs: h.get("packs"),
			parent: h.get("parent"),
			series: h.get("series"),
			source: h.get("source"),
			tool: h.get("tool"),
			totals: h.get("totals")
		};
		const computed = `sha256:${this.hash.digest("hex")}`;
		if (this.digestLater) m.digest = computed;
		if (typeof m.digest !== "string" || m.digest !== computed) off("digest differs");
		try {
			checkManifestFormat(m, what);
			checkManifestHead(m, what);
			this.checks.finish(m);
		} catch (err) {
			off(`refused: ${err.message}`);
		}
		if (this.entries === void 0) delete m.entries;
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
				if (escaped) escaped = false;
				else if (c === 92) escaped = true;
				else if (c === 34) inString = false;
			} else if (c === 34) inString = true;
			else if (c === 123 || c === 91) depth++;
			else if (c === 125 || c === 93) {
				if (depth === 0) break;
				depth--;
			} else if (c === 44 && depth === 0) break;
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
		if (chunk[end] !== (last ? 125 : 44)) off(`the members are not those of a manifest (after ${KEYS[this.member]})`);
		if (this.member === DIGEST - 1) {
			this.hash.update(chunk.subarray(this.hashFrom, end));
			this.hashing = false;
		} else if (this.member === DIGEST) {
			this.hashing = true;
			this.hashFrom = end;
		}
		if (last) this.state = NEWLINE;
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
		const end = this.batch.subarray(0, this.batchLength).indexOf(END_OF_ENTRIES, Math.max(1, before - (END_OF_ENTRIES.length - 1)));
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
			batch[start] = 91;
			batch[cut + 1] = 93;
			this.parseEntries(start, cut + 2);
			start = cut + 1;
		}
		batch[start] = 91;
		if (last) {
			batch[this.batchLength] = 93;
			this.parseEntries(start, this.batchLength + 1);
			this.batchLength = 1;
			this.searchedTo = 0;
		} else if (start > 0) {
			batch.copy(batch, 0, start, this.batchLength);
			this.batchLength -= start;
			this.searchedTo = 0;
		}
	}
	/** Parses `[…]` at batch[from, to) (entries sit one level deep), matches it against its text, keeps its entries. */
	parseEntries(from, to) {
		if (to - from === 2) off("an empty entry");
		const parsed = scanEntries(this.batch, from, to) ?? parsePiece(this.batch.subarray(from, to));
		try {
			for (const e of parsed) this.checks.add(e);
		} catch (err) {
			off(`refused: ${err.message}`);
		}
		if (this.entries) for (const e of parsed) this.entries.push(e);
		else for (const e of parsed) this.sink(e);
	}
};
/** `],"format":`: the end of the entries array in a manifest's canonical text. */
const END_OF_ENTRIES = Buffer.from(`],${OPENINGS[ENTRIES + 1].toString("latin1")}`, "latin1");
const CUT = Buffer.from("},{\"", "latin1");
/**
* Where `},{"` + a key's first character is, by preference the last at or before `near`, after
* `start`; else the first after `near` (and after `searched`, before which there is none); or -1.
*/
function findCut(view, start, near, searched) {
	const ok = (at) => at + CUT.length < view.length && !CLOSERS.has(view[at + CUT.length]);
	for (let at = view.lastIndexOf(CUT, near); at > start; at = at > 0 ? view.lastIndexOf(CUT, at - 1) : -1) if (ok(at)) return at;
	for (let at = view.indexOf(CUT, Math.max(near + 1, searched)); at >= 0; at = view.indexOf(CUT, at + 1)) if (ok(at)) return at;
	return -1;
}
/** What may follow a string's closing quote. */
const CLOSERS = /* @__PURE__ */ new Set([
	44,
	58,
	125,
	93
]);
/** A piece of the text one level deep, parsed, if it is valid UTF-8 and exactly the canonical JSON of what it parses to. */
function parsePiece(bytes) {
	if (!isUtf8(bytes)) off("a byte that is not UTF-8");
	const text = bytes.toString("utf8");
	let value;
	try {
		value = JSON.parse(text);
	} catch {
		off("not valid JSON");
	}
	const match = matchCanonicalPiece(text, value, 1);
	if (!match) off("not in canonical form");
	if (match.protoKey) off("a \"__proto__\" key");
	return value;
}
/**
* The stream route for a text whose digest member is not written yet (a writer checking its
* manifest while sealing it): the member holds a stand-in of the digest's form, and the text is
* checked as if it held the digest its bytes give, which is returned. The digest member is not
* hashed, so the text with the real digest in its place passes exactly when the real digest is
* the one returned. Any text the stream route does not accept answers why: the caller then reads
* the finished text with readManifestHead, which decides as a reader would.
*/
var DeferredDigestCheck = class {
	reader;
	failed;
	constructor(what, batchBytes = BATCH_BYTES) {
		this.reader = new ManifestStream(batchBytes, what, () => {}, true);
	}
	/** The text's next bytes (not kept). */
	push(chunk) {
		if (this.failed !== void 0) return;
		try {
			this.reader.push(chunk);
		} catch (err) {
			this.failed = why(err);
		}
	}
	finish(what) {
		if (this.failed !== void 0) return { fallback: this.failed };
		try {
			return { digest: this.reader.finish(what).digest };
		} catch (err) {
			return { fallback: why(err) };
		}
	}
};
`${"0".repeat(64)}`;
function why(err) {
	return err instanceof Off ? err.why : `unexpected: ${String(err)}`;
}
// .bundle-in/workers/frame-decoder.js
const undecodable = (err) => new IntegrityError(`a zstd frame does not decode: ${err?.message ?? String(err)}`, { hint: "the pack is damaged" });
/** Output past a piece's cap: the caller says which limit that broke. */
var OverCap = class extends Error {};
/**
* The one decoder of pack bytes, for both codecs, each on one long-lived zlib context (a fresh
* context per frame costs a window's worth of newly faulted memory each time). zstd input comes
* as whole frames, each decoded synchronously; gzip input as any pieces of the member stream,
* through zlib's stream. Output is handed to `onRaw` in order as it comes out, in buffers of
* `chunk` bytes at most, valid only during the call.
*/
var FrameDecoder = class {
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
		if (this.codec === "zstd") {
			try {
				this.zstdFrame(input, cap, onRaw);
			} catch (err) {
				return Promise.reject(err);
			}
			return Promise.resolve();
		}
		const stream = this.stream ??= this.open();
		return this.through(stream, cap, onRaw, (done) => {
			stream.write(input);
			stream.flush(done);
		});
	}
	/** `decode` of one whole zstd frame, returning once all of it went through `onRaw` (or throwing). */
	decodeZstdSync(input, cap, onRaw) {
		if (this.codec !== "zstd") throw new Error("decodeZstdSync on a gzip decoder");
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
		const d = this.internals ? this.handle() : void 0;
		if (!d) {
			let raw;
			try {
				raw = zlib.zstdDecompressSync(input, {
					maxOutputLength: cap,
					chunkSize: this.chunk
				});
			} catch (err) {
				if (err.code === "ERR_BUFFER_TOO_LARGE") throw new OverCap();
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
				this.zstd = void 0;
				throw undecodable(failure ?? /* @__PURE__ */ new Error("corrupt data"));
			}
			const have = out.length - d.state[0];
			total += have;
			if (total > cap) {
				this.resetZstd();
				throw new OverCap();
			}
			if (have > 0) onRaw(out.subarray(0, have));
			inOff += inLen - d.state[1];
			inLen = d.state[1];
			if (d.state[0] !== 0 && inLen === 0) return;
		}
	}
	handle() {
		if (this.zstd !== void 0) return this.zstd || void 0;
		const stream = zlib.createZstdDecompress();
		stream.on("error", () => {});
		const i = stream;
		const kError = Object.getOwnPropertySymbols(stream).find((x) => x.description === "kError");
		if (!i._handle || typeof i._handle.writeSync !== "function" || !(i._writeState instanceof Uint32Array) || typeof i._finishFlushFlag !== "number" || !kError) {
			stream.destroy();
			this.zstd = false;
			return;
		}
		this.zstd = {
			stream: i,
			handle: i._handle,
			state: i._writeState,
			flush: i._finishFlushFlag,
			kError,
			destroy: () => stream.destroy()
		};
		return this.zstd;
	}
	resetZstd() {
		if (this.zstd) this.zstd.destroy();
		this.zstd = void 0;
	}
	/** The input has ended: what a gzip stream still holds comes out, and a cut member fails. */
	end(onRaw) {
		const stream = this.stream;
		this.stream = void 0;
		if (!stream) return Promise.resolve();
		return this.through(stream, Number.POSITIVE_INFINITY, onRaw, (done) => {
			stream.once("end", done);
			stream.end();
		}).finally(() => stream.destroy());
	}
	open() {
		const stream = zlib.createGunzip({ chunkSize: this.chunk });
		stream.on("error", () => {});
		return stream;
	}
	/** Forgets the stream (after a failure, or between stretches that may have stopped mid-way). */
	reset() {
		this.stream?.destroy();
		this.stream = void 0;
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
			onError = (err) => fail(new IntegrityError(`the gzip stream does not decode: ${err.message}`, { hint: "the pack is damaged" }));
			onData = (b) => {
				out += b.length;
				try {
					if (out > cap) throw new OverCap();
					onRaw(b);
				} catch (err) {
					fail(err);
				}
			};
			stream.on("data", onData);
			stream.once("error", onError);
			run(resolve);
		}).finally(() => {
			stream.off("data", onData);
			stream.off("error", onError);
		});
	}
};
// .bundle-in/workers/manifest-check-worker.js
/**
* Checks a new manifest as a reader would while the backup is still sealing it, on the other
* core: the pieces come as they are sealed, the digest member as a stand-in (DeferredDigestCheck).
* Started by manifest-check.ts; speaks manifest-check-protocol.ts.
*/
const port = parentPort;
let check;
let what = "";
let taken;
let decoder;
let pieceBytes = 0;
/** Why the text cannot be told here (a piece that did not decode): the writer then checks the finished text. */
let failed;
port.on("message", (m) => {
	if (m.op === "start") {
		({what, pieceBytes} = m);
		check = new DeferredDigestCheck(what);
		taken = new Int32Array(m.taken);
		decoder = new FrameDecoder("zstd", pieceBytes);
		return;
	}
	if (m.op === "end") {
		const reply = failed !== void 0 ? { fallback: failed } : check.finish(what);
		port.postMessage(reply);
		return;
	}
	try {
		if (failed !== void 0) return;
		if (m.op === "raw") check.push(Buffer.from(m.bytes.buffer, m.bytes.byteOffset, m.bytes.length));
		else decoder.decodeZstdSync(m.bytes, pieceBytes, (raw) => check.push(raw));
	} catch (err) {
		failed = `a piece did not decode: ${err.message}`;
	} finally {
		Atomics.add(taken, 0, 1);
		Atomics.notify(taken, 0);
	}
});
export {};
