import { comparePaths } from '../../snapshot/entry-path.js';
import { Utf8List } from '../../shared/utf8-list.js';
const DIR = 0;
const SYMLINK = 1;
const FILE = 2;
const TYPES = ['dir', 'symlink', 'file'];
/**
 * The entries of a scanned tree in its order, held as columns: the paths as UTF-8 (Utf8List),
 * numbers in typed arrays, the few link targets and own disk paths aside. An object per entry
 * cost ~156 bytes (the object, a boxed mtime, a path string, the array's slot); this is ~45, which
 * at a million files is the difference between a backup fitting its memory budget or not. Readers
 * on hot paths go by index, in order; `at` and iteration make an object per entry for the rest.
 */
export class ScanEntries {
    paths;
    kinds;
    modes;
    mtimes;
    rows;
    sizes;
    targets;
    own;
    released = false;
    constructor(c) {
        ({ paths: this.paths, kinds: this.kinds, modes: this.modes, mtimes: this.mtimes, rows: this.rows } = c);
        ({ sizes: this.sizes, targets: this.targets, own: this.own } = c);
    }
    /** Entries given in the tree's order, as they are (tests, and a scan's second round). */
    static of(entries) {
        const b = new ScanBuilder();
        for (const e of entries)
            b.push(e);
        return b.inOrder();
    }
    get length() {
        if (this.released)
            throw new Error('scanned entries are asked for after they were released');
        return this.kinds.length;
    }
    /**
     * Lets go of the columns (the manifest is made): `length` throws from then on, and every
     * entry is out of range (a path throws, a number is undefined).
     */
    release() {
        this.released = true;
        this.paths = new Utf8List(0, 0);
        [this.kinds, this.modes, this.mtimes] = [new Uint8Array(0), new Uint16Array(0), new Float64Array(0)];
        [this.rows, this.sizes, this.targets, this.own] = [new Int32Array(0), new Float64Array(0), new Map(), new Map()];
    }
    /** Every path, in order, each made as it is reached; as often as asked (each iteration reads the list again). */
    allPaths() {
        return { [Symbol.iterator]: () => this.pathsFrom() };
    }
    *pathsFrom() {
        for (let i = 0; i < this.kinds.length; i++)
            yield this.paths.get(i);
    }
    /** Entry `i`'s path, made on each call (cheapest in order: see Utf8List). */
    path(i) {
        return this.paths.get(i);
    }
    type(i) {
        return TYPES[this.kinds[i]];
    }
    isFile(i) {
        return this.kinds[i] === FILE;
    }
    /** Permission bits of a file or directory. */
    mode(i) {
        return this.modes[i];
    }
    exec(i) {
        return (this.modes[i] & 0o111) !== 0;
    }
    mtimeMs(i) {
        return this.mtimes[i];
    }
    /** A file's row in the scan's stamp table. */
    stamp(i) {
        return this.rows[i];
    }
    /** A file's size in bytes. */
    size(i) {
        return this.sizes[i];
    }
    /** A symlink's target, as a POSIX path. */
    target(i) {
        return this.targets.get(i);
    }
    /** The entry's own disk path, when it is not the root's joined with its path. */
    ownAbsPath(i) {
        return this.own.get(i);
    }
    /** The entry as one object (made on each call). */
    at(i) {
        const path = this.paths.get(i);
        const absPath = this.own.get(i);
        const own = absPath === undefined ? {} : { absPath };
        const mtimeMs = this.mtimes[i];
        switch (this.kinds[i]) {
            case DIR:
                return { type: 'dir', path, ...own, mtimeMs, mode: this.modes[i] };
            case SYMLINK:
                return { type: 'symlink', path, ...own, target: this.targets.get(i), mtimeMs };
            default:
                return {
                    type: 'file',
                    path,
                    ...own,
                    size: this.sizes[i],
                    mtimeMs,
                    exec: this.exec(i),
                    mode: this.modes[i],
                    stamp: this.rows[i],
                };
        }
    }
    *[Symbol.iterator]() {
        for (let i = 0; i < this.kinds.length; i++)
            yield this.at(i);
    }
}
/**
 * The entries of a scan as the walk finds them (plain arrays, which hold numbers unboxed), made
 * into `ScanEntries` in the tree's byte order once the walk is done.
 */
export class ScanBuilder {
    paths = [];
    kinds = [];
    modes = [];
    mtimes = [];
    rows = [];
    sizes = [];
    targets = new Map();
    own = new Map();
    get length() {
        return this.paths.length;
    }
    dir(path, absPath, mtimeMs, mode) {
        this.add(path, absPath, DIR, mtimeMs, mode, -1, 0);
    }
    symlink(path, absPath, target, mtimeMs) {
        this.targets.set(this.paths.length, target);
        this.add(path, absPath, SYMLINK, mtimeMs, 0, -1, 0);
    }
    file(path, absPath, mtimeMs, mode, stamp, size) {
        this.add(path, absPath, FILE, mtimeMs, mode, stamp, size);
    }
    /** An entry as one object; a file's `exec` is not kept but read from its mode (any x bit), as the walk takes it. */
    push(e) {
        if (e.type === 'dir')
            this.dir(e.path, e.absPath, e.mtimeMs, e.mode);
        else if (e.type === 'symlink')
            this.symlink(e.path, e.absPath, e.target, e.mtimeMs);
        else
            this.file(e.path, e.absPath, e.mtimeMs, e.mode, e.stamp, e.size);
    }
    /** The entries sorted in the tree's byte order (comparePaths). */
    sorted() {
        const { paths } = this;
        const order = Array.from({ length: paths.length }, (_, i) => i);
        order.sort((a, b) => comparePaths(paths[a], paths[b]));
        return this.columns(order);
    }
    /** The entries in the order they were pushed. */
    inOrder() {
        return this.columns(Array.from({ length: this.paths.length }, (_, i) => i));
    }
    columns(order) {
        const n = order.length;
        // Room made once, and each path string let go as it is copied: the walk's strings and the
        // list are never both whole in memory, nor a list and its doubled copy.
        let bytes = 0;
        for (const p of this.paths)
            bytes += Buffer.byteLength(p, 'utf8');
        const paths = new Utf8List(n, bytes);
        const kinds = new Uint8Array(n);
        const modes = new Uint16Array(n);
        const mtimes = new Float64Array(n);
        const rows = new Int32Array(n);
        const sizes = new Float64Array(n);
        const targets = new Map();
        const own = new Map();
        for (let i = 0; i < n; i++) {
            const from = order[i];
            paths.push(this.paths[from]);
            this.paths[from] = '';
            kinds[i] = this.kinds[from];
            modes[i] = this.modes[from];
            mtimes[i] = this.mtimes[from];
            rows[i] = this.rows[from];
            sizes[i] = this.sizes[from];
            const target = this.targets.get(from);
            if (target !== undefined)
                targets.set(i, target);
            const abs = this.own.get(from);
            if (abs !== undefined)
                own.set(i, abs);
        }
        this.clear();
        return new ScanEntries({ paths, kinds, modes, mtimes, rows, sizes, targets, own });
    }
    add(path, absPath, kind, mtimeMs, mode, stamp, size) {
        if (absPath !== undefined)
            this.own.set(this.paths.length, absPath);
        this.paths.push(path);
        this.kinds.push(kind);
        this.modes.push(mode);
        this.mtimes.push(mtimeMs);
        this.rows.push(stamp);
        this.sizes.push(size);
    }
    clear() {
        this.paths = [];
        this.kinds = [];
        this.modes = [];
        this.mtimes = [];
        this.rows = [];
        this.sizes = [];
        this.targets = new Map();
        this.own = new Map();
    }
}
