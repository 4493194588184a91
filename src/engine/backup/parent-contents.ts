import type { Entry, FileEntry, Location } from '../../snapshot/manifest.js';
import type { EntrySink } from '../../snapshot/manifest-stream.js';
import { ShaRows } from './sha-rows.js';
import { TreeDigest } from './tree-digest.js';

/** Where the chain holds one content: the location of the first file of the parent holding it (`pack` into the parent's packs). */
export interface ChainContent {
  loc: Location;
  /** The tar member holding it: the location's member, else that file's path. */
  member: string;
  size: number;
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
  /** sha256 -> its row in the columns below. */
  private bySha = new ShaRows();
  private locs: number[] = [];
  private members: string[] = [];
  private previousFiles: Map<string, PreviousFile> | undefined;

  constructor(private readonly keepPrevious: boolean) {
    if (keepPrevious) this.previousFiles = new Map();
  }

  entry(e: Entry): void {
    this.tree.entry(e);
    if (e.type !== 'file') return;
    this.previousFiles?.set(e.path, { size: e.size, mtimeMs: e.mtimeMs, exec: e.exec, sha256: e.sha256 });
    if (!this.bySha.add(e.sha256).added) return;
    const { loc } = e;
    this.locs.push(loc.pack, loc.offset, loc.length, loc.raw, loc.skip, loc.span, e.size);
    this.members.push(loc.member ?? e.path);
  }

  restart(): void {
    this.tree = new TreeDigest();
    this.treeDigest = undefined;
    this.bySha = new ShaRows();
    this.locs = [];
    this.members = [];
    if (this.keepPrevious) this.previousFiles = new Map();
  }

  /** Where the chain holds the content of this sha256, if it does. */
  content(sha256: string): ChainContent | undefined {
    const row = this.bySha.get(sha256);
    if (row === undefined) return undefined;
    const at = LOC_FIELDS * row;
    const l = this.locs;
    return {
      loc: { length: l[at + 2]!, offset: l[at + 1]!, pack: l[at]!, raw: l[at + 3]!, skip: l[at + 4]!, span: l[at + 5]! },
      member: this.members[row]!,
      size: l[at + 6]!,
    };
  }

  /** The parent's pack holding this content (an index into its packs), if the chain holds it. */
  packOf(sha256: string): number | undefined {
    const row = this.bySha.get(sha256);
    return row === undefined ? undefined : this.locs[LOC_FIELDS * row]!;
  }

  /** The parent's file at this path; only when made to keep them (trusting mtimes). */
  previous(path: string): PreviousFile | undefined {
    return this.previousFiles?.get(path);
  }

  /** The digest of the parent's tree (tree-digest.ts), once every entry is taken. */
  treeDigestOf(): string {
    return (this.treeDigest ??= this.tree.digest());
  }
}

/** pack, offset, length, raw, skip, span and the file's size, per content. */
const LOC_FIELDS = 7;
