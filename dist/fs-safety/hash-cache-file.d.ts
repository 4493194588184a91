/**
 * The hash cache's file, version 2: binary, so that loading and saving 100,000 entries is a few
 * copies, not the parse and build of a text with a key per file. Header numbers are little-endian;
 * the columns are in this machine's byte order (the file never leaves it):
 *    0  "IVHCACHE"                       8 bytes
 *    8  u32 version (2)
 *   12  u32 entries N
 *   16  u32 root bytes R
 *   20  u32 path bytes P
 *   24  the root, UTF-8                   R bytes
 *       the paths, UTF-8, each ended by a NUL   P bytes
 *       zeros up to a multiple of 8
 *       5 columns of N signed 64-bit integers: size, mtime (ns), ctime (ns), inode, recorded at (ns)
 *       N sha256 digests, 32 bytes each
 * A file of any other length, magic, version or root, or whose paths are not UTF-8 or not N, is not read.
 * Writers put the paths in the tree's order (ascending UTF-8 bytes, comparePaths); a reader relies
 * on that only after checking it (CachePaths.ascending), since an older writer did not.
 */
export declare const CACHE_FILE_VERSION = 2;
/** Columns of signed 64-bit integers per entry, in this order. */
export declare const COLUMNS = 5;
export declare const SIZE = 0;
export declare const MTIME = 1;
export declare const CTIME = 2;
export declare const INO = 3;
export declare const RECORDED_AT = 4;
/** The entries of a cache file: row i is paths[i], nums[c * N + i] for each column c, sha256 at bytes [32 i, 32 i + 32). */
export interface CacheTable {
    paths: string[];
    nums: BigInt64Array;
    sha256: Buffer;
}
/** Paths as a file holds them: how many, the bytes of all of them (UTF-8, each ended by a NUL), and a writer of those bytes. */
export interface PathBytes {
    count: number;
    byteLength: number;
    write(out: Buffer, at: number): void;
}
/** What `encodeCacheFile` hands its `fill`: the columns and digests of `count` rows. */
export interface FillTable {
    count: number;
    nums: BigInt64Array;
    sha256: Buffer;
}
/** A cache file as read: its paths are decoded one at a time, when asked for. */
export interface LoadedTable {
    paths: CachePaths;
    nums: BigInt64Array;
    sha256: Buffer;
}
/**
 * The paths of a cache file, left in its bytes and decoded when asked for: a lookup in the order
 * the file keeps them (see hash-cache.ts) makes no string that outlives it, where a million
 * paths split at once would be held for the whole run.
 */
export declare class CachePaths {
    private readonly bytes;
    private readonly starts;
    /** What `ascending` found, once it has looked. */
    private inOrder;
    /** `bytes` (valid UTF-8) holds `starts.length - 1` paths, path i at [starts[i], starts[i + 1] - 1), each ended by a NUL. */
    constructor(bytes: Buffer, starts: Uint32Array);
    get length(): number;
    /** Path i against the UTF-8 bytes `key` in the tree's order (comparePaths): negative when path i comes first. */
    compare(i: number, key: Buffer): number;
    /** Bytes of path i with its NUL. */
    byteLengthOf(i: number): number;
    /** Copies path i with its NUL into `out` at `at`; the bytes copied. */
    copyTo(i: number, out: Buffer, at: number): number;
    /** Copies paths a to b - 1, each with its NUL, into `out` at `at`; the bytes copied. */
    copyRangeTo(a: number, b: number, out: Buffer, at: number): number;
    at(i: number): string;
    /** Whether the paths are in strictly ascending order of their UTF-8 bytes, the tree's order (comparePaths); compared in place. */
    ascending(): boolean;
    /** The first row whose path is not before `rel` in that order (`length` if none); a binary search, for paths known to be ascending. */
    seek(rel: string): number;
    /** `seek` for a path given as its UTF-8 bytes, from row `lo` on. */
    seekBytes(key: Buffer, lo?: number): number;
    [Symbol.iterator](): Generator<string>;
    static readonly EMPTY: CachePaths;
}
/** What a column can hold exactly: anything else is not cached (written into one, it would wrap). */
export declare function fitsInt64(v: bigint): boolean;
/** A path the file can keep as it is: no NUL (the separator), no lone surrogate (UTF-8 would replace it). */
export declare function storablePath(rel: string): boolean;
/**
 * A cache file holding `paths` and what `fill` writes into the columns and digests it is given
 * (zeros to begin with), which are the file's own bytes where their offset allows: the columns
 * are filled in place rather than built and copied.
 */
export declare function encodeCacheFile(root: string, paths: string[] | PathBytes, fill: (table: FillTable) => void): Buffer;
/**
 * Rows of a cache file written as a stream (cacheFilePieces): asked for in passes — the paths,
 * then each column, then the digests — in the file's order, so no table of them is built.
 */
export interface CacheRows {
    count: number;
    /** Bytes of all the paths, each with its NUL. */
    pathBytes: number;
    /** The most bytes path i and its NUL can take. */
    pathRoom(i: number): number;
    /** Writes path i and its NUL into `out` at `at`; the bytes written. */
    writePath(i: number, out: Buffer, at: number): number;
    /** Column c of row i, as its two 32-bit words in this machine's order, into `words` at `w`. */
    column(i: number, c: number, words: Uint32Array, w: number): void;
    /** Row i's digest (32 bytes) into `out` at `at`. */
    sha256(i: number, out: Buffer, at: number): void;
}
/**
 * The bytes encodeCacheFile would give for `rows`, as pieces of at most `piece` bytes (a multiple
 * of 8) in one buffer used again: a piece is valid until the next is asked for. A save of a
 * million entries then holds a MiB where the whole file (~130 MB) was built first.
 */
export declare function cacheFilePieces(root: string, rows: CacheRows, piece?: number): Generator<Buffer>;
/** The table a cache file of `root` holds; an Error saying why for anything that is not one. */
export declare function decodeCacheFile(bytes: Buffer, root: string): LoadedTable;
/** A cache file holding `table` as it is. */
export declare function encodeCacheTable(root: string, table: CacheTable | LoadedTable): Buffer;
