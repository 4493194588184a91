import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseBoundedJson } from '../shared/bounded-json.js';
import { isWithin } from './placement.js';
import { resolvedPath } from './real-path.js';
import { makePrivateDir, PRIVATE_FILE_MODE } from './private-files.js';
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
const VERSION = 1;
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
    // A ctime of 0 means the filesystem keeps none: nothing but mtime would reveal a write.
    if (stamp.ctimeNs === 0n)
        return false;
    const newest = stamp.ctimeNs > stamp.mtimeNs ? stamp.ctimeNs : stamp.mtimeNs;
    return recordedAtNs - newest >= racyWindow(stamp.ctimeNs);
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
    return path.join(dir, `${createHash('sha256').update(path.resolve(root)).digest('hex').slice(0, 32)}.json`);
}
const DECIMAL = /^-?\d{1,30}$/;
/** A decimal as String(bigint) writes it: what a lookup compares with, so other spellings (`007`, `-0`) are rewritten on load. */
const CANONICAL_DECIMAL = /^(?:0|-?[1-9]\d{0,29})$/;
const SHA256 = /^[0-9a-f]{64}$/;
function decimal(s) {
    if (typeof s !== 'string')
        return undefined;
    if (CANONICAL_DECIMAL.test(s))
        return s;
    return DECIMAL.test(s) ? String(BigInt(s)) : undefined;
}
function parseEntry(v) {
    if (!Array.isArray(v) || v.length !== 6)
        return undefined;
    const [size, mtime, ctime, inode, sha256, recordedAt] = v;
    if (!Number.isSafeInteger(size) || size < 0)
        return undefined;
    const mtimeNs = decimal(mtime);
    const ctimeNs = decimal(ctime);
    const ino = decimal(inode);
    const recordedAtNs = decimal(recordedAt);
    if (mtimeNs === undefined || ctimeNs === undefined || ino === undefined || recordedAtNs === undefined)
        return undefined;
    if (typeof sha256 !== 'string' || !SHA256.test(sha256))
        return undefined;
    return { size: size, mtimeNs, ctimeNs, ino, sha256, recordedAtNs };
}
/** Keys JSON.stringify writes first, in numeric order, whatever order they were added in: array indexes. */
function isArrayIndex(key) {
    return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) <= 4294967294;
}
/**
 * The hashes known for one tree. `lookup` answers from what was loaded; what a run looked up
 * successfully or recorded afresh is what `save` writes, so files that left the tree, changed or
 * were never clean drop out by themselves.
 */
export class HashCache {
    root;
    file;
    loaded;
    logger;
    next = new Map();
    changed = false;
    constructor(root, file, loaded, logger) {
        this.root = root;
        this.file = file;
        this.loaded = loaded;
        this.logger = logger;
    }
    /**
     * Opens the cache of `root` kept in `cacheDir`. Anything unreadable, of another version or another root is an empty cache.
     * `fresh`: start empty without reading the file (a restore replaces every entry it keeps), and write it in any case.
     */
    static async open(root, logger, cacheDir = defaultCacheDir(), { fresh = false } = {}) {
        const abs = path.resolve(root);
        let dir = cacheDir === undefined ? undefined : path.resolve(cacheDir);
        if (dir !== undefined && isWithin(resolvedPath(dir), resolvedPath(abs))) {
            // Kept inside the tree it describes, the cache would change the tree it is about and be erased by a restore.
            logger.warn(`the hash cache directory ${dir} is inside ${abs}: not using it (choose a cache directory outside, e.g. with INDEX_VAULT_CACHE_DIR)`);
            dir = undefined;
        }
        const file = dir === undefined ? undefined : cacheFileFor(abs, dir);
        const loaded = new Map();
        if (file === undefined) {
            logger.debug('hash cache: no cache directory; every file will be read');
            return new HashCache(abs, undefined, loaded, logger);
        }
        if (fresh) {
            const cache = new HashCache(abs, file, loaded, logger);
            cache.changed = true;
            return cache;
        }
        try {
            const data = parseBoundedJson(await fs.readFile(file), 'hash cache', 512 * 1024 * 1024);
            if (data?.version !== VERSION)
                throw new Error(`version ${JSON.stringify(data?.version)}, not ${VERSION}`);
            if (data.root !== abs)
                throw new Error(`it belongs to ${JSON.stringify(data.root)}`);
            if (typeof data.entries !== 'object' || data.entries === null)
                throw new Error('no entries');
            const entries = data.entries;
            for (const rel in entries) {
                if (!Object.prototype.hasOwnProperty.call(entries, rel))
                    continue;
                const e = parseEntry(entries[rel]);
                if (e)
                    loaded.set(rel, e);
            }
            logger.debug(`hash cache: ${loaded.size} entries from ${file}`);
        }
        catch (err) {
            const code = err.code;
            logger.debug(`hash cache: ${code === 'ENOENT' ? 'none yet' : `ignoring ${file} (${err.message})`}`);
            loaded.clear();
        }
        return new HashCache(abs, file, loaded, logger);
    }
    /** The recorded hash of `rel` if the trust rule holds for its current stat; it is then kept for the next save. */
    lookup(rel, current) {
        const e = this.loaded.get(rel);
        if (!e)
            return undefined;
        // sameStamp, with the recorded numbers as text: equal decimals are equal numbers.
        if (Number(current.size) !== e.size || String(current.mtimeNs) !== e.mtimeNs || String(current.ctimeNs) !== e.ctimeNs)
            return undefined;
        if (String(current.ino) !== e.ino)
            return undefined;
        // Equal stamps: the current one's bigints stand for the recorded one in the clean test.
        if (!isClean(current, this.recordedAt(e.recordedAtNs)))
            return undefined;
        this.next.set(rel, e);
        return e.sha256;
    }
    lastRecordedAt = ['0', 0n];
    /** A recording time as a bigint; one run records all its entries at the same instant, so the last one is kept. */
    recordedAt(text) {
        if (this.lastRecordedAt[0] !== text)
            this.lastRecordedAt = [text, BigInt(text)];
        return this.lastRecordedAt[1];
    }
    /**
     * Remembers the hash of content read after `recordedAtNs` from a file whose stat was `stamp`
     * before and after the read. Racy stats are left out: they could never be trusted.
     */
    record(rel, stamp, sha256, recordedAtNs) {
        if (!isClean(stamp, recordedAtNs))
            return false;
        this.next.set(rel, {
            size: Number(stamp.size),
            mtimeNs: String(stamp.mtimeNs),
            ctimeNs: String(stamp.ctimeNs),
            ino: String(stamp.ino),
            sha256,
            recordedAtNs: String(recordedAtNs),
        });
        this.changed = true;
        return true;
    }
    /**
     * Records files whose content was hashed (by whoever read it) after `readAfterNs` and whose
     * stat before that read was `stamp`. A reader that stat'ed the file again after the read and
     * found `stamp` unchanged has proven the hash is of the content it still had (`proven`): it is
     * recorded as it is. Any other file is stat'ed again now, and recorded only if nothing about it
     * moved, which proves the same.
     */
    async recordIfUnchanged(files, readAfterNs) {
        let recorded = 0;
        let next = 0;
        const worker = async () => {
            while (next < files.length) {
                const f = files[next++];
                if (f.proven) {
                    if (this.record(f.path, f.stamp, f.sha256, readAfterNs))
                        recorded++;
                    continue;
                }
                // stat, not lstat: absPath is what was opened and read (a followed link's target included).
                const now = await fs.stat(f.absPath, { bigint: true }).catch(() => undefined);
                if (now && sameStamp(now, f.stamp) && this.record(f.path, f.stamp, f.sha256, readAfterNs))
                    recorded++;
            }
        };
        await Promise.all(Array.from({ length: 8 }, worker));
        return recorded;
    }
    /** Writes what this run looked up or recorded, atomically. Never throws: a failure is a warning. */
    async save() {
        if (!this.file)
            return;
        if (!this.changed && this.next.size === this.loaded.size)
            return; // every entry was looked up as it is
        // Written in path order; entries were mostly added in that order, so sort only when they were not.
        const list = [...this.next];
        const inOrder = list.every(([rel], i) => i === 0 || list[i - 1][0] < rel);
        if (!inOrder)
            list.sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        // The text JSON.stringify writes for an object with these keys added in this order (array-index keys
        // first, in numeric order), written directly: the entries' fields are decimal text already.
        const indexes = list.filter(([rel]) => isArrayIndex(rel)).sort(([a], [b]) => Number(a) - Number(b));
        const members = [];
        for (const [rel, e] of indexes.length === 0 ? list : [...indexes, ...list.filter(([rel]) => !isArrayIndex(rel))]) {
            members.push(`${JSON.stringify(rel)}:[${e.size},"${e.mtimeNs}","${e.ctimeNs}","${e.ino}",${JSON.stringify(e.sha256)},"${e.recordedAtNs}"]`);
        }
        const text = `{"version":${VERSION},"root":${JSON.stringify(this.root)},"entries":{${members.join(',')}}}\n`;
        const tmp = `${this.file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
        try {
            await makePrivateDir(path.dirname(this.file));
            await fs.writeFile(tmp, text, {
                flag: 'wx',
                mode: PRIVATE_FILE_MODE,
            });
            await fs.rename(tmp, this.file);
            this.logger.debug(`hash cache: saved ${this.next.size} entries to ${this.file}`);
        }
        catch (err) {
            await fs.rm(tmp, { force: true }).catch(() => { });
            this.logger.warn(`could not save the hash cache ${this.file} (${err.message}); the next incremental backup will read every file`);
        }
    }
}
/**
 * After a restore has written and checked every file in its private staging directory: records
 * each file's stat with the manifest's hash, under the target's path (the swap renames the
 * directory; inodes and relative paths stay). Nothing else can write into staging, so the
 * content is known up to this instant; the files were just written, so their ctimes are brand
 * new and it first waits out the racy window (at most RACY_NS) to make the entries usable.
 * `known` holds the stamps of files whose writer took them (an fstat after its last change to
 * a file it created, with a single link): those are not stat'ed again.
 */
export async function recordRestoredFiles(target, staging, files, logger, cacheDir = defaultCacheDir(), known) {
    try {
        // What `save` writes is only what is recorded here: the cache's old entries are never read.
        const cache = await HashCache.open(target, logger, cacheDir, { fresh: true });
        const stamps = [];
        const unknown = [];
        for (const f of files) {
            const stamp = known?.get(f.path);
            if (stamp)
                stamps.push([f.path, stamp, f.sha256]);
            else
                unknown.push(f);
        }
        let next = 0;
        const worker = async () => {
            while (next < unknown.length) {
                const f = unknown[next++];
                const st = await fs.lstat(path.join(staging, ...f.path.split('/')), { bigint: true }).catch(() => undefined);
                // A hard link into the old tree (a reused file) is not private, and its ctime moves when the old tree goes.
                if (st?.isFile() && st.nlink === 1n)
                    stamps.push([f.path, stampOf(st), f.sha256]);
            }
        };
        await Promise.all(Array.from({ length: 8 }, worker));
        // Wait until the newest file is clean, unless that would take longer than one racy window
        // (future mtimes, whole-second filesystems): those entries are then left out, not waited for.
        const start = nowNs();
        let until = start;
        for (const [, s] of stamps) {
            const cleanAt = (s.ctimeNs > s.mtimeNs ? s.ctimeNs : s.mtimeNs) + racyWindow(s.ctimeNs);
            if (cleanAt > until && cleanAt - start <= RACY_NS)
                until = cleanAt;
        }
        if (until > start)
            await new Promise((r) => setTimeout(r, Number((until - start) / 1000000n) + 1));
        const recordedAt = nowNs();
        let recorded = 0;
        for (const [rel, s, sha] of stamps)
            if (cache.record(rel, s, sha, recordedAt))
                recorded++;
        logger.debug(`hash cache: ${recorded} of ${files.length} restored files recorded`);
        await cache.save();
    }
    catch (err) {
        logger.warn(`could not record the restored files in the hash cache (${err.message})`);
    }
}
