import { comparePaths } from '../../snapshot/entry-path.js';
import { Utf8List } from '../../shared/utf8-list.js';

/**
 * An entry of the tree, as one object (see `ScanEntries.at`). Its path on disk is the root's
 * joined with `path` (see `absPathOf`); only an entry below or at a name that is not NFC keeps
 * its own `absPath`. A file's `stamp` is its row in the scan's `stamps`.
 */
export type ScannedEntry =
  | { type: 'dir'; path: string; absPath?: string; mtimeMs: number; mode: number }
  | { type: 'symlink'; path: string; absPath?: string; target: string; mtimeMs: number }
  | { type: 'file'; path: string; absPath?: string; size: number; mtimeMs: number; exec: boolean; mode: number; stamp: number };

export type ScannedFile = Extract<ScannedEntry, { type: 'file' }>;

const DIR = 0;
const SYMLINK = 1;
const FILE = 2;
const TYPES = ['dir', 'symlink', 'file'] as const;

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
export class ScanEntries implements Iterable<ScannedEntry> {
  private paths: Utf8List;
  private kinds: Uint8Array;
  private modes: Uint16Array;
  private mtimes: Float64Array;
  private rows: Int32Array;
  private sizes: Float64Array;
  private targets: ReadonlyMap<number, string>;
  private own: ReadonlyMap<number, string>;
  private released = false;

  constructor(c: ScanColumns) {
    ({ paths: this.paths, kinds: this.kinds, modes: this.modes, mtimes: this.mtimes, rows: this.rows } = c);
    ({ sizes: this.sizes, targets: this.targets, own: this.own } = c);
  }

  /** Entries given in the tree's order, as they are (tests, and a scan's second round). */
  static of(entries: Iterable<ScannedEntry>): ScanEntries {
    const b = new ScanBuilder();
    for (const e of entries) b.push(e);
    return b.inOrder();
  }

  get length(): number {
    if (this.released) throw new Error('scanned entries are asked for after they were released');
    return this.kinds.length;
  }

  /**
   * Lets go of the columns (the manifest is made): `length` throws from then on, and every
   * entry is out of range (a path throws, a number is undefined).
   */
  release(): void {
    this.released = true;
    this.paths = new Utf8List(0, 0);
    [this.kinds, this.modes, this.mtimes] = [new Uint8Array(0), new Uint16Array(0), new Float64Array(0)];
    [this.rows, this.sizes, this.targets, this.own] = [new Int32Array(0), new Float64Array(0), new Map(), new Map()];
  }

  /** Every path, in order, each made as it is reached; as often as asked (each iteration reads the list again). */
  allPaths(): Iterable<string> {
    return { [Symbol.iterator]: () => this.pathsFrom() };
  }

  private *pathsFrom(): Generator<string> {
    for (let i = 0; i < this.kinds.length; i++) yield this.paths.get(i);
  }

  /** Entry `i`'s path, made on each call (cheapest in order: see Utf8List). */
  path(i: number): string {
    return this.paths.get(i);
  }

  type(i: number): ScannedEntry['type'] {
    return TYPES[this.kinds[i]!]!;
  }

  isFile(i: number): boolean {
    return this.kinds[i] === FILE;
  }

  /** Permission bits of a file or directory. */
  mode(i: number): number {
    return this.modes[i]!;
  }

  exec(i: number): boolean {
    return (this.modes[i]! & 0o111) !== 0;
  }

  mtimeMs(i: number): number {
    return this.mtimes[i]!;
  }

  /** A file's row in the scan's stamp table. */
  stamp(i: number): number {
    return this.rows[i]!;
  }

  /** A file's size in bytes. */
  size(i: number): number {
    return this.sizes[i]!;
  }

  /** A symlink's target, as a POSIX path. */
  target(i: number): string {
    return this.targets.get(i)!;
  }

  /** The entry's own disk path, when it is not the root's joined with its path. */
  ownAbsPath(i: number): string | undefined {
    return this.own.get(i);
  }

  /** The entry as one object (made on each call). */
  at(i: number): ScannedEntry {
    const path = this.paths.get(i);
    const absPath = this.own.get(i);
    const own = absPath === undefined ? {} : { absPath };
    const mtimeMs = this.mtimes[i]!;
    switch (this.kinds[i]) {
      case DIR:
        return { type: 'dir', path, ...own, mtimeMs, mode: this.modes[i]! };
      case SYMLINK:
        return { type: 'symlink', path, ...own, target: this.targets.get(i)!, mtimeMs };
      default:
        return {
          type: 'file',
          path,
          ...own,
          size: this.sizes[i]!,
          mtimeMs,
          exec: this.exec(i),
          mode: this.modes[i]!,
          stamp: this.rows[i]!,
        };
    }
  }

  *[Symbol.iterator](): Iterator<ScannedEntry> {
    for (let i = 0; i < this.kinds.length; i++) yield this.at(i);
  }
}

/**
 * The entries of a scan as the walk finds them (plain arrays, which hold numbers unboxed), made
 * into `ScanEntries` in the tree's byte order once the walk is done.
 */
export class ScanBuilder {
  private paths: string[] = [];
  private kinds: number[] = [];
  private modes: number[] = [];
  private mtimes: number[] = [];
  private rows: number[] = [];
  private sizes: number[] = [];
  private targets = new Map<number, string>();
  private own = new Map<number, string>();

  get length(): number {
    return this.paths.length;
  }

  dir(path: string, absPath: string | undefined, mtimeMs: number, mode: number): void {
    this.add(path, absPath, DIR, mtimeMs, mode, -1, 0);
  }

  symlink(path: string, absPath: string | undefined, target: string, mtimeMs: number): void {
    this.targets.set(this.paths.length, target);
    this.add(path, absPath, SYMLINK, mtimeMs, 0, -1, 0);
  }

  file(path: string, absPath: string | undefined, mtimeMs: number, mode: number, stamp: number, size: number): void {
    this.add(path, absPath, FILE, mtimeMs, mode, stamp, size);
  }

  /** An entry as one object; a file's `exec` is not kept but read from its mode (any x bit), as the walk takes it. */
  push(e: ScannedEntry): void {
    if (e.type === 'dir') this.dir(e.path, e.absPath, e.mtimeMs, e.mode);
    else if (e.type === 'symlink') this.symlink(e.path, e.absPath, e.target, e.mtimeMs);
    else this.file(e.path, e.absPath, e.mtimeMs, e.mode, e.stamp, e.size);
  }

  /** The entries sorted in the tree's byte order (comparePaths). */
  sorted(): ScanEntries {
    const { paths } = this;
    const order = Array.from({ length: paths.length }, (_, i) => i);
    order.sort((a, b) => comparePaths(paths[a]!, paths[b]!));
    return this.columns(order);
  }

  /** The entries in the order they were pushed. */
  inOrder(): ScanEntries {
    return this.columns(Array.from({ length: this.paths.length }, (_, i) => i));
  }

  private columns(order: readonly number[]): ScanEntries {
    const n = order.length;
    // Room made once, and each path string let go as it is copied: the walk's strings and the
    // list are never both whole in memory, nor a list and its doubled copy.
    let bytes = 0;
    for (const p of this.paths) bytes += Buffer.byteLength(p, 'utf8');
    const paths = new Utf8List(n, bytes);
    const kinds = new Uint8Array(n);
    const modes = new Uint16Array(n);
    const mtimes = new Float64Array(n);
    const rows = new Int32Array(n);
    const sizes = new Float64Array(n);
    const targets = new Map<number, string>();
    const own = new Map<number, string>();
    for (let i = 0; i < n; i++) {
      const from = order[i]!;
      paths.push(this.paths[from]!);
      this.paths[from] = '';
      kinds[i] = this.kinds[from]!;
      modes[i] = this.modes[from]!;
      mtimes[i] = this.mtimes[from]!;
      rows[i] = this.rows[from]!;
      sizes[i] = this.sizes[from]!;
      const target = this.targets.get(from);
      if (target !== undefined) targets.set(i, target);
      const abs = this.own.get(from);
      if (abs !== undefined) own.set(i, abs);
    }
    this.clear();
    return new ScanEntries({ paths, kinds, modes, mtimes, rows, sizes, targets, own });
  }

  private add(path: string, absPath: string | undefined, kind: number, mtimeMs: number, mode: number, stamp: number, size: number): void {
    if (absPath !== undefined) this.own.set(this.paths.length, absPath);
    this.paths.push(path);
    this.kinds.push(kind);
    this.modes.push(mode);
    this.mtimes.push(mtimeMs);
    this.rows.push(stamp);
    this.sizes.push(size);
  }

  private clear(): void {
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
