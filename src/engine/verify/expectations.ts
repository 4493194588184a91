import { IntegrityError } from '../../shared/errors.js';
import type { EntryTable } from '../../snapshot/entry-table.js';
import type { DirEntry, Entry, FileEntry, Manifest, SymlinkEntry } from '../../snapshot/manifest.js';
import type { EntrySink } from '../../snapshot/manifest-stream.js';
import type { MemberExpectation } from '../../snapshot/member-expectation.js';
import { MemberTable, type MemberExpectations } from '../../snapshot/member-table.js';

/** The member a file's content is stored under (its own path unless shared with another). */
export function memberOf(entry: FileEntry): string {
  return entry.loc.member ?? entry.path;
}

/** What a file entry says its member holds and where. */
function fileExpectation(e: FileEntry, member: string): MemberExpectation {
  const { raw, span, offset, length, skip } = e.loc;
  return { member, type: 'file', size: e.size, sha256: e.sha256, raw, span, offset, length, skip };
}

/**
 * fileExpectation read through the entry, for a reader that holds the entries anyway (restore):
 * two fields instead of a copy of ten, per file.
 */
class EntryExpectation implements MemberExpectation {
  constructor(
    readonly member: string,
    private readonly e: FileEntry,
  ) {}

  get type(): 'file' {
    return 'file';
  }
  get size(): number {
    return this.e.size;
  }
  get sha256(): string {
    return this.e.sha256;
  }
  get raw(): number | undefined {
    return this.e.loc.raw;
  }
  get span(): number | undefined {
    return this.e.loc.span;
  }
  get offset(): number | undefined {
    return this.e.loc.offset;
  }
  get length(): number | undefined {
    return this.e.loc.length;
  }
  get skip(): number | undefined {
    return this.e.loc.skip;
  }
}

/** A directory or symlink, as the first pack of its snapshot records it. */
function treeExpectation(e: DirEntry | SymlinkEntry): MemberExpectation {
  return e.type === 'symlink' ? { member: e.path, type: 'symlink', target: e.target } : { member: e.path, type: 'dir' };
}

/**
 * Everything a manifest says about the members of one pack, keyed by member name. The first pack
 * a snapshot writes also carries its directories and symlinks (so plain tar recreates them): they
 * come first, then the files, each in the manifest's order. Refused: two different contents
 * under one member name (the first such in the manifest's order), then a file stored under the
 * name of a directory or link of the same pack.
 */
export function packExpectations(manifest: Manifest, packIndex: number): Map<string, MemberExpectation> {
  const pack = manifest.packs[packIndex]!;
  const files = new Map<string, MemberExpectation>();
  for (const e of manifest.entries) {
    if (e.type !== 'file' || e.loc.pack !== packIndex) continue;
    const member = memberOf(e);
    const prev = files.get(member);
    if (prev === undefined) files.set(member, fileExpectation(e, member));
    else if (differ(prev, e)) throw twoContents(manifest.id, member, pack.name);
  }
  const firstOwn = manifest.packs.findIndex((p) => p.origin === manifest.id);
  if (packIndex !== firstOwn) return files;
  const tree: MemberExpectation[] = [];
  for (const e of manifest.entries) if (e.type !== 'file') tree.push(treeExpectation(e));
  return withTree(tree, files, manifest.id, pack.name);
}

function differ(prev: MemberExpectation, e: FileEntry): boolean {
  return differs(prev, e.sha256, e.size, e.loc.raw);
}

/** Whether a second entry stored under `prev`'s member name gives it another content: the one rule, for entries and rows. */
function differs(prev: MemberExpectation, sha256: string, size: number, raw: number): boolean {
  return prev.sha256 !== sha256 || prev.size !== size || prev.raw !== raw;
}

function twoContents(id: string, member: string, packName: string): IntegrityError {
  return new IntegrityError(`manifest ${id} gives member ${member} of ${packName} two different contents`);
}

/** The first own pack's members: the directories and links, then the files, none under another's name. */
function withTree<T extends MemberExpectations>(tree: readonly MemberExpectation[], files: T, id: string, packName: string): T {
  if (files instanceof MemberTable) {
    const out = new MemberTable();
    for (const t of tree) out.add(t);
    for (const f of files.values()) if (out.add(f) !== -1) throw twoContents(id, f.member, packName);
    return out as MemberExpectations as T;
  }
  const out = new Map<string, MemberExpectation>();
  for (const t of tree) out.set(t.member, t);
  for (const [member, f] of files as unknown as Map<string, MemberExpectation>) {
    if (out.has(member)) throw twoContents(id, member, packName);
    out.set(member, f);
  }
  return out as MemberExpectations as T;
}

/**
 * Every pack's expectations from one pass over the manifest, instead of one pass per pack (a
 * chain of many packs made that packs × entries). `of(i)` is exactly `packExpectations(manifest, i)`:
 * the same map, in the same order, or the same refusal, which concerns only the pack asked for.
 */
export function allPackExpectations(manifest: Manifest): (packIndex: number) => MemberExpectations {
  // The manifest's entries outlive the expectations here: each file's is read through its entry.
  const taken = new PackExpectations(true);
  for (const e of manifest.entries) taken.entry(e);
  return taken.of(manifest);
}

/**
 * allPackExpectations an entry at a time, as a manifest is read (an EntrySink): a reader that
 * needs only the expectations (verify) never holds the entries. Which pack is the snapshot's
 * first own one is known only from the packs, which a manifest's text gives after the entries,
 * so its directories and links wait apart until `of`.
 */
export class PackExpectations implements EntrySink {
  /** By pack: a Map of expectations, or, with `tables`, a table of them (MemberTable). */
  private files = new Map<number, Map<string, MemberExpectation> | MemberTable>();
  /** Packs whose files disagree, with the first member that does. */
  private conflicts = new Map<number, string>();
  private tree: MemberExpectation[] = [];

  /**
   * `throughEntries`: the caller keeps every entry it hands in, so expectations may read them
   * instead of copying (in Maps). Otherwise each is copied: into a Map of objects (~300 bytes a
   * file), or with `tables` into tables (~150 bytes). Tables make an object per member each time
   * a pack is read, garbage that costs more than they save at 100,000 files (verify: 205-218 MB
   * against 177-181) and far less at 1,000,000 (490 against 640): the caller chooses by size.
   */
  constructor(
    private readonly throughEntries = false,
    private readonly tables = false,
  ) {}

  entry(e: Entry): void {
    if (e.type !== 'file') {
      this.tree.push(treeExpectation(e));
      return;
    }
    const pack = e.loc.pack;
    if (this.conflicts.has(pack)) return;
    let files = this.files.get(pack);
    if (files === undefined) this.files.set(pack, (files = this.tables ? new MemberTable() : new Map()));
    const member = memberOf(e);
    let differs: boolean;
    if (files instanceof MemberTable) {
      const row = files.add(fileExpectation(e, member));
      differs = row !== -1 && !files.sameContent(row, { sha256: e.sha256, size: e.size, raw: e.loc.raw });
    } else {
      const prev = files.get(member);
      if (prev === undefined) files.set(member, this.throughEntries ? new EntryExpectation(member, e) : fileExpectation(e, member));
      differs = prev !== undefined && differ(prev, e);
    }
    if (differs) {
      this.conflicts.set(pack, member);
      this.files.delete(pack);
    }
  }

  restart(): void {
    this.files = new Map();
    this.conflicts = new Map();
    this.tree = [];
  }

  /**
   * Each pack's map, handed over once (and then let go of here, so a reader of one pack after
   * another holds no more than before); a pack whose entries disagree is refused when asked for.
   */
  of(manifest: Pick<Manifest, 'id' | 'packs'>): (packIndex: number) => MemberExpectations {
    const firstOwn = manifest.packs.findIndex((p) => p.origin === manifest.id);
    const given = new Set<number>();
    const { files, conflicts, tree } = this;
    this.restart();
    return (packIndex) => {
      const packName = manifest.packs[packIndex]!.name;
      const member = conflicts.get(packIndex);
      if (member !== undefined) throw twoContents(manifest.id, member, packName);
      if (given.has(packIndex)) throw new Error(`the expectations of pack ${packIndex} were handed over already`);
      given.add(packIndex);
      const own: MemberExpectations = files.get(packIndex) ?? new Map<string, MemberExpectation>();
      files.delete(packIndex);
      return packIndex === firstOwn ? withTree(tree, own, manifest.id, packName) : own;
    };
  }
}

/**
 * fileExpectation read through a row of an EntryTable (restore of a manifest held as columns):
 * an object of three fields per member of the pack being read, none kept once it is read.
 */
class RowExpectation implements MemberExpectation {
  constructor(
    readonly member: string,
    private readonly table: EntryTable,
    readonly row: number,
  ) {}

  get type(): 'file' {
    return 'file';
  }
  get size(): number {
    return this.table.size(this.row);
  }
  get sha256(): string {
    return this.table.sha256(this.row);
  }
  get raw(): number {
    return this.table.raw(this.row);
  }
  get span(): number {
    return this.table.span(this.row);
  }
  get offset(): number {
    return this.table.offset(this.row);
  }
  get length(): number {
    return this.table.locLength(this.row);
  }
  get skip(): number {
    return this.table.skip(this.row);
  }
}

/**
 * packExpectations for one pack of a manifest held as an EntryTable: `rows` are the rows of the
 * pack's files in the manifest's order, `treeRows` those of every directory and link when the
 * pack is the snapshot's first own one. The same map, in the same order, or the same refusal.
 */
export function rowPackExpectations(
  manifest: Pick<Manifest, 'id' | 'packs'>,
  table: EntryTable,
  packIndex: number,
  rows: Iterable<number>,
  treeRows: Iterable<number> | undefined,
): Map<string, MemberExpectation> {
  const packName = manifest.packs[packIndex]!.name;
  const files = new Map<string, MemberExpectation>();
  for (const r of rows) {
    const member = table.member(r);
    const prev = files.get(member);
    if (prev === undefined) files.set(member, new RowExpectation(member, table, r));
    else if (differs(prev, table.sha256(r), table.size(r), table.raw(r))) throw twoContents(manifest.id, member, packName);
  }
  if (treeRows === undefined) return files;
  const tree: MemberExpectation[] = [];
  for (const r of treeRows) tree.push(treeExpectation(table.at(r) as DirEntry | SymlinkEntry));
  return withTree(tree, files, manifest.id, packName);
}
