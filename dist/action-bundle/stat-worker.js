import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ /* webpack/runtime/compat */
/******/ 
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = new URL('.', import.meta.url).pathname.slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/************************************************************************/
var __webpack_exports__ = {};

;// CONCATENATED MODULE: external "node:worker_threads"
const external_node_worker_threads_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");
;// CONCATENATED MODULE: external "node:fs"
const external_node_fs_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");
;// CONCATENATED MODULE: ./.bundle-in/workers/stat-rows.js

/**
 * The lstat of a directory's names, shared by the walk and its helper thread (stat-helper.ts):
 * both claim names a few at a time from one cursor and write each one's row, so the helper takes
 * whatever the walk has not reached yet, and the walk never waits on a row no one has begun.
 * One implementation runs on both threads.
 */
/** Control words (Int32): the next name to claim, and how many names have their row. */
const CURSOR = 0;
const DONE = 1;
const CONTROL_WORDS = 2;
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
const ROW = 10;
/** A row's status: its stat, the name gone since it was listed, or a failure the walk raises itself. */
const STAT_OK = 1n;
const STAT_GONE = 2n;
const STAT_FAILED = 3n;
/** Names claimed at a time: few, so the last claims of a directory end close together. */
const CLAIM = 8;
/** Claims names and writes their rows until none is left (on either thread, or both at once). */
function statClaims(b) {
    while (claimBlock(b))
        ;
}
/**
 * Claims the next few names and writes their rows; false when none was left. A claim always
 * ends counted, each row written or marked for the walk to stat itself, so no one waits on a
 * row that will not come. A row's status is stored last, atomically: once it reads as set, the
 * rest of the row is there.
 */
function claimBlock(b) {
    const n = b.names.length;
    const start = Atomics.add(b.ctrl, CURSOR, CLAIM);
    if (start >= n)
        return false;
    const end = Math.min(n, start + CLAIM);
    let i = start;
    try {
        for (; i < end; i++)
            writeRow(b.rows, i, b.prefix + b.names[i]);
    }
    finally {
        for (; i < end; i++)
            Atomics.store(b.rows, i * ROW + STATUS, STAT_FAILED);
        Atomics.add(b.ctrl, DONE, end - start);
        Atomics.notify(b.ctrl, DONE);
    }
    return true;
}
const KINDS = (/* unused pure expression or super */ null && (['other', 'symlink', 'dir', 'file', 'fifo', 'socket', 'char', 'block']));
/** The kind as Node's own stat methods tell it (so the row says exactly what they would). */
function kindOf(st) {
    if (st.isSymbolicLink())
        return 1;
    if (st.isDirectory())
        return 2;
    if (st.isFile())
        return 3;
    if (st.isFIFO())
        return 4;
    if (st.isSocket())
        return 5;
    if (st.isCharacterDevice())
        return 6;
    if (st.isBlockDevice())
        return 7;
    return 0;
}
function writeRow(rows, i, abs) {
    const at = i * ROW;
    let st;
    try {
        st = external_node_fs_namespaceObject.lstatSync(abs, { bigint: true, throwIfNoEntry: false });
    }
    catch {
        Atomics.store(rows, at + STATUS, STAT_FAILED); // the walk stats it again, and raises what it gets
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
class RowStat {
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
        const at = i * ROW;
        this.kind = KINDS[Number(rows[at + KIND])];
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
        return this.kind === 'symlink';
    }
    isDirectory() {
        return this.kind === 'dir';
    }
    isFile() {
        return this.kind === 'file';
    }
    isFIFO() {
        return this.kind === 'fifo';
    }
    isSocket() {
        return this.kind === 'socket';
    }
    isCharacterDevice() {
        return this.kind === 'char';
    }
    isBlockDevice() {
        return this.kind === 'block';
    }
}
/** Row `i`'s status (0n: not written yet). */
function rowStatus(rows, i) {
    return Atomics.load(rows, i * ROW + STATUS);
}

;// CONCATENATED MODULE: ./.bundle-in/workers/stat-worker.js
/**
 * The walk's stat helper: lstat's the names of a big directory alongside the walk (stat-rows.ts),
 * a message per directory. Started by stat-helper.ts.
 */


external_node_worker_threads_namespaceObject.parentPort.on('message', (m) => {
    const batch = { ctrl: new Int32Array(m.ctrl), rows: new BigInt64Array(m.rows), prefix: m.prefix, names: m.names };
    try {
        statClaims(batch);
    }
    catch {
        // Whatever is left unclaimed is the walk's to stat: it takes every claim this thread does not.
    }
});

