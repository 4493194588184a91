import type { Entry, FileEntry, Location } from '../../snapshot/manifest.js';
import type { EntrySink } from '../../snapshot/manifest-stream.js';
import { ContentLocations } from './content-locations.js';
import { ShaRows } from './sha-rows.js';
import { TreeDigest } from '../tree-digest.js';
import { Utf8List } from '../../shared/utf8-list.js';
import { comparePaths } from '../../snapshot/entry-path.js';

/** Where the chain holds one content: the location of the first file of the parent holding it (`pack` into the parent's packs). */
export interface ChainContent {
  loc: Location;
  /** The tar member holding it: the location's member, else that file's path. */
  member: string;
  size: number;
}

/** Where a content is in the chain, without its member's name (`ParentContents.memberAt`). */
export type ChainLocation = Omit<ChainContent, 'member'>;

/** The new scan's paths, in comparePaths order (scan-entries.ts). */
export interface ScannedPaths {
  readonly length: number;
  path(i: number): string;
}

/** What trusting mtimes compares a scanned file with: the parent's file of the same path. */
export type PreviousFile = Pick<FileEntry, 'size' | 'mtimeMs' | 'exec' | 'sha256'>;

/**
 * What an incremental needs of its parent's entries, taken one at a time as the manifest is read
 * (an EntrySink): which content the chain holds and where, the digest of its tree (equal to a
 * scan's exactly when `sameTree` would find them equal, see tree-digest.ts), and, to trust mtimes,
 * its files by path. No entry is kept: a content is a few numbers and its member's name.
 */
export class ParentContents implements EntrySink {
  private tree = new TreeDigest();
  private treeDigest: string | undefined;
  /** sha256 -> its row in the columns below; undefined once only the planned contents are kept (`keepOnly`). */
  private bySha: ShaRows | undefined;
  /** Each kept content's sha256 (32 bytes a row), after `keepOnly`. */
  private keptShas: Buffer | undefined;
  /** Where each content is, by row. */
  private locs: ContentLocations;
  /**
   * Per content, where its member's name is: the row of the same path in the new scan (>= 0),
   * which is nearly always so (a file unchanged since the parent), or `-(k + 1)` for name `k` of
   * `others`. A million names as UTF-8 took ~24 MB; as rows, 4 MB.
   */
  private memberRows: Int32Array;
  /** Member names no scanned path has, as UTF-8 (as strings, a million held ~20 MB more). */
  private others = new Utf8List();
  /** The scan row the next name is looked for from, and the last name looked for (names come in path order, mostly). */
  private next = 0;
  private lastName: string | undefined;
  private previousFiles: Map<string, PreviousFile> | undefined;
  private released = false;

  /**
   * `treeDigest`: the tree's digest when it is known already, and `rows`, how many contents
   * will be added (an index of the contents, parent-contents-file.ts).
   */
  constructor(
    private readonly keepPrevious: boolean,
    treeDigest?: string,
    rows = 1024,
    /** The new scan: a member found among its paths is kept as its row there. */
    private readonly scanned?: ScannedPaths,
  ) {
    if (keepPrevious) this.previousFiles = new Map();
    this.treeDigest = treeDigest;
    this.bySha = new ShaRows(undefined, rows);
    this.locs = new ContentLocations(rows);
    this.memberRows = new Int32Array(Math.max(1, rows));
  }

  entry(e: Entry): void {
    this.tree.entry(e);
    if (e.type !== 'file') return;
    this.previousFiles?.set(e.path, { size: e.size, mtimeMs: e.mtimeMs, exec: e.exec, sha256: e.sha256 });
    // Only the first file of a content counts: its location (pack, offset, length, raw, skip, span), its size and member.
    const { row, added } = this.lookup().add(e.sha256);
    if (!added) return;
    const { loc } = e;
    this.room(row);
    this.locs.set(row, loc.pack, loc.offset, loc.length, loc.raw, loc.skip, loc.span, e.size);
    this.memberRows[row] = this.placeMember(loc.member ?? e.path);
  }

  /**
   * A file's content as an index of contents holds it (contents-index.ts): its sha256 as bytes
   * (`sha[shaAt, shaAt + 32)`), the 7 numbers `entry` keeps as little-endian doubles from byte
   * `numsAt` of `nums`; `member` is asked for only when the content is new.
   */
  addContentBytes(sha: Uint8Array, shaAt: number, nums: DataView, numsAt: number, member: () => string): void {
    const { row, added } = this.lookup().addBytes(sha, shaAt);
    if (!added) return;
    this.room(row);
    const n = (k: number) => nums.getFloat64(numsAt + 8 * k, true);
    this.locs.set(row, n(0), n(1), n(2), n(3), n(4), n(5), n(6));
    this.memberRows[row] = this.placeMember(member());
  }

  /**
   * Where a member's name is kept (see `memberRows`): the scan is walked once, forward, as the
   * names come in path order; a name out of that order, or that no scanned path equals, is kept
   * as it is. Only an exact match of the strings makes a row.
   */
  private placeMember(name: string): number {
    const s = this.scanned;
    if (s !== undefined && (this.lastName === undefined || comparePaths(this.lastName, name) <= 0)) {
      this.lastName = name;
      while (this.next < s.length) {
        const at = s.path(this.next);
        const order = comparePaths(at, name);
        if (order > 0) break;
        if (order === 0 && at === name) return this.next;
        this.next++;
      }
    }
    this.others.push(name);
    return -this.others.length;
  }

  /** Room for row `row`'s member (its location makes its own). */
  private room(row: number): void {
    if (row >= this.memberRows.length) {
      const rows = new Int32Array(this.memberRows.length * 2);
      rows.set(this.memberRows);
      this.memberRows = rows;
    }
  }

  restart(): void {
    this.tree = new TreeDigest();
    this.treeDigest = undefined;
    this.bySha = new ShaRows();
    this.keptShas = undefined;
    this.locs = new ContentLocations(1024);
    this.memberRows = new Int32Array(1024);
    this.others = new Utf8List();
    this.next = 0;
    this.lastName = undefined;
    if (this.keepPrevious) this.previousFiles = new Map();
  }

  /** Lets go of the columns (the manifest is made): any later question throws, never answers "not in the chain". */
  release(): void {
    this.restart();
    this.released = true;
  }

  /**
   * Once planned, keeps only the contents `sources` refers to (its rows >= 0, renumbered in place,
   * in the same order) and lets go of the lookup by sha256: `rowOf` then throws. Where a tree
   * dropped most of its parent's content (an index rewritten), that is most of these columns,
   * ~96 MB at a million files; where it kept most, only the lookup's table goes.
   */
  keepOnly(sources: Int32Array): void {
    const bySha = this.lookup();
    const rows = bySha.size;
    const remap = new Int32Array(rows).fill(-1);
    for (const s of sources) if (s >= 0) remap[s] = 0;
    let kept = 0;
    for (let r = 0; r < rows; r++) if (remap[r] === 0) remap[r] = kept++;
    // Moved down in place (a kept row's new number is never above its old one), then cut to size.
    for (let r = 0; r < rows; r++) {
      const k = remap[r]!;
      if (k < 0 || k === r) continue;
      this.memberRows[k] = this.memberRows[r]!;
    }
    for (let i = 0; i < sources.length; i++) if (sources[i]! >= 0) sources[i] = remap[sources[i]!]!;
    this.keptShas = bySha.keepRows(remap, kept);
    this.bySha = undefined;
    // A copy of the kept part frees the rest; when most is kept, the columns stay as they are.
    this.locs.keep(remap, kept, 2 * kept <= rows);
    if (2 * kept <= rows) this.memberRows = this.memberRows.slice(0, kept);
    this.previousFiles = undefined;
  }

  /** Where the chain holds the content of this sha256, if it does. */
  content(sha256: string): ChainContent | undefined {
    const row = this.rowOf(sha256);
    return row === undefined ? undefined : this.contentAt(row);
  }

  /** The sha256 of the content of row `row`. */
  shaAt(row: number): string {
    if (this.released) throw new Error("a content of the parent is asked for after the parent's contents were released");
    if (this.keptShas) return this.keptShas.toString('hex', 32 * row, 32 * row + 32);
    return this.lookup().shaOf(row);
  }

  /** Where the chain holds the content of row `row`. */
  contentAt(row: number): ChainContent {
    return { ...this.locationAt(row), member: this.memberAt(row) };
  }

  /** contentAt without the member's name (made only if asked for: `memberAt`, `memberIsScanned`). */
  locationAt(row: number): ChainLocation {
    if (this.released) throw new Error("a content of the parent is asked for after the parent's contents were released");
    return this.locs.get(row);
  }

  /** The tar member holding the content of row `row`. */
  memberAt(row: number): string {
    if (this.released) throw new Error("a content of the parent is asked for after the parent's contents were released");
    const r = this.memberRows[row]!;
    return r >= 0 ? this.scanned!.path(r) : this.others.get(-r - 1);
  }

  /** Whether the member of row `row` is the path of the scan's entry `i` (no name made to tell). */
  memberIsScanned(row: number, i: number): boolean {
    if (this.released) throw new Error("a content of the parent is asked for after the parent's contents were released");
    return this.memberRows[row] === i;
  }

  /** The parent's pack holding the content of row `row`. */
  packAt(row: number): number {
    if (this.released) throw new Error("a content of the parent is asked for after the parent's contents were released");
    return this.locs.pack(row);
  }

  /** The parent's file at this path; only when made to keep them (trusting mtimes). */
  previous(path: string): PreviousFile | undefined {
    if (this.released) throw new Error('a file of the parent is asked for after its contents were released');
    return this.previousFiles?.get(path);
  }

  /** The digest of the parent's tree (tree-digest.ts), once every entry is taken. */
  treeDigestOf(): string {
    if (this.released) throw new Error("the parent's tree digest is asked for after its contents were released");
    return (this.treeDigest ??= this.tree.digest());
  }

  /** The row of the content of this sha256, if the chain holds it (see `contentAt`, `shaAt`). */
  rowOf(sha256: string): number | undefined {
    if (this.released) throw new Error("a content of the parent is asked for after the parent's contents were released");
    return this.lookup().get(sha256);
  }

  /** `rowOf` for a sha256 given as its 32 bytes. */
  rowOfBytes(sha256: Uint8Array): number | undefined {
    if (this.released) throw new Error("a content of the parent is asked for after the parent's contents were released");
    return this.lookup().getBytes(sha256, 0);
  }

  /** The lookup by sha256, there until `keepOnly`. */
  private lookup(): ShaRows {
    if (this.bySha === undefined) throw new Error('a content of the parent is looked up by sha256 after only the planned ones were kept');
    return this.bySha;
  }
}
