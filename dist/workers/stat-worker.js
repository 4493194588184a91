import { parentPort } from "node:worker_threads";
import fs from "node:fs";
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
/** Claims names and writes their rows until none is left (on either thread, or both at once). */
function statClaims(b) {
	while (claimBlock(b));
}
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
		st = fs.lstatSync(abs, {
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
// .bundle-in/workers/stat-worker.js
/**
* The walk's stat helper: lstat's the names of a big directory alongside the walk (stat-rows.ts),
* a message per directory. Started by stat-helper.ts.
*/
parentPort.on("message", (m) => {
	const batch = {
		ctrl: new Int32Array(m.ctrl),
		rows: new BigInt64Array(m.rows),
		prefix: m.prefix,
		names: m.names
	};
	try {
		statClaims(batch);
	} catch {}
});
export {};
