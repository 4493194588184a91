import type { Logger } from '../shared/logger.js';
import { StampTable } from './stamp-table.js';
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
export declare const RACY_NS = 100000000n;
/** What identifies a version of a file: the subset of a bigint lstat the cache compares. */
export interface FileStamp {
    size: bigint;
    mtimeNs: bigint;
    ctimeNs: bigint;
    ino: bigint;
}
/** Wall-clock now in ns: the clock the kernel stamps files with (a monotonic clock would not compare). */
export declare function nowNs(): bigint;
/** Whether a stat recorded at `recordedAtNs` was old enough then that no later write can hide behind it. */
export declare function isClean(stamp: FileStamp, recordedAtNs: bigint): boolean;
export declare function sameStamp(a: FileStamp, b: FileStamp): boolean;
/** The trust rule (see the top of this file): the recorded hash holds for a file with `current` stat. */
export declare function isTrusted(recorded: FileStamp, recordedAtNs: bigint, current: FileStamp): boolean;
export declare function stampOf(st: FileStamp): FileStamp;
/**
 * The library's default cache directory: `~/.cache/index-vault` (Windows: `~/AppData/Local/index-vault`),
 * or undefined without a home directory. No environment variable is read here: the CLI and the
 * action read `INDEX_VAULT_CACHE_DIR` and friends (`cacheDirFromEnv`) and pass the directory.
 */
export declare function defaultCacheDir(): string | undefined;
/** Makes `dir` the default of every later backup and restore that names none (a test harness keeps the real home clean). */
export declare function useDefaultCacheDir(dir: string): void;
/** `INDEX_VAULT_CACHE_DIR`, else the platform's per-user cache directory from the given environment: what the CLI and the action pass. */
export declare function cacheDirFromEnv(env: Record<string, string | undefined>): string | undefined;
/** The cache file of a tree: one per absolute root path, named by its hash (paths may be long or odd). */
export declare function cacheFileFor(root: string, dir: string): string;
/**
 * The cache file of the tree at `root` in `cacheDir`, or undefined: no directory, or one inside the
 * tree (kept there, the cache would change the tree it is about and be erased by a restore; `warn`
 * is told so). What HashCache.open uses, and what a restore prepares for before it opens one.
 */
export declare function usableCacheFile(root: string, cacheDir: string | undefined, warn?: (message: string) => void): string | undefined;
/**
 * Files read and hashed (by a backup) or written (by a restore), in the tree's order, recorded by
 * `saveRead` as it saves: file i is `path(i)`, its stamp row `stampRow(i)` of `table(i)`, its
 * digest `sha256(i)` (32 bytes or 64 hex digits; none: not to be recorded).
 */
export interface ReadFiles {
    count: number;
    table(i: number): StampTable;
    path(i: number): string;
    stampRow(i: number): number;
    sha256(i: number): Uint8Array | string | undefined;
}
export declare class HashCache {
    readonly root: string;
    /** The cache's file; undefined when no cache directory can be used (the record of the last snapshot goes beside it). */
    readonly file: string | undefined;
    private readonly loaded;
    private readonly logger;
    /** Rows of `loaded` a lookup trusted (1), which the next save keeps, and how many. */
    private readonly kept;
    private keptCount;
    /**
     * What this run recorded, by path: kept by the next save in place of a loaded entry of the path.
     * Each is a row of `recorded` (no object or BigInt per file: a restore records every file it
     * wrote); a path recorded again takes a new row.
     */
    private readonly added;
    private readonly recorded;
    /**
     * Lookups come in the tree's order (the scan's), and the file keeps its paths in that order
     * (save sorts them, and opening checks it): the next row not yet passed, and its path, are all a
     * lookup needs, so no string per loaded path is kept. A lookup before the last one starts the
     * cursor again where a binary search puts it; a file out of order (an older one) makes a map of
     * every path instead, as every lookup used before.
     */
    private cursor;
    private cursorPath;
    private lastLookup;
    private byPath;
    /** `loaded.nums` as 32-bit words, and the current stamp written as the same words. */
    private readonly words;
    private readonly current;
    private readonly currentWords;
    private changed;
    private constructor();
    /**
     * Opens the cache of `root` kept in `cacheDir`. Anything unreadable, of another version or another root is an empty cache.
     * `fresh`: start empty without reading the file (a restore replaces every entry it keeps), and write it in any case;
     * `rows`: how many it will record (room made once, not by doubling).
     */
    static open(root: string, logger: Logger, cacheDir?: string | undefined, { fresh, rows }?: {
        fresh?: boolean;
        rows?: number;
    }): Promise<HashCache>;
    /** Makes room for `rows` more records at once (a full backup records every file): no growing by doubling. */
    reserve(rows: number): void;
    /** The recorded hash of `rel` if the trust rule holds for its current stat; it is then kept for the next save. */
    lookup(rel: string, current: FileStamp): string | undefined;
    /**
     * `lookup` for the stamp in row `at` of a scan's table, compared word for word: no BigInt or
     * object is made for a file whose stamp differs from the recorded one.
     */
    lookupRow(rel: string, table: StampTable, at: number): string | undefined;
    /** The loaded row of `rel`, if any (see `cursor`). */
    private rowOf;
    /** Every loaded path's row (the last of a path that is there twice). */
    private everyPath;
    private keep;
    /** sameStamp, word by word against the row's columns: equal 64-bit words are equal numbers. */
    private sameAsRow;
    /**
     * Remembers the hash of content read after `recordedAtNs` from a file whose stat was `stamp`
     * before and after the read. Racy stats are left out: they could never be trusted. So are the
     * rare ones the file cannot hold exactly (numbers past 64 bits, paths with a NUL or a lone surrogate).
     */
    record(rel: string, stamp: FileStamp, sha256: string, recordedAtNs: bigint): boolean;
    /**
     * `record` for the stamp in row `at` of `table`, tested and copied as words: no BigInt or
     * object per file (a restore records every file it wrote).
     */
    recordRow(rel: string, table: StampTable, at: number, sha256: string | Uint8Array, recordedAtNs: bigint): boolean;
    /**
     * Records every file of `read` (see ReadFiles) and saves, as `recordRow` for each and then
     * `save` would, but streamed: no row is copied into the cache first, and the file is written a
     * MiB at a time rather than built whole (a full backup of a million files held ~300 MB for
     * this). Never throws: a failure is a warning, as for `save`. Returns how many of the files it recorded.
     */
    saveRead(read: ReadFiles, recordedAtNs: bigint): Promise<number>;
    /**
     * The rows `saveRead` writes: the files of `read` that can be recorded, merged with the kept
     * loaded rows (`merged`); and how many of the files that is.
     */
    private mergedRows;
    /**
     * The rows a save writes from a loaded file in the tree's order (as every save writes it): the
     * kept rows merged with `fresh` (in that order too; one of a loaded row's path stands for it),
     * as CacheRows for cacheFilePieces — the kept rows' paths copied as bytes, no string made for
     * them, and the file never built whole (a million files held ~120–300 MB for it). Row i is
     * `from[i]`: a loaded row when at least 0, else fresh row -1 - from[i].
     */
    private merged;
    /**
     * Writes the entries to keep into `table`, row i from `from[i]`: a kept row of
     * `loaded` (copied word for word) when at least 0, else the row -1 - from[i] of those recorded.
     */
    private fill;
    /** Writes what this run looked up or recorded, atomically, in the tree's order (see `cursor`). Never throws: a failure is a warning. */
    save(): Promise<void>;
    /** The rows `save` writes from a loaded file in the tree's order: the kept ones merged with what was recorded. */
    private mergedRecorded;
    /** `encode` for a file out of order (an older writer's): every path as a string, sorted. */
    private encodeBySorting;
    /** Writes the file's bytes (whole, or as pieces written one after the other) to a temporary name, then renames it into place. */
    private write;
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
export declare function recordRestoredFiles(target: string, staging: string, files: RestoredFiles, logger: Logger, cacheDir?: string | undefined): Promise<string | undefined>;
/** The files a restore wrote, by index in the tree's order, and the stamps their writers took. */
export interface RestoredFiles {
    readonly count: number;
    path(i: number): string;
    sha256(i: number): string;
    /** The writers' stamps, as rows of one table; none: every file is statted here. */
    readonly stamps?: StampTable;
    /** File i's row in `stamps`, or -1 when its writer took none (a reused file). */
    stampRow(i: number): number;
}
/** How many ns after `startNs` the last of a table's stamps to become clean within one racy window does (0 if none). */
export declare function cleanDelay(table: StampTable, startNs: bigint): number;
