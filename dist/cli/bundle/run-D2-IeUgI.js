import { S as isIndexVaultError, _ as UnsafeEntryError, a as ChangedError, b as collisionError, c as IoError, d as NotFoundError, f as PortabilityError, g as TargetNotEmptyError, h as StorageError, i as orderedMap, l as LanceError, m as SignatureError, n as isValidKey, o as IndexVaultError, p as RollbackError, r as silentLogger, s as IntegrityError, t as loadOptional, u as LockedError, v as UnsupportedError, x as ioError, y as ValidationError } from "./optional-sdk-DbrghY_K.js";
import { a as yieldTurn, i as uninterrupted, n as onStop, t as isStopping } from "./interrupt-DflhDiOt.js";
import module, { createRequire } from "node:module";
import { parseArgs, promisify } from "node:util";
import { createHash, createHmac, hash, randomBytes, timingSafeEqual } from "node:crypto";
import { isUtf8 } from "node:buffer";
import fs from "node:fs/promises";
import os, { constants, hostname } from "node:os";
import path from "node:path";
import fs$1, { constants as constants$1, createReadStream, createWriteStream } from "node:fs";
import zlib from "node:zlib";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Worker } from "node:worker_threads";
import { Header, Pax } from "tar";
import { pipeline } from "node:stream/promises";
import { Readable, Transform } from "node:stream";
import { spawn } from "node:child_process";
// .bundle-in/cli/did-you-mean.js
/** The closest of `candidates` to a mistyped word, if one is close enough to be a typo of it. */
function didYouMean(word, candidates) {
	let best;
	let bestDistance = Infinity;
	for (const c of candidates) {
		const d = c.startsWith(word) && word.length >= 3 ? .5 : editDistance(word, c);
		if (d < bestDistance) [best, bestDistance] = [c, d];
	}
	return bestDistance <= Math.max(1, Math.floor(word.length / 3)) ? best : void 0;
}
function editDistance(a, b) {
	let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
	for (let i = 1; i <= a.length; i++) {
		const row = [i];
		for (let j = 1; j <= b.length; j++) row[j] = Math.min(prev[j] + 1, row[j - 1] + 1, prev[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
		prev = row;
	}
	return prev[b.length];
}
// .bundle-in/cli/argument-error.js
/** parseArgs' own messages name Node internals; say what is wrong in our words, with a guess. */
function argumentError(err, options, command) {
	const message = err.message;
	const hint = `see index-vault ${command} --help`;
	const unknown = /Unknown option '(-{1,2})([^'=]+)/.exec(message);
	if (unknown) {
		const guess = unknown[1] === "--" ? didYouMean(unknown[2], Object.keys(options)) : void 0;
		return new ValidationError(`unknown option ${unknown[1]}${unknown[2]}${guess ? ` (did you mean --${guess}?)` : ""}`, { hint });
	}
	const missing = /Option '(-\S+?)(?:, (--\S+))?(?: <value>)?' argument missing/.exec(message);
	if (missing) return new ValidationError(`option ${missing[2] ?? missing[1]} needs a value`, { hint });
	const noValue = /Option '(-\S+?)(?:, (--\S+))?' does not take an argument/.exec(message);
	if (noValue) return new ValidationError(`option ${noValue[2] ?? noValue[1]} takes no value`, { hint });
	return new ValidationError(message.split("\n")[0], { hint });
}
/**
* JSON.parse for bytes read from a store or a shared directory, refusing input larger than
* `maxBytes` or nested deeper than MAX_JSON_DEPTH with E_INTEGRITY naming `what`, so nothing that
* later walks the value recursively (canonical JSON, checks, JSON.stringify) can overflow the
* stack. V8's JSON.parse does not recurse, so the value is parsed first and its depth measured
* on the value (a walk of its containers only); the text is scanned only when that walk cannot
* show the bound, which for valid JSON is exactly when the text breaks it.
*/
function parseBoundedJson(input, what, maxBytes) {
	const text = decodeBoundedJson(input, what, maxBytes);
	const value = parseJsonText(text, what);
	if (!depthWithin(value, 64)) assertJsonDepth(text, what);
	return value;
}
/** Whether a parsed value nests at most `limit` arrays and objects deep (the depth jsonDepth finds in its text). */
function depthWithin(value, limit) {
	if (value === null || typeof value !== "object") return true;
	if (limit <= 0) return false;
	if (Array.isArray(value)) {
		for (let i = 0; i < value.length; i++) {
			const v = value[i];
			if (v !== null && typeof v === "object" && !depthWithin(v, limit - 1)) return false;
		}
		return true;
	}
	for (const k in value) {
		const v = value[k];
		if (v !== null && typeof v === "object" && !depthWithin(v, limit - 1)) return false;
	}
	return true;
}
/**
* The first step of parseBoundedJson: refuses input larger than `maxBytes`; decodes bytes as UTF-8.
*/
function decodeBoundedJson(input, what, maxBytes) {
	if ((typeof input === "string" ? Buffer.byteLength(input) : input.length) > maxBytes) throw new IntegrityError(`${what} is larger than ${maxBytes} bytes`, { hint: "the stored object is damaged or was not written by index-vault" });
	return typeof input === "string" ? input : input.toString("utf8");
}
/** Refuses a text nested deeper than MAX_JSON_DEPTH, as parseBoundedJson does. */
function assertJsonDepth(text, what) {
	if (jsonDepth(text) > 64) throw new IntegrityError(`${what} is nested more than 64 levels deep`, { hint: "the stored object is damaged or was not written by index-vault" });
}
/**
* JSON.parse with parseBoundedJson's errors, for a caller that proves the depth bound on the
* value it walks anyway: V8's JSON.parse does not recurse, so parsing first is safe, and text
* that does not parse is measured here, so a too-deep one is refused as too deep, as before.
*/
function parseJsonText(text, what) {
	try {
		return JSON.parse(text);
	} catch (err) {
		assertJsonDepth(text, what);
		throw new IntegrityError(`${what} is not valid JSON`, {
			cause: err,
			hint: "the stored object is damaged; restore an older snapshot"
		});
	}
}
/** Deepest nesting of `[` and `{` outside strings; stops counting once past the limit. */
function jsonDepth(text) {
	let depth = 0;
	let deepest = 0;
	for (let i = 0; i < text.length; i++) {
		const c = text.charCodeAt(i);
		if (c === 34) for (i++; i < text.length; i++) {
			const d = text.charCodeAt(i);
			if (d === 92) i++;
			else if (d === 34) break;
		}
		else if (c === 91 || c === 123) {
			if (++depth > deepest) deepest = depth;
			if (deepest > 64) return deepest;
		} else if (c === 93 || c === 125) depth--;
	}
	return deepest;
}
// .bundle-in/shared/json-pieces.js
/** Elements written per JSON.stringify call: a piece of a few dozen KB for manifest entries. */
const PIECE_ELEMENTS = 128;
/**
* JSON.stringify(array) as pieces that join to exactly that text, written a slice at a time. One
* call over 100,000 entries grows a 27 MB result through fresh memory (~0.5 s on a VM where a
* first touch is slow); slices of a few dozen KB cost a tenth of that. JSON.stringify of an array
* is its elements' texts joined by commas, so slicing changes no byte. A generator, so that a
* caller can encode each piece and let its text go before the next is written.
*/
function* jsonArrayPieces(array) {
	if (array.length <= PIECE_ELEMENTS) {
		yield JSON.stringify(array);
		return;
	}
	yield* jsonElementPieces(array, (slice) => JSON.stringify(slice));
}
/**
* jsonArrayPieces of elements made one at a time (an iterator, not an array): only a slice of
* them is alive at once. `write` gives a slice's JSON array text, so a caller chooses how it is
* written and checked.
*/
function* jsonElementPieces(elements, write) {
	let slice = [];
	let first = true;
	const text = () => {
		const t = write(slice).slice(1, -1);
		const piece = first ? t : `,${t}`;
		first = false;
		slice = [];
		return piece;
	};
	yield "[";
	for (const e of elements) {
		slice.push(e);
		if (slice.length === PIECE_ELEMENTS) yield text();
	}
	if (slice.length > 0) yield text();
	yield "]";
}
/** UTF-8 bytes of a text; an ASCII one (JSON of ASCII paths is) is copied as it is, without the encoder. */
function utf8Bytes(text) {
	return Buffer.byteLength(text) === text.length ? Buffer.from(text, "latin1") : Buffer.from(text);
}
/** The UTF-8 bytes of pieces of text (in groups, one after the other), each piece encoded as it comes. */
function bufferedPieces(...groups) {
	return groups.flatMap((pieces) => Array.from(pieces, utf8Bytes));
}
// .bundle-in/snapshot/canonical-text.js
/** Deepest nesting the matcher follows; deeper, it answers "no" and the reference decides. */
const MATCH_DEPTH = 64;
/** What JSON.stringify escapes in a string: `"`, `\`, control characters and (lone) surrogates. */
const NEEDS_ESCAPE = /["\\\u0000-\u001f\ud800-\udfff]/;
/**
* Whether `text` is exactly the canonical JSON of `value` (manifest.ts's `canonicalJson`)
* followed by one `\n`, found by walking value and text together, without writing the text
* again: each key and string compared in place, each number against its own shortest form.
* Undefined for anything else, including values not in canonical shape or nested deeper than
* MATCH_DEPTH: the caller then decides the long way. `value` is usually JSON.parse(text).
*/
function matchCanonicalText(text, value) {
	const found = { protoKey: false };
	const end = matchValue(text, 0, value, 0, found);
	return end >= 0 && end === text.length - 1 && text.charCodeAt(end) === 10 ? found : void 0;
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
/** The permission bits of an lstat's mode, as a snapshot records them. */
function permissionBits(statMode) {
	return Number(statMode) & 511;
}
function isPermissionMode(v) {
	return typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= 511;
}
/**
* Whether a manifest's modes say exactly who may read and write: from format 2 on, unless the
* backup ran on Windows, where a file shows only its read-only attribute (Node reports 0o444 or
* 0o666, never an execute bit) and everything else would be invented.
*/
function modesAreExact(manifest) {
	return manifest.formatVersion >= 2 && manifest.source.platform !== "win32";
}
/**
* The mode a restore gives a file or directory. Exact modes are applied as recorded, whatever
* the umask. Otherwise (format 1, or a Windows source) the umask decides as for a newly created
* file, from the execute bit, and a read-only file (no owner write bit) stays read-only; a
* directory's read-only attribute means nothing on Windows and is not carried over.
*/
function restoreMode(manifest, entry, umask) {
	if (modesAreExact(manifest)) return entry.mode;
	const base = entry.type === "dir" || entry.exec ? 511 : 438;
	const readOnly = entry.type === "file" && entry.mode !== void 0 && (entry.mode & 128) === 0;
	return base & ~umask & (readOnly ? -147 : 511);
}
/** Whether a file on this machine already has `mode`, as far as the platform keeps modes (Windows: read-only or not). */
function hasMode(statMode, mode) {
	if (process.platform === "win32") return ((statMode ^ mode) & 128) === 0;
	return permissionBits(statMode) === mode;
}
// .bundle-in/snapshot/snapshot-id.js
/**
* Snapshot ids sort by creation time as plain strings: `20261122T143501123Z-1a2b3c4d`.
* No ':' so they are valid file names and cache keys on every OS; the random tail keeps two
* snapshots taken in the same millisecond apart.
*/
function newSnapshotId(now = /* @__PURE__ */ new Date()) {
	const iso = now.toISOString();
	return `${iso.slice(0, 19).replace(/[-:]/g, "") + iso.slice(20, 23) + "Z"}-${randomBytes(4).toString("hex")}`;
}
const ID_RE = /^\d{8}T\d{9}Z-[0-9a-f]{8}$/;
function isSnapshotId(value) {
	return ID_RE.test(value);
}
function assertSnapshotId(value) {
	if (!isSnapshotId(value)) throw new ValidationError(`not a snapshot id: ${JSON.stringify(value)}`, { hint: "ids look like 20261122T143501123Z-1a2b3c4d; listing the store shows them" });
	return value;
}
const NAME_RE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** Series names become store key prefixes and cache keys: keep them to a safe alphabet. */
function assertSeriesName(name) {
	if (!NAME_RE.test(name) || name.includes("..")) throw new ValidationError(`invalid series name ${JSON.stringify(name)}`, { hint: "use 1–100 characters from A–Z a–z 0–9 . _ - starting with a letter or digit" });
	return name;
}
/** Derives a series name from a directory name: `My Index (v2)` → `My-Index-v2`. */
function seriesNameFor(dirName) {
	const cleaned = dirName.normalize("NFKD").replace(/[^A-Za-z0-9._-]+/g, "-").replace(/^[^A-Za-z0-9]+/, "").replace(/-+$/, "").replace(/\.\.+/g, ".").slice(0, 100);
	return cleaned.length > 0 ? cleaned : "index";
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
	if (entries.length > TREE_LIMITS.maxEntries && check.tooMany()) return check.problems;
	for (const e of entries) if (check.add(e)) return check.problems;
	return check.finish();
}
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
/**
* The backup's refusal of a tree that breaks these rules: one line naming the path and the rule
* when there is one problem; E_PORTABILITY when every problem is only about other systems.
*/
function refuseTree(problems, source) {
	const show = (p) => p.length > 120 ? `${p.slice(0, 60)}…${p.slice(-50)} (${Buffer.byteLength(p)} bytes)` : p;
	const lines = problems.slice(0, 20).map((p) => `${JSON.stringify(show(p.path))}: ${p.why}`);
	const text = lines.length === 1 ? lines[0] : `${problems.length} path(s) of ${source}:\n  ${lines.join("\n  ")}`;
	const options = {
		hint: "rename or move them: every restore refuses a snapshot that holds them",
		details: { problems }
	};
	if (problems.every((p) => p.portable)) throw new PortabilityError(`cannot snapshot ${text}`, options);
	throw new ValidationError(`cannot snapshot ${text}`, options);
}
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
/** Largest manifest read or written: below V8's longest string, which the text must fit in. */
const MAX_MANIFEST_BYTES = 524288e3;
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
	if (Array.isArray(value)) return `[${Array.from(value, referenceCanonicalJson).join(",")}]`;
	if (value !== null && typeof value === "object") {
		const proto = Object.getPrototypeOf(value);
		if (proto !== Object.prototype && proto !== null) throw new TypeError(`canonical JSON holds plain objects only, not ${Object.prototype.toString.call(value)}`);
		return `{${Object.keys(value).filter((k) => value[k] !== void 0).sort().map((k) => `${JSON.stringify(k)}:${referenceCanonicalJson(value[k])}`).join(",")}}`;
	}
	if (typeof value === "number" && !Number.isFinite(value)) throw new TypeError(`canonical JSON has no ${value}`);
	if (value !== null && typeof value !== "string" && typeof value !== "number" && typeof value !== "boolean") throw new TypeError(`canonical JSON has no ${typeof value}`);
	return JSON.stringify(value);
}
/**
* The canonical JSON of a manifest's (or its body's) top-level fields, as [key, value text] in
* sorted order: joined with or without `digest`, one serialization gives both the text a writer
* stores and the text its digest is of.
*/
function canonicalMembers(value) {
	const proto = Object.getPrototypeOf(value);
	if (proto !== Object.prototype && proto !== null) throw new TypeError(`canonical JSON holds plain objects only, not ${Object.prototype.toString.call(value)}`);
	const obj = value;
	return Object.keys(obj).filter((k) => obj[k] !== void 0).sort().map((k) => [k, canonicalJson(obj[k])]);
}
/** The same as `"key":value` pairs. */
function canonicalPairs(value) {
	return canonicalMembers(value).map(([k, v]) => [k, `${JSON.stringify(k)}:${v}`]);
}
const joinPairs = (pairs, omit) => `{${pairs.flatMap(([k, p]) => k === omit ? [] : [p]).join(",")}}`;
function sha256Digest(text) {
	return `sha256:${createHash("sha256").update(text).digest("hex")}`;
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
		if (!entriesDone) throw new Error("the packs and totals of a manifest are asked for before its entries are made");
		return made ??= rest();
	};
	const members = canonicalMembersInPieces(head).filter(([k]) => k !== "entries" && k !== "packs" && k !== "totals");
	members.push(["entries", function* () {
		yield* jsonElementPieces(entries, canonicalJson);
		entriesDone = true;
	}], ["packs", () => [canonicalJson(after().packs)]], ["totals", () => [canonicalJson(after().totals)]]);
	members.sort(([a], [b]) => a < b ? -1 : a > b ? 1 : 0);
	const digest = sealMembers(members, out);
	return {
		...head,
		...after(),
		digest
	};
}
/**
* The stored bytes of members in sorted order (each value's text as pieces, made when its turn
* comes and encoded at once, its text let go), with the digest member hashed from the bytes
* around it (the body's canonical text, as a reader cuts it out too) and written into its gap
* (`out.hole`). Returns the digest.
*/
function sealMembers(all, out) {
	const members = all.filter(([k]) => k !== "digest");
	const count = members.length;
	let before = 0;
	while (before < count && members[before][0] < "digest") before++;
	const hash = createHash("sha256");
	const add = (text) => hash.update(out.text(text));
	add("{");
	let gap = -1;
	for (let i = 0; i <= count; i++) {
		if (i === before) gap = out.hole();
		if (i === count) break;
		const [k, pieces] = members[i];
		add(`${i > 0 ? "," : ""}${JSON.stringify(k)}:`);
		for (const piece of pieces()) add(piece);
	}
	add("}");
	const digest = `sha256:${hash.digest("hex")}`;
	const member = `"digest":${JSON.stringify(digest)}`;
	out.fill(gap, Buffer.from(count === 0 ? member : before === 0 ? `${member},` : `,${member}`, "latin1"));
	out.text("\n");
	return digest;
}
/** canonicalMembers, each value as pieces whose concatenation is its canonical JSON (an array in canonical shape a slice at a time). */
function canonicalMembersInPieces(value) {
	const proto = Object.getPrototypeOf(value);
	if (proto !== Object.prototype && proto !== null) throw new TypeError(`canonical JSON holds plain objects only, not ${Object.prototype.toString.call(value)}`);
	const obj = value;
	return Object.keys(obj).filter((k) => obj[k] !== void 0).sort().map((k) => {
		const v = obj[k];
		return [k, () => canonicalPieces(v)];
	});
}
function canonicalPieces(value) {
	return !toJsonInherited() && Array.isArray(value) && inCanonicalShape(value, 0) ? jsonArrayPieces(value) : [canonicalJson(value)];
}
function serializeManifest(manifest) {
	return utf8Bytes(canonicalJson(manifest) + "\n");
}
const HEX64$2 = /^[0-9a-f]{64}$/;
const PACK_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}$/;
function isCount$1(v) {
	return typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
}
/**
* canonicalPairs of a parsed manifest. A number too large for a double (`1e400`) parses to
* Infinity, which no canonical text holds: such bytes are not a manifest's canonical form.
*/
function storedPairs(m, what) {
	try {
		return canonicalPairs(m);
	} catch (err) {
		if (!(err instanceof TypeError)) throw err;
		throw new IntegrityError(`${what} is not in canonical form`, { hint: "the stored manifest is damaged; verify the store and restore another snapshot" });
	}
}
/** A location's fields are all counts (each in turn, no array per entry), its length not 0. */
function isLocation(loc) {
	if (typeof loc !== "object" || loc === null) return false;
	const { pack, offset, length, raw, skip, span } = loc;
	return isCount$1(pack) && isCount$1(offset) && isCount$1(length) && isCount$1(raw) && isCount$1(skip) && isCount$1(span) && length !== 0;
}
/**
* Where a parsed JSON value has an own `__proto__` key (as a path like `source.facts.tags`), or
* undefined. Other keys are data: `constructor` or `prototype` may be a user's tag or table name,
* and an own data property of that name changes nothing. Iterative, over a value whose depth
* and size parseManifest already bounded.
*/
function protoKeyPath(root) {
	const stack = [[root, "(top)"]];
	while (stack.length > 0) {
		const [v, at] = stack.pop();
		if (v === null || typeof v !== "object") continue;
		if (Array.isArray(v)) {
			for (let i = v.length - 1; i >= 0; i--) stack.push([v[i], `${at}[${i}]`]);
			continue;
		}
		if (Object.prototype.hasOwnProperty.call(v, "__proto__")) return at;
		for (const [k, child] of Object.entries(v)) if (child !== null && typeof child === "object") stack.push([child, at === "(top)" ? k : `${at}.${k}`]);
	}
}
/** A key spelled `__proto__` appears in the text as such or with a `\\u` escape in it: without either, no walk is needed. */
function mayHoldProtoKey(text) {
	return text.includes("__proto__") || text.includes("\\u");
}
/**
* The digest of a manifest whose bytes are proven to be its canonical text: the hash of those
* bytes without the `digest` member (and the comma that joins it), which is the canonical text
* of the body, hashed as bytes without writing it again.
*/
function bodyDigestOfText(bytes, text, [start, end]) {
	const ascii = text.length === bytes.length;
	const byteAt = (i) => ascii ? i : Buffer.byteLength(text.slice(0, i));
	const first = text.charCodeAt(start - 1) === 123;
	const cutFrom = byteAt(first ? start : start - 1);
	const cutTo = byteAt(first && text.charCodeAt(end) === 44 ? end + 1 : end);
	return `sha256:${createHash("sha256").update(bytes.subarray(0, cutFrom)).update(bytes.subarray(cutTo, bytes.length - 1)).digest("hex")}`;
}
/**
* Parses and checks a stored manifest: its digest, its version, and every field a restore will
* trust. A manifest is input like any other: it may have been written by an attacker who can
* write the store, so every path, range and count is validated here, once.
*/
function parseManifest(bytes, what = "manifest") {
	const text = decodeBoundedJson(bytes, what, MAX_MANIFEST_BYTES);
	const m = parseJsonText(text, what);
	const match = typeof bytes !== "string" && isUtf8(bytes) ? matchCanonicalText(text, m) : void 0;
	if (!match) assertJsonDepth(text, what);
	const proto = (match ? match.protoKey : mayHoldProtoKey(bytes)) ? protoKeyPath(m) : void 0;
	if (proto !== void 0) malformed(what)(`it has a "__proto__" key at ${proto}`);
	checkManifestFormat(m, what);
	const digest = m.digest;
	const fast = match?.digestAt !== void 0 && typeof digest === "string";
	const pairs = fast ? void 0 : storedPairs(m, what);
	const computed = fast ? bodyDigestOfText(bytes, text, match.digestAt) : sha256Digest(joinPairs(pairs, "digest"));
	if (typeof digest !== "string" || computed !== digest) throw new IntegrityError(`${what} digest does not match its content`, { hint: "the stored manifest is damaged; verify the store and restore another snapshot" });
	if (!fast && typeof bytes !== "string" && !bytes.equals(Buffer.from(joinPairs(pairs) + "\n"))) throw new IntegrityError(`${what} is not in canonical form`, { hint: "the stored manifest is damaged; verify the store and restore another snapshot" });
	checkManifestFields(m, what);
	return m;
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
	if (!isCount$1(m.formatVersion) || m.formatVersion < 1 || m.formatVersion > 2) {
		if (isCount$1(m.formatVersion) && m.formatVersion > 2) throw new UnsupportedError(`${what} uses snapshot format ${m.formatVersion}; this index-vault reads formats 1 to 2`, { hint: "upgrade index-vault to restore it" });
		bad(`unknown format version ${JSON.stringify(m.formatVersion)}`);
	}
}
/** parseManifest's checks after the digest and the canonical form: every field a restore will trust. */
function checkManifestFields(m, what) {
	checkManifestHead(m, what);
	const checks = new EntryChecks(what);
	for (const e of m.entries) checks.add(e);
	checks.finish(m);
}
/** checkManifestFields's checks of every member but the entries. */
function checkManifestHead(m, what) {
	const bad = malformed(what);
	if (!isSnapshotId(m.id)) bad("bad id");
	if (typeof m.series !== "string") bad("bad series");
	if (m.kind !== "full" && m.kind !== "incremental") bad("bad kind");
	if (!isCount$1(m.depth) || m.kind === "full" !== (m.depth === 0) || m.kind === "full" !== (m.parent === null)) bad("kind, depth and parent disagree");
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
	].every(isCount$1)) bad("bad totals");
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
			if (!isCount$1(e.size) || typeof e.exec !== "boolean" || typeof e.sha256 !== "string" || !HEX64$2.test(e.sha256)) bad(`bad file entry ${e.path}`);
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
		if (!isCount$1(p.size) || !isCount$1(p.rawSize) || typeof p.sha256 !== "string" || !HEX64$2.test(p.sha256)) bad(`bad pack ${p.name}`);
		if (!isSnapshotId(p.origin)) bad(`bad pack origin for ${p.name}`);
	}
}
// .bundle-in/snapshot/signature.js
const SIGNATURE_FORMAT = "index-vault.signature";
const SIGNATURE_ALGORITHM = "hmac-sha256";
const MAX_SIGNATURE_BYTES = 65536;
const KEY_ID = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const ID_AND_SECRET = /^([A-Za-z0-9][A-Za-z0-9._-]{0,63}):(.+)$/s;
/**
* One signing key: an id (stored beside each signature, so keys can rotate) and a secret that no
* JSON, inspection or message ever shows (a private field).
*/
var SigningKey = class {
	id;
	#secret;
	constructor(id, secret) {
		this.id = id;
		this.#secret = Buffer.from(secret, "utf8");
	}
	mac(data) {
		return createHmac("sha256", this.#secret).update(data).digest();
	}
	toJSON() {
		return { id: this.id };
	}
};
function splitKeyList(text) {
	return text.split(/[,\r\n]/).map((s) => s.trim()).filter((s) => s !== "");
}
/**
* Parses signing keys: a list separated by commas or newlines of `<key-id>:<secret>` or a bare
* `<secret>`, whose id is then the first 8 hex digits of its sha256. Messages name the key's
* position and id, never the secret.
*/
function parseSigningKeys(texts, where) {
	const keys = [];
	const secrets = /* @__PURE__ */ new Map();
	for (const item of texts.flatMap(splitKeyList)) {
		const m = ID_AND_SECRET.exec(item);
		const secret = m ? m[2] : item;
		const id = m ? m[1] : createHash("sha256").update(secret).digest("hex").slice(0, 8);
		const n = keys.length + 1;
		if (Buffer.byteLength(secret) < 16) throw new ValidationError(`${where}: key ${n}${m ? ` (id ${id})` : ""} is shorter than 16 bytes`, { hint: "use a random secret of 32 bytes or more, e.g. `openssl rand -hex 32`" });
		if (!KEY_ID.test(id)) throw new ValidationError(`${where}: key ${n} has an invalid id`, { hint: "key ids are 1 to 64 of A-Z a-z 0-9 . _ -" });
		const before = secrets.get(id);
		if (before !== void 0 && before !== secret) throw new ValidationError(`${where}: two different keys have the id ${id}`, { hint: "give each key its own id" });
		if (before === void 0) keys.push(new SigningKey(id, secret));
		secrets.set(id, secret);
	}
	return keys;
}
function signedText(r) {
	return canonicalJson({
		format: r.format,
		formatVersion: r.formatVersion,
		algorithm: r.algorithm,
		series: r.series,
		id: r.id,
		digest: r.digest,
		keyId: r.keyId
	});
}
/** Signs a manifest's digest, id and series with `key`. */
function signManifest(manifest, key) {
	const body = {
		format: SIGNATURE_FORMAT,
		formatVersion: 1,
		algorithm: SIGNATURE_ALGORITHM,
		series: manifest.series,
		id: manifest.id,
		digest: manifest.digest,
		keyId: key.id
	};
	return {
		...body,
		mac: key.mac(signedText(body)).toString("hex")
	};
}
function serializeSignature(record) {
	return Buffer.from(canonicalJson(record) + "\n");
}
/**
* Checks a stored signature object (undefined when there is none) against a manifest and the
* keys. Every way it can fail is one verdict: a missing signature, or one by a key id that is not
* configured, is `unsigned` (it cannot be checked); one that is malformed, made for another
* snapshot or that does not match is not.
*/
function checkSignature(bytes, manifest, keys) {
	if (bytes === void 0) return {
		ok: false,
		unsigned: true,
		why: "it is not signed"
	};
	let r;
	try {
		r = parseBoundedJson(bytes, "signature", MAX_SIGNATURE_BYTES);
	} catch {
		return {
			ok: false,
			unsigned: false,
			why: "its signature is not readable"
		};
	}
	if (r === null || typeof r !== "object" || r.format !== "index-vault.signature" || r.formatVersion !== 1 || r.algorithm !== "hmac-sha256") return {
		ok: false,
		unsigned: false,
		why: "its signature is malformed"
	};
	if (typeof r.keyId !== "string" || typeof r.mac !== "string" || !/^[0-9a-f]{64}$/.test(r.mac)) return {
		ok: false,
		unsigned: false,
		why: "its signature is malformed"
	};
	if (r.series !== manifest.series || r.id !== manifest.id || r.digest !== manifest.digest) return {
		ok: false,
		unsigned: false,
		why: `its signature was made for another snapshot (${String(r.series)}/${String(r.id)})`
	};
	const key = keys.find((k) => k.id === r.keyId);
	if (!key) return {
		ok: false,
		unsigned: true,
		why: `it is signed with key id ${JSON.stringify(r.keyId)}, which is not configured (configured: ${keys.map((k) => k.id).join(", ")})`
	};
	const expected = key.mac(signedText(r));
	if (!timingSafeEqual(expected, Buffer.from(r.mac, "hex"))) return {
		ok: false,
		unsigned: false,
		why: `its signature does not match (key id ${r.keyId})`
	};
	return {
		ok: true,
		keyId: r.keyId
	};
}
/** The refusal for a verdict that is not ok, in one line. */
function signatureError(manifest, why) {
	return new SignatureError(`snapshot ${manifest.id} of ${manifest.series}: ${why}`, {
		hint: "restore a snapshot signed with a configured key: whoever else can write the store may have planted this one (allowing unsigned snapshots accepts those with no signature)",
		details: {
			id: manifest.id,
			series: manifest.series
		}
	});
}
// .bundle-in/cli/signing.js
/** Options of the commands that sign or check signatures. */
const SIGNING_OPTIONS = {
	"signing-key": {
		type: "string",
		multiple: true
	},
	"allow-unsigned": { type: "boolean" }
};
/**
* `--signing-key` (repeatable, or a comma-separated list), else INDEX_VAULT_SIGNING_KEY; the
* environment is the better place for a secret, which a command line shows to every user of the machine.
*/
function cliSigning(values, env) {
	const flags = values["signing-key"];
	if (flags?.some((f) => f.trim() === "")) throw new ValidationError("--signing-key is empty", { hint: "check the variable that should hold the key; leave the flag out to neither sign nor check" });
	const keys = parseSigningKeys(flags && flags.length > 0 ? flags : env.INDEX_VAULT_SIGNING_KEY ? [env.INDEX_VAULT_SIGNING_KEY] : [], flags && flags.length > 0 ? "--signing-key" : "INDEX_VAULT_SIGNING_KEY");
	return keys.length === 0 ? void 0 : {
		keys,
		allowUnsigned: values["allow-unsigned"] === true
	};
}
// .bundle-in/fs-safety/real-path.js
/** Links followed before a chain is taken for a loop (Linux's own limit). */
const MAX_LINKS = 40;
/**
* The path with every symlink resolved: its realpath, or, where the path (or the file a symlink
* names) does not exist yet, the resolved parent joined with the name. Two spellings of one
* directory (`real` and `alias -> real`) give the same answer, so they share one lock and one backup.
*/
function resolvedPath(p, links = 0) {
	const abs = path.resolve(p);
	try {
		return fs$1.realpathSync.native(abs);
	} catch {}
	const parentPath = path.dirname(abs);
	if (parentPath === abs) return abs;
	const at = path.join(resolvedPath(parentPath, links), path.basename(abs));
	try {
		if (links < MAX_LINKS && fs$1.lstatSync(at).isSymbolicLink()) return resolvedPath(path.resolve(path.dirname(at), fs$1.readlinkSync(at)), links + 1);
	} catch {}
	return at;
}
// .bundle-in/fs-safety/placement.js
/** Windows and macOS usually fold case: there `/A` and `/a` are taken for one directory (refusing a few safe cases, never allowing an unsafe one). */
const FOLDS_CASE = process.platform === "win32" || process.platform === "darwin";
/** Whether `inner` is `outer` or lies below it (both real paths). */
function isWithin(inner, outer) {
	const a = FOLDS_CASE ? inner.toLowerCase() : inner;
	const b = FOLDS_CASE ? outer.toLowerCase() : outer;
	const rel = path.relative(b, a);
	return rel === "" || rel !== ".." && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel);
}
/**
* The one rule for directories that must not nest: a store, backup directory or cache inside the
* tree it keeps (or the tree inside it) would be left out of the snapshot and then erased by the
* restore that makes the tree exactly the snapshot. Refused with E_VALIDATION.
*/
function assertApart(tree, other) {
	const t = resolvedPath(tree.path);
	const o = resolvedPath(other.path);
	const where = isWithin(o, t) ? `${other.role} ${o} is inside ${tree.role} ${t}` : isWithin(t, o) ? `${tree.role} ${t} is inside ${other.role} ${o}` : void 0;
	if (where === void 0) return;
	throw new ValidationError(where, {
		hint: `keep ${other.role} outside ${tree.role} (and ${tree.role} outside it): a restore makes ${tree.role} exactly a snapshot and would erase it`,
		details: {
			tree: t,
			other: o
		}
	});
}
/** Creates `dir` and any missing parent as owner-only; a directory that exists keeps its mode. */
async function makePrivateDir(dir) {
	await fs.mkdir(dir, {
		recursive: true,
		mode: 448
	});
}
/**
* Creates `dir` owner-only if it does not exist, its parents with the usual modes: a store
* directory named on the command line is private when index-vault makes it, and an existing
* one (perhaps shared by a team on purpose) keeps its mode.
*/
async function makePrivateLeaf(dir) {
	await fs.mkdir(path.dirname(dir), { recursive: true });
	try {
		await fs.mkdir(dir, { mode: 448 });
	} catch (err) {
		if (err.code !== "EEXIST") throw err;
	}
}
const MAGIC$1 = Buffer.from("IVHCACHE", "latin1");
const HEADER = 24;
/**
* The paths of a cache file, left in its bytes and decoded when asked for: a lookup in the order
* the file keeps them (see hash-cache.ts) makes no string that outlives it, where a million
* paths split at once would be held for the whole run.
*/
var CachePaths = class CachePaths {
	bytes;
	starts;
	/** What `ascending` found, once it has looked. */
	inOrder;
	/** `bytes` (valid UTF-8) holds `starts.length - 1` paths, path i at [starts[i], starts[i + 1] - 1), each ended by a NUL. */
	constructor(bytes, starts) {
		this.bytes = bytes;
		this.starts = starts;
	}
	get length() {
		return this.starts.length - 1;
	}
	/** Path i against the UTF-8 bytes `key` in the tree's order (comparePaths): negative when path i comes first. */
	compare(i, key) {
		return this.bytes.compare(key, 0, key.length, this.starts[i], this.starts[i + 1] - 1);
	}
	/** Bytes of path i with its NUL. */
	byteLengthOf(i) {
		return this.starts[i + 1] - this.starts[i];
	}
	/** Copies path i with its NUL into `out` at `at`; the bytes copied. */
	copyTo(i, out, at) {
		return this.bytes.copy(out, at, this.starts[i], this.starts[i + 1]);
	}
	/** Copies paths a to b - 1, each with its NUL, into `out` at `at`; the bytes copied. */
	copyRangeTo(a, b, out, at) {
		return this.bytes.copy(out, at, this.starts[a], this.starts[b]);
	}
	at(i) {
		return this.bytes.toString("utf8", this.starts[i], this.starts[i + 1] - 1);
	}
	/** Whether the paths are in strictly ascending order of their UTF-8 bytes, the tree's order (comparePaths); compared in place. */
	ascending() {
		if (this.inOrder !== void 0) return this.inOrder;
		const { bytes, starts } = this;
		for (let i = 1; i < this.length; i++) if (bytes.compare(bytes, starts[i], starts[i + 1] - 1, starts[i - 1], starts[i] - 1) >= 0) return this.inOrder = false;
		return this.inOrder = true;
	}
	/** The first row whose path is not before `rel` in that order (`length` if none); a binary search, for paths known to be ascending. */
	seek(rel) {
		return this.seekBytes(Buffer.from(rel, "utf8"));
	}
	/** `seek` for a path given as its UTF-8 bytes, from row `lo` on. */
	seekBytes(key, lo = 0) {
		const { bytes, starts } = this;
		let hi = this.length;
		while (lo < hi) {
			const mid = lo + hi >>> 1;
			if (bytes.compare(key, 0, key.length, starts[mid], starts[mid + 1] - 1) < 0) lo = mid + 1;
			else hi = mid;
		}
		return lo;
	}
	*[Symbol.iterator]() {
		for (let i = 0; i < this.length; i++) yield this.at(i);
	}
	static EMPTY = new CachePaths(Buffer.alloc(0), /* @__PURE__ */ new Uint32Array(1));
};
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** What a column can hold exactly: anything else is not cached (written into one, it would wrap). */
function fitsInt64(v) {
	return v >= INT64_MIN && v <= INT64_MAX;
}
const SURROGATE = /[\uD800-\uDFFF]/;
/** A path the file can keep as it is: no NUL (the separator), no lone surrogate (UTF-8 would replace it). */
function storablePath(rel) {
	if (rel.includes("\0")) return false;
	return !SURROGATE.test(rel) || !SURROGATE.test(rel.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ""));
}
const align8 = (n) => n + 7 & -8;
/**
* A cache file holding `paths` and what `fill` writes into the columns and digests it is given
* (zeros to begin with), which are the file's own bytes where their offset allows: the columns
* are filled in place rather than built and copied.
*/
function encodeCacheFile(root, paths, fill) {
	const list = Array.isArray(paths) ? joinedPaths(paths) : paths;
	const n = list.count;
	const rootLength = Buffer.byteLength(root, "utf8");
	const pathLength = list.byteLength;
	const columns = align8(HEADER + rootLength + pathLength);
	const out = Buffer.alloc(columns + n * 5 * 8 + n * 32);
	MAGIC$1.copy(out, 0);
	out.writeUInt32LE(2, 8);
	out.writeUInt32LE(n, 12);
	out.writeUInt32LE(rootLength, 16);
	out.writeUInt32LE(pathLength, 20);
	out.write(root, HEADER, "utf8");
	list.write(out, HEADER + rootLength);
	const table = tableIn(out, columns, n, n);
	fill({
		count: n,
		nums: table.nums,
		sha256: table.sha256
	});
	if (table.nums.buffer !== out.buffer) out.set(new Uint8Array(table.nums.buffer), columns);
	return out;
}
/**
* The bytes encodeCacheFile would give for `rows`, as pieces of at most `piece` bytes (a multiple
* of 8) in one buffer used again: a piece is valid until the next is asked for. A save of a
* million entries then holds a MiB where the whole file (~130 MB) was built first.
*/
function* cacheFilePieces(root, rows, piece = 1048576) {
	const buf = Buffer.allocUnsafeSlow(piece);
	const words = new Uint32Array(buf.buffer, buf.byteOffset, piece >>> 2);
	const n = rows.count;
	const rootBytes = Buffer.from(root, "utf8");
	const head = Buffer.alloc(HEADER);
	MAGIC$1.copy(head, 0);
	head.writeUInt32LE(2, 8);
	head.writeUInt32LE(n, 12);
	head.writeUInt32LE(rootBytes.length, 16);
	head.writeUInt32LE(rows.pathBytes, 20);
	yield head;
	yield rootBytes;
	let at = 0;
	let pathBytes = 0;
	for (let i = 0; i < n; i++) {
		const room = rows.pathRoom(i);
		if (room > piece) throw new Error(`a path of up to ${room} bytes, more than a piece of ${piece}`);
		if (at + room > piece) {
			yield buf.subarray(0, at);
			at = 0;
		}
		const written = rows.writePath(i, buf, at);
		at += written;
		pathBytes += written;
	}
	if (pathBytes !== rows.pathBytes) throw new Error(`the paths took ${pathBytes} bytes, not the ${rows.pathBytes} the header says`);
	const end = HEADER + rootBytes.length + pathBytes;
	buf.fill(0, at, at + align8(end) - end);
	at += align8(end) - end;
	if (at > 0) yield buf.subarray(0, at);
	at = 0;
	for (let c = 0; c < 5; c++) for (let i = 0; i < n; i++) {
		if (at === piece) {
			yield buf;
			at = 0;
		}
		rows.column(i, c, words, at >>> 2);
		at += 8;
	}
	for (let i = 0; i < n; i++) {
		if (at + 32 > piece) {
			yield buf.subarray(0, at);
			at = 0;
		}
		rows.sha256(i, buf, at);
		at += 32;
	}
	if (at > 0) yield buf.subarray(0, at);
}
/** Paths given as strings, joined by NULs. */
function joinedPaths(paths) {
	const joined = paths.length === 0 ? "" : paths.join("\0") + "\0";
	return {
		count: paths.length,
		byteLength: Buffer.byteLength(joined, "utf8"),
		write: (out, at) => void out.write(joined, at, "utf8")
	};
}
/** The columns and digests at `columns` of a file's bytes: views of them when 8-byte aligned, else a copy of the columns. */
function tableIn(bytes, columns, n, paths) {
	const at = bytes.byteOffset + columns;
	return {
		paths,
		nums: at % 8 === 0 ? new BigInt64Array(bytes.buffer, at, n * 5) : new BigInt64Array(new Uint8Array(bytes.subarray(columns, columns + n * 5 * 8)).buffer),
		sha256: bytes.subarray(columns + n * 5 * 8, columns + n * 5 * 8 + n * 32)
	};
}
/** The table a cache file of `root` holds; an Error saying why for anything that is not one. */
function decodeCacheFile(bytes, root) {
	if (bytes.length < HEADER || !bytes.subarray(0, 8).equals(MAGIC$1)) throw new Error("not a hash cache file of this version");
	const version = bytes.readUInt32LE(8);
	if (version !== 2) throw new Error(`version ${version}, not 2`);
	const n = bytes.readUInt32LE(12);
	const rootLength = bytes.readUInt32LE(16);
	const pathLength = bytes.readUInt32LE(20);
	const pathsAt = HEADER + rootLength;
	const columns = align8(pathsAt + pathLength);
	if (bytes.length !== columns + n * 5 * 8 + n * 32) throw new Error(`${bytes.length} bytes, not what its header says`);
	const fileRoot = bytes.subarray(HEADER, pathsAt);
	if (!isUtf8(fileRoot) || fileRoot.toString("utf8") !== root) throw new Error(`it belongs to ${JSON.stringify(fileRoot.toString("utf8"))}`);
	const pathBytes = bytes.subarray(pathsAt, pathsAt + pathLength);
	if (!isUtf8(pathBytes)) throw new Error("paths that are not UTF-8");
	if (n === 0 ? pathLength !== 0 : pathBytes[pathLength - 1] !== 0) throw new Error("paths not ended as they should be");
	const starts = new Uint32Array(n + 1);
	let count = 0;
	for (let at = pathBytes.indexOf(0); at >= 0; at = pathBytes.indexOf(0, at + 1)) {
		if (++count > n) break;
		starts[count] = at + 1;
	}
	if (count !== n) throw new Error(`${count > n ? "more" : count} paths for ${n} entries`);
	return tableIn(bytes, columns, n, new CachePaths(pathBytes, starts));
}
// .bundle-in/fs-safety/stamp-table.js
/**
* The stamps (size, mtime and ctime in ns, inode) of a scan's files, four signed 64-bit words per
* file in one growing array: no object and no BigInt per file stays alive, where a FileStamp
* each kept five. A stamp with a number past 64 bits (a time after 2262, say) is kept aside as it
* is, and marked so that no word comparison is ever made with it.
*/
var StampTable = class {
	nums;
	view;
	count = 0;
	wide = /* @__PURE__ */ new Map();
	released = false;
	/** Room for `rows` stamps, when known: made once, never copied to grow. */
	constructor(rows = 1024) {
		this.nums = new BigInt64Array(4 * Math.max(1, rows));
		this.view = new Uint32Array(this.nums.buffer);
	}
	/** Rows added so far. */
	get length() {
		return this.count;
	}
	/** Adds a stamp; its row. */
	add(size, mtimeNs, ctimeNs, ino) {
		const row = this.next();
		if (fitsInt64(size) && fitsInt64(mtimeNs) && fitsInt64(ctimeNs) && fitsInt64(ino)) {
			const at = 4 * row;
			this.nums[at] = size;
			this.nums[at + 1] = mtimeNs;
			this.nums[at + 2] = ctimeNs;
			this.nums[at + 3] = ino;
		} else this.wide.set(row, {
			size,
			mtimeNs,
			ctimeNs,
			ino
		});
		return row;
	}
	/** `add` for a stamp given as four 64-bit integers in `values` from `from`: copied as they are, no BigInt made. */
	addFrom(values, from) {
		const row = this.next();
		this.view.set(new Uint32Array(values.buffer, values.byteOffset + 8 * from, 8), 8 * row);
		return row;
	}
	next() {
		if (this.released) throw new Error("a stamp is added to a released table");
		const row = this.count++;
		if (4 * this.count > this.nums.length) {
			const grown = new BigInt64Array(this.nums.length * 2);
			grown.set(this.nums);
			this.nums = grown;
			this.view = new Uint32Array(grown.buffer);
		}
		return row;
	}
	/**
	* Lets go of every row (a backup, once its files are read and the hash cache is saved, needs no
	* stamp while it makes the manifest); a row asked for after is an error, not a wrong answer.
	*/
	release() {
		this.released = true;
		this.nums = /* @__PURE__ */ new BigInt64Array(0);
		this.view = /* @__PURE__ */ new Uint32Array(0);
		this.wide.clear();
	}
	/** The stamp of a row, exact. */
	get(row) {
		if (this.released) throw new Error("a stamp is asked for after its table was released");
		const wide = this.wide.get(row);
		if (wide) return wide;
		const at = 4 * row;
		return {
			size: this.nums[at],
			mtimeNs: this.nums[at + 1],
			ctimeNs: this.nums[at + 2],
			ino: this.nums[at + 3]
		};
	}
	/** Whether the row's stamp is kept aside (see `get`): then it has no words. */
	isWide(row) {
		return this.wide.has(row);
	}
	/** Every row as eight 32-bit words (size, mtime, ctime, inode, two each) from 8 × row; valid until the next `add`. */
	get words() {
		if (this.released) throw new Error("stamps are asked for after their table was released");
		return this.view;
	}
};
// .bundle-in/fs-safety/hash-cache.js
/**
* A local cache of file content hashes for one directory tree, so that an incremental backup
* need not read files that provably did not change (as git's index, restic's parent snapshot
* and borg's files cache do). It is an optimization only: it lives on this machine, is never
* part of a snapshot, and any failure to read or write it just means files are hashed again.
*
* The trust rule. A cached hash is used only when
*   1. the file's size, mtime (ns), ctime (ns) and inode all equal the recorded stat, and
*   2. the entry was clean when recorded: recordedAt − max(ctime, mtime) ≥ RACY_NS.
* Why this is enough: every write to a file sets its ctime to "now", and user space cannot set
* ctime (mtime it can: `touch -d`, utimes — hence ctime, and the inode for a file replaced by
* a rename). But timestamps are coarse: Linux takes them from a clock that ticks every 1–10 ms,
* Windows every ~15.6 ms, so a second write in the same tick leaves ctime as it was. A hash is
* recorded only for content read after `recordedAt`; a write after that instant gets a ctime no
* earlier than recordedAt − one tick, which is later than a clean entry's ctime, so it cannot
* hide. An entry whose ctime is within RACY_NS of its recording ("racy", git's term) could hide
* such a write, and is never trusted. Filesystems that keep whole seconds (ext4 with small
* inodes, HFS+, FAT) get a window of two seconds instead. Not covered, as with every stat-based
* tool: a clock set backwards, and writes through a memory map that stays writable across the
* backup (the kernel updates times at the first write fault, not at every store).
*/
/** How much older than its recording a file's ctime (and mtime) must be for its hash to be trusted. */
const RACY_NS = 100000000n;
/** The same for timestamps with whole seconds only: at least two of their ticks (FAT's is 2 s). */
const COARSE_RACY_NS = 2000000000n;
const NS_PER_S = 1000000000n;
/** Wall-clock now in ns: the clock the kernel stamps files with (a monotonic clock would not compare). */
function nowNs() {
	return BigInt(Date.now()) * 1000000n;
}
/** The racy window for a file: whole-second ctimes say the filesystem keeps no finer time. */
function racyWindow(ctimeNs) {
	return ctimeNs % NS_PER_S === 0n ? COARSE_RACY_NS : RACY_NS;
}
/** Whether a stat recorded at `recordedAtNs` was old enough then that no later write can hide behind it. */
function isClean(stamp, recordedAtNs) {
	return cleanTimes(stamp.ctimeNs, stamp.mtimeNs, recordedAtNs);
}
function cleanTimes(ctimeNs, mtimeNs, recordedAtNs) {
	if (ctimeNs === 0n) return false;
	return recordedAtNs - (ctimeNs > mtimeNs ? ctimeNs : mtimeNs) >= racyWindow(ctimeNs);
}
function sameStamp(a, b) {
	return a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs && a.ino === b.ino;
}
/**
* The library's default cache directory: `~/.cache/index-vault` (Windows: `~/AppData/Local/index-vault`),
* or undefined without a home directory. No environment variable is read here: the CLI and the
* action read `INDEX_VAULT_CACHE_DIR` and friends (`cacheDirFromEnv`) and pass the directory.
*/
function defaultCacheDir() {
	let home;
	try {
		home = os.homedir();
	} catch {
		return;
	}
	if (!home) return void 0;
	return process.platform === "win32" ? path.join(home, "AppData", "Local", "index-vault") : path.join(home, ".cache", "index-vault");
}
/** `INDEX_VAULT_CACHE_DIR`, else the platform's per-user cache directory from the given environment: what the CLI and the action pass. */
function cacheDirFromEnv(env) {
	if (env.INDEX_VAULT_CACHE_DIR) return path.resolve(env.INDEX_VAULT_CACHE_DIR);
	if (process.platform === "win32" && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, "index-vault");
	if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME)) return path.join(env.XDG_CACHE_HOME, "index-vault");
	return defaultCacheDir();
}
/** The cache file of a tree: one per absolute root path, named by its hash (paths may be long or odd). */
function cacheFileFor(root, dir) {
	return path.join(dir, `${createHash("sha256").update(path.resolve(root)).digest("hex").slice(0, 32)}.bin`);
}
/**
* The cache file of the tree at `root` in `cacheDir`, or undefined: no directory, or one inside the
* tree (kept there, the cache would change the tree it is about and be erased by a restore; `warn`
* is told so). What HashCache.open uses, and what a restore prepares for before it opens one.
*/
function usableCacheFile(root, cacheDir, warn) {
	if (cacheDir === void 0) return void 0;
	const abs = path.resolve(root);
	const dir = path.resolve(cacheDir);
	if (isWithin(resolvedPath(dir), resolvedPath(abs))) {
		warn?.(`the hash cache directory ${dir} is inside ${abs}: not using it (choose a cache directory outside, e.g. with INDEX_VAULT_CACHE_DIR)`);
		return;
	}
	return cacheFileFor(abs, dir);
}
/** Where the low and the high 32 bits of a 64-bit integer are, as 32-bit words of this machine. */
const LO = os.endianness() === "LE" ? 0 : 1;
const HI = 1 - LO;
/**
* `cleanTimes` of the 64-bit integers at word offsets `c` (ctime) and `m` (mtime) of `w`, recorded
* at the time whose high (signed) and low words are `rHi` and `rLo`, without a BigInt: recorded −
* newest as high and low word differences, exact in a double while the high words are less than
* 2^20 apart (and far past either window otherwise). Undefined when the answer hangs on the
* window (between RACY_NS and COARSE_RACY_NS): `cleanTimes` decides.
*/
function cleanByWords(w, c, m, rHi, rLo) {
	if (w[c + LO] === 0 && w[c + HI] === 0) return false;
	const dh = rHi - (w[newestOf(w, c, m) + HI] | 0);
	if (dh >= 2 ** 20) return true;
	if (dh <= -(2 ** 20)) return false;
	const diff = dh * 2 ** 32 + (rLo - w[newestOf(w, c, m) + LO]);
	if (diff >= Number(COARSE_RACY_NS)) return true;
	if (diff < Number(100000000n)) return false;
}
/** The word offset of the later of the 64-bit integers at `c` and `m`. */
function newestOf(w, c, m) {
	const ch = w[c + HI] | 0;
	const mh = w[m + HI] | 0;
	return mh > ch || mh === ch && w[m + LO] > w[c + LO] ? m : c;
}
/**
* How many ns after the time with words `sHi`, `sLo` the stamp whose ctime and mtime are at `c`
* and `m` of `w` becomes clean (see cleanTimes), without a BigInt; -Infinity when it never will
* (no ctime) or was long ago, Infinity when it is far off. Exact while within 2^52 ns; undefined
* for a ctime before 1970, whose whole seconds `cleanDelayOf` tells.
*/
function cleanDelayByWords(w, c, m, sHi, sLo) {
	if (w[c + LO] === 0 && w[c + HI] === 0) return -Infinity;
	const hi = w[c + HI] | 0;
	if (hi < 0) return void 0;
	const n = newestOf(w, c, m);
	const dh = (w[n + HI] | 0) - sHi;
	if (dh >= 2 ** 20) return Infinity;
	if (dh <= -(2 ** 20)) return -Infinity;
	const coarse = (hi % 1e9 * 65536 % 1e9 * 65536 % 1e9 + w[c + LO]) % 1e9 === 0;
	return dh * 2 ** 32 + (w[n + LO] - sLo) + Number(coarse ? COARSE_RACY_NS : RACY_NS);
}
/** Where the run of consecutive rows that starts at `from[i]` (a kept row) ends: the first index past it. */
function runEnd(from, i) {
	let j = i + 1;
	while (j < from.length && from[j] === from[j - 1] + 1) j++;
	return j;
}
/** A hash as 64 hex digits, from those or from its 32 bytes. */
function hexOf(sha256) {
	return typeof sha256 === "string" ? sha256 : Buffer.from(sha256.buffer, sha256.byteOffset, sha256.length).toString("hex");
}
/** `cleanDelayByWords` of a stamp as BigInts. */
function cleanDelayOf(s, startNs) {
	if (s.ctimeNs === 0n) return -Infinity;
	return Number((s.ctimeNs > s.mtimeNs ? s.ctimeNs : s.mtimeNs) + racyWindow(s.ctimeNs) - startNs);
}
/** Where a 64-bit integer is split into words, one at a time. */
const WORD_SCRATCH = /* @__PURE__ */ new BigInt64Array(1);
const WORD_SCRATCH_WORDS = new Uint32Array(WORD_SCRATCH.buffer);
const SHA256 = /^[0-9a-f]{64}$/;
/** Word offsets of mtime and ctime in a row of a StampTable's words. */
const TABLE_MTIME = 2;
const TABLE_CTIME = 4;
/** The columns a stamp is compared with, in FileStamp's order. */
const COMPARED = [
	0,
	1,
	2,
	3
];
/** Larger than any cache of a tree a snapshot can hold: a file past it is not read. */
const MAX_FILE_BYTES$2 = 536870912;
const EMPTY$1 = {
	paths: CachePaths.EMPTY,
	nums: /* @__PURE__ */ new BigInt64Array(0),
	sha256: Buffer.alloc(0)
};
/**
* The hashes known for one tree. `lookup` answers from what was loaded; what a run looked up
* successfully or recorded afresh is what `save` writes, so files that left the tree, changed or
* were never clean drop out by themselves. Loaded entries stay in the file's columns (see
* hash-cache-file.ts): a lookup compares the 64-bit words, with no object or BigInt per entry.
*/
/**
* Whether `recordRow` may record the stamp in row `at` of `table` (not wide, known to fit) with
* `sha256`: clean when recorded at `recordedAtNs` (fits 64 bits), a digest, a path the file can keep.
*/
function recordable(rel, table, at, sha256, recordedAtNs) {
	WORD_SCRATCH[0] = recordedAtNs;
	const clean = cleanByWords(table.words, 8 * at + TABLE_CTIME, 8 * at + TABLE_MTIME, WORD_SCRATCH_WORDS[HI] | 0, WORD_SCRATCH_WORDS[LO]) ?? isClean(table.get(at), recordedAtNs);
	const sha = typeof sha256 === "string" ? SHA256.test(sha256) : sha256.length === 32;
	return clean && sha && storablePath(rel);
}
var HashCache = class HashCache {
	root;
	file;
	loaded;
	logger;
	/** Rows of `loaded` a lookup trusted (1), which the next save keeps, and how many. */
	kept;
	keptCount = 0;
	/**
	* What this run recorded, by path: kept by the next save in place of a loaded entry of the path.
	* Each is a row of `recorded` (no object or BigInt per file: a restore records every file it
	* wrote); a path recorded again takes a new row.
	*/
	added = /* @__PURE__ */ new Map();
	recorded;
	/**
	* Lookups come in the tree's order (the scan's), and the file keeps its paths in that order
	* (save sorts them, and opening checks it): the next row not yet passed, and its path, are all a
	* lookup needs, so no string per loaded path is kept. A lookup before the last one starts the
	* cursor again where a binary search puts it; a file out of order (an older one) makes a map of
	* every path instead, as every lookup used before.
	*/
	cursor = 0;
	cursorPath;
	lastLookup;
	byPath;
	/** `loaded.nums` as 32-bit words, and the current stamp written as the same words. */
	words;
	current = /* @__PURE__ */ new BigInt64Array(4);
	currentWords = new Uint32Array(this.current.buffer);
	changed = false;
	constructor(root, file, loaded, logger, rows = 256) {
		this.root = root;
		this.file = file;
		this.loaded = loaded;
		this.logger = logger;
		this.recorded = new RecordedRows(rows);
		this.kept = new Uint8Array(loaded.paths.length);
		this.words = new Uint32Array(loaded.nums.buffer, loaded.nums.byteOffset, loaded.nums.length * 2);
	}
	/**
	* Opens the cache of `root` kept in `cacheDir`. Anything unreadable, of another version or another root is an empty cache.
	* `fresh`: start empty without reading the file (a restore replaces every entry it keeps), and write it in any case;
	* `rows`: how many it will record (room made once, not by doubling).
	*/
	static async open(root, logger, cacheDir = defaultCacheDir(), { fresh = false, rows } = {}) {
		const abs = path.resolve(root);
		const file = usableCacheFile(abs, cacheDir, (message) => logger.warn(message));
		if (file === void 0) {
			logger.debug("hash cache: no cache directory; every file will be read");
			return new HashCache(abs, void 0, EMPTY$1, logger);
		}
		if (fresh) {
			const cache = new HashCache(abs, file, EMPTY$1, logger, rows);
			cache.changed = true;
			return cache;
		}
		let loaded = EMPTY$1;
		try {
			loaded = decodeCacheFile(await readBounded(file), abs);
			logger.debug(`hash cache: ${loaded.paths.length} entries from ${file}`);
		} catch (err) {
			const code = err.code;
			logger.debug(`hash cache: ${code === "ENOENT" ? "none yet" : `ignoring ${file} (${err.message})`}`);
		}
		return new HashCache(abs, file, loaded, logger);
	}
	/** Makes room for `rows` more records at once (a full backup records every file): no growing by doubling. */
	reserve(rows) {
		this.recorded.reserve(rows);
	}
	/** The recorded hash of `rel` if the trust rule holds for its current stat; it is then kept for the next save. */
	lookup(rel, current) {
		const row = this.rowOf(rel);
		if (row === void 0 || !this.sameAsRow(row, current)) return void 0;
		if (!isClean(current, this.loaded.nums[4 * this.loaded.paths.length + row])) return void 0;
		this.keep(row);
		return this.loaded.sha256.toString("hex", row * 32, row * 32 + 32);
	}
	/**
	* `lookup` for the stamp in row `at` of a scan's table, compared word for word: no BigInt or
	* object is made for a file whose stamp differs from the recorded one.
	*/
	lookupRow(rel, table, at) {
		if (table.isWide(at)) return this.lookup(rel, table.get(at));
		const row = this.rowOf(rel);
		if (row === void 0) return void 0;
		const n = this.loaded.paths.length;
		const { words } = this;
		const current = table.words;
		for (let k = 0; k < 4; k++) {
			const i = 2 * (COMPARED[k] * n + row);
			if (words[i] !== current[8 * at + 2 * k] || words[i + 1] !== current[8 * at + 2 * k + 1]) return void 0;
		}
		const r = 2 * (4 * n + row);
		const clean = cleanByWords(words, 2 * (2 * n + row), 2 * (1 * n + row), words[r + HI] | 0, words[r + LO]);
		const { nums } = this.loaded;
		if (!(clean ?? cleanTimes(nums[2 * n + row], nums[1 * n + row], nums[4 * n + row]))) return void 0;
		this.keep(row);
		return this.loaded.sha256.toString("hex", row * 32, row * 32 + 32);
	}
	/** The loaded row of `rel`, if any (see `cursor`). */
	rowOf(rel) {
		if (this.byPath !== void 0) return this.byPath.get(rel);
		const { paths } = this.loaded;
		if (this.lastLookup === void 0 && !paths.ascending()) return this.everyPath().get(rel);
		if (this.lastLookup !== void 0 && comparePaths(rel, this.lastLookup) < 0) {
			this.cursor = paths.seek(rel);
			this.cursorPath = void 0;
		}
		this.lastLookup = rel;
		while (this.cursor < paths.length) {
			const order = comparePaths(this.cursorPath ??= paths.at(this.cursor), rel);
			if (order === 0) return this.cursor;
			if (order > 0) return void 0;
			this.cursorPath = ++this.cursor < paths.length ? paths.at(this.cursor) : void 0;
		}
	}
	/** Every loaded path's row (the last of a path that is there twice). */
	everyPath() {
		if (this.byPath === void 0) {
			const { paths } = this.loaded;
			this.byPath = /* @__PURE__ */ new Map();
			for (let row = 0; row < paths.length; row++) this.byPath.set(paths.at(row), row);
			this.logger.debug("hash cache: its paths are not in order (an older file); looking paths up in a map");
		}
		return this.byPath;
	}
	keep(row) {
		if (this.kept[row] === 0) {
			this.kept[row] = 1;
			this.keptCount++;
		}
	}
	/** sameStamp, word by word against the row's columns: equal 64-bit words are equal numbers. */
	sameAsRow(row, current) {
		const { size, mtimeNs, ctimeNs, ino } = current;
		if (!fitsInt64(size) || !fitsInt64(mtimeNs) || !fitsInt64(ctimeNs) || !fitsInt64(ino)) return false;
		const c = this.current;
		c[0] = size;
		c[1] = mtimeNs;
		c[2] = ctimeNs;
		c[3] = ino;
		const n = this.loaded.paths.length;
		const { words, currentWords } = this;
		for (let k = 0; k < 4; k++) {
			const at = 2 * (COMPARED[k] * n + row);
			if (words[at] !== currentWords[2 * k] || words[at + 1] !== currentWords[2 * k + 1]) return false;
		}
		return true;
	}
	/**
	* Remembers the hash of content read after `recordedAtNs` from a file whose stat was `stamp`
	* before and after the read. Racy stats are left out: they could never be trusted. So are the
	* rare ones the file cannot hold exactly (numbers past 64 bits, paths with a NUL or a lone surrogate).
	*/
	record(rel, stamp, sha256, recordedAtNs) {
		if (!isClean(stamp, recordedAtNs)) return false;
		const { size, mtimeNs, ctimeNs, ino } = stamp;
		if (!fitsInt64(size) || !fitsInt64(mtimeNs) || !fitsInt64(ctimeNs) || !fitsInt64(ino) || !fitsInt64(recordedAtNs)) return false;
		if (!SHA256.test(sha256) || !storablePath(rel)) return false;
		this.added.set(rel, this.recorded.add(stamp, sha256, recordedAtNs));
		this.changed = true;
		return true;
	}
	/**
	* `record` for the stamp in row `at` of `table`, tested and copied as words: no BigInt or
	* object per file (a restore records every file it wrote).
	*/
	recordRow(rel, table, at, sha256, recordedAtNs) {
		if (table.isWide(at) || !fitsInt64(recordedAtNs)) return this.record(rel, table.get(at), hexOf(sha256), recordedAtNs);
		if (!recordable(rel, table, at, sha256, recordedAtNs)) return false;
		this.added.set(rel, this.recorded.addWords(table.words, 8 * at, sha256, recordedAtNs));
		this.changed = true;
		return true;
	}
	/**
	* Records every file of `read` (see ReadFiles) and saves, as `recordRow` for each and then
	* `save` would, but streamed: no row is copied into the cache first, and the file is written a
	* MiB at a time rather than built whole (a full backup of a million files held ~300 MB for
	* this). Never throws: a failure is a warning, as for `save`. Returns how many of the files it recorded.
	*/
	async saveRead(read, recordedAtNs) {
		if (!this.file) return 0;
		let recorded = 0;
		if (this.added.size > 0 || this.keptCount > 0 && !this.loaded.paths.ascending() || !fitsInt64(recordedAtNs)) {
			for (let i = 0; i < read.count; i++) {
				const sha = read.sha256(i);
				if (sha && this.recordRow(read.path(i), read.table(i), read.stampRow(i), sha, recordedAtNs)) recorded++;
			}
			await this.save();
			return recorded;
		}
		let rows;
		try {
			[rows, recorded] = this.mergedRows(read, recordedAtNs);
		} catch (err) {
			this.logger.warn(`could not save the hash cache ${this.file} (${err.message}); the next incremental backup will read every file`);
			return 0;
		}
		await this.write(cacheFilePieces(this.root, rows), rows.count);
		return recorded;
	}
	/**
	* The rows `saveRead` writes: the files of `read` that can be recorded, merged with the kept
	* loaded rows (`merged`); and how many of the files that is.
	*/
	mergedRows(read, recordedAtNs) {
		let taken = 0;
		const all = new Int32Array(read.count);
		for (let i = 0; i < read.count; i++) {
			const sha = read.sha256(i);
			if (!sha) continue;
			const table = read.table(i);
			const at = read.stampRow(i);
			if (!table.isWide(at) && recordable(read.path(i), table, at, sha, recordedAtNs)) all[taken++] = i;
		}
		const take = all.subarray(0, taken);
		const recordedAt = new BigInt64Array([recordedAtNs]);
		const recordedWords = new Uint32Array(recordedAt.buffer);
		return [this.merged({
			count: take.length,
			path: (k) => read.path(take[k]),
			column: (k, c, words, w) => {
				const i = take[k];
				const [src, s] = c === 4 ? [recordedWords, 0] : [read.table(i).words, 8 * read.stampRow(i) + 2 * c];
				words[w] = src[s];
				words[w + 1] = src[s + 1];
			},
			sha256: (k, out, at) => {
				const sha = read.sha256(take[k]);
				if (typeof sha === "string") out.write(sha, at, 32, "hex");
				else out.set(sha, at);
			}
		}), take.length];
	}
	/**
	* The rows a save writes from a loaded file in the tree's order (as every save writes it): the
	* kept rows merged with `fresh` (in that order too; one of a loaded row's path stands for it),
	* as CacheRows for cacheFilePieces — the kept rows' paths copied as bytes, no string made for
	* them, and the file never built whole (a million files held ~120–300 MB for it). Row i is
	* `from[i]`: a loaded row when at least 0, else fresh row -1 - from[i].
	*/
	merged(fresh) {
		const { paths, sha256 } = this.loaded;
		const from = new Int32Array(fresh.count + this.keptCount);
		let rows = 0;
		let pathBytes = 0;
		let row = 0;
		let key = Buffer.allocUnsafe(1024);
		const keepUpTo = (stop) => {
			for (; row < stop; row++) {
				if (this.kept[row] !== 1) continue;
				from[rows++] = row;
				pathBytes += paths.byteLengthOf(row);
			}
		};
		for (let k = 0; k < fresh.count; k++) {
			const rel = fresh.path(k);
			if (key.length < 3 * rel.length) key = Buffer.allocUnsafe(3 * rel.length);
			const bytes = key.subarray(0, key.write(rel, 0, "utf8"));
			if (this.keptCount > 0) {
				const stop = paths.seekBytes(bytes, row);
				keepUpTo(stop);
				if (stop < paths.length && paths.compare(stop, bytes) === 0) row = stop + 1;
			}
			from[rows++] = -1 - k;
			pathBytes += bytes.length + 1;
		}
		if (this.keptCount > 0) keepUpTo(paths.length);
		const n = paths.length;
		const { words } = this;
		return {
			count: rows,
			pathBytes,
			pathRoom: (i) => from[i] >= 0 ? paths.byteLengthOf(from[i]) : 3 * fresh.path(-1 - from[i]).length + 1,
			writePath: (i, out, at) => {
				const f = from[i];
				if (f >= 0) return paths.copyTo(f, out, at);
				const k = out.write(fresh.path(-1 - f), at, "utf8");
				out[at + k] = 0;
				return k + 1;
			},
			column: (i, c, w, at) => {
				const f = from[i];
				if (f < 0) return fresh.column(-1 - f, c, w, at);
				w[at] = words[2 * (c * n + f)];
				w[at + 1] = words[2 * (c * n + f) + 1];
			},
			sha256: (i, out, at) => {
				const f = from[i];
				if (f >= 0) sha256.copy(out, at, 32 * f, 32 * f + 32);
				else fresh.sha256(-1 - f, out, at);
			}
		};
	}
	/**
	* Writes the entries to keep into `table`, row i from `from[i]`: a kept row of
	* `loaded` (copied word for word) when at least 0, else the row -1 - from[i] of those recorded.
	*/
	fill(table, from) {
		const n = table.count;
		const loaded = this.loaded;
		const rowsBefore = loaded.paths.length;
		const { nums, sha256 } = table;
		const words = new Uint32Array(nums.buffer, nums.byteOffset, nums.length * 2);
		for (let i = 0; i < from.length;) {
			const row = from[i];
			if (row >= 0) {
				const end = runEnd(from, i);
				const rows = end - i;
				for (let c = 0; c < 5; c++) words.set(this.words.subarray(2 * (c * rowsBefore + row), 2 * (c * rowsBefore + row + rows)), 2 * (c * n + i));
				loaded.sha256.copy(sha256, i * 32, row * 32, (row + rows) * 32);
				i = end;
				continue;
			}
			const r = -1 - row;
			for (let c = 0; c < 5; c++) nums[c * n + i] = this.recorded.nums[5 * r + c];
			this.recorded.sha256.copy(sha256, i * 32, r * 32, r * 32 + 32);
			i++;
		}
	}
	/** Writes what this run looked up or recorded, atomically, in the tree's order (see `cursor`). Never throws: a failure is a warning. */
	async save() {
		if (!this.file) return;
		if (!this.changed && this.keptCount === this.loaded.paths.length) return;
		let bytes;
		let count;
		try {
			if (this.loaded.paths.ascending()) {
				const rows = this.mergedRecorded();
				[bytes, count] = [cacheFilePieces(this.root, rows), rows.count];
			} else [bytes, count] = this.encodeBySorting();
		} catch (err) {
			this.logger.warn(`could not save the hash cache ${this.file} (${err.message}); the next incremental backup will read every file`);
			return;
		}
		await this.write(bytes, count);
	}
	/** The rows `save` writes from a loaded file in the tree's order: the kept ones merged with what was recorded. */
	mergedRecorded() {
		let sorted = true;
		let last;
		for (const rel of this.added.keys()) {
			if (last !== void 0 && comparePaths(last, rel) >= 0) {
				sorted = false;
				break;
			}
			last = rel;
		}
		const added = sorted ? [...this.added] : [...this.added].sort((a, b) => comparePaths(a[0], b[0]));
		const { recorded } = this;
		const recordedWords = new Uint32Array(recorded.nums.buffer, recorded.nums.byteOffset, recorded.nums.length * 2);
		return this.merged({
			count: added.length,
			path: (k) => added[k][0],
			column: (k, c, w, at) => {
				const s = 2 * (5 * added[k][1] + c);
				w[at] = recordedWords[s];
				w[at + 1] = recordedWords[s + 1];
			},
			sha256: (k, out, at) => {
				const r = added[k][1];
				recorded.sha256.copy(out, at, 32 * r, 32 * r + 32);
			}
		});
	}
	/** `encode` for a file out of order (an older writer's): every path as a string, sorted. */
	encodeBySorting() {
		let keys = [];
		let from = [];
		const { paths } = this.loaded;
		for (let row = 0; row < this.kept.length; row++) {
			if (this.kept[row] !== 1) continue;
			const rel = paths.at(row);
			if (this.added.size > 0 && this.added.has(rel)) continue;
			keys.push(rel);
			from.push(row);
		}
		for (const [rel, row] of this.added) {
			keys.push(rel);
			from.push(-1 - row);
		}
		let sorted = true;
		for (let i = 1; i < keys.length && sorted; i++) sorted = comparePaths(keys[i - 1], keys[i]) < 0;
		if (!sorted) {
			const order = keys.map((_, i) => i).sort((a, b) => comparePaths(keys[a], keys[b]));
			[keys, from] = [order.map((i) => keys[i]), order.map((i) => from[i])];
		}
		return [encodeCacheFile(this.root, keys, (table) => this.fill(table, from)), keys.length];
	}
	/** Writes the file's bytes (whole, or as pieces written one after the other) to a temporary name, then renames it into place. */
	async write(bytes, count) {
		const file = this.file;
		const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
		const forgetTmp = onStop(() => fs.rm(tmp, { force: true }));
		try {
			await makePrivateDir(path.dirname(file));
			if (Buffer.isBuffer(bytes)) await fs.writeFile(tmp, bytes, {
				flag: "wx",
				mode: 384
			});
			else {
				const fh = await fs.open(tmp, "wx", 384);
				try {
					for (const piece of bytes) for (let at = 0; at < piece.length;) at += (await fh.write(piece, at)).bytesWritten;
				} finally {
					await fh.close();
				}
			}
			await fs.rename(tmp, file);
			await fs.rm(file.replace(/\.bin$/, ".json"), { force: true }).catch(() => {});
			this.logger.debug(`hash cache: saved ${count} entries to ${file}`);
		} catch (err) {
			await fs.rm(tmp, { force: true }).catch(() => {});
			this.logger.warn(`could not save the hash cache ${file} (${err.message}); the next incremental backup will read every file`);
		} finally {
			forgetTmp();
		}
	}
};
/** The cache file's bytes, unless it is larger than any cache could be. */
async function readBounded(file) {
	const fh = await fs.open(file, "r");
	try {
		const { size } = await fh.stat();
		if (size > MAX_FILE_BYTES$2) throw new Error(`${size} bytes, more than a hash cache can hold`);
		return await fh.readFile();
	} finally {
		await fh.close();
	}
}
/**
* After a restore has written and checked every file in its private staging directory: records
* each file's stat with the manifest's hash, under the target's path (the swap renames the
* directory; inodes and relative paths stay). Nothing else can write into staging, so the
* content is known up to this instant; the files were just written, so their ctimes are brand
* new and it first waits out the racy window (at most RACY_NS) to make the entries usable.
* `files.stamps` holds the stamps of files whose writer took them (an fstat after its last change
* to a file it created, with a single link): those are not stat'ed again. The cache's file, when
* one was written (none without a usable cache directory, or on a failure, which is a warning).
*/
async function recordRestoredFiles(target, staging, files, logger, cacheDir = defaultCacheDir()) {
	try {
		const cache = await HashCache.open(target, logger, cacheDir, { fresh: true });
		const known = files.stamps;
		const statted = new StampTable();
		const stampOf = new Int32Array(files.count);
		const unknown = [];
		for (let i = 0; i < files.count; i++) {
			const row = known ? files.stampRow(i) : -1;
			stampOf[i] = row >= 0 ? row : -1;
			if (row < 0) unknown.push(i);
		}
		let next = 0;
		const worker = async () => {
			while (next < unknown.length) {
				const i = unknown[next++];
				const st = await fs.lstat(path.join(staging, ...files.path(i).split("/")), { bigint: true }).catch(() => void 0);
				if (st?.isFile() && st.nlink === 1n) stampOf[i] = -2 - statted.add(st.size, st.mtimeNs, st.ctimeNs, st.ino);
			}
		};
		await Promise.all(Array.from({ length: 8 }, worker));
		const start = nowNs();
		const wait = Math.max(cleanDelay(statted, start), known ? cleanDelay(known, start) : 0);
		if (wait > 0) await new Promise((r) => setTimeout(r, Math.ceil(wait / 1e6) + 1));
		const recordedAt = nowNs();
		const recorded = await cache.saveRead({
			count: files.count,
			path: (i) => files.path(i),
			table: (i) => stampOf[i] >= 0 ? known : statted,
			stampRow: (i) => stampOf[i] >= 0 ? stampOf[i] : -2 - stampOf[i],
			sha256: (i) => stampOf[i] !== -1 ? files.sha256(i) : void 0
		}, recordedAt);
		logger.debug(`hash cache: ${recorded} of ${files.count} restored files recorded`);
		return cache.file;
	} catch (err) {
		logger.warn(`could not record the restored files in the hash cache (${err.message})`);
		return;
	}
}
/** How many ns after `startNs` the last of a table's stamps to become clean within one racy window does (0 if none). */
function cleanDelay(table, startNs) {
	let wait = 0;
	WORD_SCRATCH[0] = startNs;
	const sHi = WORD_SCRATCH_WORDS[HI] | 0;
	const sLo = WORD_SCRATCH_WORDS[LO];
	const w = table.words;
	for (let row = 0; row < table.length; row++) {
		const delay = (table.isWide(row) ? void 0 : cleanDelayByWords(w, 8 * row + TABLE_CTIME, 8 * row + TABLE_MTIME, sHi, sLo)) ?? cleanDelayOf(table.get(row), startNs);
		if (delay > wait && delay <= Number(100000000n)) wait = delay;
	}
	return wait;
}
/** Hashes recorded in one run: five 64-bit words (size, mtime, ctime, inode, time recorded) and 32 raw bytes a row. */
var RecordedRows = class {
	nums;
	words;
	sha256;
	count = 0;
	constructor(rows) {
		const room = Math.max(1, rows);
		this.nums = new BigInt64Array(5 * room);
		this.words = new Uint32Array(this.nums.buffer);
		this.sha256 = Buffer.alloc(32 * room);
	}
	/** Adds a row (its numbers already known to fit 64 bits, its hash to be 64 hex digits); its index. */
	add(stamp, sha256, recordedAtNs) {
		const row = this.next(sha256, recordedAtNs);
		const at = 5 * row;
		this.nums[at] = stamp.size;
		this.nums[at + 1] = stamp.mtimeNs;
		this.nums[at + 2] = stamp.ctimeNs;
		this.nums[at + 3] = stamp.ino;
		return row;
	}
	/** `add` for a stamp given as the eight words of a StampTable's row from `from`. */
	addWords(words, from, sha256, recordedAtNs) {
		const row = this.next(sha256, recordedAtNs);
		this.words.set(words.subarray(from, from + 8), 10 * row);
		return row;
	}
	/** Room for `more` rows than are recorded now, made at once. */
	reserve(more) {
		if (5 * (this.count + more) > this.nums.length) this.grow(this.count + more);
	}
	/** A new row with its hash (64 hex digits or 32 bytes) and time recorded; the caller writes its stamp. */
	next(sha256, recordedAtNs) {
		const row = this.count++;
		if (5 * this.count > this.nums.length) this.grow(2 * (this.nums.length / 5));
		this.nums[5 * row + 4] = recordedAtNs;
		if (typeof sha256 === "string") this.sha256.write(sha256, row * 32, 32, "hex");
		else this.sha256.set(sha256, row * 32);
		return row;
	}
	grow(rows) {
		const nums = new BigInt64Array(5 * rows);
		nums.set(this.nums);
		this.nums = nums;
		this.words = new Uint32Array(nums.buffer);
		const sums = Buffer.alloc(32 * rows);
		this.sha256.copy(sums);
		this.sha256 = sums;
	}
};
// .bundle-in/snapshot/zstd-frames.js
const ZSTD_MAGIC = 4247762216;
/** Largest compressed frame a reader accepts; our writer's frames are a few MiB. */
const MAX_FRAME_BYTES = 67108864;
const damaged = (message) => new IntegrityError(message, { hint: "the pack is damaged" });
/**
* The one zstd frame walker: finds where each frame ends from its frame and block headers,
* without decoding it. Incremental and pure: bytes are fed in any pieces, each looked at once
* (block bodies are skipped by count). Throws E_INTEGRITY on what cannot be a zstd frame.
*/
var FrameWalker = class {
	/** Header bytes being gathered (frame header, skippable size, block header). */
	head = /* @__PURE__ */ new Uint8Array(18);
	have = 0;
	want = 5;
	skip = 0;
	state = "frameHead";
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
			if (this.state === "skip") {
				const k = Math.min(this.skip, to - pos);
				pos += k;
				this.skip -= k;
				this.length += k;
			} else {
				const k = Math.min(this.want - this.have, to - pos);
				this.head.set(buf.subarray(pos, pos + k), this.have);
				this.have += k;
				pos += k;
				this.length += k;
				if (this.have < this.want) break;
				this.header();
			}
			if (this.length > 67108864) throw damaged(`zstd frame larger than ${MAX_FRAME_BYTES} bytes`);
			if (this.state === "skip" && this.skip === 0) {
				if (!this.lastBlock) this.expect("blockHead", 3);
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
		return this.state === "frameHead" && this.have === 0;
	}
	reset() {
		this.expect("frameHead", 5);
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
		const u32 = (at) => (h[at] | h[at + 1] << 8 | h[at + 2] << 16 | h[at + 3] << 24) >>> 0;
		if (this.state === "frameHead") {
			const magic = u32(0);
			if ((magic & 4294967280) === 407710288) {
				this.want = 8;
				this.state = "skippableSize";
				return;
			}
			if (magic !== ZSTD_MAGIC) throw damaged("not a zstd frame where one should start");
			const fhd = h[4];
			if (fhd & 8) throw damaged("zstd frame header has the reserved bit set");
			const single = fhd >> 5 & 1;
			const fcs = fhd >> 6;
			this.checksum = fhd >> 2 & 1 ? 4 : 0;
			this.want = 5 + (single ? 0 : 1) + [
				0,
				1,
				2,
				4
			][fhd & 3] + (fcs === 0 ? single : [
				0,
				2,
				4,
				8
			][fcs]);
			this.state = "frameHeadRest";
			return;
		}
		if (this.state === "skippableSize") {
			this.skip = u32(4);
			this.lastBlock = true;
			this.state = "skip";
		} else if (this.state === "frameHeadRest") {
			this.expect("blockHead", 3);
			return;
		} else {
			const bh = h[0] | h[1] << 8 | h[2] << 16;
			const type = bh >> 1 & 3;
			if (type === 3) throw damaged("zstd block of reserved type");
			this.lastBlock = (bh & 1) === 1;
			this.skip = (type === 1 ? 1 : bh >>> 3) + (this.lastBlock ? this.checksum : 0);
			this.state = "skip";
		}
		this.have = 0;
	}
};
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
	if (!walker.between) throw new IntegrityError(`pack ends inside a zstd frame (${walker.length} bytes of it read)`, { hint: "the pack is truncated" });
}
// .bundle-in/snapshot/compress-outputs.js
/**
* Memory for what zlib's compression streams write, filled again once every part written into
* it has been released by whoever read it (the store, when it has written the part).
*
* A zlib stream writes its output into its `_outBuffer` from `_outOffset` and makes a new buffer
* only when that one is full, so a backup otherwise makes new memory for every byte it stores
* (~1 MB buffers, hundreds of MB in all), which V8 frees only at a full collection — started
* when such memory has grown ~64 MB since the last one. Handing the stream one of these buffers
* before each frame keeps that garbage from existing. The two fields are Node's own (its zlib
* reads and writes them in JavaScript); where they are not as expected, `give` does nothing and
* the stream makes its own memory, as before. A part never released keeps its buffer out of use
* for good: forgetting to release costs memory, never bytes.
*/
/** Buffers out at once, at most: frames being compressed, and parts the store is writing or reading back. */
const MAX_OUT = 16;
var CompressOutputs = class {
	bytes;
	free = [];
	/** Buffers with parts out, and which parts (released once each, whatever the caller does). */
	out = /* @__PURE__ */ new Map();
	/** `bytes`: at least the stream's chunk size, so a frame's output fits one buffer. */
	constructor(bytes) {
		this.bytes = bytes;
	}
	/**
	* Points `stream`'s output at a free buffer; that buffer, or undefined if the stream is not as
	* expected or `MAX_OUT` buffers are out already (a reader that never releases, such as a store
	* that cannot say when it is done, then costs no more than the stream's own buffers would).
	*/
	give(stream) {
		const s = stream;
		if (!Buffer.isBuffer(s._outBuffer) || typeof s._outOffset !== "number" || typeof s._chunkSize !== "number") return void 0;
		if (s._chunkSize > this.bytes) return void 0;
		if (this.free.length === 0 && this.out.size >= MAX_OUT) return void 0;
		const buf = this.free.pop() ?? Buffer.allocUnsafe(this.bytes);
		s._outBuffer = buf;
		s._outOffset = 0;
		return buf;
	}
	/** After a frame written into `buf` (from `give`): its parts that lie there are out until released; a buffer none lies in is free again. */
	handOut(buf, parts) {
		const mine = parts.filter((p) => p.buffer === buf.buffer);
		if (mine.length === 0) this.free.push(buf);
		else this.out.set(buf.buffer, {
			buf,
			parts: new Set(mine)
		});
	}
	/** The reader is done with `part`: its buffer is free once all of its parts are. Anything else is ignored. */
	release(part) {
		const entry = this.out.get(part.buffer);
		if (!entry || !entry.parts.delete(part)) return;
		if (entry.parts.size > 0) return;
		this.out.delete(part.buffer);
		this.free.push(entry.buf);
	}
};
// .bundle-in/snapshot/codec.js
const zstdCompress = promisify(zlib.zstdCompress);
const gzip = promisify(zlib.gzip);
const CODECS = ["zstd", "gzip"];
const DEFAULT_LEVEL = {
	zstd: 3,
	gzip: 6
};
const LEVEL_RANGE = {
	zstd: [1, 19],
	gzip: [1, 9]
};
/** Uncompressed bytes per frame: small enough to spread over cores, large enough to compress well. */
const FRAME_BYTES = 1048576;
/** The most one frame may decode to (ours hold 1 MiB): bounds memory against hostile frames. */
const MAX_FRAME_RAW = 67108864;
/** Output buffer of a compression stream: more than a frame can compress to (zstd's bound for 1 MiB is ~4 KiB over). */
const COMPRESS_CHUNK = 1114112;
/**
* Frames compressed or decoded at once: one per core (two at least, four at most: libuv's pool
* has four threads, and reads and writes need some too). Each frame in flight holds its input,
* its output and a zstd context, so more than the cores can run only costs memory.
*/
const CODEC_CONCURRENCY = Math.max(2, Math.min(4, os.availableParallelism()));
function packExtension(codec) {
	return codec === "zstd" ? ".tar.zst" : ".tar.gz";
}
/** zstd's fast mode: on bytes that do not compress it costs a third of level 3 for the same output. */
const INCOMPRESSIBLE_LEVEL = -5;
/**
* Whether a frame looks like random bytes (encrypted, already compressed, quantized noise): a
* chi-square test of byte frequencies over three 4 KiB samples. Uniform bytes score near 255;
* anything a compressor could use scores far higher.
*/
function looksIncompressible(raw) {
	if (raw.length < 65536) return false;
	const counts = /* @__PURE__ */ new Uint32Array(256);
	const sample = 4096;
	for (const start of [
		0,
		(raw.length >> 1) - sample / 2,
		raw.length - sample
	]) for (let i = start; i < start + sample; i++) counts[raw[i]]++;
	const expected = 3 * sample / 256;
	let chi = 0;
	for (const c of counts) chi += (c - expected) * (c - expected) / expected;
	return chi < 400;
}
/** Compresses one frame into a self-contained zstd frame or gzip member. */
function compressFrame(codec, level, raw) {
	if (codec === "zstd") return zstdCompress(raw, {
		chunkSize: raw.length + 65536,
		params: zstdParams(effectiveLevel(level, raw))
	});
	return gzip(raw, {
		level,
		chunkSize: raw.length + 65536
	});
}
/** Random-looking frames go through zstd's fast mode: same size, less CPU. */
function effectiveLevel(level, raw) {
	return level > INCOMPRESSIBLE_LEVEL && looksIncompressible(raw) ? INCOMPRESSIBLE_LEVEL : level;
}
function zstdParams(level) {
	return {
		[zlib.constants.ZSTD_c_compressionLevel]: level,
		[zlib.constants.ZSTD_c_checksumFlag]: 1
	};
}
/**
* Runs one frame through a long-lived zlib stream: writes its pieces, flushes, and returns what
* came out by the time the flush ends. More than `limit` bytes out is refused as it grows. A
* stream that failed is destroyed, never reused.
*/
async function throughStream(stream, input, flush, limit = Infinity) {
	const out = [];
	let size = 0;
	let onData;
	let onError;
	try {
		await new Promise((resolve, reject) => {
			onError = reject;
			onData = (b) => {
				out.push(b);
				size += b.length;
				if (size > limit) reject(new IntegrityError(`a zstd frame decodes to more than ${limit} bytes`, { hint: "the pack is damaged or hostile" }));
			};
			stream.on("data", onData);
			stream.once("error", onError);
			for (const piece of input) stream.write(piece);
			flush(resolve);
		});
	} catch (err) {
		stream.destroy();
		throw err;
	} finally {
		if (onData) stream.off("data", onData);
		if (onError) stream.off("error", onError);
	}
	return out;
}
/**
* Compresses frames on long-lived zstd streams, each frame ended with ZSTD_e_end so it stands
* alone. A one-shot call per frame builds and tears down a compression context each time (its
* tables are megabytes, zeroed page by page by the kernel): reusing contexts cut a backup's CPU
* by about a tenth and its system time by half. At most `concurrency` frames are in flight; each
* runs on libuv's thread pool, so two cores compress at once.
*/
var FrameCompressor = class {
	codec;
	level;
	idle = /* @__PURE__ */ new Map();
	all = [];
	outputs = new CompressOutputs(COMPRESS_CHUNK);
	constructor(codec, level) {
		this.codec = codec;
		this.level = level;
	}
	/** One frame, as the buffers it came out in (concatenating them would cost a copy). */
	async compress(raw) {
		if (this.codec !== "zstd") return [await compressFrame(this.codec, this.level, raw)];
		const level = effectiveLevel(this.level, raw);
		const pool = this.idle.get(level) ?? [];
		this.idle.set(level, pool);
		const stream = pool.pop() ?? this.open(level);
		const out = this.outputs.give(stream);
		const parts = await throughStream(stream, [raw], (done) => stream.flush(zlib.constants.ZSTD_e_end, done));
		if (out) this.outputs.handOut(out, parts);
		pool.push(stream);
		return parts;
	}
	/** The reader of a part `compress` returned is done with it: its memory may be written again (see CompressOutputs). */
	release(part) {
		this.outputs.release(part);
	}
	open(level) {
		const stream = zlib.createZstdCompress({
			chunkSize: COMPRESS_CHUNK,
			params: zstdParams(level)
		});
		this.all.push(stream);
		return stream;
	}
	/** Frees every context; the compressor is not used again. */
	close() {
		for (const s of this.all) s.destroy();
		this.all.length = 0;
		this.idle.clear();
	}
};
// .bundle-in/fs-safety/checked-packs.js
const VERSION$1 = 1;
/**
* Which stored packs this machine has read whole and found equal to their recorded digest, so
* an incremental that builds on them pays for reading each once, not at every backup. A record
* names the store, the pack's key and sha256, and the size and modification time the store lists
* it with: a pack changed in place since (a flipped bit rewritten, a copy put back) is read again.
* A pack is recorded when a verified backup wrote and read it back whole, or when an incremental
* first read it: either way it was paid for once on this machine. Like the hash cache it is only an optimization, kept beside it: a missing or
* damaged record means the packs are read again.
*/
var CheckedPacks = class CheckedPacks {
	file;
	records;
	logger;
	dirty = false;
	constructor(file, records, logger) {
		this.file = file;
		this.records = records;
		this.logger = logger;
	}
	/** Opens the record kept in `cacheDir`, beside the hash caches. */
	static async open(logger, cacheDir = defaultCacheDir()) {
		const dir = cacheDir;
		const file = dir === void 0 ? void 0 : path.join(dir, "checked-packs.json");
		const records = /* @__PURE__ */ new Set();
		if (file !== void 0) try {
			const data = JSON.parse(await fs.readFile(file, "utf8"));
			if (data?.version !== VERSION$1 || !Array.isArray(data.packs)) throw new Error("not a record of checked packs");
			for (const r of data.packs) if (typeof r === "string" && /^[0-9a-f]{64}$/.test(r)) records.add(r);
		} catch (err) {
			if (err.code !== "ENOENT") logger.debug(`ignoring ${file} (${err.message}): packs will be read again`);
		}
		return new CheckedPacks(file, records, logger);
	}
	/** Whether the pack `key` of `store` with this digest, listed with this size and time, was read whole and found intact here. */
	has(store, key, sha256, listed) {
		return this.records.has(recordOf(store, key, sha256, listed));
	}
	add(store, key, sha256, listed) {
		const r = recordOf(store, key, sha256, listed);
		this.records.delete(r);
		this.records.add(r);
		this.dirty = true;
	}
	/** Writes the record atomically. Never throws: a failure only means reading the packs again. */
	async save() {
		if (!this.file || !this.dirty) return;
		const packs = [...this.records].slice(-2e4);
		const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
		try {
			await makePrivateDir(path.dirname(this.file));
			await fs.writeFile(tmp, `${JSON.stringify({
				version: VERSION$1,
				packs
			})}\n`, {
				flag: "wx",
				mode: 384
			});
			await fs.rename(tmp, this.file);
			this.dirty = false;
		} catch (err) {
			await fs.rm(tmp, { force: true }).catch(() => {});
			this.logger.debug(`could not save ${this.file} (${err.message}); the packs will be read again next time`);
		}
	}
};
/** One hash per record: store descriptions and keys may be long, and none of them need be read back. */
function recordOf(store, key, sha256, listed) {
	return createHash("sha256").update(JSON.stringify([
		store,
		key,
		sha256,
		listed.size,
		listed.modified
	])).digest("hex");
}
// .bundle-in/formats/protobuf.js
/**
* Walks the fields of a protobuf message. Just enough of the wire format to read the few
* manifest fields a snapshot needs, without a protobuf dependency or generated code.
*/
function* protoFields(buf, what) {
	let pos = 0;
	const varint = () => {
		let result = 0n;
		let shift = 0n;
		for (;;) {
			if (pos >= buf.length || shift > 63n) throw new IntegrityError(`${what}: truncated protobuf varint`);
			const b = buf[pos++];
			result |= BigInt(b & 127) << shift;
			if ((b & 128) === 0) return result;
			shift += 7n;
		}
	};
	while (pos < buf.length) {
		const key = varint();
		const field = Number(key >> 3n);
		const wire = Number(key & 7n);
		if (wire === 0) yield {
			field,
			wire,
			value: varint()
		};
		else if (wire === 2) {
			const len = Number(varint());
			if (pos + len > buf.length) throw new IntegrityError(`${what}: protobuf field ${field} runs past the end`);
			yield {
				field,
				wire,
				value: buf.subarray(pos, pos + len)
			};
			pos += len;
		} else if (wire === 1 || wire === 5) {
			const len = wire === 1 ? 8 : 4;
			if (pos + len > buf.length) throw new IntegrityError(`${what}: truncated fixed-width field`);
			yield {
				field,
				wire,
				value: buf.subarray(pos, pos + len)
			};
			pos += len;
		} else throw new IntegrityError(`${what}: unsupported protobuf wire type ${wire}`);
	}
}
// .bundle-in/formats/lance-manifest.js
const U64_MAX = (1n << 64n) - 1n;
/** Version number of a `_versions/` file name: `{u64::MAX - v}.manifest` (V2 naming) or `{v}.manifest`. */
function versionOfManifestName(name) {
	const m = /^(\d+)\.manifest$/.exec(name);
	if (!m) return void 0;
	const n = BigInt(m[1]);
	const v = n > 1n << 62n ? U64_MAX - n : n;
	return v <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(v) : void 0;
}
function uuidString(bytes) {
	const h = bytes.toString("hex");
	return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}
/**
* Reads a Lance manifest file: `[u32 len][Manifest]` at the position the footer
* `[i64 pos][u16 major][u16 minor]"LANC"` names, and the index section it points to.
*/
async function readLanceManifest(file, versionFile) {
	const buf = await fs.readFile(file);
	const what = `Lance manifest ${versionFile}`;
	if (buf.length < 16 || buf.subarray(buf.length - 4).toString("latin1") !== "LANC") throw new IntegrityError(`${what} has no LANC footer`);
	const pos = Number(buf.readBigInt64LE(buf.length - 16));
	const block = (at) => {
		if (at < 0 || at + 4 > buf.length) throw new IntegrityError(`${what}: section position out of range`);
		const len = buf.readUInt32LE(at);
		if (at + 4 + len > buf.length) throw new IntegrityError(`${what}: section runs past the end`);
		return buf.subarray(at + 4, at + 4 + len);
	};
	const files = /* @__PURE__ */ new Map();
	const indexDirs = [];
	let version = 0;
	let rows = 0;
	let indexSection;
	for (const f of protoFields(block(pos), what)) if (f.field === 3 && f.wire === 0) version = Number(f.value);
	else if (f.field === 6 && f.wire === 0) indexSection = Number(f.value);
	else if (f.field === 12 && f.wire === 2 && f.value.length > 0) files.set(`_transactions/${f.value.toString("utf8")}`, 0);
	else if (f.field === 18) throw new UnsupportedError(`${what} refers to data in other locations (a shallow clone or imported files)`, { hint: "snapshot the table it was cloned from, or a deep copy" });
	else if (f.field === 2 && f.wire === 2) {
		let fragId = 0n;
		let physical = 0;
		let deleted = 0;
		let deletion;
		for (const g of protoFields(f.value, what)) if (g.field === 1 && g.wire === 0) fragId = g.value;
		else if (g.field === 4 && g.wire === 0) physical = Number(g.value);
		else if (g.field === 2 && g.wire === 2) {
			let path = "";
			let size = 0;
			for (const d of protoFields(g.value, what)) if (d.field === 1 && d.wire === 2) path = d.value.toString("utf8");
			else if (d.field === 6 && d.wire === 0) size = Number(d.value);
			else if (d.field === 7) throw new UnsupportedError(`${what} has a data file in another location`, { hint: "snapshot the table it was cloned from" });
			files.set(path.includes("/") ? path : `data/${path}`, size);
		} else if (g.field === 3 && g.wire === 2) {
			deletion = {
				type: 0n,
				readVersion: 0n,
				id: 0n
			};
			for (const d of protoFields(g.value, what)) {
				if (d.wire !== 0) continue;
				if (d.field === 1) deletion.type = d.value;
				else if (d.field === 2) deletion.readVersion = d.value;
				else if (d.field === 3) deletion.id = d.value;
				else if (d.field === 4) deleted = Number(d.value);
			}
		} else if ((g.field === 6 || g.field === 8 || g.field === 10) && g.wire === 2) {
			for (const d of protoFields(g.value, what)) if (d.field === 1 && d.wire === 2) files.set(d.value.toString("utf8"), 0);
		}
		if (deletion) files.set(`_deletions/${fragId}-${deletion.readVersion}-${deletion.id}.${deletion.type === 1n ? "bin" : "arrow"}`, 0);
		rows += physical - deleted;
	}
	if (indexSection !== void 0) for (const f of protoFields(block(indexSection), what)) {
		if (f.field !== 1 || f.wire !== 2) continue;
		for (const g of protoFields(f.value, what)) if (g.field === 1 && g.wire === 2) {
			for (const u of protoFields(g.value, what)) if (u.field === 1 && u.wire === 2 && u.value.length === 16) indexDirs.push(`_indices/${uuidString(u.value)}`);
		} else if (g.field === 9) throw new UnsupportedError(`${what} has an index in another location`, { hint: "snapshot the table it was cloned from" });
	}
	files.set(`_versions/${versionFile}`, buf.length);
	return {
		version,
		rows,
		files,
		indexDirs
	};
}
// .bundle-in/formats/lancedb.js
async function isTable(dir) {
	return fs.stat(path.join(dir, "_versions")).then((s) => s.isDirectory(), () => false);
}
/** A LanceDB database directory (tables `*.lance` inside) or a single table directory. */
async function detectLance(dir) {
	if (dir.endsWith(".lance") && await isTable(dir)) return [""];
	const names = await fs.readdir(dir).catch(() => []);
	const tables = [];
	for (const n of names.sort()) if (n.endsWith(".lance") && await isTable(path.join(dir, n))) tables.push(n);
	return tables.length > 0 ? tables : void 0;
}
async function listAll(dir, rel, out) {
	for (const d of await fs.readdir(dir, { withFileTypes: true })) {
		const r = `${rel}/${d.name}`;
		if (d.isDirectory()) await listAll(path.join(dir, d.name), r, out);
		else if (d.isFile()) out.push(r);
	}
}
function vanished(rel, err) {
	return new ChangedError(`${rel} vanished while the table was being pinned`, {
		cause: err,
		details: {
			path: rel,
			vanished: true
		}
	});
}
/**
* Pins the versions of one table that `mode` keeps — the newest committed one, plus every tagged
* one (`tagged`) or every committed one (`all`) — and lists exactly the files they need: their
* manifests, data, deletion and transaction files, index directories, and the tags kept.
*/
async function pinTable(tableDir, mode) {
	const names = await fs.readdir(path.join(tableDir, "_versions"));
	const byVersion = /* @__PURE__ */ new Map();
	for (const n of names) {
		const v = versionOfManifestName(n);
		if (v !== void 0) byVersion.set(v, n);
	}
	if (byVersion.size === 0) throw new NotFoundError(`Lance table ${tableDir} has no committed version`, { hint: "is the table still being created?" });
	const newest = Math.max(...byVersion.keys());
	const tags = /* @__PURE__ */ new Map();
	const tagDir = path.join(tableDir, "_refs", "tags");
	for (const n of (await fs.readdir(tagDir).catch(() => [])).sort()) {
		if (!n.endsWith(".json")) continue;
		const bytes = await fs.readFile(path.join(tagDir, n)).catch(() => void 0);
		if (!bytes) continue;
		let version;
		try {
			const v = JSON.parse(bytes.toString("utf8")).version;
			if (typeof v === "number" && Number.isSafeInteger(v)) version = v;
		} catch {}
		tags.set(n, {
			bytes,
			version
		});
	}
	const wanted = /* @__PURE__ */ new Set([newest]);
	if (mode === "all") for (const v of byVersion.keys()) wanted.add(v);
	if (mode === "tagged") {
		for (const t of tags.values()) if (t.version !== void 0 && byVersion.has(t.version)) wanted.add(t.version);
	}
	const files = /* @__PURE__ */ new Map();
	const indexDirs = /* @__PURE__ */ new Set();
	const versions = [];
	for (const v of [...wanted].sort((a, b) => b - a)) {
		const n = byVersion.get(v);
		let read;
		try {
			read = await readLanceManifest(path.join(tableDir, "_versions", n), n);
		} catch (err) {
			if (err.code === "ENOENT") throw vanished(`_versions/${n}`, err);
			throw err;
		}
		for (const [rel, size] of read.files) files.set(rel, size);
		for (const idx of read.indexDirs) indexDirs.add(idx);
		versions.push({
			version: read.version,
			rows: read.rows
		});
	}
	for (const idx of indexDirs) {
		const found = [];
		await listAll(path.join(tableDir, ...idx.split("/")), idx, found).catch((err) => {
			throw vanished(idx, err);
		});
		for (const f of found) files.set(f, 0);
	}
	const tagBytes = /* @__PURE__ */ new Map();
	const droppedTags = /* @__PURE__ */ new Map();
	const kept = {};
	for (const [n, t] of tags) {
		const rel = `_refs/tags/${n}`;
		if (t.version !== void 0 && byVersion.has(t.version) && !wanted.has(t.version)) {
			droppedTags.set(rel, `tag of version ${t.version}, which --lance-versions ${mode} does not store`);
			continue;
		}
		tagBytes.set(rel, t.bytes);
		files.set(rel, t.bytes.length);
		if (t.version !== void 0) kept[n.slice(0, -5)] = t.version;
	}
	const head = versions[0];
	return {
		facts: {
			table: "",
			version: head.version,
			rows: head.rows,
			versions,
			tags: kept
		},
		files,
		indexDirs,
		tagBytes,
		droppedTags
	};
}
const STAGED = /#\d+$/;
const DATA_FILE = /^data\/[^/]+\.lance$/;
const DELETION_FILE = /^_deletions\/[^/]+\.(?:arrow|bin)$/;
const TRANSACTION_FILE = /^_transactions\/[^/]+\.txn$/;
const INDEX_DIR = /^_indices\/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const TAG_FILE = /^_refs\/tags\/[^/]+\.json$/;
/**
* The exclusion rule inside one table directory (`rel` relative to it). Left out: staging and
* temporary names, the version hint, and files of the kinds LanceDB writes per version (manifests,
* data, deletion, transaction files, index directories, tags) that no stored version names.
* Anything else — a file LanceDB never writes — is kept.
*/
function excludeInTable(t, mode, rel, type) {
	const base = rel.slice(rel.lastIndexOf("/") + 1);
	if (base.startsWith(".tmp") || STAGED.test(base)) return "transient: LanceDB staging file";
	if (t.files.has(rel) || type === "symlink") return void 0;
	if (type === "dir") return INDEX_DIR.test(rel) && !t.indexDirs.has(rel) ? "index of a version not stored" : void 0;
	if (rel === "_versions/latest_version_hint.json") return "transient: LanceDB version hint, rewritten by every commit";
	if (rel === "_latest.manifest") return "transient: copy of the newest manifest (older layout), rewritten by every commit";
	if (rel.startsWith("_versions/") && !rel.slice(10).includes("/")) {
		const v = versionOfManifestName(rel.slice(10));
		if (v !== void 0) return `manifest of version ${v}, which --lance-versions ${mode} does not store`;
	}
	if (DATA_FILE.test(rel)) return "data file of a version not stored";
	if (DELETION_FILE.test(rel)) return "deletion file of a version not stored";
	if (TRANSACTION_FILE.test(rel)) return "commit record of a version not stored";
	if (TAG_FILE.test(rel)) return t.droppedTags.get(rel) ?? "tag written after the versions were pinned";
}
/**
* Selects the files of the versions `mode` keeps of every table, and checks their sizes against
* the manifests. Files outside the tables, and files in a table that LanceDB never writes, are
* the user's and are stored as they are.
*/
async function selectLance(root, tables, mode = "tagged") {
	const files = /* @__PURE__ */ new Map();
	const pinned = /* @__PURE__ */ new Map();
	const facts = [];
	const byPrefix = /* @__PURE__ */ new Map();
	for (const t of tables) {
		const p = await pinTable(t ? path.join(root, t) : root, mode).catch((err) => {
			if (isIndexVaultError(err, "E_INTEGRITY")) throw new IntegrityError(`${path.join(root, t)} looks like a LanceDB table but ${err.message}`, {
				hint: "if it is not a LanceDB table, back it up as plain files",
				details: { remedy: "format-dir" },
				cause: err
			});
			throw err;
		});
		const prefix = t ? `${t}/` : "";
		byPrefix.set(prefix, p);
		facts.push({
			...p.facts,
			table: t.replace(/\.lance$/, "")
		});
		for (const [k, v] of p.files) files.set(prefix + k, v);
		for (const [k, v] of p.tagBytes) pinned.set(prefix + k, v);
	}
	for (const [rel, size] of files) {
		if (pinned.has(rel)) continue;
		const st = await fs.stat(path.join(root, ...rel.split("/"))).catch((err) => {
			throw vanished(rel, err);
		});
		if (size > 0 && st.size !== size) throw new ChangedError(`${rel} has ${st.size} bytes but its manifest records ${size}`, {
			hint: "the table is being written to or is damaged",
			details: { path: rel }
		});
	}
	const exclude = (rel, type) => {
		const single = byPrefix.get("");
		if (single) return excludeInTable(single, mode, rel, type);
		const slash = rel.indexOf("/");
		const table = slash < 0 ? void 0 : byPrefix.get(rel.slice(0, slash + 1));
		return table ? excludeInTable(table, mode, rel.slice(slash + 1), type) : void 0;
	};
	return {
		format: "lancedb",
		facts: {
			lanceVersions: mode,
			tables: facts
		},
		files,
		last: [],
		pinned,
		exclude
	};
}
// .bundle-in/formats/optional-module.js
/**
* Loads an optional peer dependency such as `@lancedb/lancedb` (≈190 MB native, never bundled):
* first as index-vault's own dependency would resolve, then from the current directory, where a
* workflow's project has it when index-vault runs as a bundled action. The specifier is a
* variable so bundlers leave the import alone instead of hoisting it into a static one.
*/
async function importOptional(name) {
	const specifier = name;
	try {
		return await import(
			/* webpackIgnore: true */
			specifier
);
	} catch (first) {
		try {
			const resolved = createRequire(path.join(process.cwd(), "package.json")).resolve(specifier);
			return await import(
				/* webpackIgnore: true */
				pathToFileURL(resolved).href
);
		} catch {
			throw first;
		}
	}
}
// .bundle-in/formats/lancedb-deep-verify.js
/**
* Opens every restored table with LanceDB itself and checks it is at the pinned version with the
* pinned row count, that every older version stored opens with its row count, and the tags. `@lancedb/lancedb` is an optional peer dependency, loaded only here.
*/
async function deepVerifyLance(dir, tables, singleTableName) {
	let lancedb;
	try {
		lancedb = await importOptional("@lancedb/lancedb");
	} catch (err) {
		throw new UnsupportedError("deep verification of a LanceDB snapshot needs the @lancedb/lancedb package", {
			cause: err,
			hint: "npm install @lancedb/lancedb, or restore without deep verification",
			details: { remedy: "no-deep-verify" }
		});
	}
	let linkDir;
	let dbDir = dir;
	if (singleTableName !== void 0) {
		linkDir = await fs.mkdtemp(path.join(os.tmpdir(), "index-vault-verify-"));
		await fs.symlink(dir, path.join(linkDir, `${singleTableName}.lance`), "dir");
		dbDir = linkDir;
	}
	const db = await lancedb.connect(dbDir);
	try {
		for (const t of tables) {
			const table = await db.openTable(singleTableName ?? t.table);
			try {
				const [version, rows] = [await table.version(), await table.countRows()];
				if (version !== t.version || rows !== t.rows) throw new IntegrityError(`restored table ${t.table} opens at version ${version} with ${rows} rows; the snapshot pinned version ${t.version} with ${t.rows}`, { hint: "the snapshot does not hold a consistent table; restore another snapshot" });
				await verifyHistory(table, t);
			} finally {
				table.close();
			}
		}
	} finally {
		db.close();
		if (linkDir) await fs.rm(linkDir, {
			recursive: true,
			force: true
		});
	}
}
/** Every older version the snapshot recorded opens with its row count, and the tags are the recorded ones. */
async function verifyHistory(table, t) {
	const broken = (what) => new IntegrityError(`restored table ${t.table}: ${what}`, { hint: "the snapshot does not hold a consistent table; restore another snapshot" });
	if (t.tags) {
		const listed = await (await table.tags()).list();
		const got = Object.fromEntries(Object.entries(listed).map(([k, v]) => [k, v.version]));
		const want = Object.entries(t.tags).sort();
		if (JSON.stringify(Object.entries(got).sort()) !== JSON.stringify(want)) throw broken(`tags ${JSON.stringify(got)} differ from the recorded ${JSON.stringify(t.tags)}`);
	}
	for (const v of t.versions ?? []) {
		if (v.version === t.version) continue;
		let rows;
		try {
			await table.checkout(v.version);
			rows = await table.countRows();
		} catch (err) {
			throw broken(`version ${v.version} does not open (${err.message.split("\n")[0]})`);
		}
		if (rows !== v.rows) throw broken(`version ${v.version} has ${rows} rows; the snapshot recorded ${v.rows}`);
	}
	await table.checkoutLatest();
}
// .bundle-in/formats/selection.js
/** What a backup may be told the directory holds: `auto` detects a built-in format, `dir` stores every file. */
const INDEX_FORMATS = [
	"auto",
	"lancedb",
	"tantivy",
	"dir"
];
/** Which versions of a LanceDB table a snapshot keeps: the newest, the newest and every tagged one, or every committed one. */
const LANCE_VERSION_MODES = [
	"latest",
	"tagged",
	"all"
];
/** Whether a failed snapshot attempt should simply be taken again: a file the selection pinned vanished. */
function isVanished(err) {
	return isIndexVaultError(err) && (err.details.vanished === true || err.code === "E_IO" && err.details.errno === "ENOENT");
}
// .bundle-in/formats/lancedb-format.js
/** A LanceDB database (tables `*.lance` inside) or a single table directory. */
const lancedbFormat = {
	name: "lancedb",
	async detect(dir) {
		return await detectLance(dir) !== void 0;
	},
	checkOptions(options) {
		const mode = options.lanceVersions;
		if (mode !== void 0 && !LANCE_VERSION_MODES.includes(mode)) throw new ValidationError(`invalid lanceVersions ${JSON.stringify(mode)}`, { hint: `valid values: ${LANCE_VERSION_MODES.join(", ")}` });
	},
	async select(dir, options) {
		const tables = await detectLance(dir);
		if (!tables) throw new ValidationError(`${dir} holds no LanceDB table (no *.lance directory with _versions/)`, {
			hint: "point at the database directory or a table directory, or let the format be detected",
			details: { remedy: "format-auto" }
		});
		return selectLance(dir, tables, options.lanceVersions ?? "tagged");
	},
	async deepVerify(staging, manifest) {
		const tables = manifest.source.facts?.tables ?? [];
		const single = tables.length === 1 && tables[0].table === "" ? manifest.source.name.replace(/\.lance$/, "") : void 0;
		await deepVerifyLance(staging, single !== void 0 ? [{
			...tables[0],
			table: single
		}] : tables, single);
	},
	subtreesFor(name, manifest) {
		const tables = manifest.source.facts?.tables ?? [];
		const wanted = name.replace(/\.lance$/, "");
		if (tables.length === 1 && tables[0].table === "") return manifest.source.name.replace(/\.lance$/, "") === wanted ? [""] : [];
		return tables.some((t) => t.table === wanted) ? [`${wanted}.lance`] : [];
	}
};
// .bundle-in/formats/tantivy.js
const COMPONENTS = [
	"idx",
	"pos",
	"term",
	"store",
	"fast",
	"fieldnorm"
];
/** A file Tantivy writes for a segment: `<segment id>.<component>`, `<segment id>.<opstamp>.del`, or the doc store being built (`.store.temp`). */
const SEGMENT_FILE = new RegExp(`^[0-9a-f]{32}\\.(?:${COMPONENTS.join("|")}|store\\.temp|\\d+\\.del)$`);
/** The temporary file of Tantivy's atomic writes (the `tempfile` crate's default name), renamed over meta.json. */
const ATOMIC_WRITE_TEMP = /^\.tmp[A-Za-z0-9]{6}$/;
/** Named by Tantivy for one writer's lifetime; `.managed.json` is written afresh by every restore. */
const TRANSIENT = /* @__PURE__ */ new Map([
	[".tantivy-writer.lock", "transient: Tantivy writer lock"],
	[".tantivy-meta.lock", "transient: Tantivy meta lock"],
	[".managed.json", "transient: Tantivy file list, written afresh by restore"]
]);
/**
* The exclusion rule of a Tantivy directory: lock files, `.managed.json` and temporary files of
* atomic writes (`.tmpXXXXXX`) are transient; a segment file meta.json does not list belongs to
* another commit (one merged away, or one a writer has not committed yet). Everything else — the
* user's files, subdirectories — is kept.
*/
function excludeTantivy(files, rel, type) {
	if (rel.includes("/") || type !== "file" || files.has(rel)) return void 0;
	const transient = TRANSIENT.get(rel);
	if (transient) return transient;
	if (ATOMIC_WRITE_TEMP.test(rel)) return "transient: temporary file of an atomic write";
	return SEGMENT_FILE.test(rel) ? "segment file of a commit other than the one stored" : void 0;
}
/** The files a restored index's `.managed.json` lists: meta.json and the segment files, never the user's own files. */
function tantivyManagedFiles(paths) {
	return paths.filter((p) => p === "meta.json" || SEGMENT_FILE.test(p));
}
async function readTantivyMeta(dir) {
	let bytes;
	try {
		bytes = await fs.readFile(path.join(dir, "meta.json"));
	} catch {
		return;
	}
	try {
		const meta = JSON.parse(bytes.toString("utf8"));
		return Array.isArray(meta.segments) ? {
			...meta,
			bytes
		} : void 0;
	} catch (err) {
		throw new IntegrityError(`${path.join(dir, "meta.json")} is not valid JSON`, { cause: err });
	}
}
/**
* Reads meta.json once and selects exactly the segment files it lists; meta.json itself goes
* last. Other files are stored as they are, except what `excludeTantivy` leaves out.
*/
async function selectTantivy(dir, meta) {
	const files = /* @__PURE__ */ new Map();
	const names = new Set(await fs.readdir(dir));
	let docs = 0;
	const segments = [];
	const ids = meta.segments.map((s) => {
		const id = s.segment_id.replace(/-/g, "");
		if (!/^[0-9a-f]{32}$/.test(id)) throw new IntegrityError(`meta.json lists a segment with a malformed id ${JSON.stringify(s.segment_id)}`);
		return id;
	});
	const components = COMPONENTS.filter((c) => ids.some((id) => names.has(`${id}.${c}`)));
	for (const [i, s] of meta.segments.entries()) {
		const id = ids[i];
		const missing = components.find((c) => !names.has(`${id}.${c}`));
		if (missing) throw new ChangedError(`segment file ${id}.${missing} listed through meta.json vanished`, { details: {
			path: `${id}.${missing}`,
			vanished: true
		} });
		for (const c of components) files.set(`${id}.${c}`, 0);
		if (s.deletes) {
			const del = `${id}.${s.deletes.opstamp}.del`;
			if (!names.has(del)) throw new ChangedError(`${del} listed in meta.json is missing`, { details: {
				path: del,
				vanished: true
			} });
			files.set(del, 0);
		}
		const live = s.max_doc - (s.deletes?.num_deleted_docs ?? 0);
		docs += live;
		segments.push({
			id,
			docs: live
		});
	}
	files.set("meta.json", 0);
	return {
		format: "tantivy",
		facts: {
			opstamp: meta.opstamp,
			docs,
			segments
		},
		files,
		last: ["meta.json"],
		pinned: /* @__PURE__ */ new Map([["meta.json", meta.bytes]]),
		exclude: (rel, type) => excludeTantivy(files, rel, type)
	};
}
// .bundle-in/formats/registry.js
/**
* The formats index-vault knows, in the order `auto` tries them: a Tantivy index is recognized
* by its meta.json before a directory is searched for LanceDB tables.
*/
const BUILT_IN_FORMATS = [{
	name: "tantivy",
	async detect(dir) {
		return await readTantivyMeta(dir) !== void 0;
	},
	async select(dir) {
		const meta = await readTantivyMeta(dir);
		if (!meta) throw new ValidationError(`${dir} has no Tantivy meta.json`, {
			hint: "point at the index directory, or let the format be detected",
			details: { remedy: "format-auto" }
		});
		return selectTantivy(dir, meta);
	},
	async afterRestore(staging, manifest) {
		const listed = tantivyManagedFiles(manifest.entries.filter((e) => e.type === "file").map((e) => e.path));
		const file = path.join(staging, ".managed.json");
		await fs.writeFile(file, JSON.stringify(listed), { flag: "wx" }).catch((err) => {
			throw ioError(err, "cannot write", file);
		});
	}
}, lancedbFormat];
/** The format that wrote a manifest's `source.format`, or undefined (a plain directory, or one not in `formats`). */
function formatNamed(name, formats = BUILT_IN_FORMATS) {
	return formats.find((f) => f.name === name);
}
// .bundle-in/formats/detect.js
/** `auto` detects one of `formats`; `dir` stores every file; any other value names a format. */
function checkFormatChoice(choice, formats = BUILT_IN_FORMATS) {
	if (choice === "auto" || choice === "dir" || formats.some((f) => f.name === choice)) return;
	const valid = [
		"auto",
		...formats.map((f) => f.name),
		"dir"
	];
	throw new ValidationError(`invalid format ${JSON.stringify(choice)}`, { hint: `valid values: ${valid.join(", ")}` });
}
/**
* Decides what to store for a directory: the selection of the format asked for, or of the first
* of `formats` that recognizes it (`auto`) — or undefined (`dir`, or `auto` when none does):
* then every file is stored.
*/
async function selectIndexFiles(dir, choice, options = {}, formats = BUILT_IN_FORMATS) {
	checkFormatChoice(choice, formats);
	if (choice === "dir") return void 0;
	if (choice !== "auto") return formats.find((f) => f.name === choice).select(dir, options);
	for (const f of formats) if (await f.detect(dir)) return f.select(dir, options);
}
/** Every format's check of the options, before anything is locked or read. */
function checkFormatOptions(options, formats = BUILT_IN_FORMATS) {
	for (const f of formats) f.checkOptions?.(options);
}
// .bundle-in/workers/whole-file-hash.js
/**
* How a backup opens a file its scan found, to read it: never waiting on a FIFO or device that took
* the file's name since (O_NONBLOCK, which changes nothing for a regular file; none on Windows). What
* was opened is then refused by its stat (fs-safety/scanned-file.ts), without a read that never ends.
*/
const SCANNED_READ_FLAGS = fs$1.constants.O_RDONLY | (fs$1.constants.O_NONBLOCK ?? 0);
/**
* A whole file's sha256 and size, read with plain system calls into `buf`; its stat once read (of
* the open file, after the last byte) is appended to `stamps`: size, mtime and ctime in ns, inode.
* Equal to the scan's, that stat proves the hash is of the content the scan saw (hash-cache.ts):
* a hashing thread and the main thread both take the proof here.
*/
function hashWholeFile(file, buf, stamps) {
	const fd = fs$1.openSync(file, SCANNED_READ_FLAGS);
	try {
		const h = createHash("sha256");
		let size = 0;
		for (let n; (n = fs$1.readSync(fd, buf, 0, buf.length, null)) > 0; size += n) h.update(buf.subarray(0, n));
		const st = fs$1.fstatSync(fd, { bigint: true });
		stamps.push(st.size, st.mtimeNs, st.ctimeNs, st.isFile() ? st.ino : -1n);
		return {
			sha256: h.digest("hex"),
			size
		};
	} finally {
		fs$1.closeSync(fd);
	}
}
// .bundle-in/workers/worker-url.js
/**
* Starts the worker module `name` that sits beside the module whose `import.meta.url` is `base`.
* Built (dist/, and the action bundle, where each worker is its own bundle beside index.js) it
* is `name.js`. Run from source (the tests) there is only `name.ts`: it and the modules it
* imports are stripped of their types once into a temporary directory, so each worker then
* starts from plain JavaScript as fast as a built one. The name is a variable, so no bundler
* rewrites or inlines the worker's address.
*/
function startWorker(name, base, options = {}) {
	const opts = {
		execArgv: [],
		...options
	};
	const built = new URL(`./${name}.js`, base);
	if (fs$1.existsSync(fileURLToPath(built))) return new Worker(built, opts);
	return new Worker(pathToFileURL(fromSource(fileURLToPath(new URL(`./${name}.ts`, base)))), opts);
}
const stripped = /* @__PURE__ */ new Map();
/** Value imports of relative modules, as tsc wants them written (`./x.js` for `./x.ts`). */
const IMPORT = /^\s*(?:import|export)\s+(?!type\s)(?:[^;]*?\sfrom\s+)?'(\.{1,2}\/[^']+)\.js'/gm;
/** The entry's import graph as JavaScript in a directory named by its content; returns the entry's path there. */
function fromSource(entry) {
	const known = stripped.get(entry);
	if (known) return known;
	const sources = /* @__PURE__ */ new Map();
	const walk = (file) => {
		if (sources.has(file)) return;
		const text = fs$1.readFileSync(file, "utf8");
		sources.set(file, text);
		for (const m of text.matchAll(IMPORT)) walk(path.resolve(path.dirname(file), `${m[1]}.ts`));
	};
	walk(entry);
	const files = [...sources.keys()].sort();
	let root = path.dirname(files[0]);
	while (!files.every((f) => f.startsWith(root + path.sep))) root = path.dirname(root);
	const digest = createHash("sha256").update(process.version);
	for (const f of files) digest.update(`${path.relative(root, f)}\0${sources.get(f)}\0`);
	const dir = path.join(os.tmpdir(), "index-vault-workers", digest.digest("hex").slice(0, 16));
	if (!fs$1.existsSync(dir)) {
		const tmp = `${dir}.${process.pid}.${Math.random().toString(36).slice(2)}`;
		for (const f of files) {
			const out = path.join(tmp, path.relative(root, f)).replace(/\.ts$/, ".js");
			fs$1.mkdirSync(path.dirname(out), { recursive: true });
			fs$1.writeFileSync(out, module.stripTypeScriptTypes(sources.get(f), { mode: "transform" }));
		}
		try {
			fs$1.renameSync(tmp, dir);
		} catch {
			fs$1.rmSync(tmp, {
				recursive: true,
				force: true
			});
		}
	}
	const out = path.join(dir, path.relative(root, entry)).replace(/\.ts$/, ".js");
	stripped.set(entry, out);
	return out;
}
// .bundle-in/workers/hash-workers.js
/** Files in one message, at most: a round trip between threads costs about what hashing a small file does. */
const BATCH_FILES = 64;
/** Bytes in one message, at most, where the sizes are known: a batch of large files would leave the other threads idle at the end. */
const BATCH_BYTES$1 = 4194304;
/** Batches a thread has at once: it starts the next while the answer to the last is on its way. */
const IN_FLIGHT = 2;
/** Bytes hashed on the main thread between two turns of the event loop (a stop is seen within one). */
const TURN_BYTES = 8388608;
/**
* hashFilesInWorkers on this thread, for a few small files (an incremental after a small change):
* plain system calls, as the threads make them, where a thread-pool round trip for each of a
* file's open, reads, stat and close cost more than the call itself, and no thread to start.
*/
async function hashFilesHere(files, onBytes) {
	const out = new Array(files.length);
	const here = new HereHasher();
	let sinceTurn = 0;
	for (let k = 0; k < files.length; k++) {
		const size = here.hash(files, k, out, k);
		onBytes?.(size);
		if ((sinceTurn += size + 4096) >= TURN_BYTES) {
			sinceTurn = 0;
			await yieldTurn();
		}
	}
	return out;
}
/** Whole files hashed on this thread, with the threads' own system calls (hashWholeFile) and one reused buffer. */
var HereHasher = class {
	buf = Buffer.allocUnsafe(1048576);
	st = [];
	/** Hashes `files[k]` into `out[at]`; returns its size. */
	hash(files, k, out, at) {
		const st = this.st;
		let sum;
		try {
			sum = hashWholeFile(files[k], this.buf, st);
		} catch (err) {
			throw ioError(err, "cannot read", files[k]);
		}
		out[at] = {
			...sum,
			stamp: {
				size: st[0],
				mtimeNs: st[1],
				ctimeNs: st[2],
				ino: st[3]
			}
		};
		st.length = 0;
		return sum.size;
	}
};
/**
* hashFilesInWorkers's threads kept for several calls (an incremental hashes a large tree a batch
* of files at a time): started at the first call, ended by `close`. A call that fails ends them
* too (answers to its other batches may still be on their way); the next call starts new ones.
*/
var HashPool = class {
	threads;
	here;
	workers;
	/**
	* `here`: this thread takes batches too, beside `threads` − 1 workers. For a caller that only
	* waits while the files are hashed (an incremental backup): the same cores busy, one thread
	* fewer to start and keep (~22 MB each: a million-file incremental without a hash cache peaks
	* while it hashes). Between two batches it lets the workers' answers in (and sees a stop).
	*/
	constructor(threads = Math.max(1, Math.min(4, os.availableParallelism?.() ?? os.cpus().length)), here = false) {
		this.threads = threads;
		this.here = here;
	}
	async hash(files, onBytes, sizes) {
		const out = new Array(files.length);
		if (files.length === 0) return out;
		const workers = this.workers ??= Array.from({ length: Math.min(this.here ? this.threads - 1 : this.threads, files.length) }, () => startWorker("hash-worker", import.meta.url));
		let next = 0;
		let failed = false;
		const take = () => {
			if (failed || next >= files.length) return void 0;
			const from = next;
			let bytes = 0;
			do
				bytes += sizes?.[next] ?? 0;
			while (++next < files.length && next - from < BATCH_FILES && bytes + (sizes?.[next] ?? 0) <= BATCH_BYTES$1);
			return {
				op: "files",
				id: from,
				files: files.slice(from, next)
			};
		};
		const listeners = [];
		const hashHere = async () => {
			const hasher = new HereHasher();
			for (;;) {
				await yieldTurn();
				const batch = take();
				if (!batch) return;
				try {
					for (let k = 0; k < batch.files.length; k++) {
						const size = hasher.hash(batch.files, k, out, batch.id + k);
						onBytes?.(size);
					}
				} catch (err) {
					failed = true;
					throw err;
				}
			}
		};
		try {
			await Promise.all([...this.here ? [hashHere()] : [], ...workers.map((w) => new Promise((resolve, reject) => {
				let pending = 0;
				const send = () => {
					while (pending < IN_FLIGHT) {
						const batch = take();
						if (!batch) break;
						w.postMessage(batch);
						pending++;
					}
					if (pending === 0) resolve();
				};
				const onMessage = (r) => {
					pending--;
					if (r.error) {
						failed = true;
						const e = Object.assign(new Error(r.error.message), {
							code: r.error.code,
							syscall: r.error.syscall
						});
						return reject(ioError(e, "cannot read", files[r.id + (r.failed ?? 0)]));
					}
					const { sha256, size, stamps: st } = r.sums;
					for (let k = 0; k < sha256.length; k++) {
						const stamp = {
							size: st[4 * k],
							mtimeNs: st[4 * k + 1],
							ctimeNs: st[4 * k + 2],
							ino: st[4 * k + 3]
						};
						out[r.id + k] = {
							sha256: sha256[k],
							size: size[k],
							stamp
						};
						onBytes?.(size[k]);
					}
					send();
				};
				const onError = (err) => {
					failed = true;
					reject(err);
				};
				w.on("message", onMessage);
				w.on("error", onError);
				listeners.push(() => {
					w.off("message", onMessage);
					w.off("error", onError);
				});
				send();
			}))]);
		} catch (err) {
			await this.close();
			throw err;
		} finally {
			for (const off of listeners) off();
		}
		return out;
	}
	async close() {
		const workers = this.workers ?? [];
		this.workers = void 0;
		await Promise.all(workers.map((w) => w.terminate()));
	}
};
// .bundle-in/fs-safety/lock.js
/**
* The lock sits beside the directory: it must exist before a restore creates the directory, and
* must not be backed up. Symlinks are resolved first, so every spelling of a directory gets one lock.
*/
function lockPathFor(dir) {
	const abs = resolvedPath(dir);
	return path.join(path.dirname(abs), `.${path.basename(abs)}.index-vault.lock`);
}
async function fallbackLockPath(dir) {
	const real = resolvedPath(dir);
	const name = `${createHash("sha256").update(real).digest("hex").slice(0, 32)}.lock`;
	const shared = path.join(os.tmpdir(), "index-vault-locks");
	try {
		await fs.mkdir(shared, { mode: 1023 });
		await fs.chmod(shared, 1023);
	} catch (err) {
		if (err.code !== "EEXIST") throw err;
	}
	if (await fs.access(shared, constants$1.W_OK).then(() => true, () => false)) return path.join(shared, name);
	const own = path.join(os.tmpdir(), `index-vault-locks-${process.getuid?.() ?? "user"}`);
	await fs.mkdir(own, { recursive: true });
	return path.join(own, name);
}
async function readOwner(file) {
	try {
		const o = parseBoundedJson(await fs.readFile(file), "lock file", 65536);
		return typeof o.pid === "number" && typeof o.token === "string" ? o : void 0;
	} catch {
		return;
	}
}
function processGone(pid) {
	try {
		process.kill(pid, 0);
		return false;
	} catch (err) {
		return err.code === "ESRCH";
	}
}
/** A moved-aside lock is kept only while its owner may be alive and heartbeating. */
const STALE_ASIDE_MS = 12e4;
/** Says why a lock file is stale, or undefined if its holder may still be alive. */
async function staleReason(file, owner, staleMs) {
	let mtime;
	try {
		mtime = (await fs.stat(file)).mtimeMs;
	} catch {
		return;
	}
	const age = Date.now() - mtime;
	if (!owner) return age > 5e3 ? "its lock file is unreadable and old" : void 0;
	if (owner.host === os.hostname() && processGone(owner.pid)) return `process ${owner.pid} is gone`;
	if (age > staleMs) return `no heartbeat for ${Math.round(age / 1e3)} s`;
}
/**
* Takes the lock on a directory, so that two index-vault processes never back up or restore the
* same directory at once. A lock whose holder died (same host and no such pid, or no heartbeat
* for `staleMs`) is taken over.
*/
async function acquireLock(dir, options) {
	let file = lockPathFor(dir);
	const owner = {
		pid: process.pid,
		host: os.hostname(),
		operation: options.operation,
		startedAt: (/* @__PURE__ */ new Date()).toISOString(),
		token: randomBytes(12).toString("hex"),
		tool: "index-vault"
	};
	const staleMs = options.staleMs ?? 12e4;
	const deadline = Date.now() + (options.waitMs ?? 0);
	const body = JSON.stringify(owner);
	let announced = false;
	for (;;) {
		try {
			await createComplete(file, body, owner);
			if ((await readOwner(file))?.token === owner.token) break;
			continue;
		} catch (err) {
			const code = err.code;
			if (code === "EACCES" || code === "EPERM" || code === "EROFS") {
				const alt = await fallbackLockPath(dir);
				if (alt !== file) {
					file = alt;
					continue;
				}
			}
			if (code !== "EEXIST") throw ioError(err, "cannot create lock file", file);
		}
		const holder = await readOwner(file);
		if (holder?.token === owner.token) break;
		const reason = await staleReason(file, holder, staleMs);
		if (reason) {
			if (await takeOver(file, holder)) options.logger?.warn(`took over a stale lock on ${path.resolve(dir)} (${reason}; was: ${describe(holder)})`);
			continue;
		}
		if (Date.now() >= deadline) throw new LockedError(`${path.resolve(dir)} is locked by ${describe(holder)}`, {
			hint: `wait for it to finish; if that process is gone its lock is taken over automatically, or delete ${file}`,
			details: {
				lockFile: file,
				holder,
				remedy: "lock-wait"
			}
		});
		if (!announced) {
			announced = true;
			options.logger?.warn(`waiting up to ${Math.ceil((deadline - Date.now()) / 1e3)}s for ${describe(holder)} to release the lock on ${path.resolve(dir)}`);
		}
		await new Promise((r) => setTimeout(r, 100 + Math.random() * 150));
	}
	const timer = setInterval(() => {
		const now = /* @__PURE__ */ new Date();
		fs.utimes(file, now, now).catch(() => {});
	}, options.heartbeatMs ?? 1e4);
	timer.unref();
	let releasing;
	const lock = {
		directory: resolvedPath(dir),
		path: file,
		owner,
		release() {
			return releasing ??= (async () => {
				clearInterval(timer);
				try {
					if ((await readOwner(file))?.token === owner.token) await fs.rm(file, { force: true });
				} finally {
					forget();
				}
			})();
		}
	};
	const forget = onStop(() => lock.release());
	return lock;
}
/**
* Creates the lock file with its content in one step: the owner is written to a private file
* that is then hard-linked to the lock's name (which fails if the name exists). A process killed
* at any point leaves either no lock or a complete one, never an empty lock file that would block
* the next run. Filesystems without hard links fall back to an exclusive create.
*/
async function createComplete(file, body, owner) {
	const dir = path.dirname(file);
	const base = path.basename(file);
	for (const n of await fs.readdir(dir).catch(() => [])) {
		if (!n.startsWith(`${base}.`)) continue;
		if (n.endsWith(".tmp")) {
			const pid = Number(n.slice(base.length + 1).split(".")[0]);
			if (Number.isInteger(pid) && pid > 0 && processGone(pid)) await fs.rm(path.join(dir, n), { force: true });
		} else if (n.startsWith(`${base}.stale-`)) {
			const aside = path.join(dir, n);
			if (await staleReason(aside, await readOwner(aside), STALE_ASIDE_MS)) await fs.rm(aside, { force: true });
		}
	}
	const tmp = `${file}.${owner.pid}.${owner.token}.tmp`;
	const fh = await fs.open(tmp, "wx");
	try {
		await fh.writeFile(body);
		await fh.sync();
	} finally {
		await fh.close();
	}
	try {
		await fs.link(tmp, file);
	} catch (err) {
		const code = err.code;
		if (code === "EEXIST" || code !== "EPERM" && code !== "ENOTSUP" && code !== "EXDEV") throw err;
		const direct = await fs.open(file, "wx");
		try {
			await direct.writeFile(body);
			await direct.sync();
		} finally {
			await direct.close();
		}
	} finally {
		await fs.rm(tmp, { force: true });
	}
}
/**
* Moves a stale lock aside with a rename (atomic: of several takers only one succeeds), then
* checks that what it moved is the lock it judged stale; if another taker had already replaced
* it with a live lock, that lock is put back.
*/
async function takeOver(file, stale) {
	const aside = `${file}.stale-${randomBytes(6).toString("hex")}`;
	try {
		await fs.rename(file, aside);
	} catch {
		return false;
	}
	const moved = await readOwner(aside);
	if (stale && moved?.token !== stale.token) {
		await fs.link(aside, file).catch(() => {});
		await fs.rm(aside, { force: true });
		return false;
	}
	await fs.rm(aside, { force: true });
	return true;
}
/**
* Takes the directory's lock, or uses one the caller already holds on it (a guarded command holds
* its directory's lock while the backup and rollback inside it run). Only a lock taken here is
* released by the returned function.
*/
async function acquireOrUse(dir, held, options) {
	if (!held) {
		const lock = await acquireLock(dir, options);
		return () => lock.release();
	}
	if (held.directory !== resolvedPath(dir)) throw new ValidationError(`the lock held on ${held.directory} does not cover ${path.resolve(dir)}`, { hint: "pass the lock of the directory being backed up or restored" });
	return async () => {};
}
function describe(o) {
	return o ? `${o.tool} ${o.operation} (pid ${o.pid} on ${o.host}, since ${o.startedAt})` : "an unknown process (the lock file is unreadable)";
}
// .bundle-in/snapshot/pack-limits.js
/**
* Where the writer starts a new pack, by the estimated size of the pack's listing: well below
* MAX_META, so an estimate that is off (or a future field) never yields a pack readers refuse.
*/
const LISTING_BUDGET = 67108864;
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
const DONE$1 = 8;
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
				this.state = DONE$1;
				break;
			default: off("bytes after the newline");
		}
		if (this.hashing) this.hash.update(this.hashFrom === 0 ? chunk : chunk.subarray(this.hashFrom));
	}
	/** The manifest, whose entries are left out when a sink took them. */
	finish(what) {
		if (this.state !== DONE$1) off("the text ends early");
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
* The stream route alone: the manifest, or why it fell back. Errors of the source itself (a
* failed read) are thrown as they are, as a whole read would throw them. No chunk is kept once
* the next is asked for: a source may read each into the same memory.
*/
async function streamManifest(chunks, what, batchBytes = BATCH_BYTES) {
	const streamed = await streamWith(chunks, what, batchBytes, void 0);
	return "head" in streamed ? { manifest: streamed.head } : streamed;
}
async function streamWith(chunks, what, batchBytes, sink) {
	const reader = new ManifestStream(batchBytes, what, sink);
	const fallback = (err) => ({ fallback: why(err) });
	for await (const chunk of chunks) try {
		reader.push(chunk);
	} catch (err) {
		return fallback(err);
	}
	try {
		return { head: reader.finish(what) };
	} catch (err) {
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
	if ("manifest" in streamed) return streamed.manifest;
	return parseManifest(await reread(), what);
}
/**
* readManifest without holding the entries: with the same decisions, it hands each to `sink` (or
* to nothing: a reader that needs only the other members) and returns the rest. On the whole
* route the sink is restarted and given the entries parseManifest accepted.
*/
async function readManifestHead(chunks, what, reread, sink, batchBytes = BATCH_BYTES) {
	const streamed = await streamWith(chunks, what, batchBytes, sink ? (e) => sink.entry(e) : () => {});
	if ("head" in streamed) return streamed.head;
	sink?.restart();
	const { entries, ...head } = parseManifest(await reread(), what);
	if (sink) for (const e of entries) sink.entry(e);
	return head;
}
/** The digest member's stand-in (with the comma before it, as a writer leaves its place): the form of any digest. */
const DIGEST_STAND_IN = `,"digest":"sha256:${"0".repeat(64)}"`;
function why(err) {
	return err instanceof Off ? err.why : `unexpected: ${String(err)}`;
}
// .bundle-in/workers/manifest-check.js
/** Pieces sent and not yet taken in before the writer waits: what the check holds in flight is bounded. */
const MAX_AHEAD = 8;
/** A worker that takes in no piece for this long is given up on: the writer checks the finished text itself. */
const STALLED_MS$1 = 1e4;
/**
* A new manifest checked on a worker as it is sealed (the tap of PackedChunks): each sealed piece
* is sent as it is made, the digest's place as a stand-in, and the answer is the digest the
* checked text gives, or why the worker could not tell (the writer then checks the finished text
* on its own thread, as before). The writer waits only when MAX_AHEAD pieces are in flight, so
* the memory this takes does not grow with the manifest.
*/
var ManifestCheckThread = class {
	worker;
	taken = new Int32Array(new SharedArrayBuffer(4));
	sent = 0;
	given;
	answer;
	constructor(what, pieceBytes) {
		this.worker = startWorker("manifest-check-worker", import.meta.url);
		this.answer = new Promise((resolve) => {
			this.worker.once("message", (reply) => resolve(reply));
			this.worker.once("error", (err) => resolve({ fallback: `the check thread failed: ${err.message}` }));
			this.worker.once("exit", () => resolve({ fallback: "the check thread ended" }));
		});
		this.send({
			op: "start",
			what,
			taken: this.taken.buffer,
			pieceBytes
		});
	}
	/** A piece as sealed (one zstd frame). */
	sealed(z) {
		this.piece({
			op: "z",
			bytes: z
		});
	}
	/** The digest member's place: the stand-in goes in its stead. */
	hole() {
		this.piece({
			op: "raw",
			bytes: Buffer.from(DIGEST_STAND_IN, "latin1")
		});
	}
	/** The digest the checked text gives, or why there is none; the worker is ended either way. */
	async finish() {
		try {
			if (this.given !== void 0) return { fallback: this.given };
			this.send({ op: "end" });
			return await this.answer;
		} finally {
			this.close();
		}
	}
	close() {
		this.worker.terminate().catch(() => {});
	}
	piece(m) {
		if (this.given !== void 0) return;
		for (let t = Atomics.load(this.taken, 0); this.sent - t >= MAX_AHEAD; t = Atomics.load(this.taken, 0)) if (Atomics.wait(this.taken, 0, t, STALLED_MS$1) === "timed-out" && Atomics.load(this.taken, 0) === t) {
			this.given = "the check thread fell silent";
			this.close();
			return;
		}
		this.send(m);
		this.sent++;
	}
	send(m) {
		this.worker.postMessage(m);
	}
};
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
// .bundle-in/engine/packed-chunks.js
/** Raw bytes per compressed piece: one piece is all a reader holds decompressed at a time. */
const PIECE_BYTES$1 = 1048576;
/** zstd's level 1: a manifest's JSON shrinks ~5× at ~600 MB/s, and decompresses at ~1 GB/s. */
const PARAMS = { params: { [zlib.constants.ZSTD_c_compressionLevel]: 1 } };
/**
* Bytes made once and read a few times (a new manifest's text, until it is stored), held
* zstd-compressed in pieces of a MiB: a fifth of the memory, for ~2 ms of CPU per MiB. Reading
* makes no garbage either: each piece is decoded into one buffer that the next one reuses (a
* fresh buffer per piece waits for a GC that V8 puts off until ~64 MB of them pile up). A hole is
* a place kept for bytes known only later (the digest of what follows it), held as given.
*/
var PackedChunks = class {
	tap;
	parts = [];
	stage = Buffer.allocUnsafe(PIECE_BYTES$1);
	staged = 0;
	total = 0;
	decoder;
	/** `tap`: told of each piece as it is sealed, and of each hole as it is kept (a reader following the writer). */
	constructor(tap) {
		this.tap = tap;
	}
	/** Raw bytes per compressed piece (a tap's reader decodes into that much). */
	static pieceBytes = PIECE_BYTES$1;
	/** Bytes held (uncompressed). */
	get size() {
		return this.total;
	}
	/**
	* Appends a text's UTF-8 bytes, written straight into the piece being filled (no buffer made
	* per text); returns them, valid until the next append.
	*/
	text(text) {
		const n = Buffer.byteLength(text);
		if (n > PIECE_BYTES$1) {
			const bytes = Buffer.from(text);
			this.push(bytes);
			return bytes;
		}
		if (n > PIECE_BYTES$1 - this.staged) this.seal();
		const at = this.staged;
		this.stage.write(text, at, "utf8");
		this.staged += n;
		this.total += n;
		return this.stage.subarray(at, at + n);
	}
	/** Appends bytes (copied: the caller may reuse them). */
	push(bytes) {
		this.total += bytes.length;
		for (let at = 0; at < bytes.length;) {
			const n = Math.min(bytes.length - at, PIECE_BYTES$1 - this.staged);
			this.stage.set(bytes.subarray(at, at + n), this.staged);
			this.staged += n;
			at += n;
			if (this.staged === PIECE_BYTES$1) this.seal();
		}
	}
	/** Keeps a place here for bytes given later to `fill`; its number. */
	hole() {
		this.seal();
		this.tap?.hole();
		this.parts.push({ raw: Buffer.alloc(0) });
		return this.parts.length - 1;
	}
	fill(hole, bytes) {
		const part = this.parts[hole];
		if (!part || !("raw" in part) || part.raw.length !== 0) throw new Error(`no empty hole ${hole} in these chunks`);
		this.parts[hole] = { raw: Buffer.from(bytes) };
		this.total += bytes.length;
	}
	/**
	* The bytes in order, a piece at a time. A piece is valid only until the next is asked for
	* (its memory is reused): a reader that keeps bytes copies them.
	*/
	*[Symbol.iterator]() {
		this.seal();
		for (const part of this.parts) {
			if ("raw" in part) {
				if (part.raw.length > 0) yield part.raw;
				continue;
			}
			let piece;
			(this.decoder ??= new FrameDecoder("zstd", PIECE_BYTES$1)).decodeZstdSync(part.z, PIECE_BYTES$1, (raw) => {
				if (piece) throw new Error("a piece of packed chunks decoded in two parts");
				piece = raw;
			});
			if (piece) yield piece;
		}
	}
	/** Seals the piece being filled (a tap then has every piece but the holes' bytes). */
	sealStaged() {
		this.seal();
	}
	/** All the bytes in one new buffer. */
	bytes() {
		const all = Buffer.allocUnsafe(this.total);
		let at = 0;
		for (const piece of this) at += piece.copy(all, at);
		return all;
	}
	seal() {
		if (this.staged === 0) return;
		const z = zlib.zstdCompressSync(this.stage.subarray(0, this.staged), PARAMS);
		this.parts.push({ z });
		this.staged = 0;
		this.tap?.sealed(z);
	}
};
// .bundle-in/engine/backup/content-locations.js
/** The mark, in a row's pack, of a row kept whole in `odd` (no pack index is that large). */
const ODD = 4294967295;
/** Whether `v` is kept exactly by a Uint32Array (and is not the mark). */
const narrow = (v) => Number.isInteger(v) && v >= 0 && v < ODD && !Object.is(v, -0);
/**
* The seven numbers of where each content of a parent is (pack, offset, length, raw, skip, span,
* size), by row: offset, raw and size as doubles, pack, length, skip and span — a pack's index,
* and lengths within one frame's reach — as 32-bit integers, 40 bytes a row instead of 56 (a
* million contents: 42 MB instead of 59, held while an incremental hashes). A row with any of
* the four that is not such an integer is kept whole beside, so every number comes back exactly.
*/
var ContentLocations = class {
	wide;
	narrow;
	odd = /* @__PURE__ */ new Map();
	constructor(rows) {
		this.wide = new Float64Array(3 * Math.max(1, rows));
		this.narrow = new Uint32Array(4 * Math.max(1, rows));
	}
	set(row, pack, offset, length, raw, skip, span, size) {
		if (4 * row + 4 > this.narrow.length) this.grow();
		const a = 4 * row;
		const b = 3 * row;
		if (narrow(pack) && narrow(length) && narrow(skip) && narrow(span)) {
			this.narrow[a] = pack;
			this.narrow[a + 1] = length;
			this.narrow[a + 2] = skip;
			this.narrow[a + 3] = span;
			this.wide[b] = offset;
			this.wide[b + 1] = raw;
			this.wide[b + 2] = size;
		} else {
			this.narrow[a] = ODD;
			this.odd.set(row, Float64Array.of(pack, offset, length, raw, skip, span, size));
		}
	}
	get(row) {
		const n = this.narrow;
		const a = 4 * row;
		if (n[a] === ODD) {
			const o = this.odd.get(row);
			return {
				loc: {
					length: o[2],
					offset: o[1],
					pack: o[0],
					raw: o[3],
					skip: o[4],
					span: o[5]
				},
				size: o[6]
			};
		}
		const w = this.wide;
		const b = 3 * row;
		return {
			loc: {
				length: n[a + 1],
				offset: w[b],
				pack: n[a],
				raw: w[b + 1],
				skip: n[a + 2],
				span: n[a + 3]
			},
			size: w[b + 2]
		};
	}
	pack(row) {
		const p = this.narrow[4 * row];
		return p === ODD ? this.odd.get(row)[0] : p;
	}
	/**
	* Keeps the rows `remap` gives a new number (>= 0; never above the old one, in order) and lets
	* go of the rest; with `shrink`, the columns are cut to the `kept` rows.
	*/
	keep(remap, kept, shrink) {
		for (let r = 0; r < remap.length; r++) {
			const k = remap[r];
			if (k < 0 || k === r) continue;
			this.narrow.copyWithin(4 * k, 4 * r, 4 * r + 4);
			this.wide.copyWithin(3 * k, 3 * r, 3 * r + 3);
		}
		const odd = /* @__PURE__ */ new Map();
		for (const [r, v] of this.odd) if (remap[r] >= 0) odd.set(remap[r], v);
		this.odd = odd;
		if (shrink) {
			this.narrow = this.narrow.slice(0, 4 * kept);
			this.wide = this.wide.slice(0, 3 * kept);
		}
	}
	grow() {
		const narrowed = new Uint32Array(this.narrow.length * 2);
		narrowed.set(this.narrow);
		this.narrow = narrowed;
		const widened = new Float64Array(this.wide.length * 2);
		widened.set(this.wide);
		this.wide = widened;
	}
};
// .bundle-in/engine/backup/sha-rows.js
/**
* A set of sha256 values, each with the row it was added as (0, 1, 2…): 32 bytes and a few slots
* of an open-addressed table per value, where a Map keyed by the hex text holds a 64-character
* string and an entry each. The slot is found from all 32 bytes mixed with a seed chosen per
* table; values that still crowd one place (a forged manifest's hashes, written to collide) make
* a probe longer than `maxProbe`, and the table then becomes a Map: never slow, only larger.
* Each row's value stays in `shas` either way (`shaOf`).
*/
var ShaRows = class {
	maxProbe;
	byHex;
	shas;
	/** Row + 1 per slot, 0 for an empty one; at most half full. */
	slots;
	rows = 0;
	seed = randomBytes(4).readUInt32LE(0);
	key = Buffer.alloc(32);
	/** `expected`: how many values will be added, when known (room is made once). */
	constructor(maxProbe = 64, expected = 1024) {
		this.maxProbe = maxProbe;
		const rows = Math.max(1024, expected);
		this.shas = Buffer.alloc(32 * rows);
		let slots = 2048;
		while (slots < 2 * rows) slots *= 2;
		this.slots = new Int32Array(slots);
	}
	get size() {
		return this.rows;
	}
	/** The row of `sha256` (64 lowercase hex digits, as a manifest holds them), if it was added. */
	get(sha256) {
		if (this.byHex) return this.byHex.get(sha256);
		if (!this.load(sha256)) return void 0;
		const slot = this.find(this.key, 0);
		if (slot < 0) return this.get(sha256);
		const row = this.slots[slot];
		return row === 0 ? void 0 : row - 1;
	}
	/** `get` for a sha256 given as its 32 bytes, `bytes[at, at + 32)`. */
	getBytes(bytes, at) {
		const key = this.key;
		for (let i = 0; i < 32; i++) key[i] = bytes[at + i];
		if (this.byHex) return this.byHex.get(key.toString("hex"));
		const slot = this.find(key, 0);
		if (slot < 0) return this.getBytes(bytes, at);
		const row = this.slots[slot];
		return row === 0 ? void 0 : row - 1;
	}
	/** Adds `sha256` unless it is there: its row either way, and whether it was new. */
	add(sha256) {
		if (!this.load(sha256)) throw new Error(`not a sha256: ${JSON.stringify(sha256)}`);
		return this.addKey(sha256);
	}
	/** `add` for a sha256 given as its 32 bytes, `bytes[at, at + 32)`. */
	addBytes(bytes, at) {
		const key = this.key;
		for (let i = 0; i < 32; i++) key[i] = bytes[at + i];
		return this.addKey();
	}
	/** Adds the value in `key` (`hex`: as text, when the caller has it). */
	addKey(hex) {
		if (this.byHex) {
			const sha256 = hex ?? this.key.toString("hex");
			const found = this.byHex.get(sha256);
			if (found !== void 0) return {
				row: found,
				added: false
			};
			this.byHex.set(sha256, this.rows);
			return {
				row: this.keep(),
				added: true
			};
		}
		const slot = this.find(this.key, 0);
		if (slot < 0) return this.addKey(hex);
		const found = this.slots[slot];
		if (found !== 0) return {
			row: found - 1,
			added: false
		};
		const row = this.keep();
		this.slots[slot] = row + 1;
		if (2 * this.rows > this.slots.length) this.grow();
		return {
			row,
			added: true
		};
	}
	/** The value of row `row`, as hex text. */
	shaOf(row) {
		if (row >>> 0 !== row || row >= this.rows) throw new RangeError(`no row ${row} of ${this.rows}`);
		return this.shas.toString("hex", 32 * row, 32 * row + 32);
	}
	/**
	* The values of the rows `remap` keeps (row r becomes `remap[r]` when >= 0; kept rows keep their
	* order), 32 bytes each, moved down in place: the table is of no more use after. When at most
	* half are kept, they are copied out so the rest can be let go of.
	*/
	keepRows(remap, kept) {
		const shas = this.shas;
		for (let r = 0; r < this.rows; r++) {
			const k = remap[r];
			if (k >= 0 && k !== r) shas.copyWithin(32 * k, 32 * r, 32 * r + 32);
		}
		this.rows = 0;
		this.byHex = void 0;
		this.slots = /* @__PURE__ */ new Int32Array(0);
		this.shas = Buffer.alloc(0);
		return 2 * kept <= remap.length ? Buffer.from(shas.subarray(0, 32 * kept)) : shas.subarray(0, 32 * kept);
	}
	/** Keeps the value in `key` as the next row. */
	keep() {
		const row = this.rows++;
		if (32 * this.rows > this.shas.length) {
			const grown = Buffer.alloc(this.shas.length * 2);
			this.shas.copy(grown);
			this.shas = grown;
		}
		const { key, shas } = this;
		for (let i = 0, at = 32 * row; i < 32; i++) shas[at + i] = key[i];
		return row;
	}
	/** Puts the bytes of a hex sha256 in `key`; false if it is not 64 hex digits. */
	load(sha256) {
		return sha256.length === 64 && this.key.write(sha256, 0, 32, "hex") === 32;
	}
	/**
	* The slot holding the value `bytes[at, at + 32)`, or the empty slot where it would go; -1 when
	* that took more than `maxProbe` steps, after which the values are kept in a Map instead.
	*/
	find(bytes, at) {
		const mask = this.slots.length - 1;
		let slot = this.hash(bytes, at) & mask;
		for (let probe = 0;; probe++) {
			const row = this.slots[slot];
			if (row === 0 || same$1(bytes, at, this.shas, 32 * (row - 1))) return slot;
			if (probe === this.maxProbe) {
				this.toMap();
				return -1;
			}
			slot = slot + 1 & mask;
		}
	}
	/** FNV-1a over the 32 bytes from the table's seed, then mixed (murmur3's finalizer) so every bit reaches the low ones. */
	hash(bytes, at) {
		let h = (2166136261 ^ this.seed) >>> 0;
		for (let i = at; i < at + 32; i++) h = Math.imul(h ^ bytes[i], 16777619);
		h ^= h >>> 16;
		h = Math.imul(h, 2246822507);
		h ^= h >>> 13;
		h = Math.imul(h, 3266489909);
		h ^= h >>> 16;
		return h >>> 0;
	}
	grow() {
		this.slots = new Int32Array(this.slots.length * 2);
		for (let row = 0; row < this.rows && !this.byHex; row++) {
			const slot = this.find(this.shas, 32 * row);
			if (slot >= 0) this.slots[slot] = row + 1;
		}
	}
	toMap() {
		if (this.byHex) return;
		const byHex = /* @__PURE__ */ new Map();
		for (let row = 0; row < this.rows; row++) byHex.set(this.shas.toString("hex", 32 * row, 32 * row + 32), row);
		this.byHex = byHex;
		this.slots = /* @__PURE__ */ new Int32Array(0);
	}
};
/** Whether the 32 bytes at `a[at]` and `b[bt]` are equal (a loop: cheaper than a native compare for so few). */
function same$1(a, at, b, bt) {
	for (let i = 0; i < 32; i++) if (a[at + i] !== b[bt + i]) return false;
	return true;
}
// .bundle-in/engine/tree-digest.js
/** Bytes gathered before they are hashed: one update per entry would cost more than the entries. */
const BATCH = 65536;
/**
* A digest of a tree exactly as `sameTree` compares it, built entry by entry in order: two trees
* get the same digest when (and, up to sha256, only when) `sameTree` finds them equal, so a record
* can stand for a parent's entries. Every string is written as its length and its UTF-16 code
* units (lone surrogates included, unlike UTF-8), every mode as a double (modes are whole numbers),
* an absent mode or hash as a mark of its own: no two different entries or sequences of entries
* give the same bytes.
*/
var TreeDigest = class {
	hash = createHash("sha256");
	buf = Buffer.allocUnsafe(BATCH);
	at = 0;
	file(path, sha256, exec, mode) {
		this.begin(1, path);
		this.text(sha256 ?? "");
		this.byte(sha256 === void 0 ? 0 : 1);
		this.byte(exec ? 1 : 0);
		this.mode(mode);
	}
	dir(path, mode) {
		this.begin(2, path);
		this.mode(mode);
	}
	symlink(path, target) {
		this.begin(3, path);
		this.text(target);
	}
	/** A manifest entry, as the parent's entries are compared. */
	entry(e) {
		if (e.type === "file") this.file(e.path, e.sha256, e.exec, e.mode);
		else if (e.type === "dir") this.dir(e.path, e.mode);
		else this.symlink(e.path, e.target);
	}
	digest() {
		this.hash.update(this.buf.subarray(0, this.at));
		this.at = 0;
		return this.hash.digest("hex");
	}
	begin(type, path) {
		this.byte(type);
		this.text(path);
	}
	mode(mode) {
		this.byte(mode === void 0 ? 0 : 1);
		this.room(8);
		this.buf.writeDoubleLE((mode ?? 0) + 0, this.at);
		this.at += 8;
	}
	byte(b) {
		this.room(1);
		this.buf[this.at++] = b;
	}
	text(s) {
		const n = s.length;
		this.room(4);
		this.buf.writeUInt32LE(n, this.at);
		this.at += 4;
		const { buf } = this;
		for (let i = 0; i < n; i++) {
			if (this.at + 2 > BATCH) this.flush();
			const c = s.charCodeAt(i);
			buf[this.at++] = c & 255;
			buf[this.at++] = c >>> 8;
		}
	}
	room(n) {
		if (this.at + n > BATCH) this.flush();
	}
	flush() {
		this.hash.update(this.buf.subarray(0, this.at));
		this.at = 0;
	}
};
// .bundle-in/engine/backup/parent-contents.js
/**
* What an incremental needs of its parent's entries, taken one at a time as the manifest is read
* (an EntrySink): which content the chain holds and where, the digest of its tree (equal to a
* scan's exactly when `sameTree` would find them equal, see tree-digest.ts), and, to trust mtimes,
* its files by path. No entry is kept: a content is a few numbers and its member's name.
*/
var ParentContents = class {
	keepPrevious;
	scanned;
	tree = new TreeDigest();
	treeDigest;
	/** sha256 -> its row in the columns below; undefined once only the planned contents are kept (`keepOnly`). */
	bySha;
	/** Each kept content's sha256 (32 bytes a row), after `keepOnly`. */
	keptShas;
	/** Where each content is, by row. */
	locs;
	/**
	* Per content, where its member's name is: the row of the same path in the new scan (>= 0),
	* which is nearly always so (a file unchanged since the parent), or `-(k + 1)` for name `k` of
	* `others`. A million names as UTF-8 took ~24 MB; as rows, 4 MB.
	*/
	memberRows;
	/** Member names no scanned path has, as UTF-8 (as strings, a million held ~20 MB more). */
	others = new Utf8List();
	/** The scan row the next name is looked for from, and the last name looked for (names come in path order, mostly). */
	next = 0;
	lastName;
	previousFiles;
	released = false;
	/**
	* `treeDigest`: the tree's digest when it is known already, and `rows`, how many contents
	* will be added (an index of the contents, parent-contents-file.ts).
	*/
	constructor(keepPrevious, treeDigest, rows = 1024, scanned) {
		this.keepPrevious = keepPrevious;
		this.scanned = scanned;
		if (keepPrevious) this.previousFiles = /* @__PURE__ */ new Map();
		this.treeDigest = treeDigest;
		this.bySha = new ShaRows(void 0, rows);
		this.locs = new ContentLocations(rows);
		this.memberRows = new Int32Array(Math.max(1, rows));
	}
	entry(e) {
		this.tree.entry(e);
		if (e.type !== "file") return;
		this.previousFiles?.set(e.path, {
			size: e.size,
			mtimeMs: e.mtimeMs,
			exec: e.exec,
			sha256: e.sha256
		});
		const { row, added } = this.lookup().add(e.sha256);
		if (!added) return;
		const { loc } = e;
		this.room(row);
		this.locs.set(row, loc.pack, loc.offset, loc.length, loc.raw, loc.skip, loc.span, e.size);
		this.memberRows[row] = this.placeMember(loc.member ?? e.path);
	}
	/**
	* A file's content as an index of contents holds it (contents-index.ts): its sha256 as bytes
	* (`sha[shaAt, shaAt + 32)`), the 7 numbers `entry` keeps as little-endian doubles from byte
	* `numsAt` of `nums`; `member` is asked for only when the content is new.
	*/
	addContentBytes(sha, shaAt, nums, numsAt, member) {
		const { row, added } = this.lookup().addBytes(sha, shaAt);
		if (!added) return;
		this.room(row);
		const n = (k) => nums.getFloat64(numsAt + 8 * k, true);
		this.locs.set(row, n(0), n(1), n(2), n(3), n(4), n(5), n(6));
		this.memberRows[row] = this.placeMember(member());
	}
	/**
	* Where a member's name is kept (see `memberRows`): the scan is walked once, forward, as the
	* names come in path order; a name out of that order, or that no scanned path equals, is kept
	* as it is. Only an exact match of the strings makes a row.
	*/
	placeMember(name) {
		const s = this.scanned;
		if (s !== void 0 && (this.lastName === void 0 || comparePaths(this.lastName, name) <= 0)) {
			this.lastName = name;
			while (this.next < s.length) {
				const at = s.path(this.next);
				const order = comparePaths(at, name);
				if (order > 0) break;
				if (order === 0 && at === name) return this.next;
				this.next++;
			}
		}
		this.others.push(name);
		return -this.others.length;
	}
	/** Room for row `row`'s member (its location makes its own). */
	room(row) {
		if (row >= this.memberRows.length) {
			const rows = new Int32Array(this.memberRows.length * 2);
			rows.set(this.memberRows);
			this.memberRows = rows;
		}
	}
	restart() {
		this.tree = new TreeDigest();
		this.treeDigest = void 0;
		this.bySha = new ShaRows();
		this.keptShas = void 0;
		this.locs = new ContentLocations(1024);
		this.memberRows = /* @__PURE__ */ new Int32Array(1024);
		this.others = new Utf8List();
		this.next = 0;
		this.lastName = void 0;
		if (this.keepPrevious) this.previousFiles = /* @__PURE__ */ new Map();
	}
	/** Lets go of the columns (the manifest is made): any later question throws, never answers "not in the chain". */
	release() {
		this.restart();
		this.released = true;
	}
	/**
	* Once planned, keeps only the contents `sources` refers to (its rows >= 0, renumbered in place,
	* in the same order) and lets go of the lookup by sha256: `rowOf` then throws. Where a tree
	* dropped most of its parent's content (an index rewritten), that is most of these columns,
	* ~96 MB at a million files; where it kept most, only the lookup's table goes.
	*/
	keepOnly(sources) {
		const bySha = this.lookup();
		const rows = bySha.size;
		const remap = new Int32Array(rows).fill(-1);
		for (const s of sources) if (s >= 0) remap[s] = 0;
		let kept = 0;
		for (let r = 0; r < rows; r++) if (remap[r] === 0) remap[r] = kept++;
		for (let r = 0; r < rows; r++) {
			const k = remap[r];
			if (k < 0 || k === r) continue;
			this.memberRows[k] = this.memberRows[r];
		}
		for (let i = 0; i < sources.length; i++) if (sources[i] >= 0) sources[i] = remap[sources[i]];
		this.keptShas = bySha.keepRows(remap, kept);
		this.bySha = void 0;
		this.locs.keep(remap, kept, 2 * kept <= rows);
		if (2 * kept <= rows) this.memberRows = this.memberRows.slice(0, kept);
		this.previousFiles = void 0;
	}
	/** Where the chain holds the content of this sha256, if it does. */
	content(sha256) {
		const row = this.rowOf(sha256);
		return row === void 0 ? void 0 : this.contentAt(row);
	}
	/** The sha256 of the content of row `row`. */
	shaAt(row) {
		if (this.released) throw new Error("a content of the parent is asked for after the parent's contents were released");
		if (this.keptShas) return this.keptShas.toString("hex", 32 * row, 32 * row + 32);
		return this.lookup().shaOf(row);
	}
	/** Where the chain holds the content of row `row`. */
	contentAt(row) {
		return {
			...this.locationAt(row),
			member: this.memberAt(row)
		};
	}
	/** contentAt without the member's name (made only if asked for: `memberAt`, `memberIsScanned`). */
	locationAt(row) {
		if (this.released) throw new Error("a content of the parent is asked for after the parent's contents were released");
		return this.locs.get(row);
	}
	/** The tar member holding the content of row `row`. */
	memberAt(row) {
		if (this.released) throw new Error("a content of the parent is asked for after the parent's contents were released");
		const r = this.memberRows[row];
		return r >= 0 ? this.scanned.path(r) : this.others.get(-r - 1);
	}
	/** Whether the member of row `row` is the path of the scan's entry `i` (no name made to tell). */
	memberIsScanned(row, i) {
		if (this.released) throw new Error("a content of the parent is asked for after the parent's contents were released");
		return this.memberRows[row] === i;
	}
	/** The parent's pack holding the content of row `row`. */
	packAt(row) {
		if (this.released) throw new Error("a content of the parent is asked for after the parent's contents were released");
		return this.locs.pack(row);
	}
	/** The parent's file at this path; only when made to keep them (trusting mtimes). */
	previous(path) {
		if (this.released) throw new Error("a file of the parent is asked for after its contents were released");
		return this.previousFiles?.get(path);
	}
	/** The digest of the parent's tree (tree-digest.ts), once every entry is taken. */
	treeDigestOf() {
		if (this.released) throw new Error("the parent's tree digest is asked for after its contents were released");
		return this.treeDigest ??= this.tree.digest();
	}
	/** The row of the content of this sha256, if the chain holds it (see `contentAt`, `shaAt`). */
	rowOf(sha256) {
		if (this.released) throw new Error("a content of the parent is asked for after the parent's contents were released");
		return this.lookup().get(sha256);
	}
	/** `rowOf` for a sha256 given as its 32 bytes. */
	rowOfBytes(sha256) {
		if (this.released) throw new Error("a content of the parent is asked for after the parent's contents were released");
		return this.lookup().getBytes(sha256, 0);
	}
	/** The lookup by sha256, there until `keepOnly`. */
	lookup() {
		if (this.bySha === void 0) throw new Error("a content of the parent is looked up by sha256 after only the planned ones were kept");
		return this.bySha;
	}
};
// .bundle-in/engine/contents-index.js
const MAGIC = Buffer.from("IVCONTS1");
const HEX64$1 = /^[0-9a-f]{64}$/;
/** The index of `cacheFile`'s tree (`<hash of the root>.bin`): beside it, named alike. */
function contentsFileFor(cacheFile) {
	return cacheFile.replace(/\.bin$/, ".contents.bin");
}
/**
* Writes the index as the new manifest's entries are made (`entry`), to a temporary file in
* pieces of a MiB (nothing grows with the file count), and puts it in place with `commit` once
* the snapshot is published. Never throws: a failure leaves no index, and the next incremental
* reads the manifest.
*/
var ContentsWriter = class ContentsWriter {
	file;
	logger;
	tmp;
	fd;
	buf = Buffer.allocUnsafe(1048576);
	at = 0;
	count = 0;
	hash = createHash("sha256");
	failed = false;
	/** Removes the temporary file if the process is stopped before it is put in place or left. */
	forgetStop = () => {};
	constructor(file, logger) {
		this.file = file;
		this.logger = logger;
		this.tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
	}
	static async open(file, logger) {
		const w = new ContentsWriter(file, logger);
		try {
			const dir = path.dirname(file);
			await makePrivateDir(dir);
			const stale = `${path.basename(file)}.`;
			for (const name of await fs.readdir(dir)) if (name.startsWith(stale) && name.endsWith(".tmp")) await fs.rm(path.join(dir, name), { force: true });
			w.fd = fs$1.openSync(w.tmp, "wx", 384);
			w.forgetStop = onStop(() => w.abort());
		} catch (err) {
			w.fail(err);
		}
		return w;
	}
	entry(e) {
		if (this.failed || e.type !== "file") return;
		try {
			const member = e.loc.member ?? e.path;
			if (this.at + 32 + 56 + 4 + 3 * member.length > this.buf.length) this.flush();
			let at = this.at;
			const b = this.buf;
			b.write(e.sha256, at, 32, "hex");
			at += 32;
			const { loc } = e;
			for (const v of [
				loc.pack,
				loc.offset,
				loc.length,
				loc.raw,
				loc.skip,
				loc.span,
				e.size
			]) at = b.writeDoubleLE(v, at);
			const n = b.write(member, at + 4, "utf8");
			b.writeUInt32LE(n, at);
			this.at = at + 4 + n;
			this.count++;
		} catch (err) {
			this.fail(err);
		}
	}
	/** Puts the index in place, bound to the published snapshot and the digest of its tree (tree-digest.ts). */
	async commit(binding, tree) {
		if (this.failed) return this.abort();
		try {
			this.flush();
			const trailer = Buffer.from(JSON.stringify({
				version: 1,
				...binding,
				tree,
				count: this.count,
				records: this.hash.digest("hex")
			}));
			const tail = Buffer.alloc(4);
			tail.writeUInt32LE(trailer.length);
			fs$1.writeSync(this.fd, Buffer.concat([
				trailer,
				tail,
				MAGIC
			]));
			fs$1.closeSync(this.fd);
			this.fd = void 0;
			await fs.rename(this.tmp, this.file);
			this.forgetStop();
		} catch (err) {
			this.fail(err);
			await this.abort();
		}
	}
	/** Leaves no index (the snapshot was not published, or the index could not be written). */
	async abort() {
		this.failed = true;
		this.forgetStop();
		if (this.fd !== void 0) fs$1.closeSync(this.fd);
		this.fd = void 0;
		await fs.rm(this.tmp, { force: true }).catch(() => {});
	}
	flush() {
		if (this.at === 0) return;
		const piece = this.buf.subarray(0, this.at);
		this.hash.update(piece);
		fs$1.writeSync(this.fd, piece);
		this.at = 0;
	}
	fail(err) {
		if (!this.failed) this.logger.debug(`could not save ${this.file} (${err.message}); the next incremental reads the manifest`);
		this.failed = true;
	}
};
/** More than any trailer. */
const MAX_TRAILER = 65536;
/** The trailer at the end of the index, checked for its fields' types. */
async function readTrailer(fh, size) {
	const tailLength = Math.min(size, MAX_TRAILER);
	const tail = Buffer.alloc(tailLength);
	const { bytesRead } = await fh.read(tail, 0, tailLength, size - tailLength);
	const end = bytesRead - MAGIC.length;
	if (bytesRead !== tailLength || end < 4 || !tail.subarray(end).equals(MAGIC)) throw new Error("not an index of contents");
	const length = tail.readUInt32LE(end - 4);
	const start = end - 4 - length;
	if (start < 0) throw new Error("truncated");
	const t = JSON.parse(tail.toString("utf8", start, end - 4));
	const m = t.manifest;
	const hex = (v) => typeof v === "string" && HEX64$1.test(v);
	if (t.version !== 1 || typeof t.snapshot !== "string" || !hex(t.tree) || !hex(t.records) || !Number.isSafeInteger(t.count)) throw new Error("not an index of contents");
	if (typeof m !== "object" || m === null || !Number.isSafeInteger(m.size) || !hex(m.sha256)) throw new Error("not an index of contents");
	const recordsEnd = size - tailLength + start;
	if (t.count < 0 || t.count * 92 > recordsEnd) throw new Error("not an index of contents");
	return {
		snapshot: t.snapshot,
		manifest: {
			size: m.size,
			sha256: m.sha256
		},
		tree: t.tree,
		count: t.count,
		records: t.records,
		recordsEnd
	};
}
// .bundle-in/engine/backup/parent-contents-file.js
/**
* The contents kept at `file`, if it is an intact index of the snapshot and stored manifest
* `expected` names; otherwise undefined (and the manifest is read). Read a piece at a time, as
* a manifest is: no buffer of the whole index.
*/
async function readContentsFile(file, expected, logger, scanned) {
	let fh;
	try {
		fh = await fs.open(file, "r");
		const { size } = await fh.stat();
		if (size > 2147483647) throw new Error(`${size} bytes, more than an index can hold`);
		const t = await readTrailer(fh, size);
		if (t.snapshot !== expected.snapshot || t.manifest.size !== expected.manifest.size || t.manifest.sha256 !== expected.manifest.sha256) {
			logger.debug(`${file} is the index of another snapshot: the newest manifest will be read`);
			return;
		}
		const contents = new ParentContents(false, t.tree, t.count, scanned);
		const hash = createHash("sha256");
		const buf = Buffer.allocUnsafe(PIECE_BYTES);
		const view = new DataView(buf.buffer, buf.byteOffset, buf.length);
		let pos = 0;
		let have = 0;
		let count = 0;
		while (pos + have < t.recordsEnd) {
			const want = Math.min(buf.length - have, t.recordsEnd - pos - have);
			const { bytesRead } = await fh.read(buf, have, want, pos + have);
			if (bytesRead === 0) throw new Error("changed while read");
			hash.update(buf.subarray(have, have + bytesRead));
			have += bytesRead;
			let at = 0;
			for (;;) {
				if (at + 92 > have) break;
				const n = view.getUint32(at + 92 - 4, true);
				if (92 + n > buf.length) throw new Error("a record longer than any name");
				if (at + 92 + n > have) break;
				const from = at + 92;
				contents.addContentBytes(buf, at, view, at + 32, () => buf.toString("utf8", from, from + n));
				at = from + n;
				count++;
			}
			buf.copyWithin(0, at, have);
			pos += at;
			have -= at;
		}
		if (have !== 0 || count !== t.count) throw new Error("its records are not as many as it says");
		if (hash.digest("hex") !== t.records) throw new Error("its records do not match their digest");
		return contents;
	} catch (err) {
		if (err.code !== "ENOENT") logger.debug(`ignoring ${file} (${err.message}): the newest manifest will be read`);
		return;
	} finally {
		await fh?.close();
	}
}
/** The piece an index is read in; more than any one record. */
const PIECE_BYTES = 1048576;
// package.json
var version = "0.1.0";
// .bundle-in/shared/version.js
const TOOL_NAME = "index-vault";
const TOOL_VERSION = version;
const TOOL = `${TOOL_NAME} ${TOOL_VERSION}`;
// .bundle-in/engine/record-options.js
/**
* A digest of every option that decides what the scan holds and how it is checked, and of this
* version (whose rules the recorded tree passed): another value, and a record of the last
* snapshot (last-snapshot.ts) is not used.
*/
function recordOptionsOf(o) {
	const decisive = [
		TOOL,
		o.formatChoice,
		o.formats.map((f) => f.name),
		o.lanceVersions ?? "tagged",
		o.portability ?? "error",
		o.followLinks === true
	];
	return createHash("sha256").update(JSON.stringify(decisive)).digest("hex");
}
// .bundle-in/engine/backup/frame-location.js
/** Where each frame of a pack starts compressed, given their sizes in order; one more than frames: the last is the end. */
function frameStartsOf(frameSizes) {
	const starts = [0];
	for (const s of frameSizes) starts.push(starts[starts.length - 1] + s);
	return starts;
}
/**
* Where a member whose record spans raw bytes [raw, raw + span) of a pack's tar stream is, given
* where each frame of the pack starts compressed (`frameStarts`, one more than frames: the end).
* Every frame but the last holds exactly FRAME_BYTES raw, so the frames are found by division.
*/
function locationOf(raw, span, frameStarts) {
	const first = Math.floor(raw / FRAME_BYTES);
	return {
		length: frameStarts[Math.floor((raw + span - 1) / FRAME_BYTES) + 1] - frameStarts[first],
		offset: frameStarts[first],
		raw,
		skip: raw - first * FRAME_BYTES,
		span
	};
}
// .bundle-in/engine/backup/written-files.js
/**
* The files a backup wrote into its new packs, by their index in the scan's entries, until the
* manifest is made: per file its pack, where its record starts in the pack's tar stream and how
* long it is, its hash (32 bytes), and whether its read proved the scanned stamp (the hash cache
* may take the hash). The compressed range is derived from the pack's frame sizes, and size,
* mtime and mode are the scan's unless the writer saw others: ~57 bytes a file, not ~110.
* Room is made for the files to write (`capacity`), not for every scanned one.
*/
var WrittenFiles = class {
	scanned;
	/** Each entry's slot in the columns + 1; 0 for a file not written. */
	slots;
	packs;
	raws;
	spans;
	sha256;
	/** Per slot, 1: written; 2: written, and its read proved the scanned stamp. */
	state;
	seen = /* @__PURE__ */ new Map();
	/** Per new pack, where each frame starts in it (compressed), and where the last ends. */
	frameStarts = [];
	count = 0;
	constructor(scanned, capacity) {
		this.scanned = scanned;
		this.slots = new Int32Array(scanned.length);
		this.packs = new Int32Array(capacity);
		this.raws = new Float64Array(capacity);
		this.spans = new Float64Array(capacity);
		this.sha256 = Buffer.alloc(capacity * 32);
		this.state = new Uint8Array(capacity);
	}
	/** Notes how the frames of new pack `pack` came out: their compressed sizes, in order. */
	addPack(pack, frameSizes) {
		this.frameStarts[pack] = frameStartsOf(frameSizes);
	}
	/** Notes the file at scan index `i` as the writer of new pack `pack` wrote it. */
	add(i, pack, f, proven) {
		if (this.slots[i] === 0) {
			if (this.count === this.state.length) throw new Error("more files written than there was room made for");
			this.slots[i] = ++this.count;
		}
		const slot = this.slots[i] - 1;
		this.packs[slot] = pack;
		this.raws[slot] = f.loc.raw;
		this.spans[slot] = f.loc.span;
		this.sha256.write(f.sha256, slot * 32, 32, "hex");
		this.state[slot] = proven ? 2 : 1;
		const s = this.scanned;
		if (f.size !== s.size(i) || f.mtimeMs !== s.mtimeMs(i) || f.mode !== s.mode(i) || f.exec !== s.exec(i)) this.seen.set(slot, {
			size: f.size,
			mtimeMs: f.mtimeMs,
			mode: f.mode,
			exec: f.exec
		});
		else this.seen.delete(slot);
	}
	get size() {
		return this.count;
	}
	has(i) {
		return this.slots[i] !== 0;
	}
	/** Whether the read of this file proved its scanned stamp. */
	proven(i) {
		return this.has(i) && this.state[this.slots[i] - 1] === 2;
	}
	/** The hash of a written file. */
	sha256Of(i) {
		const slot = this.slots[i] - 1;
		return this.sha256.toString("hex", slot * 32, slot * 32 + 32);
	}
	/** Whether the writer saw the written file at scan index `i` with the scan's mode and exec (a chmod between the two would not). */
	modeAsScanned(i) {
		const seen = this.seen.get(this.slots[i] - 1);
		return seen === void 0 || seen.mode === this.scanned.mode(i) && seen.exec === this.scanned.exec(i);
	}
	/** The hash of a written file as its 32 bytes (a view, valid as long as this table). */
	sha256BytesOf(i) {
		const slot = this.slots[i] - 1;
		return this.sha256.subarray(slot * 32, slot * 32 + 32);
	}
	/** The entry of the written file at scan index `i` as its writer saw it; `loc.pack` is among the new packs. */
	entry(i) {
		const slot = this.slots[i] - 1;
		const pack = this.packs[slot];
		const starts = this.frameStarts[pack];
		if (!starts) throw new Error(`the frames of new pack ${pack} were not noted`);
		const { length, offset, raw, skip, span } = locationOf(this.raws[slot], this.spans[slot], starts);
		const loc = {
			length,
			offset,
			pack,
			raw,
			skip,
			span
		};
		const s = this.scanned;
		const seen = this.seen.get(slot) ?? {
			size: s.size(i),
			mtimeMs: s.mtimeMs(i),
			mode: s.mode(i),
			exec: s.exec(i)
		};
		return {
			exec: seen.exec,
			loc,
			...seen.mode === void 0 ? {} : { mode: seen.mode },
			mtimeMs: seen.mtimeMs,
			path: s.path(i),
			sha256: this.sha256Of(i),
			size: seen.size,
			type: "file"
		};
	}
};
// .bundle-in/engine/backup/file-hashes.js
/**
* The sha256 of each scanned file an incremental knows, by the file's row in the scan's stamp
* table (one row per file): 32 bytes a file, not a 64-character string and a map entry. The room
* is made at the first hash set: a full backup sets none but its pinned files' (33 MB fewer at
* a million files).
*/
var FileHashes = class {
	files;
	bytes;
	known;
	released = false;
	constructor(files) {
		this.files = files;
	}
	/** Sets the hash of row `row` from its hex text (64 lowercase hex digits, as every hash here is). */
	set(row, sha256) {
		if (this.released) throw new Error("a hash is set in released hashes");
		this.bytes ??= Buffer.alloc(this.files * 32);
		this.known ??= new Uint8Array(this.files);
		if (this.bytes.write(sha256, row * 32, 32, "hex") !== 32) throw new Error(`not a sha256: ${JSON.stringify(sha256)}`);
		this.known[row] = 1;
	}
	/** The hash of row `row` as hex text, if it is known. */
	get(row) {
		if (this.released) throw new Error("a hash is asked for after the hashes were released");
		return this.known?.[row] === 1 ? this.bytes.toString("hex", row * 32, row * 32 + 32) : void 0;
	}
	/** The hash of row `row` as its 32 bytes (a view), if it is known. */
	bytesOf(row) {
		if (this.released) throw new Error("a hash is asked for after the hashes were released");
		return this.known?.[row] === 1 ? this.bytes.subarray(row * 32, row * 32 + 32) : void 0;
	}
	/** Lets go of the hashes (the manifest is made): any later use throws. */
	release() {
		this.released = true;
		this.bytes = void 0;
		this.known = void 0;
	}
};
// .bundle-in/workers/read-hasher.js
/**
* Reads and hashes the content of large files on a worker thread, into frame buffers backed by
* shared memory: the main thread only lays out the tar stream, and the bytes are read once,
* hashed where they land, and compressed from the same place — never copied between threads.
* sha256 of a large file is the one step of a backup that cannot be split, so it gets its own
* core-time instead of queueing behind everything else on the main thread. The thread starts at
* the first read (or hash) it is asked for: a backup of small files only, which the main thread
* reads itself, never starts it (a thread and its start-up saved).
*/
var ReadHasher = class {
	worker;
	nextId = 0;
	nextHash = 0;
	pending = /* @__PURE__ */ new Map();
	failed;
	/** Frames made so far, by their number on the worker, and those free for reuse. */
	frames = /* @__PURE__ */ new Map();
	spare = [];
	/** Whether the worker thread has been started. */
	get started() {
		return this.worker !== void 0;
	}
	/** The worker, started at first need and handed every frame made so far. */
	running() {
		if (this.worker) return this.worker;
		const worker = this.worker = startWorker("hash-worker", import.meta.url);
		worker.on("message", (r) => {
			const p = this.pending.get(r.id);
			this.pending.delete(r.id);
			p?.resolve(r);
		});
		const failAll = (err) => {
			this.failed ??= err;
			for (const p of this.pending.values()) p.reject(err);
			this.pending.clear();
		};
		worker.on("error", failAll);
		worker.on("exit", (code) => failAll(/* @__PURE__ */ new Error(`read-hash worker exited with code ${code}`)));
		for (const [sab, n] of this.frames) worker.postMessage({
			op: "frame",
			frame: n,
			sab
		});
		return worker;
	}
	call(msg) {
		if (this.failed) return Promise.reject(this.failed);
		const worker = this.running();
		const id = this.nextId++;
		return new Promise((resolve, reject) => {
			this.pending.set(id, {
				resolve,
				reject
			});
			worker.postMessage({
				...msg,
				id
			});
		});
	}
	/**
	* A frame-sized buffer in shared memory that the worker can read into: a recycled one when
	* there is one. The worker holds each frame for good, so frames are made once and reused by
	* every pack of a backup rather than left for two garbage collectors to find.
	*/
	frame(size) {
		const reused = this.spare.pop();
		if (reused) return reused;
		const frame = Buffer.from(new SharedArrayBuffer(size));
		const n = this.frames.size;
		this.frames.set(frame.buffer, n);
		this.worker?.postMessage({
			op: "frame",
			frame: n,
			sab: frame.buffer
		});
		return frame;
	}
	/** Hands a frame back once nothing reads it any more. */
	recycle(frame) {
		if (this.frames.has(frame.buffer)) this.spare.push(Buffer.from(frame.buffer));
	}
	/** A new running sha256, fed by `read` under this id. */
	begin() {
		return this.nextHash++;
	}
	/**
	* Reads up to `length` bytes of `fd` at `position` into `frame` (one made by `frame()`) at
	* `offset`, adding them to hash `hash`; resolves with the count read,
	* which is short only at end of file.
	*/
	async read(fd, frame, offset, length, position, hash) {
		const n = this.frames.get(frame.buffer);
		if (n === void 0) throw new Error("read-hash: not one of this worker's frames");
		const r = await this.call({
			op: "read",
			fd,
			frame: n,
			offset: frame.byteOffset + offset,
			length,
			position,
			hash
		});
		if (r.error) throw Object.assign(new Error(r.error.message), {
			code: r.error.code,
			syscall: r.error.syscall
		});
		return r.got;
	}
	async digest(hash) {
		return (await this.call({
			op: "digest",
			hash
		})).sha256;
	}
	/** Forgets a hash that will not be finished (the file failed). */
	async drop(hash) {
		await this.call({
			op: "drop",
			hash
		});
	}
	async close() {
		this.failed ??= /* @__PURE__ */ new Error("read-hash worker closed");
		await this.worker?.terminate();
	}
};
// .bundle-in/fs-safety/scanned-file.js
/**
* Whether an open file is the one the scan found at its name: a regular file, with the same inode.
* A backup reads files by path after the scan, so whatever took the name since — another file
* renamed over it, a symlink (to anywhere, out of the tree too), a directory above it swapped for
* a link, a FIFO — would be read in its place; its stat, taken on the open file, tells. A stat
* that says only an inode (hashing's) gives -1 for what is not a regular file. A file deleted and
* written anew under the same inode number is a file changed in place, as the reads treat it. An
* inode of 0 tells nothing (a filesystem that keeps none): such a file is taken as the scan's.
*/
function isScannedFile(opened, scanned) {
	if (opened.ino < 0n || opened.isFile?.() === false) return false;
	return scanned.ino === 0n || opened.ino === scanned.ino;
}
/** The refusal of a file that is no longer the one the scan found (`rel`: its path in the tree). */
function replacedError(rel) {
	return new ChangedError(`${rel} was replaced after the scan (another file, a link or a directory took its name): it is not read in its place`, {
		hint: "run the backup again once nothing replaces files in the directory",
		details: {
			path: rel,
			replaced: true
		}
	});
}
// .bundle-in/engine/backup/frame-cutter.js
/** Reads of a large file queued on the read-hash worker ahead of the one being waited for. */
const READ_AHEAD = 3;
/**
* Cuts a pack's tar stream into raw frames of exactly FRAME_BYTES. Frames live in shared memory,
* so the read-hash worker can fill them in place, and are recycled once compressed: a backup then
* allocates a handful of frame buffers, not one per frame.
*/
var FrameCutter = class {
	reader;
	onBytes;
	frame;
	fill = 0;
	/** Frames filled by `put` and not yet taken by `drain`, in stream order. */
	ready = [];
	/** Raw bytes of the tar stream so far: where the next record starts. */
	rawPos = 0;
	constructor(reader, onBytes) {
		this.reader = reader;
		this.onBytes = onBytes;
		this.frame = this.newFrame();
	}
	newFrame() {
		return this.reader.frame(FRAME_BYTES);
	}
	/**
	* Copies `buf` into the stream; frames it fills wait for `drain`. A plain call, not a
	* generator: most records of small files fill no frame, and a generator (wrapped in a promise
	* per step by the async generator that delegates to it) would cost more than the copy.
	*/
	put(buf) {
		let off = 0;
		while (off < buf.length) {
			const n = Math.min(buf.length - off, FRAME_BYTES - this.fill);
			buf.copy(this.frame, this.fill, off, off + n);
			this.fill += n;
			off += n;
			this.rawPos += n;
			if (this.fill === 1048576) {
				this.ready.push(this.frame);
				this.frame = this.newFrame();
				this.fill = 0;
			}
		}
	}
	/** Whether `put` has filled frames that `drain` has not yet handed out. */
	get hasReady() {
		return this.ready.length > 0;
	}
	/** The frames `put` filled, in order. */
	*drain() {
		while (this.ready.length > 0) yield this.ready.shift();
	}
	/** Everything not handed out yet, ending with the last, partly filled frame. */
	*end() {
		yield* this.drain();
		if (this.fill > 0) yield this.frame.subarray(0, this.fill);
	}
	/**
	* Reads a large file straight into frames on the read-hash worker: one read feeds both the
	* hash and the compressor, and neither the bytes nor the hashing pass through this thread.
	*/
	async *streamLarge(fh, size, hash, path, changedHint) {
		yield* this.drain();
		const pending = [];
		const ahead = [];
		let planned = 0;
		let planFrame = this.frame;
		let planFill = this.fill;
		const plan = () => {
			while (pending.length < READ_AHEAD && planned < size) {
				if (planFill === 1048576) {
					planFrame = this.newFrame();
					ahead.push(planFrame);
					planFill = 0;
				}
				const length = Math.min(size - planned, FRAME_BYTES - planFill);
				const read = this.reader.read(fh.fd, planFrame, planFill, length, planned, hash);
				read.catch(() => {});
				pending.push({
					length,
					read
				});
				planFill += length;
				planned += length;
			}
		};
		try {
			plan();
			while (pending.length > 0) {
				const piece = pending.shift();
				const got = await piece.read;
				if (got !== piece.length) throw new ChangedError(`${path} shrank while it was being read`, changedHint(path));
				this.fill += got;
				this.rawPos += got;
				this.onBytes?.(got);
				plan();
				if (this.fill === 1048576) {
					yield this.frame;
					this.frame = ahead.shift() ?? this.newFrame();
					this.fill = 0;
				}
			}
		} finally {
			await Promise.allSettled(pending.map((p) => p.read));
		}
	}
};
// .bundle-in/engine/backup/ustar-header.js
/** Tar type flags of the members a pack holds. */
const TYPEFLAG = {
	File: 48,
	Directory: 53,
	SymbolicLink: 50
};
/** Largest values of an 8- and a 12-byte octal field with its terminating NUL. */
const MAX_OCTAL_8 = 2097151;
const MAX_OCTAL_12 = 8589934591;
/** The bytes every header of a pack shares (uid, gid and devices 0, no user names, ustar magic), the rest zero. */
const TEMPLATE = (() => {
	const b = Buffer.alloc(512);
	b.write("000000 \0", 108, "latin1");
	b.write("000000 \0", 116, "latin1");
	b.write("ustar\x0000", 257, "latin1");
	b.write("000000 \0", 329, "latin1");
	b.write("000000 \0", 337, "latin1");
	return b;
})();
/**
* Writes the ustar header block of a member into `block` (512 bytes), byte for byte what
* node-tar's Header writes for it (pack-writer's `tarHeader`, the reference), without building a
* Header and a Date per member. Only what fits plain ustar fields is written: an ASCII path of
* fewer than 100 bytes, an ASCII link target of at most 100, and numbers within their octal
* fields; for anything else it returns false and writes nothing, and the caller asks the reference.
*/
function writeUstarHeader(block, path, typeflag, mode, size, mtimeMs, linkpath) {
	if (path.length >= 100 || !isAscii$1(path)) return false;
	if (linkpath !== void 0 && (linkpath.length > 100 || !isAscii$1(linkpath))) return false;
	if (!fitsOctal(mode, MAX_OCTAL_8) || !fitsOctal(size, MAX_OCTAL_12)) return false;
	if (!Number.isInteger(mtimeMs) || mtimeMs < 0 || mtimeMs / 1e3 > MAX_OCTAL_12) return false;
	const mtime = Math.floor(mtimeMs / 1e3);
	TEMPLATE.copy(block, 0, 0, 512);
	writeAscii(block, 0, path);
	writeOctal(block, 100, 8, mode);
	writeOctal(block, 124, 12, size);
	writeOctal(block, 136, 12, mtime);
	block[156] = typeflag;
	if (linkpath !== void 0) writeAscii(block, 157, linkpath);
	let sum = 256;
	for (let i = 0; i < 148; i++) sum += block[i];
	for (let i = 156; i < 512; i++) sum += block[i];
	writeOctal(block, 148, 8, sum);
	return true;
}
function isAscii$1(s) {
	for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
	return true;
}
function fitsOctal(n, max) {
	return Number.isInteger(n) && n >= 0 && n <= max;
}
function writeAscii(block, at, s) {
	for (let i = 0; i < s.length; i++) block[at + i] = s.charCodeAt(i);
}
/** node-tar's layout: the digits zero-padded to width − 2, a space and a NUL; a number of width − 1 digits just gets the NUL. */
function writeOctal(block, at, width, n) {
	const long = n >= 8 ** (width - 2);
	const digits = long ? width - 1 : width - 2;
	let v = n;
	for (let i = at + digits - 1; i >= at; i--) {
		block[i] = 48 + v % 8;
		v = Math.floor(v / 8);
	}
	if (!long) block[at + digits] = 32;
	block[at + width - 1] = 0;
}
// .bundle-in/engine/backup/pack-writer.js
const ZERO = Buffer.alloc(1024);
/** Names of the pack's own metadata members, under the reserved directory. */
function packMetaPaths(snapshotId, index) {
	const n = String(index).padStart(3, "0");
	return {
		descriptor: `${META_DIR}/${snapshotId}/pack-${n}.json`,
		listing: `${META_DIR}/${snapshotId}/pack-${n}.index.json`
	};
}
/** One tar record header (plus a pax header when a field does not fit ustar), via node-tar. */
function tarHeader(data) {
	const long = data.path !== void 0 && Buffer.byteLength(data.path) > 256;
	const header = new Header({
		uid: 0,
		gid: 0,
		uname: "",
		gname: "",
		...data,
		...long ? { path: data.path.slice(0, 99) } : {}
	});
	const block = Buffer.alloc(512);
	if (header.encode(block, 0) || long) {
		const pax = new Pax({
			path: data.path,
			linkpath: data.linkpath,
			size: data.size,
			mtime: data.mtime
		}).encode();
		return Buffer.concat([pax, block]);
	}
	return block;
}
/**
* A member's header: written in place by the fast encoder when plain ustar fields hold it, else
* by `tarHeader` (the reference, which the fast one matches byte for byte).
*/
function memberHeader(state, path, type, mode, size, mtimeMs, linkpath) {
	if (writeUstarHeader(state.header, path, TYPEFLAG[type], mode, size, mtimeMs, linkpath)) return state.header;
	return tarHeader({
		path,
		type,
		mode,
		size,
		mtime: new Date(mtimeMs),
		...linkpath === void 0 ? {} : { linkpath }
	});
}
/** The zeros that pad a record of each length to 512 bytes, made once: not a Buffer per file. */
const PADDINGS = Array.from({ length: 512 }, (_, rem) => ZERO.subarray(0, rem === 0 ? 0 : 512 - rem));
function padding(size) {
	return PADDINGS[size % 512];
}
/**
* Writes one pack: a descriptor member first, then the items, then a listing of what the pack
* holds (with every file's sha256), then the tar end blocks. The tar stream is cut into frames
* of exactly FRAME_BYTES, each compressed on its own, so frames are compressed on all cores and
* any member can later be read by fetching just the frames that hold it.
*/
async function writePack(opts) {
	const reader = opts.reader ?? new ReadHasher();
	const state = {
		opts,
		reader,
		cut: new FrameCutter(reader, opts.onBytes),
		files: [],
		spans: [],
		proven: [],
		header: Buffer.alloc(512)
	};
	const frameSizes = [];
	const packHash = createHash("sha256");
	const compressor = new FrameCompressor(opts.codec, opts.level);
	async function* compressed() {
		const compress = async (raw) => {
			const out = await compressor.compress(raw);
			reader.recycle(raw);
			return out;
		};
		for await (const parts of orderedMap(rawFrames(state), CODEC_CONCURRENCY, compress)) {
			let size = 0;
			for (const part of parts) {
				packHash.update(part);
				size += part.length;
				yield part;
			}
			frameSizes.push(size);
		}
	}
	let stored;
	try {
		stored = await opts.store.put(opts.key, compressed(), {
			readBack: opts.readBack,
			deferDurable: true,
			...opts.store.releasesParts === true ? { release: (part) => compressor.release(part) } : {}
		});
	} finally {
		compressor.close();
		if (!opts.reader) await reader.close();
	}
	locate(state.files, state.spans, frameSizes);
	return {
		info: {
			codec: opts.codec,
			name: opts.name,
			origin: opts.snapshotId,
			rawSize: state.cut.rawPos,
			sha256: packHash.digest("hex"),
			size: stored.size
		},
		readBack: stored.readBack === true,
		durable: stored.durable ?? Promise.resolve(),
		files: state.files,
		proven: state.proven,
		frameSizes
	};
}
/** The whole tar stream of a pack, as raw frames. */
async function* rawFrames(state) {
	const { opts, cut, files } = state;
	const meta = packMetaPaths(opts.snapshotId, opts.index);
	const descriptor = Buffer.from(JSON.stringify({
		format: "index-vault.pack",
		formatVersion: 1,
		tool: opts.tool,
		snapshot: opts.snapshotId,
		series: opts.series,
		kind: opts.kind,
		pack: opts.name,
		index: opts.index,
		createdAt: opts.createdAt,
		listing: meta.listing
	}) + "\n");
	for (const b of metaMember(meta.descriptor, descriptor, opts.createdAt)) cut.put(b);
	for (const item of opts.items) {
		if (item.type === "dir") cut.put(memberHeader(state, `${item.path}/`, "Directory", item.mode, 0, item.mtimeMs));
		else if (item.type === "symlink") cut.put(memberHeader(state, item.path, "SymbolicLink", 511, 0, item.mtimeMs, item.target));
		else if (item.content) storedContent(state, item, item.content);
		else if (!readWhole(state, item)) yield* readFile(state, item);
		if (cut.hasReady) yield* cut.drain();
	}
	const listing = bufferedPieces([`${JSON.stringify({
		format: "index-vault.pack-index",
		formatVersion: 2,
		snapshot: opts.snapshotId,
		pack: opts.name
	}).slice(0, -1)},"files":`], jsonElementPieces(listedFiles(files), (slice) => JSON.stringify(slice)), ["}\n"]);
	for (const b of metaMember(meta.listing, listing, opts.createdAt)) cut.put(b);
	cut.put(ZERO);
	yield* cut.end();
}
function* listedFiles(files) {
	for (const f of files) yield listed(f);
}
/** A file as the pack's listing names it: the fields (in the order) every listing has had. */
function listed(f) {
	return {
		path: f.path,
		type: "file",
		size: f.size,
		exec: f.exec,
		mode: f.mode,
		mtimeMs: f.mtimeMs,
		sha256: f.sha256
	};
}
/** A member of the pack's own: `body` whole, or as the buffers that join to it (not copied into one). */
function metaMember(path, body, createdAt) {
	const parts = Array.isArray(body) ? body : [body];
	const size = parts.reduce((n, b) => n + b.length, 0);
	return [
		tarHeader({
			path,
			type: "File",
			mode: 420,
			size,
			mtime: new Date(createdAt)
		}),
		...parts,
		padding(size)
	];
}
/** Bytes already read (an index's commit file): stored as they are. */
function storedContent(state, item, data) {
	const { cut } = state;
	const start = cut.rawPos;
	const mtimeMs = item.mtimeMs ?? Date.now();
	const mode = item.mode ?? 420;
	cut.put(memberHeader(state, item.path, "File", mode, data.length, mtimeMs));
	cut.put(data);
	cut.put(padding(data.length));
	state.opts.onBytes?.(data.length);
	state.files.push({
		exec: (mode & 73) !== 0,
		loc: UNPLACED,
		mode,
		mtimeMs,
		path: item.path,
		sha256: createHash("sha256").update(data).digest("hex"),
		size: data.length,
		type: "file"
	});
	state.proven.push(false);
	state.spans.push(start, cut.rawPos);
}
function readTries(state) {
	return Math.max(1, (state.opts.rereads ?? 3) + 1);
}
/** A file of at most one frame, read whole with plain system calls (again if it changed): false for a larger one. */
function readWhole(state, item) {
	const tries = readTries(state);
	for (let attempt = 1;; attempt++) {
		const read = (attempt === 1 ? readScannedWhole(state, item) : void 0) ?? readSmallWhole(state, item);
		if (read === void 0) return false;
		const start = state.cut.rawPos;
		if (!emitSmall(state, item, read, {
			attempt,
			tries
		})) continue;
		state.spans.push(start, state.cut.rawPos);
		return true;
	}
}
/** A file `readWhole` found larger than a frame: streamed (or, if it has shrunk since, read whole after all). */
async function* readFile(state, item) {
	const tries = readTries(state);
	for (let attempt = 1;; attempt++) {
		let fh;
		try {
			fh = await fs.open(item.absPath, SCANNED_READ_FLAGS);
		} catch (err) {
			throw ioError(err, "cannot open", item.absPath);
		}
		try {
			const before = await fh.stat({ bigint: true });
			if (item.stamp && !isScannedFile(before, item.stamp)) throw replacedError(item.path);
			const start = state.cut.rawPos;
			if (Number(before.size) <= 1048576) {
				if (!(yield* smallFile(state, item, fh, before, {
					attempt,
					tries
				}))) continue;
			} else yield* largeFile(state, item, fh, before);
			state.spans.push(start, state.cut.rawPos);
			return;
		} catch (err) {
			throw ioError(err, "cannot read", item.absPath);
		} finally {
			await fh.close();
		}
	}
}
/** The header of a file read from disk, from its stat before the read; the entry then says the same. */
function fileHeader(state, item, before, size) {
	return memberHeader(state, item.path, "File", permissionBits(before.mode), size, mtimeMsOf(before));
}
/** Whole milliseconds of a bigint stat's mtime, towards zero (as the entry and the header have always had it). */
function mtimeMsOf(st) {
	return Number(st.mtimeNs / 1000000n);
}
/** Notes a file just put into the pack, and whether its read proved the scanned stamp. */
function addFile(state, item, before, sha256) {
	state.files.push(fileEntry(item.path, before, sha256));
	state.proven.push(item.stamp !== void 0 && sameStamp(before, item.stamp));
}
/**
* The common case of `readSmallWhole`, one system call fewer: a file whose scanned stamp says it
* fits one frame, read whole, then stat'ed once. If that stat equals the scan's stamp (size,
* mtime and ctime to the nanosecond, inode), nothing changed the file from the scan to the end of
* the read, which is what a stat before the read equal to the one after (and to the scan's)
* proves in `readSmallWhole`; that stat then stands for both. Any other outcome (no stamp, a
* larger file, a stat that differs, a short read) is undefined, and the file is read again the
* general way, which decides as it always has.
*/
function readScannedWhole(state, item) {
	const stamp = item.stamp;
	if (stamp === void 0 || stamp.size > BigInt(1048576)) return void 0;
	const size = Number(stamp.size);
	let fd;
	try {
		fd = fs$1.openSync(item.absPath, SCANNED_READ_FLAGS);
	} catch (err) {
		throw ioError(err, "cannot open", item.absPath);
	}
	try {
		const data = (state.scratch ??= Buffer.allocUnsafe(FRAME_BYTES)).subarray(0, size);
		let got = 0;
		while (got < size) {
			const n = fs$1.readSync(fd, data, got, size - got, got);
			if (n === 0) break;
			got += n;
		}
		const after = fs$1.fstatSync(fd, { bigint: true });
		if (got !== size || !sameStamp(after, stamp)) return void 0;
		return {
			before: after,
			after,
			data,
			got
		};
	} catch {
		return;
	} finally {
		fs$1.closeSync(fd);
	}
}
/** A file of at most one frame, read whole with its stat before and after; undefined for a larger one. */
function readSmallWhole(state, item) {
	let fd;
	try {
		fd = fs$1.openSync(item.absPath, SCANNED_READ_FLAGS);
	} catch (err) {
		throw ioError(err, "cannot open", item.absPath);
	}
	try {
		const before = fs$1.fstatSync(fd, { bigint: true });
		if (item.stamp && !isScannedFile(before, item.stamp)) throw replacedError(item.path);
		const size = Number(before.size);
		if (size > 1048576) return void 0;
		const data = (state.scratch ??= Buffer.allocUnsafe(FRAME_BYTES)).subarray(0, size);
		let got = 0;
		while (got < size) {
			const n = fs$1.readSync(fd, data, got, size - got, got);
			if (n === 0) break;
			got += n;
		}
		return {
			before,
			after: fs$1.fstatSync(fd, { bigint: true }),
			data,
			got
		};
	} catch (err) {
		throw ioError(err, "cannot read", item.absPath);
	} finally {
		fs$1.closeSync(fd);
	}
}
/** Emits a small file read whole, if it did not change while read: false asks for another try. */
function emitSmall(state, item, { before, after, data, got }, { attempt, tries }) {
	const size = Number(before.size);
	const sha = hash("sha256", got === data.length ? data : data.subarray(0, got), "hex");
	if (got !== size || !sameStat(before, after) || item.expectedSha256 !== void 0 && sha !== item.expectedSha256) {
		if (attempt < tries) return false;
		throw new ChangedError(`${item.path} kept changing while it was being read (${tries} tries)`, changedHint(item.path));
	}
	state.opts.onBytes?.(size);
	state.cut.put(fileHeader(state, item, before, size));
	state.cut.put(data);
	state.cut.put(padding(size));
	addFile(state, item, before, sha);
	return true;
}
/** Small files are read whole before anything is emitted, so a change can be retried: false asks for another try. */
async function* smallFile(state, item, fh, before, { attempt, tries }) {
	const { cut } = state;
	const size = Number(before.size);
	const hash = createHash("sha256");
	const data = Buffer.allocUnsafe(size);
	let got = 0;
	while (got < size) {
		const { bytesRead } = await fh.read(data, got, size - got, got);
		if (bytesRead === 0) break;
		got += bytesRead;
	}
	const after = await fh.stat({ bigint: true });
	const sha = hash.update(data.subarray(0, got)).digest("hex");
	if (got !== size || !sameStat(before, after) || item.expectedSha256 !== void 0 && sha !== item.expectedSha256) {
		if (attempt < tries) return false;
		throw new ChangedError(`${item.path} kept changing while it was being read (${tries} tries)`, changedHint(item.path));
	}
	state.opts.onBytes?.(size);
	cut.put(fileHeader(state, item, before, size));
	cut.put(data);
	cut.put(padding(size));
	addFile(state, item, before, sha);
	if (cut.hasReady) yield* cut.drain();
	return true;
}
/** A large file goes into the stream as it is read: a change found afterwards fails the pack. */
async function* largeFile(state, item, fh, before) {
	const { cut, reader } = state;
	const size = Number(before.size);
	cut.put(fileHeader(state, item, before, size));
	const hash = reader.begin();
	let read = false;
	try {
		yield* cut.streamLarge(fh, size, hash, item.path, changedHint);
		read = true;
	} finally {
		if (!read) await reader.drop(hash).catch(() => {});
	}
	const sha = await reader.digest(hash);
	if (!sameStat(before, await fh.stat({ bigint: true })) || item.expectedSha256 !== void 0 && sha !== item.expectedSha256) throw new ChangedError(`${item.path} changed while it was being read`, changedHint(item.path));
	cut.put(padding(size));
	addFile(state, item, before, sha);
	if (cut.hasReady) yield* cut.drain();
}
/** Turns each file's raw span into the compressed range of the frames that hold it. */
function locate(files, spans, frameSizes) {
	const frameStarts = frameStartsOf(frameSizes);
	files.forEach((f, i) => {
		const start = spans[2 * i];
		const { length, offset, raw, skip, span } = locationOf(start, spans[2 * i + 1] - start, frameStarts);
		f.loc = {
			length,
			offset,
			pack: -1,
			raw,
			skip,
			span
		};
	});
}
/** A file's location before its pack is placed (replaced, never changed in place). */
const UNPLACED = Object.freeze({
	length: 0,
	offset: 0,
	pack: -1,
	raw: 0,
	skip: 0,
	span: 0
});
function sameStat(a, b) {
	return sameStamp(a, b);
}
function fileEntry(path, st, sha256) {
	return {
		exec: (Number(st.mode) & 73) !== 0,
		loc: UNPLACED,
		mode: permissionBits(st.mode),
		mtimeMs: mtimeMsOf(st),
		path,
		sha256,
		size: Number(st.size),
		type: "file"
	};
}
function changedHint(path) {
	return {
		hint: "something is writing to the index; back up after the writer has finished (or with the index-aware format)",
		details: {
			path,
			remedy: "format-aware"
		}
	};
}
// .bundle-in/fs-safety/portability.js
const PORTABILITY_MODES = [
	"error",
	"warn",
	"off"
];
const RESERVED = /^(con|prn|aux|nul|com[1-9¹²³]|lpt[1-9¹²³]|conin\$|conout\$)$/i;
const FORBIDDEN = /[<>:"\\|?*]/;
const CONTROL = /[\u0000-\u001f]/;
/**
* Folds a name the way case-insensitive filesystems compare: NTFS upper-cases, APFS folds
* case and also treats ß as ss. Lower-casing the NFC form and mapping ß covers both closely enough.
*/
function fold(s) {
	return s.normalize("NFC").toLowerCase().replace(/ß/g, "ss");
}
/**
* Lists every path that could not be restored as-is on Windows, macOS or Linux. Paths are POSIX
* relative paths, as stored in a manifest. One pass; memory is a map of folded paths.
*/
function checkPortability(paths, options = {}) {
	const maxPath = options.maxPathLength ?? 260;
	const maxComponent = options.maxComponentLength ?? 255;
	const problems = [];
	const byFolded = /* @__PURE__ */ new Map();
	const byNfc = /* @__PURE__ */ new Map();
	const source = paths[Symbol.iterator]() === paths ? [...paths] : paths;
	let inOrder = true;
	let allAscii = true;
	let before;
	for (const p of source) {
		if (before !== void 0 && !(before <= p)) inOrder = false;
		if (allAscii && !isAsciiText(p)) allAscii = false;
		before = p;
	}
	const sorted = inOrder ? source : [...source].sort();
	let seen = [];
	for (const p of sorted) {
		const ascii = isAsciiText(p);
		let start = 0;
		for (let i = 0; i <= p.length; i++) {
			if (i < p.length && p.charCodeAt(i) !== 47) continue;
			if (!ascii || !asciiNameIsPortable(p, start, i, maxComponent)) componentProblems(p, p.slice(start, i), maxComponent, problems);
			start = i + 1;
		}
		if (p.length > maxPath) problems.push({
			path: p,
			rule: "path-too-long",
			detail: `${p.length} characters; Windows without long-path support allows ${maxPath}`
		});
		if (!allAscii) {
			const nfc = ascii ? p : p.normalize("NFC");
			const prevNfc = byNfc.get(nfc);
			if (prevNfc !== void 0 && prevNfc !== p) {
				problems.push({
					path: p,
					rule: "unicode-collision",
					detail: `same name as "${prevNfc}" after Unicode normalization (macOS)`,
					other: prevNfc
				});
				continue;
			}
			byNfc.set(nfc, p);
		}
		let reported = false;
		const met = [];
		for (let i = 0, start = 0; start <= p.length && !reported; i++) {
			let end = p.indexOf("/", start);
			if (end < 0) end = p.length;
			start = end + 1;
			const known = seen[i];
			let step;
			if (known !== void 0 && known.prefix.length === end && p.startsWith(known.prefix)) step = known;
			else {
				const prefix = p.slice(0, end);
				const folded = ascii ? prefix.toLowerCase() : fold(prefix);
				let prev = byFolded.get(folded);
				if (prev === void 0) byFolded.set(folded, prev = prefix);
				step = {
					prefix,
					prev
				};
			}
			met.push(step);
			if (step.prev !== step.prefix) {
				problems.push({
					path: p,
					rule: "case-collision",
					detail: `"${step.prefix}" and "${step.prev}" are the same name on case-insensitive filesystems (Windows, macOS)`,
					other: step.prev
				});
				reported = true;
			}
		}
		seen = met;
	}
	return problems;
}
/** The rules for one name of a path, in the order they are reported: the reference for every name. */
function componentProblems(p, comp, maxComponent, problems) {
	const base = comp.split(".")[0].replace(/ +$/, "");
	if (RESERVED.test(base)) problems.push({
		path: p,
		rule: "reserved-name",
		detail: `"${comp}" is a reserved device name on Windows`
	});
	if (FORBIDDEN.test(comp)) problems.push({
		path: p,
		rule: "forbidden-char",
		detail: `"${comp}" contains a character Windows forbids in names (< > : " \\ | ? *)`
	});
	if (CONTROL.test(comp)) problems.push({
		path: p,
		rule: "control-char",
		detail: `"${JSON.stringify(comp).slice(1, -1)}" contains a control character, which Windows forbids`
	});
	if (/[. ]$/.test(comp)) problems.push({
		path: p,
		rule: "trailing-dot-space",
		detail: `"${comp}" ends in a dot or space, which Windows strips`
	});
	if (comp.length > maxComponent || Buffer.byteLength(comp) > 255) problems.push({
		path: p,
		rule: "component-too-long",
		detail: `"${comp.slice(0, 40)}…" is longer than ${maxComponent} characters or 255 bytes`
	});
}
function isAsciiText(s) {
	for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return false;
	return true;
}
/**
* Whether the ASCII name `p[start, end)` breaks none of componentProblems' rules, in one pass
* (one character is one byte; only a base name of a reserved name's length is looked up).
* False sends the name to componentProblems, which then reports what it breaks.
*/
function asciiNameIsPortable(p, start, end, maxComponent) {
	const length = end - start;
	if (length > maxComponent || length > 255) return false;
	let dot = end;
	for (let i = start; i < end; i++) {
		const c = p.charCodeAt(i);
		if (c < 32 || c === 60 || c === 62 || c === 58 || c === 34 || c === 92 || c === 124 || c === 63 || c === 42) return false;
		if (c === 46 && dot === end) dot = i;
	}
	if (length > 0) {
		const last = p.charCodeAt(end - 1);
		if (last === 46 || last === 32) return false;
	}
	let baseEnd = dot;
	while (baseEnd > start && p.charCodeAt(baseEnd - 1) === 32) baseEnd--;
	const baseLength = baseEnd - start;
	return !(baseLength === 3 || baseLength === 4 || baseLength === 6 || baseLength === 7) || !RESERVED.test(p.slice(start, baseEnd));
}
/** A short summary for people: counts per rule, then examples. */
function formatPortabilityProblems(problems, limit = 20) {
	const counts = /* @__PURE__ */ new Map();
	for (const p of problems) counts.set(p.rule, (counts.get(p.rule) ?? 0) + 1);
	const head = [...counts].map(([rule, n]) => `${n} ${rule}`).join(", ");
	const lines = problems.slice(0, limit).map((p) => `  ${p.path}: ${p.detail}`);
	if (problems.length > limit) lines.push(`  … and ${problems.length - limit} more`);
	return [`(${head})`, ...lines].join("\n");
}
// .bundle-in/engine/stale-temporaries.js
/**
* How long a temporary object must have been left unchanged to count as abandoned. A live writer
* changes its temporary object as it writes (a local file's mtime moves with every write), so
* an hour without a change means its process was killed; a running backup is never touched.
*/
const STALE_TEMPORARY_MS = 36e5;
/** Removes what killed writers left in the store (backup and prune call it). A failure is only a warning. */
async function sweepStaleTemporaries(store, logger, now = Date.now()) {
	if (!store.sweepTemporaries) return 0;
	try {
		const removed = await store.sweepTemporaries(/* @__PURE__ */ new Date(now - STALE_TEMPORARY_MS));
		if (removed.length > 0) logger.info(`removed ${removed.length} temporary object(s) that interrupted writes left in ${store.description}`);
		return removed.length;
	} catch (err) {
		logger.warn(`could not remove stale temporary objects from ${store.description} (${err.message})`);
		return 0;
	}
}
// .bundle-in/engine/backup/scan-entries.js
const DIR = 0;
const SYMLINK = 1;
const FILE = 2;
const TYPES$1 = [
	"dir",
	"symlink",
	"file"
];
/**
* The entries of a scanned tree in its order, held as columns: the paths as UTF-8 (Utf8List),
* numbers in typed arrays, the few link targets and own disk paths aside. An object per entry
* cost ~156 bytes (the object, a boxed mtime, a path string, the array's slot); this is ~45, which
* at a million files is the difference between a backup fitting its memory budget or not. Readers
* on hot paths go by index, in order; `at` and iteration make an object per entry for the rest.
*/
var ScanEntries = class {
	paths;
	kinds;
	modes;
	mtimes;
	rows;
	sizes;
	targets;
	own;
	released = false;
	constructor(c) {
		({paths: this.paths, kinds: this.kinds, modes: this.modes, mtimes: this.mtimes, rows: this.rows} = c);
		({sizes: this.sizes, targets: this.targets, own: this.own} = c);
	}
	/** Entries given in the tree's order, as they are (tests, and a scan's second round). */
	static of(entries) {
		const b = new ScanBuilder();
		for (const e of entries) b.push(e);
		return b.inOrder();
	}
	get length() {
		if (this.released) throw new Error("scanned entries are asked for after they were released");
		return this.kinds.length;
	}
	/**
	* Lets go of the columns (the manifest is made): `length` throws from then on, and every
	* entry is out of range (a path throws, a number is undefined).
	*/
	release() {
		this.released = true;
		this.paths = new Utf8List(0, 0);
		[this.kinds, this.modes, this.mtimes] = [
			/* @__PURE__ */ new Uint8Array(0),
			/* @__PURE__ */ new Uint16Array(0),
			/* @__PURE__ */ new Float64Array(0)
		];
		[this.rows, this.sizes, this.targets, this.own] = [
			/* @__PURE__ */ new Int32Array(0),
			/* @__PURE__ */ new Float64Array(0),
			/* @__PURE__ */ new Map(),
			/* @__PURE__ */ new Map()
		];
	}
	/** Every path, in order, each made as it is reached; as often as asked (each iteration reads the list again). */
	allPaths() {
		return { [Symbol.iterator]: () => this.pathsFrom() };
	}
	*pathsFrom() {
		for (let i = 0; i < this.kinds.length; i++) yield this.paths.get(i);
	}
	/** Entry `i`'s path, made on each call (cheapest in order: see Utf8List). */
	path(i) {
		return this.paths.get(i);
	}
	type(i) {
		return TYPES$1[this.kinds[i]];
	}
	isFile(i) {
		return this.kinds[i] === FILE;
	}
	/** Permission bits of a file or directory. */
	mode(i) {
		return this.modes[i];
	}
	exec(i) {
		return (this.modes[i] & 73) !== 0;
	}
	mtimeMs(i) {
		return this.mtimes[i];
	}
	/** A file's row in the scan's stamp table. */
	stamp(i) {
		return this.rows[i];
	}
	/** A file's size in bytes. */
	size(i) {
		return this.sizes[i];
	}
	/** A symlink's target, as a POSIX path. */
	target(i) {
		return this.targets.get(i);
	}
	/** The entry's own disk path, when it is not the root's joined with its path. */
	ownAbsPath(i) {
		return this.own.get(i);
	}
	/** The entry as one object (made on each call). */
	at(i) {
		const path = this.paths.get(i);
		const absPath = this.own.get(i);
		const own = absPath === void 0 ? {} : { absPath };
		const mtimeMs = this.mtimes[i];
		switch (this.kinds[i]) {
			case DIR: return {
				type: "dir",
				path,
				...own,
				mtimeMs,
				mode: this.modes[i]
			};
			case SYMLINK: return {
				type: "symlink",
				path,
				...own,
				target: this.targets.get(i),
				mtimeMs
			};
			default: return {
				type: "file",
				path,
				...own,
				size: this.sizes[i],
				mtimeMs,
				exec: this.exec(i),
				mode: this.modes[i],
				stamp: this.rows[i]
			};
		}
	}
	*[Symbol.iterator]() {
		for (let i = 0; i < this.kinds.length; i++) yield this.at(i);
	}
};
/**
* The entries of a scan as the walk finds them (plain arrays, which hold numbers unboxed), made
* into `ScanEntries` in the tree's byte order once the walk is done.
*/
var ScanBuilder = class {
	paths = [];
	kinds = [];
	modes = [];
	mtimes = [];
	rows = [];
	sizes = [];
	targets = /* @__PURE__ */ new Map();
	own = /* @__PURE__ */ new Map();
	get length() {
		return this.paths.length;
	}
	dir(path, absPath, mtimeMs, mode) {
		this.add(path, absPath, DIR, mtimeMs, mode, -1, 0);
	}
	symlink(path, absPath, target, mtimeMs) {
		this.targets.set(this.paths.length, target);
		this.add(path, absPath, SYMLINK, mtimeMs, 0, -1, 0);
	}
	file(path, absPath, mtimeMs, mode, stamp, size) {
		this.add(path, absPath, FILE, mtimeMs, mode, stamp, size);
	}
	/** An entry as one object; a file's `exec` is not kept but read from its mode (any x bit), as the walk takes it. */
	push(e) {
		if (e.type === "dir") this.dir(e.path, e.absPath, e.mtimeMs, e.mode);
		else if (e.type === "symlink") this.symlink(e.path, e.absPath, e.target, e.mtimeMs);
		else this.file(e.path, e.absPath, e.mtimeMs, e.mode, e.stamp, e.size);
	}
	/** The entries sorted in the tree's byte order (comparePaths). */
	sorted() {
		const { paths } = this;
		const order = Array.from({ length: paths.length }, (_, i) => i);
		order.sort((a, b) => comparePaths(paths[a], paths[b]));
		return this.columns(order);
	}
	/** The entries in the order they were pushed. */
	inOrder() {
		return this.columns(Array.from({ length: this.paths.length }, (_, i) => i));
	}
	columns(order) {
		const n = order.length;
		let bytes = 0;
		for (const p of this.paths) bytes += Buffer.byteLength(p, "utf8");
		const paths = new Utf8List(n, bytes);
		const kinds = new Uint8Array(n);
		const modes = new Uint16Array(n);
		const mtimes = new Float64Array(n);
		const rows = new Int32Array(n);
		const sizes = new Float64Array(n);
		const targets = /* @__PURE__ */ new Map();
		const own = /* @__PURE__ */ new Map();
		for (let i = 0; i < n; i++) {
			const from = order[i];
			paths.push(this.paths[from]);
			this.paths[from] = "";
			kinds[i] = this.kinds[from];
			modes[i] = this.modes[from];
			mtimes[i] = this.mtimes[from];
			rows[i] = this.rows[from];
			sizes[i] = this.sizes[from];
			const target = this.targets.get(from);
			if (target !== void 0) targets.set(i, target);
			const abs = this.own.get(from);
			if (abs !== void 0) own.set(i, abs);
		}
		this.clear();
		return new ScanEntries({
			paths,
			kinds,
			modes,
			mtimes,
			rows,
			sizes,
			targets,
			own
		});
	}
	add(path, absPath, kind, mtimeMs, mode, stamp, size) {
		if (absPath !== void 0) this.own.set(this.paths.length, absPath);
		this.paths.push(path);
		this.kinds.push(kind);
		this.modes.push(mode);
		this.mtimes.push(mtimeMs);
		this.rows.push(stamp);
		this.sizes.push(size);
	}
	clear() {
		this.paths = [];
		this.kinds = [];
		this.modes = [];
		this.mtimes = [];
		this.rows = [];
		this.sizes = [];
		this.targets = /* @__PURE__ */ new Map();
		this.own = /* @__PURE__ */ new Map();
	}
};
/** Fields of a name's row (BigInt64). */
const STATUS = 0;
const KIND = 1;
const DEV = 2;
const INO = 3;
const MODE = 4;
const NLINK = 5;
const SIZE = 6;
const MTIME_NS = 7;
const CTIME_NS = 8;
const MTIME_MS = 9;
/** A row's status: its stat, the name gone since it was listed, or a failure the walk raises itself. */
const STAT_OK = 1n;
const STAT_GONE = 2n;
const STAT_FAILED = 3n;
/** Names claimed at a time: few, so the last claims of a directory end close together. */
const CLAIM = 8;
/**
* Claims the next few names and writes their rows; false when none was left. A claim always
* ends counted, each row written or marked for the walk to stat itself, so no one waits on a
* row that will not come. A row's status is stored last, atomically: once it reads as set, the
* rest of the row is there.
*/
function claimBlock(b) {
	const n = b.names.length;
	const start = Atomics.add(b.ctrl, 0, CLAIM);
	if (start >= n) return false;
	const end = Math.min(n, start + CLAIM);
	let i = start;
	try {
		for (; i < end; i++) writeRow(b.rows, i, b.prefix + b.names[i]);
	} finally {
		for (; i < end; i++) Atomics.store(b.rows, i * 10 + STATUS, STAT_FAILED);
		Atomics.add(b.ctrl, 1, end - start);
		Atomics.notify(b.ctrl, 1);
	}
	return true;
}
const KINDS$2 = [
	"other",
	"symlink",
	"dir",
	"file",
	"fifo",
	"socket",
	"char",
	"block"
];
/** The kind as Node's own stat methods tell it (so the row says exactly what they would). */
function kindOf(st) {
	if (st.isSymbolicLink()) return 1;
	if (st.isDirectory()) return 2;
	if (st.isFile()) return 3;
	if (st.isFIFO()) return 4;
	if (st.isSocket()) return 5;
	if (st.isCharacterDevice()) return 6;
	if (st.isBlockDevice()) return 7;
	return 0;
}
function writeRow(rows, i, abs) {
	const at = i * 10;
	let st;
	try {
		st = fs$1.lstatSync(abs, {
			bigint: true,
			throwIfNoEntry: false
		});
	} catch {
		Atomics.store(rows, at + STATUS, STAT_FAILED);
		return;
	}
	if (!st) {
		Atomics.store(rows, at + STATUS, STAT_GONE);
		return;
	}
	rows[at + KIND] = BigInt(kindOf(st));
	rows[at + DEV] = st.dev;
	rows[at + INO] = st.ino;
	rows[at + MODE] = st.mode;
	rows[at + NLINK] = st.nlink;
	rows[at + SIZE] = st.size;
	rows[at + MTIME_NS] = st.mtimeNs;
	rows[at + CTIME_NS] = st.ctimeNs;
	rows[at + MTIME_MS] = st.mtimeMs;
	Atomics.store(rows, at + STATUS, STAT_OK);
}
/** A row as the stat it was written from. */
var RowStat = class {
	dev;
	ino;
	mode;
	nlink;
	size;
	mtimeNs;
	ctimeNs;
	mtimeMs;
	kind;
	constructor(rows, i) {
		const at = i * 10;
		this.kind = KINDS$2[Number(rows[at + KIND])];
		this.dev = rows[at + DEV];
		this.ino = rows[at + INO];
		this.mode = rows[at + MODE];
		this.nlink = rows[at + NLINK];
		this.size = rows[at + SIZE];
		this.mtimeNs = rows[at + MTIME_NS];
		this.ctimeNs = rows[at + CTIME_NS];
		this.mtimeMs = rows[at + MTIME_MS];
	}
	isSymbolicLink() {
		return this.kind === "symlink";
	}
	isDirectory() {
		return this.kind === "dir";
	}
	isFile() {
		return this.kind === "file";
	}
	isFIFO() {
		return this.kind === "fifo";
	}
	isSocket() {
		return this.kind === "socket";
	}
	isCharacterDevice() {
		return this.kind === "char";
	}
	isBlockDevice() {
		return this.kind === "block";
	}
};
/** Row `i`'s status (0n: not written yet). */
function rowStatus(rows, i) {
	return Atomics.load(rows, i * 10 + STATUS);
}
// .bundle-in/workers/stat-helper.js
/** Names a walk lists before a helper is worth its start (~30 ms of the other core). */
const START_AFTER = 4096;
/** A directory with fewer names is stat'ed by the walk alone: a message would cost more than it saves. */
const MIN_NAMES = 32;
/** A claim of the helper's that ends no name in this long is given up on. */
const STALLED_MS = 2e3;
/** Row buffers kept for reuse: about one per level the walk is inside at once. */
const KEPT_BUFFERS = 8;
/**
* A second thread for a walk's lstat calls, which dominate a scan of many small files and which
* the walk otherwise makes one after another on one core. The walk hands it each big
* directory's names and takes their stats in order (StatRows), stat'ing those the helper has
* not reached: were the helper slow to start or busy, the walk simply does it all.
*/
var StatHelper = class {
	startAfter;
	worker;
	listed = 0;
	closed = false;
	/**
	* Row buffers of directories done with, every claim on them ended. Reused: a buffer per
	* directory, freed outside V8's heap, left the process ~5 MB larger at a million files.
	*/
	spare = [];
	/** `startAfter`: names listed before the helper thread is started. */
	constructor(startAfter = START_AFTER) {
		this.startAfter = startAfter;
	}
	/**
	* The lstat of prefix + name for each name, row by row as the walk asks (StatRows), the helper
	* working ahead of it; undefined when the directory is left to the caller.
	*/
	statNames(prefix, names) {
		this.listed += names.length;
		if (names.length < MIN_NAMES || this.closed) return void 0;
		if (!this.worker) {
			if (this.listed < this.startAfter) return void 0;
			this.worker = startWorker("stat-worker", import.meta.url);
			this.worker.unref();
			this.worker.on("error", () => this.close());
		}
		const ctrl = new Int32Array(new SharedArrayBuffer(8));
		const rows = new BigInt64Array(this.buffer(names.length * 10 * 8), 0, names.length * 10);
		this.worker.postMessage({
			ctrl: ctrl.buffer,
			rows: rows.buffer,
			prefix,
			names
		});
		return new StatRows({
			ctrl,
			rows,
			prefix,
			names
		}, this);
	}
	close() {
		this.closed = true;
		this.worker?.terminate().catch(() => {});
		this.worker = void 0;
	}
	/** Takes back a directory's rows once every claim on them has ended (no thread writes them again). */
	recycle(batch) {
		if (Atomics.load(batch.ctrl, 1) !== batch.names.length || this.spare.length >= KEPT_BUFFERS) return;
		this.spare.push(batch.rows.buffer);
	}
	/** A zeroed buffer of at least `bytes` (a row's status 0 is "not written yet"). */
	buffer(bytes) {
		const at = this.spare.findIndex((b) => b.byteLength >= bytes);
		if (at < 0) return new SharedArrayBuffer(Math.max(bytes, 20480));
		const b = this.spare.splice(at, 1)[0];
		new BigInt64Array(b, 0, bytes / 8).fill(0n);
		return b;
	}
};
/**
* A directory's rows as the walk takes them, in order: a row the helper has written is read;
* otherwise the walk claims the next names and stats them itself (the row it wants among them,
* or rows after it while the helper finishes that one), and waits only when none is left to
* claim, a few lstat calls at most. So the helper stats ahead while the walk does the rest of its
* work on each entry, and the walk never sleeps while there is work.
*/
var StatRows = class {
	batch;
	helper;
	givenUp = false;
	constructor(batch, helper) {
		this.batch = batch;
		this.helper = helper;
	}
	/** Name `i`'s lstat: a stat, `null` when it is gone since it was listed, `undefined` for the caller to stat (and raise) itself. */
	get(i) {
		const { ctrl, rows } = this.batch;
		for (;;) {
			if (this.givenUp) return void 0;
			const status = rowStatus(rows, i);
			if (status !== 0n) return status === 1n ? new RowStat(rows, i) : status === 2n ? null : void 0;
			if (claimBlock(this.batch)) continue;
			const done = Atomics.load(ctrl, 1);
			if (rowStatus(rows, i) !== 0n) continue;
			if (Atomics.wait(ctrl, 1, done, STALLED_MS) === "timed-out" && Atomics.load(ctrl, 1) === done) {
				this.givenUp = true;
				this.helper.close();
			}
		}
	}
	/** The walk is done with the directory: its rows may serve another once no claim on them is left. */
	release() {
		this.helper.recycle(this.batch);
	}
};
// .bundle-in/engine/backup/scan.js
/**
* Lists a directory tree for a snapshot: relative NFC paths in byte order, regular files,
* directories and in-tree symlinks. Whatever a restore could not reproduce exactly (links out of
* the tree, hard links, sockets, FIFOs, devices, names that are not UTF-8) is refused here, with
* every offending path named, before a single byte is stored.
*/
async function scanTree(rootDir, options = {}) {
	const root = path.resolve(rootDir);
	const rootStat = await statRoot(root);
	const walk = new TreeWalk(root, options);
	try {
		await walk.dir(root, "", rootStat, false);
	} finally {
		walk.helper?.close();
	}
	if (walk.beyond.length > 0) refuseTree(walk.beyond, root);
	checkDirsKept(walk.dirs);
	const entries = await resolveLeavingLinks(root, walk.entries.sorted(), walk, options.followLinks === true);
	refuseUnsupported(walk.refused, root);
	warnSpecialBits(walk.special, options.logger);
	return {
		root,
		entries,
		stamps: walk.stamps,
		files: walk.files,
		bytes: walk.bytes
	};
}
/** Where entry `i` is on disk: its own path, or the root's path joined with its path. */
function absPathOf(root, entries, i) {
	const own = entries.ownAbsPath(i);
	if (own !== void 0) return own;
	const prefix = root.endsWith(path.sep) ? root : root + path.sep;
	const rel = entries.path(i);
	return prefix + (path.sep === "/" ? rel : rel.replaceAll("/", path.sep));
}
/**
* The walk of one scan and what it found. It runs on this thread, one system call after another
* (a thread-pool round trip per entry cost more than the call itself), and gives the event loop
* a turn at each directory and every YIELD_EVERY entries, so a signal still stops it promptly.
*/
var TreeWalk = class {
	root;
	options;
	entries = new ScanBuilder();
	stamps = new StampTable();
	refused = [];
	/** setuid, setgid and sticky bits are not kept: named once, after the walk. */
	special = [];
	/** Paths past the limits are not even looked at (a path too long may not reach the OS). */
	beyond = [];
	/**
	* A directory is known by device and inode: one lookup, where a realpath per directory made
	* the walk cost grow with the cube of the depth.
	*/
	visitedDirs = /* @__PURE__ */ new Set();
	/** Every directory walked: its path on disk, and its device and inode then. */
	dirs = [];
	bytes = 0;
	files = 0;
	sinceYield = 0;
	/** A second thread for the lstat calls of big directories (off: `statHelper: false`). */
	helper;
	constructor(root, options) {
		this.root = root;
		this.options = options;
		this.helper = options.statHelper === false ? void 0 : new StatHelper();
	}
	/** Walks a directory; `renamed`: its path on disk is not the root's joined with `relDir` (a name above is not NFC). */
	async dir(absDir, relDir, st, renamed) {
		const { options, refused } = this;
		const id = `${st.dev}:${st.ino}`;
		if (this.visitedDirs.has(id)) {
			refused.push(`${relDir || "."}: directory loop through a followed link`);
			return;
		}
		this.visitedDirs.add(id);
		this.dirs.push({
			abs: absDir,
			rel: relDir,
			id
		});
		await yieldTurn();
		this.sinceYield = 0;
		const { names, raw } = listNames(absDir);
		const seen = names.every(isAscii) ? void 0 : /* @__PURE__ */ new Map();
		const absPrefix = absDir.endsWith(path.sep) ? absDir : absDir + path.sep;
		const stats = this.helper?.statNames(absPrefix, names);
		for (let i = 0; i < names.length; i++) {
			const name = names[i];
			if (raw && !isUtf8Name(name, raw[i])) {
				refused.push(`${relDir ? relDir + "/" : ""}${name}: file name is not valid UTF-8`);
				continue;
			}
			const nfc = seen ? name.normalize("NFC") : name;
			const rel = relDir ? `${relDir}/${nfc}` : nfc;
			if (seen?.has(nfc)) {
				refused.push(`${rel}: two names in one directory differ only in Unicode normalization (${JSON.stringify(seen.get(nfc))} and ${JSON.stringify(name)})`);
				continue;
			}
			seen?.set(nfc, name);
			if (relDir === "" && nfc === ".index-vault") {
				options.logger?.warn(`leaving out ${META_DIR}/: it holds pack metadata from an extracted snapshot`);
				continue;
			}
			const bad = pathProblem(rel);
			if (bad && options.exclude?.(rel, "file") && options.exclude(rel, "dir")) continue;
			if (bad) {
				this.beyond.push({
					path: rel,
					rule: "path",
					why: bad.why,
					portable: bad.portable
				});
				continue;
			}
			const abs = absPrefix + name;
			const subRenamed = renamed || nfc !== name;
			const sub = this.visit(abs, rel, false, subRenamed, stats?.get(i));
			if (sub) await this.dir(abs, rel, sub, subRenamed);
			else if (++this.sinceYield >= YIELD_EVERY) {
				await yieldTurn();
				this.sinceYield = 0;
			}
		}
		stats?.release();
	}
	/** A link that leaves the tree, stored as what it points to (followLinks). */
	async followed(abs, rel, renamed) {
		const sub = this.visit(abs, rel, true, renamed);
		if (sub) await this.dir(abs, rel, sub, renamed);
	}
	/**
	* Adds the entry at `abs` (or refuses it); a directory to descend into is returned, with its
	* stat. `pre`: its lstat already taken (`null`: gone), else it is taken here.
	*/
	visit(abs, rel, follow, renamed, pre) {
		const { options, refused } = this;
		const ownAbs = renamed ? abs : void 0;
		if (pre === null) return void 0;
		let st = pre;
		try {
			st ??= fs$1.lstatSync(abs, { bigint: true });
		} catch (err) {
			if (err.code === "ENOENT") return void 0;
			throw ioError(err, "cannot stat", abs);
		}
		if (st.isSymbolicLink()) {
			let target;
			try {
				target = fs$1.readlinkSync(abs);
			} catch (err) {
				throw ioError(err, "cannot read link", abs);
			}
			const posixTarget = process.platform === "win32" ? target.replace(/\\/g, "/") : target;
			if (!follow && linkStaysInside(rel, posixTarget)) {
				if (!options.exclude?.(rel, "symlink")) this.entries.symlink(rel, ownAbs, posixTarget, Number(st.mtimeMs));
				return;
			}
			if (!options.followLinks) {
				refused.push(`${rel}: symlink to ${target} points outside the tree`);
				return;
			}
			try {
				st = fs$1.statSync(abs, { bigint: true });
			} catch {
				refused.push(`${rel}: symlink to ${target} is dangling`);
				return;
			}
		}
		const isDir = st.isDirectory();
		if (hasSpecialBits(st) && !options.exclude?.(rel, isDir ? "dir" : "file")) this.special.push(rel);
		if (isDir) {
			if (options.exclude?.(rel, "dir")) return void 0;
			this.entries.dir(rel, ownAbs, Number(st.mtimeMs), permissionBits(st.mode));
			return st;
		}
		if (st.isFile()) {
			if (st.nlink > 1n && !options.followLinks) {
				refused.push(`${rel}: hard link (${st.nlink} names for one file)`);
				return;
			}
			if (options.exclude?.(rel, "file")) return void 0;
			const stamp = this.stamps.add(st.size, st.mtimeNs, st.ctimeNs, st.ino);
			this.entries.file(rel, ownAbs, Number(st.mtimeMs), permissionBits(st.mode), stamp, Number(st.size));
			this.files++;
			this.bytes += Number(st.size);
			return;
		}
		refused.push(`${rel}: ${specialKind(st)}`);
	}
};
/**
* Names are looked up by path (Node.js has no `openat`), so a directory swapped for a link while
* the walk was inside it would have had what the link points to listed and stat'ed in its place:
* once the walk is done, each directory's path must still lead to the directory entered (same
* device and inode; through a link is fine: the root's, a followed one's, or one to that very
* directory). One stat per directory.
*/
function checkDirsKept(dirs) {
	for (const d of dirs) {
		let st;
		try {
			st = fs$1.statSync(d.abs, { bigint: true });
		} catch {
			st = void 0;
		}
		if (st?.isDirectory() && `${st.dev}:${st.ino}` === d.id) continue;
		throw new ChangedError(`${d.rel || "."} was replaced or removed while the directory was scanned: what it listed may not be its own`, {
			hint: "run the backup again once nothing moves directories in the tree",
			details: {
				path: d.rel || ".",
				replaced: true
			}
		});
	}
}
/** Entries the walk stats in a row before it gives the event loop a turn. */
const YIELD_EVERY = 2048;
/**
* Names as the OS returns them, decoded; with their bytes (`raw`, in the same order) when one may
* not be UTF-8 and must be seen as such. Decoding turns every byte that is not part of valid UTF-8
* into U+FFFD, so a listing without one needs no bytes (and no Buffer per name).
*/
function listNames(absDir) {
	try {
		const names = fs$1.readdirSync(absDir);
		if (!names.some((n) => n.includes("�"))) return { names };
		const raw = fs$1.readdirSync(absDir, { encoding: "buffer" });
		return {
			names: raw.map((r) => r.toString("utf8")),
			raw
		};
	} catch (err) {
		throw ioError(err, "cannot list", absDir);
	}
}
function isAscii(s) {
	for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) >= 128) return false;
	return true;
}
/**
* Whether the name's bytes are UTF-8, given their decoding. Decoding turns every byte that is not
* part of valid UTF-8 into U+FFFD, so a name without one is valid; one with it is re-encoded and
* compared (it may hold a real U+FFFD).
*/
function isUtf8Name(decoded, raw) {
	return !decoded.includes("�") || Buffer.from(decoded, "utf8").equals(raw);
}
async function statRoot(root) {
	let rootStat;
	try {
		rootStat = await fs.stat(root, { bigint: true });
	} catch (err) {
		if (err.code === "ENOENT") throw new NotFoundError(`source directory ${root} does not exist`, { hint: "check the path" });
		throw ioError(err, "cannot read", root);
	}
	if (!rootStat.isDirectory()) throw new ValidationError(`${root} is not a directory`, { hint: "point index-vault at the directory that holds the index" });
	return rootStat;
}
/**
* Links that leave the tree only through its other links: stored as what they point to with
* followLinks (which can change how other links resolve, hence the rounds), refused otherwise.
*/
async function resolveLeavingLinks(root, sorted, walk, followLinks) {
	let entries = sorted;
	if (!hasSymlink(entries)) return entries;
	for (let round = 0; walk.refused.length === 0; round++) {
		const leaving = new Map(treeProblems(entries).flatMap((p) => p.rule === "link" ? [[p.path, p.why]] : []));
		if (leaving.size === 0) break;
		const isLeaving = (i) => entries.type(i) === "symlink" && leaving.has(entries.path(i));
		const links = Array.from({ length: entries.length }, (_, i) => i).filter(isLeaving);
		if (!followLinks || round >= 16) {
			for (const i of links) walk.refused.push(`${entries.path(i)}: ${leaving.get(entries.path(i))}`);
			break;
		}
		for (let i = 0; i < entries.length; i++) if (!isLeaving(i)) walk.entries.push(entries.at(i));
		for (const i of links) await walk.followed(absPathOf(root, entries, i), entries.path(i), entries.ownAbsPath(i) !== void 0);
		entries = walk.entries.sorted();
	}
	return entries;
}
function hasSymlink(entries) {
	for (let i = 0; i < entries.length; i++) if (entries.type(i) === "symlink") return true;
	return false;
}
function refuseUnsupported(refused, root) {
	if (refused.length === 0) return;
	const shown = refused.slice(0, 20).map((r) => `  ${r}`).join("\n");
	const more = refused.length > 20 ? `\n  … and ${refused.length - 20} more` : "";
	throw new UnsupportedError(`${refused.length} path(s) in ${root} cannot be snapshotted:\n${shown}${more}`, {
		hint: "remove them, or follow links to store the content that links and hard links point to",
		details: {
			paths: refused,
			remedy: "follow-links"
		}
	});
}
function warnSpecialBits(special, logger) {
	if (special.length === 0) return;
	special.sort(comparePaths);
	const more = special.length > 3 ? ", …" : "";
	logger?.warn(`${special.length} path(s) have setuid, setgid or sticky bits, which a snapshot does not keep (${special.slice(0, 3).join(", ")}${more})`);
}
/** What a path that is neither a file, a directory nor a link is, for the refusal. */
function specialKind(st) {
	if (st.isFIFO()) return "FIFO";
	if (st.isSocket()) return "socket";
	if (st.isCharacterDevice()) return "character device";
	if (st.isBlockDevice()) return "block device";
	return "special file";
}
/** setuid, setgid or sticky on a file or directory: not kept by a snapshot. */
function hasSpecialBits(st) {
	return (st.isDirectory() || st.isFile()) && (Number(st.mode) & 3584) !== 0;
}
// .bundle-in/storage/object-chunks.js
/**
* An object's bytes as chunks for a reader that keeps none of them: for a store that keeps
* objects as files here, read through one reused buffer of `bufferSize` bytes; else the store's
* stream. A stream's fresh buffer per chunk costs, on first touch, as much as the whole read of a
* manifest, and on a pack of hundreds of MiB it leaves ~64 MB of dead buffers waiting for the
* collector, which counts memory outside its heap only in such steps.
*/
async function objectChunks(store, key, bufferSize = 65536) {
	if (store.localRoot === void 0 || !store.download) return store.get(key);
	const copy = await store.download(key);
	let handle;
	try {
		handle = await fs.open(copy.path, "r");
	} catch {
		await copy.release();
		return store.get(key);
	}
	return (async function* () {
		try {
			const buffer = Buffer.allocUnsafe(bufferSize);
			for (;;) {
				let n;
				try {
					n = (await handle.read(buffer, 0, buffer.length, null)).bytesRead;
				} catch (err) {
					throw new StorageError(`cannot read ${key} from ${store.description}: ${err.message}`, { cause: err });
				}
				if (n === 0) return;
				yield buffer.subarray(0, n);
			}
		} finally {
			await handle.close();
			await copy.release();
		}
	})();
}
// .bundle-in/engine/series.js
/**
* Where a series lives in a store:
*   <series>/snapshots/<id>.json   the manifest; written last, so its presence is the commit
*   <series>/packs/<pack name>     packs, immutable once written
*/
function manifestKey(series, id) {
	return `${series}/snapshots/${id}.json`;
}
function packKey(series, packName) {
	return `${series}/packs/${packName}`;
}
/**
* An object's bytes, at most `limit`. With the size a listing gave (`expected`), they are copied
* into one buffer as they arrive rather than gathered and joined: a manifest of 30 MB is then
* allocated once, not twice. An object of another size than expected is read all the same.
*/
async function readAll(source, limit = 1073741824, expected) {
	const parts = [];
	const into = expected !== void 0 && expected > 0 && expected <= limit ? Buffer.allocUnsafe(expected) : void 0;
	let n = 0;
	for await (const c of source) {
		if (n + c.length > limit) throw new IntegrityError(`object larger than ${limit} bytes`);
		if (into && parts.length === 0 && n + c.length <= into.length) c.copy(into, n);
		else {
			if (into && parts.length === 0) parts.push(into.subarray(0, n));
			parts.push(c);
		}
		n += c.length;
	}
	if (parts.length === 0) return into ? into.subarray(0, n) : Buffer.alloc(0);
	return Buffer.concat(parts, n);
}
/** Snapshot ids of a series, oldest first (ids sort by time). */
async function listSnapshotIds(store, series) {
	return (await listSnapshots(store, series)).map((s) => s.id);
}
/** Snapshots of a series with the size of their manifests as listed, oldest first. */
async function listSnapshots(store, series) {
	const prefix = `${series}/snapshots/`;
	return (await store.list(prefix)).map((o) => ({
		name: o.key.slice(prefix.length),
		size: o.size
	})).filter((o) => o.name.endsWith(".json") && isSnapshotId(o.name.slice(0, -5))).map((o) => ({
		id: o.name.slice(0, -5),
		size: o.size
	})).sort((a, b) => a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}
/** Series names present in a store. */
async function listSeries(store) {
	const objects = await store.list("");
	const names = /* @__PURE__ */ new Set();
	for (const o of objects) {
		const m = /^([^/]+)\/snapshots\/[^/]+\.json$/.exec(o.key);
		if (m) names.add(m[1]);
	}
	return [...names].sort();
}
/**
* A snapshot's manifest, read and checked as a stream (manifest-stream.ts: no whole text or bytes
* held); a text the stream route leaves to parseManifest is read again whole, and `listedSize`,
* the size a listing gave, then only saves a copy.
*/
async function loadManifest(store, series, id, listedSize) {
	return (await loadStored(store, series, id, listedSize, false, readManifest)).value;
}
/**
* loadManifest without holding the entries (manifest-stream.ts, readManifestHead): each is handed
* to `sink`, or to nothing for a reader that needs only the other members (list, prune). The
* same checks and the same refusals as loadManifest.
*/
async function loadManifestHead(store, series, id, sink) {
	return (await loadManifestHeadHashed(store, series, id, {
		hash: false,
		sink
	})).head;
}
/**
* `loadManifestHead`, and the sha256 and length of the very bytes it accepted when `hash` is set:
* what a record of the snapshot binds (see last-snapshot.ts). Hashed as they pass, or, when the
* stream route leaves the text to parseManifest, from the second read that parseManifest decided on.
*/
async function loadManifestHeadHashed(store, series, id, options) {
	const read = (chunks, what, reread) => readManifestHead(chunks, what, reread, options.sink);
	const { value, sha256, size } = await loadStored(store, series, id, options.listedSize, options.hash, read);
	return {
		head: value,
		sha256,
		size
	};
}
async function loadStored(store, series, id, listedSize, hash, read) {
	const key = manifestKey(series, id);
	let m;
	const streamed = hash ? createHash("sha256") : void 0;
	let size = 0;
	let whole;
	try {
		const chunks = await objectChunks(store, key);
		m = await read((async function* () {
			for await (const chunk of chunks) {
				streamed?.update(chunk);
				size += chunk.length;
				yield chunk;
			}
		})(), `manifest of snapshot ${id}`, async () => whole = await readAll(await store.get(key), MAX_MANIFEST_BYTES, listedSize));
	} catch (err) {
		if (isIndexVaultError(err, "E_NOT_FOUND")) throw new NotFoundError(`snapshot ${id} of series ${series} is not in ${store.description}`, {
			hint: "list the snapshots in the store to see which are there",
			details: {
				id,
				series,
				remedy: "store"
			}
		});
		throw err;
	}
	if (m.id !== id || m.series !== series) throw new IntegrityError(`manifest stored as ${series}/${id} describes ${m.series}/${m.id}`, { hint: "the store was tampered with or damaged" });
	if (whole !== void 0) return {
		value: m,
		sha256: hash ? createHash("sha256").update(whole).digest("hex") : void 0,
		size: whole.length
	};
	return {
		value: m,
		sha256: streamed?.digest("hex"),
		size
	};
}
/**
* The sha256 of a stored manifest's bytes, read as a stream (no whole buffer, no text, no parse),
* or undefined when it is not `size` bytes long. Errors (a manifest gone, a store failing) are
* the caller's: it falls back to reading the manifest, which reports them.
*/
async function storedManifestSha256(store, series, id, size) {
	const key = manifestKey(series, id);
	const hasher = createHash("sha256");
	let n = 0;
	const take = (chunk) => {
		n += chunk.length;
		if (n > size) return false;
		hasher.update(chunk);
		return true;
	};
	for await (const chunk of await objectChunks(store, key)) if (!take(chunk)) return void 0;
	return n === size ? hasher.digest("hex") : void 0;
}
/** The snapshot a restore means when it names none: the newest of the series. */
async function resolveSnapshotId(store, series, id) {
	if (id) return id;
	const ids = await listSnapshotIds(store, series);
	const latest = ids[ids.length - 1];
	if (!latest) throw new NotFoundError(`no snapshots of series ${series} in ${store.description}`, {
		hint: "check the store and the series name (listing the store shows what is there)",
		details: {
			series,
			remedy: "store"
		}
	});
	return latest;
}
/** Stores a manifest: as `bytes` when the caller already holds its canonical text (checked by parseManifest), else serialized here. */
async function putManifest(store, manifest, bytes = serializeManifest(manifest)) {
	const spare = [];
	const body = Buffer.isBuffer(bytes) ? [bytes] : (function* () {
		for (const chunk of bytes) {
			let buf = spare.pop();
			if (buf === void 0 || buf.byteLength < chunk.length) buf = new ArrayBuffer(chunk.length);
			const part = Buffer.from(buf, 0, chunk.length);
			chunk.copy(part);
			yield part;
		}
	})();
	await store.put(manifestKey(manifest.series, manifest.id), (async function* () {
		yield* body;
	})(), {
		ifNoneMatch: true,
		...store.releasesParts === true ? { release: (part) => void spare.push(part.buffer) } : {}
	});
}
/** Fails with E_NOT_FOUND naming the pack and the snapshot that wrote it if any pack a snapshot needs is gone. */
async function assertPacksPresent(store, manifest) {
	for (const p of manifest.packs) if (!await store.exists(packKey(manifest.series, p.name))) throw new NotFoundError(`snapshot ${manifest.id} needs pack ${p.name} (written by snapshot ${p.origin}), which is missing from the store`, {
		hint: "the chain is broken; restore another snapshot, or take a full snapshot",
		details: {
			id: manifest.id,
			pack: p.name,
			origin: p.origin,
			remedy: "full-snapshot"
		}
	});
}
/**
* The one series a restore or a single-snapshot verify means: `name`; else the series holding
* `snapshot`; else `fromTarget` if the store has it; else the store's only series. Anything else
* fails listing the series that are there, so restoring into a differently named directory
* needs no `--name` when the answer is unambiguous. For stores that list whole (not GitHub's
* cache and artifacts, which find by key prefix).
*/
async function resolveSeries(store, query) {
	const all = await listSeries(store);
	const there = all.length > 0 ? `series in ${store.description}: ${all.join(", ")}` : `${store.description} holds no snapshots`;
	if (query.name !== void 0) {
		if (all.includes(query.name)) return query.name;
		throw new NotFoundError(`no snapshots of series ${query.name} in ${store.description}`, {
			hint: there,
			details: { series: all }
		});
	}
	if (query.snapshot !== void 0) {
		const holders = [];
		for (const s of all) if (await store.exists(manifestKey(s, query.snapshot))) holders.push(s);
		if (holders.length === 1) return holders[0];
		if (holders.length === 0) throw new NotFoundError(`snapshot ${query.snapshot} is not in ${store.description}`, {
			hint: there,
			details: {
				id: query.snapshot,
				series: all
			}
		});
		throw new ValidationError(`snapshot ${query.snapshot} is in several series: ${holders.join(", ")}`, {
			hint: "name the series",
			details: {
				id: query.snapshot,
				series: holders,
				remedy: "series"
			}
		});
	}
	if (query.fromTarget !== void 0 && all.includes(query.fromTarget)) return query.fromTarget;
	if (all.length === 1) return all[0];
	if (all.length === 0) throw new NotFoundError(`no snapshots in ${store.description}`, {
		hint: "check the store (listing it shows what is there)",
		details: {
			series: all,
			remedy: "store"
		}
	});
	throw new ValidationError(`${store.description} holds several series${query.fromTarget !== void 0 ? `, none named ${query.fromTarget}` : ""}`, {
		hint: `name the series; ${there}`,
		details: {
			series: all,
			remedy: "series"
		}
	});
}
// .bundle-in/fs-safety/last-snapshot.js
const VERSION = 1;
/** Far more than a record of the largest snapshot's packs takes. */
const MAX_FILE_BYTES = 16777216;
/** The record of the tree whose hash cache is `cacheFile` (`<hash of the root>.bin`): beside it, named alike. */
function lastSnapshotFile(cacheFile) {
	return cacheFile.replace(/\.bin$/, ".last.json");
}
/** The record kept at `file`, or undefined when there is none or it is unreadable, damaged or of another version. */
async function readLastSnapshot(file, logger) {
	try {
		const fh = await fs.open(file, "r");
		let text;
		try {
			const { size } = await fh.stat();
			if (size > MAX_FILE_BYTES) throw new Error(`${size} bytes, more than a record can hold`);
			text = await fh.readFile("utf8");
		} finally {
			await fh.close();
		}
		const record = checkRecord(JSON.parse(text));
		if (!record) throw new Error("not a record of the last snapshot");
		return record;
	} catch (err) {
		if (err.code !== "ENOENT") logger.debug(`ignoring ${file} (${err.message}): the newest manifest will be read`);
		return;
	}
}
/** Writes the record atomically. Never throws: a failure only means the next backup reads the manifest. */
async function writeLastSnapshot(file, record, logger) {
	const tmp = `${file}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`;
	try {
		await makePrivateDir(path.dirname(file));
		await fs.writeFile(tmp, `${JSON.stringify({
			version: VERSION,
			...record
		})}\n`, {
			flag: "wx",
			mode: 384
		});
		await fs.rename(tmp, file);
	} catch (err) {
		await fs.rm(tmp, { force: true }).catch(() => {});
		logger.debug(`could not save ${file} (${err.message}); the next backup reads the newest manifest`);
	}
}
const HEX64 = /^[0-9a-f]{64}$/;
const isCount = (v) => Number.isSafeInteger(v) && v >= 0;
const isText = (v) => typeof v === "string" && v.length > 0;
const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);
/** The record if every field has its type, as written by `writeLastSnapshot`; anything else is not one. */
function checkRecord(v) {
	if (!isObject(v) || v.version !== VERSION) return void 0;
	const { source, store, series, options, tree, namesClean, names, manifest, placesChecked, snapshot } = v;
	if (!isText(source) || !isText(store) || !isText(series) || typeof namesClean !== "boolean") return void 0;
	if (names !== void 0 && (typeof names !== "string" || !HEX64.test(names))) return void 0;
	if (typeof options !== "string" || !HEX64.test(options) || typeof tree !== "string" || !HEX64.test(tree)) return void 0;
	if (!isObject(manifest) || !isCount(manifest.size) || typeof manifest.sha256 !== "string" || !HEX64.test(manifest.sha256)) return void 0;
	const head = checkHead(snapshot);
	if (!head || head.series !== series) return void 0;
	return {
		source,
		store,
		series,
		options,
		tree,
		namesClean,
		...names !== void 0 ? { names } : {},
		manifest: {
			size: manifest.size,
			sha256: manifest.sha256
		},
		placesChecked: placesChecked === true,
		snapshot: head
	};
}
function checkHead(v) {
	if (!isObject(v)) return void 0;
	const { id, series, digest, depth, parent, packs, totals } = v;
	if (!isText(id) || !isText(series) || !isText(digest) || !isCount(depth)) return void 0;
	let parentOf = null;
	if (parent !== null) {
		if (!isObject(parent) || !isText(parent.id) || !isText(parent.digest)) return void 0;
		parentOf = {
			id: parent.id,
			digest: parent.digest
		};
	}
	if (!Array.isArray(packs) || !isObject(totals)) return void 0;
	const packList = [];
	for (const p of packs) {
		if (!isObject(p) || !isText(p.name) || !isText(p.origin) || !CODECS.includes(p.codec)) return void 0;
		if (!isCount(p.size) || !isCount(p.rawSize) || typeof p.sha256 !== "string" || !HEX64.test(p.sha256)) return void 0;
		packList.push({
			name: p.name,
			origin: p.origin,
			codec: p.codec,
			size: p.size,
			sha256: p.sha256,
			rawSize: p.rawSize
		});
	}
	const { files, dirs, symlinks, bytes, packedBytes, storedBytes } = totals;
	if (![
		files,
		dirs,
		symlinks,
		bytes,
		packedBytes,
		storedBytes
	].every(isCount)) return void 0;
	return {
		id,
		series,
		digest,
		depth,
		parent: parentOf,
		packs: packList,
		totals: {
			files,
			dirs,
			symlinks,
			bytes,
			packedBytes,
			storedBytes
		}
	};
}
// .bundle-in/engine/backup/tree-digest.js
/** The tree digest of the manifest a scan with these hashes would give. */
function scannedTreeDigest(entries, hashOf) {
	const d = new TreeDigest();
	for (let i = 0; i < entries.length; i++) {
		const type = entries.type(i);
		if (type === "file") d.file(entries.path(i), hashOf(i), entries.exec(i), entries.mode(i));
		else if (type === "dir") d.dir(entries.path(i), entries.mode(i));
		else d.symlink(entries.path(i), entries.target(i));
	}
	return d.digest();
}
/**
* A digest of all the tree rules and the name checks read of a scan: each entry's type, path
* and link target, in order (a TreeDigest without contents or modes).
*/
function namesDigest(entries) {
	const d = new TreeDigest();
	for (let i = 0; i < entries.length; i++) {
		const type = entries.type(i);
		if (type === "file") d.file(entries.path(i), void 0, false, void 0);
		else if (type === "dir") d.dir(entries.path(i), void 0);
		else d.symlink(entries.path(i), entries.target(i));
	}
	return d.digest();
}
// .bundle-in/engine/backup/read-back.js
/**
* Reads a pack back from a store that could not check it while writing, and proves it is what
* was written: the same size and the same sha256. A local store's pack is read through one
* reused buffer, so reading a chain's packs leaves no trail of dead buffers behind.
*/
async function readBackPack(store, key, expected) {
	const hash = createHash("sha256");
	let size = 0;
	for await (const chunk of await objectChunks(store, key, 1048576)) {
		hash.update(chunk);
		size += chunk.length;
	}
	const sha256 = hash.digest("hex");
	if (size !== expected.size || sha256 !== expected.sha256) throw new IntegrityError(`${key} as stored differs from what was written (${size} bytes read back, ${expected.size} written)`, {
		hint: "the store altered or truncated the object; check its health and back up again",
		details: { key }
	});
}
// .bundle-in/snapshot/member-table.js
const TYPES = [
	"file",
	"dir",
	"symlink"
];
/** Numbers per row, in this order; NaN where an expectation has none. */
const NUMS = [
	"size",
	"raw",
	"span",
	"offset",
	"length",
	"skip"
];
const SHA$1 = 32;
const EMPTY = -1;
/** Rows per block, a power of two; a block's columns start small (a chain may have many small packs, each with a table). */
const BLOCK_SHIFT = 12;
const BLOCK_ROWS = 4096;
const FIRST_ROWS$1 = 16;
/** Bytes per block of names; a longer name gets a block of its own. */
const NAME_BLOCK = 65536;
const FIRST_NAMES = 1024;
/** The columns of up to BLOCK_ROWS rows. */
var Block$1 = class Block$1 {
	kinds;
	nums;
	shas;
	/** Per row: the name's block, offset in it and length in bytes. */
	names;
	constructor(rows) {
		this.kinds = new Uint8Array(rows);
		this.nums = new Float64Array(rows * NUMS.length);
		this.shas = Buffer.allocUnsafe(rows * SHA$1);
		this.names = new Uint32Array(rows * 3);
	}
	get rows() {
		return this.kinds.length;
	}
	/** The same rows with room for `rows`; only a table's first block grows (to BLOCK_ROWS). */
	grown(rows) {
		const b = new Block$1(rows);
		b.kinds.set(this.kinds);
		b.nums.set(this.nums);
		this.shas.copy(b.shas);
		b.names.set(this.names);
		return b;
	}
};
/**
* Member expectations as columns, in blocks of rows that are filled and never copied again (no
* garbage of outgrown arrays, no room left over but the last block's): names as UTF-8 in blocks
* of bytes with an open-addressing index over them, numbers in Float64Arrays, each sha256 as its
* 32 bytes. A Map of objects held ~300 bytes per file (the object, its sha256's 64-character
* string, the map's entry); this holds ~150, so a verify of 1,000,000 files keeps ~150 MB where
* it kept ~350. Rows keep the order they were added in, as a Map's entries do; an expectation
* object is made only when one is asked for.
*/
var MemberTable = class {
	count = 0;
	blocks = [];
	nameBlocks = [];
	/** The name block being filled, and how far. */
	nameBlock = -1;
	nameUsed = 0;
	targets = /* @__PURE__ */ new Map();
	/**
	* Names UTF-8 cannot hold exactly (a lone surrogate becomes U+FFFD, so two of them, or one and a
	* real U+FFFD, would share bytes): kept as strings, by name and by row, out of the byte index.
	* A forged manifest may hold them; a Map keeps them apart, and so must this.
	*/
	oddRows = /* @__PURE__ */ new Map();
	oddNames = /* @__PURE__ */ new Map();
	slots = (/* @__PURE__ */ new Int32Array(32)).fill(EMPTY);
	scratch = Buffer.allocUnsafe(256);
	get size() {
		return this.count;
	}
	/** Adds an expectation under its member name; or, if that name has one already, changes nothing and returns its row. */
	add(exp) {
		const odd = !exp.member.isWellFormed();
		const n = odd ? 0 : this.encode(exp.member);
		const slot = odd ? EMPTY : this.find(n);
		const found = odd ? this.oddRows.get(exp.member) ?? EMPTY : this.slots[slot];
		if (found !== EMPTY) return found;
		const row = this.count;
		const b = this.blockFor(row);
		const i = row & 4095;
		this.storeName(b, i, n);
		if (odd) {
			this.oddRows.set(exp.member, row);
			this.oddNames.set(row, exp.member);
		}
		b.kinds[i] = TYPES.indexOf(exp.type);
		for (let k = 0; k < NUMS.length; k++) b.nums[i * NUMS.length + k] = exp[NUMS[k]] ?? NaN;
		if (exp.sha256 !== void 0) {
			if (exp.sha256.length !== 64 || b.shas.write(exp.sha256, i * SHA$1, SHA$1, "hex") !== SHA$1) throw new Error(`member ${exp.member}: ${JSON.stringify(exp.sha256)} is not a sha256 in hex`);
		} else b.shas.fill(0, i * SHA$1, i * SHA$1 + SHA$1);
		if (exp.target !== void 0) this.targets.set(row, exp.target);
		this.count++;
		if (2 * this.count > this.slots.length) this.rebuildSlots(2 * this.slots.length);
		else if (!odd) this.slots[slot] = row;
		return -1;
	}
	/** Whether a row holds the same content (sha256, size and raw position) as `exp`. */
	sameContent(row, exp) {
		const b = this.blocks[row >>> BLOCK_SHIFT];
		const i = row & 4095;
		const at = i * NUMS.length;
		return b.kinds[i] === 0 && this.sha256Of(row) === exp.sha256 && same(b.nums[at], exp.size) && same(b.nums[at + 1], exp.raw);
	}
	get(member) {
		const row = this.rowOf(member);
		return row === EMPTY ? void 0 : this.expectation(row, member);
	}
	has(member) {
		return this.rowOf(member) !== EMPTY;
	}
	rowOf(member) {
		if (!member.isWellFormed()) return this.oddRows.get(member) ?? EMPTY;
		return this.slots[this.find(this.encode(member))];
	}
	*keys() {
		for (let row = 0; row < this.count; row++) yield this.nameOf(row);
	}
	*values() {
		for (let row = 0; row < this.count; row++) yield this.expectation(row, this.nameOf(row));
	}
	*entries() {
		for (let row = 0; row < this.count; row++) {
			const name = this.nameOf(row);
			yield [name, this.expectation(row, name)];
		}
	}
	nameOf(row) {
		const odd = this.oddNames.get(row);
		if (odd !== void 0) return odd;
		const names = this.blocks[row >>> BLOCK_SHIFT].names;
		const at = 3 * (row & 4095);
		return this.nameBlocks[names[at]].toString("utf8", names[at + 1], names[at + 1] + names[at + 2]);
	}
	sha256Of(row) {
		const b = this.blocks[row >>> BLOCK_SHIFT];
		const i = row & 4095;
		return b.kinds[i] === 0 ? b.shas.toString("hex", i * SHA$1, i * SHA$1 + SHA$1) : void 0;
	}
	expectation(row, member) {
		const b = this.blocks[row >>> BLOCK_SHIFT];
		const i = row & 4095;
		const exp = {
			member,
			type: TYPES[b.kinds[i]]
		};
		for (let k = 0; k < NUMS.length; k++) {
			const v = b.nums[i * NUMS.length + k];
			if (!Number.isNaN(v)) exp[NUMS[k]] = v;
		}
		const sha256 = this.sha256Of(row);
		if (sha256 !== void 0) exp.sha256 = sha256;
		const target = this.targets.get(row);
		if (target !== void 0) exp.target = target;
		return exp;
	}
	/** The block row `row` goes in, made (or, the first, grown) as needed. */
	blockFor(row) {
		const k = row >>> BLOCK_SHIFT;
		let b = this.blocks[k];
		if (b === void 0) this.blocks.push(b = new Block$1(k === 0 ? FIRST_ROWS$1 : BLOCK_ROWS));
		if ((row & 4095) >= b.rows) this.blocks[k] = b = b.grown(Math.min(BLOCK_ROWS, 2 * b.rows));
		return b;
	}
	/** Copies the name in the scratch buffer (`n` bytes) into the name blocks, and notes where for row `i` of `b`. */
	storeName(b, i, n) {
		let block = this.nameBlock;
		if (n > NAME_BLOCK) {
			this.nameBlocks.push(Buffer.from(this.scratch.subarray(0, n)));
			block = this.nameBlocks.length - 1;
			b.names.set([
				block,
				0,
				n
			], 3 * i);
			return;
		}
		const current = block < 0 ? void 0 : this.nameBlocks[block];
		if (current === void 0 || this.nameUsed + n > current.length) {
			if (current !== void 0 && current.length < NAME_BLOCK) {
				const grown = Buffer.allocUnsafe(Math.min(NAME_BLOCK, Math.max(2 * current.length, this.nameUsed + n)));
				current.copy(grown, 0, 0, this.nameUsed);
				this.nameBlocks[block] = grown;
			} else {
				this.nameBlocks.push(Buffer.allocUnsafe(current === void 0 ? FIRST_NAMES : NAME_BLOCK));
				block = this.nameBlock = this.nameBlocks.length - 1;
				this.nameUsed = 0;
			}
			if (this.nameUsed + n > this.nameBlocks[block].length) return this.storeName(b, i, n);
		}
		this.scratch.copy(this.nameBlocks[block], this.nameUsed, 0, n);
		b.names[3 * i] = block;
		b.names[3 * i + 1] = this.nameUsed;
		b.names[3 * i + 2] = n;
		this.nameUsed += n;
	}
	/** The UTF-8 bytes of a name into the scratch buffer; their length. */
	encode(member) {
		const most = 3 * member.length;
		if (most > this.scratch.length) this.scratch = Buffer.allocUnsafe(Math.max(most, 2 * this.scratch.length));
		return this.scratch.write(member, 0, "utf8");
	}
	/** The slot of the name in the scratch buffer: its row's, or the empty one where it would go. */
	find(n) {
		const mask = this.slots.length - 1;
		let h = 2166136261;
		for (let i = 0; i < n; i++) h = Math.imul(h ^ this.scratch[i], 16777619);
		for (let slot = h & mask;; slot = slot + 1 & mask) {
			const row = this.slots[slot];
			if (row === EMPTY) return slot;
			const names = this.blocks[row >>> BLOCK_SHIFT].names;
			const at = 3 * (row & 4095);
			const start = names[at + 1];
			if (names[at + 2] === n && this.nameBlocks[names[at]].compare(this.scratch, 0, n, start, start + n) === 0) return slot;
		}
	}
	/** `size` slots (a power of two, more than twice the rows), every row put in again. */
	rebuildSlots(size) {
		this.slots = new Int32Array(size).fill(EMPTY);
		for (let row = 0; row < this.count; row++) {
			if (this.oddNames.has(row)) continue;
			const names = this.blocks[row >>> BLOCK_SHIFT].names;
			const at = 3 * (row & 4095);
			const n = names[at + 2];
			if (n > this.scratch.length) this.scratch = Buffer.allocUnsafe(2 * n);
			this.nameBlocks[names[at]].copy(this.scratch, 0, names[at + 1], names[at + 1] + n);
			this.slots[this.find(n)] = row;
		}
	}
};
const same = (stored, given) => given === void 0 ? Number.isNaN(stored) : stored === given;
// .bundle-in/engine/verify/expectations.js
/** The member a file's content is stored under (its own path unless shared with another). */
function memberOf(entry) {
	return entry.loc.member ?? entry.path;
}
/** What a file entry says its member holds and where. */
function fileExpectation(e, member) {
	const { raw, span, offset, length, skip } = e.loc;
	return {
		member,
		type: "file",
		size: e.size,
		sha256: e.sha256,
		raw,
		span,
		offset,
		length,
		skip
	};
}
/**
* fileExpectation read through the entry, for a reader that holds the entries anyway (restore):
* two fields instead of a copy of ten, per file.
*/
var EntryExpectation = class {
	member;
	e;
	constructor(member, e) {
		this.member = member;
		this.e = e;
	}
	get type() {
		return "file";
	}
	get size() {
		return this.e.size;
	}
	get sha256() {
		return this.e.sha256;
	}
	get raw() {
		return this.e.loc.raw;
	}
	get span() {
		return this.e.loc.span;
	}
	get offset() {
		return this.e.loc.offset;
	}
	get length() {
		return this.e.loc.length;
	}
	get skip() {
		return this.e.loc.skip;
	}
};
/** A directory or symlink, as the first pack of its snapshot records it. */
function treeExpectation(e) {
	return e.type === "symlink" ? {
		member: e.path,
		type: "symlink",
		target: e.target
	} : {
		member: e.path,
		type: "dir"
	};
}
function differ(prev, e) {
	return differs(prev, e.sha256, e.size, e.loc.raw);
}
/** Whether a second entry stored under `prev`'s member name gives it another content: the one rule, for entries and rows. */
function differs(prev, sha256, size, raw) {
	return prev.sha256 !== sha256 || prev.size !== size || prev.raw !== raw;
}
function twoContents(id, member, packName) {
	return new IntegrityError(`manifest ${id} gives member ${member} of ${packName} two different contents`);
}
/** The first own pack's members: the directories and links, then the files, none under another's name. */
function withTree(tree, files, id, packName) {
	if (files instanceof MemberTable) {
		const out = new MemberTable();
		for (const t of tree) out.add(t);
		for (const f of files.values()) if (out.add(f) !== -1) throw twoContents(id, f.member, packName);
		return out;
	}
	const out = /* @__PURE__ */ new Map();
	for (const t of tree) out.set(t.member, t);
	for (const [member, f] of files) {
		if (out.has(member)) throw twoContents(id, member, packName);
		out.set(member, f);
	}
	return out;
}
/**
* allPackExpectations an entry at a time, as a manifest is read (an EntrySink): a reader that
* needs only the expectations (verify) never holds the entries. Which pack is the snapshot's
* first own one is known only from the packs, which a manifest's text gives after the entries,
* so its directories and links wait apart until `of`.
*/
var PackExpectations = class {
	throughEntries;
	tables;
	/** By pack: a Map of expectations, or, with `tables`, a table of them (MemberTable). */
	files = /* @__PURE__ */ new Map();
	/** Packs whose files disagree, with the first member that does. */
	conflicts = /* @__PURE__ */ new Map();
	tree = [];
	/**
	* `throughEntries`: the caller keeps every entry it hands in, so expectations may read them
	* instead of copying (in Maps). Otherwise each is copied: into a Map of objects (~300 bytes a
	* file), or with `tables` into tables (~150 bytes). Tables make an object per member each time
	* a pack is read, garbage that costs more than they save at 100,000 files (verify: 205-218 MB
	* against 177-181) and far less at 1,000,000 (490 against 640): the caller chooses by size.
	*/
	constructor(throughEntries = false, tables = false) {
		this.throughEntries = throughEntries;
		this.tables = tables;
	}
	entry(e) {
		if (e.type !== "file") {
			this.tree.push(treeExpectation(e));
			return;
		}
		const pack = e.loc.pack;
		if (this.conflicts.has(pack)) return;
		let files = this.files.get(pack);
		if (files === void 0) this.files.set(pack, files = this.tables ? new MemberTable() : /* @__PURE__ */ new Map());
		const member = memberOf(e);
		let differs;
		if (files instanceof MemberTable) {
			const row = files.add(fileExpectation(e, member));
			differs = row !== -1 && !files.sameContent(row, {
				sha256: e.sha256,
				size: e.size,
				raw: e.loc.raw
			});
		} else {
			const prev = files.get(member);
			if (prev === void 0) files.set(member, this.throughEntries ? new EntryExpectation(member, e) : fileExpectation(e, member));
			differs = prev !== void 0 && differ(prev, e);
		}
		if (differs) {
			this.conflicts.set(pack, member);
			this.files.delete(pack);
		}
	}
	restart() {
		this.files = /* @__PURE__ */ new Map();
		this.conflicts = /* @__PURE__ */ new Map();
		this.tree = [];
	}
	/**
	* Each pack's map, handed over once (and then let go of here, so a reader of one pack after
	* another holds no more than before); a pack whose entries disagree is refused when asked for.
	*/
	of(manifest) {
		const firstOwn = manifest.packs.findIndex((p) => p.origin === manifest.id);
		const given = /* @__PURE__ */ new Set();
		const { files, conflicts, tree } = this;
		this.restart();
		return (packIndex) => {
			const packName = manifest.packs[packIndex].name;
			const member = conflicts.get(packIndex);
			if (member !== void 0) throw twoContents(manifest.id, member, packName);
			if (given.has(packIndex)) throw new Error(`the expectations of pack ${packIndex} were handed over already`);
			given.add(packIndex);
			const own = files.get(packIndex) ?? /* @__PURE__ */ new Map();
			files.delete(packIndex);
			return packIndex === firstOwn ? withTree(tree, own, manifest.id, packName) : own;
		};
	}
};
/**
* fileExpectation read through a row of an EntryTable (restore of a manifest held as columns):
* an object of three fields per member of the pack being read, none kept once it is read.
*/
var RowExpectation = class {
	member;
	table;
	row;
	constructor(member, table, row) {
		this.member = member;
		this.table = table;
		this.row = row;
	}
	get type() {
		return "file";
	}
	get size() {
		return this.table.size(this.row);
	}
	get sha256() {
		return this.table.sha256(this.row);
	}
	get raw() {
		return this.table.raw(this.row);
	}
	get span() {
		return this.table.span(this.row);
	}
	get offset() {
		return this.table.offset(this.row);
	}
	get length() {
		return this.table.locLength(this.row);
	}
	get skip() {
		return this.table.skip(this.row);
	}
};
/**
* packExpectations for one pack of a manifest held as an EntryTable: `rows` are the rows of the
* pack's files in the manifest's order, `treeRows` those of every directory and link when the
* pack is the snapshot's first own one. The same map, in the same order, or the same refusal.
*/
function rowPackExpectations(manifest, table, packIndex, rows, treeRows) {
	const packName = manifest.packs[packIndex].name;
	const files = /* @__PURE__ */ new Map();
	for (const r of rows) {
		const member = table.member(r);
		const prev = files.get(member);
		if (prev === void 0) files.set(member, new RowExpectation(member, table, r));
		else if (differs(prev, table.sha256(r), table.size(r), table.raw(r))) throw twoContents(manifest.id, member, packName);
	}
	if (treeRows === void 0) return files;
	const tree = [];
	for (const r of treeRows) tree.push(treeExpectation(table.at(r)));
	return withTree(tree, files, manifest.id, packName);
}
// .bundle-in/workers/lane-pool.js
/**
* Frames reach a lane through slots of shared memory that go back and forth (no allocation per
* frame, nothing for either side's garbage collector); a frame too large for a slot is handed
* over in its own buffer. The slot count bounds what is queued for a lane.
*/
const SLOTS = 4;
const SLOT_BYTES = 1114112;
/** A segment failed inside its lane; `error` says how, as plain data. */
var LaneFailure = class extends Error {
	error;
	constructor(error) {
		super(error.message);
		this.error = error;
	}
};
/** One worker thread, running one segment at a time. */
var Lane = class {
	worker;
	slots;
	free = [];
	queued = 0;
	room;
	/**
	* The segments posted and not yet answered, in order: one fed with frames, or several read
	* from files (the lane takes messages one at a time, so each waits in its queue and starts
	* the moment the one before ends, not once this thread has answered that one).
	*/
	pending = /* @__PURE__ */ new Map();
	dead;
	constructor() {
		const shared = new SharedArrayBuffer(SLOTS * SLOT_BYTES);
		this.slots = Buffer.from(shared);
		this.worker = startWorker("lane-worker", import.meta.url, { workerData: {
			slots: shared,
			slotBytes: SLOT_BYTES
		} });
		this.worker.on("message", (m) => this.reply(m));
		const die = (err) => {
			this.dead ??= err;
			for (const p of this.pending.values()) p.reject(err);
			this.pending.clear();
			this.room?.();
		};
		this.worker.on("error", die);
		this.worker.on("exit", (code) => die(/* @__PURE__ */ new Error(`restore lane exited with code ${code}`)));
	}
	reply(m) {
		const c = this.pending.get(m.seg);
		if (!c) return;
		if (m.op === "ack") {
			if (m.slot !== void 0) {
				this.queued--;
				this.free.push(m.slot);
			} else if (c.fed) this.queued--;
			c.onAck(m.bytes, m.files, m.n);
			this.room?.();
			return;
		}
		this.pending.delete(m.seg);
		this.room?.();
		if (m.op === "done") c.resolve({
			met: m.met,
			others: m.others,
			written: m.written,
			stamps: m.stamps
		});
		else c.reject(new LaneFailure(m.error));
	}
	/**
	* Runs a segment: `frames` yields its input in order (whole zstd frames, or pieces of a gzip
	* stream, each as the pieces of the chunks it was read in) and is stopped as soon as the lane
	* has all it needs.
	*/
	run(seg, frames, onAck) {
		if (this.dead) return Promise.reject(this.dead);
		if (this.pending.size > 0) return Promise.reject(/* @__PURE__ */ new Error("a segment fed with frames runs alone on its lane"));
		const result = this.begin(seg, onAck, true);
		return this.feed(seg.id, result, frames);
	}
	begin(seg, onAck, fed) {
		const result = new Promise((resolve, reject) => this.pending.set(seg.id, {
			resolve,
			reject,
			onAck,
			fed
		}));
		this.post({
			op: "begin",
			seg
		});
		return result;
	}
	async feed(id, result, frames) {
		let settled = false;
		result.then(() => settled = true, () => settled = true);
		this.queued = 0;
		this.free = Array.from({ length: SLOTS }, (_, i) => i);
		try {
			for await (const pieces of frames) {
				if (settled) break;
				while (this.queued >= SLOTS && !settled) await new Promise((r) => this.room = r);
				this.room = void 0;
				if (settled) break;
				let n = 0;
				for (const p of pieces) n += p.length;
				this.queued++;
				const slot = n <= SLOT_BYTES ? this.free.pop() : void 0;
				if (slot !== void 0) {
					let at = slot * SLOT_BYTES;
					for (const p of pieces) {
						this.slots.set(p, at);
						at += p.length;
					}
					this.post({
						op: "frame",
						seg: id,
						slot,
						n
					});
				} else {
					const data = Buffer.concat(pieces, n);
					this.worker.postMessage({
						op: "frame",
						seg: id,
						data,
						n
					}, [data.buffer]);
				}
			}
		} catch (err) {
			this.pending.delete(id);
			throw err;
		}
		if (!settled) this.post({
			op: "end",
			seg: id
		});
		return result;
	}
	/**
	* Runs a segment whose frames the lane reads itself from `seg.file`; more may be posted while
	* it runs (see `pending`), never beside a segment fed with frames.
	*/
	runFile(seg, onAck) {
		if (this.dead) return Promise.reject(this.dead);
		if ([...this.pending.values()].some((p) => p.fed)) return Promise.reject(/* @__PURE__ */ new Error("a segment fed with frames runs alone on its lane"));
		return this.begin(seg, onAck, false);
	}
	post(m) {
		this.worker.postMessage(m);
	}
	async close() {
		await this.worker.terminate();
	}
};
/**
* Worker threads that restore stretches of packs side by side, one per core (at most four).
* Closing the pool stops every lane before it returns, so nothing writes into a staging
* directory after a failed restore has begun to remove it.
*/
var LanePool = class {
	lanes = [];
	closed = false;
	size;
	constructor(size = Math.max(1, Math.min(4, os.availableParallelism()))) {
		this.size = size;
	}
	lane(i) {
		if (this.closed) throw new Error("the restore lanes were closed");
		while (this.lanes.length <= i) this.lanes.push(new Lane());
		return this.lanes[i];
	}
	async close() {
		this.closed = true;
		await Promise.all(this.lanes.map((l) => l.close()));
		this.lanes.length = 0;
	}
};
// .bundle-in/fs-safety/hash-file.js
const CHUNK = 4194304;
/** sha256 and size of a file, read in large chunks into one reused buffer. */
async function hashFile(file, buffer = Buffer.allocUnsafe(CHUNK)) {
	let fh;
	try {
		fh = await fs.open(file, "r");
	} catch (err) {
		throw ioError(err, "cannot open", file);
	}
	try {
		const hash = createHash("sha256");
		let size = 0;
		for (;;) {
			const { bytesRead } = await fh.read(buffer, 0, buffer.length, null);
			if (bytesRead === 0) break;
			hash.update(buffer.subarray(0, bytesRead));
			size += bytesRead;
		}
		return {
			sha256: hash.digest("hex"),
			size
		};
	} catch (err) {
		throw ioError(err, "cannot read", file);
	} finally {
		await fh.close();
	}
}
// .bundle-in/snapshot/member-check.js
const DAMAGED = "the pack is damaged";
/** A name may appear once in a pack (across its stretches too): `seen` gains it. */
function checkUnique(packName, name, seen) {
	if (seen.has(name)) throw new UnsafeEntryError(`pack ${packName} holds ${JSON.stringify(name)} twice`, { details: { path: name } });
	seen.add(name);
}
/**
* Every member the manifest lists in a pack read whole and strictly must have been met: as many
* names met are listed as there are listed names (`seen` holds each once). Counted through
* `seen`, whose names exist already: listing `expected` by name would make a string per member.
*/
function checkAllPresent(packName, expected, seen) {
	let met = 0;
	for (const name of seen) if (expected.has(name)) met++;
	if (met === expected.size) return;
	for (const m of expected.keys()) if (!seen.has(m)) throw new IntegrityError(`pack ${packName} lacks ${JSON.stringify(m)}`, {
		hint: DAMAGED,
		details: { path: m }
	});
}
// .bundle-in/workers/lane-members.js
const KINDS$1 = [
	"file",
	"dir",
	"symlink"
];
function packMembers(members) {
	const n = members.length;
	let destTotal = 0;
	for (const m of members) destTotal += m.dests?.length ?? 0;
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
		kinds[i] = KINDS$1.indexOf(m.type) | (m.hash ? 128 : 0);
		sizes[i] = m.size ?? NaN;
		raws[i] = m.raw ?? NaN;
		if (m.sha256 !== void 0) {
			hasSha[i] = 1;
			shas.push(m.sha256);
		}
		if (m.type === "symlink") targets.push(m.target);
		destCounts[i] = m.dests?.length ?? 0;
		for (const dest of m.dests ?? []) {
			rels.push(dest.rel);
			lengths[n + d] = dest.rel.length;
			destModes[d] = dest.mode;
			destMtimes[d++] = dest.mtimeMs;
		}
	});
	if (shas.some((s) => s.length !== 64)) throw new TypeError("a member sha256 is not 64 characters");
	return {
		count: n,
		text: parts.join("") + rels.join(""),
		lengths,
		kinds,
		sizes,
		raws,
		sha256: shas.join(""),
		hasSha,
		targets,
		destCounts,
		destModes,
		destMtimes
	};
}
/** Runs of zeros at least this long are left as holes. */
const HOLE_MIN = 65536;
/**
* Restores or verifies a pack (or runs of one) on several lanes at once: the one reading path.
* A zstd pack is cut at file records whose position the manifest gives; each stretch is read with
* its own ranged read and decoded, checked, hashed and written by one lane, while the other lanes
* do the same with the next stretches. A gzip pack (whose members cannot be found without
* decoding) is one stretch when read whole. Every byte of a whole pack is parsed by exactly one
* lane, so the checks are those of a sequential read: every member listed, in place, once, of the
* listed type, size and content. Returns the members seen, the compressed bytes read,
* the number of stretches and, when asked, the pack's sha256.
*/
async function readPackInLanes(opts) {
	return (await readPacksInLanes([opts]))[0];
}
/** The stretches of the packs a list gives, in order: each pack is taken from it and planned when the lanes reach it. */
var StretchQueue = class {
	source;
	/** Each pack's result, in the list's order. */
	results = [];
	/** The packs taken and not yet finished: a finished one is let go of (its expectations with it). */
	open = /* @__PURE__ */ new Set();
	current;
	constructor(source) {
		this.source = source;
	}
	/** The next stretch to read and its pack: the current pack's next, or the first of the next pack that has any. */
	take() {
		let pk = this.current;
		while (pk === void 0 || pk.given === pk.result.segments) {
			const n = this.source.next();
			if (n.done) return void 0;
			const opts = n.value;
			const plan = opts.runs ? planRuns(opts) : planWhole(opts, opts.pack.codec !== "zstd" || opts.digest === true && !opts.copy && !opts.store.download);
			pk = {
				opts,
				plan,
				given: 0,
				left: plan.length,
				seen: /* @__PURE__ */ new Set(),
				copy: void 0,
				whole: void 0,
				tap: opts.digest ? {
					hash: createHash("sha256"),
					size: 0
				} : void 0,
				result: {
					fetched: 0,
					segments: plan.length
				}
			};
			this.results.push(pk.result);
			this.open.add(pk);
			this.current = pk;
			if (pk.left === 0) this.settle(pk);
		}
		const p = pk.plan[pk.given];
		pk.plan[pk.given++] = void 0;
		return [pk, p];
	}
	/** Every stretch of the pack read: its copy released, its digest taken; see settle. */
	async finish(pk) {
		await release(pk);
		if (pk.tap) pk.result.whole = await pk.whole ?? {
			sha256: pk.tap.hash.digest("hex"),
			size: pk.tap.size
		};
		this.settle(pk);
	}
	/**
	* A pack read whole must have shown every listed member, a parent's as much as the snapshot's
	* own (a manifest may name a member its parent's pack never held); then only its result is kept.
	*/
	settle(pk) {
		this.open.delete(pk);
		if (this.current === pk) this.current = void 0;
		const { opts } = pk;
		if (!opts.runs) checkAllPresent(opts.pack.name, opts.expected, pk.seen);
		opts.onDone?.();
	}
	/** Puts back the stretch `take` just gave. */
	untake(pk, p) {
		pk.plan[--pk.given] = p;
	}
};
/** The lane names a listed member by its index in the stretch (no name travels back), others by name, in the order met. */
function mergeStretch(pk, bucket, r) {
	let j = 0;
	for (let i = 0; i < r.met.length; i++) {
		const k = r.met[i];
		checkUnique(pk.opts.pack.name, k >= 0 ? bucket[k].member : r.others[j++], pk.seen);
	}
	const stamped = [];
	for (let i = 0; i < r.written.length; i++) {
		const member = bucket[r.written[i]].member;
		for (const d of pk.opts.dests(member)) stamped.push(d);
	}
	pk.opts.onStamps?.(stamped, r.stamps);
	for (let i = 0; i < r.written.length; i++) pk.opts.onWritten?.(bucket[r.written[i]].member);
}
/**
* A pack kept as a local file (or one that a backend transferring whole objects only downloads
* once) is read by the lanes themselves; other backends' ranged reads are sent to them.
*/
function copyOf(pk) {
	pk.copy ??= pk.opts.copy ? Promise.resolve(pk.opts.copy) : pk.opts.store.download ? pk.opts.store.download(pk.opts.key) : Promise.resolve(void 0);
	if (pk.tap && !pk.whole) {
		const taken = pk.opts.wholeDigest?.catch(() => void 0);
		pk.whole = pk.copy.then(async (c) => c ? await taken ?? hashFile(c.path) : void 0);
	}
	return pk.copy;
}
async function release(pk) {
	await pk.whole?.catch(() => void 0);
	const own = !pk.opts.copy && pk.copy;
	pk.copy = Promise.resolve(void 0);
	if (own) await (await own.catch(() => void 0))?.release();
}
/**
* Several packs through the same lanes, as one queue of stretches: a lane that finishes the last
* stretch of one pack starts on the next pack while the others finish theirs. The packs are
* taken from `list` one at a time, as the lanes reach them, and let go of once read: a caller
* that makes each pack's options as they are asked for (a generator) holds a pack's
* expectations only while it is read. A pack's local copy is fetched when its first stretch
* starts and released after its last; a whole pack's listed members are checked present then.
*/
async function readPacksInLanes(list) {
	const queue = new StretchQueue(list[Symbol.iterator]());
	let failure;
	const worker = async (pool, i) => {
		let lane;
		const posted = [];
		const settle = async (keep) => {
			while (posted.length > keep) await posted.shift();
		};
		while (failure === void 0) {
			let next;
			try {
				next = queue.take();
			} catch (err) {
				failure ??= err;
				break;
			}
			if (next === void 0) break;
			const [pk, p] = next;
			const { opts } = pk;
			lane ??= pool.lane(i);
			const onAck = (bytes, files, compressed) => {
				pk.result.fetched += compressed;
				if (bytes) opts.onBytes?.(bytes);
				if (files) opts.onFiles?.(files);
			};
			const merge = async (r) => {
				mergeStretch(pk, p.bucket, r);
				if (--pk.left === 0) await queue.finish(pk);
			};
			try {
				const copy = await copyOf(pk);
				const seg = {
					...p.seg,
					members: packMembers(p.bucket.map((exp) => laneMember(opts, exp)))
				};
				if (copy) {
					const file = {
						path: copy.path,
						offset: p.offset,
						end: p.end,
						lastFrameStart: p.lastFrameStart,
						nextFrame: p.nextFrame,
						packSize: opts.pack.size
					};
					const done = lane.runFile({
						...seg,
						file
					}, onAck).then(merge);
					done.catch(() => {});
					posted.push(done);
					await settle(2);
				} else {
					await settle(0);
					await merge(await lane.run(seg, frames(pk, p), onAck));
				}
			} catch (err) {
				failure ??= err;
			}
		}
		for (const p of posted.splice(0)) await p.catch((err) => failure ??= err);
	};
	try {
		const first = queue.take();
		if (first !== void 0) {
			queue.untake(...first);
			const pool = first[0].opts.lanes;
			await Promise.all(Array.from({ length: pool.size }, (_, i) => worker(pool, i)));
		}
	} catch (err) {
		failure ??= err;
	} finally {
		for (const pk of queue.open) await release(pk);
	}
	if (failure !== void 0) throw toError(failure);
	return Promise.all(queue.results);
}
/** Counts and hashes a pack's compressed bytes as they are read, when its digest is wanted. */
async function* tap(pk, source) {
	for await (const chunk of source) {
		if (pk.tap) {
			pk.tap.hash.update(chunk);
			pk.tap.size += chunk.length;
		}
		yield chunk;
	}
}
/** A gzip stream is sent to its lane in the pieces it was read in. */
async function* pieces(source) {
	for await (const chunk of source) yield [chunk];
}
function toError(err) {
	if (!(err instanceof LaneFailure)) return err;
	const e = err.error;
	if (e.kind === "io") {
		const cause = Object.assign(new Error(e.message), {
			code: e.code,
			syscall: e.syscall
		});
		return (e.action === "cannot create" ? collisionError(cause, e.rel) : void 0) ?? ioError(cause, e.action, e.file);
	}
	const details = e.path !== void 0 ? { path: e.path } : void 0;
	return e.kind === "unsafe" ? new UnsafeEntryError(e.message, {
		hint: e.hint,
		details
	}) : new IntegrityError(e.message, {
		hint: e.hint,
		details
	});
}
function laneMember(opts, exp) {
	const dests = opts.dests(exp.member);
	return {
		member: exp.member,
		type: exp.type,
		size: exp.size,
		sha256: exp.sha256,
		target: exp.target,
		raw: exp.raw,
		dests,
		hash: opts.hashAll && exp.type === "file"
	};
}
function segment(opts, id, frameRaw, windows, last, strict) {
	return {
		id,
		packName: opts.pack.name,
		frameRaw,
		windows,
		last,
		rawSize: opts.pack.rawSize,
		strict,
		members: null,
		codec: opts.pack.codec,
		maxFrameRaw: MAX_FRAME_RAW,
		outputChunk: 1114112,
		holeMin: HOLE_MIN,
		writeFlags: opts.writeFlags,
		root: opts.root ?? "",
		umask: opts.umask ?? 0
	};
}
let nextSegmentId = 0;
/**
* Cuts a whole pack at file records at least SEGMENT_RAW apart. A cut needs the record's frame
* to start after the previous cut's; where the manifest's positions do not allow that (or a
* pack is small) the pack stays one stretch, read by one lane like a plain sequential read.
*/
function planWhole(opts, oneStretch) {
	const all = [...opts.expected.values()];
	const files = [];
	let sorted = true;
	for (const e of all) {
		if (e.type !== "file") continue;
		if (files.length > 0 && (files[files.length - 1].raw ?? 0) > (e.raw ?? 0)) sorted = false;
		files.push(e);
	}
	if (!sorted) files.sort((a, b) => (a.raw ?? 0) - (b.raw ?? 0));
	const min = oneStretch ? Number.POSITIVE_INFINITY : opts.segmentBytes ?? 8388608;
	const cuts = [{
		raw: 0,
		offset: 0,
		skip: 0,
		length: 0,
		member: null
	}];
	for (const f of files) {
		const last = cuts[cuts.length - 1];
		if (f.raw === void 0 || f.offset === void 0 || f.skip === void 0 || f.length === void 0) continue;
		if (f.raw - last.raw >= min && f.offset > last.offset && f.raw - f.skip > last.raw) cuts.push({
			raw: f.raw,
			offset: f.offset,
			skip: f.skip,
			length: f.length,
			member: f.member
		});
	}
	const buckets = cuts.map(() => []);
	for (const exp of all) buckets[exp.type === "file" && exp.raw !== void 0 ? lastCutAtOrBefore(cuts, exp.raw) : 0].push(exp);
	return cuts.map((c, k) => {
		const next = cuts[k + 1];
		const last = next === void 0;
		return {
			seg: segment(opts, nextSegmentId++, c.raw - c.skip, [{
				start: c.raw,
				end: next ? next.raw : opts.pack.rawSize,
				first: c.member
			}], last, opts.strict),
			bucket: buckets[k],
			offset: c.offset,
			end: next ? next.offset + (next.skip > 0 ? next.length : 0) : opts.pack.size,
			lastFrameStart: next ? next.skip > 0 ? next.offset : next.offset - 1 : Number.POSITIVE_INFINITY,
			nextFrame: next ? next.offset : -1
		};
	});
}
/** The last of `cuts` (raw positions strictly increasing from 0) at or before `raw`; 0 when none is. */
function lastCutAtOrBefore(cuts, raw) {
	let lo = 0;
	let hi = cuts.length - 1;
	while (lo < hi) {
		const mid = lo + hi + 1 >> 1;
		if (cuts[mid].raw <= raw) lo = mid;
		else hi = mid - 1;
	}
	return lo;
}
/** Each run of a partial read is one stretch: its windows are the records of wanted members. */
function planRuns(opts) {
	const byRaw = /* @__PURE__ */ new Map();
	for (const e of opts.expected.values()) if (e.type === "file" && e.raw !== void 0) byRaw.set(e.raw, e);
	return opts.runs.map((run) => {
		const bucket = [];
		const windows = run.windows.map(([start, end]) => {
			const exp = byRaw.get(start);
			if (exp) bucket.push(exp);
			return {
				start,
				end,
				first: exp?.member ?? null
			};
		});
		return {
			seg: segment(opts, nextSegmentId++, run.base, windows, false, false),
			bucket,
			offset: run.offset,
			end: run.offset + run.length,
			lastFrameStart: Number.POSITIVE_INFINITY,
			nextFrame: -1
		};
	});
}
/** A stretch's whole frames, read from the store by a ranged read (or the whole pack, when it is hashed as it is read). */
async function* frames(pk, p) {
	const { opts } = pk;
	const whole = pk.tap && p.offset === 0 && p.end === opts.pack.size;
	const source = await opts.store.get(opts.key, whole ? {} : { range: {
		offset: p.offset,
		length: p.end - p.offset
	} });
	let at = p.offset;
	const input = opts.pack.codec === "zstd" ? splitZstdFrames(tap(pk, source)) : pieces(tap(pk, source));
	for await (const frame of input) {
		if (at > p.lastFrameStart) return;
		let n = 0;
		for (const piece of frame) n += piece.length;
		if (p.nextFrame >= 0 && at < p.nextFrame && at + n > p.nextFrame) throw new IntegrityError(`pack ${opts.pack.name} has no frame starting at byte ${p.nextFrame}, where its manifest places one`, { hint: "the pack is damaged" });
		at += n;
		yield frame;
	}
	if (p.seg.last && at !== opts.pack.size) throw new IntegrityError(`pack ${opts.pack.name} does not match its recorded size`, {
		hint: "the stored pack is damaged; verify the stored snapshots and restore another one",
		details: { pack: opts.pack.name }
	});
}
// .bundle-in/engine/signatures.js
/** Where a snapshot's signature lives: beside, not inside, its manifest, whose digest stays as it was. */
function signatureKey(series, id) {
	return `${series}/signatures/${id}.json`;
}
/** True when signatures are to be written and checked. */
function signing(options) {
	return options !== void 0 && options.keys.length > 0;
}
/**
* Stores the signature of a manifest not yet published, with the first key, and returns its key;
* written before the manifest, so a visible snapshot is never without its signature.
*/
async function putSignature(store, manifest, options) {
	const key = signatureKey(manifest.series, manifest.id);
	const bytes = serializeSignature(signManifest(manifest, options.keys[0]));
	await store.put(key, (async function* () {
		yield bytes;
	})(), { ifNoneMatch: true });
	return key;
}
async function readSignature(store, series, id) {
	try {
		return await readAll(await store.get(signatureKey(series, id)), 65536);
	} catch (err) {
		if (isIndexVaultError(err, "E_NOT_FOUND")) return void 0;
		throw err;
	}
}
/**
* Refuses (E_SIGNATURE) a snapshot, or any ancestor of it still in the store, that is not signed
* by a configured key. The snapshot's own signature covers everything a restore writes (its
* manifest lists every pack's and file's digest); its ancestors are checked because an
* incremental took hashes and packs from them, so its signature is worth only what theirs are.
* An ancestor that prune removed is passed over: the backup that built on it checked it. Without
* keys nothing is checked. True when the snapshot itself is signed by a configured key.
*/
async function assertSigned(store, manifest, options, logger = silentLogger) {
	if (!signing(options)) return false;
	const seen = /* @__PURE__ */ new Set();
	let m = manifest;
	let signed = false;
	while (m !== void 0 && !seen.has(m.id)) {
		seen.add(m.id);
		const verdict = checkSignature(await readSignature(store, m.series, m.id), m, options.keys);
		if (m === manifest) signed = verdict.ok;
		if (!verdict.ok) {
			const why = m === manifest ? verdict.why : `${verdict.why} (it is an ancestor of snapshot ${manifest.id})`;
			if (!(verdict.unsigned && options.allowUnsigned)) throw signatureError(m, why);
			logger.warn(`snapshot ${m.id} of ${m.series}: ${why}; accepted because unsigned snapshots are allowed`);
		}
		const parent = m.parent;
		if (parent === null) break;
		try {
			m = await loadManifestHead(store, m.series, parent.id);
		} catch (err) {
			if (!isIndexVaultError(err, "E_NOT_FOUND")) throw err;
			logger.debug(`snapshot ${parent.id}, an ancestor of ${manifest.id}, is no longer in the store: its signature is not checked`);
			break;
		}
		if (m.digest !== parent.digest) throw new IntegrityError(`snapshot ${parent.id}, an ancestor of ${manifest.id}, is not the one it was built on (its digest differs)`, {
			hint: "the store was tampered with or damaged",
			details: {
				id: parent.id,
				series: m.series
			}
		});
	}
	return signed;
}
// .bundle-in/engine/verify/own-pack-digests.js
/**
* The digests of the packs a snapshot wrote itself (`<id>-<number>.…`), taken on one worker
* thread while its manifest is read: verify's lanes can start only once the manifest is, and on
* the core the manifest's reading leaves idle the packs' sha256 costs no wall time, where beside
* the lanes it does. Only for a store that keeps objects as files here. The names come from the
* store's listing and mean nothing until the manifest names them; a pack not hashed here, or
* whose hashing failed, is hashed as it always was.
*/
var OwnPackDigests = class {
	pool = new HashPool(1);
	digests = /* @__PURE__ */ new Map();
	/** Settled once the hashing is asked for (or found not worth it), not once it is done. */
	begun;
	closed = false;
	constructor(store, series, id) {
		this.begun = this.begin(store, series, id).catch(() => {});
	}
	async begin(store, series, id) {
		if (store.localRoot === void 0 || !store.download) return;
		const prefix = packKey(series, "");
		const own = new RegExp(`^${id.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}-[0-9]+\\.`);
		const listed = (await store.list(packKey(series, `${id}-`))).filter((o) => own.test(o.key.slice(prefix.length)));
		const copies = await Promise.all(listed.map((o) => store.download(o.key)));
		if (this.closed || copies.length === 0) return;
		const all = this.pool.hash(copies.map((c) => c.path));
		all.catch(() => {});
		listed.forEach((o, i) => this.digests.set(o.key.slice(prefix.length), all.then((d) => d[i], () => void 0)));
	}
	/** The digest of pack `name` if it is taken here; undefined: take it as before. */
	async of(name) {
		await this.begun;
		return this.digests.get(name);
	}
	/** Ends the thread (a digest still being taken is dropped: after a failure no one waits for it). */
	async close() {
		this.closed = true;
		await this.begun;
		await this.pool.close();
	}
};
// .bundle-in/engine/verify/verify.js
/** verifyManifest from the members but the entries, and what the entries expect of each pack (taken as the manifest was read). */
async function verifyTaken(store, manifest, expectations, options, taken) {
	await assertPacksPresent(store, manifest);
	const read = (i) => options.packs === void 0 || options.packs.has(i);
	const bytesTotal = manifest.packs.reduce((n, p, i) => n + (read(i) ? p.rawSize : 0), 0);
	let bytesDone = 0;
	const onBytes = (n) => {
		bytesDone += n;
		options.onProgress?.({
			phase: "verify",
			bytesDone,
			bytesTotal,
			filesDone: 0,
			filesTotal: manifest.totals.files
		});
	};
	const lanes = new LanePool();
	try {
		for (let i = 0; i < manifest.packs.length; i++) {
			const pack = manifest.packs[i];
			if (!read(i)) continue;
			const key = packKey(manifest.series, pack.name);
			const expected = expectations(i);
			const strict = pack.origin === manifest.id;
			const digest = taken?.of(pack.name);
			await verifyInLanes(store, key, pack, expected, strict, options, lanes, onBytes, digest).catch((err) => {
				if (isIndexVaultError(err, "E_UNSAFE_ENTRY")) throw new IntegrityError(`pack ${pack.name}: ${err.message}`, {
					cause: err,
					details: err.details
				});
				throw err;
			});
		}
	} finally {
		await lanes.close();
	}
}
/**
* Checks one pack on the lanes, as a restore reads it (every store, both codecs): every member
* against the manifest, every file's sha256, and the whole pack's size and sha256.
*/
async function verifyInLanes(store, key, pack, expected, strict, options, lanes, onBytes, wholeDigest) {
	let hashed = 0;
	const r = await readPackInLanes({
		store,
		key,
		pack,
		expected,
		strict,
		dests: () => void 0,
		hashAll: options.checkContent !== false,
		lanes,
		writeFlags: 0,
		digest: true,
		wholeDigest,
		segmentBytes: options.segmentBytes,
		onBytes: (n) => (onBytes(n), hashed += n)
	});
	onBytes(Math.max(0, pack.rawSize - hashed));
	if (r.whole?.size !== pack.size || r.whole.sha256 !== pack.sha256) throw new IntegrityError(`pack ${pack.name} does not match its recorded size and sha256`, {
		hint: "the stored pack is damaged; restore another snapshot",
		details: { pack: pack.name }
	});
}
/** Manifest bytes from which a verify keeps what packs must hold in tables from the start: ~240,000 files at ~280 bytes each. */
const TABLES_FROM_BYTES = 67108864;
const MANIFEST_BYTES_PER_FILE = 280;
/**
* Checks where a snapshot's manifest places its files in some of its packs against those packs,
* read whole as verify reads them: every member it lists there present where it says, with its
* content, and each pack's size and sha256. For a backup about to build on a manifest nobody on
* this machine checked or signed, whose places its new snapshot takes over. The manifest read
* must be the one `head` names (its digest): another means the store changed under the backup.
*/
async function verifyPlaces(store, head, packNames, options = {}) {
	const taken = new PackExpectations(false, head.totals.files * MANIFEST_BYTES_PER_FILE >= TABLES_FROM_BYTES);
	const manifest = await loadManifestHead(store, head.series, head.id, taken);
	if (manifest.digest !== head.digest) throw new IntegrityError(`the manifest of snapshot ${head.series}/${head.id} changed while this backup read it`, { hint: "run the backup again once nothing else writes to the store" });
	const packs = /* @__PURE__ */ new Set();
	manifest.packs.forEach((p, i) => void (packNames.has(p.name) && packs.add(i)));
	await verifyTaken(store, manifest, taken.of(manifest), {
		...options,
		packs
	});
}
/** Verifies one snapshot by id, or every snapshot of the series; reports each instead of stopping at the first failure. */
async function verifySeries(store, series, id, options = {}) {
	const listed = await listSnapshots(store, series);
	const ids = id ? [id] : listed.map((s) => s.id);
	const reports = [];
	for (const sid of ids) {
		const report = {
			id: sid,
			series,
			ok: false,
			packs: 0,
			files: 0,
			bytes: 0
		};
		try {
			const taken = new PackExpectations(false, (listed.find((s) => s.id === sid)?.size ?? 0) >= TABLES_FROM_BYTES);
			const digests = options.packs === void 0 ? new OwnPackDigests(store, series, sid) : void 0;
			try {
				const manifest = await loadManifestHead(store, series, sid, taken);
				Object.assign(report, {
					packs: manifest.packs.length,
					files: manifest.totals.files,
					bytes: manifest.totals.bytes
				});
				await assertSigned(store, manifest, options.signing, options.logger);
				await verifyTaken(store, manifest, taken.of(manifest), options, digests);
			} finally {
				await digests?.close();
			}
			report.ok = true;
		} catch (err) {
			if (id && isIndexVaultError(err, "E_NOT_FOUND") && reports.length === 0 && ids.length === 1 && !err.details.key && !("pack" in err.details)) throw err;
			report.error = isIndexVaultError(err) ? {
				code: err.code,
				message: err.message
			} : {
				code: "E_INTEGRITY",
				message: String(err?.message ?? err)
			};
			options.logger?.warn(`snapshot ${sid}: ${report.error.message}`);
		}
		reports.push(report);
	}
	return reports;
}
const BACKUP_MODES = [
	"auto",
	"full",
	"incremental"
];
function checkLevel(codec, level) {
	const [lo, hi] = LEVEL_RANGE[codec];
	if (!Number.isInteger(level) || level < lo || level > hi) throw new ValidationError(`compression level ${level} is out of range for ${codec}`, { hint: `use a whole number from ${lo} to ${hi}` });
	return level;
}
/** Checks the options before anything is read or locked: a bad one fails at once. */
function settle(options) {
	const started = Date.now();
	const logger = options.logger ?? silentLogger;
	const source = path.resolve(options.source);
	const series = assertSeriesName(options.series ?? seriesNameFor(path.basename(source)));
	const codec = options.codec ?? "zstd";
	if (!CODECS.includes(codec)) throw new ValidationError(`invalid codec ${JSON.stringify(codec)}`, { hint: `valid values: ${CODECS.join(", ")}` });
	const level = checkLevel(codec, options.level ?? DEFAULT_LEVEL[codec]);
	const packBytes = options.packBytes ?? 268435456;
	if (!(packBytes > 0)) throw new ValidationError("pack size must be positive");
	const listingBudget = Math.min(options.listingBytes ?? 67108864, LISTING_BUDGET);
	if (!(listingBudget > 0)) throw new ValidationError("listing size must be positive");
	const mode = options.mode ?? "auto";
	if (!BACKUP_MODES.includes(mode)) throw new ValidationError(`invalid mode ${JSON.stringify(mode)}`, { hint: `valid values: ${BACKUP_MODES.join(", ")}` });
	const maxChain = options.maxChain ?? 10;
	if (!Number.isInteger(maxChain) || maxChain < 1) throw new ValidationError("--max-chain must be a whole number of at least 1");
	if (options.snapshotId !== void 0) assertSnapshotId(options.snapshotId);
	if (options.createdAt !== void 0 && !(options.createdAt instanceof Date && Number.isFinite(options.createdAt.getTime()) && isSnapshotId(newSnapshotId(options.createdAt)))) throw new ValidationError("createdAt must be a valid date from year 0 to 9999");
	const tool = options.tool ?? TOOL;
	if (typeof tool !== "string" || tool.length === 0) throw new ValidationError("tool must be a non-empty string");
	const formats = options.formats ?? BUILT_IN_FORMATS;
	const formatChoice = options.format ?? "auto";
	checkFormatChoice(formatChoice, formats);
	checkFormatOptions(options, formats);
	if (options.portability !== void 0 && !PORTABILITY_MODES.includes(options.portability)) throw new ValidationError(`invalid portability ${JSON.stringify(options.portability)}`, { hint: `valid values: ${PORTABILITY_MODES.join(", ")}` });
	return {
		options,
		logger,
		source,
		series,
		codec,
		level,
		packBytes,
		listingBudget,
		mode,
		maxChain,
		formats,
		formatChoice,
		cacheDir: options.cacheDir ?? defaultCacheDir(),
		tool,
		started,
		written: []
	};
}
/**
* Takes a snapshot of a directory into a store: full, or incremental against the newest snapshot
* of the series (only content no snapshot of the chain holds is stored). Packs are published under
* their final names only when complete, then verified, and only then is the manifest written:
* a snapshot is visible exactly when everything it needs is stored and checked.
*/
async function backup(options) {
	const run = settle(options);
	const { logger, source, written } = run;
	if (options.store.localRoot !== void 0) assertApart({
		path: source,
		role: "the source directory"
	}, {
		path: options.store.localRoot,
		role: "the store"
	});
	const releaseLock = await acquireOrUse(source, options.heldLock, {
		operation: "backup",
		logger,
		waitMs: options.lockWaitMs
	});
	const forgetPacks = onStop(async () => {
		for (const key of written.splice(0)) await options.store.delete(key).catch(() => {});
	});
	try {
		await sweepStaleTemporaries(options.store, logger);
		for (let attempt = 1;; attempt++) try {
			return await snapshotOnce(run, false);
		} catch (err) {
			if (attempt >= 5 || !isVanished(err)) throw err;
			for (const key of written) await options.store.delete(key).catch(() => {});
			written.length = 0;
			logger.info(`${err.message}; taking the snapshot again on the newer version (attempt ${attempt + 1})`);
		}
	} catch (err) {
		for (const key of written) await options.store.delete(key).catch(() => {});
		throw err;
	} finally {
		forgetPacks();
		await releaseLock();
	}
}
/** One attempt: scan, hash against the parent, check the chain, store what is new, publish. */
async function snapshotOnce(run, forceFull) {
	const { options, logger, series, mode, started } = run;
	const { selection, excluded, scan } = await scanSource(run);
	const withParent = mode !== "full" && !forceFull;
	let cache = options.hashCache === false ? void 0 : await HashCache.open(run.source, logger, run.cacheDir);
	const recorded = cache?.file !== void 0 ? await recogniseTree(run, scan, selection, cache, cache.file, withParent) : void 0;
	const { namesClean, names } = checkOrRecall(run, scan, recorded);
	const chosen = withParent ? await chooseParent(options.store, series, mode, run.maxChain, logger, options.signing, {
		known: recorded?.match?.last,
		last: recorded?.last,
		contentsFile: recorded?.contentsFile,
		hash: recorded !== void 0,
		trustMtime: options.trustMtime === true,
		scanned: scan.entries
	}) : void 0;
	const lastRecord = recordMaker(run, recorded, chosen, namesClean, names);
	if (chosen?.head) {
		const match = recorded.match;
		logger.debug(`snapshot ${chosen.head.id} is the one this machine last recorded of this tree: its manifest is not read`);
		return answerUnchanged(run, chosen.head, chosen.vouched, {
			cache,
			hashing: match.hashing,
			excluded,
			record: lastRecord(() => match.last.tree, match.last.manifest)
		});
	}
	const parent = chosen?.manifest;
	const hashes = new FileHashes(scan.stamps.length);
	const readAfter = nowNs();
	let contents = options.trustMtime ? await chosen?.contents() : void 0;
	const fresh = parent && cache ? new Uint8Array(scan.entries.length) : void 0;
	const hashing = parent ? await hashAgainstParent(run, contents, scan, selection, hashes, cache, fresh) : NOTHING_HASHED;
	if (parent && cache) {
		await cache.saveRead(freshReads(scan, hashes, fresh), readAfter);
		cache = void 0;
	}
	contents ??= await chosen?.contents();
	hashPinned(scan, selection, hashes);
	const scanned = contents ? scannedTreeDigest(scan.entries, (i) => hashes.get(scan.entries.stamp(i))) : void 0;
	if (parent !== void 0 && scanned === contents.treeDigestOf()) return answerUnchanged(run, parent, chosen.vouched, {
		hashing,
		excluded,
		record: lastRecord(() => scanned, chosen?.stored)
	});
	const plan = {
		selection,
		scan,
		parent,
		contents,
		hashes,
		...planContent(scan.entries, contents, hashes)
	};
	const verify = options.verify ?? true;
	const verifiedPacks = {
		written: 0,
		reused: 0,
		reusedFromRecord: 0
	};
	if (parent && verify) {
		const fellBack = await checkChainOrFallBack(run, parent, [...plan.reusedPacks].sort((a, b) => a - b).map((i) => parent.packs[i]), verifiedPacks, chosen.vouched);
		if (fellBack) return fellBack;
	}
	const now = options.createdAt ?? /* @__PURE__ */ new Date();
	const id = options.snapshotId ?? newSnapshotId(now);
	const createdAt = now.toISOString();
	if (options.snapshotId !== void 0) {
		const newest = (await listSnapshotIds(options.store, series)).sort().at(-1);
		if (newest !== void 0 && newest >= id) throw new ValidationError(`snapshot id ${id} is not newer than ${newest}, the newest snapshot of ${series}`, { hint: "choose a later id, or leave it to the backup" });
	}
	const kind = parent ? "incremental" : "full";
	const { newPacks, written, settled } = await storePacks(run, plan, {
		id,
		createdAt,
		kind,
		verify
	});
	const asScanned = recorded && scanned !== void 0 && writtenAsScanned(plan, written) ? scanned : void 0;
	if (!parent && cache) await cache.saveRead(provenReads(plan.scan, written), readAfter);
	cache = void 0;
	scan.stamps.release();
	hashes.release();
	const tree = recorded && asScanned === void 0 ? new TreeDigest() : void 0;
	const index = recorded ? await ContentsWriter.open(recorded.contentsFile, logger) : void 0;
	const { manifest, stored } = await sealAndPublish(run, plan, {
		id,
		createdAt,
		kind
	}, {
		newPacks,
		written,
		settled
	}, verify, [tree, index], recorded !== void 0);
	if (verify && options.hashCache !== false && newPacks.length > 0) await recordChecked(options.store, series, newPacks, await CheckedPacks.open(logger, run.cacheDir), logger);
	const treeDigest = asScanned ?? tree?.digest();
	if (index && stored) await index.commit({
		snapshot: id,
		manifest: stored
	}, treeDigest);
	else await index?.abort();
	await writeRecord(run, manifest, lastRecord(() => treeDigest, stored));
	const storedBytes = manifest.totals.storedBytes;
	logger.info(`stored ${kind} snapshot ${id} of ${series}: ${manifest.totals.files} files, ${manifest.totals.bytes} bytes; ${plan.parent ? plan.newContents : manifest.totals.files} new content(s) in ${newPacks.length} pack(s), ${storedBytes} bytes stored`);
	if (verify) verifiedPacks.written = newPacks.length;
	return {
		...facts(manifest, kind, storedBytes, newPacks.length, verify, verifiedPacks, started, hashing, excluded),
		kind,
		manifest
	};
}
/** The files a full backup read with a stat equal to the scan's before and after: what its hash cache records. */
function provenReads({ entries, stamps }, written) {
	return {
		count: entries.length,
		table: () => stamps,
		path: (i) => entries.path(i),
		stampRow: (i) => entries.stamp(i),
		sha256: (i) => written.proven(i) ? written.sha256BytesOf(i) : void 0
	};
}
/**
* Builds the manifest (its entries also given to the sinks: the record's tree digest, the index
* of contents) and publishes it once the packs are settled; with the length and sha256 of its
* stored bytes when a record will name it (`recorded`).
*/
async function sealAndPublish(run, plan, snap, packs, verify, [tree, index], recorded) {
	const n = plan.scan.entries.length;
	const check = plan.parent && n >= CHECK_ON_THREAD.from && n < CHECK_ON_THREAD.below ? new ManifestCheckThread(`manifest of new snapshot ${snap.id}`, PackedChunks.pieceBytes) : void 0;
	try {
		const sealed = buildManifest(run, plan, snap, packs.newPacks, packs.written, [tree, index], check);
		plan.scan.entries.release();
		plan.contents?.release();
		const sha256 = await publish(run, sealed, verify, packs.settled, check);
		if (!recorded) return {
			manifest: sealed.manifest,
			stored: void 0
		};
		return {
			manifest: sealed.manifest,
			stored: {
				size: sealed.size,
				sha256
			}
		};
	} catch (err) {
		await index?.abort();
		throw err;
	} finally {
		check?.close();
		await packs.settled.catch(() => {});
	}
}
/**
* The entries of an incremental whose manifest is checked on a worker as it is sealed. Its main
* thread is then the one busy (a full backup's other core compresses packs). Below, the check
* costs less than the worker's start; from the top, the worker (~20 MB) would take a backup past
* its memory budget, and it falls behind the seal anyway.
*/
const CHECK_ON_THREAD = {
	from: 2e4,
	below: 4e5
};
/** How the record of the last snapshot is made once the backup has its answer: none without a hash cache file to put it beside. */
function recordMaker(run, recorded, chosen, namesClean, names) {
	const placesChecked = !chosen || chosen.vouched || (run.options.verify ?? true);
	return (tree, stored) => recorded && stored ? {
		file: recorded.file,
		tree,
		stored,
		namesClean,
		names,
		placesChecked
	} : void 0;
}
/** What a record is written for and compared with: the source, the store, the series and the options. */
function writeRecord(run, snapshot, record) {
	if (!record) return Promise.resolve();
	const { id, series, digest, depth, parent, packs, totals } = snapshot;
	return writeLastSnapshot(record.file, {
		source: run.source,
		store: run.options.store.description,
		series: run.series,
		options: recordOptions(run),
		tree: record.tree(),
		namesClean: record.namesClean,
		names: record.names,
		manifest: record.stored,
		placesChecked: record.placesChecked,
		snapshot: {
			id,
			series,
			digest,
			depth,
			parent,
			packs,
			totals
		}
	}, run.logger);
}
/** The digest of the options that decide the scan (record-options.ts) for this run. */
function recordOptions(run) {
	const { options } = run;
	return recordOptionsOf({
		formatChoice: run.formatChoice,
		formats: run.formats,
		lanceVersions: options.lanceVersions,
		portability: options.portability,
		followLinks: options.followLinks
	});
}
/**
* Whether the tree is the one this machine last recorded a snapshot of, for the same store,
* series and options: every file's hash from the cache (no file read) and the tree's digest
* equal to the record's. Cache lookups have no effect but keeping the entries they trusted.
* A full snapshot (`withParent` false) is given the record alone, for its names.
*/
async function recogniseTree(run, scan, selection, cache, cacheFile, withParent) {
	const file = lastSnapshotFile(cacheFile);
	const contentsFile = contentsFileFor(cacheFile);
	const last = await readLastSnapshot(file, run.logger);
	if (!last || last.source !== run.source || last.store !== run.options.store.description || last.series !== run.series || last.options !== recordOptions(run)) return {
		file,
		contentsFile
	};
	if (!withParent) return {
		file,
		contentsFile,
		last
	};
	const tree = new TreeDigest();
	let cachedHashes = 0;
	const { entries } = scan;
	for (let i = 0; i < entries.length; i++) {
		const type = entries.type(i);
		const path = entries.path(i);
		if (type === "dir") tree.dir(path, entries.mode(i));
		else if (type === "symlink") tree.symlink(path, entries.target(i));
		else {
			const cached = cache.lookupRow(path, scan.stamps, entries.stamp(i));
			if (cached === void 0) return {
				file,
				contentsFile,
				last
			};
			cachedHashes++;
			const pinned = selection?.pinned.get(path);
			tree.file(path, pinned ? createHash("sha256").update(pinned).digest("hex") : cached, entries.exec(i), entries.mode(i));
		}
	}
	if (tree.digest() !== last.tree) return {
		file,
		contentsFile,
		last
	};
	return {
		file,
		contentsFile,
		last,
		match: {
			last,
			hashing: {
				hashedFiles: 0,
				cachedHashes
			}
		}
	};
}
/**
* The answer for a tree equal to the newest snapshot's: nothing is stored, the packs that
* snapshot needs are checked (or found in the record of checked packs), and the record of the
* last snapshot is written again.
*/
async function answerUnchanged(run, parent, vouched, how) {
	const { options, logger, series, started } = run;
	const verify = options.verify ?? true;
	const verifiedPacks = {
		written: 0,
		reused: 0,
		reusedFromRecord: 0
	};
	if (verify) {
		const fellBack = await checkChainOrFallBack(run, parent, parent.packs, verifiedPacks, vouched);
		if (fellBack) return fellBack;
	}
	logger.info(`no change since snapshot ${parent.id} of ${series}: nothing stored`);
	await how.cache?.save();
	await writeRecord(run, parent, how.record);
	return {
		...facts(parent, "unchanged", 0, 0, verify, verifiedPacks, started, how.hashing, how.excluded),
		kind: "unchanged"
	};
}
/**
* Checks the packs of the chain the new snapshot needs (see checkChainPacks), and, unless the
* parent's manifest is `vouched` for (this machine made it or checked its places, or a configured
* key signed it), where it places its files in them (checkChainPlaces); a damaged pack or a
* place that does not hold makes `auto` take a full snapshot instead, whose result is returned.
*/
async function checkChainOrFallBack(run, parent, reused, verifiedPacks, vouched) {
	const { options, logger, mode } = run;
	const checked = options.hashCache === false ? void 0 : await CheckedPacks.open(logger, run.cacheDir);
	try {
		Object.assign(verifiedPacks, await (vouched ? checkChainPacks : checkChainPlaces)(options.store, parent, reused, checked));
	} catch (err) {
		if (mode === "incremental" || !isIndexVaultError(err, "E_INTEGRITY") || err.details.chainPack !== true) throw err;
		logger.warn(`${err.message}; taking a full snapshot instead`);
		return snapshotOnce(run, true);
	}
}
/** Selects the index's files and scans the directory, refusing a tree no reader would accept. */
async function scanSource(run) {
	const { options, logger, source } = run;
	const selection = await selectIndexFiles(source, run.formatChoice, options, run.formats);
	const excluded = [];
	const scan = await scanTree(source, {
		followLinks: options.followLinks,
		logger,
		exclude: selection ? recordExclusions(selection, excluded) : void 0
	});
	for (const x of excluded) logger.debug(`excluded ${x.path}: ${x.reason}`);
	if (selection) {
		const found = new Set(scan.entries.allPaths());
		for (const f of selection.files.keys()) if (!found.has(f)) throw new ChangedError(`${f} vanished while the index was being read`, { details: {
			path: f,
			vanished: true
		} });
	}
	return {
		selection,
		excluded,
		scan
	};
}
/**
* The tree rules and the name checks (checkScan), unless the record of the last snapshot shows
* these names passed the tree rules: a tree it matches, or whose names are the ones it recorded
* (contents changed in place). The names then need checking only if they broke a name rule then.
* Returns that and, for the record, the digest of the names (taken now, while the scan is held).
*/
function checkOrRecall(run, scan, recorded) {
	const names = recorded ? recorded.match?.last.names ?? namesDigest(scan.entries) : void 0;
	const known = recorded?.match?.last ?? (recorded?.last?.names !== void 0 && recorded.last.names === names ? recorded.last : void 0);
	if (!known) return {
		namesClean: checkScan(run, scan),
		names
	};
	if (!recorded?.match) run.logger.debug(`the names are those of snapshot ${known.snapshot.id}: the tree rules are not checked again`);
	return {
		namesClean: known.namesClean || checkNames(scan.entries, run.options.portability ?? "error", run.logger),
		names
	};
}
/** Refuses a tree no reader would accept, and checks its names; true when no name broke a portability rule. */
function checkScan(run, scan) {
	checkTree(scan.entries, run.source);
	return checkNames(scan.entries, run.options.portability ?? "error", run.logger);
}
/** The hashes of the files the selection read when it was made (pinned), which stand for what the scan found. */
function hashPinned(scan, selection, hashes) {
	if (!selection || selection.pinned.size === 0) return;
	const { entries } = scan;
	for (let i = 0; i < entries.length; i++) {
		const bytes = entries.isFile(i) ? selection.pinned.get(entries.path(i)) : void 0;
		if (bytes) hashes.set(entries.stamp(i), createHash("sha256").update(bytes).digest("hex"));
	}
}
/** Whether every file of the new packs was written with its scanned hash, mode and exec: the new tree is then the scanned one. */
function writtenAsScanned({ scan, hashes, toWrite }, written) {
	const { entries } = scan;
	for (const i of toWrite) {
		if (!entries.isFile(i)) continue;
		const scannedHash = hashes.bytesOf(entries.stamp(i));
		if (!written.has(i) || !written.modeAsScanned(i) || !scannedHash || Buffer.compare(scannedHash, written.sha256BytesOf(i)) !== 0) return false;
	}
	return true;
}
/** What a full backup hashes before it packs: nothing (it hashes as it packs). */
const NOTHING_HASHED = {
	hashedFiles: 0,
	cachedHashes: 0
};
/** Files an incremental hashes (and records in the cache) at a time. */
const HASH_BATCH = 32768;
/** Fills `hashes` for every file of an incremental: from the cache, from the parent (trustMtime: `parent` is given), or by reading it. */
async function hashAgainstParent(run, parent, scan, selection, hashes, cache, fresh) {
	const { options } = run;
	const hashing = {
		hashedFiles: 0,
		cachedHashes: 0
	};
	const { entries } = scan;
	const toHash = [];
	for (let i = 0; i < entries.length; i++) {
		if (!entries.isFile(i)) continue;
		const path = entries.path(i);
		const row = entries.stamp(i);
		const cached = cache?.lookupRow(path, scan.stamps, row);
		if (cached !== void 0) {
			hashes.set(row, cached);
			hashing.cachedHashes++;
			continue;
		}
		const prev = parent?.previous(path);
		if (prev && prev.size === entries.size(i) && prev.mtimeMs === entries.mtimeMs(i) && prev.exec === entries.exec(i)) hashes.set(row, prev.sha256);
		else toHash.push(i);
	}
	hashing.hashedFiles = toHash.length;
	let done = 0;
	const hashBytes = toHash.reduce((n, i) => n + entries.size(i), 0);
	const pool = hashBytes > 67108864 || toHash.length > 2048 ? new HashPool(void 0, true) : void 0;
	const progress = (n) => options.onProgress?.({
		phase: "scan",
		bytesDone: done += n,
		bytesTotal: hashBytes,
		filesDone: 0,
		filesTotal: toHash.length
	});
	try {
		for (let from = 0; from < toHash.length; from += HASH_BATCH) {
			const batch = toHash.slice(from, from + HASH_BATCH);
			const paths = batch.map((i) => absPathOf(scan.root, entries, i));
			const sizes = batch.map((i) => entries.size(i));
			const sums = pool ? await pool.hash(paths, progress, sizes) : await hashFilesHere(paths, progress);
			batch.forEach((e, k) => {
				if (!isScannedFile(sums[k].stamp, scan.stamps.get(entries.stamp(e))) && !selection?.pinned.has(entries.path(e))) throw replacedError(entries.path(e));
				hashes.set(entries.stamp(e), sums[k].sha256);
			});
			if (fresh) markFresh(scan, batch, sums, fresh);
		}
	} finally {
		await pool?.close();
	}
	return hashing;
}
/**
* Marks the files of `batch` whose hash the cache may record as read after the scan: each one's
* stat once read (of the open file, after its last byte, as hashing takes it) equal to the scan's
* proves it.
*/
function markFresh(scan, batch, sums, fresh) {
	const { entries, stamps } = scan;
	batch.forEach((e, k) => {
		if (sameStamp(sums[k].stamp, stamps.get(entries.stamp(e)))) fresh[e] = 1;
	});
}
/**
* The files an incremental read and hashed, for the cache to record (`markFresh`) as it is
* written, from the scan's columns: no row or path string is made for each beforehand.
*/
function freshReads({ entries, stamps }, hashes, fresh) {
	return {
		count: entries.length,
		table: () => stamps,
		path: (i) => entries.path(i),
		stampRow: (i) => entries.stamp(i),
		sha256: (i) => fresh[i] === 1 ? hashes.bytesOf(entries.stamp(i)) : void 0
	};
}
/**
* Content the chain already holds is referenced, not stored; new content is stored once. One pass
* over the tree finds what the chain holds (noting the packs that hold it), and the parent's
* contents then keep only that; a second dedupes the rest, with room made once for it.
*/
function planContent(scanned, parent, hashes) {
	const toWrite = new Int32Array(scanned.length);
	let count = 0;
	const reusedPacks = /* @__PURE__ */ new Set();
	if (!parent) {
		for (let i = 0; i < scanned.length; i++) toWrite[count++] = i;
		return {
			newContents: 0,
			toWrite,
			reusedPacks,
			sources: void 0
		};
	}
	const sources = new Int32Array(scanned.length).fill(-1);
	let misses = 0;
	for (let i = 0; i < scanned.length; i++) {
		if (!scanned.isFile(i)) continue;
		const row = parent.rowOfBytes(hashes.bytesOf(scanned.stamp(i)));
		if (row === void 0) misses++;
		else {
			reusedPacks.add(parent.packAt(row));
			sources[i] = row;
		}
	}
	parent.keepOnly(sources);
	const newContent = new ShaRows(void 0, misses);
	const storedBy = new Int32Array(misses);
	for (let i = 0; i < scanned.length; i++) if (!scanned.isFile(i)) toWrite[count++] = i;
	else if (sources[i] < 0) {
		const { row: content, added } = newContent.addBytes(hashes.bytesOf(scanned.stamp(i)), 0);
		if (!added) sources[i] = -(storedBy[content] + 2);
		else {
			storedBy[content] = i;
			toWrite[count++] = i;
		}
	}
	return {
		newContents: newContent.size,
		toWrite: toWrite.subarray(0, count),
		reusedPacks,
		sources
	};
}
/** Writes the new packs (their keys noted in run.written until the manifest is published), each read back when verifying. */
async function storePacks(run, plan, snap) {
	const { options, series, codec, level } = run;
	const { id, createdAt, kind, verify } = snap;
	const { toWrite, parent } = plan;
	const { entries } = plan.scan;
	let filesToWrite = 0;
	let bytesTotal = 0;
	for (const i of toWrite) {
		if (!entries.isFile(i)) continue;
		filesToWrite++;
		bytesTotal += entries.size(i);
	}
	const groups = filesToWrite > 0 || !parent ? splitIntoPacks(entries, toWrite, {
		packBytes: run.packBytes,
		listingBudget: run.listingBudget
	}, plan.selection) : [];
	const newPacks = [];
	const written = new WrittenFiles(entries, filesToWrite);
	let bytesDone = 0;
	let filesDone = 0;
	const settling = [];
	const reader = new ReadHasher();
	try {
		for (let i = 0; i < groups.length; i++) {
			const name = `${id}-${String(i).padStart(3, "0")}${packExtension(codec)}`;
			const key = packKey(series, name);
			run.written.push(key);
			const res = await writePack({
				store: options.store,
				key,
				name,
				codec,
				level,
				snapshotId: id,
				series,
				kind,
				index: i,
				createdAt,
				tool: run.tool,
				items: packItems(groups[i], plan.scan, plan.hashes, plan.selection),
				readBack: verify,
				reader,
				onBytes: (n) => {
					bytesDone += n;
					options.onProgress?.({
						phase: "backup",
						bytesDone,
						bytesTotal,
						filesDone,
						filesTotal: plan.scan.files
					});
				}
			});
			newPacks.push(res.info);
			settling.push(res.durable);
			const groupFiles = groups[i].filter((e) => entries.isFile(e));
			groups[i] = [];
			written.addPack(i, res.frameSizes);
			res.files.forEach((f, j) => {
				written.add(groupFiles[j], i, f, res.proven[j] && !parent);
				filesDone++;
			});
			if (verify && !res.readBack) {
				const back = readBackPack(options.store, key, res.info);
				back.catch(() => {});
				settling.push(back);
			}
		}
	} catch (err) {
		await Promise.allSettled(settling);
		throw err;
	} finally {
		await reader.close();
	}
	const settled = (async () => {
		await Promise.allSettled(settling);
		for (const b of settling) await b;
	})();
	settled.catch(() => {});
	return {
		newPacks,
		written,
		settled
	};
}
/**
* The new snapshot's manifest: its entries, with locations in the packs of the chain it still
* needs, then the new ones. Each entry is made, written and let go in turn (none is kept: the
* returned manifest reads its entries from the sealed bytes if they are asked for), and `tree`,
* when given, takes each as the record's digest of the tree.
*/
function buildManifest(run, plan, snap, newPacks, written, sinks, check) {
	const { source, series } = run;
	const { parent, selection } = plan;
	const placed = placeEntries(plan, newPacks, written);
	const totals = {
		bytes: 0,
		dirs: 0,
		files: 0,
		symlinks: 0
	};
	function* entries() {
		for (const e of placed.entries()) {
			if (e.type === "file") {
				totals.files++;
				totals.bytes += e.size;
			} else if (e.type === "dir") totals.dirs++;
			else totals.symlinks++;
			for (const sink of sinks) sink?.entry(e);
			yield e;
		}
	}
	const chunks = new PackedChunks(check);
	return {
		manifest: withEntriesFrom(sealManifestEntries({
			format: MANIFEST_FORMAT,
			formatVersion: 2,
			tool: run.tool,
			id: snap.id,
			series,
			kind: snap.kind,
			parent: parent ? {
				digest: parent.digest,
				id: parent.id
			} : null,
			depth: parent ? parent.depth + 1 : 0,
			createdAt: snap.createdAt,
			source: {
				name: path.basename(source),
				format: selection?.format ?? "dir",
				platform: process.platform,
				...selection ? { facts: selection.facts } : {}
			}
		}, entries(), () => {
			const packs = placed.packs();
			const packedBytes = packs.reduce((n, p) => n + p.size, 0);
			const storedBytes = newPacks.reduce((n, p) => n + p.size, 0);
			return {
				packs,
				totals: {
					...totals,
					packedBytes,
					storedBytes
				}
			};
		}, chunks), chunks),
		chunks,
		size: chunks.size
	};
}
/**
* A manifest whose entries are parsed from its sealed bytes when first asked for: a caller that
* needs only its head (the CLI, a record) never holds an object per entry.
*/
function withEntriesFrom(head, chunks) {
	let entries;
	return Object.defineProperty(head, "entries", {
		get: () => entries ??= parseManifest(chunks.bytes()).entries,
		enumerable: true,
		configurable: true
	});
}
/**
* The new manifest's entries in the tree's order, each made as it is asked for, and then its
* packs: in the order the entries first use them (chain and new alike), then new ones holding no file.
*/
function placeEntries(plan, newPacks, written) {
	const { parent, contents, sources } = plan;
	const packs = [];
	const packIndex = /* @__PURE__ */ new Map();
	const usePack = (p) => {
		let i = packIndex.get(p.name);
		if (i === void 0) {
			i = packs.length;
			packs.push(p);
			packIndex.set(p.name, i);
		}
		return i;
	};
	const scanned = plan.scan.entries;
	function* entries() {
		for (let i = 0; i < scanned.length; i++) {
			const type = scanned.type(i);
			const path = scanned.path(i);
			if (type === "dir") yield {
				mode: scanned.mode(i),
				mtimeMs: scanned.mtimeMs(i),
				path,
				type: "dir"
			};
			else if (type === "symlink") yield {
				mtimeMs: scanned.mtimeMs(i),
				path,
				target: scanned.target(i),
				type: "symlink"
			};
			else {
				const own = written.has(i) ? written.entry(i) : void 0;
				const source = own ? -1 : sources[i];
				const chain = source >= 0 ? contents.locationAt(source) : void 0;
				const base = own ?? chain ?? written.entry(-(source + 2));
				const sha = own ? own.sha256 : chain ? contents.shaAt(source) : base.sha256;
				const { length, offset, raw, skip, span } = base.loc;
				const member = chain ? contents.memberIsScanned(source, i) ? path : contents.memberAt(source) : base.path;
				const pack = usePack(chain ? parent.packs[chain.loc.pack] : newPacks[base.loc.pack]);
				yield {
					exec: own ? own.exec : scanned.exec(i),
					loc: member === path ? {
						length,
						offset,
						pack,
						raw,
						skip,
						span
					} : {
						length,
						member,
						offset,
						pack,
						raw,
						skip,
						span
					},
					mode: own ? own.mode : scanned.mode(i),
					mtimeMs: own ? own.mtimeMs : scanned.mtimeMs(i),
					path,
					sha256: sha,
					size: base.size,
					type: "file"
				};
			}
		}
	}
	return {
		entries,
		packs: () => {
			for (const p of newPacks) usePack(p);
			return packs;
		}
	};
}
/**
* Checks the manifest as a reader would, then publishes it: from here the snapshot exists.
* Returns the sha256 of the stored bytes, taken as they were checked.
*/
async function publish(run, sealed, verify, packsSettled, check) {
	const { options, source } = run;
	const { manifest, chunks, size } = sealed;
	if (size > 524288e3) throw new ValidationError(`the manifest of ${source} would take ${size} bytes, more than the ${MAX_MANIFEST_BYTES} a reader accepts`, { hint: "back up fewer files per snapshot (split the directory into several series)" });
	const sha256 = await checkSealed(run, sealed, check);
	await packsSettled;
	if (verify) await assertPacksPresent(options.store, manifest);
	await uninterrupted(async () => {
		if (signing(options.signing)) run.written.push(await putSignature(options.store, manifest, options.signing));
		await putManifest(options.store, manifest, chunks);
		run.written.length = 0;
	});
	return sha256;
}
/**
* Reads the sealed manifest as a reader would (readManifestHead), unless the worker that followed
* the sealing accepted it with the very digest it holds; returns the sha256 of its stored bytes.
*/
async function checkSealed(run, sealed, check) {
	const { manifest, chunks, size } = sealed;
	const what = `manifest of new snapshot ${manifest.id}`;
	if (check) {
		chunks.sealStaged();
		const answer = await check.finish();
		if ("digest" in answer && answer.digest === manifest.digest) {
			run.logger.debug(`${what} was checked on a worker as it was sealed`);
			const hash = createHash("sha256");
			for (const c of chunks) hash.update(c);
			return hash.digest("hex");
		}
		run.logger.debug(`${what} is checked on this thread: ${"fallback" in answer ? answer.fallback : `the digest it gives is ${answer.digest}`}`);
	}
	const hash = createHash("sha256");
	let hashed = 0;
	function* hashing() {
		for (const c of chunks) {
			hash.update(c);
			hashed += c.length;
			yield c;
		}
	}
	await readManifestHead(hashing(), what, () => chunks.bytes());
	return hashed === size ? hash.digest("hex") : createHash("sha256").update(chunks.bytes()).digest("hex");
}
/** Leaves out only what the selection proves transient or another version's, and notes each such path. */
function recordExclusions(selection, out) {
	return (rel, type) => {
		const reason = selection.exclude(rel, type);
		if (reason !== void 0) out.push({
			path: type === "dir" ? `${rel}/` : rel,
			reason
		});
		return reason !== void 0;
	};
}
function facts(m, kind, storedBytes, packs, verified, verifiedPacks, started, hashing, excluded) {
	return {
		id: m.id,
		series: m.series,
		kind,
		parent: m.parent?.id ?? null,
		files: m.totals.files,
		dirs: m.totals.dirs,
		symlinks: m.totals.symlinks,
		bytes: m.totals.bytes,
		storedBytes,
		packs,
		verified,
		verifiedPacks,
		durationMs: Date.now() - started,
		...hashing,
		excluded
	};
}
/**
* The snapshot an incremental builds on: the newest of the series, if it is readable, all its
* packs are present, and the chain is shorter than maxChain. In `auto` mode anything else means a
* full snapshot (with a warning when the chain is broken); in `incremental` mode a broken chain is an error.
*/
async function chooseParent(store, series, mode, maxChain, logger, signingOptions, record) {
	const listed = (await listSnapshots(store, series)).at(-1);
	const latest = listed?.id;
	if (!latest) {
		if (mode === "incremental") logger.warn(`series ${series} has no snapshot yet: taking a full one`);
		return;
	}
	let parent;
	let chosen;
	try {
		const { known, last } = record;
		const recordedIsLatest = async (r) => r !== void 0 && r.snapshot.id === latest && await storedAsRecorded(store, series, latest, r.manifest);
		if (known && await recordedIsLatest(known)) {
			parent = known.snapshot;
			chosen = {
				head: known.snapshot,
				vouched: known.placesChecked
			};
		} else if (!record.trustMtime && record.contentsFile !== void 0 && await recordedIsLatest(last)) {
			const { contentsFile } = record;
			const stored = last.manifest;
			parent = last.snapshot;
			const contents = async () => {
				const indexed = await readContentsFile(contentsFile, {
					snapshot: latest,
					manifest: stored
				}, logger, record.scanned);
				if (indexed) {
					logger.debug(`snapshot ${latest} is the one this machine last recorded: its contents are taken from ${contentsFile}`);
					return indexed;
				}
				const read = new ParentContents(false, void 0, void 0, record.scanned);
				const loaded = await loadManifestHeadHashed(store, series, latest, {
					listedSize: stored.size,
					hash: true,
					sink: read
				});
				if (loaded.sha256 !== stored.sha256 || loaded.size !== stored.size) throw new IntegrityError(`the manifest of snapshot ${series}/${latest} changed while this backup read it`, { hint: "run the backup again once nothing else writes to the store" });
				return read;
			};
			chosen = {
				manifest: parent,
				contents,
				stored,
				vouched: last.placesChecked
			};
		} else {
			const read = new ParentContents(record.trustMtime, void 0, void 0, record.scanned);
			const loaded = await loadManifestHeadHashed(store, series, latest, {
				listedSize: listed.size,
				hash: record.hash,
				sink: read
			});
			parent = loaded.head;
			chosen = {
				vouched: false,
				manifest: loaded.head,
				contents: () => Promise.resolve(read),
				stored: loaded.sha256 === void 0 ? void 0 : {
					size: loaded.size,
					sha256: loaded.sha256
				}
			};
		}
		if (await assertSigned(store, parent, signingOptions, logger)) chosen.vouched = true;
		await assertPacksPresent(store, parent);
	} catch (err) {
		if (mode === "incremental" || !isIndexVaultError(err)) throw err;
		logger.warn(`cannot build on the latest snapshot ${latest} (${err.code}: ${err.message}); taking a full snapshot instead`);
		return;
	}
	if (mode === "auto" && parent.depth + 1 >= maxChain) {
		logger.info(`chain of ${series} has reached ${parent.depth + 1} snapshots (--max-chain ${maxChain}): taking a full snapshot`);
		return;
	}
	return chosen;
}
/** Whether the manifest as stored now is the one recorded, byte for byte; any failure to read it is a no (the reader then reports it). */
async function storedAsRecorded(store, series, id, recorded) {
	try {
		return await storedManifestSha256(store, series, id, recorded.size) === recorded.sha256;
	} catch {
		return false;
	}
}
/**
* Reads each pack of the chain that the new snapshot will need, unless this machine's record
* says it was read and found intact before. A damaged or missing one is E_INTEGRITY naming it.
*/
async function checkChainPacks(store, parent, packs, record) {
	let reused = 0;
	let reusedFromRecord = 0;
	const stamp = record ? await listedStamps(store, parent.series) : () => ({
		size: -1,
		modified: null
	});
	try {
		for (const p of packs) {
			const key = packKey(parent.series, p.name);
			if (record?.has(store.description, key, p.sha256, stamp(key))) {
				reusedFromRecord++;
				continue;
			}
			try {
				await readBackPack(store, key, p);
			} catch (err) {
				if (!isIndexVaultError(err, "E_INTEGRITY") && !isIndexVaultError(err, "E_NOT_FOUND")) throw err;
				throw new IntegrityError(`pack ${p.name} (written by snapshot ${p.origin}), needed by the latest snapshot ${parent.id} of ${parent.series}, is damaged: ${err.message}`, {
					hint: "take a full snapshot; verify the stored snapshots to see which are affected",
					details: {
						pack: p.name,
						origin: p.origin,
						id: parent.id,
						chainPack: true,
						remedy: "full-snapshot"
					},
					cause: err
				});
			}
			record?.add(store.description, key, p.sha256, stamp(key));
			reused++;
		}
	} finally {
		await record?.save();
	}
	return {
		reused,
		reusedFromRecord
	};
}
/**
* checkChainPacks for a parent whose manifest nobody here checked or signed: the new snapshot
* takes over where it places its files, so each pack is read against it (verifyPlaces), record
* or not. A forged manifest naming content its packs do not hold where it says is refused like
* a damaged pack, instead of being built on and called verified.
*/
async function checkChainPlaces(store, parent, packs, record) {
	if (packs.length === 0) return {
		reused: 0,
		reusedFromRecord: 0
	};
	const stamp = record ? await listedStamps(store, parent.series) : () => ({
		size: -1,
		modified: null
	});
	try {
		await verifyPlaces(store, parent, new Set(packs.map((p) => p.name)));
	} catch (err) {
		if (!isIndexVaultError(err, "E_INTEGRITY") && !isIndexVaultError(err, "E_UNSAFE_ENTRY") && !isIndexVaultError(err, "E_NOT_FOUND")) throw err;
		await checkChainPacks(store, parent, packs, void 0);
		throw new IntegrityError(`the latest snapshot ${parent.id} of ${parent.series} does not match the packs it needs: ${err.message}`, {
			hint: "take a full snapshot; verify the stored snapshots to see which are affected",
			details: {
				id: parent.id,
				chainPack: true,
				remedy: "full-snapshot"
			},
			cause: err
		});
	}
	if (record) {
		for (const p of packs) record.add(store.description, packKey(parent.series, p.name), p.sha256, stamp(packKey(parent.series, p.name)));
		await record.save();
	}
	return {
		reused: packs.length,
		reusedFromRecord: 0
	};
}
/** The record holds for a pack as the store lists it now: rewritten in place (new size or time), it is read again. */
async function listedStamps(store, series) {
	const listed = new Map((await store.list(packKey(series, ""))).map((o) => [o.key, o]));
	return (key) => ({
		size: listed.get(key)?.size ?? -1,
		modified: listed.get(key)?.modified?.getTime() ?? null
	});
}
/**
* Notes packs this machine has just read whole and found intact, so the next incremental does not
* read them again. Only an optimization: after the snapshot is published, a failure is not one.
*/
async function recordChecked(store, series, packs, record, logger) {
	try {
		const stamp = await listedStamps(store, series);
		for (const p of packs) record.add(store.description, packKey(series, p.name), p.sha256, stamp(packKey(series, p.name)));
		await record.save();
	} catch (err) {
		logger.debug(`could not note the packs just checked (${err.message}); the next incremental reads them`);
	}
}
/**
* Refuses, before anything is stored, a tree that breaks a rule every reader enforces on a
* manifest (tree-rules.ts): the same code, so the writer never stores what a restore refuses.
*/
function checkTree(entries, source) {
	const problems = treeProblems(entries, {
		reserved: META_DIR,
		max: 20
	});
	if (problems.length > 0) refuseTree(problems, source);
}
/** Checks the names as `mode` asks; true when they were checked and none broke a rule. */
function checkNames(entries, mode, logger) {
	if (mode === "off") return false;
	const problems = checkPortability(entries.allPaths());
	if (problems.length === 0) return true;
	const text = formatPortabilityProblems(problems);
	if (mode === "warn") {
		logger.warn(`names that will not restore on every OS:\n${text}`);
		return false;
	}
	throw new PortabilityError(`${problems.length} name(s) cannot be restored on every OS:\n${text}`, {
		hint: "rename them, or relax the portability check if the snapshot only needs to restore on this OS",
		details: {
			problems,
			remedy: "portability"
		}
	});
}
/**
* Cuts the tree into packs of about `packBytes` of file data. Directories and symlinks go into the
* first pack, so extracting the packs in order with plain tar rebuilds the tree. A pack also ends
* before its listing (every file's path and hash) would pass `listingBudget`: many long paths in
* one pack would otherwise make a listing larger than readers accept (pack-limits.ts). Groups hold
* the indexes of the scanned entries; `packItems` makes a group's items when its pack is written, so only one
* pack's items (with their stamps and disk paths) are alive at a time.
*/
function splitIntoPacks(entries, toWrite, limits, selection) {
	const { packBytes, listingBudget } = limits;
	const groups = [[]];
	for (const i of toWrite) if (!entries.isFile(i)) groups[0].push(i);
	let size = 0;
	let listed = LISTING_FRAME;
	let inPack = 0;
	const add = (i) => {
		const record = listingBytes(entries.path(i));
		const bytes = entries.size(i);
		if (size > 0 && size + bytes > packBytes || inPack > 0 && listed + record > listingBudget) {
			groups.push([]);
			size = 0;
			listed = LISTING_FRAME;
			inPack = 0;
		}
		groups[groups.length - 1].push(i);
		size += bytes;
		listed += record;
		inPack++;
	};
	const lastSet = new Set(selection?.last ?? []);
	for (const i of toWrite) if (entries.isFile(i) && !lastSet.has(entries.path(i))) add(i);
	for (const i of toWrite) if (entries.isFile(i) && lastSet.has(entries.path(i))) add(i);
	return groups;
}
/** The items of one pack's group of scanned entries (see splitIntoPacks), made one at a time as the pack's writer takes them. */
function* packItems(group, scan, hashes, selection) {
	const { entries } = scan;
	for (const i of group) {
		const type = entries.type(i);
		const path = entries.path(i);
		if (type === "dir") yield {
			type: "dir",
			path,
			mtimeMs: entries.mtimeMs(i),
			mode: entries.mode(i)
		};
		else if (type === "symlink") yield {
			type: "symlink",
			path,
			target: entries.target(i),
			mtimeMs: entries.mtimeMs(i)
		};
		else {
			const content = selection?.pinned.get(path);
			yield content ? {
				type: "file",
				path,
				absPath: absPathOf(scan.root, entries, i),
				content,
				mtimeMs: entries.mtimeMs(i),
				mode: entries.mode(i)
			} : {
				type: "file",
				path,
				absPath: absPathOf(scan.root, entries, i),
				expectedSha256: hashes.get(entries.stamp(i)),
				stamp: scan.stamps.get(entries.stamp(i))
			};
		}
	}
}
// .bundle-in/shared/units.js
/** Human-readable sizes and durations, for the CLI's and the action's output. */
function formatBytes(n) {
	const units = [
		"B",
		"KiB",
		"MiB",
		"GiB",
		"TiB"
	];
	let v = n;
	let i = 0;
	while (v >= 1024 && i < units.length - 1) {
		v /= 1024;
		i++;
	}
	return i === 0 ? `${n} B` : `${v.toFixed(v >= 100 ? 0 : 1)} ${units[i]}`;
}
function formatDuration(ms) {
	if (!Number.isFinite(ms) || ms < 0) return "?";
	const s = Math.round(ms / 1e3);
	if (s < 60) return ms < 1e4 ? `${(ms / 1e3).toFixed(1)}s` : `${s}s`;
	const m = Math.floor(s / 60);
	return m < 60 ? `${m}m${String(s % 60).padStart(2, "0")}s` : `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}
/** Parses `512M`, `1G`, `1.5GiB`, `4096` into bytes; undefined if it is not a size. */
function parseSize(text) {
	const m = /^(\d+(?:\.\d+)?)\s*([kmgt]?)(i?b)?$/i.exec(text.trim());
	if (!m) return void 0;
	const mult = {
		"": 1,
		k: 1024,
		m: 1024 ** 2,
		g: 1024 ** 3,
		t: 1024 ** 4
	}[m[2].toLowerCase()];
	const v = Math.round(Number(m[1]) * mult);
	return v > 0 ? v : void 0;
}
// .bundle-in/cli/command.js
/** Options every command that opens a store takes. */
const COMMON = {
	store: { type: "string" },
	backend: { type: "string" },
	"github-token": { type: "string" },
	"run-id": { type: "string" },
	"retention-days": { type: "string" },
	"s3-endpoint": { type: "string" },
	"s3-region": { type: "string" },
	"s3-path-style": { type: "boolean" },
	name: { type: "string" },
	json: { type: "boolean" },
	quiet: {
		type: "boolean",
		short: "q"
	},
	verbose: {
		type: "boolean",
		short: "v"
	},
	help: {
		type: "boolean",
		short: "h"
	}
};
// .bundle-in/cli/option-values.js
/** Option values as the commands take them: a bad one is E_VALIDATION naming the flag. */
function oneOf(value, allowed, flag) {
	if (value === void 0) return void 0;
	if (!allowed.includes(value)) throw new ValidationError(`invalid ${flag} ${JSON.stringify(value)}`, { hint: `valid values: ${allowed.join(", ")}` });
	return value;
}
function integer(value, flag) {
	if (!/^\d+$/.test(value)) throw new ValidationError(`invalid ${flag} ${JSON.stringify(value)}`, { hint: "give a whole number" });
	return Number(value);
}
function seconds(value, flag) {
	const n = Number(value);
	if (!Number.isFinite(n) || n < 0) throw new ValidationError(`invalid ${flag} ${JSON.stringify(value)}`, { hint: "give a number of seconds" });
	return n;
}
function size(value, flag) {
	const n = parseSize(value);
	if (n === void 0) throw new ValidationError(`invalid ${flag} ${JSON.stringify(value)}`, { hint: "give a size such as 512M or 2G" });
	return n;
}
// .bundle-in/cli/plural.js
/** `1 file`, `2 files`: counts read as English, not as `1 files` or `file(s)`. */
function plural(n, word, many = `${word}s`) {
	return `${n} ${n === 1 ? word : many}`;
}
// .bundle-in/storage/file-object.js
/** Writes a stream to a file, returning its size and sha256. */
async function spoolToFile(body, file) {
	const hash = createHash("sha256");
	let size = 0;
	await pipeline(Readable.from((async function* () {
		for await (const chunk of body) {
			hash.update(chunk);
			size += chunk.length;
			yield chunk;
		}
	})()), createWriteStream(file, { mode: 384 }));
	return {
		size,
		sha256: hash.digest("hex")
	};
}
async function sha256OfFile(file) {
	const hash = createHash("sha256");
	for await (const chunk of createReadStream(file)) hash.update(chunk);
	return hash.digest("hex");
}
/**
* Streams a downloaded file (or a byte range of it) and removes it once read or abandoned, so
* backends that can only download whole objects to disk still serve `get` as a stream.
*/
async function* streamAndRemove(file, options = {}) {
	try {
		const range = options.range;
		const stream = range ? range.length === 0 ? void 0 : createReadStream(file, {
			start: range.offset,
			end: range.offset + range.length - 1
		}) : createReadStream(file);
		if (stream) for await (const chunk of stream) yield chunk;
	} finally {
		await fs.rm(file, { force: true });
	}
}
/** Serves `get` from a whole-object download: streams the copy (or a range of it), then releases it. */
async function* streamCopy(copy, options = {}) {
	try {
		yield* streamAndRemove(copy.path, options);
	} finally {
		await copy.release();
	}
}
/** Renames, or copies then removes when the two paths are on different filesystems. */
async function moveFile(from, to) {
	try {
		await fs.rename(from, to);
	} catch (err) {
		if (err.code !== "EXDEV") throw err;
		await fs.copyFile(from, to);
		await fs.rm(from, { force: true });
	}
}
// .bundle-in/storage/github-artifact-store.js
/** Artifact names cannot hold `/`; store keys never hold `+`, so the mapping is reversible. */
function artifactNameOf(key) {
	return key.replaceAll("/", "+");
}
function keyOfArtifactName(name) {
	const key = name.replaceAll("+", "/");
	return isValidKey(key) && !name.includes("/") ? key : void 0;
}
/**
* Snapshots as workflow artifacts: one artifact per store object, uploaded raw (packs are
* compressed already, so no zip around them) and checked against the digest GitHub recorded at
* upload when downloaded back.
*
* A store spans the current run and, given a token, earlier runs: `runId`, or the newest
* `lookbackRuns` completed runs of the same workflow on the same branch. That is what lets an
* incremental snapshot in this run reuse packs an earlier run uploaded, and a later job, run or
* OS restore it. Objects of the current run shadow those of older runs.
*/
var GitHubArtifactStore = class {
	description;
	env;
	logger;
	options;
	client;
	index;
	owner;
	repo;
	searchedRuns = [];
	expired = 0;
	constructor(options = {}) {
		this.options = options;
		this.env = options.env ?? process.env;
		this.logger = options.logger ?? silentLogger;
		const repository = this.env.GITHUB_REPOSITORY ?? "";
		[this.owner = "", this.repo = ""] = repository.split("/");
		if ((options.token || options.runId) && (!this.owner || !this.repo)) throw new ValidationError("reading artifacts of other runs needs GITHUB_REPOSITORY (owner/name)", { hint: "run inside a GitHub Actions job" });
		if (options.runId !== void 0 && !options.token) throw new ValidationError("run-id needs github-token", { hint: "pass github-token: ${{ secrets.GITHUB_TOKEN }} (with actions: read permission) to read another run" });
		this.description = `github-artifact:${options.runId ? `run ${options.runId}` : "this run"}${options.token && !options.runId ? " and earlier runs" : ""}`;
	}
	async artifacts() {
		if (!this.env.ACTIONS_RUNTIME_TOKEN || !this.env.ACTIONS_RESULTS_URL) throw new UnsupportedError("GitHub artifacts are not available here (no ACTIONS_RUNTIME_TOKEN / ACTIONS_RESULTS_URL)", { hint: "run inside a GitHub Actions job (the action has them; a run: step needs them passed through), or use a local store" });
		if (!this.client) {
			const mod = await loadOptional("artifact", () => import("@actions/artifact"));
			this.client = new mod.DefaultArtifactClient();
		}
		return this.client;
	}
	findBy(run) {
		return { findBy: {
			token: this.options.token,
			workflowRunId: run,
			repositoryOwner: this.owner,
			repositoryName: this.repo
		} };
	}
	/**
	* One GitHub REST call, retried with backoff when rate-limited (429, or 403 with no quota left)
	* or failing with 5xx or a network error; anything else is returned. Bounded: after the last
	* try it fails, rather than quietly searching fewer runs.
	*/
	async api(pathAndQuery) {
		const base = this.env.GITHUB_API_URL || "https://api.github.com";
		const tries = this.options.apiRetries ?? 5;
		const delay = this.options.apiRetryDelayMs ?? Number(this.env.INDEX_VAULT_API_RETRY_MS || 1e3);
		let last = "";
		for (let i = 0; i < tries; i++) {
			if (i > 0) await new Promise((r) => setTimeout(r, Math.min(delay * 2 ** (i - 1), 3e4)));
			let res;
			try {
				res = await fetch(`${base}${pathAndQuery}`, { headers: {
					authorization: `Bearer ${this.options.token}`,
					accept: "application/vnd.github+json",
					"x-github-api-version": "2022-11-28"
				} });
			} catch (err) {
				last = err.message;
				continue;
			}
			if (!(res.status === 429 || res.status === 403 && res.headers.get("x-ratelimit-remaining") === "0") && res.status < 500) return res;
			last = `HTTP ${res.status}`;
			const after = Number(res.headers.get("retry-after"));
			if (after > 0 && after * 1e3 > delay) await new Promise((r) => setTimeout(r, Math.min(after * 1e3, 6e4)));
		}
		throw new StorageError(`the GitHub API did not answer ${pathAndQuery.split("?")[0]} after ${tries} tries (${last})`, { hint: "the API is rate-limited or failing; run the job again later" });
	}
	async json(pathAndQuery) {
		const res = await this.api(pathAndQuery);
		if (res.status === 404) return void 0;
		if (!res.ok) throw new StorageError(`the GitHub API refused ${pathAndQuery.split("?")[0]}: HTTP ${res.status}`, { hint: res.status === 401 || res.status === 403 ? "the token needs actions: read on this repository (permissions: actions: read)" : "run the job again" });
		return parseBoundedJson(await res.text(), `GitHub API answer for ${pathAndQuery.split("?")[0]}`, 16777216);
	}
	/**
	* Completed runs to search, newest first (failed runs may still hold good snapshots): with
	* runId, that run and the runs of its branch before it (paging back as far as needed); else
	* the newest runs of this branch, then, for a pull request, of its base branch.
	*/
	async runsToSearch() {
		const workflow = /\/\.github\/workflows\/([^@]+)@/.exec(this.env.GITHUB_WORKFLOW_REF ?? "")?.[1];
		const lookback = this.options.lookbackRuns ?? 30;
		const repo = `/repos/${this.owner}/${this.repo}`;
		const named = this.options.runId;
		let branches = [this.env.GITHUB_HEAD_REF || this.env.GITHUB_REF_NAME, this.env.GITHUB_BASE_REF].filter((b) => !!b);
		const out = [];
		if (named) {
			const run = await this.json(`${repo}/actions/runs/${named}`);
			out.push({
				id: named,
				branch: run?.head_branch ?? "?"
			});
			if (run?.head_branch) branches = [run.head_branch];
		}
		if (!workflow) return out;
		for (const branch of [...new Set(branches)]) {
			let found = 0;
			for (let page = 1; page <= 50 && found < lookback; page++) {
				const q = `branch=${encodeURIComponent(branch)}&status=completed&per_page=100&page=${page}`;
				const runs = (await this.json(`${repo}/actions/workflows/${encodeURIComponent(workflow)}/runs?${q}`))?.workflow_runs ?? [];
				for (const r of runs) {
					if (found >= lookback) break;
					if (named && r.id >= named) continue;
					if (!out.some((o) => o.id === r.id)) out.push({
						id: r.id,
						branch
					});
					found++;
				}
				if (runs.length < 100) break;
			}
		}
		return out;
	}
	/** A run's artifacts through REST, every page; expired ones are listed by GitHub but cannot be downloaded, so they are left out. */
	async runArtifacts(run) {
		const out = [];
		const now = Date.now();
		for (let page = 1; page <= 100; page++) {
			const list = (await this.json(`/repos/${this.owner}/${this.repo}/actions/runs/${run}/artifacts?per_page=100&page=${page}`))?.artifacts ?? [];
			for (const a of list) {
				if (a.expired || a.expires_at && Date.parse(a.expires_at) <= now) {
					this.expired++;
					continue;
				}
				out.push({
					name: a.name,
					id: a.id,
					size: a.size_in_bytes,
					digest: a.digest ?? void 0,
					createdAt: a.created_at ? new Date(a.created_at) : void 0
				});
			}
			if (list.length < 100) break;
		}
		return out;
	}
	/** The runs whose artifacts were searched (for the job summary). */
	searched() {
		return this.searchedRuns;
	}
	async located() {
		if (this.index) return this.index;
		const client = await this.artifacts();
		const index = /* @__PURE__ */ new Map();
		const add = (list, run) => {
			for (const a of list) {
				const key = keyOfArtifactName(a.name);
				if (key && !index.has(key)) index.set(key, {
					id: a.id,
					run,
					size: a.size,
					digest: a.digest,
					created: a.createdAt
				});
			}
		};
		try {
			add((await client.listArtifacts({ latest: true })).artifacts);
			this.searchedRuns = ["this run"];
			if (this.options.token) {
				const current = Number(this.env.GITHUB_RUN_ID);
				for (const run of await this.runsToSearch()) {
					if (run.id === current) continue;
					add(await this.runArtifacts(run.id), run.id);
					this.searchedRuns.push(`${run.id} (${run.branch})`);
				}
				if (this.expired > 0) this.logger.info(`${this.expired} expired artifact(s) of earlier runs left out: they can no longer be downloaded`);
			}
		} catch (err) {
			throw this.failure("list artifacts", err);
		}
		this.index = index;
		return index;
	}
	failure(what, err) {
		if (isIndexVaultError(err)) return err;
		const msg = err.message ?? String(err);
		const auth = /\b(401|403)\b|Resource not accessible/i.test(msg);
		return new StorageError(`cannot ${what}: ${msg}`, {
			cause: err,
			hint: auth ? "the token needs actions: read on this repository (permissions: actions: read)" : "a transient service failure is retried by the client; run the job again if it persists"
		});
	}
	async put(key, body, options = {}) {
		if (!isValidKey(key)) throw new ValidationError(`invalid store key ${JSON.stringify(key)}`);
		const client = await this.artifacts();
		const index = await this.located();
		const name = artifactNameOf(key);
		const dir = await fs.mkdtemp(path.join(this.env.RUNNER_TEMP || os.tmpdir(), "iv-artifact-"));
		try {
			const file = path.join(dir, name);
			const { size, sha256 } = await spoolToFile(body, file);
			const digest = `sha256:${sha256}`;
			const existing = index.get(key);
			if (existing) {
				if (options.ifNoneMatch || existing.digest !== digest) throw new StorageError(`artifact ${name} already exists${existing.digest === digest ? "" : " with different content"}`, {
					hint: "artifact names are unique per run; use another series name or snapshot",
					details: {
						key,
						exists: true
					}
				});
				return {
					key,
					size
				};
			}
			let uploaded;
			try {
				uploaded = await client.uploadArtifact(name, [file], dir, {
					skipArchive: true,
					retentionDays: this.options.retentionDays
				});
			} catch (err) {
				if (/409|already exists|Conflict/i.test(err.message)) {
					this.index = void 0;
					const now = (await this.located()).get(key);
					if (now?.digest === digest && !options.ifNoneMatch) return {
						key,
						size
					};
					throw new StorageError(`artifact ${name} already exists in this run${now?.digest === digest ? "" : " with different content"}`, {
						cause: err,
						details: {
							key,
							exists: true
						}
					});
				}
				throw this.failure(`upload artifact ${name}`, err);
			}
			if (!uploaded.id) throw new StorageError(`the artifact service did not confirm ${name}`, { hint: "run the job again" });
			index.set(key, {
				id: uploaded.id,
				size,
				digest: uploaded.digest ? `sha256:${uploaded.digest.replace(/^sha256:/, "")}` : digest
			});
			return {
				key,
				size
			};
		} finally {
			await fs.rm(dir, {
				recursive: true,
				force: true
			});
		}
	}
	async get(key, options = {}) {
		return streamCopy(await this.download(key), options);
	}
	async download(key) {
		const client = await this.artifacts();
		const at = (await this.located()).get(key);
		if (!at) throw new NotFoundError(`no artifact ${artifactNameOf(key)} in ${this.description}`, {
			hint: this.options.token ? "check the series name, and that the run that made it is among the runs searched" : "to restore from another run, pass github-token (and run-id)",
			details: { key }
		});
		const dir = await fs.mkdtemp(path.join(this.env.RUNNER_TEMP || os.tmpdir(), "iv-artifact-"));
		try {
			if ((await client.downloadArtifact(at.id, {
				path: dir,
				skipDecompress: true,
				expectedHash: at.digest,
				...at.run ? this.findBy(at.run) : {}
			})).digestMismatch) throw new IntegrityError(`artifact ${artifactNameOf(key)} does not match the digest recorded at upload`, {
				hint: "the stored object is damaged; take a new full backup (incremental: false)",
				details: { key }
			});
			const [file] = await fs.readdir(dir);
			if (!file) throw new StorageError(`artifact ${artifactNameOf(key)} downloaded as nothing`, { hint: "run the job again" });
			return {
				path: path.join(dir, file),
				release: () => fs.rm(dir, {
					recursive: true,
					force: true
				})
			};
		} catch (err) {
			await fs.rm(dir, {
				recursive: true,
				force: true
			});
			if (isIndexVaultError(err)) throw err;
			const status = err.status;
			if (status === 404 || status === 410 || /\b(404|410)\b|Not Found|Gone|expired/i.test(err.message ?? "")) throw new NotFoundError(`artifact ${artifactNameOf(key)}${at.run ? ` of run ${at.run}` : ""} can no longer be downloaded (expired or deleted)`, {
				hint: "the chain is broken: take a full snapshot",
				cause: err,
				details: { key }
			});
			throw this.failure(`download artifact ${artifactNameOf(key)}`, err);
		}
	}
	async list(prefix) {
		const out = [];
		for (const [key, at] of await this.located()) if (key.startsWith(prefix)) out.push({
			key,
			size: at.size,
			modified: at.created
		});
		return out.sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
	}
	async exists(key) {
		return (await this.located()).has(key);
	}
	async delete(key) {
		const client = await this.artifacts();
		const index = await this.located();
		const at = index.get(key);
		if (!at) return;
		try {
			await client.deleteArtifact(artifactNameOf(key), at.run ? this.findBy(at.run) : void 0);
		} catch (err) {
			throw this.failure(`delete artifact ${artifactNameOf(key)}`, err);
		}
		index.delete(key);
	}
};
// .bundle-in/storage/github-cache-service.js
/**
* GitHub's cache service (v2), called directly: three Twirp methods and signed blob URLs. The
* npm client (`@actions/cache`) wraps every entry in tar and compresses it again through a
* temporary archive, and can only prove what it stored by downloading it again. Called directly,
* an entry is the object's own bytes: each uploaded block carries its MD5, which the blob service
* checks on receipt, the committed blob's length is checked, and reads can ask for ranges.
* Documented only through `@actions/cache`'s source: these calls are what it sends.
*/
/**
* The entry version: what the service matches besides the key. One constant for every OS (no
* paths, no compression method), so an entry serves Linux, Windows and macOS alike, with no tar or
* zstd needed on the runner. Entries written through `@actions/cache` have other versions and are
* never mistaken for these.
*/
const RAW_VERSION = createHash("sha256").update("index-vault|raw-object|1").digest("hex");
/** Whether the v2 service can be called directly here: GitHub.com (or *.ghe.com), not Enterprise Server. */
function directCacheAvailable(env) {
	if (!env.ACTIONS_CACHE_SERVICE_V2 || !env.ACTIONS_RESULTS_URL || !env.ACTIONS_RUNTIME_TOKEN) return false;
	const host = new URL(env.GITHUB_SERVER_URL || "https://github.com").hostname.toLowerCase();
	return host === "github.com" || host.endsWith(".ghe.com") || host.endsWith(".localhost");
}
var CacheServiceClient = class {
	options;
	constructor(options) {
		this.options = options;
	}
	async call(method, body, okStatuses = []) {
		const url = `${this.options.baseUrl.replace(/\/$/, "")}/twirp/github.actions.results.api.v1.CacheService/${method}`;
		const tries = this.options.tries ?? 5;
		let last = "";
		for (let i = 0; i < tries; i++) {
			if (i > 0) await new Promise((r) => setTimeout(r, Math.min((this.options.retryDelayMs ?? 1e3) * 2 ** (i - 1), 2e4)));
			let res;
			try {
				res = await fetch(url, {
					method: "POST",
					headers: {
						"content-type": "application/json",
						authorization: `Bearer ${this.options.token}`
					},
					body: JSON.stringify(body)
				});
			} catch (err) {
				last = err.message;
				continue;
			}
			if (res.ok) return {
				status: res.status,
				body: await res.json()
			};
			if (okStatuses.includes(res.status)) return { status: res.status };
			const text = await res.text().catch(() => "");
			last = `HTTP ${res.status} ${text.slice(0, 200)}`;
			if (res.status < 500) break;
		}
		throw new StorageError(`the cache service failed ${method}: ${last}`, { hint: "the repository cache may be full or the service failing; run the job again" });
	}
	/** Reserves `key`; undefined when an entry with this key (and version) exists already. */
	async create(key) {
		const r = await this.call("CreateCacheEntry", {
			key,
			version: RAW_VERSION
		}, [409]);
		if (r.status === 409) return void 0;
		const url = r.body?.signed_upload_url ?? r.body?.signedUploadUrl;
		if (!r.body?.ok || !url) throw new StorageError(`the cache service did not reserve ${key}`, { hint: "the repository cache may be full, or ACTIONS_CACHE_MODE forbids writes" });
		return url;
	}
	async finalize(key, size) {
		if (!(await this.call("FinalizeCacheEntryUpload", {
			key,
			version: RAW_VERSION,
			size_bytes: String(size)
		})).body?.ok) throw new StorageError(`the cache service did not finalize ${key}`, { hint: "run the job again" });
	}
	/** The signed URL of the newest entry whose key is `key` or starts with it, and its key. */
	async lookup(key) {
		const r = await this.call("GetCacheEntryDownloadURL", {
			key,
			restore_keys: [],
			version: RAW_VERSION
		});
		const url = r.body?.signed_download_url ?? r.body?.signedDownloadUrl;
		const matched = r.body?.matched_key ?? r.body?.matchedKey;
		return r.body?.ok && url && matched ? {
			url,
			key: matched
		} : void 0;
	}
};
// .bundle-in/storage/serial.js
/** Runs async work one piece at a time, in call order: for backends that share one transfer path. */
var Serial = class {
	tail = Promise.resolve();
	run(fn) {
		const next = this.tail.then(fn, fn);
		this.tail = next.catch(() => {});
		return next;
	}
};
// .bundle-in/storage/github-cache-store.js
/** Blocks of a direct upload: each is sent with its MD5, which the blob service checks. */
const BLOCK_BYTES = 8388608;
/**
* The path string every entry is saved under. The cache service's "version" hashes the path
* strings, so one relative string on every OS (plus enableCrossOsArchive) lets an entry saved on
* Linux restore on Windows and macOS; an absolute path would differ per runner and always miss.
*/
const TRANSFER_DIR = ".index-vault-transfer";
const TRANSFER_PATH = `${TRANSFER_DIR}/object`;
/**
* Snapshots in the GitHub Actions cache: every store object (manifest, pack) is one immutable
* cache entry keyed `<prefix>/<key>`. On GitHub.com the entry is the object's own bytes, sent to
* the cache service directly (see github-cache-service.ts); where only `@actions/cache` reaches the
* service (Enterprise Server) it goes through that client's tar archive.
*
* The cache cannot enumerate or delete entries. `list(prefix)` returns the newest entry under
* the prefix (the service's restore-key lookup), which is what finding the latest snapshot
* needs; `prune` and `delete` are not supported (entries expire after 7 days unused, or are
* deleted with `gh cache delete`). An existing key is "already stored" when its content is
* identical and a conflict otherwise, since entries cannot be replaced.
*/
var GitHubCacheStore = class {
	description;
	prefix;
	workspace;
	env;
	logger;
	serial = new Serial();
	cache;
	/** The cache service called directly (GitHub.com); undefined where only @actions/cache can reach it (GHES). */
	service;
	constructor(options = {}) {
		this.env = options.env ?? process.env;
		this.prefix = options.keyPrefix ?? "index-vault";
		if (!/^[A-Za-z0-9._-]+$/.test(this.prefix)) throw new ValidationError(`invalid cache key prefix ${JSON.stringify(this.prefix)}`, { hint: "use letters, digits, . _ -" });
		const ws = process.env.GITHUB_WORKSPACE;
		if (!ws) throw new ValidationError("the cache backend needs GITHUB_WORKSPACE", { hint: "run inside a GitHub Actions job (the runner sets it), or use a local store" });
		this.workspace = path.resolve(ws);
		this.logger = options.logger ?? silentLogger;
		this.description = `github-cache:${this.prefix}`;
		const transport = options.transport ?? "auto";
		if (transport === "direct" || transport === "auto" && directCacheAvailable(this.env)) this.service = new CacheServiceClient({
			baseUrl: this.env.ACTIONS_RESULTS_URL,
			token: this.env.ACTIONS_RUNTIME_TOKEN,
			retryDelayMs: Number(this.env.INDEX_VAULT_API_RETRY_MS || 1e3)
		});
	}
	/** ACTIONS_CACHE_MODE as the runner sets it (none, read, write, write-only); unknown means both. */
	mode() {
		const m = (this.env.ACTIONS_CACHE_MODE ?? "").trim().toLowerCase();
		if (![
			"none",
			"read",
			"write",
			"write-only"
		].includes(m)) return {
			read: true,
			write: true
		};
		return {
			read: m === "read" || m === "write",
			write: m === "write" || m === "write-only"
		};
	}
	async lookupDirect(key) {
		return this.mode().read ? this.service.lookup(key) : void 0;
	}
	/**
	* A direct put: the object's bytes as the entry, in blocks the blob service checks against
	* their MD5 on receipt, then the committed length checked. That is the read-back, without a
	* second download (the entry is immutable once finalized).
	*/
	async putDirect(key, ckey, body, options) {
		if (!this.mode().write) throw new StorageError(`ACTIONS_CACHE_MODE=${this.env.ACTIONS_CACHE_MODE} does not allow saving ${ckey}`, {
			hint: "the runner forbids cache writes here (e.g. a pull request from a fork); use backend artifact",
			details: { key }
		});
		const url = await this.service.create(ckey);
		if (!url) return this.settleExisting(key, ckey, body, options);
		const { BlockBlobClient } = await loadOptional("cache", () => import("@azure/storage-blob"));
		const blob = new BlockBlobClient(url);
		const ids = [];
		let size = 0;
		const stage = async (block) => {
			const id = Buffer.from(String(ids.length).padStart(8, "0")).toString("base64");
			await blob.stageBlock(id, block, block.length, { transactionalContentMD5: createHash("md5").update(block).digest() });
			ids.push(id);
			size += block.length;
		};
		try {
			let parts = [];
			let pending = 0;
			for await (const chunk of body) {
				let c = Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
				while (pending + c.length >= BLOCK_BYTES) {
					const take = BLOCK_BYTES - pending;
					parts.push(c.subarray(0, take));
					await stage(Buffer.concat(parts, BLOCK_BYTES));
					c = c.subarray(take);
					parts = [];
					pending = 0;
				}
				if (c.length > 0) {
					parts.push(Buffer.from(c));
					pending += c.length;
				}
			}
			if (pending > 0 || ids.length === 0) await stage(Buffer.concat(parts, pending));
			await blob.commitBlockList(ids);
			const committed = (await blob.getProperties()).contentLength;
			if (committed !== size) throw new IntegrityError(`cache entry ${ckey} holds ${committed} bytes, ${size} were sent`, {
				hint: "the service lost part of the upload; back up again",
				details: { key }
			});
			await this.service.finalize(ckey, size);
		} catch (err) {
			if (isIndexVaultError(err)) throw err;
			throw /Md5Mismatch|MD5/i.test(err.message) ? new IntegrityError(`the blob service received other bytes than were sent for ${ckey}`, {
				cause: err,
				hint: "the upload was damaged in transit; back up again",
				details: { key }
			}) : new StorageError(`cannot upload ${ckey} to the GitHub Actions cache: ${err.message}`, {
				cause: err,
				details: { key }
			});
		}
		return {
			key,
			size,
			readBack: options.readBack ? true : void 0
		};
	}
	/** An entry with this key exists already: identical content is "already stored", anything else a conflict. */
	async settleExisting(key, ckey, body, options) {
		const hash = createHash("sha256");
		let size = 0;
		for await (const c of body) {
			hash.update(c);
			size += c.length;
		}
		let same = false;
		const existing = await this.download(key).catch(() => void 0);
		if (existing) try {
			same = await sha256OfFile(existing.path) === hash.digest("hex");
		} finally {
			await existing.release();
		}
		if (same && !options.ifNoneMatch) return {
			key,
			size
		};
		throw new StorageError(`cache entry ${ckey} already exists${same ? "" : " with different content"}`, {
			hint: same ? "nothing to do: it was stored before" : "cache entries cannot be replaced: use another series name, or delete the entry (gh cache delete)",
			details: {
				key,
				exists: true
			}
		});
	}
	async fetchDirect(key, range) {
		const ckey = this.cacheKey(key);
		const hit = await this.lookupDirect(ckey);
		if (!hit || hit.key !== ckey) return void 0;
		const res = await fetch(hit.url, range ? { headers: { range: `bytes=${range.offset}-${range.offset + range.length - 1}` } } : {});
		if (res.status === 404) return void 0;
		if (!res.ok || !res.body || range && range.length > 0 && res.status !== 206) throw new StorageError(`cannot read cache entry ${ckey}: HTTP ${res.status}`, {
			hint: "run the job again",
			details: { key }
		});
		return res;
	}
	cacheKey(key) {
		if (!isValidKey(key)) throw new ValidationError(`invalid store key ${JSON.stringify(key)}`);
		return `${this.prefix}/${key}`;
	}
	async client() {
		if (!this.env.ACTIONS_RESULTS_URL && !this.env.ACTIONS_CACHE_URL) throw new UnsupportedError("the GitHub Actions cache is not available here (no ACTIONS_RESULTS_URL)", { hint: "run inside a GitHub Actions job; from a run: step, pass the runtime variables (e.g. with crazy-max/ghaction-github-runtime) or use backend artifact/local" });
		this.cache ??= await loadOptional("cache", () => import("@actions/cache"));
		return this.cache;
	}
	/** The client reads paths against the cwd and tars with -C GITHUB_WORKSPACE: both must agree. */
	async inWorkspace(fn) {
		return this.serial.run(async () => {
			const before = process.cwd();
			const transfer = path.join(this.workspace, TRANSFER_DIR);
			await fs.rm(transfer, {
				recursive: true,
				force: true
			});
			await makePrivateDir(transfer);
			process.chdir(this.workspace);
			try {
				return await fn(transfer);
			} finally {
				process.chdir(before);
				await fs.rm(transfer, {
					recursive: true,
					force: true
				}).catch(() => {});
			}
		});
	}
	/** Downloads the entry for `key` to a private temp file; undefined when there is none. */
	async fetchEntry(key) {
		const ckey = this.cacheKey(key);
		const cache = await this.client();
		return this.inWorkspace(async (transfer) => {
			if (await cache.restoreCache([TRANSFER_PATH], ckey, [], {}, true) !== ckey) return void 0;
			const file = path.join(await fs.mkdtemp(path.join(this.env.RUNNER_TEMP || os.tmpdir(), "iv-cache-")), "object");
			await moveFile(path.join(transfer, "object"), file);
			return file;
		});
	}
	async lookup(cacheKeyOrPrefix) {
		const cache = await this.client();
		return this.inWorkspace(() => cache.restoreCache([TRANSFER_PATH], cacheKeyOrPrefix, [], { lookupOnly: true }, true));
	}
	async put(key, body, options = {}) {
		const ckey = this.cacheKey(key);
		if (this.service) return this.putDirect(key, ckey, body, options);
		const cache = await this.client();
		const spoolDir = await fs.mkdtemp(path.join(this.env.RUNNER_TEMP || os.tmpdir(), "iv-cache-put-"));
		try {
			const spool = path.join(spoolDir, "object");
			const { size, sha256 } = await spoolToFile(body, spool);
			const settle = async () => {
				if (await this.lookup(ckey) !== ckey) return void 0;
				const existing = await this.fetchEntry(key);
				const same = existing !== void 0 && await sha256OfFile(existing) === sha256;
				if (existing) await fs.rm(path.dirname(existing), {
					recursive: true,
					force: true
				});
				if (same && !options.ifNoneMatch) {
					this.logger.debug(`cache entry ${ckey} already holds this content`);
					return {
						key,
						size
					};
				}
				throw new StorageError(`cache entry ${ckey} already exists${same ? "" : " with different content"}`, {
					hint: same ? "nothing to do: it was stored before" : "cache entries cannot be replaced: use another series name, or delete the entry (gh cache delete)",
					details: {
						key,
						exists: true
					}
				});
			};
			const already = await settle();
			if (already) return already;
			const id = await this.inWorkspace(async (transfer) => {
				await moveFile(spool, path.join(transfer, "object"));
				return cache.saveCache([TRANSFER_PATH], ckey, void 0, true);
			});
			if (id === -1 || id === void 0) {
				const raced = await settle();
				if (raced) return raced;
				throw new StorageError(`the cache service did not store ${ckey}`, {
					hint: "see the warning the cache client printed above: the repository cache may be full, ACTIONS_CACHE_MODE may forbid writes, or the service failed; retry the job",
					details: { key }
				});
			}
			return {
				key,
				size
			};
		} catch (err) {
			if (isIndexVaultError(err)) throw err;
			throw new StorageError(`cannot save ${ckey} to the GitHub Actions cache: ${err.message}`, {
				cause: err,
				details: { key }
			});
		} finally {
			await fs.rm(spoolDir, {
				recursive: true,
				force: true
			});
		}
	}
	async get(key, options = {}) {
		if (this.service) {
			const res = await this.fetchDirect(key, options.range);
			if (!res) throw this.miss(key);
			return Readable.fromWeb(res.body);
		}
		return streamCopy(await this.download(key), options);
	}
	miss(key) {
		return new NotFoundError(`no cache entry ${this.cacheKey(key)} (cache miss)`, {
			hint: "caches are scoped to the branch and its base branch and expire after 7 days unused; check the name and that a backup ran on this branch",
			details: { key }
		});
	}
	async download(key) {
		if (this.service) {
			const res = await this.fetchDirect(key);
			if (!res) throw this.miss(key);
			const dir = await fs.mkdtemp(path.join(this.env.RUNNER_TEMP || os.tmpdir(), "iv-cache-"));
			const file = path.join(dir, "object");
			try {
				await pipeline(Readable.fromWeb(res.body), createWriteStream(file, { mode: 384 }));
			} catch (err) {
				await fs.rm(dir, {
					recursive: true,
					force: true
				});
				throw new StorageError(`cannot download cache entry ${this.cacheKey(key)}: ${err.message}`, {
					cause: err,
					hint: "run the job again",
					details: { key }
				});
			}
			return {
				path: file,
				release: () => fs.rm(dir, {
					recursive: true,
					force: true
				})
			};
		}
		let file;
		try {
			file = await this.fetchEntry(key);
		} catch (err) {
			if (isIndexVaultError(err)) throw err;
			throw new StorageError(`cannot restore ${this.cacheKey(key)} from the GitHub Actions cache: ${err.message}`, {
				cause: err,
				details: { key }
			});
		}
		if (!file && await this.exists(key)) throw new IntegrityError(`cache entry ${this.cacheKey(key)} exists but could not be downloaded and extracted intact`, {
			hint: "see the warning the cache client printed above; if it persists the entry is damaged: take a new full backup (incremental: false) under another name",
			details: { key }
		});
		if (!file) throw new NotFoundError(`no cache entry ${this.cacheKey(key)} (cache miss)`, {
			hint: "caches are scoped to the branch and its base branch and expire after 7 days unused; check the name and that a backup ran on this branch",
			details: { key }
		});
		const dir = path.dirname(file);
		return {
			path: file,
			release: () => fs.rm(dir, {
				recursive: true,
				force: true
			})
		};
	}
	async exists(key) {
		const ckey = this.cacheKey(key);
		if (this.service) return (await this.lookupDirect(ckey))?.key === ckey;
		return await this.lookup(ckey) === ckey;
	}
	/** The newest entry under the prefix only: the cache cannot enumerate (see the class comment). */
	async list(prefix) {
		const matched = this.service ? (await this.lookupDirect(`${this.prefix}/${prefix}`))?.key : await this.lookup(`${this.prefix}/${prefix}`);
		if (!matched || !matched.startsWith(`${this.prefix}/${prefix}`)) return [];
		const key = matched.slice(this.prefix.length + 1);
		return isValidKey(key) ? [{
			key,
			size: 0
		}] : [];
	}
	async delete(key) {
		throw new UnsupportedError(`cache entry ${this.cacheKey(key)} cannot be deleted from a job`, {
			hint: "entries expire after 7 days unused; delete them with `gh cache delete`, or use the artifact or local backend to prune",
			details: { key }
		});
	}
};
// .bundle-in/fs-safety/positional-writes.js
/** Writes all of `chunk` at `at`: one write call may take less than it was given. */
async function writeFully(fh, chunk, at) {
	let off = 0;
	while (off < chunk.length) {
		const { bytesWritten } = await fh.write(chunk, off, chunk.length - off, at + off);
		off += bytesWritten;
	}
}
/**
* Positional writes to one file with at most `limit` in flight, so the caller prepares the next
* chunk (decodes, hashes, compresses it) while the last ones reach the file. Each write may be
* followed by `after` (a read-back). A failure comes out of a later `write` or of `settle`;
* chunks must not change until then.
*/
var PositionalWrites = class {
	fh;
	limit;
	after;
	inFlight = [];
	constructor(fh, limit, after) {
		this.fh = fh;
		this.limit = limit;
		this.after = after;
	}
	async write(chunk, at) {
		const p = writeFully(this.fh, chunk, at).then(() => this.after?.(chunk, at));
		p.catch(() => {});
		this.inFlight.push(p);
		if (this.inFlight.length >= this.limit) await this.inFlight.shift();
	}
	/** Waits for every write; the first failure is thrown. */
	async settle() {
		const all = this.inFlight;
		this.inFlight = [];
		await Promise.all(all);
	}
	/** Waits for every write without caring how they ended (before closing after a failure). */
	async abandon() {
		const all = this.inFlight;
		this.inFlight = [];
		await Promise.allSettled(all);
	}
};
// .bundle-in/storage/local-store.js
const TMP_MARK = ".tmp-";
/** Bytes written between two background flushes to disk. */
const FLUSH_BYTES = 67108864;
const READ_BACK_CHUNK = 1048576;
const WRITES_IN_FLIGHT = 4;
/** Reads back what was just written at `pos` and compares it with what was meant to be written. */
async function compareWritten(fh, chunk, pos, scratch, key) {
	for (let off = 0; off < chunk.length; off += scratch.length) {
		const n = Math.min(scratch.length, chunk.length - off);
		let got = 0;
		while (got < n) {
			const { bytesRead } = await fh.read(scratch, got, n - got, pos + off + got);
			if (bytesRead === 0) break;
			got += bytesRead;
		}
		if (got !== n || Buffer.compare(scratch.subarray(0, n), chunk.subarray(off, off + n)) !== 0) throw new IntegrityError(`${key}: the bytes read back at offset ${pos + off} differ from those written`, {
			hint: "the disk or filesystem of the store is failing; check it and back up again",
			details: {
				key,
				offset: pos + off
			}
		});
	}
}
/**
* The embedded default store: a directory. Objects are written to a temporary name beside
* their final one, fsynced, then renamed (or linked, for ifNoneMatch) into place, so readers
* never see a partial object and a crash leaves at most a temporary file that `list` ignores.
*/
var LocalStore = class {
	root;
	description;
	/** It releases each part of a put once written and read back, and hands its body to no other store. */
	releasesParts = true;
	get localRoot() {
		return this.root;
	}
	constructor(root) {
		if (!root) throw new ValidationError("the local store needs a directory", {
			hint: "name the directory of the store",
			details: { remedy: "store" }
		});
		this.root = path.resolve(root);
		this.description = `local:${this.root}`;
	}
	file(key) {
		if (!isValidKey(key)) throw new ValidationError(`invalid store key ${JSON.stringify(key)}`);
		return path.join(this.root, ...key.split("/"));
	}
	async put(key, body, options = {}) {
		const final = this.file(key);
		const dir = path.dirname(final);
		const tmp = path.join(dir, `.${path.basename(final)}${TMP_MARK}${process.pid}-${randomBytes(4).toString("hex")}`);
		let size = 0;
		let durable;
		const forgetTmp = onStop(() => fs.rm(tmp, { force: true }));
		try {
			if (isStopping()) throw new StorageError(`not writing ${key}: the process is stopping`);
			await makePrivateLeaf(this.root);
			await fs.mkdir(dir, { recursive: true });
			const fh = await fs.open(tmp, options.readBack ? "wx+" : "wx", 384);
			let flushing;
			let unflushed = 0;
			const scratch = [];
			const readBack = async (chunk, at) => {
				const buf = scratch.pop() ?? Buffer.allocUnsafe(READ_BACK_CHUNK);
				try {
					await compareWritten(fh, chunk, at, buf, key);
				} finally {
					scratch.push(buf);
				}
			};
			const { readBack: check, release } = options;
			const writes = new PositionalWrites(fh, WRITES_IN_FLIGHT, check || release ? async (chunk, at) => {
				if (check) await readBack(chunk, at);
				release?.(chunk);
			} : void 0);
			try {
				for await (const chunk of body) {
					await writes.write(chunk, size);
					size += chunk.length;
					unflushed += chunk.length;
					if (unflushed >= FLUSH_BYTES && !flushing) {
						unflushed = 0;
						flushing = fh.datasync().finally(() => flushing = void 0);
					}
				}
				await writes.settle();
				await flushing;
				if (options.deferDurable && process.platform !== "win32") {
					await this.publish(tmp, final, key, options);
					forgetTmp();
					const handle = fh;
					durable = handle.sync().finally(() => handle.close()).then(() => syncDir(dir)).catch((err) => {
						throw storageError(err, `cannot flush ${key} to`, this.description);
					});
					durable.catch(() => {});
					return {
						key,
						size,
						readBack: options.readBack === true,
						durable
					};
				}
				await fh.sync();
			} finally {
				await writes.abandon();
				await flushing?.catch(() => {});
				if (!durable) await fh.close();
			}
			await this.publish(tmp, final, key, options);
			forgetTmp();
			await syncDir(dir);
		} catch (err) {
			await fs.rm(tmp, { force: true }).catch(() => {});
			forgetTmp();
			if (isIndexVaultError(err)) throw err;
			throw storageError(err, `cannot write ${key} to`, this.description);
		}
		return {
			key,
			size,
			readBack: options.readBack === true
		};
	}
	/** Moves a complete temporary file to its key: rename, or link for create-only. */
	async publish(tmp, final, key, options) {
		if (isStopping()) throw new StorageError(`not publishing ${key}: the process is stopping`);
		if (options.ifNoneMatch) {
			try {
				await fs.link(tmp, final);
			} catch (err) {
				if (err.code === "EEXIST") throw new StorageError(`${this.description}: ${key} already exists`, { details: {
					key,
					exists: true
				} });
				throw err;
			}
			await fs.unlink(tmp);
		} else await fs.rename(tmp, final);
	}
	async get(key, options = {}) {
		const file = this.file(key);
		let handle;
		try {
			handle = await fs.open(file, "r");
		} catch (err) {
			if (err.code === "ENOENT") throw new NotFoundError(`${key} is not in ${this.description}`, { details: { key } });
			throw storageError(err, `cannot read ${key} from`, this.description);
		}
		const range = options.range;
		if (range && range.length === 0) {
			await handle.close();
			return (async function* () {})();
		}
		return createReadStream("", {
			fd: handle,
			highWaterMark: 1048576,
			start: range?.offset,
			end: range ? range.offset + range.length - 1 : void 0
		});
	}
	/** The object's own file: nothing is copied, and releasing it removes nothing. */
	async download(key) {
		const file = this.file(key);
		try {
			await fs.access(file);
		} catch (err) {
			if (err.code === "ENOENT") throw new NotFoundError(`${key} is not in ${this.description}`, { details: { key } });
			throw storageError(err, `cannot read ${key} from`, this.description);
		}
		return {
			path: file,
			release: async () => {}
		};
	}
	async list(prefix) {
		const out = [];
		const walk = async (dir, rel) => {
			let names;
			try {
				names = await fs.readdir(dir, { withFileTypes: true });
			} catch (err) {
				if (err.code === "ENOENT" || err.code === "ENOTDIR") return;
				throw storageError(err, "cannot list", this.description);
			}
			for (const d of names) {
				const key = rel ? `${rel}/${d.name}` : d.name;
				if (!isValidKey(key)) continue;
				if (d.isDirectory()) {
					if (prefix.startsWith(`${key}/`) || key.startsWith(prefix) || prefix.startsWith(key)) await walk(path.join(dir, d.name), key);
				} else if (d.isFile() && key.startsWith(prefix)) {
					const st = await fs.stat(path.join(dir, d.name));
					out.push({
						key,
						size: st.size,
						modified: st.mtime
					});
				}
			}
		};
		await walk(this.root, "");
		return out.sort((a, b) => a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
	}
	async delete(key) {
		try {
			await fs.rm(this.file(key), { force: true });
		} catch (err) {
			throw storageError(err, `cannot delete ${key} from`, this.description);
		}
	}
	/** Temporary files (`.<name>.tmp-<pid>-<rand>`) of puts that were killed, unchanged since `olderThan`. */
	async sweepTemporaries(olderThan) {
		const removed = [];
		const walk = async (dir) => {
			const names = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
			for (const d of names) {
				const p = path.join(dir, d.name);
				if (d.isDirectory()) await walk(p);
				else if (d.isFile() && d.name.startsWith(".") && d.name.includes(TMP_MARK)) {
					const st = await fs.lstat(p).catch(() => void 0);
					if (st && st.mtimeMs < olderThan.getTime()) {
						await fs.rm(p, { force: true });
						removed.push(path.relative(this.root, p).split(path.sep).join("/"));
					}
				}
			}
		};
		await walk(this.root);
		return removed;
	}
	async exists(key) {
		try {
			return (await fs.stat(this.file(key))).isFile();
		} catch {
			return false;
		}
	}
};
async function syncDir(dir) {
	if (process.platform === "win32") return;
	const fh = await fs.open(dir, "r");
	try {
		await fh.sync();
	} finally {
		await fh.close();
	}
}
function storageError(err, action, where) {
	const e = err;
	return new StorageError(`${action} ${where}: ${e?.code ?? ""} ${e?.message ?? String(err)}`.trim(), {
		cause: err,
		hint: e?.code === "ENOSPC" ? "the store has no space left" : "check that the store directory exists and is writable"
	});
}
// .bundle-in/storage/open-store-url.js
/**
* Opens `s3://bucket/prefix`, `azure://container/prefix` or a local directory. Secrets never sit
* in the URL: S3 credentials come from the standard AWS chain, Azure's from
* AZURE_STORAGE_CONNECTION_STRING or AZURE_STORAGE_SAS_URL. The cloud SDKs load only when
* their scheme is used: together they add a quarter of a second to every start.
*/
async function openStoreUrl(location, options) {
	const m = /^(s3|azure):\/\/([^/]+)\/?(.*)$/.exec(location);
	if (!m) {
		if (/^[a-z][a-z0-9+.-]*:\/\//i.test(location) && !/^[A-Za-z]:[\\/]/.test(location)) throw new ValidationError(`unknown store URL ${JSON.stringify(location)}`, { hint: "use a directory, s3://bucket/prefix or azure://container/prefix" });
		return new LocalStore(location);
	}
	const [, scheme, name, prefix] = m;
	const env = options.env;
	if (scheme === "s3") {
		const endpoint = options.s3Endpoint ?? env.AWS_ENDPOINT_URL_S3 ?? env.AWS_ENDPOINT_URL;
		const { S3Store } = await import("./s3-store-BPPgX1CW.js");
		return new S3Store({
			bucket: name,
			prefix,
			endpoint,
			region: options.s3Region,
			forcePathStyle: options.s3PathStyle ?? (env.INDEX_VAULT_S3_PATH_STYLE === "true" || endpoint !== void 0),
			logger: options.logger
		});
	}
	const { AzureBlobStore } = await import("./azure-blob-store-B9JMLkeX.js");
	return new AzureBlobStore({
		container: name,
		prefix,
		connectionString: env.AZURE_STORAGE_CONNECTION_STRING,
		containerSasUrl: env.AZURE_STORAGE_SAS_URL,
		logger: options.logger
	});
}
// .bundle-in/cli/store-location.js
/**
* A local store path that is missing or not a directory is a mistake, not an empty store: a
* typo in `--store` must not read as "no snapshots". Only backup may create the store.
*/
async function assertLocalStoreDir(dir, mayCreate) {
	const where = path.resolve(dir);
	let st;
	try {
		st = await fs.stat(where);
	} catch (err) {
		const code = err.code;
		if (code === "ENOTDIR") throw new ValidationError(`store ${where} lies below a file, not a directory`, {
			hint: "check --store",
			details: { store: where }
		});
		if (code !== "ENOENT") throw new IoError(`cannot read store ${where}: ${code ?? err.message}`, {
			cause: err,
			details: { store: where }
		});
		if (mayCreate) return;
		throw new NotFoundError(`store ${where} does not exist`, {
			hint: "check --store (backup creates a store; the other commands read one)",
			details: { store: where }
		});
	}
	if (!st.isDirectory()) throw new ValidationError(`store ${where} is a file, not a directory`, {
		hint: "check --store",
		details: { store: where }
	});
}
// .bundle-in/cli/open-store.js
const CLI_BACKENDS = [
	"local",
	"cache",
	"artifact"
];
/** `--backend cache|artifact` inside a GitHub Actions job (a run: step with the runtime variables), else the local store. */
async function openCliStore(values, env, logger, mayCreate) {
	const backend = oneOf(values.backend, CLI_BACKENDS, "--backend") ?? "local";
	if (backend === "cache") return new GitHubCacheStore({
		env,
		logger
	});
	if (backend === "artifact") return new GitHubArtifactStore({
		env,
		logger,
		token: values["github-token"] ?? env.GITHUB_TOKEN,
		runId: values["run-id"] === void 0 ? void 0 : integer(values["run-id"], "--run-id"),
		retentionDays: values["retention-days"] === void 0 ? void 0 : integer(values["retention-days"], "--retention-days")
	});
	const storeDir = values.store ?? env.INDEX_VAULT_STORE;
	if (!storeDir) throw new ValidationError("no store given", { hint: "pass --store <dir|s3://bucket/prefix|azure://container/prefix> (or set INDEX_VAULT_STORE), or --backend cache|artifact inside a GitHub Actions job" });
	const store = await openStoreUrl(storeDir, {
		env,
		logger,
		s3Endpoint: values["s3-endpoint"],
		s3Region: values["s3-region"],
		s3PathStyle: values["s3-path-style"] === true ? true : void 0
	});
	if (store instanceof LocalStore) await assertLocalStoreDir(storeDir, mayCreate);
	return store;
}
// .bundle-in/cli/progress.js
/**
* Draws progress for people and for logs: on a terminal a bar redrawn in place (at most ten
* times a second) that never exceeds the terminal's width, since a line that wraps cannot be
* redrawn and leaves a trail; elsewhere, as in CI logs, one plain line every `intervalMs`.
*/
function createProgressReporter(out, intervalMs = 5e3) {
	let phase;
	let phaseStart = Date.now();
	let lastDraw = 0;
	let drawn = false;
	let last;
	const report = (p) => {
		if (p.phase !== phase) {
			if (drawn && out.isTTY && last) out.write(`\r${fitLine(completed(last), Date.now() - phaseStart, out.columns)}\u001b[K\n`);
			phase = p.phase;
			phaseStart = Date.now();
			drawn = false;
			lastDraw = 0;
		}
		last = p;
		const now = Date.now();
		if (out.isTTY) {
			if (now - lastDraw < 100) return;
			lastDraw = now;
			drawn = true;
			out.write(`\r${fitLine(p, now - phaseStart, out.columns)}\u001b[K`);
		} else if (now - lastDraw >= intervalMs) {
			if (lastDraw !== 0) out.write(`${progressParts(p, now - phaseStart).join(" ")}\n`);
			lastDraw = now;
		}
	};
	return {
		report,
		done(finished = false) {
			if (drawn && out.isTTY && last) {
				const final = finished ? completed(last) : last;
				out.write(`\r${fitLine(final, Date.now() - phaseStart, out.columns)}\u001b[K\n`);
			}
			drawn = false;
		}
	};
}
const completed = (p) => ({
	...p,
	bytesDone: p.bytesTotal,
	filesDone: p.filesTotal
});
/** The pieces of a progress line, most important first. */
function progressParts(p, elapsedMs) {
	const rate = elapsedMs > 0 ? p.bytesDone / elapsedMs * 1e3 : 0;
	const pct = p.bytesTotal > 0 ? Math.min(100, p.bytesDone / p.bytesTotal * 100) : 100;
	const eta = rate > 0 ? (p.bytesTotal - p.bytesDone) / rate * 1e3 : NaN;
	return [
		`${p.phase}:`,
		`${pct.toFixed(0).padStart(3)}%`,
		`${formatBytes(p.bytesDone)}/${formatBytes(p.bytesTotal)}`,
		...p.filesTotal > 0 ? [`${p.filesDone}/${p.filesTotal} files`] : [],
		`${formatBytes(rate)}/s`,
		`ETA ${formatDuration(eta)}`
	];
}
/**
* A bar and as much of the text as fits in `columns - 1` characters (the last column would make
* some terminals wrap): rate and ETA go first, then the bar, then the file count.
*/
function fitLine(p, elapsedMs, columns = 80) {
	const max = Math.max(1, columns - 1);
	const parts = progressParts(p, elapsedMs);
	const fraction = p.bytesTotal > 0 ? Math.min(1, p.bytesDone / p.bytesTotal) : 1;
	const bar = (width) => {
		const filled = Math.round(fraction * width);
		return `[${"#".repeat(filled)}${".".repeat(width - filled)}] `;
	};
	for (let keep = parts.length; keep >= 2; keep--) {
		const text = parts.slice(0, keep).join(" ");
		const room = max - text.length - 3;
		if (room >= 10) return bar(Math.min(30, room)) + text;
		if (keep <= 4 && text.length <= max) return text;
	}
	return parts.slice(0, 2).join(" ").slice(0, max);
}
// .bundle-in/cli/with-store.js
/** Checks the options every store command shares, opens the store, and runs `body` on it. */
async function withStore(inv, body, mayCreate = false, signs = false) {
	const { values, io, json } = inv;
	const progress = values.quiet ? void 0 : createProgressReporter(io.stderr);
	const name = values.name === void 0 ? void 0 : assertSeriesName(values.name);
	const snapshot = values.snapshot === void 0 ? void 0 : assertSnapshotId(values.snapshot);
	const waitMs = values.wait === void 0 ? void 0 : seconds(values.wait, "--wait") * 1e3;
	const signing = signs ? cliSigning(values, io.env) : void 0;
	const store = await openCliStore(values, io.env, inv.logger, mayCreate);
	const out = (obj, text) => io.stdout.write(json ? `${JSON.stringify(obj)}\n` : `${text}\n`);
	try {
		return await body({
			...inv,
			store,
			progress,
			name,
			snapshot,
			waitMs,
			signing,
			out
		});
	} finally {
		progress?.done();
	}
}
// .bundle-in/cli/backup.js
const backupCommand = {
	usage: "index-vault backup <dir> --store <dir> [--name N] [--format auto|lancedb|tantivy|dir] [--lance-versions latest|tagged|all] [--mode auto|full|incremental] [--max-chain N] [--trust-mtime] [--compression zstd|gzip] [--level N] [--portability error|warn|off] [--follow-links] [--no-verify] [--no-hash-cache] [--pack-size SIZE] [--wait SECONDS] [--signing-key [ID:]SECRET] [--allow-unsigned] [--json] [--verbose]",
	about: "Take a verified snapshot of a directory: full, or incremental (only new content) on top of the newest one.",
	options: {
		...COMMON,
		mode: { type: "string" },
		format: { type: "string" },
		"lance-versions": { type: "string" },
		"max-chain": { type: "string" },
		"trust-mtime": { type: "boolean" },
		compression: { type: "string" },
		level: { type: "string" },
		portability: { type: "string" },
		"follow-links": { type: "boolean" },
		"no-verify": { type: "boolean" },
		"no-hash-cache": { type: "boolean" },
		"pack-size": { type: "string" },
		wait: { type: "string" },
		...SIGNING_OPTIONS
	},
	positionals: 1,
	run: (inv) => withStore(inv, runBackup, true, true)
};
async function runBackup(inv) {
	const { values, positionals, io, store, name, waitMs, signing, logger, progress, out } = inv;
	const dir = positionals[0];
	const codec = oneOf(values.compression, CODECS, "--compression") ?? "zstd";
	const result = await backup({
		source: dir,
		store,
		series: name,
		mode: oneOf(values.mode, BACKUP_MODES, "--mode"),
		format: oneOf(values.format, INDEX_FORMATS, "--format"),
		lanceVersions: oneOf(values["lance-versions"], LANCE_VERSION_MODES, "--lance-versions"),
		maxChain: values["max-chain"] === void 0 ? void 0 : integer(values["max-chain"], "--max-chain"),
		trustMtime: values["trust-mtime"] === true,
		codec,
		level: values.level === void 0 ? void 0 : integer(values.level, "--level"),
		portability: oneOf(values.portability, PORTABILITY_MODES, "--portability"),
		followLinks: values["follow-links"] === true,
		verify: values["no-verify"] !== true,
		hashCache: values["no-hash-cache"] !== true,
		cacheDir: cacheDirFromEnv(io.env),
		packBytes: values["pack-size"] === void 0 ? void 0 : size(values["pack-size"], "--pack-size"),
		lockWaitMs: waitMs,
		signing,
		logger,
		onProgress: progress?.report
	});
	progress?.done(true);
	out(backupJson(result, values.verbose === true), backupText(result));
	return 0;
}
function backupJson(r, verbose) {
	return {
		ok: true,
		id: r.id,
		series: r.series,
		kind: r.kind,
		parent: r.parent,
		files: r.files,
		dirs: r.dirs,
		symlinks: r.symlinks,
		bytes: r.bytes,
		storedBytes: r.storedBytes,
		packs: r.packs,
		verified: r.verified,
		verifiedPacks: r.verifiedPacks,
		hashedFiles: r.hashedFiles,
		cachedHashes: r.cachedHashes,
		excluded: r.excluded.length,
		...verbose ? { excludedPaths: r.excluded } : {},
		durationMs: r.durationMs
	};
}
function backupText(r) {
	const ratio = r.bytes > 0 ? ` (${(r.storedBytes / r.bytes * 100).toFixed(1)}%)` : "";
	const excluded = r.excluded.length > 0 ? `, ${plural(r.excluded.length, "transient or other-version path")} excluded` : "";
	if (r.kind === "unchanged") return `no change since snapshot ${r.id} of ${r.series}: nothing stored (${plural(r.files, "file")}, ${formatBytes(r.bytes)}${excluded})`;
	return `snapshot ${r.id} of ${r.series}: ${r.kind}${r.parent ? ` on ${r.parent}` : ""}, ${plural(r.files, "file")}${excluded}, ${formatBytes(r.bytes)} -> ${formatBytes(r.storedBytes)} stored${ratio}, ${r.verified ? "verified" : "not verified"}, ${formatDuration(r.durationMs)}`;
}
// .bundle-in/cli/cli-logger.js
/** Warnings and errors always reach stderr; detail only with --verbose (never mixed into --json), and nothing more with --quiet. */
function cliLogger(values, io, json) {
	return {
		debug: (m) => void (values.verbose && !json ? io.stderr.write(`${m}\n`) : void 0),
		info: (m) => void (values.quiet ? void 0 : values.verbose ? io.stderr.write(`${m}\n`) : void 0),
		warn: (m) => void io.stderr.write(`warning: ${m}\n`),
		error: (m) => void io.stderr.write(`error: ${m}\n`)
	};
}
// .bundle-in/formats/lancedb-facts-diff.js
const count$1 = (v) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
function tables(facts) {
	const out = /* @__PURE__ */ new Map();
	const list = facts?.tables;
	if (!Array.isArray(list)) return out;
	for (const t of list) {
		const { table, version, rows } = t ?? {};
		if (typeof table === "string" && count$1(version) && count$1(rows) && !out.has(table)) out.set(table, {
			version,
			rows
		});
	}
	return out;
}
const name = (table) => table === "" ? "table" : `table ${/^[^\p{Cc}]{1,200}$/u.test(table) ? table : JSON.stringify(table.slice(0, 200))}`;
const signed = (n) => n >= 0 ? `+${n}` : String(n);
/** Per table: added, removed, or its newest version and row count before and after. */
function diffLanceFacts(beforeFacts, afterFacts) {
	const before = tables(beforeFacts);
	const after = tables(afterFacts);
	const changes = [];
	const lines = [];
	for (const t of [.../* @__PURE__ */ new Set([...before.keys(), ...after.keys()])].sort()) {
		const b = before.get(t);
		const a = after.get(t);
		const status = !b ? "added" : !a ? "removed" : b.version === a.version && b.rows === a.rows ? "unchanged" : "changed";
		changes.push({
			table: t,
			status,
			version: {
				before: b?.version ?? null,
				after: a?.version ?? null
			},
			rows: {
				before: b?.rows ?? null,
				after: a?.rows ?? null
			}
		});
		if (a && !b) lines.push(`${name(t)}: added at version ${a.version}, ${a.rows} rows`);
		else if (b && !a) lines.push(`${name(t)}: removed (was version ${b.version}, ${b.rows} rows)`);
		else if (a && b && status === "changed") lines.push(`${name(t)}: version ${b.version} -> ${a.version}, rows ${b.rows} -> ${a.rows} (${signed(a.rows - b.rows)})`);
		else if (a) lines.push(`${name(t)}: unchanged at version ${a.version}, ${a.rows} rows`);
	}
	return {
		detail: { tables: changes },
		lines
	};
}
// .bundle-in/formats/tantivy-facts-diff.js
const count = (v) => typeof v === "number" && Number.isSafeInteger(v) && v >= 0;
function state(facts) {
	const f = facts ?? {};
	const segments = [];
	if (Array.isArray(f.segments)) for (const s of f.segments) {
		const { id, docs } = s ?? {};
		if (typeof id === "string" && count(docs)) segments.push({
			id,
			docs
		});
	}
	return {
		opstamp: count(f.opstamp) ? f.opstamp : null,
		docs: count(f.docs) ? f.docs : null,
		segments
	};
}
const list$1 = (segments) => segments.map((s) => `${s.id.slice(0, 8)} (${s.docs} docs)`).join(", ");
/** Documents and opstamp before and after; segments the newer commit added, and those merged (or deleted) away. */
function diffTantivyFacts(beforeFacts, afterFacts) {
	const b = state(beforeFacts);
	const a = state(afterFacts);
	const had = new Set(b.segments.map((s) => s.id));
	const has = new Set(a.segments.map((s) => s.id));
	const added = a.segments.filter((s) => !had.has(s.id));
	const merged = b.segments.filter((s) => !has.has(s.id));
	const lines = [beforeFacts === void 0 ? `${a.docs ?? "?"} documents in ${a.segments.length} segments, opstamp ${a.opstamp ?? "?"}` : `documents ${b.docs ?? "?"} -> ${a.docs ?? "?"}${a.docs !== null && b.docs !== null ? ` (${a.docs - b.docs >= 0 ? "+" : ""}${a.docs - b.docs})` : ""}, opstamp ${b.opstamp ?? "?"} -> ${a.opstamp ?? "?"}`];
	if (beforeFacts !== void 0 && added.length > 0) lines.push(`segments added: ${added.length}: ${list$1(added)}`);
	if (merged.length > 0) lines.push(`segments merged away: ${merged.length}: ${list$1(merged)}`);
	return {
		detail: {
			docs: {
				before: beforeFacts === void 0 ? null : b.docs,
				after: a.docs
			},
			opstamp: {
				before: beforeFacts === void 0 ? null : b.opstamp,
				after: a.opstamp
			},
			segmentsAdded: added,
			segmentsMergedAway: merged
		},
		lines
	};
}
// .bundle-in/formats/facts-diff.js
/**
* The index-level change between two snapshots (`before` undefined: nothing before), or undefined
* when neither is an index a format module knows. Facts come from manifests anyone who can write
* the store can forge, so each module reads them field by field and skips what is malformed.
*/
function diffIndexFacts(before, after) {
	if (before !== void 0 && before.format !== after.format) {
		const own = diffOne({ format: after.format }, after);
		return {
			format: after.format,
			detail: {
				formatBefore: before.format,
				...own?.detail
			},
			lines: [`format ${before.format} -> ${after.format}`, ...own?.lines ?? []]
		};
	}
	return diffOne(before, after);
}
function diffOne(before, after) {
	if (after.format === "lancedb") return {
		format: "lancedb",
		...diffLanceFacts(before?.facts, after.facts)
	};
	if (after.format === "tantivy") return {
		format: "tantivy",
		...diffTantivyFacts(before?.facts, after.facts)
	};
}
// .bundle-in/snapshot/manifest-diff.js
function signature(e) {
	if (e.type === "file") return `f:${e.sha256}:${e.exec ? 1 : 0}:${e.mode ?? ""}`;
	if (e.type === "symlink") return `l:${e.target}`;
	return "d";
}
const sizeOf = (e) => e.type === "file" ? e.size : 0;
/**
* Compares a snapshot with an earlier one (or with nothing: everything is added). A file removed
* at one path and added at another with the same content is a rename; several removed paths with
* one content pair up with the added ones in path order.
*/
function diffManifests(parent, child) {
	const before = /* @__PURE__ */ new Map();
	for (const e of parent?.entries ?? []) if (e.type !== "dir") before.set(e.path, e);
	const diff = {
		added: 0,
		changed: 0,
		removed: 0,
		renamed: 0,
		unchanged: 0,
		changedBytes: 0,
		paths: {
			added: [],
			changed: [],
			removed: [],
			renamed: []
		}
	};
	const added = [];
	const seen = /* @__PURE__ */ new Set();
	for (const e of child.entries) {
		if (e.type === "dir") continue;
		seen.add(e.path);
		const old = before.get(e.path);
		if (old === void 0) added.push(e);
		else if (signature(old) !== signature(e)) diff.paths.changed.push({
			path: e.path,
			size: sizeOf(e),
			sizeBefore: sizeOf(old)
		});
		else diff.unchanged++;
	}
	const gone = /* @__PURE__ */ new Map();
	const removed = [];
	for (const [p, e] of before) {
		if (seen.has(p)) continue;
		removed.push(e);
		if (e.type === "file") gone.set(e.sha256, [...gone.get(e.sha256) ?? [], e]);
	}
	const renamedFrom = /* @__PURE__ */ new Set();
	for (const e of added) {
		const from = e.type === "file" ? gone.get(e.sha256)?.shift() : void 0;
		if (from) {
			renamedFrom.add(from.path);
			diff.paths.renamed.push({
				from: from.path,
				to: e.path,
				size: sizeOf(e)
			});
		} else diff.paths.added.push({
			path: e.path,
			size: sizeOf(e)
		});
	}
	for (const e of removed) if (!renamedFrom.has(e.path)) diff.paths.removed.push({
		path: e.path,
		size: sizeOf(e)
	});
	diff.added = diff.paths.added.length;
	diff.changed = diff.paths.changed.length;
	diff.removed = diff.paths.removed.length;
	diff.renamed = diff.paths.renamed.length;
	diff.changedBytes = [...diff.paths.added, ...diff.paths.changed].reduce((n, p) => n + p.size, 0);
	return diff;
}
// .bundle-in/engine/diff.js
const REF = /^latest(?:~(\d{1,6}))?$/;
/**
* A snapshot named by id, `latest` or `latest~N` (the Nth before the newest, in the order the
* series lists them: by creation time). Anything that names no snapshot of the series is E_NOT_FOUND.
*/
function resolveSnapshotRef(ids, ref, series, where) {
	const notFound = (why) => new NotFoundError(`${why} in series ${series} of ${where}`, {
		hint: "name a snapshot by its id (`index-vault list`), latest or latest~N",
		details: {
			series,
			ref
		}
	});
	const m = REF.exec(ref);
	if (m) {
		const back = Number(m[1] ?? 0);
		const id = ids[ids.length - 1 - back];
		if (id === void 0) throw notFound(ids.length === 0 ? "no snapshots" : `no snapshot ${ref}: there ${ids.length === 1 ? "is 1 snapshot" : `are ${ids.length} snapshots`}`);
		return id;
	}
	if (!isSnapshotId(ref) || !ids.includes(ref)) throw notFound(`no snapshot ${JSON.stringify(ref.slice(0, 100))}`);
	return ref;
}
function diffSide(m) {
	return {
		id: m.id,
		kind: m.kind,
		createdAt: m.createdAt,
		files: m.totals.files,
		bytes: m.totals.bytes
	};
}
/** Two manifests compared: the tree's files, and the index's own facts through its format module. */
function compareManifests(from, to) {
	return {
		series: to.series,
		from: from ? diffSide(from) : null,
		to: diffSide(to),
		...diffManifests(from, to),
		index: diffIndexFacts(from ? {
			format: from.source.format,
			facts: from.source.facts
		} : void 0, {
			format: to.source.format,
			facts: to.source.facts
		})
	};
}
/**
* The snapshot a diff compares `to` with when none is named: its parent while the store still
* has it, else the snapshot listed before it, else none.
*/
async function previousManifest(store, to, ids) {
	if (to.parent) try {
		return await loadManifest(store, to.series, to.parent.id);
	} catch (err) {
		if (!isIndexVaultError(err, "E_NOT_FOUND")) throw err;
	}
	const before = (ids ?? await listSnapshotIds(store, to.series)).filter((id) => id < to.id).at(-1);
	return before === void 0 ? void 0 : loadManifest(store, to.series, before);
}
/** What changed from one snapshot of a series to another; reads two manifests, no pack. */
async function diffSnapshots(options) {
	const { store, series } = options;
	const ids = await listSnapshotIds(store, series);
	const toId = resolveSnapshotRef(ids, options.to ?? "latest", series, store.description);
	const fromId = options.from === void 0 ? void 0 : resolveSnapshotRef(ids, options.from, series, store.description);
	const to = await loadManifest(store, series, toId);
	const from = fromId === void 0 ? await previousManifest(store, to, ids) : await loadManifest(store, series, fromId);
	await assertSigned(store, to, options.signing, options.logger);
	if (from) await assertSigned(store, from, options.signing, options.logger);
	return compareManifests(from, to);
}
// .bundle-in/cli/one-series.js
/** The series named, or holding `snapshot`, for verify, list and prune: a typo is E_NOT_FOUND, not "0 of 0 verified". */
async function oneSeries(store, values, name, snapshot) {
	if (name !== void 0 && (values.backend === "cache" || values.backend === "artifact")) return name;
	return resolveSeries(store, {
		name,
		snapshot
	});
}
// .bundle-in/cli/diff.js
const diffCommand = {
	usage: "index-vault diff [A] [B] --store <dir> [--name N] [--signing-key [ID:]SECRET] [--allow-unsigned] [--json]",
	about: "Show what changed between two snapshots (ids, latest, latest~N; default: the newest and its parent).",
	options: {
		...COMMON,
		...SIGNING_OPTIONS
	},
	positionals: 2,
	minPositionals: 0,
	run: (inv) => withStore(inv, runDiffCommand, false, true)
};
async function runDiffCommand({ values, positionals, store, name, signing, logger, out }) {
	const d = await runDiff(store, await oneSeries(store, values, name, name === void 0 ? positionals.find((r) => isSnapshotId(r)) : void 0), positionals, signing, logger);
	out({
		ok: true,
		...d
	}, diffText(d));
	return 0;
}
/**
* `diff [A] [B]`: no argument compares the newest snapshot with its parent, one compares that
* snapshot with its parent, two compare A (earlier) with B.
*/
async function runDiff(store, series, refs, signing, logger) {
	const [a, b] = refs;
	return diffSnapshots({
		store,
		series,
		from: refs.length === 2 ? a : void 0,
		to: refs.length === 2 ? b : a,
		signing,
		logger
	});
}
const shown = (p) => /\p{Cc}/u.test(p) ? JSON.stringify(p) : p;
/** The diff for people: a line of counts, then one line per path (`+` added, `~` changed, `-` removed, `>` renamed), then the index's own changes. */
function diffText(d) {
	const side = (s) => `${s.id} (${s.kind}, ${plural(s.files, "file")}, ${formatBytes(s.bytes)})`;
	const lines = [`${d.series}: ${d.from ? `${side(d.from)} -> ${side(d.to)}` : `${side(d.to)}, nothing before it`}`, `${d.added} added, ${d.changed} changed, ${d.removed} removed, ${d.renamed} renamed, ${d.unchanged} unchanged; ${formatBytes(d.changedBytes)} of new or changed files`];
	for (const p of d.paths.added) lines.push(`+ ${shown(p.path)} (${formatBytes(p.size)})`);
	for (const p of d.paths.changed) lines.push(`~ ${shown(p.path)} (${p.size === p.sizeBefore ? formatBytes(p.size) : `${formatBytes(p.sizeBefore)} -> ${formatBytes(p.size)}`})`);
	for (const p of d.paths.removed) lines.push(`- ${shown(p.path)} (${formatBytes(p.size)})`);
	for (const p of d.paths.renamed) lines.push(`> ${shown(p.from)} -> ${shown(p.to)} (${formatBytes(p.size)})`);
	for (const l of d.index?.lines ?? []) lines.push(`${d.index.format}: ${l}`);
	return lines.join("\n");
}
// .bundle-in/engine/restore/remember-restored.js
async function prepareRemembered(o) {
	const { head: m, stored, cacheFile, logger } = o;
	const tree = new TreeDigest();
	const index = await ContentsWriter.open(contentsFileFor(cacheFile), logger);
	try {
		for (const e of o.entries) {
			tree.entry(e);
			index.entry(e);
		}
	} catch (err) {
		await index.abort();
		throw err;
	}
	const digest = tree.digest();
	return {
		cacheFile,
		keep: async () => {
			await index.commit({
				snapshot: m.id,
				manifest: stored
			}, digest);
			await writeLastSnapshot(lastSnapshotFile(cacheFile), {
				source: o.target,
				store: o.store.description,
				series: m.series,
				options: recordOptionsOf({
					formatChoice: "auto",
					formats: o.formats
				}),
				tree: digest,
				namesClean: false,
				manifest: stored,
				placesChecked: o.placesChecked,
				snapshot: {
					id: m.id,
					series: m.series,
					digest: m.digest,
					depth: m.depth,
					parent: m.parent,
					packs: m.packs,
					totals: m.totals
				}
			}, logger);
		},
		drop: () => index.abort()
	};
}
// .bundle-in/snapshot/entry-table.js
const KINDS = [
	"file",
	"dir",
	"symlink"
];
/** Rows per block, a power of two: columns are filled a block at a time and never copied to grow. */
const SHIFT = 16;
const ROWS = 65536;
const MASK = 65535;
const SHA = 32;
/** Flags of a row. */
const EXEC = 1;
const HAS_MODE = 2;
const HAS_MEMBER = 4;
/** The entry is kept as the object it was (its fields do not fit the columns exactly). */
const KEPT = 8;
const U32 = 4294967295;
/** The first block's first room: a small manifest takes little. */
const FIRST_ROWS = 256;
/** The columns of up to ROWS rows: kind, flags, mode; pack, skip, length, span; size, mtime, offset, raw; sha256. */
var Block = class Block {
	rows;
	kinds;
	flags;
	modes;
	/** pack, skip, length, span per row. */
	small;
	/** size, mtimeMs, offset, raw per row. */
	nums;
	shas;
	constructor(rows) {
		this.rows = rows;
		this.kinds = new Uint8Array(rows);
		this.flags = new Uint8Array(rows);
		this.modes = new Uint16Array(rows);
		this.small = new Uint32Array(4 * rows);
		this.nums = new Float64Array(4 * rows);
		this.shas = Buffer.alloc(SHA * rows);
	}
	/** The same rows with room for twice as many (only a table's first block grows, to ROWS), or for `rows`. */
	grown(rows = 2 * this.rows) {
		const b = new Block(rows);
		const n = Math.min(rows, this.rows);
		b.kinds.set(this.kinds.subarray(0, n));
		b.flags.set(this.flags.subarray(0, n));
		b.modes.set(this.modes.subarray(0, n));
		b.small.set(this.small.subarray(0, 4 * n));
		b.nums.set(this.nums.subarray(0, 4 * n));
		this.shas.copy(b.shas, 0, 0, SHA * n);
		return b;
	}
};
const FILE_KEYS = /* @__PURE__ */ new Set([
	"path",
	"type",
	"size",
	"exec",
	"mode",
	"mtimeMs",
	"sha256",
	"loc"
]);
const LOC_KEYS = /* @__PURE__ */ new Set([
	"pack",
	"offset",
	"length",
	"raw",
	"skip",
	"span",
	"member"
]);
const DIR_KEYS = /* @__PURE__ */ new Set([
	"path",
	"type",
	"mode",
	"mtimeMs"
]);
const LINK_KEYS = /* @__PURE__ */ new Set([
	"path",
	"type",
	"target",
	"mtimeMs"
]);
/**
* A manifest's entries as columns, filled as a manifest is read (an EntrySink): a path as UTF-8
* (Utf8List), numbers in typed arrays, a sha256 as its 32 bytes; ~85 bytes and the path's length
* a row, where an entry object with its strings takes ~300. A reader that holds a million entries
* (restore) asks for the fields of a row by index; `at` makes an Entry when one is needed. Exact:
* an entry the columns cannot hold as it is (a field they have no room for, a number past 32
* bits where they keep 32, a mode that is not permission bits) is kept as the object it was.
*/
var EntryTable = class EntryTable {
	blocks = [];
	paths = new Utf8List();
	count = 0;
	/** Symlink targets and shared member names, by row. */
	texts = /* @__PURE__ */ new Map();
	kept = /* @__PURE__ */ new Map();
	get length() {
		return this.count;
	}
	entry(e) {
		const i = this.count++;
		const r = i & MASK;
		const b = this.blockFor(i);
		this.paths.push(e.path);
		if (!fits(e)) {
			b.kinds[r] = KINDS.indexOf(e.type);
			b.flags[r] = KEPT;
			this.kept.set(i, e);
			return;
		}
		if (e.type === "file") {
			b.kinds[r] = 0;
			b.flags[r] = (e.exec ? EXEC : 0) | (e.mode !== void 0 ? HAS_MODE : 0) | (e.loc.member !== void 0 ? HAS_MEMBER : 0);
			b.modes[r] = e.mode ?? 0;
			const { loc } = e;
			const { small, nums } = b;
			small[4 * r] = loc.pack;
			small[4 * r + 1] = loc.skip;
			small[4 * r + 2] = loc.length;
			small[4 * r + 3] = loc.span;
			nums[4 * r] = e.size;
			nums[4 * r + 1] = e.mtimeMs;
			nums[4 * r + 2] = loc.offset;
			nums[4 * r + 3] = loc.raw;
			b.shas.write(e.sha256, SHA * r, "hex");
			if (loc.member !== void 0) this.texts.set(i, loc.member);
		} else if (e.type === "dir") {
			b.kinds[r] = 1;
			b.flags[r] = e.mode !== void 0 ? HAS_MODE : 0;
			b.modes[r] = e.mode ?? 0;
			b.nums[4 * r + 1] = e.mtimeMs;
		} else {
			b.kinds[r] = 2;
			b.nums[4 * r + 1] = e.mtimeMs;
			this.texts.set(i, e.target);
		}
	}
	restart() {
		this.blocks = [];
		this.paths = new Utf8List();
		this.count = 0;
		this.texts = /* @__PURE__ */ new Map();
		this.kept = /* @__PURE__ */ new Map();
	}
	/** Lets go of the room no row uses (a table read whole, about to be held while it is used): rows may still be added. */
	trim() {
		const last = this.blocks.length - 1;
		const used = this.count - (last << SHIFT);
		if (last >= 0 && used < this.blocks[last].rows) this.blocks[last] = this.blocks[last].grown(Math.max(1, used));
		this.paths.trim();
	}
	/** Fills a table from entries held already (a manifest given whole). */
	static of(entries) {
		const t = new EntryTable();
		for (const e of entries) t.entry(e);
		return t;
	}
	type(i) {
		return KINDS[this.block(i).kinds[i & MASK]];
	}
	isFile(i) {
		return this.block(i).kinds[i & MASK] === 0;
	}
	path(i) {
		return this.paths.get(i);
	}
	mtimeMs(i) {
		const k = this.keptAt(i);
		return k ? k.mtimeMs : this.block(i).nums[4 * (i & MASK) + 1];
	}
	/** A file's or directory's recorded permission bits (format 2 on), or undefined. */
	mode(i) {
		const k = this.keptAt(i);
		if (k) return k.type === "symlink" ? void 0 : k.mode;
		const b = this.block(i);
		return b.flags[i & MASK] & HAS_MODE ? b.modes[i & MASK] : void 0;
	}
	/** The fields of a file's row; a row of another kind answers for a file it is not. */
	exec(i) {
		const k = this.file(i);
		return k ? k.exec : (this.block(i).flags[i & MASK] & EXEC) !== 0;
	}
	size(i) {
		const k = this.file(i);
		return k ? k.size : this.block(i).nums[4 * (i & MASK)];
	}
	sha256(i) {
		const k = this.file(i);
		const r = i & MASK;
		return k ? k.sha256 : this.block(i).shas.toString("hex", SHA * r, SHA * r + SHA);
	}
	pack(i) {
		const k = this.file(i);
		return k ? k.loc.pack : this.block(i).small[4 * (i & MASK)];
	}
	skip(i) {
		const k = this.file(i);
		return k ? k.loc.skip : this.block(i).small[4 * (i & MASK) + 1];
	}
	/** A file's compressed length of whole frames (its location's `length`). */
	locLength(i) {
		const k = this.file(i);
		return k ? k.loc.length : this.block(i).small[4 * (i & MASK) + 2];
	}
	span(i) {
		const k = this.file(i);
		return k ? k.loc.span : this.block(i).small[4 * (i & MASK) + 3];
	}
	offset(i) {
		const k = this.file(i);
		return k ? k.loc.offset : this.block(i).nums[4 * (i & MASK) + 2];
	}
	raw(i) {
		const k = this.file(i);
		return k ? k.loc.raw : this.block(i).nums[4 * (i & MASK) + 3];
	}
	/** The tar member a file's content is stored under: its own path unless shared with another. */
	member(i) {
		const k = this.file(i);
		if (k) return k.loc.member ?? k.path;
		return this.block(i).flags[i & MASK] & HAS_MEMBER ? this.texts.get(i) : this.path(i);
	}
	/** A symlink's target. */
	target(i) {
		const k = this.keptAt(i);
		return k ? k.target : this.texts.get(i);
	}
	/** Row `i` as an Entry: a new object with the fields it was read with, in their (sorted) order. */
	at(i) {
		const k = this.keptAt(i);
		if (k) return k;
		const path = this.path(i);
		const mtimeMs = this.mtimeMs(i);
		const type = this.type(i);
		if (type === "dir") {
			const mode = this.mode(i);
			return mode === void 0 ? {
				mtimeMs,
				path,
				type
			} : {
				mode,
				mtimeMs,
				path,
				type
			};
		}
		if (type === "symlink") return {
			mtimeMs,
			path,
			target: this.target(i),
			type
		};
		const b = this.block(i);
		const r = i & MASK;
		const [pack, skip, length, span] = [
			b.small[4 * r],
			b.small[4 * r + 1],
			b.small[4 * r + 2],
			b.small[4 * r + 3]
		];
		const [offset, raw] = [b.nums[4 * r + 2], b.nums[4 * r + 3]];
		const loc = b.flags[r] & HAS_MEMBER ? {
			length,
			member: this.texts.get(i),
			offset,
			pack,
			raw,
			skip,
			span
		} : {
			length,
			offset,
			pack,
			raw,
			skip,
			span
		};
		const exec = (b.flags[r] & EXEC) !== 0;
		const [sha256, size, mode] = [
			this.sha256(i),
			b.nums[4 * r],
			this.mode(i)
		];
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
	*[Symbol.iterator]() {
		for (let i = 0; i < this.count; i++) yield this.at(i);
	}
	/** The block row `i` goes into: a new one at each ROWS-th row, the first grown while it is the only one. */
	blockFor(i) {
		const n = i >>> SHIFT;
		if (n === this.blocks.length) this.blocks.push(new Block(n === 0 ? FIRST_ROWS : ROWS));
		const b = this.blocks[n];
		if ((i & MASK) < b.rows) return b;
		return this.blocks[n] = b.grown();
	}
	block(i) {
		if (i >>> 0 !== i || i >= this.count) throw new RangeError(`no entry ${i} of ${this.count}`);
		return this.blocks[i >>> SHIFT];
	}
	keptAt(i) {
		return this.block(i).flags[i & MASK] & KEPT ? this.kept.get(i) : void 0;
	}
	file(i) {
		const k = this.keptAt(i);
		if (k && k.type !== "file") throw new TypeError(`entry ${i} is a ${k.type}, not a file`);
		return k;
	}
};
/** Whether the columns hold `e` exactly: its own keys only, each value of the kind and width its column keeps. */
function fits(e) {
	const keys = e.type === "file" ? FILE_KEYS : e.type === "dir" ? DIR_KEYS : e.type === "symlink" ? LINK_KEYS : void 0;
	if (keys === void 0 || Object.getPrototypeOf(e) !== Object.prototype) return false;
	for (const k of Object.keys(e)) if (!keys.has(k) || e[k] === void 0) return false;
	if (typeof e.mtimeMs !== "number" || typeof e.path !== "string") return false;
	if (e.type === "symlink") return typeof e.target === "string";
	if (e.mode !== void 0 && !(Number.isInteger(e.mode) && e.mode >= 0 && e.mode <= 511 && !Object.is(e.mode, -0))) return false;
	if (e.type === "dir") return true;
	const loc = e.loc;
	if (typeof loc !== "object" || loc === null || Object.getPrototypeOf(loc) !== Object.prototype) return false;
	for (const k of Object.keys(loc)) if (!LOC_KEYS.has(k) || loc[k] === void 0) return false;
	const u32 = (v) => typeof v === "number" && Number.isInteger(v) && v >= 0 && v <= U32 && !Object.is(v, -0);
	const num = (v) => typeof v === "number";
	return typeof e.exec === "boolean" && typeof e.sha256 === "string" && /^[0-9a-f]{64}$/.test(e.sha256) && num(e.size) && u32(loc.pack) && u32(loc.skip) && u32(loc.length) && u32(loc.span) && num(loc.offset) && num(loc.raw) && (loc.member === void 0 || typeof loc.member === "string");
}
/**
* A manifest whose entries are those of `table`, made into objects the first time they are read
* (and kept): a reader that needs only the other members (most of a restore) makes none.
*/
function manifestOf(head, table) {
	let entries;
	const m = { ...head };
	Object.defineProperty(m, "entries", {
		enumerable: true,
		get: () => entries ??= [...table]
	});
	return m;
}
// .bundle-in/workers/entry-location.js
/**
* Where entry `rel` of a snapshot lies under the directory `root`: `path.join(root, ...rel.split('/'))`,
* by concatenation. That is the same string for every path a manifest may hold (checked by
* pathProblem: no empty, `.` or `..` segment, no backslash) under a resolved root, and costs one
* string instead of an array, a normalization pass and several copies per file. (The one
* difference: under a bare Windows drive root Node's join doubles the separator before a device
* name with a colon, `C:\\CON:`; staging is never a drive root, and Windows forbids such names.)
*/
function entryLocation(root, rel, sep = path.sep) {
	const under = sep === "/" ? rel : rel.replaceAll("/", sep);
	return root.endsWith(sep) ? root + under : root + sep + under;
}
// .bundle-in/fs-safety/swap.js
/**
* The last step of a restore replaces the target directory with a complete staging directory.
* Node has no atomic directory exchange, so it is two renames with a journal written first:
* a process killed between them leaves the journal, and the next run (which holds the same
* lock) finishes the swap forward, since the staging tree was already fully checked.
*
*   .<name>.index-vault-staging-<rand>   the new tree being built
*   .<name>.index-vault-old-<rand>       the old tree, moved aside during the swap
*   .<name>.index-vault-swap.json        the journal: which staging and old directory belong together
*/
function stagingName(target) {
	return `.${path.basename(target)}.index-vault-staging-${randomBytes(6).toString("hex")}`;
}
function oldName(target) {
	return `.${path.basename(target)}.index-vault-old-${randomBytes(6).toString("hex")}`;
}
function journalPath(target) {
	return path.join(path.dirname(target), `.${path.basename(target)}.index-vault-swap.json`);
}
async function exists(p) {
	return fs.lstat(p).then(() => true, () => false);
}
/** Renames with a few retries: on Windows a scanner or indexer may hold a file open for a moment. */
async function renameRetry(from, to) {
	for (let attempt = 0;; attempt++) try {
		await fs.rename(from, to);
		return;
	} catch (err) {
		const code = err.code;
		if (attempt >= 5 || ![
			"EPERM",
			"EACCES",
			"EBUSY"
		].includes(code ?? "")) throw ioError(err, `cannot rename ${from} to`, to);
		await new Promise((r) => setTimeout(r, 100 * 2 ** attempt));
	}
}
async function swapIntoPlace(staging, target, targetExists, logger) {
	if (!targetExists) {
		await renameRetry(staging, target);
		return;
	}
	const parent = path.dirname(target);
	const old = path.join(parent, oldName(target));
	const journal = journalPath(target);
	await fs.writeFile(journal, JSON.stringify({
		staging: path.basename(staging),
		old: path.basename(old)
	}), { flag: "w" });
	await renameRetry(target, old);
	try {
		await renameRetry(staging, target);
	} catch (err) {
		await fs.rename(old, target).catch(() => {});
		await fs.rm(journal, { force: true });
		throw err;
	}
	await fs.rm(journal, { force: true });
	await removeTree(old).catch((err) => {
		logger.warn(`restored, but could not remove the previous tree at ${old}: ${err.message}`);
	});
}
/**
* Puts the target right after a restore that was killed: finishes a half-done swap and removes
* staging and old trees that no live process owns (the caller holds the target's lock).
*/
async function recoverInterruptedRestore(target, logger) {
	const parent = path.dirname(target);
	const journal = journalPath(target);
	let record;
	try {
		record = parseBoundedJson(await fs.readFile(journal), "restore journal", 1048576);
	} catch {
		record = void 0;
	}
	const prefix = `.${path.basename(target)}.index-vault-`;
	const safe = (n) => typeof n === "string" && n.startsWith(prefix) && !n.includes("/") && !n.includes("\\");
	if (record && safe(record.staging) && safe(record.old)) {
		const staging = path.join(parent, record.staging);
		if (Array.isArray(record.roots)) await finishSubtrees(staging, target, record.roots, logger);
		else if (!await exists(target) && await exists(staging)) {
			logger.warn(`finishing a restore into ${target} that was interrupted during its final rename`);
			await renameRetry(staging, target);
		}
	}
	await fs.rm(journal, { force: true });
	let names;
	try {
		names = await fs.readdir(parent);
	} catch {
		return;
	}
	for (const n of names) if (n.startsWith(`${prefix}staging-`) || n.startsWith(`${prefix}old-`)) {
		logger.info(`removing leftovers of an interrupted restore: ${path.join(parent, n)}`);
		await removeTree(path.join(parent, n)).catch((err) => {
			throw ioError(err, "cannot remove leftovers at", path.join(parent, n));
		});
	}
}
/**
* A partial restore killed while moving its checked subtrees in: each one still in staging whose
* place in the target is empty is moved in (its old version was already moved aside).
*/
async function finishSubtrees(staging, target, roots, logger) {
	for (const root of roots) {
		if (typeof root !== "string" || pathProblem(root)) continue;
		const from = path.join(staging, ...root.split("/"));
		const to = path.join(target, ...root.split("/"));
		if (await exists(from) && !await exists(to)) {
			logger.warn(`finishing a restore of ${root} into ${target} that was interrupted while moving it in`);
			await renameRetry(from, to);
		}
	}
}
/**
* Removes a tree that may hold directories without write or search permission for the owner (a
* restored 0o500 or 0o000 directory): those are opened up to the owner first, then removed.
*/
async function removeTree(dir) {
	try {
		await fs.rm(dir, {
			recursive: true,
			force: true,
			maxRetries: 3
		});
		return;
	} catch (err) {
		if (!["EACCES", "EPERM"].includes(err.code ?? "")) throw err;
	}
	const openUp = async (d) => {
		await fs.chmod(d, 448).catch(() => {});
		const names = await fs.readdir(d, { withFileTypes: true }).catch(() => []);
		for (const n of names) if (n.isDirectory()) await openUp(path.join(d, n.name));
	};
	await openUp(dir);
	await fs.rm(dir, {
		recursive: true,
		force: true,
		maxRetries: 3
	});
}
// .bundle-in/snapshot/path-glob.js
/**
* A `/`-separated glob on snapshot paths as a RegExp: `**` any number of whole segments, `*` any
* run within one segment, `?` one character within one segment; everything else literal.
*/
function globRegExp(glob) {
	let re = "";
	for (let i = 0; i < glob.length; i++) {
		const c = glob[i];
		if (c === "*" && glob[i + 1] === "*") {
			const slash = glob[i + 2] === "/";
			re += slash ? "(?:.*/)?" : ".*";
			i += slash ? 2 : 1;
		} else if (c === "*") re += "[^/]*";
		else if (c === "?") re += "[^/]";
		else re += c.replace(/[.+^${}()|[\]\\]/g, "\\$&");
	}
	return new RegExp(`^${re}$`, "u");
}
function isGlob(selector) {
	return selector.includes("*") || selector.includes("?");
}
// .bundle-in/engine/restore/subtree-selection.js
/**
* Resolves `--only` selectors (paths or globs on snapshot paths; a directory means its subtree)
* and `--table` names (through the snapshot's format) to the subtrees to restore. A selector
* that matches nothing is refused with E_NOT_FOUND, before anything is touched.
*/
function selectSubtrees(manifest, table, only, tables, format) {
	const picked = /* @__PURE__ */ new Set();
	for (const raw of only) {
		const selector = raw.length > 1 && raw.endsWith("/") ? raw.slice(0, -1) : raw;
		const problem = pathProblem(selector);
		if (problem) throw new ValidationError(`invalid path to restore ${JSON.stringify(raw)}: ${problem.why}`, { hint: "name a path inside the snapshot, relative and /-separated, e.g. docs/a.txt or \"**/*.idx\"" });
		const re = isGlob(selector) ? globRegExp(selector) : void 0;
		let hits = 0;
		for (let r = 0; r < table.length; r++) {
			const p = table.path(r);
			if (re ? re.test(p) : p === selector) {
				picked.add(p);
				hits++;
			}
		}
		if (hits === 0) throw new NotFoundError(`${JSON.stringify(raw)} matches nothing in snapshot ${manifest.id}`, { hint: "check the spelling: paths are relative to the restored directory and /-separated" });
	}
	for (const name of tables) {
		if (!format?.subtreesFor) throw new ValidationError(`table ${JSON.stringify(name)}: snapshot ${manifest.id} holds a ${manifest.source.format} tree, which has no tables`, { hint: "select the paths to restore instead" });
		const found = format.subtreesFor(name, manifest);
		if (found.length === 0) throw new NotFoundError(`snapshot ${manifest.id} has no table ${JSON.stringify(name)}`, { hint: "name a table the snapshot's index holds" });
		for (const p of found) picked.add(p);
	}
	if (picked.has("")) return { roots: [""] };
	const roots = [];
	for (const p of [...picked].sort()) if (!roots.some((r) => p.startsWith(`${r}/`))) roots.push(p);
	const inside = (p) => roots.some((r) => p === r || p.startsWith(`${r}/`));
	const rows = [];
	for (let r = 0; r < table.length; r++) if (inside(table.path(r))) rows.push(r);
	return {
		roots,
		rows: Int32Array.from(rows)
	};
}
// .bundle-in/fs-safety/subtree-swap.js
const at = (root, rel) => path.join(root, ...rel.split("/"));
async function lstatOrUndefined(p) {
	try {
		return await fs.lstat(p);
	} catch (err) {
		if (err.code === "ENOENT") return void 0;
		throw ioError(err, "cannot inspect", p);
	}
}
/**
* Refuses, before anything is written, what a partial restore must not replace: a subtree of the
* target that is not empty (unless `force`), or one reached through something that is not a
* directory (a symlink there would carry the swap outside the target).
*/
async function checkSubtrees(target, roots, force) {
	for (const root of roots) {
		const parts = root.split("/");
		for (let i = 1; i < parts.length; i++) {
			const st = await lstatOrUndefined(at(target, parts.slice(0, i).join("/")));
			if (st === void 0) break;
			if (!st.isDirectory()) throw new UnsafeEntryError(`cannot restore ${root}: ${parts.slice(0, i).join("/")} in ${target} is not a directory`, {
				hint: "restore its parent instead, or remove it",
				details: { path: root }
			});
		}
		const st = await lstatOrUndefined(at(target, root));
		if (st === void 0 || force) continue;
		if (!(st.isDirectory() && (await fs.readdir(at(target, root)).catch((err) => {
			throw ioError(err, "cannot list", at(target, root));
		})).length === 0)) throw new TargetNotEmptyError(`${at(target, root)} exists${st.isDirectory() ? " and is not empty" : ""}; restoring would replace it`, {
			hint: "allow the restore to replace the selected paths with the snapshot's (files there not in the snapshot are removed)",
			details: {
				remedy: "force",
				path: root
			}
		});
	}
}
/**
* Moves each selected subtree of a complete, checked staging tree into the target, the current
* one first moved aside; a failure puts back every subtree already moved, so the target is as it
* was. Nothing outside the subtrees is touched (missing parent directories are created).
*/
async function swapSubtreesIntoPlace(staging, target, roots, logger) {
	const old = path.join(path.dirname(target), oldName(target));
	await fs.mkdir(old, { mode: 448 }).catch((err) => {
		throw ioError(err, "cannot create", old);
	});
	const done = [];
	const journal = journalPath(target);
	await fs.writeFile(journal, JSON.stringify({
		staging: path.basename(staging),
		old: path.basename(old),
		roots
	}), { flag: "w" }).catch((err) => {
		throw ioError(err, "cannot write", journal);
	});
	try {
		for (const [i, root] of roots.entries()) {
			const dest = at(target, root);
			const step = {
				root,
				placed: false
			};
			done.push(step);
			step.made = await fs.mkdir(path.dirname(dest), { recursive: true }).catch((err) => {
				throw ioError(err, "cannot create", path.dirname(dest));
			});
			if (await lstatOrUndefined(dest) !== void 0) {
				step.aside = path.join(old, String(i));
				await renameRetry(dest, step.aside);
			}
			await renameRetry(at(staging, root), dest);
			step.placed = true;
		}
	} catch (err) {
		for (const step of done.reverse()) {
			const dest = at(target, step.root);
			if (step.placed) await fs.rename(dest, at(staging, step.root)).catch(() => {});
			if (step.aside) await fs.rename(step.aside, dest).catch(() => {});
			if (step.made) await fs.rm(step.made, { recursive: true }).catch(() => {});
		}
		await fs.rm(journal, { force: true });
		await removeTree(old).catch(() => {});
		throw err;
	}
	await fs.rm(journal, { force: true });
	await removeTree(old).catch((err) => {
		logger.warn(`restored, but could not remove the previous files at ${old}: ${err.message}`);
	});
}
// .bundle-in/engine/restore/fetch-packs.js
/**
* Restores every file of `fileRows` not `done` already from its pack, all packs through the same
* lanes, each read whole or in the runs of frames holding wanted files; every wanted file must be
* found. A pack's expectations and wanted members are made when the lanes reach it and let go of
* once it is read: by rows of the table, so a million files hold no object each.
*/
async function fetchFromPacks(head, table, fileRows, done, how) {
	const packCount = head.packs.length;
	const all = rowsByPack(table, packCount, table.length, (r) => table.isFile(r) ? r : -1);
	const wanted = rowsByPack(table, packCount, fileRows.length, (k) => done[k] ? -1 : fileRows[k]);
	const firstOwn = head.packs.findIndex((p) => p.origin === head.id);
	let treeRows;
	const tree = () => {
		if (treeRows === void 0) {
			treeRows = [];
			for (let r = 0; r < table.length; r++) if (!table.isFile(r)) treeRows.push(r);
		}
		return treeRows;
	};
	const stamps = how.stamps ? new StampTable(fileRows.length) : void 0;
	const stampRows = how.stamps ? new Int32Array(table.length).fill(-1) : void 0;
	const onStamps = stamps && ((stamped, values) => {
		for (let j = 0; j < stamped.length; j++) {
			if (values[4 * j] < 0n) continue;
			stampRows[stamped[j].row] = stamps.addFrom(values, 4 * j);
		}
	});
	const dest = (r) => ({
		rel: table.path(r),
		mode: how.modeOf(r),
		mtimeMs: table.mtimeMs(r),
		row: r
	});
	let left = 0;
	let missing;
	const lanes = new LanePool();
	const forgetLanes = onStop(() => lanes.close());
	function* packsToRead() {
		for (let i = 0; i < packCount; i++) {
			if (wanted[i].length === 0) continue;
			const pack = head.packs[i];
			const expected = rowPackExpectations(head, table, i, all[i], i === firstOwn ? tree() : void 0);
			const feeds = /* @__PURE__ */ new Map();
			let wantedBytes = 0;
			for (const r of wanted[i]) {
				const member = table.member(r);
				const f = feeds.get(member);
				if (f === void 0) {
					feeds.set(member, r);
					wantedBytes += table.locLength(r);
				} else if (typeof f === "number") feeds.set(member, [f, r]);
				else f.push(r);
			}
			const whole = wantedBytes >= pack.size / 2;
			yield {
				store: how.store,
				key: packKey(head.series, pack.name),
				pack,
				expected,
				strict: whole && pack.origin === head.id,
				dests: (member) => {
					const f = feeds.get(member);
					return f === void 0 ? void 0 : typeof f === "number" ? [dest(f)] : f.map(dest);
				},
				runs: whole ? void 0 : coalesce(table, Array.from(feeds.values(), firstRow)),
				lanes,
				writeFlags: how.writeFlags,
				root: how.staging,
				umask: how.umask,
				onStamps,
				onWritten: (member) => feeds.delete(member),
				onDone: () => {
					left += feeds.size;
					for (const f of feeds.values()) missing ??= table.path(firstRow(f));
				},
				segmentBytes: how.segmentBytes,
				onBytes: (n) => how.progress(n),
				onFiles: (n) => how.progress(0, n)
			};
		}
	}
	let fetchedBytes = 0;
	let stretches = 0;
	try {
		for (const r of await readPacksInLanes(packsToRead())) {
			fetchedBytes += r.fetched;
			stretches += r.segments;
		}
	} finally {
		await lanes.close();
		forgetLanes();
	}
	if (left > 0) throw new IntegrityError(`${left} file(s) were not found in their packs, e.g. ${missing}`, {
		hint: "the store is damaged; verify its snapshots to see which are sound",
		details: { remedy: "verify" }
	});
	return {
		fetchedBytes,
		stretches,
		laneCount: lanes.size,
		stamps,
		stampRows
	};
}
const firstRow = (f) => typeof f === "number" ? f : f[0];
/** The file rows `rowOf(0 … n-1)` gives (-1: none), by pack, each in the order given. */
function rowsByPack(table, packCount, n, rowOf) {
	const count = new Int32Array(packCount);
	for (let k = 0; k < n; k++) {
		const r = rowOf(k);
		if (r >= 0) count[table.pack(r)]++;
	}
	const out = Array.from(count, (c) => new Int32Array(c));
	const filled = new Int32Array(packCount);
	for (let k = 0; k < n; k++) {
		const r = rowOf(k);
		if (r < 0) continue;
		const p = table.pack(r);
		out[p][filled[p]++] = r;
	}
	return out;
}
/** Groups members (rows) whose frame ranges touch into single ranged reads. */
function coalesce(table, rows) {
	const sorted = rows.sort((a, b) => table.raw(a) - table.raw(b));
	const runs = [];
	for (const r of sorted) {
		const last = runs[runs.length - 1];
		const [offset, length, raw, span] = [
			table.offset(r),
			table.locLength(r),
			table.raw(r),
			table.span(r)
		];
		const end = offset + length;
		if (last && offset <= last.offset + last.length) {
			last.length = Math.max(last.length, end - last.offset);
			last.windows.push([raw, raw + span]);
		} else runs.push({
			offset,
			length,
			base: raw - table.skip(r),
			windows: [[raw, raw + span]]
		});
	}
	return runs;
}
Buffer.alloc(1048576);
/**
* Gives a restored file its recorded mode and time: the one step every writer of a restored file
* ends with (the lanes for files from packs, the restore for files reused from the old tree).
*/
function setModeAndTime(file, mode, mtimeMs) {
	fs$1.chmodSync(file, mode);
	fs$1.utimesSync(file, mtimeMs / 1e3, mtimeMs / 1e3);
}
process.platform;
// .bundle-in/engine/restore/local-reuse.js
/**
* Files already in the target (or a seed) with the right content (at the same path, or
* elsewhere, as after a rename) are linked or copied instead of fetched and decompressed: the
* files (`fileRows[k]` of `table`) so provided are marked in the answer, with their count. The
* target is searched first, then each seed in order.
*/
async function reuseLocal(sources, table, fileRows, at, modeOf, progress) {
	const done = new Uint8Array(fileRows.length);
	let count = 0;
	let bytes = 0;
	const locals = await Promise.all(sources.map((s) => LocalContent.index(s.root, s.mayLink)));
	for (let k = 0; k < fileRows.length; k++) {
		const r = fileRows[k];
		const f = {
			path: table.path(r),
			size: table.size(r),
			sha256: table.sha256(r),
			mtimeMs: table.mtimeMs(r)
		};
		let provided = false;
		for (const local of locals) if (!provided) provided = await local.provide(f, modeOf(r), at(f.path));
		if (provided) {
			done[k] = 1;
			count++;
			bytes += f.size;
			progress(f.size, 1);
		}
	}
	return {
		done,
		count,
		bytes
	};
}
/**
* The files of the current target, found by content: same path first, then any file of the same
* size. Each candidate is hashed at most once.
*/
var LocalContent = class LocalContent {
	root;
	mayLink;
	bySize = /* @__PURE__ */ new Map();
	hashes = /* @__PURE__ */ new Map();
	constructor(root, mayLink) {
		this.root = root;
		this.mayLink = mayLink;
	}
	/** Only regular files are candidates: a symlink (in a seed, say) is never followed. */
	static async index(root, mayLink) {
		const lc = new LocalContent(root, mayLink);
		const walk = async (dir, rel) => {
			const names = await fs.readdir(dir, { withFileTypes: true }).catch(() => []);
			for (const d of names) {
				const r = rel ? `${rel}/${d.name}` : d.name;
				if (d.isDirectory()) await walk(path.join(dir, d.name), r);
				else if (d.isFile()) {
					const st = await fs.lstat(path.join(dir, d.name)).catch(() => void 0);
					if (!st) continue;
					const list = lc.bySize.get(st.size);
					if (list) list.push(r);
					else lc.bySize.set(st.size, [r]);
				}
			}
		};
		await walk(root, "");
		return lc;
	}
	async hashOf(rel) {
		let h = this.hashes.get(rel);
		if (h === void 0) {
			h = await hashFile(path.join(this.root, ...rel.split("/"))).then((r) => r.sha256, () => null);
			this.hashes.set(rel, h);
		}
		return h;
	}
	async provide(f, mode, dest) {
		const candidates = this.bySize.get(f.size) ?? [];
		const ordered = candidates.includes(f.path) ? [f.path, ...candidates.filter((c) => c !== f.path)] : candidates;
		for (const rel of ordered) if (await this.hashOf(rel) === f.sha256) return placeLocal(path.join(this.root, ...rel.split("/")), dest, f, mode, this.mayLink(rel));
		return false;
	}
};
/** Links (when nothing about the inode must change and `mayLink`) or copies a matching local file into staging. */
async function placeLocal(source, dest, f, mode, mayLink) {
	let st;
	try {
		st = await fs.lstat(source);
	} catch {
		return false;
	}
	const sameMeta = Math.floor(st.mtimeMs) === f.mtimeMs && hasMode(st.mode, mode);
	try {
		if (mayLink && sameMeta && st.nlink === 1 && !(process.platform === "win32" && (mode & 128) === 0)) await fs.link(source, dest);
		else {
			await fs.copyFile(source, dest, constants$1.COPYFILE_EXCL | constants$1.COPYFILE_FICLONE);
			setModeAndTime(dest, mode, f.mtimeMs);
		}
	} catch (err) {
		await fs.rm(dest, { force: true }).catch(() => {});
		if (err.code === "EEXIST") throw collisionError(err, f.path);
		return false;
	}
	return true;
}
// .bundle-in/engine/restore/restore.js
const WRITE_FLAGS = constants$1.O_WRONLY | constants$1.O_CREAT | constants$1.O_EXCL | (constants$1.O_NOFOLLOW ?? 0);
/**
* Makes `target` exactly the snapshot, or leaves it as it was. Everything is written into a
* fresh staging directory beside the target and checked (every header against the manifest,
* every file's sha256, every frame's checksum; the pack digest is verify's) before one rename swaps it in.
*/
async function restore(options) {
	const started = Date.now();
	const logger = options.logger ?? silentLogger;
	const { target, series, seeds, partial } = await checkRequest(options, logger);
	const parent = path.dirname(target);
	await fs.mkdir(parent, { recursive: true }).catch((err) => {
		throw ioError(err, "cannot create", parent);
	});
	const releaseLock = await acquireOrUse(target, options.heldLock, {
		operation: "restore",
		logger,
		waitMs: options.lockWaitMs
	});
	try {
		await recoverInterruptedRestore(target, logger);
		const id = options.manifest && !options.snapshot ? options.manifest.id : await resolveSnapshotId(options.store, series, options.snapshot);
		const { head, table, stored } = await readSnapshot(options, series, id);
		const manifest = manifestOf(head, table);
		await assertSigned(options.store, head, options.signing, logger);
		await assertPacksPresent(options.store, head);
		let selection = partial ? selectSubtrees(manifest, table, options.only ?? [], options.tables ?? [], formatNamed(head.source.format, options.formats)) : void 0;
		if (selection?.roots.includes("")) selection = void 0;
		const existing = selection ? await targetIsDirectory(target) : await inspectTarget(target, options.force ?? false);
		if (selection && existing) await checkSubtrees(target, selection.roots, options.force ?? false);
		const rows = selection?.rows ?? allRows(table.length);
		const fileRows = rowsWhere(rows, (r) => table.isFile(r));
		const totals = selection ? countRows(table, rows) : head.totals;
		const staging = path.join(parent, stagingName(target));
		await fs.mkdir(staging, { mode: 448 }).catch((err) => {
			throw ioError(err, "cannot create staging directory", staging);
		});
		const forgetStaging = onStop(() => removeTree(staging));
		let remembered;
		try {
			const current = existing ? {
				root: target,
				replaced: selection ? selection.roots : [""]
			} : void 0;
			const stats = await materialize(manifest, table, rows, fileRows, selection?.roots, staging, current, seeds, options, logger);
			const cacheDir = options.hashCache === false ? void 0 : options.cacheDir ?? defaultCacheDir();
			const rememberIn = stored && !selection ? usableCacheFile(target, cacheDir) : void 0;
			if (stored && rememberIn !== void 0) remembered = await prepareRemembered({
				head,
				entries: table,
				stored,
				placesChecked: stats.reusedFiles === 0,
				target,
				store: options.store,
				cacheFile: rememberIn,
				formats: options.formats ?? BUILT_IN_FORMATS,
				logger
			});
			const cacheFile = options.hashCache === false ? void 0 : await recordRestoredFiles(target, staging, restoredFiles(table, fileRows, stats), logger, cacheDir);
			if (selection && existing) await uninterrupted(() => swapSubtreesIntoPlace(staging, target, selection.roots, logger));
			else {
				await keepTargetMode(staging, existing ? target : void 0);
				await uninterrupted(() => swapIntoPlace(staging, target, existing, logger));
			}
			if (remembered && cacheFile === remembered.cacheFile) await remembered.keep();
			else await remembered?.drop();
			remembered = void 0;
			if (selection && existing) await removeTree(staging).catch((err) => logger.warn(`restored, but could not remove the staging directory ${staging}: ${err.message}`));
			logger.info(`restored snapshot ${id} of ${series} into ${target}${selection ? ` (${selection.roots.length} selected path(s))` : ""}: ${totals.files} files (${stats.reusedFiles} reused)`);
			return {
				id,
				series,
				kind: head.kind,
				files: totals.files,
				dirs: totals.dirs,
				symlinks: totals.symlinks,
				bytes: totals.bytes,
				reusedFiles: stats.reusedFiles,
				reusedBytes: stats.reusedBytes,
				...selection ? { restoredPaths: selection.roots } : {},
				fetchedBytes: stats.fetchedBytes,
				durationMs: Date.now() - started,
				get manifest() {
					return manifest;
				}
			};
		} catch (err) {
			await remembered?.drop();
			await removeTree(staging).catch(() => {});
			throw err;
		} finally {
			forgetStaging();
		}
	} finally {
		await releaseLock();
	}
}
/** What a restore is asked to do, refused before anything is touched when it cannot be done. */
async function checkRequest(options, logger) {
	const target = path.resolve(options.target);
	if (path.dirname(target) === target) throw new ValidationError("cannot restore onto a filesystem root", { hint: "name a directory to restore into" });
	const series = assertSeriesName(options.series ?? seriesNameFor(path.basename(target)));
	if (options.store.localRoot !== void 0) assertApart({
		path: target,
		role: "the target directory"
	}, {
		path: options.store.localRoot,
		role: "the store"
	});
	const seeds = await usableSeeds(options.seeds ?? [], target, options.store, logger);
	const partial = (options.only?.length ?? 0) + (options.tables?.length ?? 0) > 0;
	if (partial && options.deepVerify) throw new ValidationError("a deep verification cannot be combined with a partial restore", { hint: "it opens the whole index, of which only a part would be restored; restore the whole snapshot to deep-verify it" });
	return {
		target,
		series,
		seeds,
		partial
	};
}
/**
* The snapshot's manifest, its entries as columns (a million files take no object each): read from
* the store, with the length and sha256 of its bytes (what a record of the snapshot binds), or the
* one handed in, which passes the same checks (the caller may have changed it since).
*/
async function readSnapshot(options, series, id) {
	const table = new EntryTable();
	let head;
	let stored;
	if (options.manifest) {
		const { entries, ...rest } = parseManifest(serializeManifest(options.manifest), `manifest of snapshot ${id}`);
		head = rest;
		for (const e of entries) table.entry(e);
	} else {
		const loaded = await loadManifestHeadHashed(options.store, series, id, {
			hash: true,
			sink: table
		});
		head = loaded.head;
		stored = {
			size: loaded.size,
			sha256: loaded.sha256
		};
	}
	if (head.series !== series || head.id !== id) throw new ValidationError(`the manifest given is that of ${head.series}/${head.id}, not of ${series}/${id}`);
	table.trim();
	return {
		head,
		table,
		stored
	};
}
/** Whether the target exists as a directory (a partial restore keeps all else of it); anything else there is refused. */
async function targetIsDirectory(target) {
	const st = await fs.lstat(target).catch((err) => {
		if (err.code === "ENOENT") return void 0;
		throw ioError(err, "cannot inspect", target);
	});
	if (st && !st.isDirectory()) throw new ValidationError(`${target} exists and is not a directory`, { hint: "remove it or restore somewhere else" });
	return st !== void 0;
}
/** The files written, by their rows, with the stamps their writers took. */
function restoredFiles(table, fileRows, taken) {
	const { stamps, stampRows } = taken;
	return {
		count: fileRows.length,
		path: (k) => table.path(fileRows[k]),
		sha256: (k) => table.sha256(fileRows[k]),
		stamps,
		stampRow: (k) => stampRows ? stampRows[fileRows[k]] : -1
	};
}
/** Rows 0 … n-1. */
function allRows(n) {
	const rows = new Int32Array(n);
	for (let r = 0; r < n; r++) rows[r] = r;
	return rows;
}
function rowsWhere(rows, keep) {
	let n = 0;
	for (const r of rows) if (keep(r)) n++;
	const out = new Int32Array(n);
	n = 0;
	for (const r of rows) if (keep(r)) out[n++] = r;
	return out;
}
function countRows(table, rows) {
	const totals = {
		files: 0,
		dirs: 0,
		symlinks: 0,
		bytes: 0
	};
	for (const r of rows) {
		const type = table.type(r);
		if (type === "file") {
			totals.files++;
			totals.bytes += table.size(r);
		} else if (type === "dir") totals.dirs++;
		else totals.symlinks++;
	}
	return totals;
}
/**
* The seed directories that exist, each checked apart from the target and the store (one rule:
* placement.ts), since a seed inside the target is replaced as it is read; a missing seed is only a warning.
*/
async function usableSeeds(seeds, target, store, logger) {
	const usable = [];
	for (const seed of seeds) {
		const dir = path.resolve(seed);
		assertApart({
			path: target,
			role: "the target directory"
		}, {
			path: dir,
			role: "a seed directory"
		});
		if (store.localRoot !== void 0) assertApart({
			path: store.localRoot,
			role: "the store"
		}, {
			path: dir,
			role: "a seed directory"
		});
		if (!(await fs.stat(dir).catch(() => void 0))?.isDirectory()) {
			logger.warn(`seed ${dir} is not a directory; restoring without it`);
			continue;
		}
		usable.push(dir);
	}
	return usable;
}
/** Says whether the target exists (as a directory), and refuses what must not be replaced. */
async function inspectTarget(target, force) {
	let st;
	try {
		st = await fs.lstat(target);
	} catch (err) {
		if (err.code === "ENOENT") return false;
		throw ioError(err, "cannot inspect", target);
	}
	if (!st.isDirectory()) throw new ValidationError(`${target} exists and is not a directory`, { hint: "remove it or restore somewhere else" });
	const names = await fs.readdir(target).catch((err) => {
		throw ioError(err, "cannot list", target);
	});
	if (names.length > 0 && !force) throw new TargetNotEmptyError(`${target} is not empty; restoring would replace its ${names.length} entries`, {
		hint: "allow the restore to replace it with the snapshot (files not in the snapshot are removed), or restore into an empty directory",
		details: { remedy: "force" }
	});
	return true;
}
/**
* The target directory itself is not in the snapshot: it keeps the mode it had, and a new one
* gets what the umask gives a new directory.
*/
async function keepTargetMode(staging, current) {
	if (process.platform === "win32") return;
	const st = current ? await fs.stat(current).catch((err) => {
		throw ioError(err, "cannot inspect", current);
	}) : void 0;
	await fs.chmod(staging, st ? permissionBits(st.mode) : 511 & ~process.umask()).catch((err) => {
		throw ioError(err, "cannot set the mode of", staging);
	});
}
async function materialize(manifest, table, rows, fileRows, roots, staging, current, seeds, options, logger) {
	const at = (rel) => entryLocation(staging, rel);
	const umask = process.umask();
	const modeOf = (r) => {
		const mode = table.mode(r);
		return restoreMode(manifest, table.isFile(r) ? {
			type: "file",
			exec: table.exec(r),
			mode
		} : {
			type: "dir",
			mode
		}, umask);
	};
	for (const root of roots ?? []) if (root.includes("/")) await fs.mkdir(path.dirname(at(root)), { recursive: true }).catch((err) => {
		throw ioError(err, "cannot create", path.dirname(at(root)));
	});
	makeDirs(table, rows, at);
	let bytesTotal = 0;
	for (const r of fileRows) bytesTotal += table.size(r);
	await checkFreeSpace(staging, bytesTotal);
	let bytesDone = 0;
	let filesDone = 0;
	const progress = (n, f = 0) => {
		bytesDone += n;
		filesDone += f;
		options.onProgress?.({
			phase: "restore",
			bytesDone,
			bytesTotal,
			filesDone,
			filesTotal: fileRows.length
		});
	};
	const sources = [];
	if (current && options.reuse !== false) {
		const replaced = current.replaced;
		sources.push({
			root: current.root,
			mayLink: (rel) => replaced.some((r) => r === "" || rel === r || rel.startsWith(`${r}/`))
		});
	}
	for (const seed of seeds) sources.push({
		root: seed,
		mayLink: () => false
	});
	const reused = sources.length > 0 ? await reuseLocal(sources, table, fileRows, at, modeOf, progress) : {
		done: new Uint8Array(fileRows.length),
		count: 0,
		bytes: 0
	};
	const fetched = await fetchFromPacks(manifest, table, fileRows, reused.done, {
		store: options.store,
		staging,
		umask,
		writeFlags: WRITE_FLAGS,
		modeOf,
		segmentBytes: options.segmentBytes,
		progress,
		stamps: options.hashCache !== false
	});
	await makeSymlinks(table, rows, at);
	const format = formatNamed(manifest.source.format, options.formats);
	if (!roots) await format?.afterRestore?.(staging, manifest);
	if (options.deepVerify) await format?.deepVerify?.(staging, manifest);
	settleDirs(table, rows, at, modeOf);
	logger.debug(`materialized ${fileRows.length} files (${reused.count} reused, ${fetched.fetchedBytes} compressed bytes fetched, ${fetched.stretches} stretches on ${fetched.laneCount} lanes)`);
	return {
		reusedFiles: reused.count,
		reusedBytes: reused.bytes,
		fetchedBytes: fetched.fetchedBytes,
		stamps: fetched.stamps,
		stampRows: fetched.stampRows
	};
}
/** Synchronous: nothing else runs meanwhile, and one call a directory beats a round trip through the thread pool. */
function makeDirs(table, rows, at) {
	for (const r of rows) {
		if (table.type(r) !== "dir") continue;
		const rel = table.path(r);
		try {
			fs$1.mkdirSync(at(rel), { mode: 448 });
		} catch (err) {
			throw collisionError(err, rel) ?? ioError(err, "cannot create", at(rel));
		}
	}
}
async function makeSymlinks(table, rows, at) {
	let dirs;
	for (const r of rows) {
		if (table.type(r) !== "symlink") continue;
		if (dirs === void 0) {
			dirs = /* @__PURE__ */ new Set();
			for (let d = 0; d < table.length; d++) if (table.type(d) === "dir") dirs.add(table.path(d));
		}
		const rel = table.path(r);
		const target = table.target(r);
		const toDir = dirs.has(path.posix.join(path.posix.dirname(rel), target));
		await fs.symlink(target, at(rel), toDir ? "dir" : "file").catch((err) => {
			const hint = process.platform === "win32" ? "creating symlinks on Windows needs Developer Mode or the SeCreateSymbolicLinkPrivilege" : void 0;
			throw collisionError(err, rel) ?? Object.assign(ioError(err, "cannot create symlink", at(rel)), hint ? { hint } : {});
		});
		const t = table.mtimeMs(r) / 1e3;
		await fs.lutimes(at(rel), t, t).catch(() => {});
	}
}
/**
* Directory modes and times last, deepest first, since creating children changes the times
* and a recorded mode may forbid the writes. Windows directories have no mode to set (the
* read-only attribute means something else for them).
*/
function settleDirs(table, rows, at, modeOf) {
	for (let j = rows.length - 1; j >= 0; j--) {
		const r = rows[j];
		if (table.type(r) !== "dir") continue;
		const dir = at(table.path(r));
		if (process.platform !== "win32") try {
			fs$1.chmodSync(dir, modeOf(r));
		} catch (err) {
			throw ioError(err, "cannot set the mode of", dir);
		}
		const t = table.mtimeMs(r) / 1e3;
		try {
			fs$1.utimesSync(dir, t, t);
		} catch {}
	}
}
async function checkFreeSpace(dir, bytes) {
	let st;
	try {
		st = await fs.statfs(dir);
	} catch {
		return;
	}
	const free = Number(st.bavail) * Number(st.bsize);
	if (bytes > free) throw new IoError(`restoring needs ${bytes} bytes but only ${free} are free on the filesystem of ${dir}`, {
		hint: "free disk space or restore onto another filesystem",
		details: {
			needed: bytes,
			free
		}
	});
}
// .bundle-in/guard/single-file.js
function checkFileState(s) {
	if (typeof s.sha256 !== "string" || !/^[0-9a-f]{64}$/.test(s.sha256)) return "the file state has no sha256";
	for (const k of [
		"size",
		"mode",
		"mtimeMs"
	]) {
		const v = s[k];
		if (typeof v !== "number" || !Number.isFinite(v) || v < 0) return `the file state has no valid ${k}`;
	}
	if (s.mode > 4095 || !Number.isInteger(s.mode)) return "the file state has an invalid mode";
}
/** Copies `from` to a new file `to` (synced to disk), hashing the bytes as they pass: one read. */
async function copyHashing(from, to) {
	const hash = createHash("sha256");
	let size = 0;
	const tap = new Transform({ transform(chunk, _enc, done) {
		hash.update(chunk);
		size += chunk.length;
		done(null, chunk);
	} });
	await pipeline(createReadStream(from), tap, createWriteStream(to, {
		flags: "wx",
		mode: 384,
		flush: true
	}));
	return {
		sha256: hash.digest("hex"),
		size
	};
}
/** Backs up the file `source` as `copy`. A file that changes while it is copied is refused, not kept torn. */
async function backupFile(source, copy) {
	const before = await fs.stat(source).catch((err) => {
		throw ioError(err, "cannot inspect", source);
	});
	const got = await copyHashing(source, copy).catch((err) => {
		throw ioError(err, "cannot copy", source);
	});
	const after = await fs.stat(source).catch((err) => {
		throw ioError(err, "cannot inspect", source);
	});
	if (got.size !== before.size || after.size !== before.size || after.mtimeMs !== before.mtimeMs) throw new ChangedError(`${source} changed while it was backed up`, {
		hint: "stop what writes to it and run again",
		details: { path: source }
	});
	return {
		sha256: got.sha256,
		size: got.size,
		mode: before.mode & 4095,
		mtimeMs: before.mtimeMs
	};
}
/**
* Puts the backed-up file back at `target`: copied beside it, checked against the recorded digest,
* given its mode and mtime, then renamed over whatever is there now (a directory the operation
* left in its place is moved aside first). A damaged copy leaves the target untouched.
*/
async function restoreFile(copy, target, state) {
	const tmp = path.join(path.dirname(target), `.${path.basename(target)}.index-vault-rollback-${process.pid}-${randomBytes(4).toString("hex")}`);
	try {
		const got = await copyHashing(copy, tmp).catch((err) => {
			throw err.code === "ENOENT" ? new IntegrityError(`the backup copy ${copy} is missing`, {
				cause: err,
				details: { path: copy }
			}) : ioError(err, "cannot copy", copy);
		});
		if (got.sha256 !== state.sha256 || got.size !== state.size) throw new IntegrityError(`the backup copy ${copy} does not match its record (sha256 ${got.sha256}, ${got.size} bytes)`, {
			hint: "the backup is damaged; the file was left as the operation left it",
			details: { path: copy }
		});
		await fs.chmod(tmp, state.mode);
		await fs.utimes(tmp, state.mtimeMs / 1e3, state.mtimeMs / 1e3);
		if ((await fs.lstat(target).catch(() => void 0))?.isDirectory()) {
			const aside = `${tmp}.discard`;
			await fs.rename(target, aside);
			await fs.rename(tmp, target);
			await fs.rm(aside, {
				recursive: true,
				force: true,
				maxRetries: 3
			});
		} else await fs.rename(tmp, target);
	} catch (err) {
		await fs.rm(tmp, { force: true }).catch(() => {});
		throw ioError(err, "cannot put back", target);
	}
}
// .bundle-in/guard/directory-copy.js
const SERIES = "target";
const FILE_COPY = "file";
function storeOf(ctx) {
	return new LocalStore(path.join(ctx.dir, "store"));
}
/**
* What the backup guards: the target with its symlinks followed, so a link to a directory or
* file guards what it points to and the link itself is left alone. A state records the path it
* resolved to, and a rollback refuses to write anywhere else.
*/
function guardedPath(ctx, state) {
	const real = resolvedPath(ctx.target);
	if (state && typeof state.resolved === "string" && state.resolved !== real) throw new ValidationError(`${ctx.target} now leads to ${real}, not to ${state.resolved} as when the backup was taken`, { hint: `point it back at ${state.resolved}, then restore the backup` });
	return real;
}
/**
* A directory as a complete snapshot in the core format, in a local store inside the backup; a
* single file as a byte-for-byte copy with its digest and mode. Every file of a directory is kept
* (format `dir`): a rollback must give back the directory exactly, old table versions and all,
* not only what an index needs to open. Only a target that does not exist is recorded as absent.
*/
const directoryCopy = {
	checkState(s) {
		if (typeof s.absent !== "boolean") return "the state says neither present nor absent";
		if (s.resolved !== void 0 && typeof s.resolved !== "string") return "the state has an invalid resolved path";
		if (s.absent) return void 0;
		if (s.kind === "file") return checkFileState(s);
		if (s.kind !== void 0 && s.kind !== "dir") return `the state has an unknown kind ${JSON.stringify(s.kind)}`;
		return typeof s.snapshot === "string" && s.snapshot !== "" ? void 0 : "the state names no snapshot";
	},
	async create(ctx) {
		const real = guardedPath(ctx);
		let st;
		try {
			st = await fs.lstat(real);
		} catch (err) {
			if (err.code !== "ENOENT") throw ioError(err, "cannot inspect", real);
		}
		if (!st) return {
			absent: true,
			resolved: real
		};
		if (st.isFile()) return {
			absent: false,
			resolved: real,
			kind: "file",
			...await backupFile(real, path.join(ctx.dir, FILE_COPY))
		};
		if (!st.isDirectory()) throw new ValidationError(`${ctx.target} is neither a directory nor a regular file`, { hint: "guard the directory or file that holds the data" });
		const result = await backup({
			source: real,
			store: storeOf(ctx),
			series: SERIES,
			mode: "full",
			format: "dir",
			portability: "off",
			heldLock: ctx.heldLock,
			cacheDir: ctx.cacheDir,
			logger: ctx.logger
		});
		return {
			absent: false,
			resolved: real,
			kind: "dir",
			snapshot: result.id,
			files: result.files,
			bytes: result.bytes
		};
	},
	async restore(ctx, state) {
		const real = guardedPath(ctx, state);
		if (state.absent === true) {
			await removeAside(real);
			return;
		}
		if (state.kind === "file") {
			await restoreFile(path.join(ctx.dir, FILE_COPY), real, state);
			return;
		}
		const now = await fs.lstat(real).catch(() => void 0);
		const aside = now && !now.isDirectory() ? `${real}.index-vault-discard-${process.pid}` : void 0;
		if (aside) await fs.rename(real, aside).catch((err) => Promise.reject(ioError(err, "cannot move aside", real)));
		try {
			await restore({
				target: real,
				store: storeOf(ctx),
				series: SERIES,
				snapshot: String(state.snapshot),
				force: true,
				heldLock: ctx.heldLock,
				cacheDir: ctx.cacheDir,
				logger: ctx.logger
			});
		} catch (err) {
			if (aside) await fs.rename(aside, real).catch(() => {});
			throw err;
		}
		if (aside) await fs.rm(aside, {
			recursive: true,
			force: true,
			maxRetries: 3
		});
	},
	async cleanup() {}
};
/** Removes what the guarded operation created: renamed aside first, so it vanishes at once. */
async function removeAside(target) {
	const aside = `${target}.index-vault-discard-${process.pid}`;
	try {
		await fs.rename(target, aside);
	} catch (err) {
		if (err.code === "ENOENT") return;
		throw ioError(err, "cannot remove", target);
	}
	await fs.rm(aside, {
		recursive: true,
		force: true,
		maxRetries: 3
	});
}
// .bundle-in/guard/lance-version.js
/** `@lancedb/lancedb` is an optional peer dependency: loaded only when this strategy runs. */
async function loadLance() {
	try {
		return await importOptional("@lancedb/lancedb");
	} catch (err) {
		throw new UnsupportedError("the lance-version strategy needs the @lancedb/lancedb package", {
			cause: err,
			hint: "npm install @lancedb/lancedb, or use the directory-copy strategy"
		});
	}
}
/**
* Runs LanceDB calls; what LanceDB throws becomes a LanceError (E_LANCE) saying what was being
* done, with LanceDB's own error as `cause`. Our own errors pass through unchanged.
*/
async function lanceCall(what, fn) {
	try {
		return await fn();
	} catch (err) {
		if (isIndexVaultError(err)) throw err;
		const message = (err instanceof Error ? err.message : String(err)).split("\n")[0];
		throw new LanceError(`LanceDB could not ${what}: ${message}`, {
			cause: err,
			hint: "the table may be damaged, or the write does not fit its schema"
		});
	}
}
function tagName(id) {
	return `index-vault-${id}`;
}
/** Pins the table's current version with a tag, so `optimize` cleanup cannot delete it. */
async function pinVersion(table, tag) {
	const version = await table.version();
	await (await table.tags()).create(tag, version);
	return version;
}
/**
* Makes `version` the table's newest version again (a new commit holding the old content), but
* only if the table moved past it: an operation that committed nothing leaves no new version.
* Says whether it rolled back.
*/
async function rollbackTo(table, version) {
	await table.checkoutLatest();
	if (await table.version() === version) return false;
	await table.checkout(version);
	await table.restore();
	return true;
}
/** Removes the pin; a tag that is already gone is fine. */
async function unpin(table, tag) {
	try {
		await (await table.tags()).delete(tag);
	} catch (err) {
		if (!/not (exist|found)/i.test(err.message)) throw err;
	}
}
async function layoutOf(target) {
	const tables = await detectLance(target);
	if (tables?.length === 1 && tables[0] === "") return {
		db: path.dirname(target),
		single: path.basename(target).replace(/\.lance$/, "")
	};
	if (tables) return { db: target };
	if ((await fs.readdir(target).catch(() => [])).length > 0) throw new ValidationError(`${target} is neither a LanceDB database nor a table directory`, { hint: "use the directory-copy strategy for other directories" });
	return { db: target };
}
/** Opens the database for `fn`; any LanceDB failure on the way is an E_LANCE error saying what it could not do to `db`. */
async function withConnection(db, what, fn) {
	const lancedb = await loadLance();
	return lanceCall(`${what} ${db}`, async () => {
		const conn = await lancedb.connect(db);
		try {
			return await fn(conn);
		} finally {
			conn.close();
		}
	});
}
async function withTable(conn, name, fn) {
	const table = await conn.openTable(name);
	try {
		return await fn(table);
	} finally {
		table.close();
	}
}
/**
* Records each table's version and tags it; a rollback commits that version again. Nothing is
* copied, so it costs milliseconds whatever the table's size. Tables created by the operation
* are dropped on rollback; a table the operation dropped cannot be brought back (its files are gone).
*/
const lanceVersion = {
	checkState(s, target) {
		if (typeof s.tag !== "string" || s.tag === "") return "the state names no tag";
		if (s.single !== null && (typeof s.single !== "string" || s.single === "")) return "the state has an invalid table name";
		const db = s.single === null ? target : path.dirname(target);
		if (s.db !== db) return `the state names database ${JSON.stringify(s.db)}, not ${JSON.stringify(db)}`;
		if (s.single !== null && s.single !== path.basename(target).replace(/\.lance$/, "")) return `the state names table ${JSON.stringify(s.single)}, not the target`;
		if (!Array.isArray(s.tables)) return "the state has no table list";
		for (const t of s.tables) {
			const o = t;
			if (typeof o?.name !== "string" || typeof o.version !== "number" || !Number.isInteger(o.version) || o.version < 1) return "the state has an invalid table entry";
		}
	},
	async create(ctx) {
		const layout = await layoutOf(ctx.target);
		const tag = tagName(ctx.id);
		return withConnection(layout.db, "tag the versions of", async (conn) => {
			const names = layout.single ? [layout.single] : await conn.tableNames();
			const pinned = [];
			try {
				for (const name of names) pinned.push({
					name,
					version: await withTable(conn, name, (t) => pinVersion(t, tag))
				});
			} catch (err) {
				for (const p of pinned) await withTable(conn, p.name, (t) => unpin(t, tag)).catch(() => {});
				throw err;
			}
			return {
				db: layout.db,
				single: layout.single ?? null,
				tag,
				tables: pinned
			};
		});
	},
	async restore(ctx, state) {
		const tables = state.tables;
		const failures = [];
		await withConnection(String(state.db), "roll back", async (conn) => {
			const present = new Set(await conn.tableNames());
			if (state.single === null) {
				const known = new Set(tables.map((t) => t.name));
				for (const name of present) if (!known.has(name)) await conn.dropTable(name);
			}
			for (const t of tables) {
				if (!present.has(t.name)) {
					failures.push(`table ${t.name} was dropped by the operation and cannot be brought back by version`);
					continue;
				}
				const moved = await withTable(conn, t.name, (table) => rollbackTo(table, t.version));
				ctx.logger.debug(moved ? `table ${t.name} is back at the content of version ${t.version}` : `table ${t.name} is still at version ${t.version}`);
			}
		});
		if (failures.length > 0) throw new NotFoundError(failures.join("; "), { hint: "use the directory-copy strategy for operations that drop tables" });
	},
	async cleanup(ctx, state) {
		const tables = state.tables;
		await withConnection(String(state.db), "untag", async (conn) => {
			const present = new Set(await conn.tableNames());
			const errors = [];
			for (const t of tables) {
				if (!present.has(t.name)) continue;
				await withTable(conn, t.name, (table) => unpin(table, String(state.tag))).catch((err) => errors.push(`${t.name}: ${err.message}`));
			}
			if (errors.length > 0) throw new IndexVaultError("E_IO", `cannot remove the backup tag ${String(state.tag)} from ${errors.join("; ")}`, { hint: "delete the tag with table.tags().delete(…)" });
		});
	}
};
// .bundle-in/guard/strategy.js
const STRATEGIES = ["directory-copy", "lance-version"];
// .bundle-in/guard/backup-manager.js
const IMPLEMENTATIONS = {
	"directory-copy": directoryCopy,
	"lance-version": lanceVersion
};
const ID = /^backup_\d{4}-\d\d-\d\dT\d\d-\d\d-\d\d-\d{3}Z(?:_\d+)?$/;
const RECORD = "backup.json";
/**
* `INDEX_VAULT_BACKUP_DIR`, else `index-vault/backups` in the per-user data directory
* (`%LOCALAPPDATA%`, `$XDG_DATA_HOME`, `~/.local/share`). Not the temp directory: a backup kept
* after a failed rollback is needed most after a crash and reboot, when temp may be wiped.
*/
function defaultBackupDir(env = process.env) {
	if (env.INDEX_VAULT_BACKUP_DIR) return path.resolve(env.INDEX_VAULT_BACKUP_DIR);
	if (process.platform === "win32" && env.LOCALAPPDATA) return path.join(env.LOCALAPPDATA, "index-vault", "backups");
	if (env.XDG_DATA_HOME && path.isAbsolute(env.XDG_DATA_HOME)) return path.join(env.XDG_DATA_HOME, "index-vault", "backups");
	let home = "";
	try {
		home = os.homedir();
	} catch {}
	return home ? path.join(home, ".local", "share", "index-vault", "backups") : path.join(os.tmpdir(), "index-vault-backups");
}
defaultBackupDir();
function assertStrategy(value) {
	if (!STRATEGIES.includes(value)) throw new ValidationError(`invalid strategy ${JSON.stringify(value)}`, { hint: `valid values: ${STRATEGIES.join(", ")}` });
	return value;
}
/**
* Takes, restores and discards backups of one directory, each named `backup_<timestamp>` and
* kept in its own folder of the backup directory with a record of how to restore it, so a
* backup taken by one process can be restored by another.
*/
var BackupManager = class {
	target;
	backupDir;
	strategy;
	logger;
	heldLock;
	cacheDir;
	constructor(options) {
		if (!options.target) throw new ValidationError("BackupManager needs a target directory");
		this.target = path.resolve(options.target);
		this.backupDir = path.resolve(options.backupDir ?? defaultBackupDir());
		this.strategy = assertStrategy(options.strategy ?? "directory-copy");
		this.logger = options.logger ?? silentLogger;
		this.heldLock = options.heldLock;
		this.cacheDir = options.cacheDir;
		assertApart({
			path: this.target,
			role: "the guarded directory"
		}, {
			path: this.backupDir,
			role: "the backup directory"
		});
	}
	async createBackup(strategy = this.strategy) {
		const impl = IMPLEMENTATIONS[assertStrategy(strategy)];
		const { id, dir } = await this.claimId();
		const ctx = this.context(id, dir);
		try {
			const createdAt = (/* @__PURE__ */ new Date()).toISOString();
			const state = await impl.create(ctx);
			const record = {
				id,
				strategy,
				target: this.target,
				createdAt,
				state
			};
			await fs.writeFile(path.join(dir, `${RECORD}.tmp`), `${JSON.stringify(record, null, 2)}\n`);
			await fs.rename(path.join(dir, `${RECORD}.tmp`), path.join(dir, RECORD));
			this.logger.info(`backup ${id} of ${this.target} taken (${strategy})`);
			return {
				id,
				strategy,
				target: this.target,
				createdAt,
				path: dir
			};
		} catch (err) {
			await fs.rm(dir, {
				recursive: true,
				force: true,
				maxRetries: 3
			}).catch(() => {});
			throw err;
		}
	}
	/** Puts the target back as it was when the backup was taken. The backup is kept. */
	async restoreBackup(id) {
		const record = await this.read(id);
		await IMPLEMENTATIONS[record.strategy].restore(this.context(id, this.folder(id)), record.state);
		this.logger.info(`restored ${this.target} from backup ${id} (${record.strategy})`);
	}
	/** Discards a backup: releases what it pins (tags) and removes its files. */
	async cleanupBackup(id) {
		const record = await this.read(id);
		await IMPLEMENTATIONS[record.strategy].cleanup(this.context(id, this.folder(id)), record.state);
		await fs.rm(this.folder(id), {
			recursive: true,
			force: true,
			maxRetries: 3
		}).catch((err) => {
			throw ioError(err, "cannot remove backup", this.folder(id));
		});
		this.logger.debug(`backup ${id} removed`);
	}
	/** Backups of this target, oldest first. */
	async listBackups() {
		const names = await fs.readdir(this.backupDir).catch(() => []);
		const out = [];
		for (const n of names.filter((x) => ID.test(x)).sort()) {
			const r = await this.read(n).catch(() => void 0);
			if (r && r.target === this.target) out.push({
				id: r.id,
				strategy: r.strategy,
				target: r.target,
				createdAt: r.createdAt,
				path: this.folder(n)
			});
		}
		return out;
	}
	context(id, dir) {
		return {
			target: this.target,
			id,
			dir,
			logger: this.logger,
			heldLock: this.heldLock,
			cacheDir: this.cacheDir
		};
	}
	folder(id) {
		if (!ID.test(id)) throw new ValidationError(`invalid backup id ${JSON.stringify(id)}`, { hint: "backup ids look like backup_2026-01-31T12-00-00-000Z" });
		return path.join(this.backupDir, id);
	}
	/**
	* The record of a backup, checked before anything acts on it: a missing backup is E_NOT_FOUND,
	* a record that is missing, unreadable or malformed is E_INTEGRITY naming the file.
	*/
	async read(id) {
		const folder = this.folder(id);
		const file = path.join(folder, RECORD);
		const damaged = (why, cause) => new IntegrityError(`the backup record ${file} ${why}`, {
			cause,
			hint: `the backup ${id} cannot be trusted; remove ${folder}`,
			details: {
				id,
				path: file
			}
		});
		let text;
		try {
			text = await fs.readFile(file, "utf8");
		} catch (err) {
			if (err.code !== "ENOENT") throw ioError(err, "cannot read", file);
			if (await fs.stat(folder).then(() => false, () => true)) throw new NotFoundError(`no backup ${id} in ${this.backupDir}`, {
				hint: "listBackups() shows the backups there",
				details: { id }
			});
			throw damaged("is missing (the backup was never completed, or its record was deleted)", err);
		}
		let record;
		try {
			record = JSON.parse(text);
		} catch (err) {
			throw damaged("is not JSON", err);
		}
		const problem = recordProblem(record, id);
		if (problem) throw damaged(problem);
		if (record.target !== this.target) throw new ValidationError(`backup ${id} was taken of ${record.target}, not of ${this.target}`, { hint: "use a BackupManager for that directory" });
		return record;
	}
	/** A fresh `backup_<timestamp>` folder, claimed with an exclusive mkdir so two processes never share one. */
	async claimId() {
		await fs.mkdir(this.backupDir, { recursive: true }).catch((err) => {
			throw ioError(err, "cannot create backup directory", this.backupDir);
		});
		const stamp = (/* @__PURE__ */ new Date()).toISOString().replace(/[:.]/g, "-");
		for (let n = 1;; n++) {
			const id = n === 1 ? `backup_${stamp}` : `backup_${stamp}_${n}`;
			const dir = path.join(this.backupDir, id);
			try {
				await fs.mkdir(dir);
				return {
					id,
					dir
				};
			} catch (err) {
				if (err.code !== "EEXIST") throw ioError(err, "cannot create", dir);
			}
		}
	}
};
/** Says what is wrong with a parsed record, or undefined when it is complete. */
function recordProblem(r, id) {
	if (typeof r !== "object" || r === null || Array.isArray(r)) return "is not an object";
	const o = r;
	if (o.id !== id) return `names backup ${JSON.stringify(o.id)}, not ${id}`;
	if (typeof o.strategy !== "string" || !STRATEGIES.includes(o.strategy)) return `names an unknown strategy ${JSON.stringify(o.strategy)}`;
	if (typeof o.target !== "string" || !path.isAbsolute(o.target)) return "names no absolute target";
	if (typeof o.createdAt !== "string") return "has no creation time";
	if (typeof o.state !== "object" || o.state === null || Array.isArray(o.state)) return "has no state";
	const bad = IMPLEMENTATIONS[o.strategy].checkState(o.state, o.target);
	return bad ? `is malformed: ${bad}` : void 0;
}
// .bundle-in/guard/with-backup.js
/**
* Takes the guarded target's lock for the whole operation: backup, operation and rollback. No
* other index-vault backup or restore of it can interleave with them. The parent is created
* first, as a restore does, since the lock file lives there.
*/
async function lockGuarded(target, operation, logger) {
	const parent = path.dirname(path.resolve(target));
	await fs.mkdir(parent, { recursive: true }).catch((err) => {
		throw ioError(err, "cannot create", parent);
	});
	return acquireLock(target, {
		operation,
		logger
	});
}
/** Logs at error level, or as a warning through a logger that has no error level. */
function logError(logger, message) {
	if (logger.error) logger.error(message);
	else logger.warn(message);
}
/** Restores the backup after a failed operation; used by withBackup and the guard command. */
async function rollback(manager, id, operationError, logger) {
	try {
		await manager.restoreBackup(id);
	} catch (rollbackError) {
		const what = (e) => isIndexVaultError(e) ? `${e.code}: ${e.message}` : e instanceof Error ? e.message : String(e);
		const kept = path.join(manager.backupDir, id);
		logError(logger, `rolling ${manager.target} back failed (${what(rollbackError)}); the backup is kept in ${kept}`);
		throw new RollbackError(`the operation failed (${what(operationError)}) and rolling ${manager.target} back failed too (${what(rollbackError)}); the backup is kept in ${kept}`, operationError, rollbackError, {
			hint: `restore it with new BackupManager({ target: ${JSON.stringify(manager.target)}, backupDir: ${JSON.stringify(manager.backupDir)} }).restoreBackup("${id}") once the cause is fixed`,
			details: {
				backupId: id,
				backupDir: manager.backupDir,
				backupPath: kept,
				target: manager.target
			}
		});
	}
	logger.warn(`the operation failed; ${manager.target} was rolled back to backup ${id}`);
	await discard(manager, id, logger);
}
async function discard(manager, id, logger) {
	await manager.cleanupBackup(id).catch((err) => {
		logger.warn(`could not remove backup ${id} from ${manager.backupDir}: ${err instanceof Error ? err.message : String(err)}`);
	});
}
// .bundle-in/cli/guard.js
const guardCommand = {
	usage: "index-vault guard <dir> [--strategy directory-copy|lance-version] [--backup-dir DIR] -- <command> [args…]",
	about: "Back up a directory, run a command, and roll the directory back if the command fails.",
	options: {
		quiet: COMMON.quiet,
		verbose: COMMON.verbose,
		help: COMMON.help,
		strategy: { type: "string" },
		"backup-dir": { type: "string" }
	},
	positionals: 1,
	run: runGuardCommand
};
async function runGuardCommand({ values, positionals, guarded, io, logger }) {
	const strategy = values.strategy === void 0 ? void 0 : assertStrategy(values.strategy);
	const guardLogger = {
		...logger,
		info: (m) => void (values.quiet ? void 0 : m.startsWith("index-vault guard:") || values.verbose ? io.stderr.write(`${m}\n`) : void 0)
	};
	return await runGuard({
		dir: positionals[0],
		command: guarded,
		strategy,
		backupDir: values["backup-dir"] ?? defaultBackupDir(io.env),
		logger: guardLogger,
		cacheDir: cacheDirFromEnv(io.env)
	});
}
/**
* Backs up `dir`, runs the command with the terminal's stdio, and rolls `dir` back when the
* command fails. Returns the command's exit code (128 + signal number when it was killed), so a
* CI step wrapped in `guard` fails exactly when the command does.
*/
async function runGuard(options) {
	const [file, ...args] = options.command;
	if (file === void 0) throw new ValidationError("guard needs a command after --", { hint: "usage: index-vault guard <dir> -- <command> [args…]" });
	const lock = await lockGuarded(options.dir, "guard", options.logger);
	try {
		return await guardUnderLock(options, file, args, lock);
	} finally {
		await lock.release();
	}
}
async function guardUnderLock(options, file, args, lock) {
	const manager = new BackupManager({
		target: options.dir,
		backupDir: options.backupDir,
		strategy: options.strategy,
		logger: options.logger,
		heldLock: lock,
		cacheDir: options.cacheDir
	});
	const taken = await manager.createBackup();
	options.logger.info(`index-vault guard: backup ${taken.id} of ${manager.target} (${taken.strategy}) in ${taken.path}; running ${options.command.join(" ")}`);
	let code;
	try {
		code = await runChild(file, args);
	} catch (err) {
		await discard(manager, taken.id, options.logger);
		throw err;
	}
	if (code === 0) {
		await discard(manager, taken.id, options.logger);
		options.logger.info(`index-vault guard: command succeeded; backup ${taken.id} discarded`);
		return 0;
	}
	await rollback(manager, taken.id, /* @__PURE__ */ new Error(`command exited with code ${code}`), options.logger);
	return code;
}
function runChild(file, args) {
	return new Promise((resolve, reject) => {
		const child = spawn(file, args, { stdio: "inherit" });
		const forward = (signal) => child.kill(signal);
		const signals = ["SIGINT", "SIGTERM"];
		for (const s of signals) process.on(s, forward);
		const done = () => {
			for (const s of signals) process.off(s, forward);
		};
		child.once("error", (err) => {
			done();
			reject(err.code === "ENOENT" ? new ValidationError(`command not found: ${file}`, { hint: "give the program and its arguments after --, e.g. -- npm run build-index" }) : err);
		});
		child.once("exit", (code, signal) => {
			done();
			resolve(code ?? 128 + (signal ? constants.signals[signal] ?? 0 : 0));
		});
	});
}
// .bundle-in/cli/help.js
/** One line per option, shared by every command that takes it; `value` names its argument. */
const OPTION_HELP = {
	store: {
		value: "DIR|URL",
		text: "the store: a directory, s3://bucket/prefix or azure://container/prefix (or INDEX_VAULT_STORE)"
	},
	backend: {
		value: "local|cache|artifact",
		text: "local (default): --store; cache / artifact: GitHub's services, inside a job"
	},
	"github-token": {
		value: "T",
		text: "token for --backend artifact (default: GITHUB_TOKEN)"
	},
	"run-id": {
		value: "N",
		text: "for --backend artifact: use the artifacts of that workflow run"
	},
	"retention-days": {
		value: "N",
		text: "for --backend artifact: days GitHub keeps what is uploaded"
	},
	"s3-endpoint": {
		value: "URL",
		text: "endpoint of an S3-compatible service for s3:// stores"
	},
	"s3-region": {
		value: "R",
		text: "region for s3:// stores"
	},
	"s3-path-style": { text: "path-style requests for s3:// stores (S3-compatible services)" },
	name: {
		value: "N",
		text: "the snapshot series (default: see above)"
	},
	json: { text: "print one JSON object on stdout" },
	quiet: { text: "no progress on stderr" },
	verbose: { text: "more detail on stderr (backup: each excluded path and why)" },
	help: { text: "print this help" },
	mode: {
		value: "auto|full|incremental",
		text: "auto (default): incremental on a healthy newest snapshot, else full"
	},
	format: {
		value: "auto|lancedb|tantivy|dir",
		text: "what the directory holds (default auto: detect LanceDB and Tantivy)"
	},
	"lance-versions": {
		value: "latest|tagged|all",
		text: "which LanceDB table versions to keep (default tagged)"
	},
	"max-chain": {
		value: "N",
		text: "longest chain before auto takes a full snapshot again (default 10)"
	},
	"trust-mtime": {
		value: void 0,
		text: "reuse a file's hash when size, mtime and exec bit are unchanged (faster, misses same-size same-mtime edits)"
	},
	compression: {
		value: "zstd|gzip",
		text: "pack codec (default zstd)"
	},
	level: {
		value: "N",
		text: "compression level: zstd 1-19 (default 3), gzip 1-9 (default 6)"
	},
	portability: {
		value: "error|warn|off",
		text: "names Windows or macOS cannot restore (default error)"
	},
	"follow-links": { text: "store what out-of-tree symlinks and hard links point to instead of refusing them" },
	"no-verify": { text: "do not read back what was stored (the result says verified: false)" },
	"no-hash-cache": { text: "neither use nor update the local hash cache" },
	"pack-size": {
		value: "SIZE",
		text: "file bytes per pack (default 256M)"
	},
	wait: {
		value: "SECONDS",
		text: "wait this long for another index-vault process on the same directory instead of failing with E_LOCKED"
	},
	snapshot: {
		value: "ID",
		text: "a snapshot id from list (its series is found by the id)"
	},
	force: { text: "replace a non-empty target directory" },
	"deep-verify": { text: "open restored LanceDB tables and check version and row count before swapping them in" },
	"no-reuse": { text: "fetch every file from the store, even those the target already has" },
	only: {
		value: "PATH|GLOB",
		text: "restore only these snapshot paths (a directory: its subtree; globs * ** ?), leave the rest of the target as it is (repeatable)"
	},
	table: {
		value: "NAME",
		text: "restore only this table of the index (LanceDB: NAME.lance), as --only does (repeatable)"
	},
	seed: {
		value: "DIR",
		text: "copy files with the right content from this directory instead of fetching them (repeatable; a missing one is a warning)"
	},
	"keep-last": {
		value: "K",
		text: "keep the newest K snapshots (at least 1)"
	},
	"keep-within": {
		value: "DURATION",
		text: "also keep snapshots younger than this (30m, 12h, 7d, 2w)"
	},
	"dry-run": { text: "say what would be deleted, delete nothing" },
	"signing-key": {
		value: "[ID:]SECRET",
		text: "HMAC key: backup signs with the first, restore/verify/diff accept any and refuse unsigned snapshots (repeat or comma-separate; or INDEX_VAULT_SIGNING_KEY)"
	},
	"allow-unsigned": { text: "with a signing key: accept snapshots that have no signature (or one by a key id not configured), with a warning" },
	strategy: {
		value: "directory-copy|lance-version",
		text: "how the backup is taken (default directory-copy)"
	},
	"backup-dir": {
		value: "DIR",
		text: "where the backup is kept (default INDEX_VAULT_BACKUP_DIR, else the per-user data directory)"
	}
};
/** What each command does with `--name` left out, and examples a user can copy. */
const COMMAND_NOTES = {
	backup: {
		name: "default: the directory's name (My Index -> My-Index)",
		examples: ["index-vault backup ./index --store ./vault", "index-vault backup ./index --store s3://bucket/backups --pack-size 512M --wait 60"]
	},
	restore: {
		name: "default: the series of --snapshot, else the one named after <dir>, else the store's only series",
		examples: [
			"index-vault restore ./index --store ./vault",
			"index-vault restore ./copy --store ./vault --snapshot 20260101T120000000Z-0123abcd --force",
			"index-vault restore ./index --store ./vault --only 'docs/**/*.json' --table products --force",
			"index-vault restore ./index --store ./vault --seed ../previous-build/index"
		]
	},
	verify: {
		name: "default: the series of --snapshot, else every series",
		examples: ["index-vault verify --store ./vault", "index-vault verify --store ./vault --snapshot 20260101T120000000Z-0123abcd --json"]
	},
	prune: {
		name: "default: every series",
		examples: ["index-vault prune --store ./vault --keep-last 5 --keep-within 7d --dry-run"]
	},
	guard: { examples: ["index-vault guard ./index -- npm run rebuild-index"] },
	diff: {
		name: "default: the series of an id given, else the store's only series",
		examples: ["index-vault diff --store ./vault", "index-vault diff latest~3 latest --store ./vault --name my-index --json"]
	},
	list: {
		name: "default: every series",
		examples: ["index-vault list --store ./vault", "index-vault list --store ./vault --name my-index --json"]
	}
};
function commandHelp(command, about, usage, options) {
	const notes = COMMAND_NOTES[command];
	const rows = Object.keys(options).map((o) => {
		const h = OPTION_HELP[o];
		return `  ${`${options[o].short ? `-${options[o].short}, ` : ""}--${o}${h?.value ? ` ${h.value}` : ""}`.padEnd(34)}  ${o === "name" && notes?.name ? `the snapshot series; ${notes.name}` : h?.text ?? ""}`;
	});
	return [
		about,
		"",
		`Usage: ${usage}`,
		"",
		"Options:",
		...rows,
		"",
		"Examples:",
		...(notes?.examples ?? []).map((e) => `  ${e}`),
		""
	].join("\n");
}
// .bundle-in/cli/list.js
const listCommand = {
	usage: "index-vault list --store <dir> [--name N] [--json]",
	about: "List the snapshots in a store.",
	options: { ...COMMON },
	positionals: 0,
	run: (inv) => withStore(inv, runList)
};
async function runList({ values, store, name, out }) {
	const seriesList = name ? [await oneSeries(store, values, name, void 0)] : await listSeries(store);
	const rows = [];
	for (const s of seriesList) for (const sid of await listSnapshotIds(store, s)) try {
		const m = await loadManifestHead(store, s, sid);
		rows.push({
			series: s,
			id: sid,
			kind: m.kind,
			parent: m.parent?.id ?? null,
			files: m.totals.files,
			bytes: m.totals.bytes,
			storedBytes: m.totals.storedBytes,
			createdAt: m.createdAt
		});
	} catch (err) {
		rows.push({
			series: s,
			id: sid,
			error: isIndexVaultError(err) ? err.code : "E_INTEGRITY"
		});
	}
	const text = [[
		"SERIES",
		"ID",
		"KIND",
		"PARENT",
		"FILES",
		"BYTES",
		"STORED",
		"CREATED"
	].join("	"), ...rows.map((r) => "error" in r ? `${r.series}\t${r.id}\tunreadable (${r.error})` : [
		r.series,
		r.id,
		r.kind,
		r.parent ?? "-",
		r.files,
		formatBytes(r.bytes),
		formatBytes(r.storedBytes),
		r.createdAt
	].join("	"))].join("\n");
	out({
		ok: true,
		store: store.description,
		snapshots: rows
	}, rows.length === 0 ? `no snapshots in ${store.description}` : text);
	return 0;
}
// .bundle-in/cli/exit-codes.js
/** Exit codes by error code: scripts can tell "nothing to restore" from "the store is damaged". */
const EXIT_CODES = {
	E_VALIDATION: 2,
	E_NOT_FOUND: 3,
	E_INTEGRITY: 4,
	E_UNSAFE_ENTRY: 4,
	E_LOCKED: 5,
	E_IO: 6,
	E_PORTABILITY: 7,
	E_STORAGE: 8,
	E_CHANGED: 9,
	E_TARGET_NOT_EMPTY: 10,
	E_UNSUPPORTED: 11,
	E_ROLLBACK: 12,
	E_LANCE: 13,
	E_SIGNATURE: 14
};
// .bundle-in/cli/main-help.js
/** `index-vault` alone or `index-vault help`: every command in one line, the common options and the exit codes. */
function mainHelp(commands) {
	const lines = Object.entries(commands).map(([name, c]) => `  ${name.padEnd(8)} ${c.about}`);
	return [
		`index-vault ${TOOL_VERSION} — verified full snapshots of search indexes and other directories`,
		"",
		"Usage: index-vault <command> [options]   (index-vault <command> --help for its options)",
		"",
		"Commands:",
		...lines,
		"",
		"Common options: --store <dir|s3://bucket/prefix|azure://container/prefix> (or INDEX_VAULT_STORE),",
		"  --s3-endpoint URL, --s3-region R, --s3-path-style (S3-compatible services), --name <series>,",
		"  --backend local|cache|artifact (cache and artifact inside a GitHub Actions job; artifact also takes",
		"  --github-token, --run-id, --retention-days),",
		"  --json (one JSON object on stdout), --quiet, --verbose, --help",
		"",
		`Exit codes: 0 ok, ${Object.entries(EXIT_CODES).map(([c, n]) => `${n} ${c}`).join(", ")}, 1 other.`
	].join("\n");
}
// .bundle-in/engine/series-lease.js
/**
* Holds a lease on a whole series in the store itself — an object created with If-None-Match, so
* exactly one writer gets it on any store — for operations that delete (prune). A lease whose
* holder died expires after `ttlMs` and is then taken over.
*/
async function withSeriesLease(store, series, operation, fn, options = {}) {
	const logger = options.logger ?? silentLogger;
	const key = `${series}/lease.json`;
	const ttl = options.ttlMs ?? 18e5;
	const now = Date.now();
	const lease = {
		token: randomBytes(8).toString("hex"),
		operation,
		host: hostname(),
		pid: process.pid,
		acquiredAt: new Date(now).toISOString(),
		expiresAt: new Date(now + ttl).toISOString()
	};
	const body = Buffer.from(JSON.stringify(lease));
	const holder = async () => readAll(await store.get(key), 65536).then((b) => parseBoundedJson(b, "lease", 65536), () => void 0);
	const refuse = (held) => new LockedError(`series ${series} in ${store.description} is leased for ${held.operation} by pid ${held.pid} on ${held.host} since ${held.acquiredAt}`, {
		hint: `run again later; a dead holder's lease expires at ${held.expiresAt}`,
		details: { lease: held }
	});
	if (await store.exists(key)) {
		const held = await holder().catch(() => void 0);
		if (held && Date.parse(held.expiresAt) > Date.now()) throw refuse(held);
		logger.warn(`taking over an expired lease on ${series}${held ? ` (${held.operation} by pid ${held.pid} on ${held.host})` : ""}`);
		await store.delete(key);
	}
	for (let attempt = 0;; attempt++) try {
		await store.put(key, (async function* () {
			yield body;
		})(), { ifNoneMatch: true });
		break;
	} catch (err) {
		if (!isIndexVaultError(err, "E_STORAGE") || err.details.exists !== true || attempt > 0) throw err;
		const held = await holder().catch(() => void 0);
		if (held && Date.parse(held.expiresAt) > Date.now()) throw refuse(held);
		logger.warn(`taking over an expired lease on ${series}${held ? ` (${held.operation} by pid ${held.pid} on ${held.host})` : ""}`);
		await store.delete(key);
	}
	const forget = onStop(() => store.delete(key));
	try {
		return await fn();
	} finally {
		forget();
		await store.delete(key).catch((err) => logger.warn(`could not release the lease on ${series}: ${err.message}`));
	}
}
// .bundle-in/engine/prune.js
/** Creation time encoded in a snapshot id (`20261122T143501123Z-…`). */
function snapshotTime(id) {
	const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(id);
	return Date.UTC(+m[1], +m[2] - 1, +m[3], +m[4], +m[5], +m[6], +m[7]);
}
/**
* Deletes old snapshots of a series and the packs only they needed. Every manifest lists all the
* packs its snapshot needs (its own and those of the chain it builds on), so a pack is deleted
* only when no kept manifest lists it: a kept snapshot always stays restorable. Manifests go
* first, so a snapshot disappears whole before any of its packs do.
*/
async function prune(options) {
	if (options.dryRun) return pruneSeries(options);
	return withSeriesLease(options.store, options.series, "prune", () => pruneSeries(options), { logger: options.logger });
}
async function pruneSeries(options) {
	const logger = options.logger ?? silentLogger;
	if (!Number.isInteger(options.keepLast) || options.keepLast < 1) throw new ValidationError(`--keep-last must be a whole number of at least 1 (got ${options.keepLast})`, { hint: "the newest snapshot is always kept: it is what the next incremental builds on" });
	const within = options.keepWithinMs;
	if (within !== void 0 && !(typeof within === "number" && within >= 0)) throw new ValidationError(`--keep-within must be a duration of 0 or more (got ${String(within)})`, { hint: "give a duration such as 7d, 12h or 30m" });
	const now = (options.now ?? /* @__PURE__ */ new Date()).getTime();
	if (!Number.isFinite(now)) throw new ValidationError(`prune: 'now' is not a valid date`, { hint: "pass a Date that holds a time" });
	const ids = await listSnapshotIds(options.store, options.series);
	const keep = new Set(ids.slice(-options.keepLast));
	if (options.keepWithinMs !== void 0) {
		for (const id of ids) if (now - snapshotTime(id) <= options.keepWithinMs) keep.add(id);
	}
	const doomed = ids.filter((id) => !keep.has(id));
	const needed = /* @__PURE__ */ new Set();
	for (const id of keep) try {
		for (const p of (await loadManifestHead(options.store, options.series, id)).packs) needed.add(p.name);
	} catch (err) {
		throw new IntegrityError(`cannot read kept snapshot ${id} of ${options.series}, so nothing was pruned: ${isIndexVaultError(err) ? err.message : String(err)}`, {
			hint: "verify the stored snapshots and remove or repair that snapshot first",
			details: { remedy: "verify" },
			cause: err
		});
	}
	const doomedSet = new Set(doomed);
	const known = new Set(ids);
	const packsToDelete = (await options.store.list(`${options.series}/packs/`)).filter((o) => {
		const name = o.key.slice(`${options.series}/packs/`.length);
		if (needed.has(name)) return false;
		const origin = name.slice(0, 28);
		if (doomedSet.has(origin)) return true;
		if (known.has(origin)) return false;
		return (o.modified ? now - o.modified.getTime() : Infinity) > (options.orphanGraceMs ?? 36e5);
	});
	const result = {
		series: options.series,
		kept: ids.filter((id) => keep.has(id)),
		deleted: doomed,
		packsDeleted: packsToDelete.map((o) => o.key.slice(`${options.series}/packs/`.length)),
		bytesFreed: packsToDelete.reduce((n, o) => n + o.size, 0),
		dryRun: options.dryRun ?? false
	};
	if (options.dryRun) return result;
	await sweepStaleTemporaries(options.store, logger, now);
	for (const id of doomed) await options.store.delete(manifestKey(options.series, id));
	for (const id of doomed) await options.store.delete(signatureKey(options.series, id));
	for (const o of packsToDelete) await options.store.delete(o.key);
	logger.info(`pruned ${doomed.length} snapshot(s) and ${packsToDelete.length} pack(s) of ${options.series}, ${result.bytesFreed} bytes freed`);
	return result;
}
/** Parses `30m`, `12h`, `7d`, `2w` (or plain seconds) into milliseconds. */
function parseDuration(text) {
	const m = /^(\d+(?:\.\d+)?)\s*(s|m|h|d|w)?$/.exec(text.trim());
	if (!m) return void 0;
	const unit = {
		s: 1,
		m: 60,
		h: 3600,
		d: 86400,
		w: 604800
	}[m[2] ?? "s"];
	return Number(m[1]) * unit * 1e3;
}
// .bundle-in/cli/prune.js
const pruneCommand = {
	usage: "index-vault prune --store <dir> [--name N] --keep-last K [--keep-within DURATION] [--dry-run] [--json]",
	about: "Delete old snapshots and the packs only they needed; every kept snapshot stays restorable.",
	options: {
		...COMMON,
		"keep-last": { type: "string" },
		"keep-within": { type: "string" },
		"dry-run": { type: "boolean" }
	},
	positionals: 0,
	run: (inv) => withStore(inv, runPrune)
};
async function runPrune({ values, usage, store, name, logger, out }) {
	if (values["keep-last"] === void 0) throw new ValidationError("prune needs --keep-last K", { hint: `usage: ${usage}` });
	const keepLast = integer(values["keep-last"], "--keep-last");
	let keepWithinMs;
	if (values["keep-within"] !== void 0) {
		keepWithinMs = parseDuration(values["keep-within"]);
		if (keepWithinMs === void 0) throw new ValidationError(`invalid --keep-within ${JSON.stringify(values["keep-within"])}`, { hint: "give a duration such as 30m, 12h, 7d or 2w" });
	}
	const seriesList = name ? [await oneSeries(store, values, name, void 0)] : await listSeries(store);
	const results = [];
	for (const s of seriesList) results.push(await prune({
		store,
		series: s,
		keepLast,
		keepWithinMs,
		dryRun: values["dry-run"] === true,
		logger
	}));
	const verb = values["dry-run"] ? "would delete" : "deleted";
	out({
		ok: true,
		dryRun: values["dry-run"] === true,
		series: results
	}, results.map((r) => `${r.series}: ${verb} ${plural(r.deleted.length, "snapshot")} and ${plural(r.packsDeleted.length, "pack")}, ${formatBytes(r.bytesFreed)}; kept ${r.kept.length}${r.deleted.length ? `\n  ${r.deleted.join("\n  ")}` : ""}`).join("\n") || `no snapshots in ${store.description}`);
	return 0;
}
// .bundle-in/shared/remedy.js
/**
* What a user can do about an error, named by the engine in `details.remedy` and phrased by each
* caller in its own words: the CLI as flags (`src/cli/hints.ts`), the action as inputs
* (`src/action/hints.ts`), a library caller as options. The error's own `hint` says the same in
* neutral terms.
*/
const REMEDIES = [
	"force",
	"full-snapshot",
	"verify",
	"portability",
	"follow-links",
	"series",
	"store",
	"format-auto",
	"format-dir",
	"format-aware",
	"lock-wait",
	"no-deep-verify"
];
/** The remedy an error names, if it names one this version knows. */
function remedyOf(err) {
	const r = err.details.remedy;
	return typeof r === "string" && REMEDIES.includes(r) ? r : void 0;
}
// .bundle-in/cli/hints.js
/** Each remedy in the CLI's words: the flag or command that does it. */
const CLI = {
	force: () => "pass --force to replace it with the snapshot (files not in the snapshot are removed), or restore into an empty directory",
	"full-snapshot": () => "the chain is broken: restore another snapshot, or take a full snapshot (--mode full); `index-vault verify` shows which snapshots are affected",
	verify: (e) => `${e.hint ?? "the store is damaged"}: run \`index-vault verify\``,
	portability: () => "rename them, or pass --portability warn (or off) if the snapshot only needs to restore on this OS",
	"follow-links": () => "remove them, or pass --follow-links to store the content that links and hard links point to",
	series: (e) => `pass --name${e.hint?.startsWith("name the series; ") ? `; ${e.hint.slice(17)}` : ""}`,
	store: () => "check --store and --name (`index-vault list --store …` shows what is there)",
	"format-auto": () => "point at the index directory, or use --format auto",
	"format-dir": (e) => e.hint?.replace(/back it up as plain files$/, "back it up with --format dir") ?? "back it up with --format dir",
	"format-aware": () => "something is writing to the index; back up after the writer has finished (or use an index-aware --format)",
	"lock-wait": (e) => `wait for it to finish (or pass --wait SECONDS); if that process is gone its lock is taken over automatically${typeof e.details.lockFile === "string" ? `, or delete ${e.details.lockFile}` : ""}`,
	"no-deep-verify": (e) => e.hint?.replace(/without deep verification/, "without --deep-verify") ?? "restore without --deep-verify"
};
/** What to do about an error, in the CLI's flags; the error's own neutral hint where it names no remedy. */
function cliHint(err) {
	const remedy = remedyOf(err);
	return remedy ? CLI[remedy](err) : err.hint;
}
// .bundle-in/cli/report-error.js
/** One line on stderr (and, with --json, one object on stdout) for a failure; returns the exit code. */
function reportError(err, io, json) {
	if (isIndexVaultError(err)) {
		const [firstLine, ...more] = err.message.split("\n");
		const hint = cliHint(err);
		io.stderr.write(`index-vault: ${err.code}: ${firstLine}${hint ? ` (${hint})` : ""}\n`);
		if (more.length > 0 && !json) io.stderr.write(`${more.join("\n")}\n`);
		if (json) io.stdout.write(`${JSON.stringify({
			ok: false,
			error: {
				code: err.code,
				message: err.message,
				hint: hint ?? null
			}
		})}\n`);
		return EXIT_CODES[err.code] ?? 1;
	}
	const message = err instanceof Error ? err.message : String(err);
	io.stderr.write(`index-vault: unexpected error: ${message.split("\n")[0]} (please report it with the command you ran)\n`);
	if (json) io.stdout.write(`${JSON.stringify({
		ok: false,
		error: {
			code: "E_INTERNAL",
			message
		}
	})}\n`);
	return 1;
}
// .bundle-in/cli/restore.js
const restoreCommand = {
	usage: "index-vault restore <dir> --store <dir> [--name N] [--snapshot ID] [--only PATH|GLOB]... [--table NAME]... [--seed DIR]... [--force] [--deep-verify] [--no-reuse] [--no-hash-cache] [--wait SECONDS] [--signing-key [ID:]SECRET] [--allow-unsigned] [--json]",
	about: "Make a directory exactly a stored snapshot (the newest by default), or leave it as it was.",
	options: {
		...COMMON,
		snapshot: { type: "string" },
		force: {
			type: "boolean",
			short: "f"
		},
		"deep-verify": { type: "boolean" },
		"no-reuse": { type: "boolean" },
		"no-hash-cache": { type: "boolean" },
		only: {
			type: "string",
			multiple: true
		},
		table: {
			type: "string",
			multiple: true
		},
		seed: {
			type: "string",
			multiple: true
		},
		wait: { type: "string" },
		...SIGNING_OPTIONS
	},
	positionals: 1,
	run: (inv) => withStore(inv, runRestore, false, true)
};
async function runRestore(inv) {
	const { values, positionals, io, store, name, snapshot, waitMs, signing, logger, progress, out } = inv;
	const dir = positionals[0];
	const result = await restore({
		target: dir,
		store,
		series: await restoreSeries(store, values, name, snapshot, seriesNameFor(path.basename(path.resolve(dir)))),
		snapshot,
		force: values.force === true,
		deepVerify: values["deep-verify"] === true,
		reuse: values["no-reuse"] !== true,
		only: list(values, "only"),
		tables: list(values, "table"),
		seeds: list(values, "seed"),
		hashCache: values["no-hash-cache"] !== true,
		cacheDir: cacheDirFromEnv(io.env),
		lockWaitMs: waitMs,
		signing,
		logger,
		onProgress: progress?.report
	});
	progress?.done(true);
	out({
		ok: true,
		...withoutManifest(result)
	}, `restored snapshot ${result.id} of ${result.series} into ${path.resolve(dir)}: ${plural(result.files, "file")}, ${formatBytes(result.bytes)}${result.restoredPaths ? ` in ${plural(result.restoredPaths.length, "selected path")}` : ""}${result.reusedFiles ? ` (${plural(result.reusedFiles, "file")}, ${formatBytes(result.reusedBytes)} reused; ${formatBytes(result.fetchedBytes)} fetched)` : ""} in ${formatDuration(result.durationMs)}`);
	return 0;
}
/** A repeatable option's values; an empty one is refused rather than read as "everything". */
function list(values, flag) {
	const given = values[flag];
	if (given?.some((v) => v.trim() === "")) throw new ValidationError(`--${flag} is empty`, { hint: `give --${flag} a value, or leave it out` });
	return given;
}
/**
* GitHub's cache and artifact backends find objects by key prefix and cannot list a store whole,
* so there the series is --name or the directory's; elsewhere it is resolved from the store.
*/
async function restoreSeries(store, values, name, snapshot, fromTarget) {
	if (values.backend === "cache" || values.backend === "artifact") return name ?? fromTarget;
	return resolveSeries(store, {
		name,
		snapshot,
		fromTarget
	});
}
/** A result as the CLI prints it in --json: the manifest is what `list` and the store show, not a restore's report. */
function withoutManifest(result) {
	const { manifest: _manifest, ...rest } = result;
	return rest;
}
// .bundle-in/cli/verify.js
const verifyCommand = {
	usage: "index-vault verify --store <dir> [--name N] [--snapshot ID] [--signing-key [ID:]SECRET] [--allow-unsigned] [--json]",
	about: "Read every pack of a snapshot (all snapshots by default) and check every digest.",
	options: {
		...COMMON,
		snapshot: { type: "string" },
		...SIGNING_OPTIONS
	},
	positionals: 0,
	run: (inv) => withStore(inv, runVerify, false, true)
};
async function runVerify({ values, io, store, name, snapshot, signing, logger, progress, out }) {
	const seriesList = name || snapshot ? [await oneSeries(store, values, name, snapshot)] : await listSeries(store);
	if (seriesList.length === 0) throw notFoundInStore(store.description);
	const reports = [];
	const verifyLogger = {
		...logger,
		warn: logger.debug
	};
	for (const s of seriesList) reports.push(...await verifySeries(store, s, snapshot, {
		logger: verifyLogger,
		onProgress: progress?.report,
		signing
	}));
	progress?.done(true);
	const bad = reports.filter((r) => !r.ok);
	out({
		ok: bad.length === 0,
		snapshots: reports
	}, reports.map((r) => `${r.ok ? "ok  " : "FAIL"} ${r.series} ${r.id}${r.ok ? ` ${plural(r.files, "file")}, ${formatBytes(r.bytes)}` : ` ${r.error?.code}: ${r.error?.message}`}`).join("\n") + `\n${reports.length - bad.length} of ${plural(reports.length, "snapshot")} verified`);
	if (bad.length > 0) {
		if (bad.every((r) => r.error?.code === "E_SIGNATURE")) {
			io.stderr.write(`index-vault: E_SIGNATURE: ${bad.length} of ${plural(reports.length, "snapshot")} not signed with a configured key (first: ${bad[0].series} ${bad[0].id}; see the report on stdout)\n`);
			return EXIT_CODES.E_SIGNATURE;
		}
		io.stderr.write(`index-vault: E_INTEGRITY: ${bad.length} of ${plural(reports.length, "snapshot")} failed verification (first: ${bad[0].series} ${bad[0].id}; see the report on stdout)\n`);
		return EXIT_CODES.E_INTEGRITY;
	}
	return 0;
}
function notFoundInStore(where) {
	return Object.assign(new ValidationError(`no snapshots in ${where}`, { hint: "check --store" }), { code: "E_NOT_FOUND" });
}
// .bundle-in/cli/version.js
/** `index-vault --version`: the version alone, for scripts. */
function runVersion(io) {
	io.stdout.write(`${TOOL_VERSION}\n`);
	return 0;
}
// .bundle-in/cli/run.js
/** The commands, in the order help lists them. */
const COMMANDS = {
	backup: backupCommand,
	restore: restoreCommand,
	verify: verifyCommand,
	prune: pruneCommand,
	guard: guardCommand,
	list: listCommand,
	diff: diffCommand
};
/** Runs the CLI and returns its exit code; all output goes through `io`. */
async function runCli(argv, io) {
	const [first, ...rest] = argv;
	if (first === void 0 || first === "help" || first === "--help" || first === "-h") {
		io.stdout.write(`${mainHelp(COMMANDS)}\n`);
		return first === void 0 ? 2 : 0;
	}
	if (first === "--version" || first === "-V") return runVersion(io);
	let json = rest.includes("--json");
	try {
		if (!Object.hasOwn(COMMANDS, first)) {
			const guess = didYouMean(first, Object.keys(COMMANDS));
			throw new ValidationError(`unknown command ${JSON.stringify(first)}${guess ? ` (did you mean ${guess}?)` : ""}`, { hint: `use one of: ${Object.keys(COMMANDS).join(", ")}` });
		}
		const command = first;
		const spec = COMMANDS[command];
		const dashes = rest.indexOf("--");
		const ownArgs = command === "guard" && dashes >= 0 ? rest.slice(0, dashes) : rest;
		const guarded = command === "guard" && dashes >= 0 ? rest.slice(dashes + 1) : [];
		let parsed;
		try {
			parsed = parseArgs({
				args: ownArgs,
				options: spec.options,
				allowPositionals: true,
				strict: true
			});
		} catch (err) {
			throw argumentError(err, spec.options, command);
		}
		const values = parsed.values;
		json = values.json === true;
		if (values.help) {
			io.stdout.write(commandHelp(command, spec.about, spec.usage, spec.options));
			return 0;
		}
		const n = parsed.positionals.length;
		if (n > spec.positionals || n < (spec.minPositionals ?? spec.positionals)) {
			const wanted = spec.minPositionals !== void 0 ? `${command} takes at most ${spec.positionals === 2 ? "two snapshots" : spec.positionals}` : spec.positionals === 1 ? `${command} needs one directory argument` : `${command} takes no positional arguments`;
			throw new ValidationError(wanted, { hint: `usage: ${spec.usage}` });
		}
		const logger = cliLogger(values, io, json);
		return await spec.run({
			command,
			usage: spec.usage,
			values,
			positionals: parsed.positionals,
			guarded,
			io,
			logger,
			json
		});
	} catch (err) {
		return reportError(err, io, json);
	}
}
export { EXIT_CODES, runCli };
