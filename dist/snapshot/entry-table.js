import { Utf8List } from '../shared/utf8-list.js';
const KINDS = ['file', 'dir', 'symlink'];
/** Rows per block, a power of two: columns are filled a block at a time and never copied to grow. */
const SHIFT = 16;
const ROWS = 1 << SHIFT;
const MASK = ROWS - 1;
const SHA = 32;
/** Flags of a row. */
const EXEC = 1;
const HAS_MODE = 2;
const HAS_MEMBER = 4;
/** The entry is kept as the object it was (its fields do not fit the columns exactly). */
const KEPT = 8;
const U32 = 0xffffffff;
/** The first block's first room: a small manifest takes little. */
const FIRST_ROWS = 256;
/** The columns of up to ROWS rows: kind, flags, mode; pack, skip, length, span; size, mtime, offset, raw; sha256. */
class Block {
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
}
const FILE_KEYS = new Set(['path', 'type', 'size', 'exec', 'mode', 'mtimeMs', 'sha256', 'loc']);
const LOC_KEYS = new Set(['pack', 'offset', 'length', 'raw', 'skip', 'span', 'member']);
const DIR_KEYS = new Set(['path', 'type', 'mode', 'mtimeMs']);
const LINK_KEYS = new Set(['path', 'type', 'target', 'mtimeMs']);
/**
 * A manifest's entries as columns, filled as a manifest is read (an EntrySink): a path as UTF-8
 * (Utf8List), numbers in typed arrays, a sha256 as its 32 bytes; ~85 bytes and the path's length
 * a row, where an entry object with its strings takes ~300. A reader that holds a million entries
 * (restore) asks for the fields of a row by index; `at` makes an Entry when one is needed. Exact:
 * an entry the columns cannot hold as it is (a field they have no room for, a number past 32
 * bits where they keep 32, a mode that is not permission bits) is kept as the object it was.
 */
export class EntryTable {
    blocks = [];
    paths = new Utf8List();
    count = 0;
    /** Symlink targets and shared member names, by row. */
    texts = new Map();
    kept = new Map();
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
        if (e.type === 'file') {
            b.kinds[r] = 0;
            b.flags[r] = (e.exec ? EXEC : 0) | (e.mode !== undefined ? HAS_MODE : 0) | (e.loc.member !== undefined ? HAS_MEMBER : 0);
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
            b.shas.write(e.sha256, SHA * r, 'hex');
            if (loc.member !== undefined)
                this.texts.set(i, loc.member);
        }
        else if (e.type === 'dir') {
            b.kinds[r] = 1;
            b.flags[r] = e.mode !== undefined ? HAS_MODE : 0;
            b.modes[r] = e.mode ?? 0;
            b.nums[4 * r + 1] = e.mtimeMs;
        }
        else {
            b.kinds[r] = 2;
            b.nums[4 * r + 1] = e.mtimeMs;
            this.texts.set(i, e.target);
        }
    }
    restart() {
        this.blocks = [];
        this.paths = new Utf8List();
        this.count = 0;
        this.texts = new Map();
        this.kept = new Map();
    }
    /** Lets go of the room no row uses (a table read whole, about to be held while it is used): rows may still be added. */
    trim() {
        const last = this.blocks.length - 1;
        const used = this.count - (last << SHIFT);
        if (last >= 0 && used < this.blocks[last].rows)
            this.blocks[last] = this.blocks[last].grown(Math.max(1, used));
        this.paths.trim();
    }
    /** Fills a table from entries held already (a manifest given whole). */
    static of(entries) {
        const t = new EntryTable();
        for (const e of entries)
            t.entry(e);
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
        if (k)
            return k.type === 'symlink' ? undefined : k.mode;
        const b = this.block(i);
        return b.flags[i & MASK] & HAS_MODE ? b.modes[i & MASK] : undefined;
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
        return k ? k.sha256 : this.block(i).shas.toString('hex', SHA * r, SHA * r + SHA);
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
        if (k)
            return k.loc.member ?? k.path;
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
        if (k)
            return k;
        const path = this.path(i);
        const mtimeMs = this.mtimeMs(i);
        const type = this.type(i);
        if (type === 'dir') {
            const mode = this.mode(i);
            return (mode === undefined ? { mtimeMs, path, type } : { mode, mtimeMs, path, type });
        }
        if (type === 'symlink')
            return { mtimeMs, path, target: this.target(i), type };
        const b = this.block(i);
        const r = i & MASK;
        const [pack, skip, length, span] = [b.small[4 * r], b.small[4 * r + 1], b.small[4 * r + 2], b.small[4 * r + 3]];
        const [offset, raw] = [b.nums[4 * r + 2], b.nums[4 * r + 3]];
        const loc = b.flags[r] & HAS_MEMBER
            ? { length, member: this.texts.get(i), offset, pack, raw, skip, span }
            : { length, offset, pack, raw, skip, span };
        const exec = (b.flags[r] & EXEC) !== 0;
        const [sha256, size, mode] = [this.sha256(i), b.nums[4 * r], this.mode(i)];
        return mode === undefined
            ? { exec, loc, mtimeMs, path, sha256, size, type: 'file' }
            : { exec, loc, mode, mtimeMs, path, sha256, size, type: 'file' };
    }
    *[Symbol.iterator]() {
        for (let i = 0; i < this.count; i++)
            yield this.at(i);
    }
    /** The block row `i` goes into: a new one at each ROWS-th row, the first grown while it is the only one. */
    blockFor(i) {
        const n = i >>> SHIFT;
        if (n === this.blocks.length)
            this.blocks.push(new Block(n === 0 ? FIRST_ROWS : ROWS));
        const b = this.blocks[n];
        if ((i & MASK) < b.rows)
            return b;
        return (this.blocks[n] = b.grown());
    }
    block(i) {
        // `>>> 0` also refuses NaN and fractions, which would otherwise read another row's columns.
        if (i >>> 0 !== i || i >= this.count)
            throw new RangeError(`no entry ${i} of ${this.count}`);
        return this.blocks[i >>> SHIFT];
    }
    keptAt(i) {
        return this.block(i).flags[i & MASK] & KEPT ? this.kept.get(i) : undefined;
    }
    file(i) {
        const k = this.keptAt(i);
        if (k && k.type !== 'file')
            throw new TypeError(`entry ${i} is a ${k.type}, not a file`);
        return k;
    }
}
/** Whether the columns hold `e` exactly: its own keys only, each value of the kind and width its column keeps. */
function fits(e) {
    const keys = e.type === 'file' ? FILE_KEYS : e.type === 'dir' ? DIR_KEYS : e.type === 'symlink' ? LINK_KEYS : undefined;
    if (keys === undefined || Object.getPrototypeOf(e) !== Object.prototype)
        return false;
    for (const k of Object.keys(e))
        if (!keys.has(k) || e[k] === undefined)
            return false;
    if (typeof e.mtimeMs !== 'number' || typeof e.path !== 'string')
        return false;
    if (e.type === 'symlink')
        return typeof e.target === 'string';
    if (e.mode !== undefined && !(Number.isInteger(e.mode) && e.mode >= 0 && e.mode <= 0o777 && !Object.is(e.mode, -0)))
        return false;
    if (e.type === 'dir')
        return true;
    const loc = e.loc;
    if (typeof loc !== 'object' || loc === null || Object.getPrototypeOf(loc) !== Object.prototype)
        return false;
    for (const k of Object.keys(loc))
        if (!LOC_KEYS.has(k) || loc[k] === undefined)
            return false;
    const u32 = (v) => typeof v === 'number' && Number.isInteger(v) && v >= 0 && v <= U32 && !Object.is(v, -0);
    const num = (v) => typeof v === 'number';
    return (typeof e.exec === 'boolean' &&
        typeof e.sha256 === 'string' &&
        /^[0-9a-f]{64}$/.test(e.sha256) &&
        num(e.size) &&
        u32(loc.pack) &&
        u32(loc.skip) &&
        u32(loc.length) &&
        u32(loc.span) &&
        num(loc.offset) &&
        num(loc.raw) &&
        (loc.member === undefined || typeof loc.member === 'string'));
}
/**
 * A manifest whose entries are those of `table`, made into objects the first time they are read
 * (and kept): a reader that needs only the other members (most of a restore) makes none.
 */
export function manifestOf(head, table) {
    let entries;
    const m = { ...head };
    Object.defineProperty(m, 'entries', {
        enumerable: true,
        get: () => (entries ??= [...table]),
    });
    return m;
}
