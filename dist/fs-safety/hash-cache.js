import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { onStop } from '../shared/interrupt.js';
import { isWithin } from './placement.js';
import { resolvedPath } from './real-path.js';
import { makePrivateDir, PRIVATE_FILE_MODE } from './private-files.js';
import { StampTable } from './stamp-table.js';
import { COLUMNS, CTIME, cacheFilePieces, decodeCacheFile, encodeCacheFile, fitsInt64, INO, MTIME, RECORDED_AT, SIZE, storablePath, CachePaths, } from './hash-cache-file.js';
import { comparePaths } from '../snapshot/entry-path.js';
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
export const RACY_NS = 100000000n;
/** The same for timestamps with whole seconds only: at least two of their ticks (FAT's is 2 s). */
const COARSE_RACY_NS = 2000000000n;
const NS_PER_S = 1000000000n;
/** Wall-clock now in ns: the clock the kernel stamps files with (a monotonic clock would not compare). */
export function nowNs() {
    return BigInt(Date.now()) * 1000000n;
}
/** The racy window for a file: whole-second ctimes say the filesystem keeps no finer time. */
function racyWindow(ctimeNs) {
    return ctimeNs % NS_PER_S === 0n ? COARSE_RACY_NS : RACY_NS;
}
/** Whether a stat recorded at `recordedAtNs` was old enough then that no later write can hide behind it. */
export function isClean(stamp, recordedAtNs) {
    return cleanTimes(stamp.ctimeNs, stamp.mtimeNs, recordedAtNs);
}
function cleanTimes(ctimeNs, mtimeNs, recordedAtNs) {
    // A ctime of 0 means the filesystem keeps none: nothing but mtime would reveal a write.
    if (ctimeNs === 0n)
        return false;
    const newest = ctimeNs > mtimeNs ? ctimeNs : mtimeNs;
    return recordedAtNs - newest >= racyWindow(ctimeNs);
}
export function sameStamp(a, b) {
    return a.size === b.size && a.mtimeNs === b.mtimeNs && a.ctimeNs === b.ctimeNs && a.ino === b.ino;
}
/** The trust rule (see the top of this file): the recorded hash holds for a file with `current` stat. */
export function isTrusted(recorded, recordedAtNs, current) {
    return sameStamp(recorded, current) && isClean(recorded, recordedAtNs);
}
export function stampOf(st) {
    return { size: st.size, mtimeNs: st.mtimeNs, ctimeNs: st.ctimeNs, ino: st.ino };
}
/** Where the cache lives when the caller names no directory; tests point it elsewhere (see `useDefaultCacheDir`). */
let fallbackDir;
/**
 * The library's default cache directory: `~/.cache/index-vault` (Windows: `~/AppData/Local/index-vault`),
 * or undefined without a home directory. No environment variable is read here: the CLI and the
 * action read `INDEX_VAULT_CACHE_DIR` and friends (`cacheDirFromEnv`) and pass the directory.
 */
export function defaultCacheDir() {
    if (fallbackDir !== undefined)
        return fallbackDir;
    let home;
    try {
        home = os.homedir();
    }
    catch {
        return undefined;
    }
    if (!home)
        return undefined;
    return process.platform === 'win32' ? path.join(home, 'AppData', 'Local', 'index-vault') : path.join(home, '.cache', 'index-vault');
}
/** Makes `dir` the default of every later backup and restore that names none (a test harness keeps the real home clean). */
export function useDefaultCacheDir(dir) {
    fallbackDir = path.resolve(dir);
}
/** `INDEX_VAULT_CACHE_DIR`, else the platform's per-user cache directory from the given environment: what the CLI and the action pass. */
export function cacheDirFromEnv(env) {
    if (env.INDEX_VAULT_CACHE_DIR)
        return path.resolve(env.INDEX_VAULT_CACHE_DIR);
    if (process.platform === 'win32' && env.LOCALAPPDATA)
        return path.join(env.LOCALAPPDATA, 'index-vault');
    if (env.XDG_CACHE_HOME && path.isAbsolute(env.XDG_CACHE_HOME))
        return path.join(env.XDG_CACHE_HOME, 'index-vault');
    return defaultCacheDir();
}
/** The cache file of a tree: one per absolute root path, named by its hash (paths may be long or odd). */
export function cacheFileFor(root, dir) {
    return path.join(dir, `${createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 32)}.bin`);
}
/**
 * The cache file of the tree at `root` in `cacheDir`, or undefined: no directory, or one inside the
 * tree (kept there, the cache would change the tree it is about and be erased by a restore; `warn`
 * is told so). What HashCache.open uses, and what a restore prepares for before it opens one.
 */
export function usableCacheFile(root, cacheDir, warn) {
    if (cacheDir === undefined)
        return undefined;
    const abs = path.resolve(root);
    const dir = path.resolve(cacheDir);
    if (isWithin(resolvedPath(dir), resolvedPath(abs))) {
        warn?.(`the hash cache directory ${dir} is inside ${abs}: not using it (choose a cache directory outside, e.g. with INDEX_VAULT_CACHE_DIR)`);
        return undefined;
    }
    return cacheFileFor(abs, dir);
}
/** Where the low and the high 32 bits of a 64-bit integer are, as 32-bit words of this machine. */
const LO = os.endianness() === 'LE' ? 0 : 1;
const HI = 1 - LO;
/**
 * `cleanTimes` of the 64-bit integers at word offsets `c` (ctime) and `m` (mtime) of `w`, recorded
 * at the time whose high (signed) and low words are `rHi` and `rLo`, without a BigInt: recorded −
 * newest as high and low word differences, exact in a double while the high words are less than
 * 2^20 apart (and far past either window otherwise). Undefined when the answer hangs on the
 * window (between RACY_NS and COARSE_RACY_NS): `cleanTimes` decides.
 */
function cleanByWords(w, c, m, rHi, rLo) {
    if (w[c + LO] === 0 && w[c + HI] === 0)
        return false;
    const dh = rHi - (w[newestOf(w, c, m) + HI] | 0);
    if (dh >= 2 ** 20)
        return true;
    if (dh <= -(2 ** 20))
        return false;
    const diff = dh * 2 ** 32 + (rLo - w[newestOf(w, c, m) + LO]);
    if (diff >= Number(COARSE_RACY_NS))
        return true;
    if (diff < Number(RACY_NS))
        return false;
    return undefined;
}
/** The word offset of the later of the 64-bit integers at `c` and `m`. */
function newestOf(w, c, m) {
    const ch = w[c + HI] | 0;
    const mh = w[m + HI] | 0;
    return mh > ch || (mh === ch && w[m + LO] > w[c + LO]) ? m : c;
}
/**
 * How many ns after the time with words `sHi`, `sLo` the stamp whose ctime and mtime are at `c`
 * and `m` of `w` becomes clean (see cleanTimes), without a BigInt; -Infinity when it never will
 * (no ctime) or was long ago, Infinity when it is far off. Exact while within 2^52 ns; undefined
 * for a ctime before 1970, whose whole seconds `cleanDelayOf` tells.
 */
function cleanDelayByWords(w, c, m, sHi, sLo) {
    if (w[c + LO] === 0 && w[c + HI] === 0)
        return -Infinity;
    const hi = w[c + HI] | 0;
    if (hi < 0)
        return undefined;
    const n = newestOf(w, c, m);
    const dh = (w[n + HI] | 0) - sHi;
    if (dh >= 2 ** 20)
        return Infinity;
    if (dh <= -(2 ** 20))
        return -Infinity;
    // A whole-second ctime (see racyWindow): its remainder by 10^9, from the words in exact steps.
    const coarse = ((((((hi % 1e9) * 65536) % 1e9) * 65536) % 1e9) + w[c + LO]) % 1e9 === 0;
    return dh * 2 ** 32 + (w[n + LO] - sLo) + Number(coarse ? COARSE_RACY_NS : RACY_NS);
}
/** Where the run of consecutive rows that starts at `from[i]` (a kept row) ends: the first index past it. */
function runEnd(from, i) {
    let j = i + 1;
    while (j < from.length && from[j] === from[j - 1] + 1)
        j++;
    return j;
}
/** A hash as 64 hex digits, from those or from its 32 bytes. */
function hexOf(sha256) {
    return typeof sha256 === 'string' ? sha256 : Buffer.from(sha256.buffer, sha256.byteOffset, sha256.length).toString('hex');
}
/** `cleanDelayByWords` of a stamp as BigInts. */
function cleanDelayOf(s, startNs) {
    if (s.ctimeNs === 0n)
        return -Infinity;
    return Number((s.ctimeNs > s.mtimeNs ? s.ctimeNs : s.mtimeNs) + racyWindow(s.ctimeNs) - startNs);
}
/** Where a 64-bit integer is split into words, one at a time. */
const WORD_SCRATCH = new BigInt64Array(1);
const WORD_SCRATCH_WORDS = new Uint32Array(WORD_SCRATCH.buffer);
const SHA256 = /^[0-9a-f]{64}$/;
/** Word offsets of mtime and ctime in a row of a StampTable's words. */
const TABLE_MTIME = 2;
const TABLE_CTIME = 4;
/** The columns a stamp is compared with, in FileStamp's order. */
const COMPARED = [SIZE, MTIME, CTIME, INO];
/** Larger than any cache of a tree a snapshot can hold: a file past it is not read. */
const MAX_FILE_BYTES = 512 * 1024 * 1024;
const EMPTY = { paths: CachePaths.EMPTY, nums: new BigInt64Array(0), sha256: Buffer.alloc(0) };
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
    const clean = cleanByWords(table.words, 8 * at + TABLE_CTIME, 8 * at + TABLE_MTIME, WORD_SCRATCH_WORDS[HI] | 0, WORD_SCRATCH_WORDS[LO]) ??
        isClean(table.get(at), recordedAtNs);
    const sha = typeof sha256 === 'string' ? SHA256.test(sha256) : sha256.length === 32;
    return clean && sha && storablePath(rel);
}
export class HashCache {
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
    added = new Map();
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
    current = new BigInt64Array(4);
    currentWords = new Uint32Array(this.current.buffer);
    changed = false;
    constructor(root, 
    /** The cache's file; undefined when no cache directory can be used (the record of the last snapshot goes beside it). */
    file, loaded, logger, rows = 256) {
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
        if (file === undefined) {
            logger.debug('hash cache: no cache directory; every file will be read');
            return new HashCache(abs, undefined, EMPTY, logger);
        }
        if (fresh) {
            const cache = new HashCache(abs, file, EMPTY, logger, rows);
            cache.changed = true;
            return cache;
        }
        let loaded = EMPTY;
        try {
            loaded = decodeCacheFile(await readBounded(file), abs);
            logger.debug(`hash cache: ${loaded.paths.length} entries from ${file}`);
        }
        catch (err) {
            const code = err.code;
            logger.debug(`hash cache: ${code === 'ENOENT' ? 'none yet' : `ignoring ${file} (${err.message})`}`);
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
        if (row === undefined || !this.sameAsRow(row, current))
            return undefined;
        // Equal stamps: the current one's bigints stand for the recorded one in the clean test.
        if (!isClean(current, this.loaded.nums[RECORDED_AT * this.loaded.paths.length + row]))
            return undefined;
        this.keep(row);
        return this.loaded.sha256.toString('hex', row * 32, row * 32 + 32);
    }
    /**
     * `lookup` for the stamp in row `at` of a scan's table, compared word for word: no BigInt or
     * object is made for a file whose stamp differs from the recorded one.
     */
    lookupRow(rel, table, at) {
        if (table.isWide(at))
            return this.lookup(rel, table.get(at));
        const row = this.rowOf(rel);
        if (row === undefined)
            return undefined;
        const n = this.loaded.paths.length;
        const { words } = this;
        const current = table.words;
        for (let k = 0; k < 4; k++) {
            const i = 2 * (COMPARED[k] * n + row);
            if (words[i] !== current[8 * at + 2 * k] || words[i + 1] !== current[8 * at + 2 * k + 1])
                return undefined;
        }
        // Equal stamps: the recorded times stand for the current ones in the clean test.
        const r = 2 * (RECORDED_AT * n + row);
        const clean = cleanByWords(words, 2 * (CTIME * n + row), 2 * (MTIME * n + row), words[r + HI] | 0, words[r + LO]);
        const { nums } = this.loaded;
        if (!(clean ?? cleanTimes(nums[CTIME * n + row], nums[MTIME * n + row], nums[RECORDED_AT * n + row])))
            return undefined;
        this.keep(row);
        return this.loaded.sha256.toString('hex', row * 32, row * 32 + 32);
    }
    /** The loaded row of `rel`, if any (see `cursor`). */
    rowOf(rel) {
        if (this.byPath !== undefined)
            return this.byPath.get(rel);
        const { paths } = this.loaded;
        if (this.lastLookup === undefined && !paths.ascending())
            return this.everyPath().get(rel);
        // A lookup before the last one (a second pass over the tree) moves the cursor back by a binary search.
        if (this.lastLookup !== undefined && comparePaths(rel, this.lastLookup) < 0) {
            this.cursor = paths.seek(rel);
            this.cursorPath = undefined;
        }
        this.lastLookup = rel;
        while (this.cursor < paths.length) {
            const here = (this.cursorPath ??= paths.at(this.cursor));
            const order = comparePaths(here, rel);
            if (order === 0)
                return this.cursor;
            if (order > 0)
                return undefined;
            this.cursorPath = ++this.cursor < paths.length ? paths.at(this.cursor) : undefined;
        }
        return undefined;
    }
    /** Every loaded path's row (the last of a path that is there twice). */
    everyPath() {
        if (this.byPath === undefined) {
            const { paths } = this.loaded;
            this.byPath = new Map();
            for (let row = 0; row < paths.length; row++)
                this.byPath.set(paths.at(row), row);
            this.logger.debug('hash cache: its paths are not in order (an older file); looking paths up in a map');
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
        if (!fitsInt64(size) || !fitsInt64(mtimeNs) || !fitsInt64(ctimeNs) || !fitsInt64(ino))
            return false;
        const c = this.current;
        c[0] = size;
        c[1] = mtimeNs;
        c[2] = ctimeNs;
        c[3] = ino;
        const n = this.loaded.paths.length;
        const { words, currentWords } = this;
        for (let k = 0; k < 4; k++) {
            const at = 2 * (COMPARED[k] * n + row);
            if (words[at] !== currentWords[2 * k] || words[at + 1] !== currentWords[2 * k + 1])
                return false;
        }
        return true;
    }
    /**
     * Remembers the hash of content read after `recordedAtNs` from a file whose stat was `stamp`
     * before and after the read. Racy stats are left out: they could never be trusted. So are the
     * rare ones the file cannot hold exactly (numbers past 64 bits, paths with a NUL or a lone surrogate).
     */
    record(rel, stamp, sha256, recordedAtNs) {
        if (!isClean(stamp, recordedAtNs))
            return false;
        const { size, mtimeNs, ctimeNs, ino } = stamp;
        if (!fitsInt64(size) || !fitsInt64(mtimeNs) || !fitsInt64(ctimeNs) || !fitsInt64(ino) || !fitsInt64(recordedAtNs))
            return false;
        if (!SHA256.test(sha256) || !storablePath(rel))
            return false;
        this.added.set(rel, this.recorded.add(stamp, sha256, recordedAtNs));
        this.changed = true;
        return true;
    }
    /**
     * `record` for the stamp in row `at` of `table`, tested and copied as words: no BigInt or
     * object per file (a restore records every file it wrote).
     */
    recordRow(rel, table, at, sha256, recordedAtNs) {
        if (table.isWide(at) || !fitsInt64(recordedAtNs))
            return this.record(rel, table.get(at), hexOf(sha256), recordedAtNs);
        if (!recordable(rel, table, at, sha256, recordedAtNs))
            return false;
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
        if (!this.file)
            return 0;
        let recorded = 0;
        // What the stream cannot merge (records made before, a file out of order): the rows go through `added`.
        if (this.added.size > 0 || (this.keptCount > 0 && !this.loaded.paths.ascending()) || !fitsInt64(recordedAtNs)) {
            for (let i = 0; i < read.count; i++) {
                const sha = read.sha256(i);
                if (sha && this.recordRow(read.path(i), read.table(i), read.stampRow(i), sha, recordedAtNs))
                    recorded++;
            }
            await this.save();
            return recorded;
        }
        let rows;
        try {
            [rows, recorded] = this.mergedRows(read, recordedAtNs);
        }
        catch (err) {
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
        // Typed and sized once: a million files' rows in 4 MB, not a growing array's 8-16.
        let taken = 0;
        const all = new Int32Array(read.count);
        for (let i = 0; i < read.count; i++) {
            const sha = read.sha256(i);
            if (!sha)
                continue;
            const table = read.table(i);
            const at = read.stampRow(i);
            if (!table.isWide(at) && recordable(read.path(i), table, at, sha, recordedAtNs))
                all[taken++] = i;
        }
        const take = all.subarray(0, taken);
        const recordedAt = new BigInt64Array([recordedAtNs]);
        const recordedWords = new Uint32Array(recordedAt.buffer);
        const rows = this.merged({
            count: take.length,
            path: (k) => read.path(take[k]),
            column: (k, c, words, w) => {
                const i = take[k];
                // A stamp row's words are its size, mtime, ctime and inode: the first four columns, in order.
                const [src, s] = c === RECORDED_AT ? [recordedWords, 0] : [read.table(i).words, 8 * read.stampRow(i) + 2 * c];
                words[w] = src[s];
                words[w + 1] = src[s + 1];
            },
            sha256: (k, out, at) => {
                const sha = read.sha256(take[k]);
                if (typeof sha === 'string')
                    out.write(sha, at, 32, 'hex');
                else
                    out.set(sha, at);
            },
        });
        return [rows, take.length];
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
        // A fresh path as UTF-8, in a buffer used again for every path.
        let key = Buffer.allocUnsafe(1024);
        // Takes the kept rows before `stop`.
        const keepUpTo = (stop) => {
            for (; row < stop; row++) {
                if (this.kept[row] !== 1)
                    continue;
                from[rows++] = row;
                pathBytes += paths.byteLengthOf(row);
            }
        };
        for (let k = 0; k < fresh.count; k++) {
            const rel = fresh.path(k);
            if (key.length < 3 * rel.length)
                key = Buffer.allocUnsafe(3 * rel.length);
            const bytes = key.subarray(0, key.write(rel, 0, 'utf8'));
            if (this.keptCount > 0) {
                // Where the kept rows before it end: a binary search, so a few fresh rows among many kept ones cost a few comparisons each.
                const stop = paths.seekBytes(bytes, row);
                keepUpTo(stop);
                if (stop < paths.length && paths.compare(stop, bytes) === 0)
                    row = stop + 1;
            }
            from[rows++] = -1 - k;
            pathBytes += bytes.length + 1;
        }
        if (this.keptCount > 0)
            keepUpTo(paths.length);
        const n = paths.length;
        const { words } = this;
        return {
            count: rows,
            pathBytes,
            pathRoom: (i) => (from[i] >= 0 ? paths.byteLengthOf(from[i]) : 3 * fresh.path(-1 - from[i]).length + 1),
            writePath: (i, out, at) => {
                const f = from[i];
                if (f >= 0)
                    return paths.copyTo(f, out, at);
                const k = out.write(fresh.path(-1 - f), at, 'utf8');
                out[at + k] = 0;
                return k + 1;
            },
            column: (i, c, w, at) => {
                const f = from[i];
                if (f < 0)
                    return fresh.column(-1 - f, c, w, at);
                w[at] = words[2 * (c * n + f)];
                w[at + 1] = words[2 * (c * n + f) + 1];
            },
            sha256: (i, out, at) => {
                const f = from[i];
                if (f >= 0)
                    sha256.copy(out, at, 32 * f, 32 * f + 32);
                else
                    fresh.sha256(-1 - f, out, at);
            },
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
                // A run of consecutive kept rows: each column's words and the hashes copied as ranges.
                const end = runEnd(from, i);
                const rows = end - i;
                for (let c = 0; c < COLUMNS; c++)
                    words.set(this.words.subarray(2 * (c * rowsBefore + row), 2 * (c * rowsBefore + row + rows)), 2 * (c * n + i));
                loaded.sha256.copy(sha256, i * 32, row * 32, (row + rows) * 32);
                i = end;
                continue;
            }
            const r = -1 - row;
            for (let c = 0; c < COLUMNS; c++)
                nums[c * n + i] = this.recorded.nums[COLUMNS * r + c];
            this.recorded.sha256.copy(sha256, i * 32, r * 32, r * 32 + 32);
            i++;
        }
    }
    /** Writes what this run looked up or recorded, atomically, in the tree's order (see `cursor`). Never throws: a failure is a warning. */
    async save() {
        if (!this.file)
            return;
        if (!this.changed && this.keptCount === this.loaded.paths.length)
            return; // every entry was looked up as it is
        let bytes;
        let count;
        try {
            if (this.loaded.paths.ascending()) {
                const rows = this.mergedRecorded();
                [bytes, count] = [cacheFilePieces(this.root, rows), rows.count];
            }
            else
                [bytes, count] = this.encodeBySorting();
        }
        catch (err) {
            // Losing the cache costs the next backup a read of every file; failing this backup over it would cost more.
            this.logger.warn(`could not save the hash cache ${this.file} (${err.message}); the next incremental backup will read every file`);
            return;
        }
        await this.write(bytes, count);
    }
    /** The rows `save` writes from a loaded file in the tree's order: the kept ones merged with what was recorded. */
    mergedRecorded() {
        // What was recorded, in the tree's order: as it was recorded when that is so (a restore records in the manifest's order).
        let sorted = true;
        let last;
        for (const rel of this.added.keys()) {
            if (last !== undefined && comparePaths(last, rel) >= 0) {
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
                const s = 2 * (COLUMNS * added[k][1] + c);
                w[at] = recordedWords[s];
                w[at + 1] = recordedWords[s + 1];
            },
            sha256: (k, out, at) => {
                const r = added[k][1];
                recorded.sha256.copy(out, at, 32 * r, 32 * r + 32);
            },
        });
    }
    /** `encode` for a file out of order (an older writer's): every path as a string, sorted. */
    encodeBySorting() {
        let keys = [];
        let from = [];
        const { paths } = this.loaded;
        for (let row = 0; row < this.kept.length; row++) {
            if (this.kept[row] !== 1)
                continue;
            const rel = paths.at(row);
            if (this.added.size > 0 && this.added.has(rel))
                continue;
            keys.push(rel);
            from.push(row);
        }
        for (const [rel, row] of this.added) {
            keys.push(rel);
            from.push(-1 - row);
        }
        // Mostly in order already (kept rows, then what was recorded in scan order): a near-linear sort.
        let sorted = true;
        for (let i = 1; i < keys.length && sorted; i++)
            sorted = comparePaths(keys[i - 1], keys[i]) < 0;
        if (!sorted) {
            const order = keys.map((_, i) => i).sort((a, b) => comparePaths(keys[a], keys[b]));
            [keys, from] = [order.map((i) => keys[i]), order.map((i) => from[i])];
        }
        return [encodeCacheFile(this.root, keys, (table) => this.fill(table, from)), keys.length];
    }
    /** Writes the file's bytes (whole, or as pieces written one after the other) to a temporary name, then renames it into place. */
    async write(bytes, count) {
        const file = this.file;
        const tmp = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
        // Stopped by a signal mid-write: the temporary file goes.
        const forgetTmp = onStop(() => fs.rm(tmp, { force: true }));
        try {
            await makePrivateDir(path.dirname(file));
            if (Buffer.isBuffer(bytes))
                await fs.writeFile(tmp, bytes, { flag: 'wx', mode: PRIVATE_FILE_MODE });
            else {
                const fh = await fs.open(tmp, 'wx', PRIVATE_FILE_MODE);
                try {
                    for (const piece of bytes)
                        for (let at = 0; at < piece.length;)
                            at += (await fh.write(piece, at)).bytesWritten;
                }
                finally {
                    await fh.close();
                }
            }
            await fs.rename(tmp, file);
            // The text file of version 1 next to it is never read again.
            await fs.rm(file.replace(/\.bin$/, '.json'), { force: true }).catch(() => { });
            this.logger.debug(`hash cache: saved ${count} entries to ${file}`);
        }
        catch (err) {
            await fs.rm(tmp, { force: true }).catch(() => { });
            this.logger.warn(`could not save the hash cache ${file} (${err.message}); the next incremental backup will read every file`);
        }
        finally {
            forgetTmp();
        }
    }
}
/** The cache file's bytes, unless it is larger than any cache could be. */
async function readBounded(file) {
    const fh = await fs.open(file, 'r');
    try {
        const { size } = await fh.stat();
        if (size > MAX_FILE_BYTES)
            throw new Error(`${size} bytes, more than a hash cache can hold`);
        return await fh.readFile();
    }
    finally {
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
export async function recordRestoredFiles(target, staging, files, logger, cacheDir = defaultCacheDir()) {
    try {
        // What `save` writes is only what is recorded here: the cache's old entries are never read.
        const cache = await HashCache.open(target, logger, cacheDir, { fresh: true });
        // Stamps stay rows of tables, the writers' and those taken here: a restore of many files
        // would otherwise make an object and four BigInts per file, twice.
        const known = files.stamps;
        const statted = new StampTable();
        // Each file's stamp: row r of the writers' table (r >= 0), of those taken here (-2 - r), or none (-1).
        const stampOf = new Int32Array(files.count);
        const unknown = [];
        for (let i = 0; i < files.count; i++) {
            const row = known ? files.stampRow(i) : -1;
            stampOf[i] = row >= 0 ? row : -1;
            if (row < 0)
                unknown.push(i);
        }
        let next = 0;
        const worker = async () => {
            while (next < unknown.length) {
                const i = unknown[next++];
                const st = await fs.lstat(path.join(staging, ...files.path(i).split('/')), { bigint: true }).catch(() => undefined);
                // A hard link into the old tree (a reused file) is not private, and its ctime moves when the old tree goes.
                if (st?.isFile() && st.nlink === 1n)
                    stampOf[i] = -2 - statted.add(st.size, st.mtimeNs, st.ctimeNs, st.ino);
            }
        };
        await Promise.all(Array.from({ length: 8 }, worker));
        // Wait until the newest file is clean, unless that would take longer than one racy window
        // (future mtimes, whole-second filesystems): those entries are then left out, not waited for.
        const start = nowNs();
        const wait = Math.max(cleanDelay(statted, start), known ? cleanDelay(known, start) : 0);
        if (wait > 0)
            await new Promise((r) => setTimeout(r, Math.ceil(wait / 1e6) + 1));
        const recordedAt = nowNs();
        // Written as a stream, in the manifest's order (the tree's): no row copied into the cache first.
        const recorded = await cache.saveRead({
            count: files.count,
            path: (i) => files.path(i),
            table: (i) => (stampOf[i] >= 0 ? known : statted),
            stampRow: (i) => (stampOf[i] >= 0 ? stampOf[i] : -2 - stampOf[i]),
            sha256: (i) => (stampOf[i] !== -1 ? files.sha256(i) : undefined),
        }, recordedAt);
        logger.debug(`hash cache: ${recorded} of ${files.count} restored files recorded`);
        return cache.file;
    }
    catch (err) {
        logger.warn(`could not record the restored files in the hash cache (${err.message})`);
        return undefined;
    }
}
/** How many ns after `startNs` the last of a table's stamps to become clean within one racy window does (0 if none). */
export function cleanDelay(table, startNs) {
    let wait = 0;
    WORD_SCRATCH[0] = startNs;
    const sHi = WORD_SCRATCH_WORDS[HI] | 0;
    const sLo = WORD_SCRATCH_WORDS[LO];
    const w = table.words;
    for (let row = 0; row < table.length; row++) {
        const delay = (table.isWide(row) ? undefined : cleanDelayByWords(w, 8 * row + TABLE_CTIME, 8 * row + TABLE_MTIME, sHi, sLo)) ??
            cleanDelayOf(table.get(row), startNs);
        if (delay > wait && delay <= Number(RACY_NS))
            wait = delay;
    }
    return wait;
}
/** Hashes recorded in one run: five 64-bit words (size, mtime, ctime, inode, time recorded) and 32 raw bytes a row. */
class RecordedRows {
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
        if (5 * (this.count + more) > this.nums.length)
            this.grow(this.count + more);
    }
    /** A new row with its hash (64 hex digits or 32 bytes) and time recorded; the caller writes its stamp. */
    next(sha256, recordedAtNs) {
        const row = this.count++;
        if (5 * this.count > this.nums.length)
            this.grow(2 * (this.nums.length / 5));
        this.nums[5 * row + 4] = recordedAtNs;
        if (typeof sha256 === 'string')
            this.sha256.write(sha256, row * 32, 32, 'hex');
        else
            this.sha256.set(sha256, row * 32);
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
}
