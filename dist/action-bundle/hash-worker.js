import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ /* webpack/runtime/compat */
/******/ 
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = new URL('.', import.meta.url).pathname.slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:crypto"
const external_node_crypto_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: ./.bundle-in/workers/whole-file-hash.js


/**
 * How a backup opens a file its scan found, to read it: never waiting on a FIFO or device that took
 * the file's name since (O_NONBLOCK, which changes nothing for a regular file; none on Windows). What
 * was opened is then refused by its stat (fs-safety/scanned-file.ts), without a read that never ends.
 */
const SCANNED_READ_FLAGS = external_node_fs_namespaceObject.constants.O_RDONLY | (external_node_fs_namespaceObject.constants.O_NONBLOCK ?? 0);
/**
 * A whole file's sha256 and size, read with plain system calls into `buf`; its stat once read (of
 * the open file, after the last byte) is appended to `stamps`: size, mtime and ctime in ns, inode.
 * Equal to the scan's, that stat proves the hash is of the content the scan saw (hash-cache.ts):
 * a hashing thread and the main thread both take the proof here.
 */
function hashWholeFile(file, buf, stamps) {
    const fd = external_node_fs_namespaceObject.openSync(file, SCANNED_READ_FLAGS);
    try {
        const h = (0,external_node_crypto_namespaceObject.createHash)('sha256');
        let size = 0;
        for (let n; (n = external_node_fs_namespaceObject.readSync(fd, buf, 0, buf.length, null)) > 0; size += n)
            h.update(buf.subarray(0, n));
        const st = external_node_fs_namespaceObject.fstatSync(fd, { bigint: true });
        // The inode of what is not a regular file (a FIFO that took the name) is given as -1: never the scan's (isScannedFile).
        stamps.push(st.size, st.mtimeNs, st.ctimeNs, st.isFile() ? st.ino : -1n);
        return { sha256: h.digest('hex'), size };
    }
    finally {
        external_node_fs_namespaceObject.closeSync(fd);
    }
}

;// CONCATENATED MODULE: ./.bundle-in/workers/hash-worker.js
/**
 * A hash worker: sha256 off the main thread, which otherwise runs it on one core however many
 * there are. Hashes whole files, a batch per message (an incremental backup's scan), and ranges
 * read into frames of shared memory (a backup's large files, read once, hashed where they land
 * and compressed from the same place). Started by hash-workers.ts and read-hasher.ts; speaks
 * hash-protocol.ts.
 */




const port = external_node_worker_threads_namespaceObject.parentPort;
const buf = Buffer.allocUnsafe(4 * 1024 * 1024);
const hashes = new Map();
const hash_worker_frames = [];
/** Whole files, in order, up to the first that fails: a message each way per batch, not per file. */
function hashBatch(m) {
    const sums = { sha256: [], size: [], stamps: [] };
    for (let i = 0; i < m.files.length; i++) {
        try {
            const { sha256, size } = hashWholeFile(m.files[i], buf, sums.stamps);
            sums.sha256.push(sha256);
            sums.size.push(size);
        }
        catch (err) {
            const e = err;
            return { id: m.id, failed: i, error: { code: e.code, message: e.message, syscall: e.syscall } };
        }
    }
    return { id: m.id, sums };
}
function readInto(m) {
    const into = hash_worker_frames[m.frame].subarray(m.offset, m.offset + m.length);
    let got = 0;
    while (got < m.length) {
        const n = external_node_fs_namespaceObject.readSync(m.fd, into, got, m.length - got, m.position + got);
        if (n === 0)
            break;
        got += n;
    }
    let h = hashes.get(m.hash);
    if (!h)
        hashes.set(m.hash, (h = (0,external_node_crypto_namespaceObject.createHash)('sha256')));
    h.update(into.subarray(0, got));
    return got;
}
function answer(m) {
    if (m.op === 'files')
        return hashBatch(m);
    if (m.op === 'read')
        return { id: m.id, got: readInto(m) };
    const h = hashes.get(m.hash) ?? (0,external_node_crypto_namespaceObject.createHash)('sha256');
    hashes.delete(m.hash);
    return { id: m.id, sha256: m.op === 'digest' ? h.digest('hex') : '' };
}
port.on('message', (m) => {
    if (m.op === 'frame') {
        hash_worker_frames[m.frame] = Buffer.from(m.sab);
        return;
    }
    let reply;
    try {
        reply = answer(m);
    }
    catch (err) {
        const e = err;
        reply = { id: m.id, error: { code: e.code, message: e.message, syscall: e.syscall } };
    }
    port.postMessage(reply);
});

