import { isUtf8 } from 'node:buffer';
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
export const CACHE_FILE_VERSION = 2;
const MAGIC = Buffer.from('IVHCACHE', 'latin1');
const HEADER = 24;
/** Columns of signed 64-bit integers per entry, in this order. */
export const COLUMNS = 5;
export const SIZE = 0;
export const MTIME = 1;
export const CTIME = 2;
export const INO = 3;
export const RECORDED_AT = 4;
/**
 * The paths of a cache file, left in its bytes and decoded when asked for: a lookup in the order
 * the file keeps them (see hash-cache.ts) makes no string that outlives it, where a million
 * paths split at once would be held for the whole run.
 */
export class CachePaths {
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
        return this.bytes.toString('utf8', this.starts[i], this.starts[i + 1] - 1);
    }
    /** Whether the paths are in strictly ascending order of their UTF-8 bytes, the tree's order (comparePaths); compared in place. */
    ascending() {
        if (this.inOrder !== undefined)
            return this.inOrder;
        const { bytes, starts } = this;
        for (let i = 1; i < this.length; i++) {
            if (bytes.compare(bytes, starts[i], starts[i + 1] - 1, starts[i - 1], starts[i] - 1) >= 0)
                return (this.inOrder = false);
        }
        return (this.inOrder = true);
    }
    /** The first row whose path is not before `rel` in that order (`length` if none); a binary search, for paths known to be ascending. */
    seek(rel) {
        return this.seekBytes(Buffer.from(rel, 'utf8'));
    }
    /** `seek` for a path given as its UTF-8 bytes, from row `lo` on. */
    seekBytes(key, lo = 0) {
        const { bytes, starts } = this;
        let hi = this.length;
        while (lo < hi) {
            const mid = (lo + hi) >>> 1;
            if (bytes.compare(key, 0, key.length, starts[mid], starts[mid + 1] - 1) < 0)
                lo = mid + 1;
            else
                hi = mid;
        }
        return lo;
    }
    *[Symbol.iterator]() {
        for (let i = 0; i < this.length; i++)
            yield this.at(i);
    }
    static EMPTY = new CachePaths(Buffer.alloc(0), new Uint32Array(1));
}
const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
/** What a column can hold exactly: anything else is not cached (written into one, it would wrap). */
export function fitsInt64(v) {
    return v >= INT64_MIN && v <= INT64_MAX;
}
const SURROGATE = /[\uD800-\uDFFF]/;
/** A path the file can keep as it is: no NUL (the separator), no lone surrogate (UTF-8 would replace it). */
export function storablePath(rel) {
    if (rel.includes('\0'))
        return false;
    return !SURROGATE.test(rel) || !SURROGATE.test(rel.replace(/[\uD800-\uDBFF][\uDC00-\uDFFF]/g, ''));
}
const align8 = (n) => (n + 7) & ~7;
/**
 * A cache file holding `paths` and what `fill` writes into the columns and digests it is given
 * (zeros to begin with), which are the file's own bytes where their offset allows: the columns
 * are filled in place rather than built and copied.
 */
export function encodeCacheFile(root, paths, fill) {
    const list = Array.isArray(paths) ? joinedPaths(paths) : paths;
    const n = list.count;
    const rootLength = Buffer.byteLength(root, 'utf8');
    const pathLength = list.byteLength;
    const columns = align8(HEADER + rootLength + pathLength);
    const out = Buffer.alloc(columns + n * COLUMNS * 8 + n * 32);
    MAGIC.copy(out, 0);
    out.writeUInt32LE(CACHE_FILE_VERSION, 8);
    out.writeUInt32LE(n, 12);
    out.writeUInt32LE(rootLength, 16);
    out.writeUInt32LE(pathLength, 20);
    out.write(root, HEADER, 'utf8');
    list.write(out, HEADER + rootLength);
    const table = tableIn(out, columns, n, n);
    fill({ count: n, nums: table.nums, sha256: table.sha256 });
    if (table.nums.buffer !== out.buffer)
        out.set(new Uint8Array(table.nums.buffer), columns);
    return out;
}
/**
 * The bytes encodeCacheFile would give for `rows`, as pieces of at most `piece` bytes (a multiple
 * of 8) in one buffer used again: a piece is valid until the next is asked for. A save of a
 * million entries then holds a MiB where the whole file (~130 MB) was built first.
 */
export function* cacheFilePieces(root, rows, piece = 1024 * 1024) {
    // Its own memory from offset 0: the columns' words are aligned in it.
    const buf = Buffer.allocUnsafeSlow(piece);
    const words = new Uint32Array(buf.buffer, buf.byteOffset, piece >>> 2);
    const n = rows.count;
    const rootBytes = Buffer.from(root, 'utf8');
    const head = Buffer.alloc(HEADER);
    MAGIC.copy(head, 0);
    head.writeUInt32LE(CACHE_FILE_VERSION, 8);
    head.writeUInt32LE(n, 12);
    head.writeUInt32LE(rootBytes.length, 16);
    head.writeUInt32LE(rows.pathBytes, 20);
    yield head;
    yield rootBytes;
    let at = 0;
    let pathBytes = 0;
    for (let i = 0; i < n; i++) {
        const room = rows.pathRoom(i);
        if (room > piece)
            throw new Error(`a path of up to ${room} bytes, more than a piece of ${piece}`);
        if (at + room > piece) {
            yield buf.subarray(0, at);
            at = 0;
        }
        const written = rows.writePath(i, buf, at);
        at += written;
        pathBytes += written;
    }
    if (pathBytes !== rows.pathBytes)
        throw new Error(`the paths took ${pathBytes} bytes, not the ${rows.pathBytes} the header says`);
    // Zeros up to a multiple of 8 from the file's start, then the columns from a piece's start.
    const end = HEADER + rootBytes.length + pathBytes;
    buf.fill(0, at, at + align8(end) - end);
    at += align8(end) - end;
    if (at > 0)
        yield buf.subarray(0, at);
    at = 0;
    for (let c = 0; c < COLUMNS; c++) {
        for (let i = 0; i < n; i++) {
            if (at === piece) {
                yield buf;
                at = 0;
            }
            rows.column(i, c, words, at >>> 2);
            at += 8;
        }
    }
    for (let i = 0; i < n; i++) {
        if (at + 32 > piece) {
            yield buf.subarray(0, at);
            at = 0;
        }
        rows.sha256(i, buf, at);
        at += 32;
    }
    if (at > 0)
        yield buf.subarray(0, at);
}
/** Paths given as strings, joined by NULs. */
function joinedPaths(paths) {
    const joined = paths.length === 0 ? '' : paths.join('\0') + '\0';
    return { count: paths.length, byteLength: Buffer.byteLength(joined, 'utf8'), write: (out, at) => void out.write(joined, at, 'utf8') };
}
/** The columns and digests at `columns` of a file's bytes: views of them when 8-byte aligned, else a copy of the columns. */
function tableIn(bytes, columns, n, paths) {
    const at = bytes.byteOffset + columns;
    const nums = at % 8 === 0
        ? new BigInt64Array(bytes.buffer, at, n * COLUMNS)
        : new BigInt64Array(new Uint8Array(bytes.subarray(columns, columns + n * COLUMNS * 8)).buffer);
    return { paths, nums, sha256: bytes.subarray(columns + n * COLUMNS * 8, columns + n * COLUMNS * 8 + n * 32) };
}
/** The table a cache file of `root` holds; an Error saying why for anything that is not one. */
export function decodeCacheFile(bytes, root) {
    if (bytes.length < HEADER || !bytes.subarray(0, 8).equals(MAGIC))
        throw new Error('not a hash cache file of this version');
    const version = bytes.readUInt32LE(8);
    if (version !== CACHE_FILE_VERSION)
        throw new Error(`version ${version}, not ${CACHE_FILE_VERSION}`);
    const n = bytes.readUInt32LE(12);
    const rootLength = bytes.readUInt32LE(16);
    const pathLength = bytes.readUInt32LE(20);
    const pathsAt = HEADER + rootLength;
    const columns = align8(pathsAt + pathLength);
    if (bytes.length !== columns + n * COLUMNS * 8 + n * 32)
        throw new Error(`${bytes.length} bytes, not what its header says`);
    const fileRoot = bytes.subarray(HEADER, pathsAt);
    if (!isUtf8(fileRoot) || fileRoot.toString('utf8') !== root)
        throw new Error(`it belongs to ${JSON.stringify(fileRoot.toString('utf8'))}`);
    const pathBytes = bytes.subarray(pathsAt, pathsAt + pathLength);
    if (!isUtf8(pathBytes))
        throw new Error('paths that are not UTF-8');
    if (n === 0 ? pathLength !== 0 : pathBytes[pathLength - 1] !== 0)
        throw new Error('paths not ended as they should be');
    // Where each path starts: the NULs, found natively (a NUL is never part of a longer UTF-8 sequence).
    const starts = new Uint32Array(n + 1);
    let count = 0;
    for (let at = pathBytes.indexOf(0); at >= 0; at = pathBytes.indexOf(0, at + 1)) {
        if (++count > n)
            break;
        starts[count] = at + 1;
    }
    if (count !== n)
        throw new Error(`${count > n ? 'more' : count} paths for ${n} entries`);
    return tableIn(bytes, columns, n, new CachePaths(pathBytes, starts));
}
/** A cache file holding `table` as it is. */
export function encodeCacheTable(root, table) {
    return encodeCacheFile(root, [...table.paths], (t) => {
        t.nums.set(table.nums);
        table.sha256.copy(t.sha256);
    });
}
