import { Utf8List } from '../../shared/utf8-list.js';
/**
 * An entry of the tree, as one object (see `ScanEntries.at`). Its path on disk is the root's
 * joined with `path` (see `absPathOf`); only an entry below or at a name that is not NFC keeps
 * its own `absPath`. A file's `stamp` is its row in the scan's `stamps`.
 */
export type ScannedEntry = {
    type: 'dir';
    path: string;
    absPath?: string;
    mtimeMs: number;
    mode: number;
} | {
    type: 'symlink';
    path: string;
    absPath?: string;
    target: string;
    mtimeMs: number;
} | {
    type: 'file';
    path: string;
    absPath?: string;
    size: number;
    mtimeMs: number;
    exec: boolean;
    mode: number;
    stamp: number;
};
export type ScannedFile = Extract<ScannedEntry, {
    type: 'file';
}>;
/** One value per entry, in the tree's order. */
interface ScanColumns {
    paths: Utf8List;
    /** DIR, SYMLINK or FILE. */
    kinds: Uint8Array;
    /** Permission bits (0 for a symlink). */
    modes: Uint16Array;
    mtimes: Float64Array;
    /** A file's row in the stamp table (-1 for other entries). */
    rows: Int32Array;
    /** A file's size (0 for other entries). */
    sizes: Float64Array;
    /** By entry: a symlink's target, and an entry's own disk path (see ScannedEntry). */
    targets: ReadonlyMap<number, string>;
    own: ReadonlyMap<number, string>;
}
/**
 * The entries of a scanned tree in its order, held as columns: the paths as UTF-8 (Utf8List),
 * numbers in typed arrays, the few link targets and own disk paths aside. An object per entry
 * cost ~156 bytes (the object, a boxed mtime, a path string, the array's slot); this is ~45, which
 * at a million files is the difference between a backup fitting its memory budget or not. Readers
 * on hot paths go by index, in order; `at` and iteration make an object per entry for the rest.
 */
export declare class ScanEntries implements Iterable<ScannedEntry> {
    private paths;
    private kinds;
    private modes;
    private mtimes;
    private rows;
    private sizes;
    private targets;
    private own;
    private released;
    constructor(c: ScanColumns);
    /** Entries given in the tree's order, as they are (tests, and a scan's second round). */
    static of(entries: Iterable<ScannedEntry>): ScanEntries;
    get length(): number;
    /**
     * Lets go of the columns (the manifest is made): `length` throws from then on, and every
     * entry is out of range (a path throws, a number is undefined).
     */
    release(): void;
    /** Every path, in order, each made as it is reached; as often as asked (each iteration reads the list again). */
    allPaths(): Iterable<string>;
    private pathsFrom;
    /** Entry `i`'s path, made on each call (cheapest in order: see Utf8List). */
    path(i: number): string;
    type(i: number): ScannedEntry['type'];
    isFile(i: number): boolean;
    /** Permission bits of a file or directory. */
    mode(i: number): number;
    exec(i: number): boolean;
    mtimeMs(i: number): number;
    /** A file's row in the scan's stamp table. */
    stamp(i: number): number;
    /** A file's size in bytes. */
    size(i: number): number;
    /** A symlink's target, as a POSIX path. */
    target(i: number): string;
    /** The entry's own disk path, when it is not the root's joined with its path. */
    ownAbsPath(i: number): string | undefined;
    /** The entry as one object (made on each call). */
    at(i: number): ScannedEntry;
    [Symbol.iterator](): Iterator<ScannedEntry>;
}
/**
 * The entries of a scan as the walk finds them (plain arrays, which hold numbers unboxed), made
 * into `ScanEntries` in the tree's byte order once the walk is done.
 */
export declare class ScanBuilder {
    private paths;
    private kinds;
    private modes;
    private mtimes;
    private rows;
    private sizes;
    private targets;
    private own;
    get length(): number;
    dir(path: string, absPath: string | undefined, mtimeMs: number, mode: number): void;
    symlink(path: string, absPath: string | undefined, target: string, mtimeMs: number): void;
    file(path: string, absPath: string | undefined, mtimeMs: number, mode: number, stamp: number, size: number): void;
    /** An entry as one object; a file's `exec` is not kept but read from its mode (any x bit), as the walk takes it. */
    push(e: ScannedEntry): void;
    /** The entries sorted in the tree's byte order (comparePaths). */
    sorted(): ScanEntries;
    /** The entries in the order they were pushed. */
    inOrder(): ScanEntries;
    private columns;
    private add;
    private clear;
}
export {};
