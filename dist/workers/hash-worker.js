import { createHash } from "node:crypto";
import fs from "node:fs";
import { parentPort } from "node:worker_threads";
// .bundle-in/workers/whole-file-hash.js
/**
* How a backup opens a file its scan found, to read it: never waiting on a FIFO or device that took
* the file's name since (O_NONBLOCK, which changes nothing for a regular file; none on Windows). What
* was opened is then refused by its stat (fs-safety/scanned-file.ts), without a read that never ends.
*/
const SCANNED_READ_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);
/**
* A whole file's sha256 and size, read with plain system calls into `buf`; its stat once read (of
* the open file, after the last byte) is appended to `stamps`: size, mtime and ctime in ns, inode.
* Equal to the scan's, that stat proves the hash is of the content the scan saw (hash-cache.ts):
* a hashing thread and the main thread both take the proof here.
*/
function hashWholeFile(file, buf, stamps) {
	const fd = fs.openSync(file, SCANNED_READ_FLAGS);
	try {
		const h = createHash("sha256");
		let size = 0;
		for (let n; (n = fs.readSync(fd, buf, 0, buf.length, null)) > 0; size += n) h.update(buf.subarray(0, n));
		const st = fs.fstatSync(fd, { bigint: true });
		stamps.push(st.size, st.mtimeNs, st.ctimeNs, st.isFile() ? st.ino : -1n);
		return {
			sha256: h.digest("hex"),
			size
		};
	} finally {
		fs.closeSync(fd);
	}
}
// .bundle-in/workers/hash-worker.js
/**
* A hash worker: sha256 off the main thread, which otherwise runs it on one core however many
* there are. Hashes whole files, a batch per message (an incremental backup's scan), and ranges
* read into frames of shared memory (a backup's large files, read once, hashed where they land
* and compressed from the same place). Started by hash-workers.ts and read-hasher.ts; speaks
* hash-protocol.ts.
*/
const port = parentPort;
const buf = Buffer.allocUnsafe(4194304);
const hashes = /* @__PURE__ */ new Map();
const frames = [];
/** Whole files, in order, up to the first that fails: a message each way per batch, not per file. */
function hashBatch(m) {
	const sums = {
		sha256: [],
		size: [],
		stamps: []
	};
	for (let i = 0; i < m.files.length; i++) try {
		const { sha256, size } = hashWholeFile(m.files[i], buf, sums.stamps);
		sums.sha256.push(sha256);
		sums.size.push(size);
	} catch (err) {
		const e = err;
		return {
			id: m.id,
			failed: i,
			error: {
				code: e.code,
				message: e.message,
				syscall: e.syscall
			}
		};
	}
	return {
		id: m.id,
		sums
	};
}
function readInto(m) {
	const into = frames[m.frame].subarray(m.offset, m.offset + m.length);
	let got = 0;
	while (got < m.length) {
		const n = fs.readSync(m.fd, into, got, m.length - got, m.position + got);
		if (n === 0) break;
		got += n;
	}
	let h = hashes.get(m.hash);
	if (!h) hashes.set(m.hash, h = createHash("sha256"));
	h.update(into.subarray(0, got));
	return got;
}
function answer(m) {
	if (m.op === "files") return hashBatch(m);
	if (m.op === "read") return {
		id: m.id,
		got: readInto(m)
	};
	const h = hashes.get(m.hash) ?? createHash("sha256");
	hashes.delete(m.hash);
	return {
		id: m.id,
		sha256: m.op === "digest" ? h.digest("hex") : ""
	};
}
port.on("message", (m) => {
	if (m.op === "frame") {
		frames[m.frame] = Buffer.from(m.sab);
		return;
	}
	let reply;
	try {
		reply = answer(m);
	} catch (err) {
		const e = err;
		reply = {
			id: m.id,
			error: {
				code: e.code,
				message: e.message,
				syscall: e.syscall
			}
		};
	}
	port.postMessage(reply);
});
export {};
